function Worker {
  trap [System.InvalidOperationException] { "trapped $($_.Exception.Message)"; continue }
  'start'
  throw [System.InvalidOperationException]::new('op failed')
  'resumed'
  throw 'not trapped type'
  'never'
}
try { Worker } catch { "caller caught: $_" }
