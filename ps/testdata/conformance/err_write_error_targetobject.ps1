try { Write-Error -Message 'bad thing' -Category InvalidData -ErrorId 'BadThing' -TargetObject 'item1' -ErrorAction Stop } catch {
  $_.Exception.Message
  $_.CategoryInfo.Category
  $_.TargetObject
  $_.FullyQualifiedErrorId
}
