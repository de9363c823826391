package report

import (
	"fmt"
	"html/template"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"deter/engine"
	"deter/scenario"
	"deter/sweep"
)

// Brief is the one-page brief of a run (deter brief): the question, the
// packages, each verdict with its interval, the assumptions that decide it
// with their switch-over values, and the sources, for a minister's desk.
// It is printable to one A4 page.
type Brief struct {
	Scenario    *scenario.Scenario
	Result      *engine.Result
	Uncertainty *sweep.Comparison // required: a brief without intervals is not made
	// Switches[i] are package i's switch-over values of P(attack within 5
	// years) at Threshold, nearest their median first (sweep.Plan.SwitchOver).
	Switches  [][]sweep.Switch
	Threshold float64
	Version   string
	// Command is the command line that made the brief, to reproduce it.
	Command string
}

// BriefRow is one package's line in the brief.
type BriefRow struct {
	Name, ID       string
	Puts           string // what the package puts in
	Verdict        string // deters / deters weakly / does not deter
	Class          string // CSS class of the verdict
	P1, P5, Ground string // median [5%-95%]
	Cost           string
	Best           string
	RestsOn        string
	Refuses        string // who would not sign
	Decisive       string // the switch-over values, in words
}

// Verdict thresholds on the median P(attack within 5 years): below
// DetersBelow the package deters, below WeaklyBelow it deters weakly, else
// it does not. They are reading conventions of the brief (an assumption,
// printed on it), not model parameters: the numbers are shown beside them.
const (
	DetersBelow = 0.10
	WeaklyBelow = 0.50
)

// Rows builds the brief's table.
func (b *Brief) Rows() []BriefRow {
	var rows []BriefRow
	get := func(pkg, out string) sweep.Summary {
		for _, s := range b.Uncertainty.Summaries {
			if s.Package == pkg && s.Output == out {
				return s
			}
		}
		return sweep.Summary{}
	}
	for i, p := range b.Result.Packages {
		r := BriefRow{Name: p.Name, ID: p.ID, Puts: puts(p)}
		p5 := get(p.ID, "p_attack_5y")
		switch {
		case p5.Median < DetersBelow:
			r.Verdict, r.Class = "deters", "good"
		case p5.Median < WeaklyBelow:
			r.Verdict, r.Class = "deters weakly", "mid"
		default:
			r.Verdict, r.Class = "does not deter", "bad"
		}
		r.P1, r.P5 = Span("p_attack_1y", get(p.ID, "p_attack_1y")), Span("p_attack_5y", p5)
		r.Ground = Span("ground_km2_d365", get(p.ID, "ground_km2_d365"))
		r.Cost = Span("cost_5y_usd_bn", get(p.ID, "cost_5y_usd_bn"))
		if a := slices.Index(b.Uncertainty.Packages, p.ID); a >= 0 {
			r.Best = ProbText(b.Uncertainty.Best[a])
		}
		r.RestsOn = restsOnWords(b.Uncertainty, p.ID, "p_attack_5y")
		r.Refuses = refuses(p)
		if i < len(b.Switches) {
			r.Decisive = decisive(b.Switches[i], b.Threshold)
		}
		if d := driversText(b.Uncertainty, p.ID, "p_attack_5y"); d != "-" && !slices.ContainsFunc(b.Switches[i], func(s sweep.Switch) bool { return s.Found }) {
			r.Decisive += "; its largest drivers: " + d
		}
		rows = append(rows, r)
	}
	return rows
}

// BottomLine is the brief's first sentence: the package most often best,
// what it costs and who would not sign it.
func (b *Brief) BottomLine() string {
	c := b.Uncertainty
	if len(c.Best) == 0 {
		return ""
	}
	best := 0
	for a := range c.Best {
		if c.Best[a] > c.Best[best] {
			best = a
		}
	}
	var row BriefRow
	for _, r := range b.Rows() {
		if r.ID == c.Packages[best] {
			row = r
		}
	}
	s := fmt.Sprintf("%s deters best in %s of %d draws of the uncertain inputs: P(renewed attack within 5 years) %s, at %s US$ bn over 5 years.",
		row.Name, ProbText(c.Best[best]), c.Draws, row.P5, row.Cost)
	if row.Refuses != "" {
		s += " Not signed by " + row.Refuses + "."
	} else {
		s += " Every actor would sign it."
	}
	return s
}

// puts says in a few words what a package puts in.
func puts(p engine.PackageResult) string {
	in := p.Inputs
	var parts []string
	if in.ForeignTroops > 0 {
		parts = append(parts, num(in.ForeignTroops)+" foreign troops")
	}
	if in.CombatAircraft > 0 {
		parts = append(parts, num(in.CombatAircraft)+" aircraft")
	}
	if in.ArmsUSDbn > 0 {
		parts = append(parts, "US$ "+num(in.ArmsUSDbn)+" bn arms")
	}
	if in.Commitment != "" && in.Commitment != "none" {
		parts = append(parts, in.Commitment)
	}
	parts = append(parts, strconv.Itoa(len(p.Mechanisms))+" mechanisms")
	return strings.Join(parts, "; ")
}

// refuses names the actors that would not sign (hard red lines marked).
func refuses(p engine.PackageResult) string {
	if p.Acceptability == nil {
		return ""
	}
	var out []string
	for _, v := range p.Acceptability.Verdicts {
		if !v.Accept {
			if v.Hard {
				out = append(out, v.Actor+" (red line)")
			} else {
				out = append(out, v.Actor)
			}
		}
	}
	return strings.Join(out, ", ")
}

// decisive says which inputs, moved alone, flip the verdict and where. A
// crossing above the input's median reads "above X", below it "below X";
// whether the package then stops deterring or starts to follows from the
// direction: the output rises through the threshold (Rising) on the far
// side of the median exactly when it sits below the threshold now.
func decisive(sw []sweep.Switch, thr float64) string {
	var parts []string
	flip := ""
	for _, s := range sw {
		if !s.Found || len(parts) == 2 {
			continue
		}
		up := s.Quantile > 0.5
		if flip == "" {
			flip = "would deter"
			if s.Rising == up {
				flip = "stops deterring"
			}
		}
		name := inputName(s.Input)
		if s.Level != "" {
			parts = append(parts, fmt.Sprintf("%s is %s instead of %s", name, s.Level, s.MedianLevel))
			continue
		}
		dir := "below"
		if up {
			dir = "above"
		}
		parts = append(parts, fmt.Sprintf("%s is %s %s (median %s)", name, dir, sig3(s.Value), sig3(s.Median)))
	}
	if len(parts) == 0 {
		return fmt.Sprintf("keeps its verdict whichever single input moves alone over its range (P(attack within 5 years) stays on its side of %s)", ProbText(thr))
	}
	return fmt.Sprintf("%s (P(attack within 5 years) crosses %s) if %s", flip, ProbText(thr), strings.Join(parts, ", or if "))
}

// inputName shortens an input's path for the brief: the last field, and
// the line it comes from.
func inputName(in string) string {
	path, where, ok := strings.Cut(in, " (")
	if !ok {
		return in
	}
	if strings.HasPrefix(path, "models.deterrence.intervention") {
		return "the intervention rule"
	}
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		path = path[i+1:]
	}
	where = strings.TrimSuffix(where, ")")
	if f, line, ok := strings.Cut(where, " line "); ok {
		where = f + ":" + line // coefficients.yaml:13
	}
	return fmt.Sprintf("%s [%s]", path, where)
}

// restsOnWords says what a headline's variance rests on, largest group
// first, groups under 5% left out.
func restsOnWords(c *sweep.Comparison, pkg, output string) string {
	short := map[string]string{"fitted to the case library": "fitted coefficients", "assumptions": "assumptions",
		"sourced": "sourced values", "model rules (structural)": "model rule"}
	for _, s := range c.Provenance {
		if s.Package != pkg || s.Output != output {
			continue
		}
		type part struct {
			name string
			pct  int
		}
		var parts []part
		for g, x := range s.Groups {
			if p := int(5 * math.Round(20*x)); p > 0 {
				parts = append(parts, part{short[c.ProvenanceGroups[g]], p})
			}
		}
		slices.SortStableFunc(parts, func(a, b part) int { return b.pct - a.pct })
		var words []string
		for _, p := range parts {
			words = append(words, fmt.Sprintf("%s %d%%", p.name, p.pct))
		}
		all := int(5 * math.Round(20*s.All))
		if len(words) == 0 {
			return fmt.Sprintf("P(attack) does not vary enough over the draws to say what it rests on (all inputs together %d%%)", all)
		}
		return fmt.Sprintf("P(attack) rests on %s (all inputs together %d%%)", strings.Join(words, ", "), all)
	}
	return ""
}

// sig3 prints a number with three significant digits.
func sig3(x float64) string { return strconv.FormatFloat(x, 'g', 3, 64) }

// BriefHTML writes the brief as one self-contained HTML page sized for A4.
func BriefHTML(w io.Writer, b *Brief) error {
	if b.Uncertainty == nil {
		return fmt.Errorf("report: a brief needs the comparison under uncertainty")
	}
	return briefTmpl.Execute(w, b)
}

var briefTmpl = template.Must(template.New("brief").Funcs(funcs).Funcs(template.FuncMap{"clip": clip}).Parse(briefHTML))

// clip shortens a citation for the brief's sources to about 90 characters,
// cut at a word (the full citations are in deter report).
func clip(s string) string {
	const n = 90
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut < n/2 {
		cut = n
	}
	return strings.TrimRight(s[:cut], " ,;:(") + " …"
}

const briefHTML = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Brief: {{.Scenario.Name}}</title>
<style>
@page { size: A4; margin: 9mm 11mm; }
* { box-sizing: border-box; }
body { font: 8.2pt/1.25 "DejaVu Sans", Arial, sans-serif; color: #111; margin: 0 auto; max-width: 188mm; }
h1 { font-size: 13pt; margin: 0 0 0.5mm; }
h2 { font-size: 9.5pt; margin: 2.5mm 0 1mm; border-bottom: 0.3mm solid #999; }
p { margin: 0.8mm 0; }
.meta { color: #555; font-size: 7.5pt; }
.bottom { font-size: 9pt; font-weight: bold; margin: 1.5mm 0; padding: 1.5mm 2mm; background: #eef2f7; border-left: 1mm solid #3a5f8f; }
table { border-collapse: collapse; width: 100%; font-size: 7.3pt; }
.n { white-space: nowrap; }
th, td { border-bottom: 0.2mm solid #ccc; padding: 0.4mm 0.8mm; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
.good { color: #116611; font-weight: bold; } .mid { color: #8a5a00; font-weight: bold; } .bad { color: #a11; font-weight: bold; }
ul { margin: 0.5mm 0; padding-left: 4mm; } li { margin: 0.4mm 0; }
.sources { font-size: 6.1pt; line-height: 1.2; color: #333; columns: 3; column-gap: 4mm; }
.sources p { margin: 0 0 0.5mm; break-inside: avoid; }
.foot { font-size: 6.6pt; color: #555; margin-top: 1.5mm; }
</style></head><body>
<h1>{{.Scenario.Name}}</h1>
<p class="meta">As of {{.Scenario.AsOf}} · deter {{.Version}} · {{.Uncertainty.Draws}} draws of {{.Uncertainty.Uncertain}} uncertain inputs, seed {{.Uncertainty.Seed}}</p>
<p><b>The question.</b> {{.Scenario.Description}} Which package deters a renewed attack, what happens if deterrence fails, what it costs, and who would sign it?</p>
<p class="bottom">{{.BottomLine}}</p>
<h2>The packages and the verdicts</h2>
<table>
<tr><th>package</th><th>verdict</th><th>P(attack within 1 year / 5 years)</th><th>km² lost in a year<br>if attacked</th><th>cost 5 y, US$ bn</th><th>best in</th><th>would not sign</th></tr>
{{range .Rows}}<tr><td><b>{{.Name}}</b><br><span class="meta">{{.Puts}}</span></td><td class="{{.Class}} n">{{.Verdict}}</td><td class="n">{{.P1}}<br>{{.P5}}</td><td class="n">{{.Ground}}</td><td class="n">{{.Cost}}</td><td>{{.Best}}</td><td>{{if .Refuses}}{{.Refuses}}{{else}}-{{end}}</td></tr>
{{end}}</table>
<p class="meta">Median [5%-95%] over the draws, digits as the interval supports. Verdict from the median P(attack within 5 years): below {{prob .DetersBelow}} deters, below {{prob .WeaklyBelow}} weakly (a reading convention). "Best in": share of draws with the package's P(attack within 5 years) lowest.</p>
<h2>What decides the verdict</h2>
<ul>
{{range .Rows}}<li><b>{{.Name}}</b> {{.Decisive}}. {{.RestsOn}}.</li>
{{end}}</ul>
<p class="meta">Switch-over values: one input moved alone, the others at their medians (Clemen and Reilly 2014). "Rests on": % of the variance of P(attack within 5 years) over the draws explained by the coefficients fitted to the historical case library (deter backtest), by assumptions, by sourced values and by the model rule drawn as structural uncertainty (adjusted R² of rank regressions). The case library is small: read the intervals, not the medians.</p>
<h2>Sources</h2>
<div class="sources">{{range .Scenario.References}}<p><b>{{.ID}}</b>: {{clip .Citation}}</p>{{end}}</div>
<p class="foot">Reproduce: <code>{{.Command}}</code>. More: deter report, deter sensitivity, deter effects. Model outputs under the stated assumptions, not forecasts of record.</p>
</body></html>
`

// DetersBelow and WeaklyBelow for the template.
func (b *Brief) DetersBelow() float64 { return DetersBelow }

// WeaklyBelow for the template.
func (b *Brief) WeaklyBelow() float64 { return WeaklyBelow }
