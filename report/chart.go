package report

import (
	"fmt"
	"image/color"
	"io"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"deter/bargain"
	"deter/engine"
	"deter/sweep"
)

// palette is a colour-blind-safe qualitative palette (Okabe and Ito 2008,
// "Color Universal Design").
var palette = []color.RGBA{
	{0, 114, 178, 255}, {230, 159, 0, 255}, {0, 158, 115, 255}, {204, 121, 167, 255},
	{86, 180, 233, 255}, {213, 94, 0, 255}, {240, 228, 66, 255}, {0, 0, 0, 255},
}

// GroundChart writes an SVG chart of the ground the attacker takes over
// time, one colour per package: solid with guarantor intervention, dashed
// without.
func GroundChart(w io.Writer, res *engine.Result) error {
	p := plot.New()
	p.Title.Text = "Ground lost if deterrence fails: " + res.Scenario
	p.X.Label.Text = "days after the attack"
	p.Y.Label.Text = "area taken by the attacker (km²)"
	p.Legend.Top = true
	p.Legend.Left = true
	p.Add(plotter.NewGrid())
	p.Y.Tick.Marker = plot.TickerFunc(func(min, max float64) []plot.Tick {
		ticks := plot.DefaultTicks{}.Ticks(min, max)
		for i := range ticks {
			if ticks[i].Label != "" {
				ticks[i].Label = num(ticks[i].Value)
				if ticks[i].Value == 0 {
					ticks[i].Label = "0"
				}
			}
		}
		return ticks
	})
	for i, pk := range res.Packages {
		col := palette[i%len(palette)]
		for _, c := range pk.Campaign {
			xy := make(plotter.XYs, len(c.GroundKm2ByDay))
			for d, g := range c.GroundKm2ByDay {
				xy[d].X, xy[d].Y = float64(d), g
			}
			l, err := plotter.NewLine(xy)
			if err != nil {
				return fmt.Errorf("chart: %w", err)
			}
			l.LineStyle.Color = col
			l.LineStyle.Width = vg.Points(1.5)
			label := pk.ID + " (guarantors intervene)"
			if !c.Intervention {
				l.LineStyle.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
				label = pk.ID + " (guarantors stay out)"
			}
			p.Add(l)
			p.Legend.Add(label, l)
		}
	}
	wt, err := p.WriterTo(9*vg.Inch, 5.5*vg.Inch, "svg")
	if err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	_, err = wt.WriteTo(w)
	return err
}

// TimelineChart writes an SVG chart of each package's P(attack by month t)
// over the cease-fire (the timeline model): solid for the attacker that
// chooses when, dashed for the one that never waits. It returns false
// (writing nothing) when no package has a timeline.
func TimelineChart(w io.Writer, res *engine.Result) (bool, error) {
	p := plot.New()
	p.Title.Text = "P(renewed attack) over the cease-fire: " + res.Scenario
	p.X.Label.Text = "years after the cease-fire"
	p.Y.Label.Text = "P(attack by then)"
	p.Y.Min, p.Y.Max = 0, 1
	p.Legend.Top = false
	p.Legend.Left = false
	p.Add(plotter.NewGrid())
	any := false
	for i, pk := range res.Packages {
		tl := pk.Timeline
		if tl == nil || len(tl.Hazard) == 0 {
			continue
		}
		any = true
		col := palette[i%len(palette)]
		xy := make(plotter.XYs, len(tl.Hazard)+1)
		survive := 1.0
		for m, h := range tl.Hazard {
			survive *= 1 - h
			xy[m+1].X, xy[m+1].Y = float64(m+1)/12, 1-survive
		}
		l, err := plotter.NewLine(xy)
		if err != nil {
			return false, fmt.Errorf("chart: %w", err)
		}
		l.LineStyle.Color, l.LineStyle.Width = col, vg.Points(1.5)
		p.Add(l)
		p.Legend.Add(pk.ID+" (chooses when)", l)
		my := plotter.XYs{{X: 0, Y: 0}}
		for y, v := range tl.MyopicByYear {
			my = append(my, plotter.XY{X: float64(y + 1), Y: v})
		}
		d, err := plotter.NewLine(my)
		if err != nil {
			return false, fmt.Errorf("chart: %w", err)
		}
		d.LineStyle.Color, d.LineStyle.Width = col, vg.Points(1)
		d.LineStyle.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		p.Add(d)
	}
	if !any {
		return false, nil
	}
	wt, err := p.WriterTo(9*vg.Inch, 5*vg.Inch, "svg")
	if err != nil {
		return false, fmt.Errorf("chart: %w", err)
	}
	_, err = wt.WriteTo(w)
	return true, err
}

// CostChart writes an SVG stacked bar chart of a package's cost by element
// and year (USD bn). It returns false (writing nothing) when the package
// costs nothing.
func CostChart(w io.Writer, scenarioName string, pk *engine.PackageResult) (bool, error) {
	c := pk.Cost
	if c == nil || c.Total == 0 {
		return false, nil
	}
	p := plot.New()
	p.Title.Text = "Cost by element: " + pk.Name
	p.X.Label.Text = "year after the cease-fire"
	p.Y.Label.Text = "USD bn"
	p.Legend.Top = true
	p.Add(plotter.NewGrid())
	var below *plotter.BarChart
	width := vg.Points(28)
	for i, name := range c.Elements {
		vals := make(plotter.Values, len(c.ByElement[i]))
		copy(vals, c.ByElement[i])
		b, err := plotter.NewBarChart(vals, width)
		if err != nil {
			return false, fmt.Errorf("chart: %w", err)
		}
		b.Color = palette[i%len(palette)]
		b.LineStyle.Width = 0
		if below != nil {
			b.StackOn(below)
		}
		below = b
		p.Add(b)
		p.Legend.Add(name, b)
	}
	names := make([]string, len(c.ByYear))
	for y := range names {
		names[y] = fmt.Sprintf("%d", y+1)
	}
	p.NominalX(names...)
	// Head-room above the tallest bar for the legend.
	top := 0.0
	for _, v := range c.ByYear {
		top = max(top, v)
	}
	p.Y.Min = 0
	p.Y.Max = top * (1.25 + 0.07*float64(len(c.Elements)))
	p.Legend.Left = true
	wt, err := p.WriterTo(7*vg.Inch, 4.5*vg.Inch, "svg")
	if err != nil {
		return false, fmt.Errorf("chart: %w", err)
	}
	_, err = wt.WriteTo(w)
	return err == nil, err
}

// TornadoChart writes a tornado chart: one horizontal bar per uncertain
// value, from the output at its 5% quantile to the output at its 95%, around
// the value at the medians; largest swing on top.
func TornadoChart(w io.Writer, title string, base float64, bars []sweep.Bar) error {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = "output as each value moves over its 5%-95% range (line: all at their medians)"
	p.Add(plotter.NewGrid())
	n := len(bars)
	names := make([]string, n)
	for i, b := range bars {
		y := float64(n - 1 - i) // largest on top
		names[n-1-i] = b.Input
		lo, hi := math.Min(b.Low, b.High), math.Max(b.Low, b.High)
		box, err := plotter.NewPolygon(plotter.XYs{{X: lo, Y: y - 0.35}, {X: hi, Y: y - 0.35}, {X: hi, Y: y + 0.35}, {X: lo, Y: y + 0.35}})
		if err != nil {
			return fmt.Errorf("chart: %w", err)
		}
		box.Color = palette[0]
		box.LineStyle.Width = 0
		p.Add(box)
	}
	mid, err := plotter.NewLine(plotter.XYs{{X: base, Y: -0.6}, {X: base, Y: float64(n) - 0.4}})
	if err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	mid.LineStyle.Color = palette[5]
	mid.LineStyle.Width = vg.Points(1.5)
	p.Add(mid)
	p.NominalY(names...)
	wt, err := p.WriterTo(9*vg.Inch, vg.Length(1.2+0.45*float64(n))*vg.Inch, "svg")
	if err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	_, err = wt.WriteTo(w)
	return err
}

// DistributionChart writes box plots of one output's draws, one box per
// package (median, quartiles, whiskers at 1.5 IQR, outliers as points).
func DistributionChart(w io.Writer, title string, packages []string, values [][]float64) error {
	p := plot.New()
	p.Title.Text = title
	p.Add(plotter.NewGrid())
	var names []string
	k := 0
	for i, vs := range values {
		var finite plotter.Values
		for _, v := range vs {
			if !math.IsInf(v, 0) && !math.IsNaN(v) {
				finite = append(finite, v)
			}
		}
		if len(finite) == 0 {
			continue
		}
		b, err := plotter.NewBoxPlot(vg.Points(30), float64(k), finite)
		if err != nil {
			return fmt.Errorf("chart: %w", err)
		}
		b.FillColor = palette[i%len(palette)]
		p.Add(b)
		names = append(names, packages[i])
		k++
	}
	if k == 0 {
		return fmt.Errorf("chart: no finite values to plot")
	}
	p.NominalX(names...)
	wt, err := p.WriterTo(9*vg.Inch, 4.5*vg.Inch, "svg")
	if err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	_, err = wt.WriteTo(w)
	return err
}

// ParetoPoint is one design on the front.
type ParetoPoint struct {
	PAttack, Cost, Shortfall float64
}

// ParetoChart writes a scatter of the Pareto front: P(renewed attack) against
// cost over five years; the designs that both attacker and defender would
// sign are drawn apart from those they would not.
func ParetoChart(w io.Writer, title string, pts []ParetoPoint) error {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = "cost over five years (US$ bn)"
	p.Y.Label.Text = "P(renewed attack within a year)"
	p.Add(plotter.NewGrid())
	p.Legend.Top = true
	var signed, refused plotter.XYs
	for _, q := range pts {
		if q.Shortfall <= 0 {
			signed = append(signed, plotter.XY{X: q.Cost, Y: q.PAttack})
		} else {
			refused = append(refused, plotter.XY{X: q.Cost, Y: q.PAttack})
		}
	}
	if len(signed)+len(refused) == 0 {
		return fmt.Errorf("chart: no points")
	}
	for i, g := range []struct {
		xy    plotter.XYs
		label string
	}{{signed, "both sides would sign"}, {refused, "rejected by attacker or defender"}} {
		if len(g.xy) == 0 {
			continue
		}
		s, err := plotter.NewScatter(g.xy)
		if err != nil {
			return fmt.Errorf("chart: %w", err)
		}
		s.GlyphStyle.Color = palette[[]int{2, 5}[i]]
		s.GlyphStyle.Radius = vg.Points(4)
		p.Add(s)
		p.Legend.Add(g.label, s)
	}
	wt, err := p.WriterTo(8*vg.Inch, 5*vg.Inch, "svg")
	if err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	_, err = wt.WriteTo(w)
	return err
}

// TradeOffChart writes a scatter of the packages: P(renewed attack within
// five years) against the attacker's margin for signing; frontier
// packages are labelled and drawn apart, packages crossing the attacker's
// hard red line are drawn at the left edge in their own colour.
func TradeOffChart(w io.Writer, title string, pts []bargain.TradePoint) error {
	if len(pts) == 0 {
		return fmt.Errorf("chart: no points")
	}
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = "attacker's margin for signing (km² of the disputed area; < 0 rejects)"
	p.Y.Label.Text = "P(renewed attack within 5 years)"
	p.Add(plotter.NewGrid())
	p.Legend.Top = true
	lo := 0.0
	for _, t := range pts {
		lo = math.Min(lo, t.AttackerMargin)
	}
	groups := map[string]plotter.XYs{}
	var labels plotter.XYLabels
	for _, t := range pts {
		x := t.AttackerMargin
		g := "other packages"
		switch {
		case t.HardRedLine:
			g = "crosses the attacker's hard red line"
		case t.Frontier:
			g = "frontier"
		}
		groups[g] = append(groups[g], plotter.XY{X: x, Y: t.PAttack5})
		labels.XYs = append(labels.XYs, plotter.XY{X: x, Y: t.PAttack5})
		labels.Labels = append(labels.Labels, " "+t.ID)
	}
	for i, g := range []string{"frontier", "other packages", "crosses the attacker's hard red line"} {
		if len(groups[g]) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(groups[g])
		if err != nil {
			return fmt.Errorf("chart: %w", err)
		}
		sc.GlyphStyle.Color = palette[[]int{2, 0, 5}[i]]
		sc.GlyphStyle.Radius = vg.Points(4)
		p.Add(sc)
		p.Legend.Add(g, sc)
	}
	l, err := plotter.NewLabels(labels)
	if err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	p.Add(l)
	wt, err := p.WriterTo(8*vg.Inch, 5*vg.Inch, "svg")
	if err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	_, err = wt.WriteTo(w)
	return err
}
