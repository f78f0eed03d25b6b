package pester

import (
	"fmt"
	"strings"

	"github.com/keyhost/keyhost/ps/wildcard"
)

// Filtering after discovery (Pester's Test-ShouldRun and
// PostProcess-DiscoveredBlock): exclude tags and exclude lines remove
// items and everything below them; line, tag and full-name filters
// include items, and an included block includes its children; a block
// runs when any test below it runs. Skip propagates down, unless a line
// filter asked for the item explicitly.

// filter is the run's selection.
type filter struct {
	tag, excludeTag, fullName, line, excludeLine []string
}

// newFilter takes the filters from the configuration.
func newFilter(cfg *Config) *filter {
	return &filter{tag: cfg.Tag, excludeTag: cfg.ExcludeTag, fullName: cfg.FullName, line: cfg.Line, excludeLine: cfg.ExcludeLine}
}

// active lists the filters that are set, in Pester's order, for the
// Detailed output's "Filter 'X' set to (...)" lines.
func (f *filter) active() [][2]string {
	var out [][2]string
	for _, x := range []struct {
		name string
		v    []string
	}{{"FullName", f.fullName}, {"Tag", f.tag}, {"ExcludeTag", f.excludeTag}, {"Line", f.line}, {"ExcludeLine", f.excludeLine}} {
		if len(x.v) > 0 {
			out = append(out, [2]string{x.name, "('" + strings.Join(x.v, "', '") + "')"})
		}
	}
	return out
}

// verdict is Test-ShouldRun's answer for one item.
type verdict struct{ include, exclude, explicit bool }

// item is what the filter looks at in a block or a test.
type item struct {
	path      []string
	tags      []string
	file      string
	line      int
	parentInc bool
	parentExc bool
}

// check decides whether an item is included, excluded or left to its
// children.
func (f *filter) check(it item, isTest bool) verdict {
	if it.parentExc {
		return verdict{exclude: true}
	}
	for _, pat := range f.excludeTag {
		for _, t := range it.tags {
			if wildcard.Match(pat, t, false) {
				return verdict{exclude: true}
			}
		}
	}
	loc := strings.ReplaceAll(fmt.Sprintf("%s:%d", it.file, it.line), `\`, "/")
	for _, l := range f.excludeLine {
		if strings.ReplaceAll(l, `\`, "/") == loc {
			return verdict{exclude: true}
		}
	}
	anyInclude := false
	if len(f.line) > 0 {
		anyInclude = true
		for _, l := range f.line {
			if strings.ReplaceAll(l, `\`, "/") == loc {
				return verdict{include: true, explicit: true}
			}
		}
	}
	if it.parentInc {
		return verdict{include: true}
	}
	if len(f.tag) > 0 {
		anyInclude = true
		for _, pat := range f.tag {
			for _, t := range it.tags {
				if wildcard.Match(pat, t, false) {
					return verdict{include: true}
				}
			}
		}
	}
	if len(f.fullName) > 0 {
		anyInclude = true
		full := strings.Join(it.path, ".")
		for _, pat := range f.fullName {
			if wildcard.Match(pat, full, false) {
				return verdict{include: true}
			}
		}
	}
	if !anyInclude && isTest {
		return verdict{include: true}
	}
	return verdict{}
}

// apply marks what runs in a container's tree.
func (f *filter) apply(root *Block) {
	root.ShouldRun = true
	f.applyBlock(root)
}

// applyBlock post-processes one block and its children.
func (f *filter) applyBlock(b *Block) {
	file := ""
	if b.ScriptBlock != nil {
		file = b.ScriptBlock.File()
	}
	if !b.IsRoot {
		v := f.check(item{path: b.Path, tags: b.Tag, file: file, line: b.StartLine, parentInc: b.Parent.Include, parentExc: b.Parent.Exclude}, false)
		b.Explicit = v.explicit
		b.ShouldRun = !v.exclude
		b.Include = v.include && !v.exclude
		b.Exclude = v.exclude
		switch {
		case b.Skip && b.Explicit:
			b.Skip = false
		case !b.Skip && b.Parent.Skip:
			b.Skip = true
		}
	}
	testsRun := false
	var running []*Test
	for _, t := range b.Tests {
		if b.Exclude {
			t.ShouldRun = false
		} else {
			tfile := ""
			if t.ScriptBlock != nil {
				tfile = t.ScriptBlock.File()
			}
			v := f.check(item{path: t.Path, tags: t.Tag, file: tfile, line: t.StartLine, parentInc: b.Include, parentExc: b.Exclude}, true)
			t.Explicit = v.explicit
			t.ShouldRun = v.include && !v.exclude
		}
		if (t.Skip || b.Skip) && !(t.ShouldRun && t.Explicit) {
			t.Skip = true
		} else {
			t.Skip = false
		}
		if b.ShouldRun && t.ShouldRun {
			running = append(running, t)
		}
	}
	if len(running) > 0 {
		running[0].First = true
		running[len(running)-1].Last = true
		testsRun = true
	}
	var blocks []*Block
	for _, cb := range b.Blocks {
		f.applyBlock(cb)
		if cb.ShouldRun {
			blocks = append(blocks, cb)
		}
	}
	if len(blocks) > 0 {
		blocks[0].First = true
		blocks[len(blocks)-1].Last = true
	}
	b.ShouldRun = b.ShouldRun && (testsRun || len(blocks) > 0)
	if b.IsRoot {
		b.ShouldRun = testsRun || len(blocks) > 0
	}
}
