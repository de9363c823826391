package sweep

import (
	"context"
	"math"
	"testing"

	"deter/internal/scenariotest"
)

// TestCompareWorkersAndSums: the comparison of the Ukraine packages is the
// same with one worker and four (common random numbers, one stream per
// draw); each pair's shares add to 1, the shares of being best add to 1,
// and the best package in a draw has no regret.
func TestCompareWorkersAndSums(t *testing.T) {
	s := scenariotest.Shipped(t, "ukraine-2025.yaml")
	p, err := NewPlan(s, 7)
	if err != nil {
		t.Fatal(err)
	}
	one, err := p.Compare(context.Background(), 24, 1)
	if err != nil {
		t.Fatal(err)
	}
	four, err := p.Compare(context.Background(), 24, 4)
	if err != nil {
		t.Fatal(err)
	}
	best := 0.0
	for a := range one.Packages {
		best += one.Best[a]
		if one.Best[a] != four.Best[a] || one.Regret[a] != four.Regret[a] {
			t.Errorf("%s: best %v/%v, regret %v/%v with 1 and 4 workers", one.Packages[a], one.Best[a], four.Best[a], one.Regret[a], four.Regret[a])
		}
		if one.Regret[a] < 0 {
			t.Errorf("%s: negative regret %v", one.Packages[a], one.Regret[a])
		}
		for b := range one.Packages {
			if a != b && math.Abs(one.Better[a][b]+one.Better[b][a]-1) > 1e-12 {
				t.Errorf("%s vs %s: shares %v + %v != 1", one.Packages[a], one.Packages[b], one.Better[a][b], one.Better[b][a])
			}
		}
	}
	if math.Abs(best-1) > 1e-12 {
		t.Errorf("shares of being best add to %v", best)
	}
	for i, s := range one.Summaries {
		if s != four.Summaries[i] {
			t.Errorf("summary %d differs with 4 workers: %+v, %+v", i, s, four.Summaries[i])
		}
	}
}
