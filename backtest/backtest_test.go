package backtest

import (
	"bytes"
	"context"
	"math"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	"pgregory.net/rapid"

	"deter/scenario"
)

// TestAUCHandWorked: AUC against pairs counted by hand (Hanley and McNeil
// 1982: the share of positive-negative pairs ranked right, ties a half).
func TestAUCHandWorked(t *testing.T) {
	y := []bool{true, true, false, false, false}
	// Positives 0.9 and 0.4; negatives 0.5, 0.4, 0.1. Pairs (6): 0.9 beats
	// all three; 0.4 loses to 0.5, ties 0.4, beats 0.1: (3 + 0.5 + 1)/6.
	if got, want := AUC([]float64{0.9, 0.4, 0.5, 0.4, 0.1}, y), 4.5/6; got != want {
		t.Errorf("AUC = %v, want %v", got, want)
	}
	if !math.IsNaN(AUC([]float64{0.3}, []bool{true})) {
		t.Error("AUC of one class is not NaN")
	}
}

// TestScoreHandWorked: Brier and log loss of two predictions worked by
// hand, with the clip at Eps = 0.01.
func TestScoreHandWorked(t *testing.T) {
	s := Score([]float64{0.8, 0}, []bool{true, false})
	// Brier ((0.2)² + 0²)/2 = 0.02; log loss −(ln 0.8 + ln 0.99)/2.
	if math.Abs(s.Brier-0.02) > 1e-15 || math.Abs(s.LogLoss-(-(math.Log(0.8)+math.Log(0.99))/2)) > 1e-15 || s.AUC != 1 {
		t.Errorf("scores %+v", s)
	}
}

// TestPriorScales: each prior's θ and coefficient are inverses, and θ = M
// is the prior's centre.
func TestPriorScales(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		for _, p := range DefaultPriors() {
			th := rapid.Float64Range(-8, 8).Draw(t, "theta")
			if back := p.theta(p.value(th)); math.Abs(back-th) > 1e-6*math.Max(1, math.Abs(th)) {
				t.Fatalf("%s: θ %v → %v → %v", p.Key, th, p.value(th), back)
			}
			if math.Abs(p.value(p.M())-p.Centre) > 1e-12*math.Max(1, p.Centre) {
				t.Fatalf("%s: value(M) = %v, centre %v", p.Key, p.value(p.M()), p.Centre)
			}
		}
	})
}

var (
	libOnce sync.Once
	libRes  *Result
	libErr  error
)

// library backtests the shipped case library once per test binary (about
// four seconds).
func library(t *testing.T) *Result {
	t.Helper()
	libOnce.Do(func() {
		files, err := Library()
		if err != nil {
			libErr = err
			return
		}
		cases, err := Load(context.Background(), files)
		if err != nil {
			libErr = err
			return
		}
		libRes, libErr = Run(context.Background(), cases, Options{})
	})
	if libErr != nil {
		t.Fatal(libErr)
	}
	return libRes
}

// TestLibraryBeatsBaselines (issue 16's bar): the leave-one-out Brier score
// of the deterrence model is below the base rate's and below the cease-fire
// hazard model's, on at least 15 cases with both outcomes, and its AUC is
// above 0.5 (better than chance). As shipped: 0.145 against 0.249 and 0.316,
// AUC 0.92.
func TestLibraryBeatsBaselines(t *testing.T) {
	r := library(t)
	if len(r.Cases) < 15 || r.Attacked == 0 || r.Attacked == len(r.Cases) {
		t.Fatalf("%d cases, %d attacked: the library needs at least 15 and both outcomes", len(r.Cases), r.Attacked)
	}
	t.Logf("leave-one-out Brier %.3f (base rate %.3f, cease-fire record %.3f), AUC %.2f", r.LOO.Brier, r.BaseRate.Brier, r.Record.Brier, r.LOO.AUC)
	if !(r.LOO.Brier < r.BaseRate.Brier) || !(r.LOO.Brier < r.Record.Brier) {
		t.Errorf("leave-one-out Brier %.3f is not below the base rate's %.3f and the cease-fire record's %.3f", r.LOO.Brier, r.BaseRate.Brier, r.Record.Brier)
	}
	if !(r.LOO.AUC > 0.5) {
		t.Errorf("leave-one-out AUC %.2f: no better than chance", r.LOO.AUC)
	}
	for _, c := range r.Cases {
		for _, p := range []float64{c.Prior, c.InSample, c.LOO} {
			if !(p >= Eps && p <= 1-Eps) {
				t.Errorf("%s: prediction %v outside the clip", c.ID, p)
			}
		}
	}
}

// TestCoefficientsAreTheFit: the fitted lines of scenario/coefficients.yaml
// are what a fresh fit writes (rerun deter backtest --write-coefficients
// scenario/coefficients.yaml when the cases or the model change), so the
// coefficients deter uses are the fitted ones.
func TestCoefficientsAreTheFit(t *testing.T) {
	r := library(t)
	text, err := os.ReadFile("../scenario/coefficients.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := UpdateCoefficients(text, r)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fresh, text) {
		t.Error("scenario/coefficients.yaml does not hold the current fit: run deter backtest -q --write-coefficients scenario/coefficients.yaml")
	}
	for _, c := range r.Coefficients {
		v, ok := scenario.Coefficient(c.Key)
		if !ok || v.Source != scenario.FittedSource || math.Abs(v.Nominal()-c.Mode) > 1e-3*math.Abs(c.Mode) {
			t.Errorf("%s: the shared coefficient is %v (%s), the fit's mode %v", c.Key, v.Nominal(), v.Source, c.Mode)
		}
	}
}

// TestDeterministic: the same cases give bit-identical fits (Nelder-Mead
// from the same start, no randomness).
func TestDeterministic(t *testing.T) {
	r := library(t)
	files, err := Library()
	if err != nil {
		t.Fatal(err)
	}
	cases, err := Load(context.Background(), files)
	if err != nil {
		t.Fatal(err)
	}
	full, err := fitWithout(cases, DefaultPriors(), -1, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	for j, c := range r.Coefficients {
		if full.X[j] != c.Mode {
			t.Errorf("%s: %v then %v", c.Key, c.Mode, full.X[j])
		}
	}
}

// TestLoadErrors: a file that does not parse names itself; a library
// without outcomes is an error, not an empty score.
func TestLoadErrors(t *testing.T) {
	_, err := Load(context.Background(), []Source{{Name: "bad.yaml", Data: []byte("deter: [1")}})
	if err == nil || !strings.Contains(err.Error(), "bad.yaml") {
		t.Errorf("err = %v", err)
	}
	files, err := Library()
	if err != nil {
		t.Fatal(err)
	}
	var noOutcomes []Source
	for _, f := range files {
		if !regexp.MustCompile(`(?m)^outcomes:`).Match(f.Data) {
			noOutcomes = append(noOutcomes, f)
		}
	}
	if len(noOutcomes) == 0 {
		t.Fatal("every shipped scenario has outcomes; the test needs one without")
	}
	if _, err := Load(context.Background(), noOutcomes); err == nil || !strings.Contains(err.Error(), "no case has an outcome") {
		t.Errorf("err = %v", err)
	}
}
