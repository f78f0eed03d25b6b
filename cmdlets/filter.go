package cmdlets

import (
	"github.com/keyhost/keyhost/ps/eval"
	"github.com/keyhost/keyhost/ps/wildcard"
)

// writeByName writes the items whose name matches one of -Name's patterns
// (all items without -Name), in inventory order, and reports each name
// without wildcards that matched nothing as PowerCLI's non-terminating
// not-found error.
func writeByName[T any](c *eval.Call, kind string, items []T, name func(T) string, write func(T) error) error {
	patterns := c.Strings("Name")
	matched := make([]bool, len(patterns))
	for _, it := range items {
		hit := len(patterns) == 0
		for i, p := range patterns {
			if wildcard.Match(p, name(it), false) {
				matched[i], hit = true, true
			}
		}
		if hit {
			if err := write(it); err != nil {
				return err
			}
		}
	}
	for i, p := range patterns {
		if !matched[i] && !wildcard.HasWildcard(p) {
			if err := c.WriteError(notFound(c, kind, p)); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeByID writes the items whose id is one of -Id's values, reporting
// unknown ids as not-found errors.
func writeByID[T any](c *eval.Call, kind string, items []T, id func(T) string, write func(T) error) error {
	for _, want := range c.Strings("Id") {
		found := false
		for _, it := range items {
			if id(it) == want {
				found = true
				if err := write(it); err != nil {
					return err
				}
			}
		}
		if !found {
			if err := c.WriteError(viError(c, kind+" with id '"+want+"' was not found using the specified filter(s).", "Core_OutputHelper_WriteNotFoundError", eval.ObjectNotFound, want, "")); err != nil {
				return err
			}
		}
	}
	return nil
}
