package bargain

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/stat"

	"deter/check"
)

// LoadBDM reads an actor table in the format of the BDM replication
// (Actor,Capability,Position,Salience), one dimension.
func LoadBDM(path string) ([]SpatialActor, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.TrimLeadingSpace = true
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(recs) < 2 || len(recs[0]) < 4 || !strings.EqualFold(recs[0][1], "Capability") {
		return nil, fmt.Errorf("%s: want columns Actor,Capability,Position,Salience", path)
	}
	var out []SpatialActor
	for i, rec := range recs[1:] {
		var v [3]float64
		for k := range 3 {
			x, err := strconv.ParseFloat(strings.TrimSpace(rec[k+1]), 64)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", path, i+2, err)
			}
			v[k] = x
		}
		out = append(out, SpatialActor{Name: rec[0], Capability: v[0], Position: []float64{v[1]}, Salience: []float64{v[2]}})
	}
	return out, nil
}

// Cases returns the acceptability model's validation cases.
func Cases() []check.Case {
	const src = "Scholz, Calbert and Smith 2011 EU emissions example; initial statistics in the replication log (dmasad/bdm-scholz-expected-utility-model)"
	load := func(env check.Env) ([]SpatialActor, error) {
		p, err := env.DataFile("bdm-expected-utility/ExampleActors_EU_emissions.csv")
		if err != nil {
			return nil, err
		}
		return LoadBDM(p)
	}
	ktab := check.Case{ID: "bargain/ktab-smp-dummy3d", Model: "bargain",
		What:      "largest difference from KTAB's positions, 7 actors × 3 dimensions × 11 states (0-100 scale)",
		Source:    "KTAB smpc reference run 20170530_ref-dummyData_3Dim.txt (lsyaseen/KTAB, examples/smp/doc), printed to 0.1",
		Published: 0, Unit: "points", Compare: check.AtMost, Tol: 0.051,
		Run: func(env check.Env) (float64, error) {
			in, err := env.DataFile("ktab-smp/dummyData_3Dim.csv")
			if err != nil {
				return 0, err
			}
			out, err := env.DataFile("ktab-smp/20170530_ref-dummyData_3Dim.txt")
			if err != nil {
				return 0, err
			}
			actors, err := LoadKTABCSV(in)
			if err != nil {
				return 0, err
			}
			ref, err := LoadKTABHistory(out)
			if err != nil {
				return 0, err
			}
			states, err := RunSMP(actors)
			if err != nil {
				return 0, err
			}
			worst := 0.0
			for i := range ref {
				for k := range ref[i] {
					if len(ref[i][k]) != len(states) {
						return math.Inf(1), nil // a different number of states is a failure
					}
					for s, want := range ref[i][k] {
						worst = max(worst, math.Abs(100*states[s].Positions[i][k]-want))
					}
				}
			}
			return worst, nil
		}}
	// The one implementation's round-by-round means (Example.log of
	// jmckib/dmasad bdm-scholz-expected-utility-model, rounds 1-10).
	bdmLog := []float64{7.4613, 7.5525, 7.5901, 7.3581, 7.3492, 7.4149, 7.5105, 7.5724, 7.3250, 7.2421}
	eu := check.Case{ID: "bargain/smp-on-bdm-eu-rounds", Model: "bargain",
		What:      "mean over rounds 1-10 of the forecast (capability × salience weighted mean), KTAB-type model on the EU emissions example (0-10 scale)",
		Source:    "Example.log of the bdm-scholz-expected-utility-model replication (not ground truth: a different rule set, 3 moves a round); its round means average 7.44",
		Published: stat.Mean(bdmLog, nil), Unit: "position", Compare: check.Within, Tol: 0.3,
		Run: func(env check.Env) (float64, error) {
			a, err := load(env)
			if err != nil {
				return 0, err
			}
			m, err := SMPOnBDM(a, 0, 10, len(bdmLog))
			if err != nil {
				return 0, err
			}
			return stat.Mean(m, nil), nil
		}}
	return []check.Case{ktab, eu,
		{ID: "bargain/bdm-weighted-mean", Model: "bargain", What: "capability × salience weighted mean position, EU emissions example",
			Source: src, Published: 7.389955686853767, Unit: "position", Compare: check.Within, Tol: 1e-9,
			Run: func(env check.Env) (float64, error) {
				a, err := load(env)
				if err != nil {
					return 0, err
				}
				return WeightedMean(a, 0), nil
			}},
		{ID: "bargain/bdm-weighted-median", Model: "bargain", What: "weighted median position (median voter), EU emissions example",
			Source: src, Published: 7, Unit: "position", Compare: check.Within, Tol: 0,
			Run: func(env check.Env) (float64, error) {
				a, err := load(env)
				if err != nil {
					return 0, err
				}
				return WeightedMedian(a, 0), nil
			}},
	}
}

// SMPOnBDM runs the KTAB-type spatial model on a one-dimensional BDM actor
// table (positions on the scale [lo, hi], saliences 0-100, capabilities)
// and returns the capability × salience weighted mean position after each
// of the first rounds rounds, on the table's scale. The result depends on
// the scale: utilities fall with distance as a share of it. On the EU
// emissions example, reading positions on 0-10 gives a mean over rounds
// 1-10 of 7.65; reading them on the observed range 4-10 gives 6.55.
func SMPOnBDM(actors []SpatialActor, lo, hi float64, rounds int) ([]float64, error) {
	if !(hi > lo) {
		return nil, fmt.Errorf("bargain: the scale [%v, %v] is empty", lo, hi)
	}
	for _, a := range actors {
		if a.Position[0] < lo || a.Position[0] > hi {
			return nil, fmt.Errorf("bargain: %s's position %v is outside the scale [%v, %v]", a.Name, a.Position[0], lo, hi)
		}
	}
	sm := make([]SMPActor, len(actors))
	for i, a := range actors {
		sm[i] = SMPActor{Name: a.Name, Capability: a.Capability,
			Position: []float64{(a.Position[0] - lo) / (hi - lo)}, Salience: []float64{a.Salience[0] / 100}}
	}
	states, err := RunSMP(sm)
	if err != nil {
		return nil, err
	}
	var out []float64
	for r := 1; r <= rounds; r++ {
		st := states[min(r, len(states)-1)]
		out = append(out, lo+(hi-lo)*SMPForecast(sm, st.Positions)[0])
	}
	return out, nil
}
