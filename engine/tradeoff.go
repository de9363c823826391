package engine

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

// tradeOff places every package on deterrence (P(attack within 5 years))
// against acceptability to the attacker (its margin), and marks the
// frontier: "if too weak, no real deterrence; too stringent, and Moscow
// will never accept" (RUSI 2025) made explicit. A hard red line counts as
// the worst margin of all.
func tradeOff(res *Result, attacker string) []TradePoint {
	var pts []TradePoint
	for _, p := range res.Packages {
		if p.Deterrence == nil || p.Acceptability == nil {
			continue
		}
		tp := TradePoint{ID: p.ID, PAttack5: p.Deterrence.PAttack5}
		found := false
		for _, v := range p.Acceptability.Verdicts {
			if v.Actor == attacker {
				tp.AttackerMargin, tp.HardRedLine, found = v.Margin, v.Hard, true
			}
		}
		if found {
			pts = append(pts, tp)
		}
	}
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
