Write-Progress -Activity 'Working' -Status 'half' -PercentComplete 50
Write-Progress -Activity 'Working' -Completed
'done'
