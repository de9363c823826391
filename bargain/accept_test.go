package bargain

import (
	"math"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

func drawTerms(t *rapid.T) Terms {
	return Terms{AreaKm2: rapid.Float64Range(1, 1e5).Draw(t, "A"), Ceded: rapid.Float64Range(0, 1).Draw(t, "x"),
		WarNow: rapid.Float64Range(0, 1).Draw(t, "p0"), LaterWar: rapid.Float64Range(0, 1).Draw(t, "pg"),
		PAttack: rapid.Float64Range(0, 1).Draw(t, "P"), Drive: rapid.Float64Range(-1, 1).Draw(t, "drive"),
		DefenderCost: rapid.Float64Range(0, 1).Draw(t, "cD")}
}

// TestJudgeCession: ceding more territory never makes the attacker less
// willing to sign nor the defender more willing (Fearon 1995: the
// bargaining range is over the division of the good).
func TestJudgeCession(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		tm := drawTerms(t)
		more := tm
		more.Ceded = math.Min(1, tm.Ceded+rapid.Float64Range(0.001, 1).Draw(t, "dx"))
		who := Parties{Attacker: "a", Defender: "d"}
		v0, v1 := Judge(tm, who, nil), Judge(more, who, nil)
		if v1[0].Margin < v0[0].Margin-1e-9 || v1[1].Margin > v0[1].Margin+1e-9 {
			t.Fatalf("ceding more: attacker margin %v → %v, defender %v → %v", v0[0].Margin, v1[0].Margin, v0[1].Margin, v1[1].Margin)
		}
	})
}

// TestJudgeHardRedLine: a hard red line crossed is a rejection whatever the
// margin (the scenario's stated positions, seed facts: "any military
// presence of NATO member states in Ukraine ... is unacceptable").
func TestJudgeHardRedLine(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		tm := drawTerms(t)
		who := Parties{Attacker: "a", Defender: "d", Hard: map[string][]string{"a": {"no-nato-troops"}, "g": {"x"}}}
		vs := Judge(tm, who, []GuarantorTerms{{ID: "g", Stakes: 1e6, BaseP5: 1, P5: 0}})
		for _, v := range vs {
			hard := v.Actor == "a" || v.Actor == "g"
			if hard && (v.Accept || !v.Hard) || !hard && v.Hard {
				t.Fatalf("%s: accept %v hard %v", v.Actor, v.Accept, v.Hard)
			}
		}
		if AllSign(vs) {
			t.Fatal("all sign although two actors reject")
		}
	})
}

// TestJudgeGuarantor: a guarantor signs exactly when the fall in the
// five-year risk times its stake covers its share of the cost.
func TestJudgeGuarantor(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := GuarantorTerms{ID: "g", Stakes: rapid.Float64Range(0, 1000).Draw(t, "S"), BaseP5: rapid.Float64Range(0, 1).Draw(t, "b"),
			P5: rapid.Float64Range(0, 1).Draw(t, "p"), CostShare: rapid.Float64Range(0, 500).Draw(t, "c")}
		v := Judge(drawTerms(t), Parties{Attacker: "a", Defender: "d"}, []GuarantorTerms{g})[2]
		if want := (g.BaseP5-g.P5)*g.Stakes >= g.CostShare; v.Accept != want || v.Unit != "US$ bn" {
			t.Fatalf("verdict %+v, want accept %v", v, want)
		}
	})
}

// TestFrontier: no frontier package is beaten on both deterrence and
// acceptability by another, every other package is, and a non-empty set
// has a frontier (RUSI 2025: too weak and it does not deter, too strong and
// Moscow will not accept).
func TestFrontier(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 8).Draw(t, "n")
		pts := make([]TradePoint, n)
		for i := range pts {
			pts[i] = TradePoint{ID: string(rune('a' + i)), PAttack5: float64(rapid.IntRange(0, 10).Draw(t, "p")) / 10,
				AttackerMargin: float64(rapid.IntRange(-5, 5).Draw(t, "m")), HardRedLine: rapid.Bool().Draw(t, "hard")}
		}
		Frontier(pts)
		beats := func(b, a TradePoint) bool {
			if a.HardRedLine != b.HardRedLine {
				return !b.HardRedLine && b.PAttack5 <= a.PAttack5
			}
			return b.PAttack5 <= a.PAttack5 && b.AttackerMargin >= a.AttackerMargin && (b.PAttack5 < a.PAttack5 || b.AttackerMargin > a.AttackerMargin)
		}
		if !slices.ContainsFunc(pts, func(p TradePoint) bool { return p.Frontier }) {
			t.Fatal("no frontier")
		}
		for _, a := range pts {
			dominated := slices.ContainsFunc(pts, func(b TradePoint) bool { return b.ID != a.ID && beats(b, a) })
			if a.Frontier == dominated {
				t.Fatalf("%s: frontier %v but dominated %v (%+v)", a.ID, a.Frontier, dominated, pts)
			}
		}
	})
}

// TestZone: the Nash choice is a package all sign; without one, the
// closest package is one no hard red line blocks.
func TestZone(t *testing.T) {
	ok := []Verdict{{Actor: "a", Accept: true, Margin: 10}, {Actor: "d", Accept: true, Margin: 5}}
	pk := []PackageVerdicts{
		{ID: "p1", Verdicts: ok, AllSign: true},
		{ID: "p2", Verdicts: []Verdict{{Actor: "a", Accept: true, Margin: 20}, {Actor: "d", Accept: true, Margin: 20}}, AllSign: true},
		{ID: "p3", Verdicts: []Verdict{{Actor: "a", Hard: true}, ok[1]}},
	}
	if z := Zone(pk); !slices.Equal(z.Packages, []string{"p1", "p2"}) || z.Nash != "p2" {
		t.Errorf("zone %+v, want p1, p2 with Nash p2 (larger product of margins)", z)
	}
	none := []PackageVerdicts{
		{ID: "p3", Verdicts: []Verdict{{Actor: "a", Hard: true}, ok[1]}},
		{ID: "p4", Verdicts: []Verdict{{Actor: "a", Margin: -30, Unit: "km2"}, ok[1]}},
		{ID: "p5", Verdicts: []Verdict{{Actor: "a", Margin: -3, Unit: "km2"}, ok[1]}},
	}
	if z := Zone(none); len(z.Packages) != 0 || z.Closest != "p5: a short by 3 km2" {
		t.Errorf("no zone: %+v, want p5 closest", z)
	}
}
