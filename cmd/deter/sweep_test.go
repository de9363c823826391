package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"deter/store"
)

// sweepJSON runs `deter sweep --json` and returns the summaries part.
func sweepJSON(t *testing.T, args ...string) json.RawMessage {
	t.Helper()
	out, errOut, code := deter(t, append([]string{"sweep", "--json", "-q"}, args...)...)
	if code != 0 {
		t.Fatalf("sweep %v: exit %d: %s", args, code, errOut)
	}
	var v struct{ Summaries json.RawMessage }
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	return v.Summaries
}

// TestSweepWorkersShardsIdentical: same seed, 1 worker vs 2 workers vs the
// draws of 4 shards merged give identical summary bytes.
func TestSweepWorkersShardsIdentical(t *testing.T) {
	t.Chdir("../..")
	dir := t.TempDir()
	one := sweepJSON(t, "scenarios/ukraine-2025.yaml", "--draws", "40", "--workers", "1", "--db", filepath.Join(dir, "a.db"))
	two := sweepJSON(t, "scenarios/ukraine-2025.yaml", "--draws", "40", "--workers", "2", "--db", filepath.Join(dir, "b.db"))
	if !bytes.Equal(one, two) {
		t.Fatal("1 and 2 workers give different summaries")
	}
	// Run 4 shards into one database, then summarise all rows together.
	shardDB := filepath.Join(dir, "shards.db")
	for i := range 4 {
		sweepJSON(t, "scenarios/ukraine-2025.yaml", "--draws", "40", "--shard", strings.Join([]string{string(rune('0' + i)), "4"}, "/"), "--db", shardDB)
	}
	merged := mergedSummary(t, shardDB)
	if !bytes.Equal(one, merged) {
		t.Fatalf("4 shards differ from one run:\n%s\n%s", one[:200], merged[:200])
	}
}

func mergedSummary(t *testing.T, path string) json.RawMessage {
	t.Helper()
	out, errOut, code := deter(t, "merge", "--json", path)
	if code != 0 {
		t.Fatalf("merge: exit %d: %s", code, errOut)
	}
	var v struct{ Summaries json.RawMessage }
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	return v.Summaries
}

func TestSweepNeedsResume(t *testing.T) {
	t.Chdir("../..")
	db := filepath.Join(t.TempDir(), "r.db")
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	// A complete sweep, then the same sweep again: fine (nothing to do).
	a := sweepJSON(t, "scenarios/baltic-2016.yaml", "--draws", "5", "--db", db)
	b := sweepJSON(t, "scenarios/baltic-2016.yaml", "--draws", "5", "--db", db)
	if !bytes.Equal(a, b) {
		t.Fatal("rerunning a complete sweep changed its summary")
	}
	_, errOut, code := deter(t, "sweep", "scenarios/baltic-2016.yaml", "--shard", "3/2")
	if code == 0 || !strings.Contains(errOut, "--shard") {
		t.Errorf("bad shard accepted: %s", errOut)
	}
	_, errOut, code = deter(t, "sweep", "scenarios/baltic-2016.yaml", "--draws", "20000000", "--db", db)
	if code == 0 || !strings.Contains(errOut, "limit") {
		t.Errorf("huge sweep accepted: %s", errOut)
	}
}

// TestSweepKillResume kills a sweep process with SIGKILL part-way, resumes
// it, and checks the result equals an uninterrupted sweep's bit for bit.
func TestSweepKillResume(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it; skipped in -short mode")
	}
	root, _ := filepath.Abs("../..")
	dir := t.TempDir()
	bin := filepath.Join(dir, "deter")
	build := exec.Command("go", "build", "-o", bin, "./cmd/deter")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	scen := filepath.Join(root, "scenarios", "ukraine-2025.yaml")
	const draws = "3000"
	db := filepath.Join(dir, "killed.db")
	cmd := exec.Command(bin, "sweep", scen, "--draws", draws, "--db", db, "-q", "--workers", "2")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until some draws are stored, then kill -9.
	deadline := time.Now().Add(60 * time.Second)
	for {
		if n := storedDraws(t, db); n >= 50 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("no draws stored within 60 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	n := storedDraws(t, db)
	if n >= 3000 {
		t.Skip("the sweep finished before it could be killed; machine too fast for this test's size")
	}
	t.Logf("killed after %d stored draws", n)
	// Without --resume it refuses; with it, it finishes.
	if out, err := exec.Command(bin, "sweep", scen, "--draws", draws, "--db", db, "-q").CombinedOutput(); err == nil {
		t.Fatalf("partial sweep continued without --resume:\n%s", out)
	}
	resumed, err := exec.Command(bin, "sweep", scen, "--draws", draws, "--db", db, "-q", "--resume", "--json").Output()
	if err != nil {
		t.Fatal(err)
	}
	clean, err := exec.Command(bin, "sweep", scen, "--draws", draws, "--db", filepath.Join(dir, "clean.db"), "-q", "--json").Output()
	if err != nil {
		t.Fatal(err)
	}
	var a, b struct{ Summaries json.RawMessage }
	json.Unmarshal(resumed, &a)
	json.Unmarshal(clean, &b)
	if !bytes.Equal(a.Summaries, b.Summaries) || len(a.Summaries) < 100 {
		t.Fatal("resumed sweep differs from an uninterrupted one")
	}
}

func storedDraws(t *testing.T, path string) int {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		return 0
	}
	db, err := store.Open(path)
	if err != nil {
		return 0
	}
	defer db.Close()
	runs, err := db.Runs(context.Background())
	if err != nil || len(runs) == 0 {
		return 0
	}
	done, err := db.Done(context.Background(), runs[0])
	if err != nil {
		return 0
	}
	return len(done)
}

func TestSensitivityCmd(t *testing.T) {
	t.Chdir("../..")
	svg := filepath.Join(t.TempDir(), "t.svg")
	out, errOut, code := deter(t, "sensitivity", "scenarios/ukraine-2025.yaml", "--package", "no-guarantees", "--output", "ground_km2_d365", "--n", "16", "--svg", svg)
	if code != 0 || !strings.Contains(out, "drone_density") {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	if b, err := os.ReadFile(svg); err != nil || !bytes.Contains(b, []byte("<svg")) {
		t.Errorf("tornado chart: %v", err)
	}
	_, errOut, code = deter(t, "sensitivity", "scenarios/baltic-2016.yaml", "--package", "efp-2017")
	if code == 0 || !strings.Contains(errOut, "no uncertain values") {
		t.Errorf("baltic (no distributions): %d %s", code, errOut)
	}
	_, errOut, code = deter(t, "sensitivity", "scenarios/ukraine-2025.yaml", "--package", "no-guarantees", "--output", "nope")
	if code == 0 || !strings.Contains(errOut, "unknown output") {
		t.Errorf("bad output: %d %s", code, errOut)
	}
}

func TestOptimiseCmd(t *testing.T) {
	t.Chdir("../..")
	out, errOut, code := deter(t, "optimise", "scenarios/ukraine-2025.yaml", "--population", "8", "--generations", "2", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var v struct {
		Front []map[string]any
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil || len(v.Front) == 0 {
		t.Fatalf("front: %v %s", err, out)
	}
	_, errOut, code = deter(t, "optimise", "scenarios/baltic-2016.yaml")
	if code == 0 || !strings.Contains(errOut, "design") {
		t.Errorf("scenario without design: %d %s", code, errOut)
	}
}
