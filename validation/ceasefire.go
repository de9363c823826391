package validation

import (
	"math"

	"deter/ceasefire"
)

// ceasefireCases returns the empirical model's validation cases for deter check:
// in-sample calibration against the Kaplan-Meier estimate of the case list
// (the model must reproduce the record it was fitted to), and the direction
// of the two effects Fortna (2003) reports most strongly for interstate
// cease-fires (demilitarised zones and third-party guarantees make renewed
// war less likely: hazard ratio below 1).
func ceasefireCases() []Case {
	const km = "Kaplan-Meier product-limit estimate of the shipped case list (ceasefire/cases.csv)"
	avg := func(t float64) func(Env) (float64, error) {
		return func(Env) (float64, error) {
			cs, m, err := ceasefireFitted()
			if err != nil {
				return 0, err
			}
			s := 0.0
			for _, c := range cs {
				s += m.Survival(c.X, t)
			}
			return s / float64(len(cs)), nil
		}
	}
	kmAt := func(t float64) float64 {
		cs, err := ceasefire.Cases()
		if err != nil {
			return math.NaN()
		}
		return ceasefire.KaplanMeier(cs, []float64{t})[0]
	}
	hr := func(k int) func(Env) (float64, error) {
		return func(Env) (float64, error) {
			_, m, err := ceasefireFitted()
			if err != nil {
				return 0, err
			}
			return m.HazardRatio(k), nil
		}
	}
	return []Case{
		{ID: "ceasefire/km-1y", Model: "ceasefire", What: "share of cease-fires holding 1 year: model average vs record",
			Source: km, Published: kmAt(1), Unit: "probability", Compare: Within, Tol: 0.05, Sample: Calibrated, Run: avg(1)},
		{ID: "ceasefire/km-5y", Model: "ceasefire", What: "share of cease-fires holding 5 years: model average vs record",
			Source: km, Published: kmAt(5), Unit: "probability", Compare: Within, Tol: 0.05, Sample: Calibrated, Run: avg(5)},
		{ID: "ceasefire/km-10y", Model: "ceasefire", What: "share of cease-fires holding 10 years: model average vs record",
			Source: km, Published: kmAt(10), Unit: "probability", Compare: Within, Tol: 0.07, Sample: Calibrated, Run: avg(10)},
		{ID: "ceasefire/dmz-direction", Model: "ceasefire", What: "hazard ratio of a demilitarised zone is below 1",
			Source:    "Fortna 2003, International Organization 57(2), abstract: DMZs affect the duration of peace (direction only)",
			Published: 1, Unit: "hazard ratio", Compare: AtMost, Tol: 0, Sample: InSample, Run: hr(0)},
		{ID: "ceasefire/guarantee-direction", Model: "ceasefire", What: "hazard ratio of an explicit third-party guarantee is below 1",
			Source:    "Fortna 2003, International Organization 57(2), abstract: explicit third-party guarantees affect the duration of peace (direction only)",
			Published: 1, Unit: "hazard ratio", Compare: AtMost, Tol: 0, Sample: InSample, Run: hr(2)},
	}
}

func ceasefireFitted() ([]ceasefire.Case, *ceasefire.Model, error) {
	cs, err := ceasefire.Cases()
	if err != nil {
		return nil, nil, err
	}
	m, err := ceasefire.Fit(cs)
	return cs, m, err
}
