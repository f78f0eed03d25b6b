package pester

import (
	"time"

	"github.com/keyhost/keyhost/ps/value"
)

// RunResult is what a run found and how it ended: the Pester.Run object
// of Invoke-Pester -PassThru, in Go.
type RunResult struct {
	Containers []*Container
	// Result is "Passed" or "Failed".
	Result string
	// The test counts over all containers.
	TotalCount, PassedCount, FailedCount, SkippedCount, InconclusiveCount, NotRunCount int
	// FailedBlocks are the blocks whose BeforeAll or AfterAll failed;
	// FailedContainers the files that failed discovery or a top-level
	// setup or teardown.
	FailedBlocks     []*Block
	FailedContainers []*Container
	// ExecutedAt is when the run started; Duration how long it took.
	ExecutedAt        time.Time
	Duration          time.Duration
	DiscoveryDuration time.Duration
	// SuiteName is TestResult.TestSuiteName, the reports' root name.
	SuiteName string
	env       RuntimeEnvironment
}

// FailureCount is the number Pester exits with and sets $LASTEXITCODE
// to: failed tests, failed blocks and failed containers.
func (r *RunResult) FailureCount() int {
	return r.FailedCount + len(r.FailedBlocks) + len(r.FailedContainers)
}

// finishContainer settles the results of a container's tests after the
// run phase: tests that should have run but did not (a setup above them
// failed) count as failed, filtered-out tests as not run.
func finishContainer(cont *Container) {
	root := cont.Root
	if root == nil {
		return
	}
	var settle func(b *Block)
	settle = func(b *Block) {
		b.counts = counts{}
		for _, t := range b.Tests {
			switch {
			case !t.ShouldRun:
				t.Result = NotRun
			case !t.Executed:
				t.Result = Failed
			}
			b.addTest(t)
		}
		if !b.IsRoot && b.Executed && !b.OwnPassed {
			b.failedBlocks++
		}
		for _, c := range b.Blocks {
			settle(c)
			b.add(c.counts)
		}
	}
	settle(root)
	cont.counts = root.counts
}

// summarize adds up the containers into the run's result.
func summarize(res *RunResult) {
	for _, cont := range res.Containers {
		res.TotalCount += cont.TotalCount
		res.PassedCount += cont.PassedCount
		res.FailedCount += cont.FailedCount
		res.SkippedCount += cont.SkippedCount
		res.InconclusiveCount += cont.InconclusiveCount
		res.NotRunCount += cont.NotRunCount
		res.DiscoveryDuration += cont.DiscoveryDuration
		if cont.Failed() {
			res.FailedContainers = append(res.FailedContainers, cont)
		}
		if cont.Root != nil {
			cont.Root.eachBlock(func(b *Block) {
				if !b.IsRoot && b.Executed && !b.OwnPassed {
					res.FailedBlocks = append(res.FailedBlocks, b)
				}
			})
		}
	}
	res.Result = "Passed"
	if res.FailureCount() > 0 {
		res.Result = "Failed"
	}
}

// object renders the result as the Pester.Run object scripts get from
// Invoke-Pester -PassThru: the counts, the containers with their blocks
// and tests, and the flat Passed/Failed/Skipped/Tests lists.
func (res *RunResult) object(r *runState) *value.PSObject {
	o := value.NewPSObject("Pester.Run")
	var tests, passed, failed, skipped, notRun, inconclusive []any
	var containers []any
	for _, cont := range res.Containers {
		co := containerObject(r, cont, func(t *Test, to *value.PSObject) {
			tests = append(tests, to)
			switch t.Result {
			case Passed:
				passed = append(passed, to)
			case Failed:
				failed = append(failed, to)
			case Skipped:
				skipped = append(skipped, to)
			case Inconclusive:
				inconclusive = append(inconclusive, to)
			default:
				notRun = append(notRun, to)
			}
		})
		containers = append(containers, co)
	}
	var failedBlocks, failedContainers []any
	for _, b := range res.FailedBlocks {
		failedBlocks = append(failedBlocks, value.NewPSObject("Pester.Block").Add("Name", b.Name).Add("Path", stringsToAny(b.Path)).Add("ExpandedPath", b.ExpandedPath))
	}
	for _, c := range res.FailedContainers {
		failedContainers = append(failedContainers, value.NewPSObject("Pester.Container").Add("Name", c.Path).Add("Item", c.Path).Add("Result", "Failed"))
	}
	o.Add("Containers", orEmpty(containers)).
		Add("Result", res.Result).
		Add("FailedCount", int32(res.FailedCount)).
		Add("FailedBlocksCount", int32(len(res.FailedBlocks))).
		Add("FailedContainersCount", int32(len(res.FailedContainers))).
		Add("PassedCount", int32(res.PassedCount)).
		Add("SkippedCount", int32(res.SkippedCount)).
		Add("InconclusiveCount", int32(res.InconclusiveCount)).
		Add("NotRunCount", int32(res.NotRunCount)).
		Add("TotalCount", int32(res.TotalCount)).
		Add("Duration", value.TimeSpanFromSeconds(res.Duration.Seconds())).
		Add("Executed", true).
		Add("ExecutedAt", value.NewDateTime(res.ExecutedAt, value.KindLocal)).
		Add("Version", Version).
		Add("PSVersion", "7.4").
		Add("Passed", orEmpty(passed)).
		Add("Failed", orEmpty(failed)).
		Add("Skipped", orEmpty(skipped)).
		Add("Inconclusive", orEmpty(inconclusive)).
		Add("NotRun", orEmpty(notRun)).
		Add("Tests", orEmpty(tests)).
		Add("FailedBlocks", orEmpty(failedBlocks)).
		Add("FailedContainers", orEmpty(failedContainers))
	o.ToStringFunc = func() string { return "[" + res.Result + "]" }
	return o
}

// containerObject renders a container, calling each for every test.
func containerObject(r *runState, cont *Container, each func(*Test, *value.PSObject)) *value.PSObject {
	result := "Passed"
	if !cont.Passed() {
		result = "Failed"
	}
	if !cont.ShouldRun() && !cont.Failed() {
		result = "NotRun"
	}
	o := value.NewPSObject("Pester.Container")
	var blocks []any
	if cont.Root != nil {
		for _, b := range cont.Root.Blocks {
			blocks = append(blocks, blockObject(r, b, each))
		}
	}
	var errs []any
	for _, e := range cont.ErrorRecords {
		errs = append(errs, e)
	}
	if cont.DiscoveryError != nil {
		errs = append(errs, cont.DiscoveryError)
	}
	o.Add("Name", cont.Path).Add("Type", "File").Add("Item", cont.Path).Add("Result", result).
		Add("Blocks", orEmpty(blocks)).Add("ErrorRecord", orEmpty(errs)).
		Add("TotalCount", int32(cont.TotalCount)).Add("PassedCount", int32(cont.PassedCount)).
		Add("FailedCount", int32(cont.FailedCount)).Add("SkippedCount", int32(cont.SkippedCount)).
		Add("InconclusiveCount", int32(cont.InconclusiveCount)).Add("NotRunCount", int32(cont.NotRunCount)).
		Add("Duration", value.TimeSpanFromSeconds(cont.Duration.Seconds())).
		Add("ShouldRun", cont.ShouldRun()).Add("Executed", cont.Executed)
	return o
}

// blockObject renders a block and what is below it.
func blockObject(r *runState, b *Block, each func(*Test, *value.PSObject)) *value.PSObject {
	o := value.NewPSObject("Pester.Block")
	var blocks, tests []any
	for _, c := range b.Blocks {
		blocks = append(blocks, blockObject(r, c, each))
	}
	for _, t := range b.Tests {
		to := testObject(t)
		each(t, to)
		tests = append(tests, to)
	}
	result := "Passed"
	switch {
	case !b.ShouldRun:
		result = "NotRun"
	case !b.Passed():
		result = "Failed"
	}
	var errs []any
	for _, e := range b.ErrorRecords {
		errs = append(errs, e)
	}
	o.Add("Name", b.Name).Add("ExpandedName", b.ExpandedName).Add("Path", stringsToAny(b.Path)).
		Add("ExpandedPath", b.ExpandedPath).Add("Result", result).Add("Tag", stringsToAny(b.Tag)).
		Add("Blocks", orEmpty(blocks)).Add("Tests", orEmpty(tests)).Add("ErrorRecord", orEmpty(errs)).
		Add("Passed", b.Passed()).Add("Skip", b.Skip).Add("ShouldRun", b.ShouldRun).Add("Executed", b.Executed).
		Add("Duration", value.TimeSpanFromSeconds(b.Duration.Seconds())).Add("Data", b.Data).
		Add("FrameworkData", value.NewHashtable()).Add("StartLine", int32(b.StartLine))
	return o
}

// testObject renders a test.
func testObject(t *Test) *value.PSObject {
	var errs []any
	for _, e := range t.ErrorRecords {
		errs = append(errs, e)
	}
	o := value.NewPSObject("Pester.Test")
	o.Add("Name", t.Name).Add("ExpandedName", t.ExpandedName).Add("Path", stringsToAny(t.Path)).
		Add("ExpandedPath", t.ExpandedPath).Add("Result", string(t.Result)).
		Add("Passed", t.Result == Passed || t.Result == Skipped).Add("Skipped", t.Result == Skipped).
		Add("Skip", t.Skip).Add("ShouldRun", t.ShouldRun).Add("Executed", t.Executed).
		Add("Duration", value.TimeSpanFromSeconds(t.Duration.Seconds())).
		Add("UserDuration", value.TimeSpanFromSeconds(t.UserDuration.Seconds())).
		Add("FrameworkDuration", value.TimeSpanFromSeconds(t.FrameworkDuration().Seconds())).
		Add("ErrorRecord", orEmpty(errs)).Add("Data", t.Data).Add("Tag", stringsToAny(t.Tag)).
		Add("StartLine", int32(t.StartLine)).Add("Block", t.Block.ExpandedPath)
	o.ToStringFunc = func() string { return "[" + string(t.Result) + "] " + t.ExpandedPath }
	return o
}

// stringsToAny converts a string list for a script.
func stringsToAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// orEmpty returns an empty list instead of nil, so scripts read .Count 0.
func orEmpty(xs []any) []any {
	if xs == nil {
		return []any{}
	}
	return xs
}
