package report

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"text/tabwriter"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"deter/backtest"
)

func outcome(attacked bool) string {
	if attacked {
		return "attacked"
	}
	return "not attacked"
}

// BacktestText writes a backtest as aligned text: the scores against the
// baselines, every case with its predictions and error, and the fitted
// coefficients with what the data and the priors decided.
func BacktestText(w io.Writer, r *backtest.Result) error {
	fmt.Fprintf(w, "Case library: %d cases, %d attacked within their window (base rate %.2f)\n\n", len(r.Cases), r.Attacked, float64(r.Attacked)/float64(len(r.Cases)))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "predictions of an attack within the window\tBrier\tlog loss\tAUC")
	for _, s := range scoreRows(r) {
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%s\n", s.name, s.s.Brier, s.s.LogLoss, auc(s.s.AUC))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "case\toutcome\twindow\tat priors\tfitted\tleave-one-out\terror\tbase rate\tcease-fire record")
	for _, c := range r.Cases {
		fmt.Fprintf(tw, "%s\t%s\t%g y\t%.2f\t%.2f\t%.2f\t%+.2f\t%.2f\t%.2f\n", c.ID, outcome(c.Attacked), c.Window, c.Prior, c.InSample, c.LOO, c.LOO-b2f(c.Attacked), c.BaseRate, c.Record)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "coefficient\tprior median (95%)\tposterior mode (95%)\tsd ratio\tmode, prior sd x3\tdecided by")
	for _, c := range r.Coefficients {
		fmt.Fprintf(tw, "%s\t%s (%s-%s)\t%s (%s-%s)\t%.2f\t%s\t%s\n", c.Key, g3(c.Prior), g3(c.PriorLo), g3(c.PriorHi),
			g3(c.Mode), g3(c.Lo), g3(c.Hi), c.Shrinkage, g3(c.WidePrior), decidedBy(c))
	}
	return tw.Flush()
}

// BacktestMarkdown writes the same as BacktestText as Markdown tables.
func BacktestMarkdown(w io.Writer, r *backtest.Result) error {
	fmt.Fprintf(w, "%d cases, %d attacked within their window (base rate %.2f).\n\n", len(r.Cases), r.Attacked, float64(r.Attacked)/float64(len(r.Cases)))
	fmt.Fprintln(w, "| predictions of an attack within the window | Brier | log loss | AUC |\n|---|---|---|---|")
	for _, s := range scoreRows(r) {
		fmt.Fprintf(w, "| %s | %.3f | %.3f | %s |\n", s.name, s.s.Brier, s.s.LogLoss, auc(s.s.AUC))
	}
	fmt.Fprintln(w, "\n| case | outcome | window | at priors | fitted | leave-one-out | error | base rate | cease-fire record |\n|---|---|---|---|---|---|---|---|---|")
	for _, c := range r.Cases {
		fmt.Fprintf(w, "| %s | %s | %g y | %.2f | %.2f | %.2f | %+.2f | %.2f | %.2f |\n", c.ID, outcome(c.Attacked), c.Window, c.Prior, c.InSample, c.LOO, c.LOO-b2f(c.Attacked), c.BaseRate, c.Record)
	}
	fmt.Fprintln(w, "\n| coefficient | prior median (95%) | posterior mode (95%) | sd ratio | mode, prior sd ×3 | decided by |\n|---|---|---|---|---|---|")
	for _, c := range r.Coefficients {
		fmt.Fprintf(w, "| `%s` | %s (%s–%s) | %s (%s–%s) | %.2f | %s | %s |\n", c.Key, g3(c.Prior), g3(c.PriorLo), g3(c.PriorHi),
			g3(c.Mode), g3(c.Lo), g3(c.Hi), c.Shrinkage, g3(c.WidePrior), decidedBy(c))
	}
	return nil
}

type scoreRow struct {
	name string
	s    backtest.Scores
}

func scoreRows(r *backtest.Result) []scoreRow {
	return []scoreRow{
		{"deterrence model, leave-one-out (each case from a fit without it)", r.LOO},
		{"deterrence model, fitted to all cases (in sample)", r.InSample},
		{"deterrence model at the priors' centres (no fit)", r.Prior},
		{"base rate, leave-one-out", r.BaseRate},
		{"cease-fire hazard model (Fortna 2003 covariates, fitted to its own 35 cases)", r.Record},
	}
}

// decidedBy reads the sd ratio: the data narrowed the prior (below 0.5),
// partly (0.5-0.9), or the prior decided (0.9 and above).
func decidedBy(c backtest.Coefficient) string {
	switch {
	case math.IsNaN(c.Shrinkage):
		return "undetermined (flat)"
	case c.Shrinkage < 0.5:
		return "the cases"
	case c.Shrinkage < 0.9:
		return "cases and prior"
	}
	return "the prior"
}

func auc(x float64) string {
	if math.IsNaN(x) {
		return "-"
	}
	return fmt.Sprintf("%.2f", x)
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func g3(x float64) string {
	s := fmt.Sprintf("%.3g", x)
	if strings.Contains(s, "e") {
		return fmt.Sprintf("%.0f", x)
	}
	return s
}

// CalibrationChart writes an SVG calibration chart of the leave-one-out
// predictions: each case at its predicted probability (y: 1 attacked, 0
// not, jittered apart), and the observed share attacked in four bins of
// the prediction against the diagonal of perfect calibration.
func CalibrationChart(w io.Writer, r *backtest.Result) error {
	p := plot.New()
	p.Title.Text = "Case library: leave-one-out calibration of P(attack within the window)"
	p.X.Label.Text = "predicted probability (fit without the case)"
	p.Y.Label.Text = "observed: attacked (1) or not (0); share attacked per bin"
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, -0.05, 1.05
	p.Add(plotter.NewGrid())
	diag, err := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}})
	if err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	diag.LineStyle.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	p.Add(diag)
	p.Legend.Add("perfect calibration", diag)
	rows := append([]backtest.Row(nil), r.Cases...)
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].LOO < rows[j].LOO })
	pts := make(plotter.XYs, len(rows))
	for i, c := range rows {
		pts[i].X = c.LOO
		pts[i].Y = b2f(c.Attacked) + 0.03*float64(i%3-1)
	}
	sc, err := plotter.NewScatter(pts)
	if err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	sc.GlyphStyle.Color = palette[0]
	sc.GlyphStyle.Shape = draw.CircleGlyph{}
	p.Add(sc)
	p.Legend.Add("cases", sc)
	var bins plotter.XYs
	for b := range 4 {
		lo, hi := float64(b)/4, float64(b+1)/4
		n, k, sp := 0.0, 0.0, 0.0
		for _, c := range rows {
			if c.LOO >= lo && (c.LOO < hi || b == 3) {
				n++
				k += b2f(c.Attacked)
				sp += c.LOO
			}
		}
		if n > 0 {
			bins = append(bins, plotter.XY{X: sp / n, Y: k / n})
		}
	}
	if len(bins) > 0 {
		l, s, err := plotter.NewLinePoints(bins)
		if err != nil {
			return fmt.Errorf("chart: %w", err)
		}
		l.LineStyle.Color, s.GlyphStyle.Color = palette[5], palette[5]
		s.GlyphStyle.Shape = draw.BoxGlyph{}
		p.Add(l, s)
		p.Legend.Add("share attacked, per quarter", l, s)
	}
	// The cases sit at 0 and 1: the legend goes between them.
	p.Legend.Top, p.Legend.Left = false, false
	p.Legend.YOffs, p.Legend.XOffs = 1.9*vg.Inch, -0.2*vg.Inch
	wt, err := p.WriterTo(7*vg.Inch, 5*vg.Inch, "svg")
	if err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	_, err = wt.WriteTo(w)
	return err
}
