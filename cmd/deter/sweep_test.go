package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
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
	bin := buildDeter(t)
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
	// Read-only, without store.Open's migrations (a write), so polling
	// never competes with the sweep for the write lock.
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return 0
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT COUNT(DISTINCT draw) FROM draws`).Scan(&n); err != nil {
		return 0
	}
	return n
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
	// The shared judgement coefficients are uncertain values of every
	// scenario: sensitivity sees them and names the file they come from.
	out, errOut, code = deter(t, "sensitivity", "scenarios/baltic-2016.yaml", "--package", "efp-2017", "--n", "8")
	if code != 0 || !strings.Contains(out, "models.deterrence.sigma_attacker_usd_bn (coefficients.yaml line") {
		t.Errorf("baltic, shared coefficients: %d %s%s", code, out, errOut)
	}
	// Switch-over values (issue 18): what flips capacity building's verdict.
	out, errOut, code = deter(t, "sensitivity", "scenarios/ukraine-2025.yaml", "--package", "capacity-building", "--n", "8")
	if code != 0 || !strings.Contains(out, "What flips it") || !strings.Contains(out, "attacker_value_per_km2_usd_m") ||
		!strings.Contains(out, "fitted to the case library (8 values)") || !strings.Contains(out, "assumptions (") {
		t.Errorf("switch-over: %d %s%s", code, out, errOut)
	}
	if _, errOut, code = deter(t, "sensitivity", "scenarios/ukraine-2025.yaml", "--package", "capacity-building", "--switch", "NaN"); code == 0 || !strings.Contains(errOut, "--switch") {
		t.Errorf("--switch NaN: %d %s", code, errOut)
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

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// buildDeter builds the binary once per test run.
func buildDeter(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "deter-bin-")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "deter")
		root, _ := filepath.Abs("../..")
		cmd := exec.Command("go", "build", "-o", builtBin, "./cmd/deter")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

// TestShardProcesses runs 3 shard processes at once, merges their
// databases, and checks the result equals a single-process sweep bit for
// bit (summaries, and every exported draw).
func TestShardProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("runs several processes; skipped in -short mode")
	}
	bin := buildDeter(t)
	root, _ := filepath.Abs("../..")
	scen := filepath.Join(root, "scenarios", "ukraine-2025.yaml")
	dir := t.TempDir()
	const n = 3
	var cmds []*exec.Cmd
	var dbs []string
	for i := range n {
		db := filepath.Join(dir, fmt.Sprintf("shard-%d.db", i))
		dbs = append(dbs, db)
		c := exec.Command(bin, "sweep", scen, "--draws", "90", "--shard", fmt.Sprintf("%d/%d", i, n), "--db", db, "-q")
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, c)
	}
	for _, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Fatalf("shard process: %v", err)
		}
	}
	merged := filepath.Join(dir, "merged.db")
	mout, err := exec.Command(bin, append([]string{"merge", "--json", "--out", merged}, dbs...)...).Output()
	if err != nil {
		t.Fatalf("merge: %v", err)
	}
	single := filepath.Join(dir, "single.db")
	sout, err := exec.Command(bin, "sweep", scen, "--draws", "90", "--db", single, "-q", "--json").Output()
	if err != nil {
		t.Fatal(err)
	}
	var a, b struct{ Summaries json.RawMessage }
	json.Unmarshal(mout, &a)
	json.Unmarshal(sout, &b)
	if !bytes.Equal(a.Summaries, b.Summaries) || len(a.Summaries) < 100 {
		t.Fatal("merged shards differ from the single-process sweep")
	}
	ca, cb := filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")
	if out, err := exec.Command(bin, "export", merged, "-o", ca).CombinedOutput(); err != nil {
		t.Fatalf("export: %v %s", err, out)
	}
	exec.Command(bin, "export", single, "-o", cb).Run()
	x, _ := os.ReadFile(ca)
	y, _ := os.ReadFile(cb)
	if !bytes.Equal(x, y) || len(x) < 1000 {
		t.Fatal("exported draws differ between merged shards and the single sweep")
	}
	// A shard missing is caught.
	if out, err := exec.Command(bin, append([]string{"merge"}, dbs[:2]...)...).CombinedOutput(); err == nil || !strings.Contains(string(out), "missing") {
		t.Errorf("merge with a shard missing: %v %s", err, out)
	}
}

// TestDeployScripts: the SLURM script and the Kubernetes manifest call
// 'deter sweep' with flags that exist.
func TestDeployScripts(t *testing.T) {
	t.Chdir("../..")
	help, _, _ := deter(t, "sweep", "--help")
	for _, f := range []string{"deploy/slurm-sweep.sh", "deploy/kubernetes-sweep.yaml"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		if !strings.Contains(text, "sweep ") || !strings.Contains(text, "--shard") {
			t.Fatalf("%s does not run a sharded sweep", f)
		}
		for _, flag := range []string{"--draws", "--seed", "--shard", "--db", "--resume", "-q"} {
			if strings.Contains(text, flag) && !strings.Contains(help, flag) {
				t.Errorf("%s uses %s, which deter sweep does not have", f, flag)
			}
		}
	}
}

// TestSweepBadCounts: impossible draw and worker counts are refused with a
// message naming the flag, before any work.
func TestSweepBadCounts(t *testing.T) {
	t.Chdir("../..")
	db := filepath.Join(t.TempDir(), "x.db")
	for _, c := range []struct{ flag, value, msg string }{
		{"--draws", "-5", "--draws -5: give at least 1 draw"},
		{"--draws", "0", "--draws 0: give at least 1 draw"},
		{"--workers", "-3", "--workers -3 must be between 1 and 1024"},
		{"--workers", "5000", "--workers 5000 must be between 1 and 1024"},
	} {
		_, errOut, code := deter(t, "sweep", "scenarios/minsk-2015.yaml", "-q", "--db", db, c.flag, c.value)
		if code == 0 || !strings.Contains(errOut, c.msg) {
			t.Errorf("%s %s: exit %d, %q; want %q", c.flag, c.value, code, errOut, c.msg)
		}
		if _, err := os.Stat(db); err == nil {
			t.Errorf("%s %s: a database was created", c.flag, c.value)
		}
	}
}

// TestProbabilityDigits: sweep and sensitivity print probabilities with no
// more digits than such a model supports (whole points, one significant
// digit below 1%): never 0.000426 or 4.260e-04 (issue 15).
func TestProbabilityDigits(t *testing.T) {
	t.Chdir("../..")
	ok := regexp.MustCompile(`^(>99%|<0\.001%|\d{1,3}%|0\.0*[1-9]%)$`)
	check := func(what, out string) {
		t.Helper()
		n := 0
		for _, line := range strings.Split(out, "\n") {
			f := strings.Fields(line)
			if len(f) < 6 || !strings.HasPrefix(f[1], "p_") {
				continue
			}
			for _, tok := range f[2:6] {
				n++
				if !ok.MatchString(tok) {
					t.Errorf("%s: %q in %q", what, tok, line)
				}
			}
		}
		if n == 0 {
			t.Errorf("%s: no probability rows found:\n%s", what, out)
		}
	}
	out, errOut, code := deter(t, "sweep", "scenarios/ukraine-2025.yaml", "--draws", "4", "--db", filepath.Join(t.TempDir(), "p.db"), "-q")
	if code != 0 {
		t.Fatalf("sweep: %s", errOut)
	}
	check("sweep", out)
	out, errOut, code = deter(t, "sensitivity", "scenarios/ukraine-2025.yaml", "--package", "european-force", "--n", "8")
	if code != 0 {
		t.Fatalf("sensitivity: %s", errOut)
	}
	first := strings.SplitN(out, "\n", 2)[0]
	if m := regexp.MustCompile(`: (\S+) with every`).FindStringSubmatch(first); m == nil || !ok.MatchString(m[1]) {
		t.Errorf("sensitivity headline %q", first)
	}
}
