package validation

import (
	"context"
	"math/big"
	"sync"

	"deter/backtest"

	"deter/deterrence"
	"deter/engine"
	"deter/scenario"
)

// pAttack runs a shipped scenario and returns a package's P(attack within a
// year).
func pAttack(file, pkg string) (float64, error) {
	s, p, err := shippedPackage(file, pkg)
	if err != nil {
		return 0, err
	}
	one := *s
	one.Packages = []scenario.Package{*p}
	res, err := engine.Run(context.Background(), &one, engine.Options{})
	if err != nil {
		return 0, err
	}
	return res.Packages[0].Deterrence.PAttack1, nil
}

// deterrenceCases compare the deterrence game with what happened. The
// shared judgement coefficients are fitted to the historical case library
// (deter backtest), which holds the Cold War, Baltic, Crimea and Minsk
// cases, so a pass on any of them is in sample: it shows only that the
// fit reproduces them. The out-of-sample test of the deterrence model is
// the leave-one-out score of the library (each case predicted by
// coefficients fitted without it) against the base rate's. The Ukraine
// no-guarantee case is in sample (the 2025 offensive was known when the
// scenario was written).
func deterrenceCases() []Case {
	c := func(id, what, source, file, pkg string, published float64, cmp Compare) Case {
		return Case{ID: id, Model: "deterrence", What: what, Source: source, Sample: InSample,
			Published: published, Unit: "P/year", Compare: cmp, Tol: 0.1,
			Run: func(Env) (float64, error) { return pAttack(file, pkg) }}
	}
	return []Case{
		c("deterrence/cold-war-deterred", "P(Warsaw Pact attack within a year) against the 1985 forward defence (in the fitted case library)",
			"no Warsaw Pact attack on NATO, 1949-1991", "cold-war-1985.yaml", "forward-defence", 0, AtMost),
		c("deterrence/baltic-efp-deterred", "P(Russian attack within a year) on the Baltic states with NATO's forward presence (in the fitted case library)",
			"no Russian attack on the Baltic states, 2017-2025", "baltic-2016.yaml", "efp-2017", 0, AtMost),
		c("deterrence/budapest-crimea-2014", "P(Russia attacks within a year) with only the Budapest assurances (in the fitted case library)",
			"Crimea seized February-March 2014 despite the 1994 assurances (RUSI 2025)", "crimea-2014.yaml", "budapest-assurances", 0.9, AtLeast),
		c("deterrence/minsk-observers-2022", "P(Russia attacks within a year) with Minsk II observers only (in the fitted case library)",
			"Russia invaded on 24 February 2022 despite the OSCE-monitored Minsk II cease-fire", "minsk-2015.yaml", "minsk-observers", 0.9, AtLeast),
		{ID: "deterrence/case-library-loo-brier", Model: "deterrence", Unit: "Brier", Compare: AtMost, Tol: 0, Sample: OutOfSample,
			What:   "leave-one-out Brier score of the case library (each case predicted by coefficients fitted without it): at most the leave-one-out base rate's",
			Source: "base rate of the 18-case library (6 attacked), leave-one-out: Brier 0.249 (deter backtest)", Published: 0.249,
			Run: func(Env) (float64, error) {
				r, err := libraryBacktest()
				if err != nil {
					return 0, err
				}
				return r.LOO.Brier, nil
			}},
		radgCase("deterrence/radg-types", "RADG: P(B resists | hard) − P(B resists | soft) in the sequential equilibrium, at pB = 1/4 and 3/4 (the smaller)",
			"Zagare and Kilgour 2000, Perfect Deterrence, app. 3: yH = 1 and yS = 0 at any Bayesian equilibrium", 1, AtLeast,
			func(_, _ [][]int, yDiff float64) float64 { return yDiff }),
		radgCase("deterrence/radg-below-threshold", "RADG: P(A demands) at pB = 2/5, below p* = (aDC − aSQ)/(aDC − aDD) = 1/2",
			"Zagare and Kilgour 2000, app. 3 (threshold as derived in ../shared/data/deterrence-games): A demands below p*", 1, AtLeast,
			func(below, _ [][]int, _ float64) float64 { return float64(below[0][0]) }),
		radgCase("deterrence/radg-above-threshold", "RADG: P(A demands) at pB = 3/5, above p* = 1/2",
			"Zagare and Kilgour 2000, app. 3: deterrence succeeds when credibility pB exceeds p*", 0, AtMost,
			func(_, above [][]int, _ float64) float64 { return float64(above[0][0]) }),
		c("deterrence/ukraine-no-guarantee-war", "P(Russia presses on within a year) at the August 2025 lay-down with no guarantees",
			"Russia continued its offensive through 2025 (DeepStateMap gains of 4,347 km2)", "ukraine-2025.yaml", "no-guarantees", 0.6, AtLeast),
	}
}

// radgCase solves Zagare and Kilgour's RADG (aSQ = 2, aDC = 4, aDD = 0;
// bSQ = 4, bDC = 2, bDD+ = 3, bDD− = 1, so p* = 1/2) with the game
// package's Bayesian backward induction at pB = 2/5 and 3/5 (and 1/4,
// 3/4 for B's types) and reports what value picks out.
func radgCase(id, what, source string, published float64, cmp Compare, value func(below, above [][]int, yDiff float64) float64) Case {
	return Case{ID: id, Model: "deterrence", What: what, Source: source, Published: published, Unit: "probability", Sample: OutOfSample,
		Compare: cmp, Tol: 0,
		Run: func(Env) (float64, error) {
			solve := func(pB *big.Rat) ([][]int, error) {
				g, err := deterrence.RADG(pB, 2, 4, 0, 4, 2, 3, 1)
				if err != nil {
					return nil, err
				}
				a, err := g.BayesianBackwardInduction()
				if err != nil {
					return nil, err
				}
				return a.Choice, nil
			}
			below, err := solve(big.NewRat(2, 5))
			if err != nil {
				return 0, err
			}
			above, err := solve(big.NewRat(3, 5))
			if err != nil {
				return 0, err
			}
			yDiff := 1.0
			for _, pB := range []*big.Rat{big.NewRat(1, 4), big.NewRat(3, 4)} {
				ch, err := solve(pB)
				if err != nil {
					return 0, err
				}
				yDiff = min(yDiff, float64(ch[1][0]-ch[1][1])) // action 1 = resist
			}
			return value(below, above, yDiff), nil
		}}
}

// libraryBacktest runs the backtest of the shipped case library once per
// process.
var libraryBacktest = sync.OnceValues(func() (*backtest.Result, error) {
	files, err := backtest.Library()
	if err != nil {
		return nil, err
	}
	cases, err := backtest.Load(context.Background(), files)
	if err != nil {
		return nil, err
	}
	return backtest.Run(context.Background(), cases, backtest.Options{})
})
