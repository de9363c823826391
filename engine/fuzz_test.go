package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"deter/internal/perturb"
	"deter/scenario"
)

// runChecked runs the engine on s and fails t on a panic (by not
// recovering), a run over a minute, or a non-finite number anywhere in
// the result (encoding/json refuses NaN and ±Inf).
func runChecked(t interface {
	Fatalf(string, ...any)
}, s *scenario.Scenario, opt Options) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := Run(ctx, s, opt)
	if err != nil {
		if ctx.Err() != nil {
			t.Fatalf("run took over a minute")
		}
		return
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatalf("result not finite: %v", err)
	}
	var tree any
	if err := json.Unmarshal(b, &tree); err != nil {
		t.Fatalf("result does not read back: %v", err)
	}
	checkProbabilities(t, tree, "", false)
	for _, p := range res.Packages {
		if d := p.Deterrence; d != nil && d.PAttack5 < d.PAttack1 {
			t.Fatalf("package %s: P(attack within 5 y) %v below P(attack within 1 y) %v", p.ID, d.PAttack5, d.PAttack1)
		}
	}
}

// checkProbabilities fails t if a number under a JSON key starting "p_"
// (the result's probabilities, by its naming convention) lies outside
// [0, 1].
func checkProbabilities(t interface{ Fatalf(string, ...any) }, x any, path string, isP bool) {
	switch v := x.(type) {
	case map[string]any:
		for k, c := range v {
			checkProbabilities(t, c, path+"."+k, strings.HasPrefix(k, "p_"))
		}
	case []any:
		for i, c := range v {
			checkProbabilities(t, c, fmt.Sprintf("%s[%d]", path, i), isP)
		}
	case float64:
		if isP && !(v >= 0 && v <= 1) {
			t.Fatalf("%s = %v is not a probability", path, v)
		}
	}
}

// FuzzRun feeds the engine every scenario the loader accepts among mutated
// copies of the shipped ones: a run returns a result or an error, never a
// panic, and every number in the result is finite.
func FuzzRun(f *testing.F) {
	seeds, _ := filepath.Glob("../scenarios/*.yaml")
	seeds = append(seeds, "../scenario/testdata/all-mechanisms.yaml")
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if s, err := scenario.Parse("fuzz.yaml", data); err == nil {
			runChecked(t, s, Options{ClosedForm: true})
		}
	})
}

// TestRunOnPerturbedNumbers: byte fuzzing seldom keeps a scenario valid, so
// this property rewrites one to eight numbers of a shipped scenario
// (perturb.Numbers) and picks one of the three intervention models.
// Whatever the loader accepts must run to a finite result. (-rapid.checks
// sets how many; CI runs the default 100.)
func TestRunOnPerturbedNumbers(t *testing.T) {
	files, err := perturb.Shipped("..")
	if err != nil {
		t.Fatal(err)
	}
	valid := 0
	rapid.Check(t, func(t *rapid.T) {
		src := files[rapid.IntRange(0, len(files)-1).Draw(t, "file")]
		r := rand.New(rand.NewPCG(rapid.Uint64().Draw(t, "seed"), 0))
		out := perturb.Numbers(src, r, rapid.IntRange(1, 8).Draw(t, "numbers changed"))
		s, err := scenario.Parse("perturbed.yaml", out)
		if err != nil {
			return
		}
		valid++
		dm := scenario.DeterrenceModel{}
		if s.Models.Deterrence != nil {
			dm = *s.Models.Deterrence
		}
		dm.Intervention = rapid.SampledFrom([]string{"pooled", "force_weighted", "by_means"}).Draw(t, "intervention")
		s.Models.Deterrence = &dm
		// The game tree (up to a second on the Ukraine scenario) one time in ten.
		runChecked(t, s, Options{ClosedForm: r.IntN(10) != 0})
	})
	if valid == 0 {
		t.Error("no perturbed scenario was valid: the property tested nothing")
	}
	t.Logf("%d valid perturbed scenarios run", valid)
}
