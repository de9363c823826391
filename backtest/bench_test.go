package backtest

import (
	"context"
	"testing"
)

// BenchmarkPredict is one case's prediction at new coefficients: the
// deterrence game rebuilt from its stored campaigns and solved in closed
// form; the fit makes some thousands of these per case.
func BenchmarkPredict(b *testing.B) {
	files, err := Library()
	if err != nil {
		b.Fatal(err)
	}
	cases, err := Load(context.Background(), files)
	if err != nil {
		b.Fatal(err)
	}
	priors := DefaultPriors()
	x := make([]float64, len(priors))
	for j, p := range priors {
		x[j] = p.Centre
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := cases[i%len(cases)].Predict(priors, x); err != nil {
			b.Fatal(err)
		}
	}
}
