package scenario

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// formatErrors renders an error list as `deter validate` shows it.
func formatErrors(err error) string {
	var list ErrorList
	if !errors.As(err, &list) {
		return "not an ErrorList: " + err.Error() + "\n"
	}
	var b strings.Builder
	for _, e := range list {
		b.WriteString(e.Error())
		b.WriteByte('\n')
		if ex := e.Excerpt(); ex != "" {
			b.WriteString(ex)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// TestBrokenGolden pins the messages for every deliberately broken scenario
// under testdata/broken: each error with file:line:column, field path and a
// caret excerpt. Run with -update to rewrite the golden files; on a mismatch
// the output is written beside the golden file as .got.
func TestBrokenGolden(t *testing.T) {
	t.Chdir("..") // paths in messages are relative to the repository root
	files, _ := filepath.Glob("testdata/broken/*.yaml")
	if len(files) < 5 {
		t.Fatalf("expected the broken scenarios in testdata/broken, found %d", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			s, err := Load(f)
			if err == nil {
				t.Fatalf("Load(%s) succeeded (%q); it is meant to be broken", f, s.Name)
			}
			got := formatErrors(err)
			golden := strings.TrimSuffix(f, ".yaml") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./scenario -update to create it)", err)
			}
			if got != string(want) {
				os.WriteFile(golden+".got", []byte(got), 0o644)
				t.Errorf("messages differ from %s; see %s.got\n--- got\n%s", golden, golden, got)
			}
		})
	}
}

// TestAllErrorsAtOnce checks that one load reports every problem of a file,
// not just the first, each with a position and field path.
func TestAllErrorsAtOnce(t *testing.T) {
	_, err := Load("../testdata/broken/bad-values.yaml")
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("want ErrorList, got %v", err)
	}
	wantPaths := []string{
		"as_of", "settings.horizon_days", "settings.draws", "actors[0].role", "actors[0].nato_member",
		"actors[0].forces[0].strength", "actors[0].forces[0].quality", "actors[0].forces[0].readiness",
		"actors[0].forces[1].strength", "actors[0].forces[2].strength", "actors[0].forces[3].type",
		"actors[0].forces[3].strength", "actors[0].forces[4].strength", "theatre.sectors[0].frontage_km",
		"theatre.sectors[0].depth_km", "theatre.sectors[0].fortification", "theatre.sectors[0].terrain",
		"packages[0].mechanisms.defended_line.clarity",
	}
	have := map[string]bool{}
	for _, e := range list {
		have[e.Path] = true
		if e.Pos.Line == 0 || e.File == "" {
			t.Errorf("error without file or line: %v", e)
		}
	}
	for _, p := range wantPaths {
		if !have[p] {
			t.Errorf("no error reported for %s", p)
		}
	}
}

func loadShipped(t *testing.T) map[string]*Scenario {
	t.Helper()
	files, _ := filepath.Glob("../scenarios/*.yaml")
	if len(files) == 0 {
		t.Fatal("no shipped scenarios in ../scenarios")
	}
	out := map[string]*Scenario{}
	for _, f := range files {
		s, err := Load(f)
		if err != nil {
			t.Fatalf("shipped scenario %s does not load:\n%v", f, err)
		}
		out[filepath.Base(f)] = s
	}
	return out
}

// TestShippedScenariosSourced: every shipped scenario loads, and every number
// in it has a source or is marked as an assumption.
func TestShippedScenariosSourced(t *testing.T) {
	for name, s := range loadShipped(t) {
		if u := Unsourced(s); len(u) > 0 {
			t.Errorf("%s has %d unsourced numbers:\n%v", name, len(u), u)
		}
	}
	for _, want := range []string{"ukraine-2025.yaml", "baltic-2016.yaml", "cold-war-1985.yaml", "crimea-2014.yaml", "minsk-2015.yaml"} {
		if _, ok := loadShipped(t)[want]; !ok {
			t.Errorf("scenario %s is not shipped", want)
		}
	}
}

// TestUkrainePackages checks the seed case compares at least the four
// packages the 2025 debate named.
func TestUkrainePackages(t *testing.T) {
	s, err := Load("../scenarios/ukraine-2025.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"assurances-only":   {"assurances", "sanctions_snapback"},
		"capacity-building": {"capacity_building", "regeneration"},
		"european-force":    {"deterrent_force", "air_support"},
		"steel-porcupine":   {"arms_purchases", "frozen_assets"},
	}
	got := map[string]*Package{}
	for i := range s.Packages {
		got[s.Packages[i].ID] = &s.Packages[i]
	}
	for id, mechs := range want {
		p := got[id]
		if p == nil {
			t.Errorf("package %s missing", id)
			continue
		}
		for _, m := range mechs {
			if !p.Mechanisms.Has(m) {
				t.Errorf("package %s lacks %s", id, m)
			}
		}
	}
	if p := got["steel-porcupine"]; p != nil && p.Mechanisms.Has("deterrent_force") {
		t.Error("steel-porcupine must not station foreign troops")
	}
}

// TestEveryMechanism loads a scenario holding all 18 mechanisms of the seed
// facts and checks each is decoded, with a parameter read back.
func TestEveryMechanism(t *testing.T) {
	s, err := Load("testdata/all-mechanisms.yaml")
	if err != nil {
		t.Fatal(err)
	}
	p := s.Packages[0]
	present := p.Mechanisms.Present()
	if len(present) != len(MechanismList()) || len(present) != 18 {
		t.Fatalf("present %d of %d mechanisms: %v", len(present), len(MechanismList()), present)
	}
	m := p.Mechanisms
	checks := []struct {
		name      string
		got, want float64
	}{
		{"deterrent force troops", m.DeterrentForce.Contingents[1].Troops.Nominal(), 7500},
		{"arms total", m.ArmsPurchases.Total.Nominal(), 100},
		{"observers", m.Observers.Count.Nominal(), 800},
		{"frozen share default", m.FrozenAssets.ShareAvailable.Nominal(), 1},
		{"line clarity", m.DefendedLine.Clarity.Nominal(), 0.9},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if m.CollectiveDefence.Obligation != "as_deemed_necessary" || !m.AttackerGuarantor.Veto {
		t.Error("string and bool parameters not decoded")
	}
}

func TestExtends(t *testing.T) {
	src := minimal + `
  - id: child
    name: Child
    extends: base
    mechanisms:
      observers: {count: 5}
`
	s, err := Parse("x.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	c := s.Packages[1]
	if !c.Mechanisms.Has("assurances") || c.Mechanisms.Observers.Count.Nominal() != 5 {
		t.Fatalf("child = %v", c.Mechanisms.Present())
	}
	if s.Packages[0].Mechanisms.Has("observers") {
		t.Fatal("parent changed by child")
	}
}

// minimal is a small valid scenario used by several tests.
const minimal = `deter: 1
name: Minimal
references:
  - {id: r, citation: "A citation, 2020"}
actors:
  - id: red
    name: Red
    role: attacker
    forces:
      - {id: r1, type: infantry, strength: {value: 1000, source: r}, sector: s}
  - id: blue
    name: Blue
    role: defender
    forces:
      - {id: b1, type: infantry, strength: 500, sector: s}
  - {id: green, name: Green, role: guarantor}
theatre:
  sectors:
    - {id: s, frontage_km: 10, depth_km: 20, source: r}
packages:
  - id: base
    name: Base
    mechanisms:
      assurances: {guarantors: [green]}`

func TestMinimalAndProvenance(t *testing.T) {
	s, err := Parse("m.yaml", []byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	if s.Settings.HorizonDays != 365 || s.Settings.Draws != 1000 {
		t.Errorf("defaults not applied: %+v", s.Settings)
	}
	u := s.Actors[0].Forces[0]
	if u.Strength.Source != "r" || u.Strength.Inherited {
		t.Errorf("own source: %+v", u.Strength)
	}
	if !u.Quality.Default || u.Quality.Nominal() != 1 {
		t.Errorf("default quality: %+v", u.Quality)
	}
	sec := s.Theatre.Sectors[0]
	if sec.FrontageKm.Source != "r" || !sec.FrontageKm.Inherited {
		t.Errorf("inherited source: %+v", sec.FrontageKm)
	}
	// Blue's strength has no source anywhere: the lint must name it.
	un := Unsourced(s)
	if len(un) != 1 || un[0].Path != "actors[1].forces[0].strength" || un[0].Pos.Line != 15 {
		t.Errorf("Unsourced = %v", un)
	}
}

func TestAliasBomb(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("a0: &a0 [1,1,1,1,1,1,1,1,1,1]\n")
	for i := 1; i < 12; i++ {
		b.WriteString("a" + itoa(i) + ": &a" + itoa(i) + " [")
		for j := range 10 {
			if j > 0 {
				b.WriteString(",")
			}
			b.WriteString("*a" + itoa(i-1))
		}
		b.WriteString("]\n")
	}
	b.WriteString("actors: *a11\n")
	_, err := Parse("bomb.yaml", b.Bytes())
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("alias bomb: err = %v", err)
	}
	if len(list) > maxErrors+1 {
		t.Fatalf("alias bomb produced %d errors; the cap is %d", len(list), maxErrors)
	}
}

func TestTooLarge(t *testing.T) {
	_, err := Parse("big.yaml", make([]byte, MaxFileSize+1))
	if err == nil || !strings.Contains(err.Error(), "limit") {
		t.Fatalf("err = %v", err)
	}
}

func TestMultipleDocuments(t *testing.T) {
	_, err := Parse("two.yaml", []byte(minimal+"\n---\n"+minimal))
	if err == nil || !strings.Contains(err.Error(), "2 YAML documents") {
		t.Fatalf("err = %v", err)
	}
}

// TestMechanismTemplates: every mechanism's template, with its placeholders
// filled in, parses strictly against the Ukraine scenario; a typo in a
// fragment is reported with its line.
func TestMechanismTemplates(t *testing.T) {
	s, err := Load("../scenarios/ukraine-2025.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range MechanismList() {
		tpl, err := MechanismTemplate(m.Key)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.NewReplacer("REPLACE-WITH-ACTOR-ID", "uk", "REPLACE-WITH-SECTOR-ID", "donetsk", "[]", "[uk]").Replace(tpl)
		var ms Mechanisms
		if err := ms.ParseInto(s, m.Key, text); err != nil {
			t.Errorf("%s template does not parse:\n%s\n%v", m.Key, text, err)
		} else if !ms.Has(m.Key) {
			t.Errorf("%s not set", m.Key)
		}
	}
	var ms Mechanisms
	err = ms.ParseInto(s, "observers", "count: 10\ncoverag: 0.5\ncontributors: [nobody]\n")
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 2 || list[0].Pos.Line != 2 || !strings.Contains(list[1].Msg, `unknown actor "nobody"`) {
		t.Errorf("fragment errors: %v", err)
	}
}

// TestLineEndings: an error in a file saved with Windows (CR LF) or old
// Mac (lone CR) line endings names the line an editor shows, and the
// excerpt is that line (YAML 1.2 §5.4 counts all three as line breaks).
func TestLineEndings(t *testing.T) {
	// A quoted scalar over two lines before the error: the YAML library
	// counted its CR LF twice.
	src := strings.Replace(minimal, "name: Minimal", "name: 'Minimal\n  name'\nbogus_field: 1", 1)
	want := 1 + strings.Count(src[:strings.Index(src, "bogus_field")], "\n")
	for _, eol := range []string{"\n", "\r\n", "\r"} {
		_, err := Parse("eol.yaml", []byte(strings.ReplaceAll(src, "\n", eol)))
		var list ErrorList
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("end of line %q: want an ErrorList, got %v", eol, err)
		}
		e := list[0]
		if e.Pos.Line != want || !strings.Contains(e.Excerpt(), "bogus_field: 1\n") {
			t.Errorf("end of line %q: %v at line %d, want line %d; excerpt:\n%s", eol, e, e.Pos.Line, want, e.Excerpt())
		}
		good := strings.Replace(src, "bogus_field: 1\n", "", 1)
		s, err := Parse("eol.yaml", []byte(strings.ReplaceAll(good, "\n", eol)))
		if err != nil {
			t.Errorf("end of line %q: %v", eol, err)
		} else if s.Name != "Minimal name" {
			t.Errorf("end of line %q: name %q; the quoted scalar folds to \"Minimal name\"", eol, s.Name)
		}
	}
}

// TestZeroForces: an attacker or defender whose forces add up to nobody is
// refused at its forces list (the campaign model needs someone on each
// side; found by running every command on perturbed scenarios).
func TestZeroForces(t *testing.T) {
	for _, c := range []struct{ from, to, role string }{
		{"strength: {value: 1000, source: r}", "strength: {value: 0, source: r}", "attacker"},
		{"strength: 500,", "strength: 0,", "defender"},
	} {
		src := strings.Replace(minimal, c.from, c.to, 1)
		if src == minimal {
			t.Fatalf("%s: the minimal scenario changed; %q not found", c.role, c.from)
		}
		_, err := Parse("z.yaml", []byte(src))
		var list ErrorList
		if !errors.As(err, &list) || len(list) != 1 {
			t.Fatalf("%s: want one error, got %v", c.role, err)
		}
		if e := list[0]; !strings.HasSuffix(e.Path, ".forces") || !strings.Contains(e.Msg, "the "+c.role) || !strings.Contains(e.Msg, "0 people") || e.Pos.Line == 0 {
			t.Errorf("%s: %v", c.role, e)
		}
	}
}

// TestYAMLCoreFloatsAndBOM: numbers are read as YAML 1.2 reads them (3e4 is
// a float even without a dot; quoted, it stays a string), and a UTF-8
// byte-order mark is accepted.
func TestYAMLCoreFloatsAndBOM(t *testing.T) {
	src, err := os.ReadFile("../scenarios/baltic-2016.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse("bom.yaml", append([]byte("\xef\xbb\xbf"), src...)); err != nil {
		t.Errorf("byte-order mark: %v", err)
	}
	text := strings.Replace(string(src), "strength: {value: 20000,", "strength: {value: 3e4,", 1)
	s, err := Parse("e.yaml", []byte(text))
	if err != nil {
		t.Fatalf("3e4: %v", err)
	}
	found := false
	for _, a := range s.Actors {
		for _, u := range a.Forces {
			found = found || u.Strength.Nominal() == 30000
		}
	}
	if !found {
		t.Error("3e4 was not read as 30,000")
	}
	quoted := strings.Replace(string(src), "strength: {value: 20000,", `strength: {value: "3e4",`, 1)
	if _, err := Parse("q.yaml", []byte(quoted)); err == nil || !strings.Contains(err.Error(), "expected a number") {
		t.Errorf("a quoted \"3e4\" was accepted as a number: %v", err)
	}
}
