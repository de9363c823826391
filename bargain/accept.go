package bargain

import (
	"fmt"
	"math"
	"strings"
)

// Terms are what the acceptability rules weigh for one package, as shares
// of the disputed area A (km²): x ceded by the settlement, p₀ taken by a
// year of war now, p_g taken by a later war under the package (expected
// over the guarantors' intervention), P the probability of attack within a
// year under the package, the attacker's drive net of its war cost
// (μ − K)/(vA), and the defender's war cost share c_D = K_D/(v_D A).
type Terms struct {
	AreaKm2      float64 // A
	Ceded        float64 // x
	WarNow       float64 // p₀
	LaterWar     float64 // p_g
	PAttack      float64 // P
	Drive        float64 // (μ − K)/(vA)
	DefenderCost float64 // c_D
}

// GuarantorTerms are what one guarantor weighs: the fall in P(attack
// within five years) the package brings (from BaseP5 without any agreement
// to P5), times its stake in the defender, against what it pays for the
// package over five years (CostShare: the cost model's payers).
type GuarantorTerms struct {
	ID        string
	Stakes    float64 // US$ bn
	BaseP5    float64
	P5        float64
	CostShare float64 // US$ bn it pays
}

// Parties names the attacker and the defender, and the hard red lines each
// actor has crossed by the package (actor id → red line ids).
type Parties struct {
	Attacker, Defender string
	Hard               map[string][]string
}

// Judge applies the acceptability rules to a package, in the order
// attacker, defender, guarantors. With the Terms' symbols,
//
//	attacker signs iff  x + P·(p_g + (μ − K)/(vA)) ≥ p₀ + (μ − K)/(vA)
//	defender signs iff  x + P·p_g ≤ p₀ + c_D
//	guarantor g signs iff (P5_base − P5)·S_g ≥ its share of the cost
//
// margins in km² of the disputed area (attacker, defender) or US$ bn
// (guarantors); a hard red line crossed overrides any margin: the actor
// rejects outright (Verdict.Hard).
//
// References: Fearon, J. D. (1995). Rationalist explanations for war.
// International Organization 49(3):379-414 (the bargaining range and its
// war costs); the guarantors' rule is this project's, an assumption.
func Judge(t Terms, who Parties, gs []GuarantorTerms) []Verdict {
	A, x, P, pg := t.AreaKm2, t.Ceded, t.PAttack, t.LaterWar
	hardLine := func(v *Verdict) {
		if h := who.Hard[v.Actor]; len(h) > 0 {
			v.Accept, v.Hard = false, true
			v.Reason = "crosses its hard red line " + strings.Join(h, ", ") + "; " + v.Reason
		}
	}
	// Attacker.
	sign := x + P*(pg+t.Drive)
	war := t.WarNow + t.Drive
	va := Verdict{Actor: who.Attacker, Unit: "km2", Margin: (sign - war) * A}
	va.Accept = va.Margin >= 0
	va.Reason = fmt.Sprintf("signing is worth %.0f km2-equivalents a year (%.0f ceded, P(attack) %.0f%% × what a later war would bring), fighting on %.0f",
		sign*A, x*A, 100*P, war*A)
	hardLine(&va)
	// Defender.
	loss := x + P*pg
	limit := t.WarNow + t.DefenderCost
	vd := Verdict{Actor: who.Defender, Unit: "km2", Margin: (limit - loss) * A}
	vd.Accept = vd.Margin >= 0
	vd.Reason = fmt.Sprintf("expects to lose %.0f km2 a year under the package (%.0f ceded + P(attack) × a later war), %.0f km2-equivalents by fighting on",
		loss*A, x*A, limit*A)
	hardLine(&vd)
	out := []Verdict{va, vd}
	for _, g := range gs {
		gain := (g.BaseP5 - g.P5) * g.Stakes
		vg := Verdict{Actor: g.ID, Unit: "US$ bn", Margin: gain - g.CostShare}
		vg.Accept = vg.Margin >= 0
		vg.Reason = fmt.Sprintf("a %.0f-point fall in P(attack within 5 years) is worth %.0f bn to it; its share of the 5-year cost is %.0f bn",
			100*(g.BaseP5-g.P5), gain, g.CostShare)
		hardLine(&vg)
		out = append(out, vg)
	}
	return out
}

// AllSign reports whether every verdict accepts.
func AllSign(vs []Verdict) bool {
	for _, v := range vs {
		if !v.Accept {
			return false
		}
	}
	return true
}

// PackageVerdicts are one package's verdicts, attacker first, defender
// second.
type PackageVerdicts struct {
	ID       string
	Verdicts []Verdict
	AllSign  bool
}

// Agreement summarises the zone of agreement over a scenario's packages.
type Agreement struct {
	Packages []string `json:"packages_all_sign"`
	// Nash is the package the Nash bargaining solution picks among those
	// all sign (attacker, defender), weighted by nothing; "" if none.
	Nash string `json:"nash_bargaining_choice"`
	// Closest names, when no package is signed by all, the package and the
	// change that comes closest to opening the zone.
	Closest string `json:"closest"`
}

// Zone finds the zone of agreement (the packages every actor signs) and
// the Nash (1950) bargaining choice between attacker and defender within
// it, their margins above their reservations as utilities (disagreement
// 0). When the zone is empty it names the package whose largest soft
// rejection is smallest, skipping packages a hard red line blocks.
func Zone(pkgs []PackageVerdicts) Agreement {
	ag := Agreement{Packages: []string{}}
	var opts []Option
	for _, p := range pkgs {
		if p.AllSign {
			ag.Packages = append(ag.Packages, p.ID)
			opts = append(opts, Option{Name: p.ID, Utility: []float64{p.Verdicts[0].Margin + 1e-9, p.Verdicts[1].Margin + 1e-9}})
		}
	}
	if len(opts) > 0 {
		if k, err := Nash(opts, []float64{0, 0}, nil); err == nil && k >= 0 {
			ag.Nash = opts[k].Name
		}
		return ag
	}
	best, bestGap := "", math.Inf(1)
	for _, p := range pkgs {
		gap, why := 0.0, ""
		blocked := false
		for _, v := range p.Verdicts {
			if v.Hard {
				blocked = true
			}
			if !v.Accept && -v.Margin > gap {
				gap, why = -v.Margin, fmt.Sprintf("%s short by %.0f %s", v.Actor, -v.Margin, v.Unit)
			}
		}
		if !blocked && gap < bestGap {
			best, bestGap = p.ID+": "+why, gap
		}
	}
	ag.Closest = best
	if best == "" {
		ag.Closest = "every package crosses a hard red line of some actor"
	}
	return ag
}

// TradePoint is one package on the trade-off between deterrence and
// acceptability to the attacker.
type TradePoint struct {
	ID string `json:"id"`
	// PAttack5 is the deterrence game's P(renewed attack within 5 years).
	PAttack5 float64 `json:"p_attack_5y"`
	// AttackerMargin is by how much the attacker's value of signing exceeds
	// fighting on (km² of the disputed area; below 0 it rejects).
	AttackerMargin float64 `json:"attacker_margin_km2"`
	// HardRedLine says the attacker rejects it outright.
	HardRedLine bool `json:"attacker_hard_red_line"`
	// Frontier marks packages no other package beats on both counts (less
	// likely to be attacked and no less acceptable to the attacker, or the
	// reverse).
	Frontier bool `json:"frontier"`
}

// Frontier marks the packages no other beats on both deterrence (a lower
// P(attack within 5 years)) and acceptability to the attacker (a higher
// margin): "if too weak, guarantees provide no real deterrence; too
// stringent, and Moscow will never accept them" (RUSI 2025) made explicit.
// A hard red line counts as the worst margin of all. It sets Frontier in
// place and returns pts.
func Frontier(pts []TradePoint) []TradePoint {
	worse := func(a, b TradePoint) bool { // a is dominated by b
		ma, mb := a.AttackerMargin, b.AttackerMargin
		if a.HardRedLine && !b.HardRedLine {
			return b.PAttack5 <= a.PAttack5
		}
		if b.HardRedLine && !a.HardRedLine {
			return false
		}
		return b.PAttack5 <= a.PAttack5 && mb >= ma && (b.PAttack5 < a.PAttack5 || mb > ma)
	}
	for i := range pts {
		pts[i].Frontier = true
		for j := range pts {
			if i != j && worse(pts[i], pts[j]) {
				pts[i].Frontier = false
				break
			}
		}
	}
	return pts
}
