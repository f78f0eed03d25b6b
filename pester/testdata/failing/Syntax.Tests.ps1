Describe 'Does not parse' {
    It 'misses a brace' {
        if ($true {
            1 | Should -Be 1
        }
    }
}
