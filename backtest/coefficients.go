package backtest

import (
	"fmt"
	"math"
	"regexp"
	"strconv"

	"deter/scenario"
)

// Entry returns the YAML flow mapping that states fitted coefficient c
// (prior p) in scenario/coefficients.yaml: its posterior as a
// distribution whose mean (what deterministic runs use) is the posterior
// mode. On the log scale the Laplace posterior of ln x is normal, so x is
// lognormal; its median is set to mode·exp(−σ²/2) so that its mean is the
// mode. On the logit scale it is a normal of the delta-method sd
// truncated symmetrically about the mode (so its mean stays the mode),
// inside the coefficient's bounds. The note records the Laplace interval.
func Entry(c Coefficient, p Prior, looBrier float64) (string, error) {
	if math.IsNaN(c.SD) || c.SD <= 0 {
		return "", fmt.Errorf("backtest: %s: no posterior sd (the Hessian is not positive definite at the mode)", c.Key)
	}
	g := func(x float64) string { return strconv.FormatFloat(x, 'g', 4, 64) }
	var dist string
	switch p.Scale {
	case Log:
		dist = fmt.Sprintf("dist: lognormal, median: %s, sigma: %s", g(c.Mode*math.Exp(-c.SD*c.SD/2)), g(c.SD))
	default:
		u := (c.Mode - p.Lo) / (p.Hi - p.Lo)
		sd := (p.Hi - p.Lo) * u * (1 - u) * c.SD
		sd = math.Min(sd, math.Min(c.Mode-p.Lo, p.Hi-c.Mode)/2)
		if !(sd > 0) {
			return "", fmt.Errorf("backtest: %s: mode %v on its bound", c.Key, c.Mode)
		}
		dist = fmt.Sprintf("dist: normal, mean: %s, sd: %s, min: %s, max: %s", g(c.Mode), g(sd), g(c.Mode-2*sd), g(c.Mode+2*sd))
	}
	note := fmt.Sprintf("posterior mode %s, 95%% interval %s-%s (Laplace); prior median %s, 95%% %s-%s (%s); leave-one-out Brier score of the library %.3f",
		g(c.Mode), g(c.Lo), g(c.Hi), g(c.Prior), g(c.PriorLo), g(c.PriorHi), p.Source, looBrier)
	return fmt.Sprintf("{%s, source: %q, note: %q}", dist, scenario.FittedSource, note), nil
}

// UpdateCoefficients rewrites, in the text of scenario/coefficients.yaml,
// the line of each fitted coefficient of r with its Entry; every other
// line is kept as it is.
func UpdateCoefficients(text []byte, r *Result) ([]byte, error) {
	for j, c := range r.Coefficients {
		e, err := Entry(c, r.Priors[j], r.LOO.Brier)
		if err != nil {
			return nil, err
		}
		re := regexp.MustCompile(`(?m)^(  ` + regexp.QuoteMeta(c.Key) + `: ).*$`)
		if !re.Match(text) {
			return nil, fmt.Errorf("backtest: %s is not in the coefficients file", c.Key)
		}
		text = re.ReplaceAllLiteral(text, []byte("  "+c.Key+": "+e))
	}
	return text, nil
}
