# [System.IO.File] and [System.IO.Directory] work on the run's file system;
# a failure surfaces as a MethodInvocationException around the .NET one.
[IO.File]::WriteAllText('/conformance/tmp_io.txt', "one`ntwo`n")
[IO.File]::AppendAllText('/conformance/tmp_io.txt', 'three')
[IO.File]::Exists('/conformance/tmp_io.txt')
[IO.File]::ReadAllText('/conformance/tmp_io.txt').Length
$lines = [IO.File]::ReadAllLines('/conformance/tmp_io.txt')
"$($lines.Count): $($lines -join '|')"
[IO.File]::WriteAllLines('/conformance/tmp_lines.txt', [string[]]('a', 'b'))
[IO.File]::ReadAllText('/conformance/tmp_lines.txt') -eq "a`nb`n"
[IO.Directory]::Exists('/conformance/lib')
[IO.Directory]::Exists('/conformance/tmp_io.txt')
try {
    [IO.File]::ReadAllText('/conformance/missing.txt')
} catch [System.IO.FileNotFoundException] {
    $_.Exception.GetType().FullName
    $_.Exception.InnerException.GetType().FullName
    $_.Exception.Message
    $_.FullyQualifiedErrorId
}
[IO.File]::Delete('/conformance/tmp_io.txt')
[IO.File]::Exists('/conformance/tmp_io.txt')
