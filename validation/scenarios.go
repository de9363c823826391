package validation

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"

	"deter/campaign"
	"deter/engine"
	"deter/internal/refdata"
	"deter/scenario"
)

// shippedPackage loads a shipped scenario and finds one of its packages.
func shippedPackage(file, pkg string) (*scenario.Scenario, *scenario.Package, error) {
	path, err := refdata.Scenario(file)
	if err != nil {
		return nil, nil, err
	}
	s, err := scenario.Load(path)
	if err != nil {
		return nil, nil, err
	}
	p, err := s.PackageByID(pkg)
	return s, p, err
}

// firstObjectiveHours runs a package and returns the hours to its first
// objective (+Inf if none is reached).
func firstObjectiveHours(file, pkg string, intervention bool) (float64, error) {
	s, p, err := shippedPackage(file, pkg)
	if err != nil {
		return 0, err
	}
	in, _, err := engine.CampaignInput(s, p, engine.CampaignSpec{Intervention: intervention})
	if err != nil {
		return 0, err
	}
	r, err := campaign.Run(in)
	if err != nil {
		return 0, err
	}
	return r.FirstObjectiveDay * 24, nil
}

// monthlyGains reads deepstate_monthly_gain.csv: month start (YYYY-MM) and
// the net gain to the next month, km².
func monthlyGains(env Env) (months []string, gains []float64, err error) {
	p, err := env.DataFile("deepstate-derived/deepstate_monthly_gain.csv")
	if err != nil {
		return nil, nil, err
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", p, err)
	}
	for _, r := range recs[1:] {
		if len(r) < 4 {
			return nil, nil, fmt.Errorf("%s: short row %v", p, r)
		}
		g, err := strconv.ParseFloat(r[3], 64)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", p, err)
		}
		months = append(months, r[0][:7])
		gains = append(gains, g)
	}
	return months, gains, nil
}

// ukraineCalibration is the Ukraine campaign with no guarantees, drone
// damping calibrated on August-December 2024 (out of the 2025 test period).
type ukraineCalibration struct {
	delta, scenarioDelta float64
	in                   *campaign.Input
	result               *campaign.Result
	obs2025              []float64 // observed monthly gains Jan-Dec 2025
	calibKm2PerDay       float64
}

func calibrateUkraine(env Env, horizon int) (*ukraineCalibration, error) {
	months, gains, err := monthlyGains(env)
	if err != nil {
		return nil, err
	}
	uc := &ukraineCalibration{}
	var calib float64
	var calibMonths int
	for i, m := range months {
		switch {
		case m >= "2024-08" && m <= "2024-12":
			calib += gains[i]
			calibMonths++
		case strings.HasPrefix(m, "2025-"):
			uc.obs2025 = append(uc.obs2025, gains[i])
		}
	}
	if calibMonths != 5 || len(uc.obs2025) != 12 {
		return nil, fmt.Errorf("monthly series: want 5 calibration months and 12 months of 2025, got %d and %d", calibMonths, len(uc.obs2025))
	}
	uc.calibKm2PerDay = calib / 153 // 1 Aug to 31 Dec 2024
	s, p, err := shippedPackage("ukraine-2025.yaml", "no-guarantees")
	if err != nil {
		return nil, err
	}
	in, _, err := engine.CampaignInput(s, p, engine.CampaignSpec{HorizonDays: horizon})
	if err != nil {
		return nil, err
	}
	uc.scenarioDelta = in.Params.DroneDamping
	uc.delta, err = campaign.CalibrateDroneDamping(in, 153, uc.calibKm2PerDay*153)
	if err != nil {
		return nil, err
	}
	in.Params.DroneDamping = uc.delta
	uc.in = in
	uc.result, err = campaign.Run(in)
	return uc, err
}

// monthlyModel returns the model's gains for twelve 30.44-day months.
func (uc *ukraineCalibration) monthlyModel() []float64 {
	g := uc.result.GroundKm2
	out := make([]float64, 12)
	for m := range 12 {
		a := int(math.Round(float64(m) * 365.25 / 12))
		b := int(math.Round(float64(m+1) * 365.25 / 12))
		out[m] = g[min(b, len(g)-1)] - g[min(a, len(g)-1)]
	}
	return out
}

func campaignScenarioCases() []Case {
	const rand = "Shlapak and Johnson 2016, RAND RR-1253: longest time to Tallinn/Riga outskirts in any game: 60 h"
	return []Case{
		{ID: "campaign/baltic-2016-hours-to-capital", Model: "campaign",
			// The 160 km/day advance rate of baltic-2016.yaml was set from this
			// 60 h: met by construction.
			Sample: Calibrated,
			What:   "hours until Russian forces reach Tallinn or Riga, 2016 posture, NATO intervening (baltic-2016.yaml)",
			Source: rand, Published: 60, Unit: "hours", Compare: AtMost, Tol: 0,
			Run: func(Env) (float64, error) { return firstObjectiveHours("baltic-2016.yaml", "posture-2016", true) }},
		{ID: "campaign/baltic-2016-rand-posture", Model: "campaign",
			// Same study as the advance rate; no parameter set from it.
			Sample: InSample,
			What:   "hours to Tallinn or Riga with RAND's ~7 brigades (3 heavy) ready at the outset and air support: not rapid (at least twice 60 h)",
			Source: "Shlapak and Johnson 2016, RAND RR-1253: such a posture might prevent a rapid overrun", Published: 120, Unit: "hours",
			Compare: AtLeast, Tol: 0,
			Run: func(Env) (float64, error) {
				return firstObjectiveHours("baltic-2016.yaml", "rand-seven-brigades", true)
			}},
		{ID: "campaign/cold-war-holds-24h", Model: "campaign",
			// The 1985 lay-down was written knowing the design goal.
			Sample: InSample,
			What:   "hours until the Warsaw Pact reaches its first objective against the 1985 forward defence (cold-war-1985.yaml)",
			Source: "RUSI 2025 (seed facts): the Cold War posture was designed to hold a Soviet attack for at least 24 hours", Published: 24, Unit: "hours",
			Compare: AtLeast, Tol: 0,
			Run: func(Env) (float64, error) {
				return firstObjectiveHours("cold-war-1985.yaml", "forward-defence", true)
			}},
		{ID: "campaign/ukraine-2025-gain", Model: "campaign",
			// Drone damping set from Aug-Dec 2024 only; 2025 is unseen.
			Sample: OutOfSample,
			What:   "km² taken in a year from the August 2025 lay-down, no guarantees, drone damping calibrated on Aug-Dec 2024 only (out of sample)",
			Source: "DeepStateMap occupied area, net gain in calendar 2025 (../shared/data/deepstate-derived)", Published: 4347, Unit: "km²",
			Compare: Factor, Tol: 2,
			Run: func(env Env) (float64, error) {
				uc, err := calibrateUkraine(env, 365)
				if err != nil {
					return 0, err
				}
				return uc.result.GroundKm2[365], nil
			}},
		{ID: "campaign/ukraine-2025-monthly-error", Model: "campaign",
			Sample: OutOfSample,
			What:   "mean absolute error of the twelve 2025 monthly gains, as a share of the observed mean monthly gain (0 = perfect tracking)",
			Source: "DeepStateMap monthly net gains Jan-Dec 2025 (../shared/data/deepstate-derived)", Published: 0, Unit: "share",
			Compare: AtMost, Tol: 0.6,
			Run: func(env Env) (float64, error) {
				uc, err := calibrateUkraine(env, 365)
				if err != nil {
					return 0, err
				}
				mod := uc.monthlyModel()
				var mae, mean float64
				for i, o := range uc.obs2025 {
					mae += math.Abs(mod[i] - o)
					mean += o
				}
				return mae / mean, nil
			}},
		{ID: "campaign/ukraine-years-to-four-oblasts", Model: "campaign",
			Sample: OutOfSample,
			What:   "years to take the rest of the four claimed oblasts (about 22,000 km²) at the calibrated pace, no guarantees",
			Source: "The Conversation 2025 (seed facts): at the 2025 rate, several years; read here as 3 to 10 years", Published: 6.5, Unit: "years",
			Compare: Within, Tol: 3.5,
			Run: func(env Env) (float64, error) {
				uc, err := calibrateUkraine(env, 3650)
				if err != nil {
					return 0, err
				}
				for d, g := range uc.result.GroundKm2 {
					if g >= 22000 {
						return float64(d) / 365.25, nil
					}
				}
				return math.Inf(1), nil
			}},
		{ID: "campaign/ukraine-drone-damping-shipped", Model: "campaign",
			// The shipped value against the calibration it was set from.
			Sample: Calibrated,
			What:   "drone damping shipped in ukraine-2025.yaml vs the value the calibration computes now (keeps the scenario consistent with its calibration)",
			Source: "calibration on DeepStateMap Aug-Dec 2024 (this package)", Published: 1, Unit: "ratio",
			Compare: Within, Tol: 0.05,
			Run: func(env Env) (float64, error) {
				uc, err := calibrateUkraine(env, 365)
				if err != nil {
					return 0, err
				}
				return uc.scenarioDelta / uc.delta, nil
			}},
	}
}
