package builtin

import (
	"time"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// startSleep is Start-Sleep: waits for -Seconds (fractions allowed),
// -Milliseconds or -Duration, returning early with the run's
// cancellation.
func startSleep() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Start-Sleep",
		Module:              utilityModule,
		ImplementingType:    "Microsoft.PowerShell.Commands.StartSleepCommand",
		Synopsis:            "Suspends the activity in a script or session for the specified period of time.",
		DefaultParameterSet: "Seconds",
		Parameters: []*eval.Parameter{
			{Name: "Seconds", Type: doubleType, Validate: validateSeconds, Sets: []eval.ParameterSet{{Name: "Seconds", Mandatory: true, Position: 0, ValueFromPipeline: true, ValueFromPipelineByPropertyName: true}}},
			{Name: "Milliseconds", Aliases: []string{"ms"}, Type: eval.Int32Type, Validate: validateRange(0, maxInt32), Sets: []eval.ParameterSet{{Name: "Milliseconds", Mandatory: true, Position: -1, ValueFromPipelineByPropertyName: true}}},
			{Name: "Duration", Aliases: []string{"ts"}, Type: timeSpanType, Sets: []eval.ParameterSet{{Name: "FromTimeSpan", Mandatory: true, Position: 0, ValueFromPipeline: true, ValueFromPipelineByPropertyName: true}}},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				var d time.Duration
				switch c.ParameterSetName() {
				case "Milliseconds":
					n, _ := value.ToInt64(c.Value("Milliseconds"))
					d = time.Duration(n) * time.Millisecond
				case "FromTimeSpan":
					ts := c.Value("Duration").(value.TimeSpan)
					if ts < 0 {
						return c.ThrowTerminatingError(c.NewError(eval.NewException("System.ArgumentOutOfRangeException",
							"Cannot process argument because the value of argument \"Duration\" is out of range. Change the value of the \"Duration\" argument and run the operation again."),
							"MaximumDurationExceeded", eval.InvalidArgument, ts))
					}
					d = time.Duration(ts.Ticks()) * 100
				default:
					f, _ := value.ToFloat64(c.Value("Seconds"))
					d = time.Duration(f * float64(time.Second))
				}
				return sleepFor(c, d)
			})
		},
	}
}

// validateSeconds is -Seconds' [ValidateRange(0.0, int.MaxValue / 1000)].
var validateSeconds = []func(any) string{func(v any) string {
	f, err := value.ToFloat64(v)
	switch {
	case err != nil:
		return ""
	case f < 0:
		return "The " + value.ToString(v) + " argument is less than the minimum allowed range of 0. Supply an argument that is greater than or equal to 0 and then try the command again."
	case f > maxInt32/1000:
		return "The " + value.ToString(v) + " argument is greater than the maximum allowed range of 2147483. Supply an argument that is less than or equal to 2147483 and then try the command again."
	}
	return ""
}}

// sleepFor waits for d or until the run is cancelled.
func sleepFor(c *eval.Call, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-c.Context().Done():
		return c.Context().Err()
	}
}
