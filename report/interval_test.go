package report

import (
	"bytes"
	"context"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"deter/sweep"
)

// spanRE finds "median [lo-hi]" in a table.
var spanRE = regexp.MustCompile(`([<>]?[0-9][0-9,.]*%?) \[([<>]?[0-9][0-9,.]*%?)-([<>]?[0-9][0-9,.]*%?)\]`)

// printed parses a printed number ("5,400", "<0.01%", ">90%") and its
// resolution: the place of its last significant digit (trailing zeros of
// an integer are not significant; "0" has none).
// tb is what the checks need of *testing.T and *rapid.T.
type tb interface {
	Helper()
	Errorf(string, ...any)
	Fatalf(string, ...any)
}

func printed(t tb, s string) (x, res float64) {
	t.Helper()
	c := strings.NewReplacer("<", "", ">", "", "%", "", ",", "").Replace(s)
	x, err := strconv.ParseFloat(c, 64)
	if err != nil {
		t.Fatalf("cannot read %q: %v", s, err)
	}
	if i := strings.IndexByte(c, '.'); i >= 0 {
		return x, math.Pow(10, -float64(len(c)-i-1))
	}
	tz := len(c) - len(strings.TrimRight(c, "0"))
	if tz == len(c) {
		return x, math.Inf(1)
	}
	return x, math.Pow(10, float64(tz))
}

// checkDigits fails for any "median [lo-hi]" in text whose median has a
// digit finer than the second significant digit of the printed interval's
// width (JCGM 100:2008 section 7.2.6: the uncertainty to two significant
// digits, the estimate to the same place).
func checkDigits(t tb, text string) int {
	t.Helper()
	n := 0
	for _, m := range spanRE.FindAllStringSubmatch(text, -1) {
		_, res := printed(t, m[1])
		lo, _ := printed(t, m[2])
		hi, _ := printed(t, m[3])
		if w := hi - lo; w > 0 {
			supported := math.Pow(10, math.Floor(math.Log10(w))-1)
			if res < supported*(1-1e-9) {
				t.Errorf("%q: the median's last digit is at %g; an interval %g wide supports %g", m[0], res, w, supported)
			}
		}
		n++
	}
	return n
}

// TestHeadlineDigits: no headline number under uncertainty is printed with
// more significant digits than its interval supports (issue 18), for any
// interval (property) and in the Ukraine run's table; and the rounded
// median stays within its last digit of the true one.
func TestHeadlineDigits(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		prob := rapid.Bool().Draw(rt, "prob")
		scale := 1.0
		output := "p_attack_5y"
		if !prob {
			scale = math.Pow(10, float64(rapid.IntRange(-2, 7).Draw(rt, "decade")))
			output = "ground_km2_d365"
		}
		xs := []float64{
			scale * rapid.Float64Range(0, 1).Draw(rt, "a"),
			scale * rapid.Float64Range(0, 1).Draw(rt, "b"),
			scale * rapid.Float64Range(0, 1).Draw(rt, "c"),
		}
		if xs[0] > xs[1] {
			xs[0], xs[1] = xs[1], xs[0]
		}
		if xs[1] > xs[2] {
			xs[1], xs[2] = xs[2], xs[1]
		}
		if xs[0] > xs[1] {
			xs[0], xs[1] = xs[1], xs[0]
		}
		sum := sweep.Summary{P05: xs[0], Median: xs[1], P95: xs[2]}
		text := Span(output, sum)
		m := spanRE.FindStringSubmatch(text)
		if text == "0" {
			return
		}
		if m == nil {
			rt.Fatalf("%q is not median [lo-hi]", text)
		}
		checkDigits(rt, text)
		// The printed median is the true one to its last digit.
		x, res := printed(rt, m[1])
		want := xs[1]
		if prob {
			want *= 100
		}
		switch {
		case strings.HasPrefix(m[1], "<"):
			if want >= x {
				rt.Fatalf("%q for a median of %g", text, want)
			}
		case strings.HasPrefix(m[1], ">"):
			if want <= x {
				rt.Fatalf("%q for a median of %g", text, want)
			}
		case !math.IsInf(res, 1) && math.Abs(x-want) > res*(0.5+1e-9) && math.Abs(x-want) > 1e-9*scale:
			rt.Fatalf("%q for a median of %g: off by more than half its last digit %g", text, want, res)
		}
	})

	s, _ := ukraine(t)
	plan, err := sweep.NewPlan(s, 1)
	if err != nil {
		t.Fatal(err)
	}
	c, err := plan.Compare(context.Background(), 40, 0)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := UncertaintyText(&b, c); err != nil {
		t.Fatal(err)
	}
	if n := checkDigits(t, b.String()); n < 3*len(c.Packages) {
		t.Errorf("found %d intervals in the table, want at least %d:\n%s", n, 3*len(c.Packages), b.String())
	}
}
