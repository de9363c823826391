package report

import (
	"bytes"
	"context"
	"html/template"
	"regexp"
	"strings"
	"testing"

	"deter/sweep"
)

// TestUncertaintyDigits: probabilities under uncertainty are printed with
// no more digits than a model of this kind supports (whole points, one
// significant digit below 1%, "<0.001%" and ">99%" at the ends), whatever
// the float: 1e-20 is a saturated model, not a forecast.
func TestUncertaintyDigits(t *testing.T) {
	c := &sweep.Comparison{Draws: 3, Seed: 1, Uncertain: 2, Packages: []string{"a", "b"},
		Better: [][]float64{{0, 0.123456}, {0.876544, 0}}, Best: []float64{0.3333333, 0.6666667}, Regret: []float64{1e-20, 0.0123}}
	for _, pkg := range c.Packages {
		for _, o := range sweep.Headlines {
			c.Summaries = append(c.Summaries, sweep.Summary{Package: pkg, Output: o, Median: 0.004321, P05: 1e-20, P95: 0.999999})
		}
	}
	var b bytes.Buffer
	if err := UncertaintyText(&b, c); err != nil {
		t.Fatal(err)
	}
	ok := regexp.MustCompile(`^(>99%|<0\.001%|\d{1,3}%|0\.0*[1-9]%|<10*%|>90%|<0\.0*1%)$`)
	n := 0
	for _, tok := range regexp.MustCompile(`[<>]?[0-9][0-9.e]*%`).FindAllString(b.String(), -1) {
		n++
		if !ok.MatchString(tok) {
			t.Errorf("%q printed with more digits than supported", tok)
		}
	}
	if n < 10 || !strings.Contains(b.String(), "12%") {
		t.Errorf("too few probabilities found (%d):\n%s", n, b.String())
	}
}

// TestReportUnderUncertainty: given a comparison, the HTML and Markdown
// reports show each package's band and the pairwise table next to the
// verdicts, and say where the judgement coefficients come from.
func TestReportUnderUncertainty(t *testing.T) {
	s, res := ukraine(t)
	plan, err := sweep.NewPlan(s, 5)
	if err != nil {
		t.Fatal(err)
	}
	cmp, err := plan.Compare(context.Background(), 8, 0)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := NewDocument(s, res, cmp, "test")
	if err != nil {
		t.Fatal(err)
	}
	var h, md bytes.Buffer
	if err := HTML(&h, doc); err != nil {
		t.Fatal(err)
	}
	if err := Markdown(&md, doc); err != nil {
		t.Fatal(err)
	}
	for k, out := range []string{h.String(), md.String()} {
		if !strings.Contains(out, "Under uncertainty") || !strings.Contains(out, "judgement coefficients") {
			t.Error("no section under uncertainty or no coefficients line")
		}
		for _, p := range s.Packages {
			band := doc.Band(p.ID, "p_attack_1y")
			if k == 0 {
				band = template.HTMLEscapeString(band)
			}
			if !strings.Contains(out, band) {
				t.Errorf("%s: band %q missing", p.ID, doc.Band(p.ID, "p_attack_1y"))
			}
		}
	}
	if !strings.Contains(h.String(), "deters better than the column") {
		t.Error("HTML report lacks the pairwise table")
	}
}
