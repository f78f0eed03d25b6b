// Package pester runs admins' Pester 5 test files (*.Tests.ps1) unchanged
// on keyhost's PowerShell interpreter, and reports the way Pester 5.7.1
// does, so that CI reads the results.
//
// Pester's commands are Go commands registered into a runner's command
// table (Register): Describe, Context, It, BeforeAll, BeforeEach,
// AfterEach, AfterAll, BeforeDiscovery, Should with its operators, Mock,
// Should -Invoke / -InvokeVerifiable (and their v4 names), InModuleScope,
// Set-ItResult, New-MockObject, Invoke-Pester and New-PesterConfiguration.
//
// A run has Pester's two phases. Discovery runs each test file; Describe
// and Context run their bodies to find what is inside, It and the setup
// blocks only record their script blocks. After the filters (tags, full
// names, lines) the run phase executes the recorded tree with Pester's
// scoping: a container scope (a script scope with $PSScriptRoot and
// $TestDrive) holding the top-level BeforeAll; a child scope per block for
// its data and BeforeAll; a child of that per test for its data,
// BeforeEach, body and AfterEach. What discovery code set is not visible
// in the run.
//
// Mock puts a dispatcher with the mocked command's parameters in front of
// it (an alias in the container's scope, or in a module's session state
// with -ModuleName); behaviours belong to the test or block that defined
// them. TestDrive is a temporary folder, reachable as $TestDrive and as
// TestDrive: paths.
//
// Invoke runs test files from Go (keyhost test gives each file its own
// session); Invoke-Pester runs them inside a script's session. Output
// follows Pester's console format (Normal, Detailed, None); JUnit 4 and
// NUnit 2.5 reports follow TestResults.JUnit4.ps1 and
// TestResults.NUnit25.ps1.
package pester
