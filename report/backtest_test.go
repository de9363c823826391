package report

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"deter/backtest"
)

// TestBacktestDocUpToDate: the tables of docs/backtest.md are what deter
// backtest --md prints today (regenerate them with that command), the text
// form lists every case, and the calibration chart is an SVG.
func TestBacktestDocUpToDate(t *testing.T) {
	files, err := backtest.Library()
	if err != nil {
		t.Fatal(err)
	}
	cases, err := backtest.Load(context.Background(), files)
	if err != nil {
		t.Fatal(err)
	}
	r, err := backtest.Run(context.Background(), cases, backtest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var md bytes.Buffer
	if err := BacktestMarkdown(&md, r); err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("../docs/backtest.md")
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- backtest:begin -->\n", "<!-- backtest:end -->"
	i, j := bytes.Index(doc, []byte(begin)), bytes.Index(doc, []byte(end))
	if i < 0 || j < i {
		t.Fatal("docs/backtest.md has no backtest:begin/end markers")
	}
	if got := string(doc[i+len(begin) : j]); got != md.String() {
		t.Errorf("docs/backtest.md is stale; deter backtest --md prints:\n%s", md.String())
	}
	var text, svg bytes.Buffer
	if err := BacktestText(&text, r); err != nil {
		t.Fatal(err)
	}
	for _, c := range r.Cases {
		if !strings.Contains(text.String(), c.ID) {
			t.Errorf("the text form leaves out %s", c.ID)
		}
	}
	if err := CalibrationChart(&svg, r); err != nil || !bytes.Contains(svg.Bytes(), []byte("<svg")) {
		t.Errorf("calibration chart: %v", err)
	}
}
