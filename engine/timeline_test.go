package engine

import (
	"math"
	"testing"

	"pgregory.net/rapid"

	"deter/scenario"
)

// timelineOf runs the timeline of package id in s.
func timelineOf(t fataler, s *scenario.Scenario, id string) *Timeline {
	t.Helper()
	p, err := s.PackageByID(id)
	if err != nil {
		t.Fatal(err)
	}
	tl, err := packageTimeline(s, p)
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

// withTimeline returns a copy of s whose models.timeline is changed by f.
func withTimeline(s *scenario.Scenario, f func(*scenario.TimelineModel)) *scenario.Scenario {
	c := *s
	tm := s.TimelineModel()
	f(&tm)
	c.Models.Timeline = &tm
	return &c
}

// TestTimelineWithdrawal: a guarantor whose promise lapses in year 2 (an
// election; the seed facts' "the US may walk away") raises the hazard from
// month 24 on and never before it, beyond anticipation: in the look-ahead
// before the lapse an attacker may wait for it (Powell 2006), which only
// lowers the hazard then. A small European force (smallForce), with each
// of its contributors in turn; a withdrawal (forces leave, promise stays)
// must not lower the hazard either.
func TestTimelineWithdrawal(t *testing.T) {
	s := smallForce(loadShipped(t, "ukraine-2025.yaml"), 0)
	base := timelineOf(t, s, "european-force")
	look := int(math.Round(12 * s.TimelineModel().LookaheadYears.Nominal()))
	for _, g := range []string{"uk", "france", "nordic-baltic"} {
		for _, kind := range []string{"withdraw", "lapse"} {
			sw := withTimeline(s, func(tm *scenario.TimelineModel) {
				tm.Events = []scenario.TimelineEvent{{Year: scenario.Num(2), Actor: g, Kind: kind}}
			})
			with := timelineOf(t, sw, "european-force")
			rose := false
			for m := range base.Hazard {
				switch {
				case m >= 24 && with.Hazard[m] < base.Hazard[m]*(1-1e-9):
					t.Fatalf("%s %s in year 2: hazard in month %d %g, below %g without it", g, kind, m+1, with.Hazard[m], base.Hazard[m])
				case m < 23-look && math.Abs(with.Hazard[m]-base.Hazard[m]) > 1e-12*base.Hazard[m]:
					t.Fatalf("%s %s in year 2: hazard in month %d %g, %g without it: changed before it could be anticipated", g, kind, m+1, with.Hazard[m], base.Hazard[m])
				case m < 24 && with.Hazard[m] > base.Hazard[m]*(1+1e-9):
					t.Fatalf("%s %s in year 2: hazard in month %d %g, above %g without it, before it happens", g, kind, m+1, with.Hazard[m], base.Hazard[m])
				}
				rose = rose || m >= 24 && with.Hazard[m] > base.Hazard[m]*1.001
			}
			if !rose {
				t.Errorf("%s %s in year 2 changes nothing after it", g, kind)
			}
		}
	}
}

// TestTimelineReconstitution: the attacker rebuilding faster
// (attacker_growth_per_year) never lowers its yearly P(attack) at any date
// of the cease-fire (it may leave new forces at home, so more never hurts
// it), nor P(attack by the horizon) of an attacker that does not wait
// (seed facts: Russia "playing for time" and rebuilding). For the attacker
// that chooses when, faster rebuilding can lower the early hazard and even
// the total: it waits for its strength, and meanwhile the defender's
// package builds up and the window closes (docs/timeline.md).
func TestTimelineReconstitution(t *testing.T) {
	s := loadShipped(t, "ukraine-2025.yaml")
	rapid.Check(t, func(rt *rapid.T) {
		lo := rapid.Float64Range(0, 0.5).Draw(rt, "slow")
		hi := rapid.Float64Range(lo, 1).Draw(rt, "fast")
		at := func(rate float64) *Timeline {
			return timelineOf(rt, withTimeline(s, func(tm *scenario.TimelineModel) { tm.AttackerGrowth = scenario.Num(rate) }), "capacity-building")
		}
		a, b := at(lo), at(hi)
		last := len(a.ByYear) - 1
		if b.MyopicByYear[last] < a.MyopicByYear[last]*(1-1e-9) {
			rt.Fatalf("growth %g → %g lowers P(attack by the horizon) of the attacker that never waits: %g → %g",
				lo, hi, a.MyopicByYear[last], b.MyopicByYear[last])
		}
		for i := range a.Knots {
			if b.Knots[i].PAttack1 < a.Knots[i].PAttack1*(1-1e-9) {
				rt.Fatalf("growth %g → %g lowers the yearly P(attack) at month %g: %g → %g", lo, hi, a.Knots[i].Month, a.Knots[i].PAttack1, b.Knots[i].PAttack1)
			}
		}
	})
}

// TestTimelineLateForce: a deterrent force that arrives later leaves the
// early months without it, so the hazard before it arrives is higher and
// never lower (the seed facts: a European force takes months to deploy;
// the window of vulnerability). The European force made small enough (a
// tenth, without US air support) that P(attack) is not saturated.
func TestTimelineLateForce(t *testing.T) {
	s := loadShipped(t, "ukraine-2025.yaml")
	early, late := timelineOf(t, smallForce(s, 0), "european-force"), timelineOf(t, smallForce(s, 400), "european-force")
	if !(late.Knots[0].PAttack1 > early.Knots[0].PAttack1*1.01) {
		t.Fatalf("P(attack) at the cease-fire: %g with the force there, %g with it a year away: the test needs the force to matter", early.Knots[0].PAttack1, late.Knots[0].PAttack1)
	}
	for m := range 12 {
		if late.Hazard[m] < early.Hazard[m]*(1-1e-9) {
			t.Errorf("month %d: hazard %g with the force arriving on day 400, below %g with it there from the start", m+1, late.Hazard[m], early.Hazard[m])
		}
	}
	if !(late.ByYear[0] > early.ByYear[0]) {
		t.Errorf("P(attack within a year): %g with the force late, %g with it there", late.ByYear[0], early.ByYear[0])
	}
}

// smallForce is the Ukraine scenario with the European force cut to a
// tenth, without US air support, arriving on the given day: a package
// whose P(attack) is neither 0 nor 1, so that changes to it show.
func smallForce(s *scenario.Scenario, arrival float64) *scenario.Scenario {
	c := *s
	c.Packages = append([]scenario.Package(nil), s.Packages...)
	for i := range c.Packages {
		if c.Packages[i].ID != "european-force" {
			continue
		}
		q := &c.Packages[i]
		f := *q.Mechanisms.DeterrentForce
		f.Contingents = append([]scenario.Contingent(nil), f.Contingents...)
		for j := range f.Contingents {
			f.Contingents[j].Troops = scenario.Num(f.Contingents[j].Troops.Nominal() / 10)
		}
		f.ArrivalDay = scenario.Num(arrival)
		q.Mechanisms.DeterrentForce = &f
		q.Mechanisms.AirSupport = nil
	}
	return &c
}
