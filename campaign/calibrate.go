package campaign

import (
	"errors"
	"fmt"
	"math"
)

// CalibrateDroneDamping finds the drone damping δ at which the campaign in
// `in` takes targetKm2 of ground in `days` days, by bisection on log δ over
// [1e-6, 1e4] (ground taken falls monotonically as δ rises, since δ only
// slows movement). in.Params.DroneDamping is left unchanged.
func CalibrateDroneDamping(in *Input, days int, targetKm2 float64) (float64, error) {
	if !(targetKm2 > 0) || days < 1 || days > in.HorizonDays {
		return 0, errors.New("campaign: calibration needs a positive target and 1 <= days <= horizon")
	}
	c := *in
	var sim Sim
	ground := func(delta float64) (float64, error) {
		c.Params.DroneDamping = delta
		r, err := sim.Run(&c)
		if err != nil {
			return 0, err
		}
		return r.GroundKm2[days], nil
	}
	lo, hi := math.Log(1e-6), math.Log(1e4)
	gLo, err := ground(math.Exp(lo))
	if err != nil {
		return 0, err
	}
	gHi, _ := ground(math.Exp(hi))
	if targetKm2 > gLo || targetKm2 < gHi {
		return 0, fmt.Errorf("campaign: target %.0f km2 is outside what drone damping can reach (%.0f to %.0f km2)", targetKm2, gHi, gLo)
	}
	for range 60 {
		mid := (lo + hi) / 2
		g, _ := ground(math.Exp(mid))
		if g > targetKm2 {
			lo = mid
		} else {
			hi = mid
		}
	}
	return math.Exp((lo + hi) / 2), nil
}
