package report

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"

	"deter/engine"
	"deter/scenario"
	"deter/sweep"
)

// Document is what the HTML and Markdown reports show.
type Document struct {
	Result     *engine.Result
	References []scenario.Reference
	Ground     template.HTML   // inline SVG
	Costs      []template.HTML // inline SVG per costed package
	TradeOff   template.HTML   // inline SVG, empty without a trade-off
	Timeline   template.HTML   // inline SVG, empty without timelines
	Version    string
	// Uncertainty is the packages' answer over draws of every uncertain
	// value (nil: nominal values only).
	Uncertainty *sweep.Comparison
	// Coefficients says where the judgement coefficients come from.
	Coefficients string
	// Switches[i] are package i's switch-over values of P(attack within 5
	// years) at 50% (nil: not computed).
	Switches [][]sweep.Switch
}

// Decides says what decides package i's verdict: the inputs whose
// switch-over values flip it, else its largest drivers ("" when neither
// was computed).
func (d *Document) Decides(i int) string {
	if d.Uncertainty == nil || i >= len(d.Result.Packages) {
		return ""
	}
	id := d.Result.Packages[i].ID
	var out string
	if i < len(d.Switches) {
		out = decisive(d.Switches[i], 0.5)
		if slices.ContainsFunc(d.Switches[i], func(s sweep.Switch) bool { return s.Found }) {
			return out
		}
		out += "; "
	}
	return out + "largest drivers: " + driversText(d.Uncertainty, id, "p_attack_5y")
}

// Band is a package's headline over the draws: median [5%-95%]
// (probabilities with the digits they support).
func (d *Document) Band(pkg, output string) string {
	if d.Uncertainty == nil {
		return ""
	}
	for _, s := range d.Uncertainty.Summaries {
		if s.Package == pkg && s.Output == output {
			return Span(output, s)
		}
	}
	return ""
}

// Name is the name of the package whose timeline tl is.
func (d *Document) Name(tl *engine.Timeline) string {
	for _, p := range d.Result.Packages {
		if p.Timeline == tl {
			return p.Name
		}
	}
	return ""
}

// RestsOn is the share of a package's headline variance over the draws
// that each provenance group explains ("a/b/c/d (all e)", per cent).
func (d *Document) RestsOn(pkg, output string) string {
	if d.Uncertainty == nil {
		return ""
	}
	return shareCell(d.Uncertainty, pkg, output)
}

// NewDocument renders the charts of res for a report.
func NewDocument(s *scenario.Scenario, res *engine.Result, cmp *sweep.Comparison, version string) (*Document, error) {
	d := &Document{Result: res, References: s.References, Version: version, Uncertainty: cmp, Coefficients: coefficientsText(res.Coefficients)}
	var b bytes.Buffer
	if err := GroundChart(&b, res); err != nil {
		return nil, err
	}
	d.Ground = template.HTML(stripXMLHeader(b.String()))
	var tb bytes.Buffer
	if ok, err := TimelineChart(&tb, res); err != nil {
		return nil, err
	} else if ok {
		d.Timeline = template.HTML(stripXMLHeader(tb.String()))
	}
	if len(res.TradeOff) > 0 {
		var t bytes.Buffer
		if err := TradeOffChart(&t, "Deterrence against acceptability to the attacker", res.TradeOff); err != nil {
			return nil, err
		}
		d.TradeOff = template.HTML(stripXMLHeader(t.String()))
	}
	for i := range res.Packages {
		var c bytes.Buffer
		ok, err := CostChart(&c, res.Scenario, &res.Packages[i])
		if err != nil {
			return nil, err
		}
		if ok {
			d.Costs = append(d.Costs, template.HTML(stripXMLHeader(c.String())))
		}
	}
	return d, nil
}

// stripXMLHeader drops the XML declaration and doctype so the SVG can sit
// inside HTML.
func stripXMLHeader(svg string) string {
	if i := strings.Index(svg, "<svg"); i > 0 {
		return svg[i:]
	}
	return svg
}

var funcs = template.FuncMap{
	"pct":    func(x float64) string { return fmt.Sprintf("%.0f%%", 100*x) },
	"prob":   ProbText,
	"extent": extent,
	"help":   helpSummary,
	"num":    num,
	"money":  money,
	"margin": margin,
	"day": func(p *float64) string {
		if p == nil {
			return "not reached"
		}
		return fmt.Sprintf("day %.1f", *p)
	},
	// rounds is the number of bargaining rounds to convergence, as run
	// prints it (the states less the initial one).
	"rounds": func(sf *engine.SpatialForecast) int { return len(sf.States) - 1 },
	// years is a timeline's P(attack) by years 1, 2, 3, 5 and 10 ("-"
	// beyond its horizon).
	"years": func(tl *engine.Timeline) []string {
		var out []string
		for _, y := range []int{1, 2, 3, 5, 10} {
			if y <= len(tl.ByYear) {
				out = append(out, ProbText(tl.ByYear[y-1]))
			} else {
				out = append(out, "-")
			}
		}
		return out
	},
	"inc": func(i int) int { return i + 1 },
	// shifts reports whether any package has a commitment-problem answer.
	"shifts": func(r *engine.Result) bool {
		for _, p := range r.Packages {
			if p.Acceptability != nil && p.Acceptability.Shift != nil {
				return true
			}
		}
		return false
	},
}

var htmlTmpl = template.Must(template.New("report").Funcs(funcs).Parse(fullHTML))

const fullHTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Result.Scenario}}: deter report</title>
<style>
body { font-family: Georgia, serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; border-bottom: 1px solid #ccc; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; margin: 0.5rem 0 1rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3rem 0.5rem; text-align: right; vertical-align: top; }
th:first-child, td:first-child, td.text { text-align: left; }
th { background: #f3f3f3; }
.note { color: #555; font-size: 0.9rem; }
svg { max-width: 100%; height: auto; }
.hard { color: #a00; font-weight: bold; }
</style>
</head>
<body>
<h1>{{.Result.Scenario}}</h1>
<p class="note">As of {{.Result.AsOf}} · horizon {{.Result.HorizonDays}} days · seed {{.Result.Seed}} · deter {{.Version}}.
Nominal values (distributions at their means); <code>deter sweep</code> gives the uncertainty.</p>

<h2>The packages</h2>
<table>
<tr><th>package</th><th>mechanisms</th><th>foreign troops</th><th>of which NATO-state</th><th>guarantor aircraft</th><th>arms (US$ bn)</th><th>strongest commitment</th></tr>
{{range .Result.Packages}}<tr><td>{{.Name}}</td><td>{{len .Mechanisms}}</td>{{with .Inputs}}<td>{{num .ForeignTroops}}</td><td>{{num .NATOStateTroops}}</td><td>{{num .CombatAircraft}}</td><td>{{num .ArmsUSDbn}}</td><td class="text">{{.Commitment}}</td>{{end}}</tr>{{end}}
</table>

<h2>Does it deter?</h2>
<table>
<tr><th>package</th><th>P(attack) 1 year</th><th>5 years</th><th>best attack</th><th>P(guarantors intervene)</th><th>credibility needed</th><th>P(honour) by guarantor</th></tr>
{{range .Result.Packages}}{{$p := .}}{{with .Deterrence}}<tr><td>{{$p.Name}}</td><td>{{pct .PAttack1}}</td><td>{{pct .PAttack5}}</td><td>{{extent .}}</td><td>{{pct .PIntervention}}</td><td>{{pct .Threshold}}</td>
<td class="text">{{range $i, $g := .Guarantors}}{{if $i}}, {{end}}{{$g.ID}} {{pct $g.PHonour}}{{end}}</td></tr>{{end}}{{end}}
</table>
<ul class="note">{{range .Result.Packages}}{{$p := .}}{{with .Deterrence}}<li><b>{{$p.Name}}</b>: {{.Deciding}}{{with help .}} Forms of help if attacked: {{.}}.{{end}}{{if .Path}}
<details class="path"><summary>equilibrium path ({{.Method}})</summary><ul>{{range .Path}}<li>{{.}}</li>{{end}}</ul></details>{{end}}</li>{{end}}{{end}}</ul>

<p class="note">{{.Coefficients}}</p>
{{with .Uncertainty}}<h3>Under uncertainty</h3>
<p class="note">{{.Draws}} draws of the {{.Uncertain}} uncertain inputs (the scenario's distributions and the shared coefficients{{range .Structural}}; model rule drawn as structural uncertainty: {{.}}{{end}}), seed {{.Seed}}; median [5%-95%], digits as the interval supports. P(best): the share of draws in which the package has the lowest P(attack within 5 years). Rests on: % of the variance over the draws explained by the fitted / assumption / sourced / model-rule inputs (adjusted R² of rank regressions, first order; all: every input together).</p>
<table>
<tr><th>package</th><th>P(attack) 1 year</th><th>5 years</th><th>rests on</th><th>ground km² in a year</th><th>rests on</th><th>P(best)</th><th>mean regret, 5 years</th></tr>
{{range $i, $p := .Packages}}<tr><td>{{$p}}</td><td>{{$.Band $p "p_attack_1y"}}</td><td>{{$.Band $p "p_attack_5y"}}</td><td>{{$.RestsOn $p "p_attack_5y"}}</td><td>{{$.Band $p "ground_km2_d365"}}</td><td>{{$.RestsOn $p "ground_km2_d365"}}</td><td>{{prob (index $.Uncertainty.Best $i)}}</td><td>{{prob (index $.Uncertainty.Regret $i)}}</td></tr>{{end}}
</table>
{{if $.Switches}}<p class="note">What decides each verdict (switch-over values: one input moved alone, the others at their medians, until P(attack within 5 years) crosses 50%; drivers: standardised rank regression coefficients over the draws):</p>
<ul class="note">{{range $i, $p := $.Result.Packages}}<li><b>{{$p.Name}}</b> {{$.Decides $i}}.</li>{{end}}</ul>{{end}}
<p class="note">P(the row's package deters better than the column's over 5 years), draw by draw:</p>
<table>
<tr><th></th>{{range .Packages}}<th>{{.}}</th>{{end}}</tr>
{{range $a, $p := .Packages}}<tr><td>{{$p}}</td>{{range $b, $q := $.Uncertainty.Packages}}<td>{{if eq $a $b}}-{{else}}{{prob (index (index $.Uncertainty.Better $a) $b)}}{{end}}</td>{{end}}</tr>{{end}}
</table>{{end}}

<h3>The record: cease-fires with the same content</h3>
<p class="note">Weibull hazard model fitted here to {{with .Result.Ceasefire}}{{.Cases}}{{end}} interstate cease-fires 1948-2023 (after Fortna 2003; not her published coefficients); 90% intervals.</p>
<table>
<tr><th>package</th><th>holds 1 year</th><th>5 years</th><th>10 years</th><th>content the record sees</th></tr>
{{range .Result.Packages}}{{$p := .}}{{with .Empirical}}<tr><td>{{$p.Name}}</td><td>{{pct (index .Survive 0)}} ({{pct (index .Low 0)}}-{{pct (index .High 0)}})</td><td>{{pct (index .Survive 1)}} ({{pct (index .Low 1)}}-{{pct (index .High 1)}})</td><td>{{pct (index .Survive 2)}} ({{pct (index .Low 2)}}-{{pct (index .High 2)}})</td>
<td class="text">{{range $i, $m := .Mechanisms}}{{if $i}}, {{end}}{{$m}}{{end}}{{if .Disagreement}}<br><b>Strong disagreement with the game:</b> {{.Disagreement}}.{{end}}</td></tr>{{end}}{{end}}
</table>

<h2>If deterrence fails: the campaign</h2>
<table>
<tr><th>package</th><th>guarantors</th><th>first objective</th><th>km² lost day 30</th><th>day 90</th><th>day 365</th><th>attacker losses</th><th>defender losses</th></tr>
{{range .Result.Packages}}{{$p := .}}{{range .Campaign}}<tr><td>{{$p.Name}}</td><td class="text">{{if .Intervention}}intervene{{else}}stay out{{end}}</td>
<td class="text">{{.FirstObjective}} {{day .FirstObjectiveDay}}</td><td>{{num .GroundKm2At30}}</td><td>{{num .GroundKm2At90}}</td><td>{{num .GroundKm2At365}}</td>
<td>{{num .AttackerLosses}}</td><td>{{num .DefenderLosses}}</td></tr>{{end}}{{end}}
</table>
<figure>{{.Ground}}<figcaption class="note">Ground taken by the attacker over time: solid with guarantor intervention, dashed without.</figcaption></figure>

<h2>What it takes: cost</h2>
<table>
<tr><th>package</th><th>troops deployed</th><th>committed with rotation</th><th>year 1 (US$ bn)</th><th>5 years</th><th>paid from frozen assets</th><th>not costed</th></tr>
{{range .Result.Packages}}{{with .Cost}}<tr><td>{{$.PkgName .}}</td><td>{{num .Deployed}}</td><td>{{num .Committed}}</td><td>{{if .ByYear}}{{money (index .ByYear 0)}}{{end}}</td><td>{{money .Total}}</td><td>{{money .PaidFromFrozen}}</td>
<td class="text">{{range $i, $u := .Uncosted}}{{if $i}}, {{end}}{{$u}}{{end}}</td></tr>{{end}}{{end}}
</table>
{{range .Costs}}<figure>{{.}}</figure>{{end}}

<h2>Would they sign?</h2>
<table>
<tr><th>package</th><th>actor</th><th>verdict</th><th>margin</th><th>why</th></tr>
{{range .Result.Packages}}{{$p := .}}{{with .Acceptability}}{{range .Verdicts}}<tr><td>{{$p.Name}}</td><td class="text">{{.Actor}}</td>
<td class="text{{if .Hard}} hard{{end}}">{{if .Hard}}rejects (hard red line){{else if .Accept}}signs{{else}}rejects{{end}}</td><td>{{margin .Margin}} {{.Unit}}</td><td class="text">{{.Reason}}</td></tr>{{end}}{{end}}{{end}}
</table>
<p class="note">{{with .Result.Agreement}}{{if .Packages}}Zone of agreement: {{range $i, $p := .Packages}}{{if $i}}, {{end}}{{$p}}{{end}}; the Nash bargaining solution picks {{.Nash}}.{{else}}No package is signed by all. Closest: {{.Closest}}.{{end}}{{end}}</p>

{{if shifts .Result}}<h3>The commitment problem under shifting power</h3>
<p class="note">Does the package build up fast enough to give the attacker a motive to strike first (Powell 2006)? A year of war if it starts now against a year later.</p>
<table>
<tr><th>package</th><th>km² a year of war takes now</th><th>a year later</th><th>motive</th><th>verdict</th></tr>
{{range .Result.Packages}}{{$p := .}}{{with .Acceptability}}{{with .Shift}}<tr><td>{{$p.Name}}</td><td>{{num .NowKm2}}</td><td>{{num .NextKm2}}</td><td>{{printf "%+.2f" .Motive}}</td><td class="text{{if .War}} hard{{end}}">{{if .War}}preventive war pays{{else}}no preventive motive{{end}}</td></tr>{{end}}{{end}}{{end}}
</table>{{end}}

{{if .Timeline}}<h3>The cease-fire year by year</h3>
<p class="note">The deterrence game solved at dates of the cease-fire as the attacker rebuilds, the package builds up and the promises age; the attacker chooses when to attack, comparing attacking now with attacking later (Powell 2006). Dashed: the attacker of the one-year game, which never waits.</p>
<table>
<tr><th>package</th><th>P(attack) by year 1</th><th>2</th><th>3</th><th>5</th><th>10</th><th>highest risk</th><th>why</th></tr>
{{range .Result.Packages}}{{with .Timeline}}<tr><td>{{$.Name .}}</td>{{range $y := years .}}<td>{{$y}}</td>{{end}}<td>month {{inc .PeakMonth}}</td><td class="text">{{.Why}}</td></tr>{{end}}{{end}}
</table>
<figure>{{.Timeline}}</figure>{{end}}

{{if .TradeOff}}<h3>Deterrence against acceptability</h3>
<figure>{{.TradeOff}}<figcaption class="note">Each package's P(renewed attack within 5 years) against the attacker's margin for signing; the frontier holds the packages no other beats on both.</figcaption></figure>{{end}}

{{with .Result.Spatial}}<h3>Likely settlement (spatial model, KTAB type, {{rounds .}} rounds)</h3>
<table>
<tr><th></th>{{range .Issues}}<th>{{.}}</th>{{end}}<th>distance</th></tr>
<tr><td><b>forecast</b></td>{{range .Forecast}}<td><b>{{printf "%.0f" .}}</b></td>{{end}}<td></td></tr>
{{range .Packages}}{{$pl := .}}<tr><td>{{.ID}}</td>{{range $k, $x := .Position}}<td>{{if index $pl.Placed $k}}{{printf "%.0f" $x}}{{else}}-{{end}}</td>{{end}}<td>{{printf "%.0f" .Distance}}</td></tr>{{end}}
</table>
<p class="note">Issues on 0-100 scales. Nearest the forecast: {{.Nearest}}. {{range .Notes}}{{.}}. {{end}}Rounds: <code>deter bargain FILE</code>.</p>{{end}}

<h2>Stated red lines crossed</h2>
<table>
<tr><th>package</th><th>actor</th><th>red line</th><th>why</th></tr>
{{range .Result.Packages}}{{$p := .}}{{range .RedLines}}<tr><td>{{$p.Name}}</td><td class="text">{{.Actor}}</td><td class="text{{if .Hard}} hard{{end}}">{{.ID}}{{if .Hard}} (hard){{end}}</td><td class="text">{{.Reason}}</td></tr>{{end}}{{end}}
</table>

{{if .Result.NotModelled}}<h2>Not modelled yet</h2>
<ul>{{range .Result.NotModelled}}<li>{{.Model}}: {{.Answer}} — {{.Why}}</li>{{end}}</ul>{{end}}

<h2>Sources</h2>
<ul class="note">{{range .References}}<li><b>{{.ID}}</b>: {{.Citation}}{{if .URL}} ({{.URL}}){{end}}</li>{{end}}</ul>
</body>
</html>
`

// PkgName finds the name of the package whose cost outcome is c.
func (d *Document) PkgName(c *engine.CostOutcome) string {
	for _, p := range d.Result.Packages {
		if p.Cost == c {
			return p.Name
		}
	}
	return ""
}

// HTML writes a self-contained HTML report: inline CSS and SVG, no script,
// no external resources, so it opens offline and can be mailed.
func HTML(w io.Writer, d *Document) error {
	return htmlTmpl.Execute(w, d)
}

// Markdown writes the report as Markdown text (charts left out).
func Markdown(w io.Writer, d *Document) error {
	ew := &errWriter{w: w}
	r := d.Result
	fmt.Fprintf(ew, "# %s\n\nAs of %s · horizon %d days · seed %d. Nominal values.\n\n", r.Scenario, r.AsOf, r.HorizonDays, r.Seed)
	fmt.Fprintf(ew, "## Does it deter?\n\n| package | P(attack) 1 y | 5 y | P(intervene) | needed | P(honour) |\n|---|---|---|---|---|---|\n")
	for _, p := range r.Packages {
		if dd := p.Deterrence; dd != nil {
			var hon []string
			for _, g := range dd.Guarantors {
				hon = append(hon, fmt.Sprintf("%s %.0f%%", g.ID, 100*g.PHonour))
			}
			fmt.Fprintf(ew, "| %s | %.0f%% | %.0f%% | %.0f%% | %.0f%% | %s |\n", p.Name, 100*dd.PAttack1, 100*dd.PAttack5, 100*dd.PIntervention, 100*dd.Threshold, strings.Join(hon, ", "))
		}
	}
	fmt.Fprintln(ew)
	for _, p := range r.Packages {
		if dd := p.Deterrence; dd != nil {
			fmt.Fprintf(ew, "- **%s**: %s\n", p.Name, dd.Deciding)
			if h := helpSummary(dd); h != "" {
				fmt.Fprintf(ew, "  Forms of help if attacked: %s.\n", h)
			}
		}
	}
	fmt.Fprintf(ew, "\n%s\n", strings.TrimSpace(d.Coefficients))
	if c := d.Uncertainty; c != nil {
		fmt.Fprintf(ew, "\n### Under uncertainty\n\n%d draws of the %d uncertain inputs, seed %d; median [5%%-95%%], digits as the interval supports. Rests on: %% of the variance explained by the fitted / assumption / sourced / model-rule inputs (adjusted R² of rank regressions).\n\n| package | P(attack) 1 y | 5 y | rests on | ground km² in a year | rests on | P(best) | mean regret 5 y |\n|---|---|---|---|---|---|---|---|\n", c.Draws, c.Uncertain, c.Seed)
		for i, p := range c.Packages {
			fmt.Fprintf(ew, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", p, d.Band(p, "p_attack_1y"), d.Band(p, "p_attack_5y"), d.RestsOn(p, "p_attack_5y"), d.Band(p, "ground_km2_d365"), d.RestsOn(p, "ground_km2_d365"), ProbText(c.Best[i]), ProbText(c.Regret[i]))
		}
		if len(d.Switches) > 0 {
			fmt.Fprintf(ew, "\nWhat decides each verdict (switch-over values at 50%% P(attack within 5 years), one input moved alone; drivers: standardised rank regression coefficients):\n\n")
			for i, p := range r.Packages {
				fmt.Fprintf(ew, "- **%s** %s.\n", p.Name, d.Decides(i))
			}
		}
	}
	if rows := timelineRows(r); len(rows) > 0 {
		fmt.Fprintf(ew, "\n### The cease-fire year by year\n\nThe attacker chooses when to attack as it rebuilds, the package builds up and the promises age (Powell 2006).\n\n| package | P(attack) by year 1 | 2 | 3 | 5 | 10 | highest risk | why |\n|---|---|---|---|---|---|---|---|\n")
		for _, row := range rows {
			fmt.Fprintf(ew, "| %s |\n", strings.Join(row, " | "))
		}
	}
	fmt.Fprintf(ew, "\n## If deterrence fails\n\n| package | guarantors | first objective | km² d30 | d90 | d365 | attacker losses | defender losses |\n|---|---|---|---|---|---|---|---|\n")
	for _, p := range r.Packages {
		for _, c := range p.Campaign {
			who := "stay out"
			if c.Intervention {
				who = "intervene"
			}
			obj := "not reached"
			if c.FirstObjectiveDay != nil {
				obj = fmt.Sprintf("%s, day %.1f", c.FirstObjective, *c.FirstObjectiveDay)
			}
			fmt.Fprintf(ew, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", p.Name, who, obj, num(c.GroundKm2At30), num(c.GroundKm2At90), num(c.GroundKm2At365), num(c.AttackerLosses), num(c.DefenderLosses))
		}
	}
	fmt.Fprintf(ew, "\n## Would they sign?\n\n| package | actor | verdict | margin |\n|---|---|---|---|\n")
	for _, p := range r.Packages {
		if a := p.Acceptability; a != nil {
			for _, v := range a.Verdicts {
				verdict := "signs"
				switch {
				case v.Hard:
					verdict = "rejects (hard red line)"
				case !v.Accept:
					verdict = "rejects"
				}
				fmt.Fprintf(ew, "| %s | %s | %s | %s %s |\n", p.Name, v.Actor, verdict, margin(v.Margin), v.Unit)
			}
		}
	}
	fmt.Fprintf(ew, "\n## Cost\n\n| package | deployed | committed | year 1 US$ bn | 5 years |\n|---|---|---|---|---|\n")
	for _, p := range r.Packages {
		if c := p.Cost; c != nil {
			y1 := "-"
			if len(c.ByYear) > 0 {
				y1 = money(c.ByYear[0])
			}
			fmt.Fprintf(ew, "| %s | %s | %s | %s | %s |\n", p.Name, num(c.Deployed), num(c.Committed), y1, money(c.Total))
		}
	}
	fmt.Fprintf(ew, "\n## Sources\n\n")
	for _, ref := range d.References {
		fmt.Fprintf(ew, "- **%s**: %s\n", ref.ID, ref.Citation)
	}
	return ew.err
}

// timelineRows are the Markdown rows of the cease-fire year by year.
func timelineRows(r *engine.Result) [][]string {
	var rows [][]string
	for _, p := range r.Packages {
		tl := p.Timeline
		if tl == nil || len(tl.ByYear) == 0 {
			continue
		}
		row := []string{p.Name}
		row = append(row, funcs["years"].(func(*engine.Timeline) []string)(tl)...)
		row = append(row, fmt.Sprintf("month %d", tl.PeakMonth+1), tl.Why)
		rows = append(rows, row)
	}
	return rows
}
