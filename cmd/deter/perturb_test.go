package main

import (
	"bytes"
	"context"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"deter/internal/perturb"
	"deter/scenario"
)

var perturbCases = flag.Int("perturb.cases", 20, "perturbed scenarios TestCommandsOnPerturbedScenarios runs")

// TestCommandsOnPerturbedScenarios: every command that analyses a scenario
// (run, sweep, sensitivity, optimise, bargain, report) either succeeds or
// fails with a message on valid variants of the shipped scenarios with
// extreme numbers (perturb.Numbers) and, in every other case, a few lines
// removed (perturb.Lines: defaults, missing blocks), never panics, and
// prints no NaN or Inf; a sweep prints the same bytes with one worker as
// with two. Small settings keep a case under a second; CI runs 20 cases
// (-perturb.cases raises it), each drawn from its own PCG stream.
func TestCommandsOnPerturbedScenarios(t *testing.T) {
	files, err := perturb.Shipped("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	valid := 0
	failed := map[string]int{}
	checks := *perturbCases
	for i := range checks {
		r := rand.New(rand.NewPCG(uint64(i), 7))
		src := files[i%len(files)]
		data := perturb.Numbers(src, r, 1+r.IntN(8))
		if i%2 == 1 {
			data = perturb.Lines(data, r, 1+r.IntN(3))
		}
		s, err := scenario.Parse("p.yaml", data)
		if err != nil {
			continue
		}
		valid++
		path := filepath.Join(dir, "p.yaml")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		commands := [][]string{
			{"run", path},
			{"run", path, "--json", "--intervention", "by_means"},
			{"sweep", path, "--draws", "6", "-q", "--json", "--workers", "2", "--db", filepath.Join(dir, "s.db")},
			{"sensitivity", path, "--n", "8", "--json", "--package", s.Packages[len(s.Packages)-1].ID},
			{"report", path, "-o", filepath.Join(dir, "r.html")},
		}
		if s.Design != nil {
			commands = append(commands, []string{"optimise", path, "--generations", "2", "--population", "4", "--json"})
		}
		if s.Models.Bargain != nil && s.Models.Bargain.Spatial != nil {
			commands = append(commands, []string{"bargain", path, "--json"})
		}
		for _, args := range commands {
			os.Remove(filepath.Join(dir, "s.db"))
			var o, e bytes.Buffer
			err := run(context.Background(), args, &o, &e)
			if err != nil {
				failed[args[0]]++
				t.Logf("case %d: deter %s: %v %s", i, args[0], err, firstLine(e.String()))
			}
			if err != nil && e.Len() == 0 && !strings.Contains(err.Error(), " ") {
				t.Errorf("case %d: deter %s: failed without a message: %v", i, strings.Join(args[:1], " "), err)
			}
			for _, bad := range []string{"NaN", "+Inf", "-Inf"} {
				if strings.Contains(o.String(), bad) {
					t.Errorf("case %d: deter %s printed %s", i, strings.Join(args, " "), bad)
				}
			}
			// Determinism: one worker gives the very bytes two gave.
			if args[0] == "sweep" && err == nil {
				one := append([]string(nil), args...)
				one[slices.Index(one, "--workers")+1] = "1"
				os.Remove(filepath.Join(dir, "s.db"))
				var o1, e1 bytes.Buffer
				if err := run(context.Background(), one, &o1, &e1); err != nil || o1.String() != o.String() {
					t.Errorf("case %d: sweep with 1 worker differs from 2 workers (error %v)", i, err)
				}
			}
		}
	}
	if valid == 0 {
		t.Error("no perturbed scenario was valid: the test tested nothing")
	}
	t.Logf("%d of %d perturbed scenarios valid and run through every command; failures with a message: %v", valid, checks, failed)
	for cmd, n := range failed {
		if n == valid {
			t.Errorf("deter %s failed on every valid perturbed scenario: the test does not reach it", cmd)
		}
	}
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}
