package app

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"deter/engine"
	"deter/scenario"
	"deter/store"
	"deter/sweep"
)

func TestLoadErrors(t *testing.T) {
	_, err := Load("../testdata/broken/bad-refs.yaml")
	var inv *InvalidError
	if !errors.As(err, &inv) || len(inv.Errors) == 0 {
		t.Fatalf("err = %v, want an *InvalidError with the file's errors", err)
	}
	var list scenario.ErrorList
	if !errors.As(err, &list) || list[0].Pos.Line == 0 {
		t.Errorf("the error list is not reachable through errors.As, or has no line: %v", err)
	}
	if _, err := Load("no-such-file.yaml"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v, want os.ErrNotExist wrapped", err)
	}
	if _, err := Load(".."); err == nil {
		t.Error("a folder was loaded as a scenario")
	}
	in, err := Load("../scenarios/baltic-2016.yaml")
	if err != nil || in.Scenario == nil || len(in.Text) == 0 {
		t.Fatalf("shipped scenario: %v", err)
	}
}

// TestSweepResumeAndShards: a sweep stopped part-way is refused without
// Resume and finished with it; the finished summaries equal those of one
// uninterrupted sweep, and of the same sweep run in two shards.
func TestSweepResumeAndShards(t *testing.T) {
	ctx := context.Background()
	in, err := Load("../scenarios/baltic-2016.yaml")
	if err != nil {
		t.Fatal(err)
	}
	open := func(name string) *store.DB {
		db, err := store.Open(filepath.Join(t.TempDir(), name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	spec := SweepSpec{Seed: 7, Draws: 6, Shard: sweep.Shard{I: 0, N: 1}, Workers: 2}
	whole, err := Sweep(ctx, open("whole.db"), in, spec)
	if err != nil {
		t.Fatal(err)
	}
	if len(whole.Rows) != 6*len(in.Scenario.Packages) {
		t.Fatalf("%d rows, want %d", len(whole.Rows), 6*len(in.Scenario.Packages))
	}
	// Stop after the first finished draw.
	db := open("part.db")
	cctx, cancel := context.WithCancel(ctx)
	stop := spec
	stop.Workers = 1
	stop.Progress = func(done, _ int) {
		if done >= 1 {
			cancel()
		}
	}
	if _, err := Sweep(cctx, db, in, stop); err == nil {
		t.Fatal("the cancelled sweep reported success")
	}
	var partial *PartialError
	if _, err := Sweep(ctx, db, in, spec); !errors.As(err, &partial) || partial.Done < 1 || partial.Total != 6 {
		t.Fatalf("err = %v, want a PartialError with at least 1 of 6 draws done", err)
	}
	spec.Resume = true
	resumed, err := Sweep(ctx, db, in, spec)
	if err != nil {
		t.Fatal(err)
	}
	sameSummaries(t, "resumed", whole.Summaries, resumed.Summaries)
}

func sameSummaries(t *testing.T, what string, a, b []sweep.Summary) {
	t.Helper()
	if len(a) != len(b) {
		t.Fatalf("%s: %d summaries, want %d", what, len(b), len(a))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Errorf("%s: summary %d = %+v, want %+v", what, i, b[i], a[i])
		}
	}
}

func TestOptimiseNeedsDesign(t *testing.T) {
	in, err := Load("../scenarios/baltic-2016.yaml")
	if err != nil {
		t.Fatal(err)
	}
	in.Scenario.Design = nil
	if _, err := Optimise(context.Background(), in.Scenario, OptimiseSpec{Population: 4, Generations: 1}); !errors.Is(err, ErrNoDesign) {
		t.Errorf("err = %v, want ErrNoDesign", err)
	}
}

// TestOptimiseDistinct: the front lists each design once and its objectives
// are the engine's for that design.
func TestOptimiseDistinct(t *testing.T) {
	in, err := Load("../scenarios/ukraine-2025.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f, err := Optimise(context.Background(), in.Scenario, OptimiseSpec{Population: 8, Generations: 2, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Designs) == 0 || f.Base != in.Scenario.Design.Base {
		t.Fatalf("front %+v", f)
	}
	seen := map[string]bool{}
	for _, d := range f.Designs {
		k := fmtDesign(d.Vars)
		if seen[k] {
			t.Errorf("design %s listed twice", k)
		}
		seen[k] = true
		if d.PAttack1 < 0 || d.PAttack1 > 1 || d.Cost5 < 0 || d.Shortfall < 0 {
			t.Errorf("design %s: objectives out of range %+v", k, d)
		}
	}
	svg, err := ParetoChart(f)
	if err != nil || len(svg) == 0 {
		t.Errorf("chart: %v", err)
	}
}

func TestResultCharts(t *testing.T) {
	in, err := Load("../scenarios/ukraine-2025.yaml")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), in.Scenario, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	all, err := ResultCharts(res, "")
	if err != nil {
		t.Fatal(err)
	}
	one, err := ResultCharts(res, "european-force")
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Ground) == 0 || len(all.Cost) < 2 || len(one.Cost) != 1 || one.Cost["european-force"] == nil {
		t.Errorf("ground %d bytes, %d cost charts (want several), %d for one package (want 1)", len(all.Ground), len(all.Cost), len(one.Cost))
	}
}

func fmtDesign(m map[string]any) string {
	b, _ := json.Marshal(m)
	return string(b)
}

// TestLoadDevice: a device that never ends (/dev/zero reports size 0) is
// refused, not read without bound.
func TestLoadDevice(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero here")
	}
	if _, err := Load("/dev/zero"); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("err = %v", err)
	}
}
