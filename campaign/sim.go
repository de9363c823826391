package campaign

import (
	"errors"
	"fmt"
	"math"
)

// Side of a force.
type Side uint8

const (
	Attacker Side = iota
	Defender
	// Guarantor forces fight on the defender's side, but only when the
	// guarantor intervenes or when the attacker's advance reaches them.
	Guarantor
)

// Unit is a force entering the campaign.
type Unit struct {
	Side       Side
	Sector     int     // index into Input.Sectors; -1: theatre reserve, split on arrival among the open sectors by threat (Params.ReserveFocus)
	Strength   float64 // people
	Quality    float64 // combat power per person (reference 1)
	Readiness  float64 // fraction of Strength able to fight on arrival, in [0, 1]
	ArrivalDay float64 // day it reaches the theatre
	// TriggerKm applies to guarantor units: the unit fights once the
	// attacker has advanced this far in its sector (a tripwire at its
	// position), whatever the guarantor decides. With intervention it
	// fights from arrival. +Inf: only with intervention.
	TriggerKm float64
}

// Stream is strength added at a steady rate: recruitment, regeneration,
// arms deliveries expressed as equivalent people of reference quality. It
// is shared among the side's sectors in proportion to the people already
// in each (sectors taken to their depth excluded).
type Stream struct {
	Side     Side    // Attacker or Defender
	PerDay   float64 // people per day
	Quality  float64
	From, To float64 // days
}

// Sector is a stretch of front.
type Sector struct {
	FrontageKm    float64
	DepthKm       float64 // depth of the sector: the attacker stops on reaching it
	Fortification float64 // level 0..3 (see Params.Posture)
	Terrain       Terrain
	DroneDensity  float64 // drones per km of frontage per day
	// ObjectivesKm are the depths of the sector's objectives, ascending.
	ObjectivesKm []float64
}

// Terrain classes, with their defence and movement factors in Params.
type Terrain uint8

const (
	Mixed Terrain = iota
	Open
	Forest
	Urban
	Marsh
	Mountain
	nTerrain
)

// Air is guarantor air power supporting the defender.
type Air struct {
	SortiesPerDay  float64
	FromDay        float64 // first day of sorties after the attack
	KillsPerSortie float64 // attacker people put out of action per sortie
	LossPerSortie  float64 // aircraft lost per sortie
}

// Policing is air policing during a campaign.
type Policing struct {
	SortiesPerDay float64
	// Shield is the share of defender losses it prevents, in [0, 0.9].
	Shield        float64
	LossPerSortie float64 // aircraft lost per sortie
}

// Input is one campaign: the front, the forces, and whether the guarantors
// intervene.
type Input struct {
	Sectors []Sector
	Units   []Unit
	Streams []Stream
	Air     []Air // used only with Intervention
	// Policing is guarantor air policing over the defender's rear, used only
	// with Intervention: it shields the defender from the attacker's strikes
	// on logistics and reserves, cutting defender losses by a share.
	Policing     []Policing
	Intervention bool
	// DefenderMultiplier scales the defender's combat power everywhere
	// (intelligence support, training): 1 for none.
	DefenderMultiplier float64
	HorizonDays        int
	Params             Params
}

// Result is a campaign's outcome.
type Result struct {
	// GroundKm2[d] is the area taken by the end of day d (GroundKm2[0] = 0).
	GroundKm2 []float64
	// AdvanceKm is the final advance in each sector.
	AdvanceKm []float64
	// Reached[i] reports whether the attacker's final advance in unit i's
	// sector (Input.Units order) reached the unit's trigger distance (and
	// the attacker advanced there at all): a
	// guarantor unit with a finite TriggerKm in the attack's path, engaged
	// whatever its government decides (the tripwire). False for every
	// other unit (attacker, defender, a reserve without a sector, a unit
	// with no trigger).
	Reached []bool
	// ObjectiveDay[s][k] is the day sector s's k-th objective was reached,
	// or +Inf.
	ObjectiveDay [][]float64
	// FirstObjectiveDay is the earliest objective day, or +Inf.
	FirstObjectiveDay float64
	AttackerLosses    float64 // people
	DefenderLosses    float64 // people (defender and guarantor ground forces)
	GuarantorLosses   float64 // people (guarantor ground forces)
	AircraftLost      float64
	// CulminationDay is when the attacker halted (its strength fell below
	// the culmination threshold), or +Inf.
	CulminationDay float64
}

// pool is the aggregated force of one side in one sector.
type pool struct{ people, power float64 }

func (p *pool) add(people, quality float64) {
	p.people += people
	p.power += people * quality
}

// lose removes people keeping the mean quality; returns the people lost.
func (p *pool) lose(n float64) float64 {
	if n <= 0 || p.people <= 0 {
		return 0
	}
	if n >= p.people {
		n = p.people
		p.people, p.power = 0, 0
		return n
	}
	q := p.power / p.people
	p.people -= n
	p.power -= n * q
	return n
}

func (p *pool) quality() float64 {
	if p.people <= 0 {
		return 0
	}
	return p.power / p.people
}

// Sim runs campaigns, reusing its buffers: after the first run on inputs of
// a given size, Run allocates nothing.
type Sim struct {
	att, def, gua []pool
	trig          []float64 // per sector: smallest trigger of guarantor units waiting there
	waitG         []pool    // guarantor forces present but not yet engaged, by sector
	frontage      float64   // total frontage, km
	x             []float64
	arrived       []bool
	share         []float64 // scratch: each sector's share of a reserve
	res           Result
}

// Validate reports inputs the model cannot run: each problem names the
// field. It is called by Run.
func (in *Input) Validate() error {
	var errs []error
	bad := func(x float64) bool { return math.IsNaN(x) || math.IsInf(x, 0) }
	if len(in.Sectors) == 0 {
		errs = append(errs, errors.New("campaign: no sectors"))
	}
	if in.HorizonDays < 1 || in.HorizonDays > 36500 {
		errs = append(errs, fmt.Errorf("campaign: horizon %d days is outside 1..36500", in.HorizonDays))
	}
	for i, s := range in.Sectors {
		if bad(s.FrontageKm) || s.FrontageKm <= 0 {
			errs = append(errs, fmt.Errorf("campaign: sector %d: frontage must be > 0, got %v", i, s.FrontageKm))
		}
		if bad(s.DepthKm) || s.DepthKm <= 0 {
			errs = append(errs, fmt.Errorf("campaign: sector %d: depth must be > 0, got %v", i, s.DepthKm))
		}
		if bad(s.Fortification) || s.Fortification < 0 || s.Fortification > 3 {
			errs = append(errs, fmt.Errorf("campaign: sector %d: fortification must be in [0, 3], got %v", i, s.Fortification))
		}
		if bad(s.DroneDensity) || s.DroneDensity < 0 {
			errs = append(errs, fmt.Errorf("campaign: sector %d: drone density must be >= 0, got %v", i, s.DroneDensity))
		}
		if s.Terrain >= nTerrain {
			errs = append(errs, fmt.Errorf("campaign: sector %d: unknown terrain %d", i, s.Terrain))
		}
		for k, o := range s.ObjectivesKm {
			if bad(o) || o < 0 || (k > 0 && o < s.ObjectivesKm[k-1]) {
				errs = append(errs, fmt.Errorf("campaign: sector %d: objective depths must be >= 0 and ascending", i))
				break
			}
		}
	}
	var att, def float64
	for i, u := range in.Units {
		switch {
		case bad(u.Strength) || u.Strength <= 0:
			errs = append(errs, fmt.Errorf("campaign: unit %d: strength must be > 0, got %v", i, u.Strength))
		case bad(u.Quality) || u.Quality <= 0:
			errs = append(errs, fmt.Errorf("campaign: unit %d: quality must be > 0, got %v", i, u.Quality))
		case bad(u.Readiness) || u.Readiness < 0 || u.Readiness > 1:
			errs = append(errs, fmt.Errorf("campaign: unit %d: readiness must be in [0, 1], got %v", i, u.Readiness))
		case bad(u.ArrivalDay) || u.ArrivalDay < 0 || u.ArrivalDay > float64(in.HorizonDays):
			errs = append(errs, fmt.Errorf("campaign: unit %d: arrival day %v is outside the %d-day horizon", i, u.ArrivalDay, in.HorizonDays))
		case u.Sector < -1 || u.Sector >= len(in.Sectors):
			errs = append(errs, fmt.Errorf("campaign: unit %d: sector %d does not exist", i, u.Sector))
		case u.Side > Guarantor:
			errs = append(errs, fmt.Errorf("campaign: unit %d: unknown side", i))
		case math.IsNaN(u.TriggerKm) || u.TriggerKm < 0:
			errs = append(errs, fmt.Errorf("campaign: unit %d: trigger distance must be >= 0", i))
		}
		switch u.Side {
		case Attacker:
			att += u.Strength
		case Defender:
			def += u.Strength
		}
	}
	if att == 0 {
		errs = append(errs, errors.New("campaign: the attacker has no forces"))
	}
	if def == 0 {
		errs = append(errs, errors.New("campaign: the defender has no forces"))
	}
	for i, s := range in.Streams {
		if bad(s.PerDay) || s.PerDay < 0 || bad(s.Quality) || s.Quality <= 0 || bad(s.From) || math.IsNaN(s.To) || s.To < s.From || s.Side == Guarantor {
			errs = append(errs, fmt.Errorf("campaign: stream %d: needs per-day >= 0, quality > 0, from <= to, side attacker or defender", i))
		}
	}
	for i, pl := range in.Policing {
		if bad(pl.SortiesPerDay) || pl.SortiesPerDay < 0 || bad(pl.Shield) || pl.Shield < 0 || pl.Shield > 0.9 || bad(pl.LossPerSortie) || pl.LossPerSortie < 0 || pl.LossPerSortie > 1 {
			errs = append(errs, fmt.Errorf("campaign: policing %d: sorties >= 0, shield in [0, 0.9], loss per sortie in [0, 1]", i))
		}
	}
	for i, a := range in.Air {
		if bad(a.SortiesPerDay) || a.SortiesPerDay < 0 || bad(a.KillsPerSortie) || a.KillsPerSortie < 0 || bad(a.FromDay) || a.FromDay < 0 || bad(a.LossPerSortie) || a.LossPerSortie < 0 || a.LossPerSortie > 1 {
			errs = append(errs, fmt.Errorf("campaign: air %d: sorties, kills and losses per sortie must be finite and >= 0", i))
		}
	}
	if m := in.DefenderMultiplier; bad(m) || m <= 0 {
		errs = append(errs, fmt.Errorf("campaign: defender multiplier must be > 0, got %v", m))
	}
	if err := in.Params.Validate(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// Run simulates the campaign. The returned Result shares memory with the
// Sim and is valid until the next call to Run.
func (sim *Sim) Run(in *Input) (*Result, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	sim.run(in)
	return &sim.res, nil
}

// Run is a convenience wrapper that runs one campaign on a fresh Sim.
func Run(in *Input) (*Result, error) {
	var s Sim
	r, err := s.Run(in)
	if err != nil {
		return nil, err
	}
	out := *r
	return &out, nil
}

func (sim *Sim) run(in *Input) {
	p := &in.Params
	ns := len(in.Sectors)
	sim.att = grow(sim.att, ns)
	sim.def = grow(sim.def, ns)
	sim.gua = grow(sim.gua, ns)
	sim.waitG = grow(sim.waitG, ns)
	sim.trig = grow(sim.trig, ns)
	sim.share = grow(sim.share, ns)
	sim.x = grow(sim.x, ns)
	sim.arrived = grow(sim.arrived, len(in.Units))
	r := &sim.res
	r.GroundKm2 = grow(r.GroundKm2, in.HorizonDays+1)
	r.AdvanceKm = grow(r.AdvanceKm, ns)
	r.ObjectiveDay = grow(r.ObjectiveDay, ns)
	for s := range ns {
		sim.att[s], sim.def[s], sim.gua[s], sim.waitG[s] = pool{}, pool{}, pool{}, pool{}
		sim.trig[s] = math.Inf(1)
		sim.x[s] = 0
		r.ObjectiveDay[s] = grow(r.ObjectiveDay[s], len(in.Sectors[s].ObjectivesKm))
		for k := range r.ObjectiveDay[s] {
			r.ObjectiveDay[s][k] = math.Inf(1)
		}
	}
	for i := range sim.arrived {
		sim.arrived[i] = false
	}
	sim.frontage = 0
	for s := range ns {
		sim.frontage += in.Sectors[s].FrontageKm
	}
	r.GroundKm2[0] = 0
	r.FirstObjectiveDay, r.CulminationDay = math.Inf(1), math.Inf(1)
	r.AttackerLosses, r.DefenderLosses, r.GuarantorLosses, r.AircraftLost = 0, 0, 0, 0

	n := max(1, int(math.Round(1/p.StepDays)))
	h := 1 / float64(n)
	ground := 0.0
	peak := 0.0 // largest attacker strength in the theatre so far
	halted := false
	for day := 0; day < in.HorizonDays; day++ {
		for k := 0; k < n; k++ {
			t := float64(day) + float64(k)*h
			sim.arrivals(in, t, h)
			if halted {
				continue
			}
			ground += sim.step(in, t, h)
			now := 0.0
			for s := range sim.att {
				now += sim.att[s].people
			}
			peak = math.Max(peak, now)
			if now < (1-p.CulminationLoss)*peak {
				halted = true
				r.CulminationDay = t + h
			}
		}
		r.GroundKm2[day+1] = ground
	}
	for s := range ns {
		r.AdvanceKm[s] = sim.x[s]
		for _, d := range r.ObjectiveDay[s] {
			r.FirstObjectiveDay = math.Min(r.FirstObjectiveDay, d)
		}
	}
	r.Reached = grow(r.Reached, len(in.Units))
	for i := range in.Units {
		u := &in.Units[i]
		r.Reached[i] = u.Side == Guarantor && u.Sector >= 0 && !math.IsInf(u.TriggerKm, 1) && sim.x[u.Sector] >= u.TriggerKm && sim.x[u.Sector] > 0
	}
}

// ratio is the attacker-to-defender combat-power ratio in sector s, with
// force-to-space limits and the defender's multipliers applied.
func (sim *Sim) ratio(in *Input, s int) (ae, de float64) {
	p := &in.Params
	sec := &in.Sectors[s]
	room := p.MaxDensity * sec.FrontageKm
	a := &sim.att[s]
	ae = math.Min(a.people, room) * a.quality()
	d := &sim.def[s]
	g := &sim.gua[s]
	dp := d.people + g.people
	dq := 0.0
	if dp > 0 {
		dq = (d.power + g.power) / dp
	}
	de = math.Min(dp, room) * dq * p.defenceMultiplier(sec) * in.DefenderMultiplier
	return ae, de
}

// reserveShares sets sim.share to each sector's share of a reserve: the
// attacker reinforces success and the defender shores up its most
// threatened sectors, so shares go by the attacker's force ratio v_s,
//
//	share_s = v_s^κ / Σ_open v^κ,   κ = Params.ReserveFocus
//
// over the sectors not yet taken to their depth (equal shares where no
// ratio is positive; everything to the first sector when all are taken).
// The split is continuous in the forces: a 1% change in a corps cannot
// send a whole reserve to another sector. κ = 4 is an assumption (reserves
// go mostly, not wholly, where the threat is greatest).
func (sim *Sim) reserveShares(in *Input) {
	k := in.Params.ReserveFocus
	top, open := 0.0, 0
	for s := range in.Sectors {
		sim.share[s] = -1
		if sim.x[s] >= in.Sectors[s].DepthKm {
			continue // taken to its depth: nothing left to win or hold
		}
		ae, de := sim.ratio(in, s)
		v := ae / math.Max(de, 1e-9)
		sim.share[s] = v
		top = math.Max(top, v)
		open++
	}
	if open == 0 {
		for s := range sim.share {
			sim.share[s] = 0
		}
		sim.share[0] = 1
		return
	}
	sum := 0.0
	for s, v := range sim.share {
		switch {
		case v < 0:
			sim.share[s] = 0
		case top > 0:
			sim.share[s] = math.Pow(v/top, k)
		default:
			sim.share[s] = 1
		}
		sum += sim.share[s]
	}
	for s := range sim.share {
		sim.share[s] /= sum
	}
}

// place adds people of unit u to sector s.
func (sim *Sim) place(in *Input, u *Unit, s int, people float64) {
	switch u.Side {
	case Attacker:
		sim.att[s].add(people, u.Quality)
	case Defender:
		sim.def[s].add(people, u.Quality)
	case Guarantor:
		if in.Intervention || u.TriggerKm <= sim.x[s] {
			sim.gua[s].add(people, u.Quality)
		} else {
			sim.waitG[s].add(people, u.Quality)
			sim.trig[s] = math.Min(sim.trig[s], u.TriggerKm)
		}
	}
}

// arrivals adds units arriving in [t, t+h) and stream inflows.
func (sim *Sim) arrivals(in *Input, t, h float64) {
	for i := range in.Units {
		u := &in.Units[i]
		if sim.arrived[i] || u.ArrivalDay >= t+h {
			continue
		}
		sim.arrived[i] = true
		people := u.Strength * u.Readiness
		if s := u.Sector; s >= 0 {
			sim.place(in, u, s, people)
			continue
		}
		sim.reserveShares(in)
		for s, sh := range sim.share {
			if sh > 0 {
				sim.place(in, u, s, people*sh)
			}
		}
	}
	// Streams are replacements: they flow to the side's sectors in
	// proportion to the people already there, keeping the lay-down.
	for i := range in.Streams {
		st := &in.Streams[i]
		if t+h <= st.From || t >= st.To {
			continue
		}
		people := st.PerDay * h
		pools := sim.def
		if st.Side == Attacker {
			pools = sim.att
		}
		total := 0.0
		for s := range pools {
			if sim.x[s] < in.Sectors[s].DepthKm {
				total += pools[s].people
			}
		}
		if total <= 0 {
			sim.reserveShares(in)
			for s, sh := range sim.share {
				if sh > 0 {
					pools[s].add(people*sh, st.Quality)
				}
			}
			continue
		}
		for s := range pools {
			if sim.x[s] < in.Sectors[s].DepthKm {
				pools[s].add(people*pools[s].people/total, st.Quality)
			}
		}
	}
}

// step advances every sector by h days and returns the ground taken.
func (sim *Sim) step(in *Input, t, h float64) float64 {
	p := &in.Params
	r := &sim.res
	taken := 0.0
	airKills := 0.0
	shield := 0.0
	if in.Intervention {
		for _, pl := range in.Policing {
			shield = 1 - (1-shield)*(1-pl.Shield)
			r.AircraftLost += pl.SortiesPerDay * pl.LossPerSortie * h
		}
		for _, a := range in.Air {
			if t >= a.FromDay {
				airKills += a.SortiesPerDay * a.KillsPerSortie * h
				r.AircraftLost += a.SortiesPerDay * a.LossPerSortie * h
			}
		}
	}
	for s := range in.Sectors {
		sec := &in.Sectors[s]
		// A tripwire is crossed: the waiting guarantor force fights.
		if sim.waitG[s].people > 0 && sim.x[s] >= sim.trig[s] {
			sim.gua[s].add(sim.waitG[s].people, sim.waitG[s].quality())
			sim.waitG[s] = pool{}
		}
		ae, de := sim.ratio(in, s)
		if ae <= 0 {
			continue
		}
		if sim.x[s] >= sec.DepthKm && sim.def[s].people+sim.gua[s].people <= 0 {
			continue // sector overrun to its depth: nothing left to fight
		}
		// Attrition, generalised Lanchester law on engaged combat power.
		aLoss := p.AttackerLossRate * pow(de, p.Law.Q) * pow(sim.att[s].people, p.Law.P) * h
		dLoss := p.DefenderLossRate * pow(ae, p.Law.Q) * pow(sim.def[s].people+sim.gua[s].people, p.Law.P) * h * (1 - shield)
		// Air support: kills spread over sectors in proportion to frontage.
		aLoss += airKills * sec.FrontageKm / sim.frontage
		r.AttackerLosses += sim.att[s].lose(aLoss)
		// Defender losses fall on national and guarantor forces in
		// proportion to their numbers.
		dp := sim.def[s].people + sim.gua[s].people
		if dp > 0 {
			share := sim.gua[s].people / dp
			gl := sim.gua[s].lose(dLoss * share)
			r.GuarantorLosses += gl
			r.DefenderLosses += gl + sim.def[s].lose(dLoss*(1-share))
		}
		// Movement of the line, up to the sector's depth (its far edge).
		v := p.advanceRate(ae, de, sec)
		dx := math.Min(v*h, sec.DepthKm-sim.x[s])
		sim.x[s] += dx
		taken += dx * sec.FrontageKm
		for k, o := range sec.ObjectivesKm {
			if sim.x[s] >= o && math.IsInf(r.ObjectiveDay[s][k], 1) {
				// Linear interpolation within the step.
				frac := 1.0
				if dx > 0 {
					frac = (o - (sim.x[s] - dx)) / dx
				}
				r.ObjectiveDay[s][k] = t + frac*h
			}
		}
	}
	return taken
}
