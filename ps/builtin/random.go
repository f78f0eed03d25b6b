package builtin

import (
	crand "crypto/rand"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/value"
)

// randomStateVariable holds the run's random generator, so -SetSeed makes
// the following Get-Random calls of the run repeatable, as in pwsh (where
// the generator belongs to the runspace).
const randomStateVariable = "__KeyhostRandomGenerator"

// runRandom returns the run's generator, creating it from a fresh seed on
// first use, or reseeding it when seed is set.
func runRandom(c *eval.Call, seed *int64) *rand.Rand {
	if seed != nil {
		r := rand.New(rand.NewPCG(uint64(*seed), uint64(*seed)^0x9E3779B97F4A7C15))
		c.SetGlobalVariable(randomStateVariable, &randomState{r})
		return r
	}
	if v, ok := c.Variable(randomStateVariable); ok {
		if st, ok := v.(*randomState); ok {
			return st.r
		}
	}
	var b [16]byte
	_, _ = crand.Read(b[:])
	r := rand.New(rand.NewPCG(binary.LittleEndian.Uint64(b[:8]), binary.LittleEndian.Uint64(b[8:])))
	c.SetGlobalVariable(randomStateVariable, &randomState{r})
	return r
}

// randomState wraps the generator so scripts see an opaque object.
type randomState struct{ r *rand.Rand }

// String is what a script printing the variable sees.
func (*randomState) String() string { return "System.Random" }

// getRandom is Get-Random: a random number in [Minimum, Maximum), random
// items from -InputObject, or all of them shuffled (-Shuffle).
func getRandom() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:                "Get-Random",
		Module:              utilityModule,
		ImplementingType:    "Microsoft.PowerShell.Commands.GetRandomCommand",
		Synopsis:            "Gets a random number, or selects objects randomly from a collection.",
		DefaultParameterSet: "RandomNumberParameterSet",
		OutputType:          []string{"System.Int32", "System.Int64", "System.Double"},
		Parameters: []*eval.Parameter{
			{Name: "SetSeed", Type: eval.Int32Type},
			{Name: "Maximum", Sets: []eval.ParameterSet{{Name: "RandomNumberParameterSet", Position: 0}}},
			{Name: "Minimum", Sets: []eval.ParameterSet{{Name: "RandomNumberParameterSet", Position: -1}}},
			{Name: "InputObject", Type: objectArrayType, AllowNull: true, Sets: []eval.ParameterSet{
				{Name: "RandomListItemParameterSet", Mandatory: true, Position: 0, ValueFromPipeline: true},
				{Name: "ShuffleParameterSet", Mandatory: true, Position: 0, ValueFromPipeline: true}}},
			{Name: "Count", Type: eval.Int32Type, Validate: validateRange(1, maxInt32), Sets: []eval.ParameterSet{
				{Name: "RandomNumberParameterSet", Position: -1}, {Name: "RandomListItemParameterSet", Position: -1}}},
			{Name: "Shuffle", Switch: true, Sets: []eval.ParameterSet{{Name: "ShuffleParameterSet", Mandatory: true, Position: -1}}},
		},
		New: func() eval.Processor { return &randomCmd{} },
	}
}

type randomCmd struct {
	r     *rand.Rand
	items []any
	// list: picking from input objects rather than making numbers. As
	// in pwsh, a Get-Random given neither -Maximum nor -Minimum picks
	// from its pipeline input when it gets some.
	list, decided bool
}

func (g *randomCmd) Begin(c *eval.Call) error {
	var seed *int64
	if c.Has("SetSeed") {
		n, _ := value.ToInt64(c.Value("SetSeed"))
		seed = &n
	}
	g.r = runRandom(c, seed)
	switch {
	case c.ParameterSetName() != "RandomNumberParameterSet":
		g.list, g.decided = true, true
	case c.Has("Maximum") || c.Has("Minimum"):
		g.decided = true
		return g.numbers(c)
	}
	return nil
}

func (g *randomCmd) Process(c *eval.Call) error {
	if !g.decided {
		_, has := c.Input()
		g.list, g.decided = has, has
	}
	if !g.list {
		return nil
	}
	if in, has := c.Input(); has {
		g.items = append(g.items, in)
	} else if c.Has("InputObject") {
		g.items = append(g.items, value.Enumerate(c.Value("InputObject"))...)
	}
	return nil
}

// End picks from the collected items: one, -Count distinct ones, or all
// in random order.
func (g *randomCmd) End(c *eval.Call) error {
	if !g.decided {
		return g.numbers(c)
	}
	if !g.list || len(g.items) == 0 {
		return nil
	}
	n := 1
	if c.Has("Count") {
		k, _ := value.ToInt32(c.Value("Count"))
		n = int(k)
	}
	if c.Switch("Shuffle") || n > len(g.items) {
		n = len(g.items)
	}
	g.r.Shuffle(len(g.items), func(i, j int) { g.items[i], g.items[j] = g.items[j], g.items[i] })
	for _, it := range g.items[:n] {
		if err := c.WriteObject(it); err != nil {
			return err
		}
	}
	return nil
}

// numbers writes -Count random numbers in [Minimum, Maximum): doubles
// when either bound is a double, longs when a bound needs 64 bits,
// ints otherwise.
func (g *randomCmd) numbers(c *eval.Call) error {
	count := 1
	if c.Has("Count") {
		k, _ := value.ToInt32(c.Value("Count"))
		count = int(k)
	}
	bound := func(name string) (any, error) {
		v := c.Value(name)
		if s, ok := v.(string); ok {
			n, err := value.ToNumber(strings.TrimSpace(s))
			if err != nil {
				return nil, fmt.Errorf("Cannot convert value \"%s\" to type \"System.Double\".", s)
			}
			v = n
		}
		return v, nil
	}
	maxV, err := bound("Maximum")
	if err != nil {
		return c.ThrowTerminatingError(c.NewError(eval.NewException("System.ArgumentException", err.Error()), "System.ArgumentException", eval.NotSpecified, nil))
	}
	minV, err := bound("Minimum")
	if err != nil {
		return c.ThrowTerminatingError(c.NewError(eval.NewException("System.ArgumentException", err.Error()), "System.ArgumentException", eval.NotSpecified, nil))
	}
	isDouble := func(v any) bool {
		switch v.(type) {
		case float64, float32, value.Decimal:
			return true
		}
		return false
	}
	minMax := func(lo, hi string) error {
		return c.ThrowTerminatingError(c.NewError(eval.NewException("System.ArgumentException",
			fmt.Sprintf("The Minimum value (%s) cannot be greater than or equal to the Maximum value (%s).", lo, hi)), "MinGreaterThanOrEqualMax", eval.InvalidArgument, nil))
	}
	if isDouble(maxV) || isDouble(minV) {
		lo, hi := 0.0, math.MaxFloat64
		if c.Has("Minimum") {
			lo, _ = value.ToFloat64(minV)
		}
		if c.Has("Maximum") {
			hi, _ = value.ToFloat64(maxV)
		}
		if lo >= hi {
			return minMax(value.ToString(minV), value.ToString(maxV))
		}
		for range count {
			if err := c.WriteObject(lo + g.r.Float64()*(hi-lo)); err != nil {
				return err
			}
		}
		return nil
	}
	long := false
	var lo, hi int64 = 0, math.MaxInt32
	if c.Has("Minimum") {
		if lo, err = value.ToInt64(minV); err != nil {
			return err
		}
		_, long = minV.(int64)
	}
	if c.Has("Maximum") {
		if hi, err = value.ToInt64(maxV); err != nil {
			return err
		}
		if _, ok := maxV.(int64); ok {
			long = true
		}
	}
	if lo < math.MinInt32 || hi > math.MaxInt32 {
		long = true
	}
	if lo >= hi {
		return minMax(value.ToString(minV), value.ToString(maxV))
	}
	for range count {
		n := lo + g.r.Int64N(hi-lo)
		var out any = int32(n)
		if long {
			out = n
		}
		if err := c.WriteObject(out); err != nil {
			return err
		}
	}
	return nil
}

// newGUID is New-Guid: a random (version 4) GUID, the empty GUID, or one
// parsed from -InputObject.
func newGUID() *eval.CommandInfo {
	return &eval.CommandInfo{
		Name:             "New-Guid",
		Module:           utilityModule,
		ImplementingType: "Microsoft.PowerShell.Commands.NewGuidCommand",
		Synopsis:         "Creates a GUID.",
		OutputType:       []string{"System.Guid"},
		// pwsh puts -Empty and -InputObject in sets of their own beside
		// a parameterless default set; keyhost's binder needs a set
		// that holds a parameter, so both are in all sets and refused
		// together below.
		Parameters: []*eval.Parameter{
			{Name: "Empty", Switch: true},
			{Name: "InputObject", Type: eval.StringType, Sets: []eval.ParameterSet{{Name: eval.AllParameterSets, Position: -1, ValueFromPipeline: true}}},
		},
		New: func() eval.Processor {
			return eval.ProcessFunc(func(c *eval.Call) error {
				text := "00000000-0000-0000-0000-000000000000"
				if c.Switch("Empty") && c.Has("InputObject") {
					return c.ThrowTerminatingError(c.NewError(eval.NewException("System.Management.Automation.ParameterBindingException",
						"Parameter set cannot be resolved using the specified named parameters. One or more parameters issued cannot be used together or an insufficient number of parameters were provided."),
						"AmbiguousParameterSet", eval.InvalidArgument, nil))
				}
				switch {
				case c.Has("InputObject"):
					text = c.String("InputObject")
				case !c.Switch("Empty"):
					var b [16]byte
					_, _ = crand.Read(b[:])
					b[6] = b[6]&0x0f | 0x40 // version 4
					b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
					text = fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
				}
				g, found, err := c.NewObject("System.Guid", []any{text})
				if !found {
					return fmt.Errorf("keyhost has no System.Guid type")
				}
				if err != nil {
					return c.WriteError(c.NewError(eval.NewException("System.FormatException", err.Error()), "System.FormatException", eval.NotSpecified, text))
				}
				return c.WriteObject(g)
			})
		},
	}
}
