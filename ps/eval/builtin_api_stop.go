package eval

// Hook for ps/builtin: Select-Object -First stopping the commands
// upstream of it (PowerShell's StopUpstreamCommandsException). Call.proc
// passes *stopUpstream through and runPipeline ends the pipeline from the
// stage that asked (the upstream stages' end blocks do not run).

// stopUpstream asks the pipeline to stop the commands before call.
type stopUpstream struct{ call *Call }

func (s *stopUpstream) Error() string { return "The pipeline has been stopped." }

// pipelineStopsUpstream reports whether runPipeline honours stopUpstream.
const pipelineStopsUpstream = true

// StopUpstream asks the pipeline to stop the commands that feed this one
// (their end blocks do not run); the caller returns the error from its
// Process. It returns nil when the pipeline cannot do it.
func (c *Call) StopUpstream() error {
	if !pipelineStopsUpstream {
		return nil
	}
	return &stopUpstream{call: c}
}

// stoppedStage reports which stage of a pipeline asked to stop upstream.
func stoppedStage(err error, stages []stage) (int, bool) {
	s, ok := err.(*stopUpstream)
	if !ok {
		return 0, false
	}
	for i, st := range stages {
		if cs, isCmdlet := st.(*cmdletStage); isCmdlet && cs.call == s.call {
			return i, true
		}
	}
	return 0, false
}
