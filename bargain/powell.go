package bargain

import (
	"fmt"
	"math"
)

// Shift is the commitment problem under shifting power for one side: the
// state whose war prospects decline.
type Shift struct {
	// Now and Next are the declining side's war share now and a period
	// later (shares of the disputed value per period).
	Now, Next float64 `json:"-"`
	// Motive is the declining side's gain from war now over the best peace
	// it can be offered (in periods' worth of the disputed value); above
	// zero, preventive war pays.
	Motive float64 `json:"preventive_motive"`
	War    bool    `json:"preventive_war_pays"`
}

// PreventiveWar evaluates the commitment problem of Powell (2006) for the
// side whose prospects decline. Setting (Powell 2006, §2, in its simplest
// form): two states divide a flow worth 1 per period, discounted by δ per
// period; fighting in period t gives the declining side D the share d_t of
// every future period, at a lump-sum cost c; the rising side cannot commit
// to give D tomorrow more than D's war value tomorrow. The best peace D can
// be offered today is the whole of today's flow plus its reservation value
// tomorrow, so D prefers war now iff
//
//	d_t/(1−δ) − c  >  1 + δ (d_{t+1}/(1−δ) − c)
//
// which, rearranged (derived here), is
//
//	M = (d_t − δ d_{t+1})/(1−δ) − 1 − (1−δ) c  >  0.
//
// With no shift (d_{t+1} = d_t = d) M = d − 1 − (1−δ)c < 0: no war, as in
// Fearon (1995). The faster and larger the decline (d_t − δ d_{t+1}) and
// the more the future counts (δ → 1), the stronger the preventive motive;
// only costs of war (c) hold it back: "bargaining breaks down when the
// distribution of power shifts rapidly" (Powell 2006). A third-party
// guarantee works on exactly this (Walter 1997): by standing behind
// tomorrow's terms it is a commitment the rising side cannot make alone.
//
// Units: d as shares of the disputed value per period (0-1); c in periods'
// worth of that value (c = 0.5: half a period's flow); 0 < δ < 1.
func PreventiveWar(dNow, dNext, delta, cost float64) (Shift, error) {
	for _, x := range []float64{dNow, dNext, delta, cost} {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return Shift{}, fmt.Errorf("bargain: shifting power: %v is not a finite number", x)
		}
	}
	if dNow < 0 || dNow > 1 || dNext < 0 || dNext > 1 {
		return Shift{}, fmt.Errorf("bargain: shifting power: war shares %v and %v must lie in [0, 1]", dNow, dNext)
	}
	if !(delta > 0 && delta < 1) {
		return Shift{}, fmt.Errorf("bargain: shifting power: discount factor %v must lie in (0, 1)", delta)
	}
	if cost < 0 {
		return Shift{}, fmt.Errorf("bargain: shifting power: cost %v is negative", cost)
	}
	m := (dNow-delta*dNext)/(1-delta) - 1 - (1-delta)*cost
	return Shift{Now: dNow, Next: dNext, Motive: m, War: m > 0}, nil
}
