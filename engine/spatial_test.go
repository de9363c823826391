package engine

import (
	"math"
	"slices"
	"testing"
)

// TestSpatialForecastIgnoresActorOrder: the Ukraine scenario's issue space
// (round positions and saliences, as analysts write them) gives the same
// settlement forecast whichever order its actors are listed in. (Round
// inputs are where exact ties come from; the spatial model counts
// differences within 1e-12 as ties so that rounding, and with it the
// order, cannot break them: bargain.TestSMPIdenticalActors.)
func TestSpatialForecastIgnoresActorOrder(t *testing.T) {
	s := loadShipped(t, "ukraine-2025.yaml")
	if s.Models.Bargain == nil || s.Models.Bargain.Spatial == nil {
		t.Fatal("the Ukraine scenario has no issue space")
	}
	const p0 = 0.3
	f, err := spatialForecast(s, p0, nil)
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(s.Models.Bargain.Spatial.Actors)
	r, err := spatialForecast(s, p0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.States) != len(r.States) {
		t.Errorf("%d rounds, reversed %d", len(f.States), len(r.States))
	}
	for k := range f.Forecast {
		if math.Abs(f.Forecast[k]-r.Forecast[k]) > 1e-9 {
			t.Errorf("issue %s: forecast %.6f, with the actors reversed %.6f", f.Issues[k], f.Forecast[k], r.Forecast[k])
		}
	}
}
