# ConvertTo-Html writes one string per line: the XHTML page (title
# "HTML TABLE" unless -Title), a colgroup and header row from the first
# object's columns, then a row per object with the values HTML-encoded.
# A calculated property takes Label/Expression; Width and Alignment go
# on its <col>. -Fragment writes only the table; -As List writes a
# name/value row per property. -PreContent comes before the table.
$rows = @(
    [pscustomobject]@{ Name = 'db01'; Encrypted = $true; Cipher = 'AES<256>' }
    [pscustomobject]@{ Name = 'web & app'; Encrypted = $false; Cipher = $null }
)
$rows | ConvertTo-Html -Property Name, @{ Label = 'Status'; Expression = { if ($_.Encrypted) { 'OK' } else { 'Missing' } } } -Title 'Encryption audit'
'-- fragment'
$rows | ConvertTo-Html -Fragment
'-- width and alignment, a missing property'
$rows | ConvertTo-Html -Fragment -Property @{ e = 'Name'; width = 20; alignment = 'left' }, Nope
'-- list'
$rows[0] | ConvertTo-Html -Fragment -As List -Property Name, Cipher -PreContent '<h2>db01</h2>' -PostContent '<p>end</p>'
'-- default page, no input'
ConvertTo-Html
