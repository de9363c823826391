package report

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"deter/engine"
	"deter/internal/scenariotest"
	"deter/scenario"
)

func ukraine(t *testing.T) (*scenario.Scenario, *engine.Result) {
	t.Helper()
	s := scenariotest.Shipped(t, "ukraine-2025.yaml")
	res, err := engine.Run(context.Background(), s, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s, res
}

// TestHTMLSelfContained: the HTML report holds every package, its charts as
// inline SVG, the sources, and nothing that needs the network.
func TestHTMLSelfContained(t *testing.T) {
	s, res := ukraine(t)
	doc, err := NewDocument(s, res, nil, "test")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := HTML(&b, doc); err != nil {
		t.Fatal(err)
	}
	h := b.String()
	for _, p := range s.Packages {
		if !strings.Contains(h, p.Name) {
			t.Errorf("package %q missing", p.Name)
		}
	}
	// ground, one cost chart per costed package, the trade-off and the
	// cease-fire year by year
	if n := strings.Count(h, "<svg"); n != 3+len(doc.Costs) || n < 5 {
		t.Errorf("%d inline SVG charts, want %d", n, 3+len(doc.Costs))
	}
	for _, want := range []string{"The record: cease-fires", "Likely settlement", "Deterrence against acceptability", "The cease-fire year by year"} {
		if !strings.Contains(h, want) {
			t.Errorf("section %q missing", want)
		}
	}
	for _, bad := range []string{"<script", "<link", `src="http`, "<iframe", "@import"} {
		if strings.Contains(h, bad) {
			t.Errorf("report contains %q: it would not be self-contained", bad)
		}
	}
	for _, ref := range s.References {
		if !strings.Contains(h, ref.ID) {
			t.Errorf("source %s not listed", ref.ID)
		}
	}
	if strings.Contains(h, "NaN") || strings.Contains(h, "Inf") {
		t.Error("report shows NaN or Inf")
	}
}

func TestMarkdown(t *testing.T) {
	s, res := ukraine(t)
	doc, _ := NewDocument(s, res, nil, "test")
	var b bytes.Buffer
	if err := Markdown(&b, doc); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	if !strings.Contains(md, "| Assurances only |") || !strings.Contains(md, "## Sources") {
		t.Errorf("markdown lacks tables or sources:\n%s", md[:min(len(md), 500)])
	}
}

func TestTextNoNaN(t *testing.T) {
	_, res := ukraine(t)
	var b bytes.Buffer
	if err := Text(&b, res); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "NaN") {
		t.Error("text report shows NaN")
	}
	if num(1234567) != "1,234,567" || num(0) != "-" || num(math.Pi) != "3.14" {
		t.Errorf("num: %q %q %q", num(1234567), num(0), num(math.Pi))
	}
}

// TestFormsOfHelpShown: with models.deterrence.intervention: by_means the
// text, HTML and Markdown reports list each guarantor's probability of
// every form of help; with the default (pooled) model they do not.
func TestFormsOfHelpShown(t *testing.T) {
	s, res := ukraine(t)
	var b bytes.Buffer
	if err := Text(&b, res); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "forms of help if attacked") {
		t.Error("pooled model: the text report lists forms of help")
	}
	s.Models.Deterrence.Intervention = "by_means"
	res, err := engine.Run(context.Background(), s, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b.Reset()
	if err := Text(&b, res); err != nil {
		t.Fatal(err)
	}
	want := helpSummary(res.Packages[1].Deterrence)
	if !strings.Contains(want, "usa: sanctions and arms ") || !strings.Contains(want, "all its forces ") {
		t.Fatalf("summary %q", want)
	}
	doc, _ := NewDocument(s, res, nil, "test")
	var h, md bytes.Buffer
	if err := HTML(&h, doc); err != nil {
		t.Fatal(err)
	}
	if err := Markdown(&md, doc); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"text": b.String(), "HTML": h.String(), "Markdown": md.String()} {
		if !strings.Contains(out, want) {
			t.Errorf("%s report lacks %q", name, want)
		}
	}
}

// TestCeasefireFromResult: the report prints the empirical model as the
// result gives it (case count, hazard ratios), computing nothing itself.
func TestCeasefireFromResult(t *testing.T) {
	s, res := ukraine(t)
	fit := *res.Ceasefire
	fit.Cases = 12345
	fit.HazardRatios = []engine.HazardRatio{{Covariate: "dmz", Ratio: 0.125}}
	res.Ceasefire = &fit
	var txt bytes.Buffer
	if err := Text(&txt, res); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"FITTED HERE to 12345", "dmz 0.12", "which 12345 cases"} {
		if !strings.Contains(txt.String(), want) {
			t.Errorf("text report lacks %q", want)
		}
	}
	doc, err := NewDocument(s, res, nil, "test")
	if err != nil {
		t.Fatal(err)
	}
	var html bytes.Buffer
	if err := HTML(&html, doc); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(html.String(), "fitted here to 12345 interstate") {
		t.Error("HTML report does not take the case count from the result")
	}
}

// TestHTMLSections: the report carries the inputs table and the
// commitment-problem table that run prints, has no empty "Not modelled
// yet" heading, and counts the bargaining rounds as run does (issues 18,
// 20: the report said 13 where run said 12).
func TestHTMLSections(t *testing.T) {
	s, res := ukraine(t)
	if len(res.NotModelled) != 0 {
		t.Fatalf("the Ukraine run has gaps %v; the test needs none", res.NotModelled)
	}
	doc, err := NewDocument(s, res, nil, "test")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := HTML(&b, doc); err != nil {
		t.Fatal(err)
	}
	h := b.String()
	for _, want := range []string{"<h2>The packages</h2>", "strongest commitment", "The commitment problem under shifting power",
		fmt.Sprintf("KTAB type, %d rounds", len(res.Spatial.States)-1)} {
		if !strings.Contains(h, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if strings.Contains(h, "Not modelled yet") {
		t.Error("empty 'Not modelled yet' heading")
	}
	var txt bytes.Buffer
	if err := Text(&txt, res); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(txt.String(), fmt.Sprintf("%d rounds to convergence", len(res.Spatial.States)-1)) {
		t.Error("run and the report count rounds differently")
	}
}
