package campaign

import (
	"errors"
	"fmt"
	"math"
)

// Params are the campaign model's coefficients. Scenarios set them per era
// (a drone-saturated positional war and a Cold War armoured thrust differ);
// DefaultParams documents the defaults and their sources.
type Params struct {
	// Law is the attrition law (default Square).
	Law Law
	// AttackerLossRate α: attacker people lost per day per unit of the
	// defender's effective combat power (square law), /day.
	AttackerLossRate float64
	// DefenderLossRate β: defender people lost per day per unit of the
	// attacker's engaged combat power, /day.
	DefenderLossRate float64
	// MaxDensity is the force-to-space limit: people per km of frontage
	// that can engage at once; the rest wait in the sector, unengaged.
	MaxDensity float64
	// Posture[k] multiplies the defender's combat power at fortification
	// level k (0 none, 1 hasty, 2 prepared, 3 fortified); intermediate
	// levels are interpolated linearly.
	Posture [4]float64
	// TerrainDefence and TerrainSpeed by Terrain: the defender's combat
	// power multiplier and the attacker's speed multiplier.
	TerrainDefence [nTerrain]float64
	TerrainSpeed   [nTerrain]float64
	// MaxAdvance is the attacker's advance rate, km/day, against a broken
	// or absent defence on open ground.
	MaxAdvance float64
	// HalfRatio R₀ and Steepness k of the advance rule (see advanceRate).
	HalfRatio float64
	Steepness float64
	// DroneDamping δ: per (drone/km/day) of the sector's drone density, the
	// factor by which manoeuvre is slowed (see advanceRate).
	DroneDamping float64
	// CulminationLoss: the attacker halts when its strength in the theatre
	// has fallen by this share from its peak (losses outrunning
	// replacements).
	CulminationLoss float64
	// StepDays is the integration step (default 1/24 day).
	StepDays float64
	// ReserveFocus κ: reserves and replacements with no sector of their
	// own are split among the sectors still open in proportion to
	// (force ratio)^κ, so that the split, and every output, changes
	// continuously with the forces; κ → ∞ sends all to the most
	// threatened sector, 0 spreads them evenly.
	ReserveFocus float64
}

// DefaultParams returns coefficients for a conventional mechanised war
// without drone saturation.
//
//   - Posture 1.0 / 1.3 / 1.5 / 1.6: Dupuy's posture factors for attack,
//     hasty, prepared and fortified defence in the Quantified Judgement Model
//     (Dupuy 1979, Numbers, Predictions and War, ch. 3; Dupuy 1985,
//     Numbers, Predictions and War, rev. ed.).
//   - TerrainDefence and TerrainSpeed: assumption, ordered as Dupuy's
//     terrain factors (open ground favours the attacker's movement; forest,
//     marsh, mountains and cities favour the defence); the magnitudes are
//     this model's and are not taken from a table.
//   - MaxAdvance 160 km/day: calibrated so that the RAND Baltic lay-down
//     (Shlapak and Johnson 2016, RR-1253) reaches Tallinn or Riga within 60
//     hours; historical advances of armoured spearheads against a broken
//     defence are of this order for short periods (e.g. 1940, 1991).
//   - HalfRatio 3: the attacker moves at half its maximum pace at a 3:1
//     effective force ratio, this model's reading of the 3:1 rule of thumb
//     for a successful attack (Mearsheimer 1989, "Assessing the conventional
//     balance: the 3:1 rule and its critics", International Security
//     13(4):54-89). Steepness 2: assumption.
//   - AttackerLossRate 0.02, DefenderLossRate 0.02 per day: high-intensity
//     daily loss rates of a few per cent of the engaged force, as in
//     division-level engagements of the Second World War (Dupuy 1990,
//     Attrition: Forecasting Battle Casualties and Equipment Losses in
//     Modern War, ch. 4: attacker daily casualty rates of 1-4 %); assumption
//     within that range.
//   - MaxDensity 4,000 people/km: assumption of the order of Soviet
//     breakthrough-sector norms (a division on a 4-5 km sector) as
//     discussed by Mearsheimer (1982), "Why the Soviets can't win quickly
//     in Central Europe", International Security 7(1).
//   - CulminationLoss 0.5: assumption; an attacker whose strength has fallen
//     to half its peak is assumed to halt (Clausewitz's culminating point of
//     the attack, On War, book 7, ch. 5, made numeric here).
func DefaultParams() Params {
	return Params{
		Law:              Square,
		AttackerLossRate: 0.02,
		DefenderLossRate: 0.02,
		MaxDensity:       4000,
		Posture:          [4]float64{1.0, 1.3, 1.5, 1.6},
		//                   mixed open forest urban marsh mountain
		TerrainDefence:  [nTerrain]float64{1.1, 1.0, 1.2, 1.4, 1.3, 1.5},
		TerrainSpeed:    [nTerrain]float64{0.8, 1.0, 0.6, 0.4, 0.4, 0.5},
		MaxAdvance:      160,
		HalfRatio:       3,
		Steepness:       2,
		DroneDamping:    0,
		CulminationLoss: 0.5,
		StepDays:        1.0 / 24,
		ReserveFocus:    4,
	}
}

// Validate reports impossible coefficients.
func (p *Params) Validate() error {
	var errs []error
	chk := func(name string, v, lo, hi float64) {
		if math.IsNaN(v) || v < lo || v > hi {
			errs = append(errs, fmt.Errorf("campaign: parameter %s = %v is outside [%v, %v]", name, v, lo, hi))
		}
	}
	chk("law P", p.Law.P, 0, 2)
	chk("law Q", p.Law.Q, 0, 2)
	chk("attacker loss rate", p.AttackerLossRate, 0, 10)
	chk("defender loss rate", p.DefenderLossRate, 0, 10)
	chk("max density", p.MaxDensity, 1e-9, 1e7)
	for _, v := range p.Posture {
		chk("posture", v, 1e-6, 100)
	}
	for i := range p.TerrainDefence {
		chk("terrain defence", p.TerrainDefence[i], 1e-6, 100)
		chk("terrain speed", p.TerrainSpeed[i], 0, 10)
	}
	chk("max advance", p.MaxAdvance, 0, 2000)
	chk("half ratio", p.HalfRatio, 1e-9, 1e6)
	chk("steepness", p.Steepness, 0.1, 20)
	chk("drone damping", p.DroneDamping, 0, 1e6)
	chk("culmination loss", p.CulminationLoss, 0, 1)
	chk("step", p.StepDays, 1e-4, 1)
	chk("reserve focus", p.ReserveFocus, 0, 50)
	return errors.Join(errs...)
}

// posture interpolates the posture multiplier for a fortification level.
func (p *Params) posture(level float64) float64 {
	i := int(level)
	if i >= 3 {
		return p.Posture[3]
	}
	f := level - float64(i)
	return p.Posture[i]*(1-f) + p.Posture[i+1]*f
}

// defenceMultiplier is the defender's combat-power multiplier in a sector:
// posture (fortification) × terrain.
func (p *Params) defenceMultiplier(s *Sector) float64 {
	return p.posture(s.Fortification) * p.TerrainDefence[s.Terrain]
}

// advanceRate turns the engaged combat-power ratio R = A/D (defender
// multipliers included) into an advance rate, km/day:
//
//	v = V · τ / (1 + δ·ρ) · Rᵏ / (Rᵏ + R₀ᵏ)
//
// V is MaxAdvance, τ the terrain speed factor, ρ the drone density and δ the
// drone damping, R₀ the half ratio and k the steepness. The advance rises
// smoothly with the force ratio and levels off at the pace of movement
// (Helmbold 1990, Rates of Advance in Historical Land Combat Operations, US
// Army Concepts Analysis Agency CAA-RP-90-1, finds advance rates rising with
// the force ratio but widely scattered); an outnumbered attacker still
// grinds forward slowly at great cost, as Russia did in 2024-25, rather than
// stopping dead at a threshold. The drone term represents the Ukrainian
// "drone wall", where advances are metres a day, and is calibrated on
// DeepStateMap areas (see the Ukraine validation case). The form is this
// model's choice, not a published table.
func (p *Params) advanceRate(a, d float64, s *Sector) float64 {
	vmax := p.MaxAdvance * p.TerrainSpeed[s.Terrain] / (1 + p.DroneDamping*s.DroneDensity)
	if d <= 0 {
		return vmax
	}
	r := a / d
	var rk, r0k float64
	if p.Steepness == 2 {
		rk, r0k = r*r, p.HalfRatio*p.HalfRatio
	} else {
		rk, r0k = math.Pow(r, p.Steepness), math.Pow(p.HalfRatio, p.Steepness)
	}
	return vmax * rk / (rk + r0k)
}
