package engine

import "deter/bargain"

// tradeOff places every package on deterrence (P(attack within 5 years))
// against acceptability to the attacker (its margin) and lets
// bargain.Frontier mark the frontier.
func tradeOff(res *Result, attacker string) []bargain.TradePoint {
	var pts []bargain.TradePoint
	for _, p := range res.Packages {
		if p.Deterrence == nil || p.Acceptability == nil {
			continue
		}
		tp := bargain.TradePoint{ID: p.ID, PAttack5: p.Deterrence.PAttack5}
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
	return bargain.Frontier(pts)
}
