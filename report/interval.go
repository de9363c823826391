package report

import (
	"math"
	"strconv"
	"strings"
)

// Digits that an interval supports. A median printed as 5,413 beside the
// interval [4,682-6,998] claims a precision of 1 km² that a spread of 2,300
// km² does not support. The rule here (after the "two significant digits of
// the uncertainty" convention of metrology: JCGM 100:2008, Guide to the
// Expression of Uncertainty in Measurement, section 7.2.6) rounds the
// median and both ends to the step
//
//	step = 10^(⌊log10(hi − lo)⌋ − 1)
//
// that is, to the second significant digit of the interval's width. A
// number that rounds to zero but is not zero prints as "<step"; a
// probability that rounds to 100% but is not 1 prints as ">(100% − step)".

// Step is the rounding step an interval [lo, hi] supports (0 when the
// interval is empty or not finite: print the numbers as they are).
func Step(lo, hi float64) float64 {
	w := hi - lo
	if !(w > 0) || math.IsInf(w, 0) {
		return 0
	}
	step := math.Pow(10, math.Floor(math.Log10(w))-1)
	// Rounding the ends may widen the interval past a power of ten
	// (99.6 → 100): take the step of the rounded width if coarser.
	if s2 := math.Pow(10, math.Floor(math.Log10(roundTo(hi, step)-roundTo(lo, step)))-1); s2 > step {
		step = s2
	}
	return step
}

// roundTo rounds x to a multiple of step.
func roundTo(x, step float64) float64 {
	if step == 0 {
		return x
	}
	return math.Round(x/step) * step
}

// decimals is the number of decimals a step needs.
func decimals(step float64) int {
	if step >= 1 {
		return 0
	}
	return int(math.Ceil(-math.Log10(step) - 1e-9))
}

// NumInterval prints median, lo and hi with the digits the interval
// supports (thousands separated).
func NumInterval(med, lo, hi float64) (string, string, string) {
	step := Step(lo, hi)
	if step == 0 {
		return num(med), num(lo), num(hi)
	}
	f := func(x float64) string {
		r := roundTo(x, step)
		if r == 0 && x != 0 {
			return "<" + numStep(step, step)
		}
		return numStep(r, step)
	}
	return f(med), f(lo), f(hi)
}

// numStep prints x with the decimals of step and thousands separators.
func numStep(x, step float64) string {
	s := strconv.FormatFloat(math.Abs(x), 'f', decimals(step), 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if x < 0 {
		b.WriteByte('-')
	}
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}

// ProbInterval prints a probability's median, lo and hi (0-1) in per cent
// with the digits the interval supports, and whole points at the finest
// once the interval reaches 1%.
func ProbInterval(med, lo, hi float64) (string, string, string) {
	step := Step(100*lo, 100*hi)
	if step == 0 {
		return ProbText(med), ProbText(lo), ProbText(hi)
	}
	if 100*hi >= 1 && step < 1 {
		// Whole points once the interval reaches 1%, as ProbText: a model
		// of this kind does not resolve tenths of a point there.
		step = 1
	}
	f := func(p float64) string {
		x := 100 * p
		r := roundTo(x, step)
		switch {
		case r <= 0 && p > 0:
			return "<" + pctStep(step, step)
		case r >= 100 && p < 1:
			return ">" + pctStep(100-step, step)
		case p == 0:
			return "0%"
		case p == 1:
			return "100%"
		}
		return pctStep(r, step)
	}
	return f(med), f(lo), f(hi)
}

// pctStep prints x per cent with the decimals of step.
func pctStep(x, step float64) string {
	return strconv.FormatFloat(x, 'f', decimals(step), 64) + "%"
}
