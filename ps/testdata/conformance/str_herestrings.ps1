$x = 'X'
@"
line $x
  indented
"@
@'
no $x here
'@
