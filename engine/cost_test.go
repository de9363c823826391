package engine

import (
	"context"
	"math"
	"regexp"
	"strings"
	"testing"

	"deter/scenario"
)

var yearRe = regexp.MustCompile(`\b(19|20)\d\d\b`)

// isCostOrRate reports whether a field path holds a cost or a rate: money,
// force-generation figures, production and delivery rates.
func isCostOrRate(path string) bool {
	for _, k := range []string{"_usd", "cost", "force_generation", "rotation", "deployable_pool"} {
		if strings.Contains(path, k) {
			return true
		}
	}
	return false
}

// TestCostsHaveSourceAndYear: every cost and rate in the shipped scenarios
// carries a source and a year (in the citation it points to, or in its
// note for an assumption, as the price year).
func TestCostsHaveSourceAndYear(t *testing.T) {
	for _, name := range []string{"ukraine-2025.yaml", "baltic-2016.yaml", "cold-war-1985.yaml", "crimea-2014.yaml", "minsk-2015.yaml"} {
		s := loadShipped(t, name)
		refs := map[string]string{}
		for _, r := range s.References {
			refs[r.ID] = r.Citation
		}
		n := 0
		scenario.Values(s, func(path string, v *scenario.Value) {
			if !v.IsSet() || v.Default || !isCostOrRate(path) {
				return
			}
			n++
			text := v.Source + " " + refs[v.Source] + " " + v.Note
			if v.Source == "" || !yearRe.MatchString(text) {
				t.Errorf("%s:%d: %s = %v has no source with a year (source %q, note %q)", name, v.Pos.Line, path, v, v.Source, v.Note)
			}
		})
		if name == "ukraine-2025.yaml" && n < 15 {
			t.Errorf("%s: only %d cost values found; the check is not looking at them", name, n)
		}
	}
}

// TestUkraineCostTable: the European force's troops, rotation and
// shortfalls follow from the scenario's figures (worked by hand in the
// comments).
func TestUkraineCostTable(t *testing.T) {
	s := loadShipped(t, "ukraine-2025.yaml")
	res, err := Run(context.Background(), s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ef *PackageResult
	for i := range res.Packages {
		if res.Packages[i].ID == "european-force" {
			ef = &res.Packages[i]
		}
	}
	c := ef.Cost
	// Deployed: 6,250 + 6,250 + 5,000 (nominal contingents) + 2,000 trainers = 19,500.
	if math.Abs(c.Deployed-19500) > 1e-6 || math.Abs(c.Committed-58500) > 1e-6 {
		t.Errorf("deployed %v committed %v, want 19,500 and 58,500", c.Deployed, c.Committed)
	}
	// Nordic-Baltic: (5,000 + 2,000/3) × 3 = 17,000 committed from a pool of
	// 12,000: short 5,000, and all 6,000 of its other commitments withdrawn.
	for _, n := range c.Nations {
		if n.ID == "nordic-baltic" {
			if n.Shortfall < 4999.99 || n.Shortfall > 5000.01 || len(n.Withdrawn) != 1 || n.Withdrawn[0].Troops != 6000 {
				t.Errorf("nordic-baltic: %+v", n)
			}
		}
	}
	if len(c.Uncosted) != 0 {
		t.Errorf("uncosted elements: %v", c.Uncosted)
	}
}
