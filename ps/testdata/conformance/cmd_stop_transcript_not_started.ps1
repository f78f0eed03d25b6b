# Stop-Transcript without a running transcript is a terminating error
# for the statement; the script goes on.
Stop-Transcript
'after'
