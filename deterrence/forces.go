package deterrence

import "math"

// This file holds the deterrence model's judgements about the guarantors'
// forces: how their losses are valued and shared, how much of a real war
// with the guarantor states their forces make (the attacker's cost of
// fighting them), each guarantor's share of the forces, and the forms of
// help each can give. The engine only gathers the numbers from a scenario.

// FightScale is the share of the full cost of fighting the guarantors, e,
// that the attacker pays for a war with guarantor forces of the given size:
//
//	e_eff = e · (1 − exp(−F/F₀)),   F = troops + TroopsPerAircraft·Σ aircraft,   F₀ = FightForceScale
//
// nothing without forces, rising with their size toward the full cost at
// a force of the order of F₀ or more. troops are all the guarantors'
// troops, aircraft the combat aircraft of each air mechanism (people,
// aircraft); the result is in [0, 1).
func (p *Params) FightScale(troops float64, aircraft ...float64) float64 {
	f := troops
	for _, a := range aircraft {
		f += p.TroopsPerAircraft * a
	}
	return 1 - math.Exp(-f/p.FightForceScale)
}

// Weight is a guarantor's weight among the guarantors' forces: its troops
// plus TroopsPerAircraft per combat aircraft.
func (p *Params) Weight(troops, aircraft float64) float64 {
	return troops + p.TroopsPerAircraft*aircraft
}

// Split divides the guarantors' forces among them.
type Split struct {
	sum float64
	n   int
}

// NewSplit is the split of forces among guarantors of the given weights
// (Weight of each).
func NewSplit(weights []float64) Split {
	s := Split{n: len(weights)}
	for _, w := range weights {
		s.sum += w
	}
	return s
}

// Of is the share of all the guarantors' forces that weight w makes: w
// over the sum of the weights, or an equal share when no guarantor has
// any force.
func (s Split) Of(w float64) float64 {
	if s.sum > 0 {
		return w / s.sum
	}
	return 1 / float64(s.n)
}

// Losses are what a campaign with intervention costs the guarantors
// together.
type Losses struct {
	Soldiers float64 // people
	Aircraft float64
}

// Stake is what losses are shared by: a guarantor's troops and the number
// of air mechanisms it flies in, or (for the denominator) all the
// guarantors'.
type Stake struct {
	Troops, AirMechanisms float64
}

// LossValues price losses, US$ million per soldier and per aircraft.
type LossValues struct {
	Soldier, Aircraft float64
}

// LossCost is a guarantor's cost of its share of the guarantors' losses,
// US$ bn, on the ground and in the air: soldiers in proportion to its
// troops, aircraft to the air mechanisms it flies in (each of its
// providers shares a mechanism's losses equally):
//
//	C_ground = L_soldiers · T_g/T · v_soldier/1000,   C_air = L_aircraft · M_g/M · v_aircraft/1000
//
// 0 for a part whose total is 0.
func LossCost(l Losses, mine, all Stake, v LossValues) (ground, air float64) {
	if all.Troops > 0 {
		ground = l.Soldiers * mine.Troops / all.Troops * v.Soldier / 1000
	}
	if all.AirMechanisms > 0 {
		air = l.Aircraft * mine.AirMechanisms / all.AirMechanisms * v.Aircraft / 1000
	}
	return ground, air
}

// HelpSpec is what one guarantor can bring, from which FormsOfHelp builds
// its ladder of help.
type HelpSpec struct {
	// Troops and Aircraft are its forces (people, combat aircraft).
	Troops, Aircraft float64
	// Share is its weight's share of all the guarantors' forces; AirShare
	// that of its aircraft alone.
	Share, AirShare float64
	// SanctionsCost is its share of the cost of the sanctions it imposes
	// (US$ bn a year): what sanctions and arms cost it.
	SanctionsCost float64
	// WarCost and AirWarCost are its cost of fighting with all its forces
	// and with its air power alone (its losses, US$ bn), against a full
	// offensive; LimitedWarCost and LimitedAirWarCost against a limited
	// one (0 when there is none).
	WarCost, AirWarCost               float64
	LimitedWarCost, LimitedAirWarCost float64
}

// FormsOfHelp is a guarantor's ladder of help: sanctions and arms (costing
// it its share of the sanctions it imposes, bringing no force); its air
// power alone when it has both troops and aircraft (engaging the aircraft's
// share of its forces, at the cost of its aircraft lost); all its forces.
// Whenever its forces fight, the attacker is at war with it: its whole
// weight counts for the cost of fighting the guarantors (Help.War).
func (p *Params) FormsOfHelp(h HelpSpec) []Help {
	hs := []Help{{Means: SanctionsArms, WarCost: h.SanctionsCost, LimitedWarCost: h.SanctionsCost}}
	if t, p := h.Troops, p.TroopsPerAircraft*h.Aircraft; t > 0 && p > 0 {
		hs = append(hs, Help{Means: AirPower, Engaged: p / (t + p), Force: h.AirShare, War: h.Share,
			WarCost: h.AirWarCost, LimitedWarCost: h.LimitedAirWarCost})
	}
	return append(hs, Help{Means: AllForces, Engaged: 1, Force: h.Share, War: h.Share,
		WarCost: h.WarCost, LimitedWarCost: h.LimitedWarCost})
}
