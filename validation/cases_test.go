package validation

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"deter/backtest"
	"deter/engine"
	"deter/internal/refdata"
	"deter/scenario"
)

// TestCaseLibrary (issue 16): the shipped case library holds at least 15
// cases with both outcomes, including every case the issue names; each
// outcome names its source; and no shipped scenario sets a judgement
// coefficient of its own (one set for all cases: scenario/coefficients.yaml).
// An exception would have to be listed here with the source of why its case
// differs; there is none.
func TestCaseLibrary(t *testing.T) {
	files, err := backtest.Library()
	if err != nil {
		t.Fatal(err)
	}
	exceptions := map[string]string{} // "file:key" → source of why the case differs
	overrides := append(scenario.CoefficientKeys(), "attacker_drive_usd_bn", "fight_guarantors_usd_bn", "sigma_attacker_usd_bn")
	cases := map[string]bool{}
	attacked := 0
	for _, f := range files {
		s, err := scenario.Parse(f.Name, f.Data)
		if err != nil {
			t.Fatal(err)
		}
		dm := s.DeterrenceModel()
		for _, key := range overrides {
			v, ok := valueOf(&dm, key)
			if ok && v.IsSet() && !v.Default {
				if _, excused := exceptions[f.Name+":"+key]; !excused {
					t.Errorf("%s:%d sets the judgement coefficient models.deterrence.%s; coefficients are shared (scenario/coefficients.yaml)", f.Name, v.Pos.Line, key)
				}
			}
		}
		stem := strings.TrimSuffix(filepath.Base(f.Name), ".yaml")
		for _, o := range s.Outcomes {
			cases[stem+"/"+o.Package] = true
			if o.Attacked() {
				attacked++
			}
			if strings.TrimSpace(o.Source) == "" {
				t.Errorf("%s: the outcome of %s names no source", f.Name, o.Package)
			}
		}
	}
	if len(cases) < 15 || attacked == 0 || attacked == len(cases) {
		t.Errorf("%d cases, %d attacked: want at least 15 with both outcomes", len(cases), attacked)
	}
	for _, want := range []string{"crimea-2014/budapest-assurances", "minsk-2015/minsk-observers", "baltic-2016/posture-2016",
		"baltic-2016/efp-2017", "cold-war-1985/forward-defence", "korea-1953/treaty-and-divisions", "cyprus-1974/treaty-of-guarantee",
		"georgia-eumm-2008/eumm", "kuwait-1990/no-commitment", "sinai-1982/mfo", "taiwan-1954/treaty-1954", "taiwan-1958/kinmen-1958",
		"berlin-1948/garrisons-1948", "berlin-1961/garrisons-1961", "bosnia-1995/ifor"} {
		if !cases[want] {
			t.Errorf("the case library lacks %s", want)
		}
	}
}

// valueOf returns the models.deterrence value with the given key.
func valueOf(dm *scenario.DeterrenceModel, key string) (scenario.Value, bool) {
	var out scenario.Value
	found := false
	scenario.Values(&scenario.Scenario{Models: scenario.Models{Deterrence: dm}}, func(path string, v *scenario.Value) {
		if path == "models.deterrence."+key {
			out, found = *v, true
		}
	})
	return out, found
}

// variant loads a shipped scenario with old replaced by new (once), and
// returns the deterrence result of package pkg (closed form).
func variant(t *testing.T, file, pkg, old, new string) (p1, u float64) {
	t.Helper()
	path, err := refdata.Scenario(file)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	if old != "" {
		if strings.Count(text, old) != 1 {
			t.Fatalf("%s: %q is not in the file exactly once", file, old)
		}
		text = strings.Replace(text, old, new, 1)
	}
	s, err := scenario.Parse(file, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.PackageByID(pkg)
	if err != nil {
		t.Fatal(err)
	}
	one := *s
	one.Packages = []scenario.Package{*p}
	res, err := engine.Run(context.Background(), &one, engine.Options{ClosedForm: true})
	if err != nil {
		t.Fatal(err)
	}
	d := res.Packages[0].Deterrence
	return d.PAttack1, d.Utility
}

// TestCounterfactualPairs (issue 16): pairs that a deterrence model must
// tell apart, each on the shared coefficients. Huth (1988) and Schelling
// (1966): a binding commitment backed by troops in the attack's path
// deters; the Baltic forward presence adds to the 2016 posture; US forces
// in Germany carried the Central Front's deterrence; a US tripwire in
// Kuwait would have raised Iraq's price. "Deters more" is read on the
// attacker's net value of attacking (what P(attack) is a monotone function
// of), since P(attack) itself may be at its floor in both.
func TestCounterfactualPairs(t *testing.T) {
	// Crimea 2014 with an automatic Article 5 treaty and a brigade of
	// guarantor troops in the path: deterred.
	p1, _ := variant(t, "crimea-2014.yaml", "budapest-assurances", "    mechanisms:\n      assurances:", `    mechanisms:
      collective_defence:
        guarantors: [usa, uk]
        obligation: automatic
        binding: treaty
        source: assumption
      deterrent_force:
        posture: tripwire
        sector: crimea
        distance_to_line_km: {value: 0, source: assumption}
        engagement: defend_territory
        source: assumption
        contingents:
          - actor: usa
            troops: {value: 5000, source: assumption, note: "a brigade"}
            type: mechanised
      assurances:`)
	if !(p1 < 0.1) {
		t.Errorf("Crimea 2014 with Article 5 (automatic) and a US brigade: P(attack within a year) %.3f, want deterred (< 0.1)", p1)
	}
	// The Baltic states: the 2017 forward presence deters more than the 2016 posture.
	_, u16 := variant(t, "baltic-2016.yaml", "posture-2016", "", "")
	_, u17 := variant(t, "baltic-2016.yaml", "efp-2017", "", "")
	if !(u17 < u16) {
		t.Errorf("Baltic: attack worth %.1f bn with eFP, %.1f without: the forward presence does not deter more", u17, u16)
	}
	// The Central Front without the US corps in Germany deters less.
	_, uWith := variant(t, "cold-war-1985.yaml", "forward-defence", "", "")
	cw, err := refdata.Scenario("cold-war-1985.yaml")
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(cw)
	if err != nil {
		t.Fatal(err)
	}
	force := regexp.MustCompile(`(?s)      deterrent_force:\n.*?\n      air_support:`).FindString(string(b))
	if force == "" {
		t.Fatal("cold-war-1985.yaml: no deterrent_force block before air_support")
	}
	_, uWithout := variant(t, "cold-war-1985.yaml", "forward-defence", force, "      air_support:")
	if !(uWithout > uWith) {
		t.Errorf("Central Front: attack worth %.1f bn without the US corps, %.1f with: removing them does not deter less", uWithout, uWith)
	}
	// Kuwait 1990 with a US tripwire deters more.
	pNo, uNo := variant(t, "cases/kuwait-1990.yaml", "no-commitment", "", "")
	pTrip, uTrip := variant(t, "cases/kuwait-1990.yaml", "no-commitment", "    mechanisms: {}", `    mechanisms:
      deterrent_force:
        posture: tripwire
        sector: kuwait
        distance_to_line_km: {value: 5, source: assumption}
        engagement: defend_territory
        source: assumption
        contingents:
          - actor: usa
            troops: {value: 3000, source: assumption, note: "a battalion task force on the border"}
            type: mechanised`)
	if !(uTrip < uNo) || pTrip > pNo {
		t.Errorf("Kuwait 1990: with a US tripwire attack worth %.1f bn (P %.3f), without %.1f bn (P %.3f): the tripwire does not deter more", uTrip, pTrip, uNo, pNo)
	}
	t.Logf("Crimea+Art. 5+brigade P1 %.3f; Baltic U 2016 %.0f, 2017 %.0f; Central Front U with US corps %.0f, without %.0f; Kuwait 1990 U %.0f, with tripwire %.0f (P %.3f → %.3f)",
		p1, u16, u17, uWith, uWithout, uNo, uTrip, pNo, pTrip)
}
