package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// deter runs the command in the repository root and returns its output and
// exit status (0, or the status of an exitError, or 1 for other errors).
func deter(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var o, e bytes.Buffer
	err := run(context.Background(), args, &o, &e)
	var ee exitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		code = ee.code
	default:
		e.WriteString("deter: " + err.Error() + "\n")
		code = 1
	}
	return o.String(), e.String(), code
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("cmd", "deter", "testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	if got != string(want) {
		os.WriteFile(path+".got", []byte(got), 0o644)
		t.Errorf("output differs from %s (see %s.got):\n%s", path, path, got)
	}
}

// TestValidateBroken pins what `deter validate testdata/broken` prints for
// the deliberately broken scenarios: every error with file:line:column,
// field path and an excerpt, and exit status 1.
func TestValidateBroken(t *testing.T) {
	t.Chdir("../..")
	out, _, code := deter(t, "validate", "testdata/broken")
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	golden(t, "validate-broken.golden", out)
}

func TestValidateShippedStrict(t *testing.T) {
	t.Chdir("../..")
	out, errOut, code := deter(t, "validate", "--strict", "scenarios/")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	for _, f := range []string{"ukraine-2025", "baltic-2016", "cold-war-1985"} {
		if !strings.Contains(out, "scenarios/"+f+".yaml: ok") {
			t.Errorf("no ok line for %s:\n%s", f, out)
		}
	}
}

func TestValidateMissingFile(t *testing.T) {
	out, _, code := deter(t, "validate", "no-such-file.yaml")
	if code != 1 || !strings.Contains(out, "no-such-file.yaml") {
		t.Errorf("code %d, out %q", code, out)
	}
}

// TestStrictNamesUnsourced: --strict fails a file whose numbers lack sources,
// naming the field.
func TestStrictNamesUnsourced(t *testing.T) {
	t.Chdir("../..")
	_, _, code := deter(t, "validate", "scenario/testdata/all-mechanisms.yaml")
	if code != 0 {
		t.Fatalf("fixture invalid")
	}
	out, _, code := deter(t, "validate", "--strict", "scenario/testdata/all-mechanisms.yaml")
	if code != 1 || !strings.Contains(out, "actors[0].forces[0].strength: number has no source") {
		t.Errorf("code %d:\n%s", code, out)
	}
}

func TestRunJSONAndOut(t *testing.T) {
	t.Chdir("../..")
	dir := t.TempDir()
	out, errOut, code := deter(t, "run", "scenarios/ukraine-2025.yaml", "--json", "--out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var res struct {
		Packages []struct {
			ID       string
			Inputs   map[string]any
			RedLines []map[string]any `json:"red_lines_crossed"`
		}
		NotModelled []struct{ Model string } `json:"not_modelled"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("--json output is not JSON: %v", err)
	}
	if len(res.Packages) < 4 {
		t.Errorf("%d packages, want at least 4", len(res.Packages))
	}
	file, err := os.ReadFile(filepath.Join(dir, "result.json"))
	if err != nil || string(file) != out {
		t.Errorf("--out result.json differs from --json output (err %v)", err)
	}
	if txt, err := os.ReadFile(filepath.Join(dir, "report.txt")); err != nil || !strings.Contains(string(txt), "european-force") {
		t.Errorf("report.txt: %v", err)
	}
	// The European force includes NATO-state troops in Ukraine: Russia's hard
	// red line (the scenario's own statement) must be reported as crossed.
	for _, p := range res.Packages {
		crossed := false
		for _, r := range p.RedLines {
			if r["id"] == "no-nato-troops" {
				crossed = true
			}
		}
		if want := p.ID == "european-force" || p.ID == "capacity-building"; crossed != want {
			t.Errorf("%s: no-nato-troops crossed = %v, want %v", p.ID, crossed, want)
		}
	}
}

func TestRunInvalidScenario(t *testing.T) {
	t.Chdir("../..")
	_, errOut, code := deter(t, "run", "testdata/broken/bad-refs.yaml")
	if code != 1 || !strings.Contains(errOut, "bad-refs.yaml:16:17") || !strings.Contains(errOut, "deter validate") {
		t.Errorf("code %d, stderr:\n%s", code, errOut)
	}
}

func TestMechanismsListsAll(t *testing.T) {
	out, _, code := deter(t, "mechanisms")
	if code != 0 {
		t.Fatal(code)
	}
	for _, k := range []string{"collective_defence", "consultation_pledge", "assurances", "attacker_guarantor", "observers",
		"deterrent_force", "capacity_building", "air_policing", "air_support", "maritime", "intelligence_logistics",
		"arms_purchases", "frozen_assets", "sanctions_snapback", "energy_cutoff", "deep_strikes", "regeneration", "defended_line"} {
		if !strings.Contains(out, k) {
			t.Errorf("mechanism %s not listed", k)
		}
	}
}

func TestUnknownCommand(t *testing.T) {
	_, errOut, code := deter(t, "frobnicate")
	if code == 0 || !strings.Contains(errOut, "unknown command") {
		t.Errorf("code %d, %q", code, errOut)
	}
}

// TestREADMEExamples runs every `deter ...` command shown in README.md's
// command tour (lines starting with "deter " inside code blocks) and checks
// it succeeds, so the documentation cannot drift from the program.
func TestREADMEExamples(t *testing.T) {
	t.Chdir("../..")
	f, err := os.Open("README.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	inBlock, n := false, 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "```") {
			inBlock = !inBlock
			continue
		}
		if !inBlock || !strings.HasPrefix(line, "deter ") {
			continue
		}
		cmdline, _, _ := strings.Cut(line, "#")
		args := strings.Fields(cmdline)[1:]
		wantFail := false
		for i, a := range args {
			if strings.Contains(a, "*") {
				m, _ := filepath.Glob(a)
				args = append(append(args[:i:i], m...), args[i+1:]...)
			}
			if strings.Contains(a, "testdata/broken") {
				wantFail = true
			}
		}
		for i, a := range args {
			if a == "-o" || a == "--out" {
				args[i+1] = filepath.Join(t.TempDir(), args[i+1])
			}
		}
		n++
		out, errOut, code := deter(t, args...)
		if (code != 0) != wantFail {
			t.Errorf("README command %q: exit %d\n%s%s", line, code, out, errOut)
		}
	}
	if n < 4 {
		t.Errorf("found only %d deter commands in README.md", n)
	}
}
