package engine

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"deter/deterrence"
	"deter/scenario"
	"deter/timeline"
)

// Timeline is the cease-fire month by month for one package (the timeline
// model): P(attack by year 1..horizon), the month of highest risk and why.
type Timeline struct {
	// ByYear[y-1] is P(attack by the end of year y); MyopicByYear the
	// same for an attacker that never waits for a better moment.
	ByYear       []float64 `json:"p_attack_by_year"`
	MyopicByYear []float64 `json:"p_attack_by_year_myopic"`
	// Hazard is the monthly hazard (probability of an attack in the month
	// given none before).
	Hazard []float64 `json:"hazard_by_month"`
	// Knots are the dates at which the deterrence game was solved with
	// the state of that month, and its yearly P(attack) then.
	Knots []TimelineKnot `json:"knots"`
	// PeakMonth is the month of highest hazard; Why says why in words.
	PeakMonth int    `json:"peak_month"`
	Why       string `json:"why"`
	// guarantors: the package has guarantors whose promises age.
	guarantors bool
}

// TimelineKnot is the state of the cease-fire at one date and the game's
// answer with it.
type TimelineKnot struct {
	Month          float64 `json:"month"`
	PAttack1       float64 `json:"p_attack_1y"`
	AttackerGrowth float64 `json:"attacker_growth"`           // share above its cease-fire strength
	Committed      float64 `json:"attacker_growth_committed"` // the share of it the attacker would attack with
	ResolveFactor  float64 `json:"resolve_factor"`            // guarantors' cost of breaking a promise, share of its first value
	Events         string  `json:"events,omitempty"`
}

// timelineMonths are the months at which the state is built and the game
// solved; the timeline interpolates between them.
var timelineMonths = []float64{0, 3, 6, 12, 24, 36, 60, 84, 120, 180, 240, 360, 480, 600}

// growthLadder are the steps of rebuilt force (share above the cease-fire
// strength) the attacker may commit: its whole rebuilt force rounded down
// to a step, or less.
var growthLadder = []float64{0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.6, 0.8, 1, 1.5, 2, 3, 5}

// attackerGrowth is the attacker's reconstitution after t years: it gains
// rate a year at first and approaches cap,
//
//	g(t) = cap·(1 − exp(−rate·t/cap))
//
// (a saturating build-up; g′(0) = rate, g(∞) = cap).
func attackerGrowth(rate, capShare, years float64) float64 {
	if capShare <= 0 || rate <= 0 {
		return 0
	}
	return capShare * (1 - math.Exp(-rate*years/capShare))
}

// packageTimeline builds the state of the cease-fire at each knot for a
// package: an attack that much later (more of the package in place: the
// campaign model's attack day), the attacker's forces grown, the
// guarantors' costs of breaking their promises aged, and the scenario's
// events that have happened (a withdrawal takes the actor's forces out of
// the package; a lapse also excuses it from its promise); it solves the
// deterrence game at each and lets the timeline model choose the month.
func packageTimeline(s *scenario.Scenario, p *scenario.Package) (*Timeline, error) {
	tm := s.TimelineModel()
	years := math.Round(tm.HorizonYears.Nominal())
	months := int(12 * years)
	type event struct {
		month       float64
		actor, kind string
	}
	var events []event
	for _, e := range tm.Events {
		events = append(events, event{math.Round(12 * e.Year.Nominal()), e.Actor, e.Kind})
	}
	tl := &Timeline{}
	// solveAt builds the state at month m with the events dated at or
	// before `before` and solves the game: u, and the knot's description.
	solveAt := func(m, before float64) (float64, TimelineKnot, error) {
		y := m / 12
		growth := attackerGrowth(tm.AttackerGrowth.Nominal(), tm.AttackerGrowthCap.Nominal(), y)
		resolve := math.Exp2(-y / tm.ResolveHalfLife.Nominal())
		pk := p
		if f := p.Mechanisms.DeterrentForce; f != nil && f.ArrivalDay.Nominal() > m*30.4375 {
			// Before the force is in place there is no force to attack
			// or to fight: the package is as if without it.
			q := *p
			q.Mechanisms.DeterrentForce = nil
			pk = &q
		}
		var done []string
		lapsed := map[string]bool{}
		for _, e := range events {
			if e.month <= before {
				pk = withoutActor(pk, e.actor)
				done = append(done, e.actor+" "+e.kind)
				if e.kind == "lapse" {
					lapsed[e.actor] = true
				}
			}
		}
		knot := TimelineKnot{Month: m, AttackerGrowth: growth, ResolveFactor: resolve, Events: strings.Join(done, ", ")}
		// The attacker may leave new forces at home (more troops also mean
		// more losses to pay for): it commits the step of the ladder, up to
		// what it has rebuilt, that is worth most to it. Steps shared by
		// every date and rate keep "more rebuilt never worth less" exact.
		best := math.Inf(-1)
		for _, g := range growthLadder {
			if g > growth {
				break
			}
			spec := CampaignSpec{DelayDays: int(math.Round(m * 30.4375)), AttackerGrowth: g}
			full, _, _, err := runCampaigns(s, pk, spec)
			if err != nil {
				return 0, knot, err
			}
			lim, err := limitedCampaignsAt(s, pk, spec)
			if err != nil {
				return 0, knot, err
			}
			di := DeterrenceInput(s, pk, PackageCampaigns{Full: full, Limited: lim})
			tl.guarantors = tl.guarantors || len(di.Guarantors) > 0
			for i := range di.Params.Audience {
				di.Params.Audience[i] *= resolve
			}
			di.Params.Reputation *= resolve
			for i := range di.Guarantors {
				if lapsed[di.Guarantors[i].ID] {
					di.Guarantors[i].Excused = 1
				}
			}
			r, err := deterrence.SolveClosedForm(di)
			if err != nil {
				return 0, knot, fmt.Errorf("package %s, month %g of the cease-fire: %w", p.ID, m, err)
			}
			if u := r.Utility / di.Params.SigmaA; u > best {
				best, knot.PAttack1, knot.Committed = u, r.PAttack1, g
			}
		}
		return best, knot, nil
	}
	// Knots: the fixed ones within the horizon and every event's month
	// (the state after it). The month before an event takes the value on
	// the line the timeline would follow without it (from the knot before
	// to the next fixed knot, both without the event), so an event changes
	// nothing before it but through anticipation.
	var ms []float64
	for _, m := range timelineMonths {
		if m < float64(months) {
			ms = append(ms, m)
		}
	}
	ms = append(ms, float64(months))
	fixed := slices.Clone(ms)
	for _, e := range events {
		if e.month > 0 && e.month <= float64(months) {
			ms = append(ms, e.month)
		}
	}
	slices.Sort(ms)
	ms = slices.Compact(ms)
	us := make([]float64, len(ms))
	infos := make([]TimelineKnot, len(ms))
	for i, m := range ms {
		var err error
		if us[i], infos[i], err = solveAt(m, m); err != nil {
			return nil, err
		}
	}
	var knots []timeline.Knot
	for i, m := range ms {
		isEvent := slices.ContainsFunc(events, func(e event) bool { return e.month == m })
		if isEvent && i > 0 && ms[i-1] < m-1 {
			a := ms[i-1]
			bi, _ := slices.BinarySearch(fixed, m)
			if bi == len(fixed) {
				bi--
			}
			b := fixed[bi]
			ub, _, err := solveAt(b, m-0.5)
			if err != nil {
				return nil, err
			}
			w := (m - 1 - a) / (b - a)
			knots = append(knots, timeline.Knot{Month: m - 1, U: (1-w)*us[i-1] + w*ub})
		}
		knots = append(knots, timeline.Knot{Month: m, U: us[i]})
		tl.Knots = append(tl.Knots, infos[i])
	}
	in := &timeline.Input{Knots: knots, Months: months, Discount: s.BargainModel().DiscountFactor.Nominal(),
		Lookahead: int(math.Round(12 * tm.LookaheadYears.Nominal()))}
	r, err := timeline.Solve(in)
	if err != nil {
		return nil, fmt.Errorf("package %s: %w", p.ID, err)
	}
	tl.ByYear, tl.MyopicByYear, tl.Hazard, tl.PeakMonth = r.ByYear, r.MyopicByYear, r.Hazard, r.Peak
	tl.Why = timelineWhy(tl, r, p.Mechanisms.DeterrentForce)
	return tl, nil
}

// timelineWhy says in words why the risk peaks when it does.
func timelineWhy(tl *Timeline, r *timeline.Result, force *scenario.DeterrentForce) string {
	peak := tl.PeakMonth
	waits := 0
	for _, w := range r.Waiting {
		if w {
			waits++
		}
	}
	var k0, kp TimelineKnot
	for _, k := range tl.Knots {
		if k.Month <= float64(peak) {
			kp = k
		}
	}
	k0 = tl.Knots[0]
	var why string
	switch {
	case peak == 0 && tl.Hazard[0] > 0 && tl.Hazard[len(tl.Hazard)-1] < 0.5*tl.Hazard[0] && force != nil && force.ArrivalDay.Nominal() > 0:
		why = fmt.Sprintf("the risk is highest before the deterrent force is in place (day %.0f) and falls as the package takes effect: a window of vulnerability", force.ArrivalDay.Nominal())
	case peak == 0 && tl.Hazard[0] > 0 && tl.Hazard[len(tl.Hazard)-1] < 0.5*tl.Hazard[0]:
		why = "the risk is highest at once and falls as the package takes effect (a window of vulnerability while it builds up)"
	case peak == 0:
		why = "the risk is flat or highest at once"
	case kp.Events != "" && kp.Events != k0.Events:
		why = fmt.Sprintf("the risk rises after %s", kp.Events)
	default:
		why = fmt.Sprintf("the risk rises as the attacker rebuilds (+%.0f%% by then)", 100*kp.AttackerGrowth)
		if tl.guarantors {
			why += fmt.Sprintf(" and the promises age (%.0f%% of their first weight)", 100*kp.ResolveFactor)
		}
	}
	if waits > 0 {
		why += fmt.Sprintf("; in %d month(s) the attacker waits for a better moment (playing for time)", waits)
	}
	return why
}

// withoutActor returns a copy of p without the actor's forces: its
// deterrent force contingents, and its share of the air support and air
// policing aircraft (the aircraft split evenly among their guarantors). p
// is not changed.
func withoutActor(p *scenario.Package, actor string) *scenario.Package {
	q := *p
	m := q.Mechanisms
	if f := m.DeterrentForce; f != nil {
		g := *f
		g.Contingents = nil
		for _, c := range f.Contingents {
			if c.Actor != actor {
				g.Contingents = append(g.Contingents, c)
			}
		}
		m.DeterrentForce = &g
		if len(g.Contingents) == 0 {
			m.DeterrentForce = nil
		}
	}
	if a := m.AirSupport; a != nil && slices.Contains(a.Guarantors, actor) {
		b := *a
		b.Guarantors = slices.DeleteFunc(slices.Clone(a.Guarantors), func(g string) bool { return g == actor })
		b.Aircraft = a.Aircraft.Point(a.Aircraft.Nominal() * float64(len(b.Guarantors)) / float64(len(a.Guarantors)))
		m.AirSupport = &b
		if len(b.Guarantors) == 0 {
			m.AirSupport = nil
		}
	}
	if a := m.AirPolicing; a != nil && slices.Contains(a.Guarantors, actor) {
		b := *a
		b.Guarantors = slices.DeleteFunc(slices.Clone(a.Guarantors), func(g string) bool { return g == actor })
		b.Aircraft = a.Aircraft.Point(a.Aircraft.Nominal() * float64(len(b.Guarantors)) / float64(len(a.Guarantors)))
		m.AirPolicing = &b
		if len(b.Guarantors) == 0 {
			m.AirPolicing = nil
		}
	}
	q.Mechanisms = m
	return &q
}
