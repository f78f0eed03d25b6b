# How Pester 5 runs a file: discovery first, then the run, each with its
# own scopes.
BeforeDiscovery {
    $vmNames = 'web01', 'db01'
}

$discoveryOnly = 'set while discovering'

BeforeAll {
    $fromTopBeforeAll = 'top'
    function Get-Greeting([string]$Name) { "Hello $Name" }
}

Describe 'Discovery and run' {
    $inDescribeBody = 'also discovery only'

    BeforeAll {
        $fromBeforeAll = 'block'
        $counter = 0
    }

    BeforeEach {
        $perTest = 'fresh'
        $script:order += @('BeforeEach')
    }

    AfterEach {
        $script:order += @('AfterEach')
    }

    It 'does not see variables set while discovering' {
        $discoveryOnly | Should -BeNullOrEmpty
        $inDescribeBody | Should -BeNullOrEmpty
    }

    It 'sees what BeforeAll set, here and above' {
        $fromBeforeAll | Should -Be 'block'
        $fromTopBeforeAll | Should -Be 'top'
        Get-Greeting 'admin' | Should -Be 'Hello admin'
    }

    It 'sees what BeforeEach set' {
        $perTest | Should -Be 'fresh'
        $perTest = 'changed'
    }

    It 'does not see what another test changed' {
        $perTest | Should -Be 'fresh'
        $counter++
        $counter | Should -Be 1
    }

    It 'does not keep the counter of the previous test' {
        $counter | Should -Be 0
    }

    It 'knows its folder' {
        $PSScriptRoot | Should -Match 'features$'
        Split-Path -Leaf $PSCommandPath | Should -Be 'Scoping.Tests.ps1'
    }

    Context 'VM <_>' -ForEach $vmNames {
        BeforeAll {
            $vmName = $_
        }

        It 'gets the block data as $_ and in the name (<vmName>)' {
            $_ | Should -Be $vmName
            $vmName | Should -BeIn 'web01', 'db01'
        }
    }

    Context 'hashtable data' -ForEach @(
        @{ Name = 'web01'; Cluster = 'Prod' }
        @{ Name = 'dev01'; Cluster = 'Dev' }
    ) {
        It '<Name> is in <Cluster>' {
            $Cluster | Should -BeLike '*'
            $_.Name | Should -Be $Name
        }
    }
}

Describe 'Skipping and results' {
    It 'is skipped' -Skip {
        throw 'never runs'
    }

    It 'is pending' -Pending {
        throw 'never runs'
    }

    It 'skips itself' {
        Set-ItResult -Skipped -Because 'no vCenter 8 here'
    }

    It 'is inconclusive' {
        Set-ItResult -Inconclusive -Because 'the KMS did not answer'
    }

    It 'passes with an empty body' { }

    Context 'a skipped context' -Skip {
        It 'is skipped with its context' {
            throw 'never runs'
        }
    }

    It 'is skipped when the condition holds' -Skip:($PSVersionTable.PSEdition -eq 'Core') {
        throw 'never runs'
    }
}

Describe 'TestDrive' {
    BeforeAll {
        Set-Content -Path TestDrive:\inventory.csv -Value "Name,Cluster`nweb01,Prod"
    }

    It 'is a folder that holds files' {
        'TestDrive:\inventory.csv' | Should -Exist
        $TestDrive | Should -Exist
        Join-Path $TestDrive 'inventory.csv' | Should -Exist
    }

    It 'reads back what was written' {
        (Import-Csv -Path "$TestDrive\inventory.csv").Cluster | Should -Be 'Prod'
        'TestDrive:\inventory.csv' | Should -FileContentMatch '^web01,'
        'TestDrive:\inventory.csv' | Should -Not -FileContentMatchExactly 'WEB01'
    }

    It 'keeps files a test creates until its block ends' {
        Set-Content -Path TestDrive:\scratch.txt -Value 'x'
        'TestDrive:\scratch.txt' | Should -Exist
    }

    It 'still has the file of the previous test' {
        'TestDrive:\scratch.txt' | Should -Exist
    }

    Context 'a nested block' {
        It 'creates a file' {
            Set-Content -Path TestDrive:\nested.txt -Value 'x'
            'TestDrive:\nested.txt' | Should -Exist
        }
    }

    It 'loses the files of a finished block' {
        'TestDrive:\nested.txt' | Should -Not -Exist
    }
}

Describe 'Tags' -Tag 'Slow' {
    It 'is tagged through its block' {
        $true | Should -BeTrue
    }

    It 'has its own tag' -Tag 'Fast' {
        $false | Should -BeFalse
    }
}

Describe 'Setup and teardown order' {
    BeforeAll {
        $script:log = @('Describe BeforeAll')
    }

    BeforeEach {
        $script:log += 'Describe BeforeEach'
    }

    AfterEach {
        $script:log += 'Describe AfterEach'
    }

    Context 'inner' {
        BeforeEach {
            $script:log += 'Context BeforeEach'
        }

        AfterEach {
            $script:log += 'Context AfterEach'
        }

        It 'runs the outer setups first' {
            $script:log += 'It'
            $script:log | Should -Be @('Describe BeforeAll', 'Describe BeforeEach', 'Context BeforeEach', 'It')
        }

        It 'ran the teardowns from the inside out' {
            $script:log[4..5] | Should -Be @('Context AfterEach', 'Describe AfterEach')
        }
    }
}
