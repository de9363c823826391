package sweep

import (
	"math"
	"strings"
	"testing"

	"deter/scenario"
)

// TestStructuralRule: when a scenario does not fix models.deterrence.
// intervention, the draws sample the rule with the rule_weight_*
// coefficients (structural uncertainty, issue 18), the median quantile is
// the nominal rule, the other inputs' draws do not depend on it, and a
// scenario that fixes the rule draws only that one.
func TestStructuralRule(t *testing.T) {
	s := load(t)
	p, err := NewPlan(s, 7)
	if err != nil {
		t.Fatal(err)
	}
	if p.rule == nil {
		t.Fatal("the Ukraine scenario leaves the rule open; the plan has no structural input")
	}
	names := p.Inputs()
	if len(names) != p.Uncertain() || !strings.Contains(names[len(names)-1], "structural") {
		t.Fatalf("inputs %d, uncertain %d, last %q", len(names), p.Uncertain(), names[len(names)-1])
	}
	w := s.DeterrenceModel().RuleWeights()
	count := map[string]float64{}
	const n = 4000
	for d := range uint64(n) {
		count[p.Draw(d).DeterrenceModel().Intervention]++
	}
	for i, r := range scenario.InterventionRules {
		got := count[r] / n
		// Binomial standard error at n = 4000 is at most 0.008; 4 of them.
		if math.Abs(got-w[i]) > 0.032 {
			t.Errorf("rule %s drawn in %.3f of draws, weight %.3f", r, got, w[i])
		}
	}
	u := make([]float64, p.Uncertain())
	for i := range u {
		u[i] = 0.5
	}
	if got, want := p.DrawAt(u).DeterrenceModel().Rule(), s.DeterrenceModel().Rule(); got != want {
		t.Errorf("the median draws rule %s, nominal %s", got, want)
	}
	if got := p.DrawAt(u).DeterrenceModel().Intervention; s.Models.Deterrence != nil && s.Models.Deterrence.Intervention != "" {
		t.Errorf("DrawAt changed the scenario's own block to %q", got)
	}

	// The same scenario with the rule fixed: no structural input, the same
	// values in every draw.
	fixed := scenario.MapValues(s, func(_ string, v scenario.Value) scenario.Value { return v })
	fixed = withRule(fixed, "by_means")
	q, err := NewPlan(fixed, 7)
	if err != nil {
		t.Fatal(err)
	}
	if q.rule != nil || q.Uncertain() != p.Uncertain()-1 {
		t.Fatalf("a fixed rule still drawn: %d inputs against %d", q.Uncertain(), p.Uncertain())
	}
	for d := range uint64(20) {
		a, b := p.Draw(d), q.Draw(d)
		if b.DeterrenceModel().Intervention != "by_means" {
			t.Fatalf("draw %d: rule %q, want the scenario's by_means", d, b.DeterrenceModel().Intervention)
		}
		var va, vb []float64
		scenario.Values(a, func(_ string, v *scenario.Value) { va = append(va, v.Nominal()) })
		scenario.Values(b, func(_ string, v *scenario.Value) { vb = append(vb, v.Nominal()) })
		if len(va) != len(vb) {
			t.Fatalf("draw %d: %d values against %d", d, len(va), len(vb))
		}
		for i := range va {
			if va[i] != vb[i] && !(math.IsNaN(va[i]) && math.IsNaN(vb[i])) {
				t.Fatalf("draw %d: value %d is %g with the rule drawn, %g with it fixed", d, i, va[i], vb[i])
			}
		}
	}
}
