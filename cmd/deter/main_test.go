package main

import (
	"bufio"
	"bytes"
	"context"
	"deter/internal/refdata"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
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
	svg, err := os.ReadFile(filepath.Join(dir, "ground.svg"))
	if err != nil || !bytes.Contains(svg, []byte("<svg")) || !bytes.Contains(svg, []byte("european-force")) {
		t.Errorf("ground.svg missing or without the packages (err %v)", err)
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
	readmeTmp := t.TempDir()
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
		if args[0] == "serve" {
			continue // a server; the web package's tests cover it
		}
		if args[0] == "new" {
			args[1] = filepath.Join(readmeTmp, args[1])
		}
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
			if a == "-o" || a == "--out" || a == "--db" || a == "--output" {
				args[i+1] = filepath.Join(readmeTmp, args[i+1]) // one folder, so resume and merge see the sweep
			}
			if a == "merge" || a == "export" {
				for j := i + 1; j < len(args); j++ {
					if strings.HasSuffix(args[j], ".db") {
						args[j] = filepath.Join(readmeTmp, args[j])
					}
				}
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

// TestFitRecovers: `deter fit` on the synthetic fixture (made with A = 0.03,
// B = 0.012, rounded to whole people) recovers the coefficients to 0.1%.
func TestFitRecovers(t *testing.T) {
	t.Chdir("../..")
	out, errOut, code := deter(t, "fit", "testdata/duel.csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var a, b float64
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) >= 5 && f[0] == "A" {
			a, _ = strconv.ParseFloat(f[4], 64)
		}
		if len(f) >= 5 && f[0] == "B" {
			b, _ = strconv.ParseFloat(f[4], 64)
		}
	}
	if math.Abs(a-0.03) > 0.03e-3 || math.Abs(b-0.012) > 0.012e-3 {
		t.Errorf("fitted A=%v B=%v, want 0.03 and 0.012 within 0.1%%\n%s", a, b, out)
	}
}

func TestFitBadCSV(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]string{
		"nocol.csv":  "day,x\n0,1\n",
		"neg.csv":    "day,x,y\n0,1,2\n1,-5,3\n",
		"noinit.csv": "day,x,y\n1,,2\n2,1,1\n",
		"nan.csv":    "day,x,y\n0,1,2\n1,NaN,3\n",
	}
	for name, body := range cases {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(body), 0o644)
		_, errOut, code := deter(t, "fit", p)
		if code == 0 || !strings.Contains(errOut, name) {
			t.Errorf("%s: code %d, stderr %q", name, code, errOut)
		}
	}
}

// TestGameSolve: battle of the sexes, worked by hand: pure equilibria (1,0;1,0)
// and (0,1;0,1), and the mixed one (2/3,1/3; 1/3,2/3).
func TestGameSolve(t *testing.T) {
	t.Chdir("../..")
	out, errOut, code := deter(t, "game", "solve", "testdata/games/bos.nfg", "--method", "enummixed")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"NE,1,0,1,0", "NE,0,1,0,1", "NE,2/3,1/3,1/3,2/3"} {
		if !strings.Contains(out, want+"\n") {
			t.Errorf("missing %s in:\n%s", want, out)
		}
	}
	out, _, _ = deter(t, "game", "solve", "testdata/games/bos.nfg")
	if strings.Count(out, "NE,") != 2 {
		t.Errorf("enumpure: %s", out)
	}
	if _, errOut, code := deter(t, "game", "solve", "README.md"); code == 0 || !strings.Contains(errOut, ".nfg or .efg") {
		t.Errorf("non-game file: %d %s", code, errOut)
	}
	// Jordan's (1993) three-player matching pennies has no pure equilibrium
	// and one mixed one, every player mixing 1/2, 1/2.
	out, errOut, code = deter(t, "game", "solve", "testdata/games/jordan3.nfg", "--method", "enumpoly")
	if code != 0 || out != "NE,1/2,1/2,1/2,1/2,1/2,1/2\n" {
		t.Errorf("enumpoly on jordan3.nfg: exit %d, %q %s", code, out, errOut)
	}
	if out, _, _ = deter(t, "game", "solve", "testdata/games/jordan3.nfg"); out != "" {
		t.Errorf("enumpure on jordan3.nfg: %q, want no pure equilibrium", out)
	}
	// The entry game written as its strategic form and solved there gives
	// the tree's equilibria: (In, Accommodate), (Out, Fight) and (Out, mix
	// with Fight at least 1/2), so the extreme ones of the .nfg.
	nfg := filepath.Join(t.TempDir(), "entry.nfg")
	if _, errOut, code := deter(t, "game", "strategic", "testdata/games/entry.efg", "-o", nfg); code != 0 {
		t.Fatalf("strategic: %s", errOut)
	}
	fromNFG, _, _ := deter(t, "game", "solve", nfg, "--method", "enummixed")
	fromEFG, _, _ := deter(t, "game", "solve", "testdata/games/entry.efg", "--method", "enummixed")
	if fromNFG == "" || fromNFG != fromEFG {
		t.Errorf("the written .nfg gives %q, the .efg %q", fromNFG, fromEFG)
	}
	if _, errOut, code := deter(t, "game", "strategic", "testdata/games/bos.nfg"); code == 0 || !strings.Contains(errOut, ".efg") {
		t.Errorf("strategic on a .nfg: %d %s", code, errOut)
	}
	// The entry game's only subgame-perfect equilibrium: In, Accommodate.
	if out, errOut, code := deter(t, "game", "solve", "testdata/games/entry.efg", "--method", "spe"); code != 0 || out != "NE,1,0,0,1\n" {
		t.Errorf("spe on entry.efg: exit %d, %q %s", code, out, errOut)
	}
}

// TestNew: the starting scenario is valid, runs, and is not written over an
// existing file.
func TestNew(t *testing.T) {
	p := filepath.Join(t.TempDir(), "s.yaml")
	if _, errOut, code := deter(t, "new", p); code != 0 {
		t.Fatalf("new: %s", errOut)
	}
	if out, _, code := deter(t, "validate", p); code != 0 {
		t.Fatalf("the starting scenario is not valid:\n%s", out)
	}
	if _, errOut, code := deter(t, "run", p); code != 0 {
		t.Fatalf("run: %s", errOut)
	}
	if _, errOut, code := deter(t, "new", p); code == 0 || !strings.Contains(errOut, "already exists") {
		t.Errorf("overwrote: %s", errOut)
	}
}

// TestGameSolveSequenceForm: deter game solve --method seqform gives Kuhn
// poker's value −1/18 (OpenSpiel's .efg), and refuses a .nfg.
func TestGameSolveSequenceForm(t *testing.T) {
	p, err := refdata.Path("openspiel-efg/kuhn_poker.efg")
	if err != nil {
		t.Skip(err)
	}
	p, _ = filepath.Abs(p)
	t.Chdir("../..")
	out, errOut, code := deter(t, "game", "solve", "--method", "seqform", p)
	if code != 0 || !strings.Contains(out, "value,-1/18") {
		t.Fatalf("exit %d, out %q, err %q", code, out, errOut)
	}
	_, errOut, code = deter(t, "game", "solve", "--method", "seqform", "testdata/games/bos.nfg")
	if code == 0 || !strings.Contains(errOut, ".efg") {
		t.Errorf("seqform on a .nfg: exit %d, %q", code, errOut)
	}
}

// TestGameSolveBehavior: enummixed --behavior on Gambit's
// entry_accommodation.efg prints, among others, the equilibrium Gambit's
// own test suite expects of lcp_solve: [[2/3,1/3],[1,0],[1,0]],[[2/3,1/3]].
func TestGameSolveBehavior(t *testing.T) {
	dir, err := refdata.Path("gambit-games")
	if err != nil {
		t.Skip(err)
	}
	dir, _ = filepath.Abs(dir)
	var file string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Name() == "entry_accommodation.efg" {
			file = p
		}
		return nil
	})
	if file == "" {
		t.Skip("entry_accommodation.efg not in the reference data")
	}
	out, errOut, code := deter(t, "game", "solve", "--method", "enummixed", "--behavior", file)
	if code != 0 || !strings.Contains(out, "NE,2/3,1/3,1,0,1,0,2/3,1/3\n") {
		t.Fatalf("exit %d, out %q, err %q", code, out, errOut)
	}
}

// TestGameDeterrence: deter game deterrence writes a package's deterrence
// game as .efg; solving that file with --method bayes gives the verdict
// deter run prints: with no guarantees the attacker attacks with a limited
// offensive (its information set plays the third action: keep, full,
// limited) and its value is positive; against the European force it keeps
// the cease-fire (the first action) and its value is 0.
func TestGameDeterrence(t *testing.T) {
	t.Chdir("../..")
	dir := t.TempDir()
	for _, tc := range []struct {
		pkg, attacker         string
		attackerValuePositive bool
	}{
		{"no-guarantees", "NE,0,1,0\n", true},
		{"european-force", "NE,1,0,0,", false},
	} {
		file := filepath.Join(dir, tc.pkg+".efg")
		_, errOut, code := deter(t, "game", "deterrence", "scenarios/ukraine-2025.yaml", "--package", tc.pkg, "-o", file)
		if code != 0 || !strings.Contains(errOut, "wrote") {
			t.Fatalf("%s: exit %d, %q", tc.pkg, code, errOut)
		}
		out, errOut, code := deter(t, "game", "solve", "--method", "bayes", file)
		if code != 0 || !strings.HasPrefix(out, tc.attacker) {
			t.Fatalf("%s: exit %d, out %.80q, err %q", tc.pkg, code, out, errOut)
		}
		var value string
		for _, l := range strings.Split(out, "\n") {
			if v, ok := strings.CutPrefix(l, "value,"); ok {
				value, _, _ = strings.Cut(v, ",")
			}
		}
		r, ok := new(big.Rat).SetString(value)
		if !ok || (r.Sign() > 0) != tc.attackerValuePositive {
			t.Errorf("%s: attacker's value %q", tc.pkg, value)
		}
	}
	_, errOut, code := deter(t, "game", "deterrence", "scenarios/ukraine-2025.yaml", "--package", "nope")
	if code == 0 || !strings.Contains(errOut, "packages: no-guarantees") {
		t.Errorf("unknown package: exit %d, %q", code, errOut)
	}
	// A game where a player's move is hidden is refused with a reason.
	_, errOut, code = deter(t, "game", "solve", "--method", "bayes", "testdata/games/pennies.efg")
	if code == 0 || !strings.Contains(errOut, "hides a player's move") {
		t.Errorf("matching pennies: exit %d, %q", code, errOut)
	}
}

// TestGameSolveLCP: --method tracing on one stage of Selten's chain store
// (testdata/games/entry.efg) prints (In, Accommodate). Of the game's Nash
// equilibria only that one is normal-form perfect ((Out, Fight) rests on
// the weakly dominated Fight), and the tracing procedure from a completely
// mixed start finds a normal-form perfect equilibrium (von Stengel, van
// den Elzen and Talman 2002, Econometrica 70:693-715). --method lcp, set up
// as Gambit's lcp_solve, prints an equilibrium too.
func TestGameSolveLCP(t *testing.T) {
	t.Chdir("../..")
	out, errOut, code := deter(t, "game", "solve", "--method", "tracing", "testdata/games/entry.efg")
	if code != 0 || out != "NE,1,0,0,1\n" {
		t.Fatalf("exit %d, out %q, err %q", code, out, errOut)
	}
	out, errOut, code = deter(t, "game", "solve", "--method", "lcp", "testdata/games/entry.efg")
	if code != 0 || (out != "NE,1,0,0,1\n" && out != "NE,0,1,1,0\n") {
		t.Fatalf("lcp: exit %d, out %q, err %q", code, out, errOut)
	}
	// The logit QRE at λ = 0 is the centroid; a negative λ is refused.
	out, errOut, code = deter(t, "game", "solve", "--method", "logit", "--lambda", "0", "testdata/games/bos.nfg")
	if code != 0 || out != "0,0.5,0.5,0.5,0.5\n" {
		t.Fatalf("logit: exit %d, out %q, err %q", code, out, errOut)
	}
	if _, errOut, code = deter(t, "game", "solve", "--method", "logit", "--lambda", "-1", "testdata/games/bos.nfg"); code == 0 || !strings.Contains(errOut, "λ must be") {
		t.Errorf("negative λ: exit %d, %q", code, errOut)
	}
	// The agent form's pure equilibria: both pure equilibria of the game
	// ((In, Accommodate) and (Out, Fight)), each a single-action check.
	out, errOut, code = deter(t, "game", "solve", "--agent", "testdata/games/entry.efg")
	if code != 0 || out != "NE,1,0,0,1\nNE,0,1,1,0\n" {
		t.Fatalf("agent: exit %d, out %q, err %q", code, out, errOut)
	}
	_, errOut, code = deter(t, "game", "solve", "--method", "lcp", "testdata/games/bos.nfg")
	if code == 0 || !strings.Contains(errOut, "needs an extensive game") {
		t.Errorf("lcp on a .nfg: exit %d, %q", code, errOut)
	}
}

// TestRunIntervention: deter run --intervention by_means lists every
// guarantor's forms of help (the default pooled model does not), and an
// unknown model is refused with the allowed values named.
func TestRunIntervention(t *testing.T) {
	t.Chdir("../..")
	out, errOut, code := deter(t, "run", "--intervention", "by_means", "scenarios/ukraine-2025.yaml")
	if code != 0 || !strings.Contains(out, "forms of help if attacked: usa: sanctions and arms") {
		t.Fatalf("by_means: exit %d, err %q", code, errOut)
	}
	out, _, code = deter(t, "run", "scenarios/ukraine-2025.yaml")
	if code != 0 || strings.Contains(out, "forms of help") {
		t.Errorf("pooled: exit %d, forms of help listed: %v", code, strings.Contains(out, "forms of help"))
	}
	_, errOut, code = deter(t, "run", "--intervention", "all_in", "scenarios/ukraine-2025.yaml")
	if code == 0 || !strings.Contains(errOut, "pooled, force_weighted or by_means") {
		t.Errorf("unknown model: exit %d, %q", code, errOut)
	}
}

// TestRunZeroValueOfGround: a value of ground of 0 makes the attacker's war
// cost per km2 infinite; run must say so with the file, line and field
// instead of printing an empty bargaining range (it was silently dropped).
func TestRunZeroValueOfGround(t *testing.T) {
	t.Chdir("../..")
	b, err := os.ReadFile("scenarios/ukraine-2025.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "\nmodels:\n") {
		t.Fatal("the Ukraine scenario has no models: block to add to")
	}
	src := strings.Replace(string(b), "\nmodels:\n", "\nmodels:\n  deterrence:\n    attacker_value_per_km2_usd_m: {value: 0, source: assumption}\n", 1)
	path := filepath.Join(t.TempDir(), "zero.yaml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	line := strings.Count(src[:strings.Index(src, "attacker_value_per_km2_usd_m")], "\n") + 1
	_, errOut, code := deter(t, "run", path)
	want := fmt.Sprintf("zero.yaml:%d:", line)
	if code != 1 || !strings.Contains(errOut, want) || !strings.Contains(errOut, "models.deterrence.attacker_value_per_km2_usd_m") {
		t.Errorf("exit %d, stderr %q; want %s and the field", code, errOut, want)
	}
}

// TestMainDocListsCommands: the package documentation lists every command
// the program has, and no other.
func TestMainDocListsCommands(t *testing.T) {
	b, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b[:bytes.Index(b, []byte("package main"))])
	var o, e bytes.Buffer
	if err := run(context.Background(), []string{"help"}, &o, &e); err != nil {
		t.Fatal(err)
	}
	n := 0
	inList := false
	for _, line := range strings.Split(o.String(), "\n") {
		if strings.HasPrefix(line, "Available Commands:") {
			inList = true
			continue
		}
		if inList && strings.TrimSpace(line) == "" {
			break
		}
		f := strings.Fields(line)
		if !inList || len(f) == 0 || f[0] == "help" || f[0] == "completion" {
			continue
		}
		n++
		if !strings.Contains(doc, "//\tdeter "+f[0]+" ") {
			t.Errorf("command %s is not in main.go's documentation", f[0])
		}
	}
	if n < 15 {
		t.Errorf("found %d commands in the help, expected the whole list", n)
	}
}

// TestEffectsDocUpToDate: the tables quoted in docs/effects.md are what
// `deter effects --package` prints today.
func TestEffectsDocUpToDate(t *testing.T) {
	t.Chdir("../..")
	doc, err := os.ReadFile("docs/effects.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range []string{"no-guarantees", "european-force"} {
		out, errOut, code := deter(t, "effects", "scenarios/ukraine-2025.yaml", "--package", pkg)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		i := strings.Index(out, pkg+" as written")
		j := strings.Index(string(doc), pkg+" as written")
		if i < 0 || j < 0 {
			t.Fatalf("%s: table not found (output %d, doc %d)", pkg, i, j)
		}
		want := strings.TrimRight(out[i:], "\n")
		got := string(doc[j:])
		if end := strings.Index(got, "\n```"); end >= 0 {
			got = got[:end]
		}
		if got != want {
			t.Errorf("docs/effects.md's table for %s is stale; deter effects prints:\n%s", pkg, want)
		}
	}
}

// TestFitInputs: the fit reads semicolon- and tab-separated files, column
// names in another case or by an alias, days counted from another origin;
// the linear law now starts from values estimated from the data and fits
// (R² above 0.9), and a start far from the data that explains nothing is an
// error, not a result (issue 19).
func TestFitInputs(t *testing.T) {
	t.Chdir("../..")
	src, err := os.ReadFile("testdata/duel.csv")
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, l := range strings.Split(strings.TrimSpace(string(src)), "\n") {
		if !strings.HasPrefix(l, "#") {
			rows = append(rows, l)
		}
	}
	dir := t.TempDir()
	semi := strings.ReplaceAll(strings.Replace(strings.Join(rows, "\n"), "day,x,y", "Time,Blue,Red", 1), ",", ";")
	var shifted []string
	for i, l := range rows {
		f := strings.Split(l, ",")
		if i > 0 {
			d, _ := strconv.Atoi(f[0])
			f[0] = strconv.Itoa(d + 100)
		}
		shifted = append(shifted, strings.Join(f, "\t"))
	}
	for name, body := range map[string]string{"semi.csv": semi, "tab.csv": strings.Join(shifted, "\n")} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		out, errOut, code := deter(t, "fit", p)
		if code != 0 || !strings.Contains(out, "A (y on x)   0.03") || !strings.Contains(out, "B (x on y)   0.012") {
			t.Errorf("%s: exit %d\n%s%s", name, code, out, errOut)
		}
	}
	out, errOut, code := deter(t, "fit", "testdata/duel.csv", "--law", "linear")
	if code != 0 || !strings.Contains(out, "R² x, y      0.9") {
		t.Errorf("linear law from estimated starting values: exit %d\n%s%s", code, out, errOut)
	}
	_, errOut, code = deter(t, "fit", "testdata/duel.csv", "--law", "linear", "--a0", "0.01", "--b0", "0.01")
	if code == 0 || !strings.Contains(errOut, "explains none") {
		t.Errorf("a non-fit was reported as a result: exit %d, %q", code, errOut)
	}
}
