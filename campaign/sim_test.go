package campaign

import (
	"math"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// twoSector is a small campaign used by the property tests.
func twoSector() *Input {
	return &Input{
		Sectors: []Sector{
			{FrontageKm: 100, DepthKm: 150, Fortification: 1, Terrain: Mixed, ObjectivesKm: []float64{50, 150}},
			{FrontageKm: 80, DepthKm: 100, Fortification: 0, Terrain: Open, ObjectivesKm: []float64{100}},
		},
		Units: []Unit{
			{Side: Attacker, Sector: 0, Strength: 60000, Quality: 1, Readiness: 1},
			{Side: Attacker, Sector: 1, Strength: 40000, Quality: 1, Readiness: 1},
			{Side: Attacker, Sector: -1, Strength: 20000, Quality: 0.8, Readiness: 0.9, ArrivalDay: 5},
			{Side: Defender, Sector: 0, Strength: 25000, Quality: 1, Readiness: 1},
			{Side: Defender, Sector: 1, Strength: 15000, Quality: 1, Readiness: 1},
		},
		Streams:            []Stream{{Side: Defender, PerDay: 300, Quality: 0.8, From: 0, To: 60}},
		HorizonDays:        60,
		DefenderMultiplier: 1,
		Params:             DefaultParams(),
	}
}

func TestRunBasics(t *testing.T) {
	r, err := Run(twoSector())
	if err != nil {
		t.Fatal(err)
	}
	if len(r.GroundKm2) != 61 || r.GroundKm2[0] != 0 {
		t.Fatalf("ground series: len %d, first %v", len(r.GroundKm2), r.GroundKm2[0])
	}
	for d := 1; d < len(r.GroundKm2); d++ {
		if r.GroundKm2[d] < r.GroundKm2[d-1] {
			t.Fatalf("ground taken decreased on day %d", d)
		}
	}
	// The attacker can never hold more than the sectors' area.
	if max := 100.0*150 + 80*100; r.GroundKm2[60] > max+1e-6 {
		t.Errorf("ground %v exceeds the theatre's %v km2", r.GroundKm2[60], max)
	}
	if r.AttackerLosses <= 0 || r.DefenderLosses <= 0 {
		t.Errorf("no losses: %+v", r)
	}
	for _, v := range []float64{r.AttackerLosses, r.DefenderLosses, r.GroundKm2[60]} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("non-finite result %+v", r)
		}
	}
}

// TestDeterministic: the same input gives bit-identical results, from a
// fresh Sim and from a reused one.
func TestDeterministic(t *testing.T) {
	a, _ := Run(twoSector())
	var sim Sim
	sim.Run(twoSector())
	b, _ := sim.Run(twoSector())
	for d := range a.GroundKm2 {
		if a.GroundKm2[d] != b.GroundKm2[d] {
			t.Fatalf("day %d: %v vs %v", d, a.GroundKm2[d], b.GroundKm2[d])
		}
	}
	if a.AttackerLosses != b.AttackerLosses || a.FirstObjectiveDay != b.FirstObjectiveDay {
		t.Fatal("results differ between runs")
	}
}

// TestMoreDefendersNeverLoseMoreGround: adding defenders to a sector, and
// fortifying it, never lets the attacker advance further there, for random
// campaigns without theatre reserves. (With reserves it can: the attacker's
// reserve goes wherever the ratio is best, as reserves do.)
func TestMoreDefendersNeverLoseMoreGround(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := twoSector()
		in.Units = append(in.Units[:2:2], in.Units[3:]...) // drop the theatre reserve
		in.HorizonDays = 30
		in.Params.StepDays = 0.25
		in.Units[0].Strength = rapid.Float64Range(1000, 200000).Draw(t, "att0")
		in.Units[1].Strength = rapid.Float64Range(1000, 200000).Draw(t, "att1")
		in.Units[2].Strength = rapid.Float64Range(1000, 100000).Draw(t, "def0")
		in.Units[3].Strength = rapid.Float64Range(1000, 100000).Draw(t, "def1")
		in.Sectors[0].Fortification = rapid.Float64Range(0, 2.5).Draw(t, "fort")
		base, err := Run(in)
		if err != nil {
			t.Fatal(err)
		}
		more := *in
		more.Units = append([]Unit(nil), in.Units...)
		more.Units[2].Strength *= 1 + rapid.Float64Range(0.01, 2).Draw(t, "extra")
		more.Sectors = append([]Sector(nil), in.Sectors...)
		more.Sectors[0].Fortification += 0.5
		r, err := Run(&more)
		if err != nil {
			t.Fatal(err)
		}
		if r.AdvanceKm[0] > base.AdvanceKm[0]*(1+1e-9)+1e-9 {
			t.Fatalf("stronger defence gave up more ground: %v > %v km", r.AdvanceKm[0], base.AdvanceKm[0])
		}
	})
}

// TestTripwire: a guarantor force at 10 km behind the line stays out until
// the attacker reaches it, then fights; with intervention it fights from the
// start and the attacker loses more and gains less.
func TestTripwire(t *testing.T) {
	in := twoSector()
	in.Units = append(in.Units, Unit{Side: Guarantor, Sector: 0, Strength: 15000, Quality: 1.2, Readiness: 1, TriggerKm: 10})
	out, _ := Run(in)
	if out.GuarantorLosses <= 0 {
		t.Fatalf("tripwire never engaged although the advance reached %v km", out.AdvanceKm[0])
	}
	g := len(in.Units) - 1
	if !out.Reached[g] || len(out.Reached) != len(in.Units) {
		t.Errorf("the campaign does not report the tripwire it engaged (Reached %v)", out.Reached)
	}
	for i := range g {
		if out.Reached[i] {
			t.Errorf("unit %d (not a guarantor) reported as a reached tripwire", i)
		}
	}
	// Beyond the final advance: not reached.
	in.Units[g].TriggerKm = out.AdvanceKm[0] + 1
	far, _ := Run(in)
	if far.Reached[g] {
		t.Errorf("a force %v km back reported reached by an advance of %v km", in.Units[g].TriggerKm, far.AdvanceKm[0])
	}
	in.Units[g].TriggerKm = math.Inf(1)
	never, _ := Run(in)
	if never.GuarantorLosses != 0 || never.Reached[g] {
		t.Fatalf("guarantor force without trigger or intervention took losses or was reported reached")
	}
	in.Intervention = true
	iv, _ := Run(in)
	if !(iv.GroundKm2[60] < never.GroundKm2[60]) {
		t.Errorf("intervention did not reduce ground lost: %v vs %v", iv.GroundKm2[60], never.GroundKm2[60])
	}
	if !(out.GroundKm2[60] < never.GroundKm2[60]) {
		t.Errorf("tripwire did not reduce ground lost: %v vs %v", out.GroundKm2[60], never.GroundKm2[60])
	}
}

// TestAirSupport: air support only acts with intervention, adds attacker
// losses and costs aircraft.
func TestAirSupport(t *testing.T) {
	in := twoSector()
	in.Air = []Air{{SortiesPerDay: 200, KillsPerSortie: 2, LossPerSortie: 0.001, FromDay: 2}}
	a, _ := Run(in)
	if a.AircraftLost != 0 {
		t.Fatal("air support flew without intervention")
	}
	in.Intervention = true
	b, _ := Run(in)
	if !(b.AttackerLosses > a.AttackerLosses) || !(b.AircraftLost > 0) {
		t.Errorf("air support had no effect: %v vs %v, aircraft lost %v", b.AttackerLosses, a.AttackerLosses, b.AircraftLost)
	}
	// 200 sorties × 0.001 over days 2..60 = 11.6 aircraft.
	if math.Abs(b.AircraftLost-11.6) > 1e-6 {
		t.Errorf("aircraft lost %v, want 11.6", b.AircraftLost)
	}
}

// TestCulmination: an attacker that cannot replace losses halts when its
// strength falls to half its peak, and takes no ground afterwards.
func TestCulmination(t *testing.T) {
	in := twoSector()
	in.Units[3].Strength, in.Units[4].Strength = 90000, 90000
	in.Sectors[0].Fortification, in.Sectors[1].Fortification = 3, 3
	in.HorizonDays = 200
	in.Streams = nil
	r, _ := Run(in)
	if math.IsInf(r.CulminationDay, 1) {
		t.Fatalf("no culmination; attacker losses %v", r.AttackerLosses)
	}
	day := int(math.Ceil(r.CulminationDay))
	if r.GroundKm2[200] != r.GroundKm2[day] {
		t.Errorf("ground still taken after culmination on day %v", r.CulminationDay)
	}
}

// TestBadInputs: impossible inputs are errors naming the problem, never NaN.
func TestBadInputs(t *testing.T) {
	mods := map[string]func(*Input){
		"no sectors":        func(in *Input) { in.Sectors = nil },
		"zero strength":     func(in *Input) { in.Units[0].Strength = 0 },
		"negative strength": func(in *Input) { in.Units[3].Strength = -5 },
		"NaN quality":       func(in *Input) { in.Units[1].Quality = math.NaN() },
		"arrival":           func(in *Input) { in.Units[2].ArrivalDay = 1000 },
		"bad sector":        func(in *Input) { in.Units[1].Sector = 7 },
		"no defender":       func(in *Input) { in.Units = in.Units[:3] },
		"frontage":          func(in *Input) { in.Sectors[1].FrontageKm = 0 },
		"horizon":           func(in *Input) { in.HorizonDays = 0 },
		"stream":            func(in *Input) { in.Streams[0].PerDay = math.Inf(1) },
		"params":            func(in *Input) { in.Params.StepDays = 0 },
		"multiplier":        func(in *Input) { in.DefenderMultiplier = 0 },
		"fortification":     func(in *Input) { in.Sectors[0].Fortification = 4 },
	}
	for name, mod := range mods {
		in := twoSector()
		mod(in)
		if _, err := Run(in); err == nil || !strings.Contains(err.Error(), "campaign:") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

// TestNoAllocations: after the first run, Sim.Run allocates nothing.
func TestNoAllocations(t *testing.T) {
	in := twoSector()
	var sim Sim
	sim.Run(in)
	if n := testing.AllocsPerRun(20, func() { sim.Run(in) }); n != 0 {
		t.Errorf("Sim.Run allocates %v times per run after set-up", n)
	}
}

func TestAdvanceRate(t *testing.T) {
	p := DefaultParams()
	s := &Sector{Terrain: Open}
	// Hand-worked: R = 3 (the half ratio) gives half of 160 km/day.
	if v := p.advanceRate(3, 1, s); math.Abs(v-80) > 1e-12 {
		t.Errorf("v(R=3) = %v, want 80", v)
	}
	// R = 1: 1/(1+9) of 160 = 16 km/day.
	if v := p.advanceRate(1, 1, s); math.Abs(v-16) > 1e-12 {
		t.Errorf("v(R=1) = %v, want 16", v)
	}
	// Drones: δ = 1, ρ = 3 quarter the maximum: 160/4 × 1/2 = 20.
	p.DroneDamping, s.DroneDensity = 1, 3
	if v := p.advanceRate(3, 1, s); math.Abs(v-20) > 1e-12 {
		t.Errorf("v with drones = %v, want 20", v)
	}
	// Posture interpolation: level 1.5 is halfway between 1.3 and 1.5.
	if m := p.posture(1.5); math.Abs(m-1.4) > 1e-12 {
		t.Errorf("posture(1.5) = %v, want 1.4", m)
	}
}

func TestCalibrateDroneDamping(t *testing.T) {
	in := twoSector()
	in.Sectors[0].DroneDensity, in.Sectors[1].DroneDensity = 10, 10
	target := 500.0
	d, err := CalibrateDroneDamping(in, 30, target)
	if err != nil {
		t.Fatal(err)
	}
	in.Params.DroneDamping = d
	r, _ := Run(in)
	if math.Abs(r.GroundKm2[30]-target) > 0.01*target {
		t.Errorf("calibrated run took %v km2, want %v", r.GroundKm2[30], target)
	}
	if _, err := CalibrateDroneDamping(in, 30, 1e9); err == nil {
		t.Error("unreachable target accepted")
	}
}

// TestAirPolicing: policing only acts with intervention; it cuts defender
// losses and loses aircraft at 16 sorties × 0.001 = 0.016 a day for as long
// as the campaign runs (until the attack culminates, or 60 days).
func TestAirPolicing(t *testing.T) {
	in := twoSector()
	in.Units[3].Strength, in.Units[4].Strength = 80000, 60000 // defenders survive the 60 days
	in.Policing = []Policing{{SortiesPerDay: 16, Shield: 0.2, LossPerSortie: 0.001}}
	a, _ := Run(in)
	in.Intervention = true
	b, _ := Run(in)
	want := 0.016 * math.Min(60, math.Round(b.CulminationDay*24)/24)
	if a.AircraftLost != 0 || math.Abs(b.AircraftLost-want) > 1e-9 {
		t.Errorf("aircraft lost %v without and %v with intervention, want 0 and %v", a.AircraftLost, b.AircraftLost, want)
	}
	if !(b.DefenderLosses < a.DefenderLosses) {
		t.Errorf("policing did not reduce defender losses: %v vs %v", b.DefenderLosses, a.DefenderLosses)
	}
	in.Policing[0].Shield = 1.5
	if _, err := Run(in); err == nil {
		t.Error("shield above 0.9 accepted")
	}
}
