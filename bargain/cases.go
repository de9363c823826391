package bargain

import (
	"encoding/csv"
	"fmt"
	"os"
	"strconv"
	"strings"

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
	return []check.Case{
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
