package deterrence

import "math"

// Means is a form of help a guarantor can give a defender under attack,
// on a ladder from the least to the most it can do (Kahn 1965's escalation
// ladder, cut to the rungs of the 2025 guarantee debate: RUSI 2025
// distinguishes economic pressure and arms, air power from outside, and
// troops on the ground).
type Means int

const (
	SanctionsArms Means = iota // sanctions, arms and money; none of its forces fight
	AirPower                   // its combat aircraft fight; its ground forces do not
	AllForces                  // its air and ground forces fight
)

var meansNames = [...]string{"sanctions and arms", "air power", "all its forces"}

func (m Means) String() string {
	if m >= 0 && int(m) < len(meansNames) {
		return meansNames[m]
	}
	return "Means(?)"
}

// Help is one form of help open to a guarantor (Input.Help).
type Help struct {
	Means Means
	// Engaged is the share of the guarantor's own forces that fight, in
	// [0, 1]: 0 for sanctions and arms, 1 for all its forces. Its stake in
	// the defender and its resolve count in this proportion (it saves the
	// defender, and risks its soldiers, only with what it commits).
	Engaged float64
	// Force is the share of all the guarantors' forces this brings to the
	// war, in [0, 1]: the attacker's war is interpolated between the
	// stay-out and the intervention campaigns by the expected share that
	// fights (as with Input.Weights).
	Force float64
	// War is the share of the guarantors that this help puts at war with
	// the attacker, in [0, 1]: its whole weight among the guarantors if
	// any of its forces fight (the attacker's cost of fighting the
	// guarantors, e, is the cost of a war with their states, whichever of
	// their arms fights), 0 for sanctions and arms. The attacker pays
	// e·Σ_g Σ_h P(g gives h)·War_h.
	War float64
	// WarCost and LimitedWarCost are the guarantor's cost of fighting this
	// way (its own losses, US$ bn) against a full and a limited offensive.
	WarCost, LimitedWarCost float64
}

// maxOptions is the most options a guarantor has: reneging and the three
// rungs of the ladder.
const maxOptions = 1 + len(meansNames)

// line is an option's payoff in the guarantor's resolve ε: a + b·ε.
type line struct{ a, b float64 }

// options writes guarantor g's options against the given extent into ls:
// option 0 is reneging (0 + 0·ε); without Input.Help option 1 is
// honouring, Δ̄g + ε; with it, one option per form of help h, in the
// ladder's order:
//
//	a_h = e_h·Sg + κ(c, h)·(Ag + Rg + Hg) + [h fights]·(Tg − Eg) − C_h,   b_h = e_h
//
// with e_h the share of its forces engaged (Help.Engaged), κ(c, h) the share
// of the audience, reputation and track-record terms that this help earns
// under its commitment c (Params.Credit), Tg the tripwire and Eg the
// escalation terms, which count only when its forces fight, and C_h its
// cost of fighting this way. For all its forces (e = κ = 1) a_h = Δ̄g. It
// returns the number of options.
func (in *Input) options(g int, limited bool, ls *[maxOptions]line) int {
	p := &in.Params
	gu := &in.Guarantors[g]
	gWarCost, trip := gu.WarCost, gu.TripwireTroops
	if limited {
		lg := *gu
		lg.deniable = in.Limited.Deniable
		gu = &lg
		gWarCost, trip = in.Limited.GuarantorWarCost[g], in.Limited.TripwireTroops[g]
	}
	ls[0] = line{}
	if in.Help == nil {
		ls[1] = line{guarantorNet(gu, p, gWarCost, trip), 1}
		return 2
	}
	var v [7]float64
	guarantorValues(&v, gu, p, gWarCost, trip)
	stakes, word, trips, rep, record, esc := v[0], v[1], v[2], v[3], v[4], v[6]
	n := 1
	for _, h := range in.Help[g] {
		cost := h.WarCost
		if limited {
			cost = h.LimitedWarCost
		}
		a := h.Engaged*stakes + p.Credit[gu.Commitment][h.Means]*(word+rep+record) - cost
		if h.Means >= AirPower {
			a += trips + esc
		}
		ls[n] = line{a, h.Engaged}
		n++
	}
	return n
}

// guarantorValues writes the terms of Δ̄g (guarantorTerms) as numbers
// into v, in the same order: stakes, broken word, tripwire, reputation,
// track record, cost of fighting, escalation. (Written through a pointer:
// returning the array made the fast path twice as slow.)
func guarantorValues(v *[7]float64, g *Guarantor, p *Params, warCost, trip float64) {
	aud, rep := word(g, p)
	*v = [7]float64{g.Stakes, aud, math.Min(p.TripwireCap, p.TripwirePer1000*trip/1000), rep,
		p.TrackRecord * (g.TrackRecord - 0.5) * 2, -warCost, -g.Escalation}
}

// word returns Ag, the cost of breaking guarantor g's word, and Rg, the
// damage to its other commitments, in proportion to how binding this one
// was; both less the shares it is excused (Guarantor.Excused, x) and can
// deny (Limited.Deniable, d):
//
//	Ag = A(c)·[τ if a treaty]·(1 − x)(1 − d),   Rg = R·A(c)/A(automatic)·(1 − x)(1 − d)
func word(g *Guarantor, p *Params) (aud, rep float64) {
	aud = p.Audience[g.Commitment]
	if g.Treaty {
		aud *= p.TreatyFactor
	}
	if g.OtherCommitments && p.Audience[Automatic] > 0 {
		rep = p.Reputation * p.Audience[g.Commitment] / p.Audience[Automatic]
	}
	if g.deniable != 0 || g.Excused != 0 {
		keep := (1 - g.Excused) * (1 - g.deniable)
		aud, rep = aud*keep, rep*keep
	}
	return aud, rep
}

// guarantorNet is Δ̄g: the terms of guarantorValues added in their order.
func guarantorNet(g *Guarantor, p *Params, warCost, trip float64) float64 {
	aud, rep := word(g, p)
	net := 0.0
	for _, x := range [...]float64{g.Stakes, aud, math.Min(p.TripwireCap, p.TripwirePer1000*trip/1000), rep,
		p.TrackRecord * (g.TrackRecord - 0.5) * 2, -warCost, -g.Escalation} {
		net += x
	}
	return net
}

// best returns, for each of the n options, the interval (lo, hi) of the
// standardised resolve z = ε/σ on which it is the guarantor's best
// response: option i beats option j where a_i + b_i·σz > a_j + b_j·σz, and
// on a tie the earlier (cheaper) option is taken. An option that is never
// best has lo ≥ hi.
func best(ls *[maxOptions]line, n int, sigma float64) (lo, hi [maxOptions]float64) {
	for i := range n {
		l, h := math.Inf(-1), math.Inf(1)
		for j := range n {
			if j == i {
				continue
			}
			da, db := ls[i].a-ls[j].a, (ls[i].b-ls[j].b)*sigma
			switch {
			case db > 0: // i gains on j as z rises
				l = max(l, -da/db)
			case db < 0:
				h = min(h, -da/db)
			case da < 0 || da == 0 && j < i:
				l, h = math.Inf(1), math.Inf(1) // never better than j
			}
		}
		lo[i], hi[i] = l, h
	}
	return lo, hi
}

// probBetween is P(lo < Z < hi) for a standard normal Z, accurate in both
// tails.
func probBetween(lo, hi float64) float64 {
	if !(lo < hi) {
		return 0
	}
	if lo > 0 {
		return Phi(-lo) - Phi(-hi)
	}
	return Phi(hi) - Phi(lo)
}

// honours reports whether help of the given means honours a commitment:
// it earns the commitment's full credit (any help honours no commitment).
func (p *Params) honours(c Commitment, m Means) bool {
	return c == NoCommitment || p.Credit[c][m] >= 1
}
