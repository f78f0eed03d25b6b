package builtin_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/keyhost/keyhost/ps/builtin"
	"github.com/keyhost/keyhost/ps/eval"
)

// runOnTerminal runs src on a host whose output is a terminal (Color on)
// and returns stdout, stderr and the in-memory file system.
func runOnTerminal(t *testing.T, src string) (string, string, *eval.MemFS) {
	t.Helper()
	var out, errOut bytes.Buffer
	table := eval.NewCommandTable()
	builtin.Register(table)
	fs := eval.NewMemFS(map[string]string{})
	_ = fs.MkdirAll("/work")
	h := &eval.Host{Stdout: &out, Stderr: &errOut, Color: true, ErrorColor: true, FS: fs,
		Now:    func() time.Time { return testNow },
		Getwd:  func() (string, error) { return "/work", nil },
		Getenv: func(k string) (string, bool) { return map[string]string{"HOME": "/home/u"}[k], k == "HOME" }}
	r := eval.New(eval.WithHost(h), eval.WithCommands(table))
	r.RunCommand(context.Background(), "<test>", src)
	return out.String(), errOut.String(), fs
}

func TestClearHost(t *testing.T) {
	out, _, _ := runOnTerminal(t, `Clear-Host; cls; 'x'`)
	assert.Equal(t, strings.Repeat("\x1b[H\x1b[2J\x1b[3J", 2)+"x\n", out)
	runCases(t, []scriptCase{
		{"not a terminal", `Clear-Host; clear; 'x'`, "x\n"},
	})
}

func TestTranscriptOnTerminal(t *testing.T) {
	// Colours and the error view reach the file as plain text, trailing
	// blanks trimmed; a line left unfinished is completed at Stop.
	_, stderr, fs := runOnTerminal(t, `Start-Transcript /work/t.txt -UseMinimalHeader | Out-Null
Write-Host 'red' -ForegroundColor Red
Write-Warning 'w'
Write-Error 'boom'
Write-Host 'tail' -NoNewline
Stop-Transcript | Out-Null`)
	assert.Contains(t, stderr, "boom")
	b, err := fs.ReadFile("/work/t.txt")
	require.NoError(t, err)
	got := string(b)
	assert.NotContains(t, got, "\x1b")
	assert.Contains(t, got, "Start time: 20261124031108\n**********************\nred\nWARNING: w\nWrite-Error:\nLine |\n")
	assert.Contains(t, got, "     | boom\n\ntail\n**********************\nPowerShell transcript end\n")
}

func TestTranscriptDefaultPath(t *testing.T) {
	out, _, fs := runOnTerminal(t, `Start-Transcript; Stop-Transcript | Out-Null; Start-Transcript -OutputDirectory logs | Out-Null; (Stop-Transcript) -replace '\.[^.]+\.\d{14}\.txt$', '.txt'`)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 2)
	assert.Regexp(t, `^Transcript started, output file is /home/u/PowerShell_transcript\.localhost\.[A-Za-z0-9+_=]{8}\.20261124031108\.txt$`, lines[0])
	assert.Equal(t, "Transcript stopped, output file is /home/u/logs/PowerShell_transcript.localhost.txt", lines[1])
	entries, err := fs.ReadDir("/home/u/logs")
	require.NoError(t, err)
	assert.Len(t, entries, 1)
}

func TestTranscriptNested(t *testing.T) {
	runCases(t, []scriptCase{
		{"both transcripts get the text; Stop ends the latest",
			`Start-Transcript a.txt | Out-Null; 'one'; Start-Transcript b.txt | Out-Null; 'two'; $null = Stop-Transcript; 'three'; $null = Stop-Transcript
(Get-Content a.txt | Select-String -Pattern '^(one|two|three)$').Line -join ','
(Get-Content b.txt | Select-String -Pattern '^(one|two|three)$').Line -join ','`,
			"one\ntwo\nthree\none,two,three\ntwo\n"},
		{"WhatIf starts nothing", `Start-Transcript w.txt -WhatIf; Test-Path w.txt`,
			"What if: Performing the operation \"Start-Transcript\" on target \"/work/w.txt\".\nFalse\n"},
	})
}
