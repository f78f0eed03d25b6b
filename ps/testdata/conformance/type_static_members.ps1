[int]::MaxValue
[int]::MinValue
[long]::MaxValue
[byte]::MaxValue
[double]::NaN
[math]::Abs(-5)
[math]::Max(3, 7)
[math]::Min(2.5, 1)
[math]::Pow(2, 10)
[math]::Sqrt(16)
[math]::Floor(2.7)
[math]::Ceiling(2.1)
[math]::Round(2.5)
[math]::Round(3.5)
[math]::Round(2.567, 2)
[math]::Round(2.5, [MidpointRounding]::AwayFromZero)
[math]::Truncate(-2.7)
[math]::Round(1.005d, 2)
[Environment]::NewLine -eq "`n"
[Environment]::GetEnvironmentVariable('KEYHOST_TEST')
[System.IO.Path]::Combine('/a', 'b', 'c.txt')
[System.IO.Path]::GetFileName('/x/y/file.tar.gz')
[System.IO.Path]::GetExtension('/x/y/file.tar.gz')
[System.IO.Path]::GetFileNameWithoutExtension('/x/y/file.txt')
[System.IO.Path]::GetDirectoryName('/x/y/file.txt')
[System.IO.Path]::GetTempPath()
[IO.Path]::IsPathRooted('rel/p')
