package sweep

import (
	"context"
	"slices"
)

// Switch is the value of one input at which an output crosses a threshold
// (the verdict flips), every other input at its median: the "switch-over
// value" of decision analysis (Clemen and Reilly 2014, Making Hard
// Decisions, ch. 5). Found is false when the output stays on one side over
// the input's whole 0.1%-99.9% range.
type Switch struct {
	Input    string  `json:"input"`
	Found    bool    `json:"found"`
	Value    float64 `json:"value"`    // the input's value at the crossing
	Quantile float64 `json:"quantile"` // its position in the input's distribution
	Median   float64 `json:"median"`   // the input's median, for comparison
	// Rising says the output rises through the threshold as the input
	// rises.
	Rising bool `json:"rising"`
	// Level and MedianLevel name the rule that flips the verdict and the
	// nominal rule, for the structural input (models.deterrence.intervention);
	// empty for numbers.
	Level       string `json:"level,omitempty"`
	MedianLevel string `json:"median_level,omitempty"`
}

// SwitchOver finds, for each input, where the metric crosses threshold
// with the others at their medians, by bisection on the input's quantile
// (20 steps: its position to 1e-6). It returns the metric at the medians
// and the inputs that flip it, nearest their median first (those the
// verdict is most fragile to), then those that cannot.
func (p *Plan) SwitchOver(ctx context.Context, m Metric, threshold float64) ([]Switch, float64, error) {
	k := p.Uncertain()
	med := make([]float64, k)
	for i := range med {
		med[i] = 0.5
	}
	const lo, hi = 0.001, 0.999
	us := [][]float64{med}
	for i := range k {
		for _, q := range []float64{lo, hi} {
			u := slices.Clone(med)
			u[i] = q
			us = append(us, u)
		}
	}
	ys, err := p.eval(ctx, us, m)
	if err != nil {
		return nil, 0, err
	}
	y0 := ys[0]
	names := p.Inputs()
	out := make([]Switch, k)
	// Inputs whose range crosses the threshold: bisect them together, one
	// round of parallel runs per step.
	// lower: the crossing lies below the median, a is the crossed end and
	// b the median's side; otherwise a is the median's side and b the
	// crossed end.
	type search struct {
		i     int
		lower bool
		a, b  float64
	}
	var open []*search
	for i := range k {
		out[i] = Switch{Input: names[i], Median: p.quantile(i, 0.5), MedianLevel: p.Level(i, 0.5)}
		yl, yh := ys[1+2*i], ys[2+2*i]
		above0 := y0 >= threshold
		switch {
		case (yl >= threshold) != above0:
			open = append(open, &search{i: i, lower: true, a: lo, b: 0.5})
			out[i].Rising = !(yl >= threshold)
		case (yh >= threshold) != above0:
			open = append(open, &search{i: i, a: 0.5, b: hi})
			out[i].Rising = yh >= threshold
		}
	}
	for range 20 {
		if len(open) == 0 {
			break
		}
		us = us[:0]
		for _, s := range open {
			u := slices.Clone(med)
			u[s.i] = (s.a + s.b) / 2
			us = append(us, u)
		}
		ys, err := p.eval(ctx, us, m)
		if err != nil {
			return nil, 0, err
		}
		for j, s := range open {
			mid := (s.a + s.b) / 2
			// Keep the half whose ends straddle the threshold.
			onMedianSide := (ys[j] >= threshold) == (y0 >= threshold)
			if s.lower == onMedianSide {
				s.b = mid
			} else {
				s.a = mid
			}
		}
	}
	for _, s := range open {
		q := (s.a + s.b) / 2
		out[s.i].Found, out[s.i].Quantile, out[s.i].Value = true, q, p.quantile(s.i, q)
		if l := p.Level(s.i, q); l != "" {
			// The rule on the far side of the crossing from the median.
			far := s.a
			if !s.lower {
				far = s.b
			}
			out[s.i].Level = p.Level(s.i, far)
		}
	}
	dist := func(s Switch) float64 {
		if !s.Found {
			return 2
		}
		if s.Quantile > 0.5 {
			return s.Quantile - 0.5
		}
		return 0.5 - s.Quantile
	}
	slices.SortStableFunc(out, func(a, b Switch) int {
		switch da, db := dist(a), dist(b); {
		case da < db:
			return -1
		case da > db:
			return 1
		}
		return 0
	})
	return out, y0, nil
}
