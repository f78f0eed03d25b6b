// Package pester will run admins' Pester 5 test files (*.Tests.ps1) on
// keyhost's interpreter: discovery and run phases, Describe/Context/It,
// Should, Mock, TestDrive, and Pester's console, JUnit and NUnit output.
// It is empty until that work lands; see the project's issues.
package pester
