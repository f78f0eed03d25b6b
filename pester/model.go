package pester

import (
	"time"

	"github.com/keyhost/keyhost/ps/eval"
)

// The discovered and executed test tree, as Pester 5 keeps it: a
// container (one test file) holds a root block; blocks (Describe, Context)
// hold tests (It) and blocks, in file order.

// Result is a test's outcome, with Pester's names.
type Result string

// The test results.
const (
	Passed       Result = "Passed"
	Failed       Result = "Failed"
	Skipped      Result = "Skipped"
	Inconclusive Result = "Inconclusive"
	NotRun       Result = "NotRun"
)

// Container is one test file and what was found and run in it.
type Container struct {
	// Path is the test file's absolute path.
	Path string
	// Root is the container's implicit top block: top-level BeforeAll and
	// AfterAll belong to it, Describe blocks are its children.
	Root *Block
	// DiscoveryError is set when running the file to discover its tests
	// failed (a parse error, a throwing Describe body); the container then
	// has no tests.
	DiscoveryError *eval.ErrorRecord
	// ErrorRecords are the container's own failures in the run phase:
	// a failing top-level BeforeAll or AfterAll, an unsupported setup.
	ErrorRecords []*eval.ErrorRecord
	// Executed is set once the run phase reached the container.
	Executed bool
	// Timing of the run phase.
	Duration, UserDuration, FrameworkDuration time.Duration
	// DiscoveryDuration is how long discovering the file took.
	DiscoveryDuration time.Duration
	counts
	// scopeParent, when set, is the scope the container runs under
	// instead of a new script scope (a Describe run outside
	// Invoke-Pester runs under its script).
	scopeParent *eval.Scope
}

// Failed reports whether the container itself failed (discovery, or a
// top-level setup or teardown), as FailedContainersCount counts it.
func (c *Container) Failed() bool {
	return c.DiscoveryError != nil || len(c.ErrorRecords) > 0
}

// ShouldRun reports whether any test of the container was selected to run.
func (c *Container) ShouldRun() bool { return c.Root != nil && c.Root.ShouldRun }

// Passed reports whether the container ran without any failure.
func (c *Container) Passed() bool { return !c.Failed() && c.FailedCount == 0 && c.failedBlocks == 0 }

// Block is a Describe or Context block (or a container's root block).
type Block struct {
	// Name is the name as written; ExpandedName has <templates> filled in
	// from the block's data and setup.
	Name, ExpandedName string
	// Path is the names from the outermost block to this one;
	// ExpandedPath is the expanded names joined with '.'.
	Path         []string
	ExpandedPath string
	// Command is "Describe" or "Context" ("" for a root block).
	Command string
	IsRoot  bool
	Parent  *Block
	// Container is the file the block was found in.
	Container *Container
	// ScriptBlock is the block's body.
	ScriptBlock *eval.ScriptBlock
	StartLine   int
	Tag         []string
	Skip        bool
	// Data is the -ForEach item the block was generated for.
	Data    any
	HasData bool
	// items are the block's tests and child blocks in file order.
	items  []any
	Blocks []*Block
	Tests  []*Test
	// The setups and teardowns recorded at discovery.
	BeforeAll, AfterAll, BeforeEach, AfterEach *eval.ScriptBlock

	// Filtering: ShouldRun says the block runs (some test below it
	// runs); First and Last mark the first and last child block that runs.
	ShouldRun, Include, Exclude, Explicit, First, Last bool

	// Executed is set when the run phase entered the block; OwnPassed is
	// false when its own BeforeAll or AfterAll failed.
	Executed  bool
	OwnPassed bool
	// ErrorRecords are the failures of the block's BeforeAll/AfterAll.
	ErrorRecords []*eval.ErrorRecord
	Duration     time.Duration
	UserDuration time.Duration

	// mocks are the mock behaviours and calls of the block (Mock in
	// BeforeAll or AfterAll).
	mocks *mockData
	// written says the Detailed output wrote the block's header.
	written bool
	counts
}

// Test is an It block (one per -ForEach item).
type Test struct {
	Name, ExpandedName string
	// Path is the block path plus the test name; ExpandedPath the
	// expanded names joined with '.'.
	Path         []string
	ExpandedPath string
	Block        *Block
	ScriptBlock  *eval.ScriptBlock
	StartLine    int
	// ID groups the tests generated from one It -ForEach (the NUnit
	// report nests them in a ParameterizedTest suite); "" otherwise.
	ID      string
	Tag     []string
	Skip    bool
	Data    any
	HasData bool

	ShouldRun, Explicit, First, Last bool

	Executed bool
	Result   Result
	// ErrorRecords are the errors that failed, skipped or marked the
	// test inconclusive (assertions collected with -ErrorAction Continue
	// included).
	ErrorRecords []*eval.ErrorRecord
	Duration     time.Duration
	UserDuration time.Duration

	mocks *mockData
	// failures are ErrorRecords rendered for display, set when the test
	// ends (stack traces are cut relative to the run's call stack).
	failures []failure
}

// FrameworkDuration is the part of the test's time spent outside user code.
func (t *Test) FrameworkDuration() time.Duration { return t.Duration - t.UserDuration }

// counts are the test counts of a block or container, children included.
type counts struct {
	TotalCount, PassedCount, FailedCount, SkippedCount, InconclusiveCount, NotRunCount int
	// failedBlocks counts the non-root blocks whose own setup or teardown
	// failed.
	failedBlocks int
}

// add adds another set of counts.
func (c *counts) add(o counts) {
	c.TotalCount += o.TotalCount
	c.PassedCount += o.PassedCount
	c.FailedCount += o.FailedCount
	c.SkippedCount += o.SkippedCount
	c.InconclusiveCount += o.InconclusiveCount
	c.NotRunCount += o.NotRunCount
	c.failedBlocks += o.failedBlocks
}

// addTest counts one test by its result.
func (c *counts) addTest(t *Test) {
	c.TotalCount++
	switch t.Result {
	case Passed:
		c.PassedCount++
	case Failed:
		c.FailedCount++
	case Skipped:
		c.SkippedCount++
	case Inconclusive:
		c.InconclusiveCount++
	default:
		c.NotRunCount++
	}
}

// eachTest calls fn for every test below b, in file order.
func (b *Block) eachTest(fn func(*Test)) {
	for _, it := range b.items {
		switch x := it.(type) {
		case *Test:
			fn(x)
		case *Block:
			x.eachTest(fn)
		}
	}
}

// eachBlock calls fn for b and every block below it, in file order.
func (b *Block) eachBlock(fn func(*Block)) {
	fn(b)
	for _, c := range b.Blocks {
		c.eachBlock(fn)
	}
}

// Passed reports whether the block and everything below it passed.
func (b *Block) Passed() bool { return b.OwnPassed && b.FailedCount == 0 && b.failedBlocks == 0 }
