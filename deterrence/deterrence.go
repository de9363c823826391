// Package deterrence answers whether a guarantee package deters a renewed
// attack: how likely each guarantor is to honour its promise, and how
// likely the attacker is to attack, given what a war would bring it with
// and without the guarantors fighting.
//
// # The game
//
// A two-stage game of one-sided incomplete information about each side's
// resolve, in the family of Zagare and Kilgour's rudimentary asymmetric
// deterrence game (Zagare and Kilgour 2000, Perfect Deterrence, app. 3):
//
//  1. Nature draws each guarantor g's resolve εg ~ N(0, σg²) and the
//     attacker's εa ~ N(0, σa²); each knows only its own.
//  2. The attacker attacks or keeps the cease-fire.
//  3. If attacked, each guarantor honours (intervenes) or reneges.
//
// Payoffs are in US$ bn. Guarantor g, if attacked, gains from honouring
// rather than reneging
//
//	Δg = Sg + Ag + Tg + Rg + Hg − Cg − Eg + εg
//
// Sg its stake in the defender; Ag the audience and legal cost of breaking
// the promise, by how binding its text is (Fearon 1997: commitments that tie
// hands raise the cost of backing down); Tg the cost of abandoning its own
// troops when a tripwire force is in the attack's path (Schelling 1966);
// Rg the damage to its other commitments' credibility, in proportion to
// how binding this one was (Huth 1988; "Boston for Bremen"); Hg its track record; Cg its expected cost of fighting (own
// losses from the campaign model); Eg the expected cost of escalation
// against a nuclear-armed attacker. Reneging when Δg < 0 and honouring when
// Δg > 0 is sequentially rational, so in every perfect Bayesian equilibrium
// the "hard" types (Δg > 0) resist and the "soft" ones concede, as in the
// RADG (yH = 1, yS = 0), and
//
//	P(g honours) = Φ(Δ̄g / σg)
//
// where Δ̄g is Δg without εg. The guarantors fight together if any
// honours (the campaign model's "intervene" case pools their forces):
//
//	pI = 1 − Π_g (1 − P(g honours))
//
// The attacker, knowing only the distribution of the guarantors' resolve,
// compares a year of war with the cease-fire:
//
//	U = pI·W(intervene) + (1 − pI)·W(stay out) − Z + μ + εa
//	W(c) = V(ground_c) − K − ℓ·losses_c − e·[c = intervene]
//	Z = ps·s + x
//
// V(g) the value of ground taken: v per km² up to the area the attacker
// claims, β·v per km² beyond it (Input.GroundValue), ground_c and losses_c from the
// campaign model, K the yearly cost of waging the war, ℓ the political cost
// of a soldier lost, e the cost of fighting nuclear-armed guarantors'
// forces, s the sanctions that snap back (ps the chance they are imposed:
// higher when automatic), x the energy revenue cut off, μ the attacker's
// standing revisionist drive (what it gains from war beyond territory). It
// attacks when U > 0, so, for each year of the cease-fire,
//
//	P(attack within a year) = Φ(Ū / σa),  P(within n years) = 1 − (1 − P₁)ⁿ.
//
// How far: the attacker may also have a limited offensive on offer
// (Input.Limited: a grab of a few months, then a new cease-fire), with its
// own campaign results, its own cost, and for each guarantor its own cost
// of fighting and its own troops in the path (a limited grab may stop
// short of a tripwire: Schelling's (1966) salami tactics). Each extent k
// has its own Δ̄g,k, pI,k and Ūk; since εa shifts every attack equally, the
// attacker takes the extent worth most and
//
//	P(attack within a year) = Φ(max_k Ūk / σa).
//
// With σa → 0 the attacker attacks exactly when the guarantors' credibility
// pI is below the RADG threshold p* = (W(stay out) − Z + μ)/(W(stay out) −
// W(intervene)): deterrence succeeds when credibility exceeds the
// threshold, however strong the guarantors' forces (Zagare and Kilgour
// 2000). The tests check both properties.
//
// With what: with Input.Help each guarantor chooses how to help, from a
// ladder of sanctions and arms, air power, and all its forces, or
// reneges. Each form of help h has its own payoff, linear in the
// guarantor's resolve,
//
//	Δg,h = e_h·(Sg + εg) + κ(c, h)·(Ag + Rg + Hg) + [h fights]·(Tg − Eg) − C_h
//
// where e_h is the share of its forces that fight (its stake and resolve
// count in that proportion: it saves the defender, and risks its soldiers,
// only with what it commits), κ(c, h) the share of the cost of a broken
// promise of text c that this help avoids (Params.Credit, read from the
// texts: aid keeps an assurance but only half an Art. 5-type promise), and
// C_h its cost of fighting that way. The guarantor takes the form of help
// worth most to it (or reneges), so each is taken on an interval of εg
// where its line is the upper envelope, and the attacker faces the
// expected share of the guarantors' forces that fight,
//
//	pI = Σ_g Σ_h P(g gives h)·Force_h,
//
// in its campaign, and pays the cost e of fighting the guarantors in
// proportion to the expected share of them at war, Σ_g Σ_h P(g gives
// h)·War_h: a guarantor whose aircraft fight is at war with the attacker
// as much as one whose troops do. Help that does not fight earns credit
// but adds nothing to pI: a guarantor can honour an assurance almost
// surely and deter nothing, the Budapest lesson (tests).
//
// Solve builds this game as an extensive-form tree (BuildTree: nature
// draws each guarantor's type, resolved or irresolute, with the
// probabilities above) and solves it with package game's Bayesian backward
// induction, a sequential equilibrium (Kreps and Wilson 1982); the
// formulas above are its closed form (SolveClosedForm, PAttack), which the
// tests show to agree with the tree to 1e-9.
//
// Every term is returned with its size, so an analyst can see which one
// decides. The package knows nothing of scenario files; package engine
// maps a scenario and the campaign model's results onto Input.
//
// References:
//
//   - Fearon, J. D. (1997). Signaling foreign policy interests: tying hands
//     versus sinking costs. Journal of Conflict Resolution 41(1):68-90.
//   - Kreps, D. M. and Wilson, R. (1982). Sequential equilibria.
//     Econometrica 50(4):863-894.
//   - Huth, P. K. (1988). Extended Deterrence and the Prevention of War. Yale
//     University Press.
//   - Schelling, T. C. (1966). Arms and Influence. Yale University Press.
//   - Zagare, F. C. and Kilgour, D. M. (2000). Perfect Deterrence. Cambridge
//     University Press.
package deterrence

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/stat/distuv"
)

// Commitment is the text of a guarantor's promise, weakest first.
type Commitment int

const (
	NoCommitment      Commitment = iota
	Assurance                    // respect borders (Budapest 1994)
	Consultation                 // consult / "Article 5-lite"
	AsDeemedNecessary            // collective defence, "such action as it deems necessary" (Art. 5)
	Automatic                    // collective defence with an obligation to fight
)

var commitmentNames = [...]string{"none", "assurance", "consultation", "Art. 5-type (as deemed necessary)", "automatic collective defence"}

func (c Commitment) String() string {
	if int(c) < len(commitmentNames) {
		return commitmentNames[c]
	}
	return fmt.Sprintf("Commitment(%d)", int(c))
}

// Guarantor is one guarantor's side of the game. Money in US$ bn.
type Guarantor struct {
	ID         string
	Commitment Commitment
	Treaty     bool    // the promise is a ratified treaty, not a political text
	Stakes     float64 // Sg
	// TripwireTroops are the guarantor's troops that the campaign model
	// shows engaged even if it stays out (in the attack's path).
	TripwireTroops float64
	// OtherCommitments: reneging here damages the credibility of its
	// other guarantees.
	OtherCommitments bool
	TrackRecord      float64 // in [0, 1]; 0.5 is neutral
	WarCost          float64 // Cg: expected cost of its own losses if it fights
	Escalation       float64 // Eg
	// Excused is the share of a broken promise's cost (audience and
	// reputation) the guarantor escapes whatever the attack, in [0, 1]: 1
	// when the promise needs the consent of a guarantor that is the
	// attacker itself, who can veto the response (Istanbul draft, 2022).
	Excused float64
	// deniable is set for the limited offensive from Limited.Deniable.
	deniable float64
}

// War is what a year of renewed war brings the attacker in one case.
type War struct {
	GroundKm2      float64
	AttackerLosses float64 // people
}

// Params are the game's coefficients (US$ bn unless stated); see
// DefaultParams for their sources.
type Params struct {
	// Audience[c] is the cost of breaking a promise of strength c; a
	// treaty multiplies it by TreatyFactor.
	Audience     [5]float64
	TreatyFactor float64
	// TripwirePer1000 is the cost of abandoning 1,000 of one's own troops
	// under fire, up to TripwireCap.
	TripwirePer1000, TripwireCap float64
	Reputation                   float64 // Rg when other commitments are at stake
	TrackRecord                  float64 // Hg = TrackRecord·(record − 0.5)·2
	SigmaG                       float64 // sd of guarantor resolve
	ValuePerKm2                  float64 // v, US$ bn per km²
	// BeyondClaim is β, the share of v a km² beyond the attacker's claim
	// is worth to it (Input.Claimed), in [0, 1].
	BeyondClaim float64
	CostPerLoss float64 // ℓ, US$ bn per attacker soldier lost
	SigmaA      float64 // sd of attacker resolve
	// Credit[c][m] is the share of the cost of breaking a promise of
	// strength c (and of the reputation and track-record terms) that help
	// of means m avoids, in [0, 1] (used with Input.Help).
	Credit [5][len(meansNames)]float64
	// TroopsPerAircraft counts one combat aircraft as this many troops
	// when the guarantors' forces are added up (Weight, FightScale).
	TroopsPerAircraft float64
	// FightForceScale is F₀ in FightScale, people.
	FightForceScale float64
}

// Input is one package's deterrence game.
type Input struct {
	Guarantors []Guarantor
	StayOut    War // campaign with no guarantor intervention
	Intervene  War // campaign with the guarantors fighting
	// WarCost is K, the attacker's yearly cost of waging the war.
	WarCost float64
	// FightGuarantors is e, the attacker's cost of fighting the
	// guarantors' own forces (escalation, a wider war).
	FightGuarantors float64
	Sanctions       float64 // s, per year
	SanctionsProb   float64 // ps
	Energy          float64 // x, per year
	Drive           float64 // μ
	// Claimed says the attacker's territorial claim is known: ClaimKm2 is
	// the area of the defender's territory it claims and does not hold,
	// and ground beyond it is worth only Params.BeyondClaim of a claimed
	// km² (see GroundValue). When false every km² counts in full.
	Claimed  bool
	ClaimKm2 float64
	// Limited, if not nil, gives the attacker a second way to attack: a
	// limited offensive, then a new cease-fire.
	Limited *Limited
	// Weights, if not nil, makes intervention force-weighted: guarantor g
	// brings the share Weights[g] of the guarantors' forces (the shares
	// add up to 1), and the attacker's war is the stay-out campaign plus
	// that share of the difference the intervening campaign makes, so
	//
	//	pI = Σ_g Weights[g]·P(g honours)
	//
	// (the expected share of the guarantors' forces that fight). Nil: the
	// pooled model, in which any guarantor honouring brings the
	// intervention campaign, pI = 1 − Π_g (1 − P(g honours)).
	Weights []float64
	// Help, if not nil, lets each guarantor choose how to help (one list
	// per guarantor, in the ladder's order, each means at most once):
	// renege, or one of its forms of help, each with its own payoff
	// (see options) and its own share of the guarantors' forces, and
	//
	//	pI = Σ_g Σ_h P(g gives help h)·Force_h
	//
	// (the expected share of the guarantors' forces that fight; Weights
	// must then be nil). P(g honours) is the probability that it gives
	// help that earns its commitment's full credit (Params.Credit).
	Help   [][]Help
	Params Params
}

// Limited is a limited offensive: Days of war instead of a year, with its
// own campaign results and, per guarantor (in the order of
// Input.Guarantors), its own cost of fighting and its own troops in the
// attack's path. Everything else (stakes, commitments, sanctions, energy,
// drive) is as for the full offensive.
type Limited struct {
	Days      float64
	StayOut   War
	Intervene War
	// WarCost is the attacker's cost of waging it (US$ bn).
	WarCost float64
	// GuarantorWarCost[g] and TripwireTroops[g] replace guarantor g's
	// WarCost and TripwireTroops.
	GuarantorWarCost []float64
	TripwireTroops   []float64
	// Deniable is the share of a broken promise's cost (audience and
	// reputation) that a guarantor escapes when a limited grab leaves it
	// unclear whether the promise was triggered, in [0, 1]: 0 across a
	// clear line. Schelling (1966, Arms and Influence, ch. 2): ambiguity
	// about where the line runs invites probing ("salami tactics"); a
	// clear, public line removes the excuse.
	Deniable float64
}

// Extents of an attack.
const (
	Full       = "full"    // a year of war
	LimitedWar = "limited" // Limited.Days of war, then a new cease-fire
)

// option returns the campaign results, the attacker's cost and the
// guarantors with their costs and tripwires for an attack of the given
// extent.
func (in *Input) option(extent string) (stayOut, intervene War, warCost float64, gs []Guarantor) {
	if extent != LimitedWar || in.Limited == nil {
		return in.StayOut, in.Intervene, in.WarCost, in.Guarantors
	}
	l := in.Limited
	gs = make([]Guarantor, len(in.Guarantors))
	for i, g := range in.Guarantors {
		g.WarCost, g.TripwireTroops, g.deniable = l.GuarantorWarCost[i], l.TripwireTroops[i], l.Deniable
		gs[i] = g
	}
	return l.StayOut, l.Intervene, l.WarCost, gs
}

// Extents lists the ways the attacker can attack: Full, and LimitedWar if
// in.Limited is set.
func (in *Input) Extents() []string {
	if in.Limited != nil {
		return []string{Full, LimitedWar}
	}
	return []string{Full}
}

// Term is one named part of a payoff, in US$ bn.
type Term struct {
	Name  string  `json:"name"`
	Value float64 `json:"usd_bn"`
}

// Option summarises the game for one extent of attack.
type Option struct {
	Extent        string    `json:"extent"`
	Utility       float64   `json:"attacker_net_value_of_attack_usd_bn"`
	PIntervention float64   `json:"p_intervention"`
	PHonour       []float64 `json:"p_honour"`
}

// GuarantorResult is one guarantor's answer.
type GuarantorResult struct {
	ID      string  `json:"id"`
	PHonour float64 `json:"p_honour"`
	Net     float64 `json:"net_value_of_honouring_usd_bn"`
	Terms   []Term  `json:"terms"`
	// Help, with Input.Help, is the probability of each form of help
	// and its net value at the average resolve (the rest reneges).
	Help []HelpResult `json:"help,omitempty"`
}

// HelpResult is one form of help a guarantor may give.
type HelpResult struct {
	Means string  `json:"means"`
	P     float64 `json:"p"`
	// Net is its value over reneging at the average resolve (US$ bn).
	Net float64 `json:"net_value_usd_bn"`
	// Honours: this help honours the guarantor's commitment.
	Honours bool `json:"honours"`
}

// Result is the game's answer. Guarantors, PIntervention, Threshold,
// Utility and Terms describe the attack the attacker would choose (Extent);
// Other summarises the other extent, if there is one.
type Result struct {
	// Extent is how far the attacker would go if it attacks: Full or
	// LimitedWar (the one worth more to it).
	Extent        string            `json:"extent"`
	LimitedDays   float64           `json:"limited_days,omitempty"`
	Other         *Option           `json:"other_extent,omitempty"`
	Guarantors    []GuarantorResult `json:"guarantors"`
	PIntervention float64           `json:"p_intervention"`
	// PWar is the expected share of the guarantors at war with the
	// attacker: PIntervention, except with forms of help (Help.War).
	PWar float64 `json:"p_war_with_guarantors"`
	// Threshold is the credibility pI above which a certain-minded attacker
	// (σa → 0) would not attack (RADG p*); NaN-free: 0 if it never attacks,
	// 1 if no credibility suffices.
	Threshold float64 `json:"credibility_threshold"`
	Utility   float64 `json:"attacker_net_value_of_attack_usd_bn"`
	Terms     []Term  `json:"attacker_terms"`
	PAttack1  float64 `json:"p_attack_1y"`
	// PAttack5 is P(attack within 5 years) with independent years,
	// 1 − (1 − PAttack1)⁵ (overYears).
	PAttack5 float64 `json:"p_attack_5y"`
	// Deciding names the terms that decide, in plain words.
	Deciding string `json:"deciding"`
	// Method says how the equilibrium was found.
	Method string `json:"method"`
	// Path is the equilibrium path in words: each guarantor's types and
	// their choices, then the attacker's.
	Path []string `json:"equilibrium_path"`
}

// Phi is the standard normal distribution function (gonum's
// distuv.UnitNormal.CDF, 0.5·erfc(−x/√2)).
func Phi(x float64) float64 { return distuv.UnitNormal.CDF(x) }

// Validate reports impossible inputs.
func (in *Input) Validate() error {
	var errs []error
	fin := func(name string, x float64) {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			errs = append(errs, fmt.Errorf("deterrence: %s is not a finite number", name))
		}
	}
	for _, g := range in.Guarantors {
		fin("stakes", g.Stakes)
		fin("war cost", g.WarCost)
		fin("escalation", g.Escalation)
		if g.Commitment < NoCommitment || g.Commitment > Automatic {
			errs = append(errs, fmt.Errorf("deterrence: guarantor %s: unknown commitment", g.ID))
		}
		if !(g.Excused >= 0 && g.Excused <= 1) {
			errs = append(errs, fmt.Errorf("deterrence: guarantor %s: excused share %v outside [0, 1]", g.ID, g.Excused))
		}
		if g.TripwireTroops < 0 || g.TrackRecord < 0 || g.TrackRecord > 1 {
			errs = append(errs, fmt.Errorf("deterrence: guarantor %s: troops >= 0 and track record in [0, 1] required", g.ID))
		}
	}
	for _, w := range []War{in.StayOut, in.Intervene} {
		fin("ground", w.GroundKm2)
		fin("losses", w.AttackerLosses)
	}
	fin("war cost", in.WarCost)
	fin("sanctions", in.Sanctions)
	fin("energy", in.Energy)
	fin("drive", in.Drive)
	fin("fight guarantors", in.FightGuarantors)
	if in.Claimed && !(in.ClaimKm2 >= 0 && !math.IsInf(in.ClaimKm2, 1)) {
		errs = append(errs, fmt.Errorf("deterrence: claimed area %v km² must be finite and >= 0", in.ClaimKm2))
	}
	if !(in.Params.BeyondClaim >= 0 && in.Params.BeyondClaim <= 1) {
		errs = append(errs, fmt.Errorf("deterrence: value beyond the claim %v outside [0, 1]", in.Params.BeyondClaim))
	}
	if in.SanctionsProb < 0 || in.SanctionsProb > 1 || math.IsNaN(in.SanctionsProb) {
		errs = append(errs, errors.New("deterrence: sanctions probability must be in [0, 1]"))
	}
	if w := in.Weights; w != nil {
		sum := 0.0
		for _, x := range w {
			if !(x >= 0) || math.IsInf(x, 0) {
				errs = append(errs, errors.New("deterrence: intervention weights must be finite and >= 0"))
			}
			sum += x
		}
		if len(w) != len(in.Guarantors) || math.Abs(sum-1) > 1e-9 {
			errs = append(errs, errors.New("deterrence: one intervention weight per guarantor, adding up to 1"))
		}
	}
	if h := in.Help; h != nil {
		if in.Weights != nil {
			errs = append(errs, errors.New("deterrence: intervention weights and forms of help exclude each other (the forms of help carry their own shares of the forces)"))
		}
		if len(h) != len(in.Guarantors) {
			errs = append(errs, errors.New("deterrence: one list of forms of help per guarantor"))
		}
		total, totalWar := 0.0, 0.0
		for g, hs := range h {
			top, topWar := 0.0, 0.0
			for i, x := range hs {
				if x.Means < SanctionsArms || x.Means > AllForces || i > 0 && x.Means <= hs[i-1].Means {
					errs = append(errs, fmt.Errorf("deterrence: guarantor %d: forms of help must be known means, each once, from the least to the most", g))
				}
				if !(x.Engaged >= 0 && x.Engaged <= 1) || !(x.Force >= 0 && x.Force <= 1) || !(x.War >= 0 && x.War <= 1) {
					errs = append(errs, fmt.Errorf("deterrence: guarantor %d: %s: engaged, force and war shares must be in [0, 1]", g, x.Means))
				}
				fin("help: war cost", x.WarCost)
				fin("help: limited war cost", x.LimitedWarCost)
				top = math.Max(top, x.Force)
				topWar = math.Max(topWar, x.War)
			}
			total += top
			totalWar += topWar
		}
		if total > 1+1e-9 || totalWar > 1+1e-9 {
			errs = append(errs, fmt.Errorf("deterrence: the guarantors' forms of help bring %.3g of their forces and %.3g of them to war (at most 1 each)", total, totalWar))
		}
	}
	for c := range in.Params.Credit {
		for _, k := range in.Params.Credit[c] {
			if !(k >= 0 && k <= 1) {
				errs = append(errs, errors.New("deterrence: credit for partial help must be in [0, 1]"))
			}
		}
	}
	if l := in.Limited; l != nil {
		if !(l.Days > 0) || math.IsInf(l.Days, 0) {
			errs = append(errs, errors.New("deterrence: a limited offensive must last more than 0 days"))
		}
		for _, w := range []War{l.StayOut, l.Intervene} {
			fin("limited offensive: ground", w.GroundKm2)
			fin("limited offensive: losses", w.AttackerLosses)
		}
		fin("limited offensive: war cost", l.WarCost)
		if !(l.Deniable >= 0 && l.Deniable <= 1) {
			errs = append(errs, fmt.Errorf("deterrence: limited offensive: deniable share %v outside [0, 1]", l.Deniable))
		}
		if len(l.GuarantorWarCost) != len(in.Guarantors) || len(l.TripwireTroops) != len(in.Guarantors) {
			errs = append(errs, errors.New("deterrence: a limited offensive needs a war cost and tripwire troops for every guarantor"))
		} else {
			for i := range in.Guarantors {
				fin("limited offensive: guarantor war cost", l.GuarantorWarCost[i])
				if !(l.TripwireTroops[i] >= 0) {
					errs = append(errs, errors.New("deterrence: limited offensive: tripwire troops must be >= 0"))
				}
			}
		}
	}
	p := in.Params
	if !(p.SigmaG > 0) || !(p.SigmaA > 0) || math.IsInf(p.SigmaG, 0) || math.IsInf(p.SigmaA, 0) {
		errs = append(errs, errors.New("deterrence: the resolve spreads σg and σa must be > 0"))
	}
	return errors.Join(errs...)
}

// Solve builds the deterrence game as an extensive-form game (BuildTree),
// solves it with package game's Bayesian backward induction and returns
// the sequential equilibrium's answer, with every term of both sides'
// payoffs and the equilibrium path in words. If the tree would have more
// than MaxTreeNodes nodes it returns the closed form of the same
// equilibrium (SolveClosedForm), which the tests show to agree with the
// tree.
func Solve(in *Input) (*Result, error) {
	cf, err := SolveClosedForm(in)
	if err != nil {
		return nil, err
	}
	t, err := BuildTree(in)
	if err != nil {
		cf.Method += fmt.Sprintf(" (%v)", err)
		return cf, nil
	}
	ans, err := t.solve()
	if err != nil {
		return nil, err
	}
	// The terms of the extent the tree's attacker prefers, the numbers from
	// the tree.
	r := closedForm(in, t.Extents[ans.best])
	for k, ext := range t.Extents {
		if k == ans.best {
			continue
		}
		r.Other = &Option{Extent: ext, Utility: ans.utility[k], PIntervention: ans.pI[k], PHonour: ans.pHonour[k]}
	}
	for i := range r.Guarantors {
		r.Guarantors[i].PHonour = ans.pHonour[ans.best][i]
		for j := range r.Guarantors[i].Help {
			r.Guarantors[i].Help[j].P = ans.pOption[ans.best][i][j+1]
		}
	}
	r.LimitedDays = cf.LimitedDays
	r.PIntervention, r.PWar = ans.pI[ans.best], ans.pWar[ans.best]
	r.Utility = ans.utility[ans.best]
	r.PAttack1 = Phi(r.Utility / in.Params.SigmaA)
	r.PAttack5 = overYears(r.PAttack1, 5)
	r.Method = fmt.Sprintf("game tree of %d nodes, sequential equilibrium by Bayesian backward induction", t.Game.Nodes())
	r.Path = ans.path
	r.clampProbabilities()
	r.Deciding = explain(r)
	return r, nil
}

// clampProbabilities puts every probability of r in [0, 1]: they are sums
// of type and path probabilities, which rounding can carry a few units in
// the last place past 1 (1.0000000000000002 was seen).
func (r *Result) clampProbabilities() {
	c := func(x *float64) { *x = min(max(*x, 0), 1) }
	c(&r.PIntervention)
	c(&r.PWar)
	c(&r.PAttack1)
	c(&r.PAttack5)
	for i := range r.Guarantors {
		c(&r.Guarantors[i].PHonour)
		for j := range r.Guarantors[i].Help {
			c(&r.Guarantors[i].Help[j].P)
		}
	}
	if o := r.Other; o != nil {
		c(&o.PIntervention)
		for i := range o.PHonour {
			c(&o.PHonour[i])
		}
	}
}

// SolveClosedForm computes the same equilibrium as Solve from the
// formulas of the package doc, without building the tree. With a limited
// offensive on offer the attacker takes the extent worth more to it: its
// resolve εa shifts both equally, so
//
//	P(attack within a year) = Φ(max(Ū_full, Ū_limited)/σa).
func SolveClosedForm(in *Input) (*Result, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var best *Result
	var others []*Result
	for _, ext := range in.Extents() {
		r := closedForm(in, ext)
		if best == nil || r.Utility > best.Utility {
			if best != nil {
				others = append(others, best)
			}
			best = r
		} else {
			others = append(others, r)
		}
	}
	for _, o := range others {
		best.Other = o.summary()
	}
	if in.Limited != nil {
		best.LimitedDays = in.Limited.Days
	}
	best.Deciding = explain(best)
	best.Method = "closed form of the sequential equilibrium"
	best.Path = []string{}
	return best, nil
}

func (r *Result) summary() *Option {
	o := &Option{Extent: r.Extent, Utility: r.Utility, PIntervention: r.PIntervention}
	for _, g := range r.Guarantors {
		o.PHonour = append(o.PHonour, g.PHonour)
	}
	return o
}

// closedForm is the equilibrium's answer for one extent of attack.
func closedForm(in *Input, extent string) *Result {
	p := &in.Params
	stayOut, intervene, warCost, gs := in.option(extent)
	r := &Result{Extent: extent}
	stay, weighted, helped, atWar := 1.0, 0.0, 0.0, 0.0
	for i, g := range gs {
		terms := guarantorTerms(g, p)
		net := 0.0
		for _, t := range terms {
			net += t.Value
		}
		ph := Phi(net / p.SigmaG)
		stay *= 1 - ph
		if in.Weights != nil {
			weighted += in.Weights[i] * ph
		}
		gr := GuarantorResult{ID: g.ID, PHonour: ph, Net: net, Terms: terms}
		if in.Help != nil {
			probs, ls, n := in.helpProbs(i, extent == LimitedWar && in.Limited != nil)
			gr.PHonour = 0
			for j := 1; j < n; j++ {
				h := &in.Help[i][j-1]
				ok := p.honours(g.Commitment, h.Means)
				gr.Help = append(gr.Help, HelpResult{Means: h.Means.String(), P: probs[j], Net: ls[j].a, Honours: ok})
				if ok {
					gr.PHonour += probs[j]
				}
				helped += probs[j] * h.Force
				atWar += probs[j] * h.War
			}
		}
		r.Guarantors = append(r.Guarantors, gr)
	}
	pI := 1 - stay
	switch {
	case in.Help != nil:
		pI = helped
	case in.Weights != nil:
		pI = weighted
	}
	pWar := pI
	if in.Help != nil {
		pWar = atWar
	}
	r.PIntervention, r.PWar = pI, pWar
	war := func(w War, withGuarantors bool) float64 {
		v := in.GroundValue(w.GroundKm2) - warCost - p.CostPerLoss*w.AttackerLosses
		if withGuarantors {
			v -= in.FightGuarantors
		}
		return v
	}
	wOut, wIn := war(stayOut, false), war(intervene, true)
	z := in.SanctionsProb*in.Sanctions + in.Energy
	r.Terms = []Term{
		{"ground taken if the guarantors stay out", (1 - pI) * in.GroundValue(stayOut.GroundKm2)},
		{"ground taken if they intervene", pI * in.GroundValue(intervene.GroundKm2)},
		{"cost of waging the war", -warCost},
		{"soldiers lost", -p.CostPerLoss * ((1-pI)*stayOut.AttackerLosses + pI*intervene.AttackerLosses)},
		{"fighting the guarantors' forces", -pWar * in.FightGuarantors},
		{"sanctions snapping back", -in.SanctionsProb * in.Sanctions},
		{"energy revenue cut off", -in.Energy},
		{"standing drive to revise the settlement", in.Drive},
	}
	u := 0.0
	for _, t := range r.Terms {
		u += t.Value
	}
	r.Utility = u
	r.PAttack1 = Phi(u / p.SigmaA)
	r.PAttack5 = overYears(r.PAttack1, 5)
	// RADG threshold: the attacker with σa → 0 attacks iff
	// pI·wIn + (1−pI)·wOut − z + μ > 0 (with forms of help, as if the
	// guarantors at war brought all their forces).
	num, den := wOut-z+in.Drive, wOut-wIn
	switch {
	case num <= 0:
		r.Threshold = 0 // not worth attacking even if nobody helps
	case den <= 0 || num >= den:
		r.Threshold = 1 // worth attacking even if every guarantor fights
	default:
		r.Threshold = num / den
	}
	r.clampProbabilities()
	return r
}

// guarantorTerms are the parts of Δ̄g, guarantor g's net value of
// honouring at its average resolve (US$ bn).
func guarantorTerms(g Guarantor, p *Params) []Term {
	var v [7]float64
	guarantorValues(&v, &g, p, g.WarCost, g.TripwireTroops)
	return []Term{
		{"stakes in the defender", v[0]},
		{"cost of breaking its word (" + g.Commitment.String() + ")", v[1]},
		{"own troops in the way (tripwire)", v[2]},
		{"credibility of its other commitments", v[3]},
		{"track record", v[4]},
		{"cost of fighting", v[5]},
		{"risk of escalation", v[6]},
	}
}

func explain(r *Result) string {
	terms := append([]Term(nil), r.Terms...)
	sort.SliceStable(terms, func(i, j int) bool { return math.Abs(terms[i].Value) > math.Abs(terms[j].Value) })
	verdict := "deterred"
	switch {
	case r.PAttack1 >= 0.5:
		verdict = "not deterred"
	case r.PAttack1 >= 0.1:
		verdict = "weakly deterred"
	}
	what := "a renewed attack is worth"
	if r.Extent == LimitedWar {
		what = fmt.Sprintf("a limited offensive (%.0f days, then a new cease-fire) is its best option, worth", r.LimitedDays)
	}
	s := fmt.Sprintf("%s: %s %+.0f bn a year to the attacker; largest terms: %s (%+.0f), %s (%+.0f).",
		verdict, what, r.Utility, terms[0].Name, terms[0].Value, terms[1].Name, terms[1].Value)
	if o := r.Other; o != nil {
		name := "a full offensive"
		if o.Extent == LimitedWar {
			name = fmt.Sprintf("a limited %.0f-day offensive", r.LimitedDays)
		}
		s += fmt.Sprintf(" (%s: %+.0f bn, guarantors intervene %.0f%%.)", name, o.Utility, 100*o.PIntervention)
	}
	s += fmt.Sprintf(" Guarantor credibility %.0f%% against the %.0f%% needed", 100*r.PIntervention, 100*r.Threshold)
	switch {
	case r.Threshold >= 1:
		s += " (no credibility is enough: war pays even against the guarantors)."
	case r.Threshold <= 0:
		s += " (war does not pay even if nobody helps)."
	case r.PIntervention >= r.Threshold:
		s += " (the threat is credible enough)."
	default:
		s += " (the threat is not credible enough)."
	}
	return s
}

// DefaultParams returns the game's default coefficients for use in code
// and tests. deter itself reads the shared coefficients of
// scenario/coefficients.yaml, which equal these except for those fitted to
// the historical case library (deter backtest): ValuePerKm2, BeyondClaim,
// TripwirePer1000 and FightForceScale here are values before the fit (the
// fit's priors are in package backtest).
// Except where a source is named they are assumptions.
//
//   - ValuePerKm2 0.025 US$ bn/km²: revealed preference in 2025: Russia spent
//     about 11.1 trillion roubles (5.1% of GDP, about US$ 120 bn) on the war
//     and took about 4,800 km² (The Insider, 2026-01-15), so it valued a km²
//     at no less than about US$ 25 million.
//   - CostPerLoss 0.0001 US$ bn (US$ 100,000) per soldier lost: of the order
//     of Russian payments to the families of the dead (5-12 million roubles,
//     2024-25 reports); assumption.
//   - Audience 0 / 2 / 10 / 50 / 100 US$ bn from no commitment to automatic
//     collective defence, ×1.5 for a treaty: assumption ordered by Fearon
//     (1997); the 2014 annexation of Crimea cost the Budapest signatories
//     little beyond sanctions, hence the small value for assurances.
//   - TripwirePer1000 50 US$ bn per 1,000 troops in the attack's path, up to
//     150: assumption; Schelling (1966): a garrison that will be overrun
//     makes intervention all but automatic.
//   - Reputation 50, TrackRecord 30, SigmaG 50, SigmaA 50 US$ bn:
//     assumptions.
//   - Credit (the share of a broken promise's cost that partial help
//     avoids; sanctions and arms / air power / all forces), read from the
//     texts, the numbers below 1 assumptions: 1 / 1 / 1 for assurances
//     and consultation (the Budapest Memorandum 1994 ¶4 promises to "seek
//     immediate United Nations Security Council action"; a pledge to
//     consult promises no force); 0.5 / 1 / 1 for Art. 5-type texts ("such
//     action as it deems necessary, including the use of armed force",
//     North Atlantic Treaty 1949 Art. 5: aid without force keeps the letter
//     but not the expectation); 0 / 0.5 / 1 for automatic collective
//     defence ("all the military and other aid and assistance in their
//     power", Modified Brussels Treaty 1954 Art. V: aid without its forces
//     breaks it, air power alone keeps part of it).
func DefaultParams() Params {
	return Params{
		Audience:        [5]float64{0, 2, 10, 50, 100},
		TreatyFactor:    1.5,
		TripwirePer1000: 50,
		TripwireCap:     150,
		Reputation:      50,
		TrackRecord:     30,
		SigmaG:          50,
		ValuePerKm2:     0.025,
		// BeyondClaim 0.2: assumption after Huth (1996) and Senese and
		// Vasquez (2008): states fight over the territory they claim.
		BeyondClaim: 0.2,
		CostPerLoss: 0.0001,
		SigmaA:      50,
		// TroopsPerAircraft 100 and FightForceScale 10,000 people:
		// assumptions (a division-sized force, or about 100 combat
		// aircraft, makes it a real war with the guarantor states).
		TroopsPerAircraft: 100,
		FightForceScale:   10000,
		Credit: [5][len(meansNames)]float64{
			NoCommitment:      {1, 1, 1},
			Assurance:         {1, 1, 1},
			Consultation:      {1, 1, 1},
			AsDeemedNecessary: {0.5, 1, 1},
			Automatic:         {0, 0.5, 1},
		},
	}
}

// GroundValue is what ground g (km²) taken is worth to the attacker, US$ bn:
//
//	V(g) = v·g                                   (no claim stated)
//	V(g) = v·(min(g, C) + β·max(g − C, 0))        (claim of C km² not yet held)
//
// Territory the attacker claims is what it fights for; ground beyond its
// claim is worth less to it (a bargaining chip, a buffer). Huth (1996,
// Standing Your Ground) and Senese and Vasquez (2008, The Steps to War)
// find disputes over territory, not the balance of power, the strongest
// predictor of war between states. Allocates nothing.
func (in *Input) GroundValue(g float64) float64 {
	p := &in.Params
	if !in.Claimed || g <= in.ClaimKm2 {
		return p.ValuePerKm2 * g
	}
	return p.ValuePerKm2 * (in.ClaimKm2 + p.BeyondClaim*(g-in.ClaimKm2))
}

// PAttack returns P(attack within a year) and P(intervention) (against
// the extent of attack the attacker would choose) without the terms and
// explanation of Solve, allocating nothing: the fast path for Monte Carlo
// and optimisation. in must be valid (see Validate).
func PAttack(in *Input) (pAttack1, pIntervention float64) {
	u, pI := attackValue(in, false)
	if in.Limited != nil {
		if ul, pl := attackValue(in, true); ul > u {
			u, pI = ul, pl
		}
	}
	return Phi(u / in.Params.SigmaA), pI
}

// attackValue is Ū and pI for the full or the limited offensive, with the
// same terms in the same order of addition as closedForm, so that the
// results are bit-identical.
func attackValue(in *Input, limited bool) (u, pI float64) {
	if in.Help != nil {
		pWar := 0.0
		for i := range in.Guarantors {
			probs, _, n := in.helpProbs(i, limited)
			for j := 1; j < n; j++ {
				pI += probs[j] * in.Help[i][j-1].Force
				pWar += probs[j] * in.Help[i][j-1].War
			}
		}
		return attackerValue(in, limited, pI, pWar), pI
	}
	stay := 1.0
	for i := range in.Guarantors {
		g := &in.Guarantors[i]
		gWarCost, trip := g.WarCost, g.TripwireTroops
		if limited {
			gWarCost, trip = in.Limited.GuarantorWarCost[i], in.Limited.TripwireTroops[i]
		}
		gg := *g
		if limited {
			gg.deniable = in.Limited.Deniable
		}
		ph := Phi(guarantorNet(&gg, &in.Params, gWarCost, trip) / in.Params.SigmaG)
		stay *= 1 - ph
		if in.Weights != nil {
			pI += in.Weights[i] * ph
		}
	}
	if in.Weights == nil {
		pI = 1 - stay
	}
	return attackerValue(in, limited, pI, pI), pI
}

// attackerValue is Ū for the full or the limited offensive given the
// credibility pI and the expected share of the guarantors at war pWar,
// with the terms of closedForm in the same order.
func attackerValue(in *Input, limited bool, pI, pWar float64) (u float64) {
	p := &in.Params
	stayOut, intervene, warCost := in.StayOut, in.Intervene, in.WarCost
	if limited {
		stayOut, intervene, warCost = in.Limited.StayOut, in.Limited.Intervene, in.Limited.WarCost
	}
	for _, v := range [...]float64{
		(1 - pI) * in.GroundValue(stayOut.GroundKm2),
		pI * in.GroundValue(intervene.GroundKm2),
		-warCost,
		-p.CostPerLoss * ((1-pI)*stayOut.AttackerLosses + pI*intervene.AttackerLosses),
		-pWar * in.FightGuarantors,
		-in.SanctionsProb * in.Sanctions,
		-in.Energy,
		in.Drive,
	} {
		u += v
	}
	return u
}

// helpProbs returns guarantor g's options against the full or the limited
// offensive (see options) and the probability that each is its best
// response: the mass of its resolve on the option's interval (best).
func (in *Input) helpProbs(g int, limited bool) (probs [maxOptions]float64, ls [maxOptions]line, n int) {
	n = in.options(g, limited, &ls)
	lo, hi := best(&ls, n, in.Params.SigmaG)
	for j := range n {
		probs[j] = probBetween(lo[j], hi[j])
	}
	return probs, ls, n
}

// overYears is the probability of at least one event in n independent
// years, each with probability p:
//
//	1 − (1 − p)ⁿ = −expm1(n·log1p(−p))
//
// computed in the second form, which keeps its relative accuracy when p
// is small (the first gives 0 for p below about 10⁻¹⁷, below the one-year
// probability it is meant to exceed).
func overYears(p float64, n int) float64 {
	return -math.Expm1(float64(n) * math.Log1p(-p))
}
