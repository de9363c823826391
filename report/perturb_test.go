package report

import (
	"bytes"
	"context"
	"math/rand/v2"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"deter/engine"
	"deter/internal/perturb"
	"deter/scenario"
)

// TestReportsOnPerturbedScenarios: every output a run writes (text, HTML,
// Markdown, the ground, cost and trade-off charts) is produced without
// error for valid variants of the shipped scenarios with extreme numbers
// (perturb.Numbers: zero forces, tenfold costs...), and no NaN or Inf
// reaches the page or a chart.
func TestReportsOnPerturbedScenarios(t *testing.T) {
	files, err := perturb.Shipped("..")
	if err != nil {
		t.Fatal(err)
	}
	valid := 0
	rapid.Check(t, func(t *rapid.T) {
		src := files[rapid.IntRange(0, len(files)-1).Draw(t, "file")]
		r := rand.New(rand.NewPCG(rapid.Uint64().Draw(t, "seed"), 0))
		s, err := scenario.Parse("perturbed.yaml", perturb.Numbers(src, r, rapid.IntRange(1, 8).Draw(t, "numbers changed")))
		if err != nil {
			return
		}
		res, err := engine.Run(context.Background(), s, engine.Options{ClosedForm: true})
		if err != nil {
			return
		}
		valid++
		outputs := map[string]*bytes.Buffer{}
		out := func(name string) *bytes.Buffer {
			b := new(bytes.Buffer)
			outputs[name] = b
			return b
		}
		if err := Text(out("text"), res); err != nil {
			t.Fatalf("text: %v", err)
		}
		doc, err := NewDocument(s, res, nil, "test")
		if err != nil {
			t.Fatalf("document: %v", err)
		}
		if err := HTML(out("html"), doc); err != nil {
			t.Fatalf("html: %v", err)
		}
		if err := Markdown(out("markdown"), doc); err != nil {
			t.Fatalf("markdown: %v", err)
		}
		if err := GroundChart(out("ground.svg"), res); err != nil {
			t.Fatalf("ground chart: %v", err)
		}
		for i := range res.Packages {
			if _, err := CostChart(out("cost-"+res.Packages[i].ID+".svg"), s.Name, &res.Packages[i]); err != nil {
				t.Fatalf("cost chart of %s: %v", res.Packages[i].ID, err)
			}
		}
		if err := TradeOffChart(out("tradeoff.svg"), s.Name, res.TradeOff); err != nil {
			t.Fatalf("trade-off chart: %v", err)
		}
		for name, b := range outputs {
			for _, bad := range []string{"NaN", "+Inf", "-Inf"} {
				if i := strings.Index(b.String(), bad); i >= 0 {
					t.Fatalf("%s shows %s: …%s…", name, bad, b.String()[max(i-80, 0):min(i+40, b.Len())])
				}
			}
		}
	})
	if valid == 0 {
		t.Error("no perturbed scenario was valid: the property tested nothing")
	}
}
