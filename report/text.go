// Package report renders engine results for people (text tables) and
// machines (JSON). It computes nothing: every number it prints comes from
// the engine's result.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"deter/deterrence"
	"deter/engine"
)

// JSON writes res as indented JSON.
func JSON(w io.Writer, res *engine.Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(res)
}

// Text writes a readable comparison of the packages in res, one section
// after another.
func Text(w io.Writer, res *engine.Result) error {
	ew := &errWriter{w: w}
	for _, section := range []func(io.Writer, *engine.Result){
		textHeader, textInputs, textCampaign, textDeterrence, textEmpirical, textCost,
		textAcceptability, textShift, textTimeline, textTradeOff, textSpatial, textRedLines, textGaps,
	} {
		section(ew, res)
	}
	return ew.err
}

// textHeader: the scenario's name, date, horizon and seed.
func textHeader(ew io.Writer, res *engine.Result) {
	fmt.Fprintf(ew, "%s\n", res.Scenario)
	if res.AsOf != "" {
		fmt.Fprintf(ew, "as of %s · horizon %d days · seed %d\n", res.AsOf, res.HorizonDays, res.Seed)
	}
	fmt.Fprintln(ew)
}

// textInputs: the inputs of each package as written in the scenario.
func textInputs(ew io.Writer, res *engine.Result) {
	fmt.Fprintln(ew, "Packages (inputs as written in the scenario, nominal values)")
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "package\tmechanisms\tforeign troops\tof which NATO-state\tguarantor aircraft\tarms USD bn\tcommitment")
	for _, p := range res.Packages {
		in := p.Inputs
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\n", p.ID, len(p.Mechanisms), num(in.ForeignTroops),
			num(in.NATOStateTroops), num(in.CombatAircraft), num(in.ArmsUSDbn), in.Commitment)
	}
	tw.Flush()
	fmt.Fprintln(ew)

}

// textCampaign: the campaign model without and with guarantor intervention.
func textCampaign(ew io.Writer, res *engine.Result) {
	fmt.Fprintln(ew, "If deterrence fails: campaign model (nominal values; without / with guarantor intervention)")
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "package\tguarantors\tfirst objective\tday\tkm2 lost d30\td90\td365\tattacker losses\tdefender losses\tattack halts")
	for _, p := range res.Packages {
		for _, c := range p.Campaign {
			who := "stay out"
			if c.Intervention {
				who = "intervene"
			}
			obj, day := "not reached", "-"
			if c.FirstObjectiveDay != nil {
				obj, day = c.FirstObjective, fmt.Sprintf("%.1f", *c.FirstObjectiveDay)
			}
			halt := "-"
			if c.CulminationDay != nil {
				halt = fmt.Sprintf("day %.0f", *c.CulminationDay)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", p.ID, who, obj, day, num(c.GroundKm2At30),
				num(c.GroundKm2At90), num(c.GroundKm2At365), num(c.AttackerLosses), num(c.DefenderLosses), halt)
		}
	}
	tw.Flush()
	fmt.Fprintln(ew)

}

// textDeterrence: the deterrence game: P(attack), credibility, the deciding terms.
func textDeterrence(ew io.Writer, res *engine.Result) {
	fmt.Fprintf(ew, "Does it deter? Deterrence game (nominal values; intervention model: %s)\n", interventionText(res.Intervention))
	fmt.Fprintln(ew, coefficientsText(res.Coefficients))
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "package\tP(attack) 1 y\t5 y\tbest attack\tP(guarantors intervene)\tneeded\tP(honour) by guarantor")
	for _, p := range res.Packages {
		d := p.Deterrence
		if d == nil {
			continue
		}
		var hon []string
		for _, g := range d.Guarantors {
			hon = append(hon, fmt.Sprintf("%s %.0f%%", g.ID, 100*g.PHonour))
		}
		fmt.Fprintf(tw, "%s\t%.0f%%\t%.0f%%\t%s\t%.0f%%\t%.0f%%\t%s\n", p.ID, 100*d.PAttack1, 100*d.PAttack5, extent(d), 100*d.PIntervention, 100*d.Threshold, orDash(strings.Join(hon, ", ")))
	}
	tw.Flush()
	for _, p := range res.Packages {
		if d := p.Deterrence; d != nil {
			fmt.Fprintf(ew, "  %s: %s\n", p.ID, d.Deciding)
			if h := helpSummary(d); h != "" {
				fmt.Fprintf(ew, "    forms of help if attacked: %s\n", h)
			}
			if len(d.Path) > 0 {
				fmt.Fprintf(ew, "    equilibrium path (%s):\n", d.Method)
				for _, l := range d.Path {
					fmt.Fprintf(ew, "    - %s\n", l)
				}
			}
		}
	}
	fmt.Fprintln(ew)

}

// textEmpirical: the empirical cease-fire cross-check.
func textEmpirical(ew io.Writer, res *engine.Result) {
	cases := 0
	if res.Ceasefire != nil {
		cases = res.Ceasefire.Cases
	}
	fmt.Fprintf(ew, "Cross-check: cease-fires of the past with the same agreement content (Weibull hazard model FITTED HERE to %d\n", cases)
	fmt.Fprintln(ew, "interstate cease-fires 1948-2023, after Fortna 2003; not her published coefficients; 90% intervals)")
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "package	holds 1 y	5 y	10 y	P(war) 5 y: record	game	content the record sees")
	for _, p := range res.Packages {
		e := p.Empirical
		if e == nil {
			continue
		}
		cell := func(i int) string {
			return fmt.Sprintf("%.0f%% (%.0f-%.0f)", 100*e.Survive[i], 100*e.Low[i], 100*e.High[i])
		}
		game := "-"
		if p.Deterrence != nil {
			game = fmt.Sprintf("%.0f%%", 100*p.Deterrence.PAttack5)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%.0f%%\t%s\t%s\n", p.ID, cell(0), cell(1), cell(2), 100*e.PWar5, game, orDash(strings.Join(e.Mechanisms, ", ")))
	}
	tw.Flush()
	if m := res.Ceasefire; m != nil {
		var hr []string
		for _, h := range m.HazardRatios {
			hr = append(hr, fmt.Sprintf("%s %.2f", h.Covariate, h.Ratio))
		}
		fmt.Fprintf(ew, "  fitted hazard ratios (below 1: fewer wars): %s; shape %.2f (the hazard falls as peace lasts).\n", strings.Join(hr, ", "), m.Shape)
		fmt.Fprintf(ew, "  Peacekeeping above 1 is selection, not effect: peacekeepers are sent where peace is hardest (Fortna 2008), which %d cases cannot control for.\n", m.Cases)
	}
	for _, p := range res.Packages {
		if e := p.Empirical; e != nil && e.Disagreement != "" {
			fmt.Fprintf(ew, "  %s: STRONG DISAGREEMENT: %s.\n", p.ID, e.Disagreement)
		}
	}
	fmt.Fprintln(ew)

}

// textCost: the cost model.
func textCost(ew io.Writer, res *engine.Result) {
	fmt.Fprintln(ew, "What it takes: cost model (nominal values; USD bn; years from the cease-fire)")
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "package\ttroops deployed\tcommitted (rotation)\tyear 1\tyear 2\t5 years\tfull capability\tarms paid by frozen assets\tshortfalls and withdrawals\tnot costed")
	for _, p := range res.Packages {
		c := p.Cost
		if c == nil {
			continue
		}
		y := func(i int) string {
			if i < len(c.ByYear) {
				return money(c.ByYear[i])
			}
			return "-"
		}
		var notes []string
		for _, n := range c.Nations {
			if n.Shortfall > 0 {
				notes = append(notes, fmt.Sprintf("%s short %s", n.ID, num(n.Shortfall)))
			}
			for _, w := range n.Withdrawn {
				notes = append(notes, fmt.Sprintf("%s takes %s from %s", n.ID, num(w.Troops), w.Commitment))
			}
		}
		fc := "now"
		if c.FullCapabilityDay > 0 {
			fc = fmt.Sprintf("day %.0f", c.FullCapabilityDay)
		}
		if len(c.BeyondHorizon) > 0 {
			fc = "beyond 5 years (" + strings.Join(c.BeyondHorizon, ", ") + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", p.ID, num(c.Deployed), num(c.Committed), y(0), y(1),
			money(c.Total), fc, money(c.PaidFromFrozen), orDash(strings.Join(notes, "; ")), orDash(strings.Join(c.Uncosted, ", ")))
	}
	tw.Flush()
	fmt.Fprintln(ew)

}

// textAcceptability: who would sign, and the zone of agreement.
func textAcceptability(ew io.Writer, res *engine.Result) {
	fmt.Fprintln(ew, "Would they sign? Acceptability (Fearon's bargaining range on the disputed area; margins above (+) or below (-) each actor's reservation)")
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "package\tall sign\tverdicts")
	for _, p := range res.Packages {
		a := p.Acceptability
		if a == nil {
			continue
		}
		var vs []string
		for _, v := range a.Verdicts {
			mark := "signs"
			if !v.Accept {
				mark = "rejects"
			}
			if v.Hard {
				mark = "REJECTS (hard red line)"
			}
			vs = append(vs, fmt.Sprintf("%s %s %s %s", v.Actor, mark, margin(v.Margin), v.Unit))
		}
		all := "no"
		if a.AllSign {
			all = "YES"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", p.ID, all, strings.Join(vs, "; "))
	}
	tw.Flush()
	ag := res.Agreement
	if len(ag.Packages) > 0 {
		fmt.Fprintf(ew, "  Zone of agreement: %s; the Nash bargaining solution picks %s.\n", strings.Join(ag.Packages, ", "), ag.Nash)
	} else {
		fmt.Fprintf(ew, "  No package is signed by all. Closest: %s.\n", ag.Closest)
	}
	fmt.Fprintln(ew)

}

// textShift: the commitment problem under shifting power.
// textTimeline: the cease-fire year by year, when the risk peaks and why.
func textTimeline(ew io.Writer, res *engine.Result) {
	var rows []engine.PackageResult
	for _, p := range res.Packages {
		if p.Timeline != nil && len(p.Timeline.ByYear) > 0 {
			rows = append(rows, p)
		}
	}
	if len(rows) == 0 {
		return
	}
	years := len(rows[0].Timeline.ByYear)
	fmt.Fprintf(ew, "The cease-fire year by year (nominal values; the game solved at %d dates as the attacker rebuilds, the package builds up and promises age;\n", len(rows[0].Timeline.Knots))
	fmt.Fprintln(ew, "the attacker chooses when to attack, Powell 2006; 'never waits': the attacker of the one-year game)")
	marks := []int{1, 2, 3, 5, 10}
	var head []string
	for _, y := range marks {
		if y <= years {
			head = append(head, fmt.Sprintf("by year %d", y))
		}
	}
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "package\t\t%s\thighest risk\n", strings.Join(head, "\t"))
	for _, p := range rows {
		tl := p.Timeline
		for k, curve := range [][]float64{tl.ByYear, tl.MyopicByYear} {
			cells := []string{p.ID, "chooses when"}
			if k == 1 {
				cells = []string{"", "never waits"}
			}
			for _, y := range marks {
				if y <= years {
					cells = append(cells, ProbText(curve[y-1]))
				}
			}
			if k == 0 {
				cells = append(cells, fmt.Sprintf("month %d", tl.PeakMonth+1))
			} else {
				cells = append(cells, "")
			}
			fmt.Fprintln(tw, strings.Join(cells, "\t"))
		}
	}
	tw.Flush()
	for _, p := range rows {
		fmt.Fprintf(ew, "  %s: %s\n", p.ID, p.Timeline.Why)
	}
	fmt.Fprintln(ew)
}

func textShift(ew io.Writer, res *engine.Result) {
	var shifts []string
	for _, p := range res.Packages {
		if a := p.Acceptability; a != nil && a.Shift != nil {
			sh := a.Shift
			v := "no preventive motive"
			if sh.War {
				v = "PREVENTIVE WAR PAYS"
			}
			shifts = append(shifts, fmt.Sprintf("  %s: a year of war takes %s km2 if it starts now, %s a year later; motive %+.2f: %s",
				p.ID, num(sh.NowKm2), num(sh.NextKm2), sh.Motive, v))
		}
	}
	if len(shifts) > 0 {
		fmt.Fprintf(ew, "Commitment problem under shifting power (Powell 2006): does the package build up fast enough to give the attacker a motive to strike first? (discount factor %.2f a year)\n", res.Packages[0].Acceptability.Shift.Delta)
		for _, l := range shifts {
			fmt.Fprintln(ew, l)
		}
		fmt.Fprintln(ew)
	}

}

// textTradeOff: deterrence against acceptability to the attacker.
func textTradeOff(ew io.Writer, res *engine.Result) {
	if len(res.TradeOff) > 0 {
		fmt.Fprintln(ew, "Trade-off: deterrence against acceptability to the attacker (frontier: no package both deters more and is more acceptable)")
		tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "package\tP(attack) 5 y\tattacker's margin (km2)\tfrontier")
		for _, t := range res.TradeOff {
			m := fmt.Sprintf("%+.0f", t.AttackerMargin)
			if t.HardRedLine {
				m += " (hard red line)"
			}
			f := ""
			if t.Frontier {
				f = "yes"
			}
			fmt.Fprintf(tw, "%s\t%.0f%%\t%s\t%s\n", t.ID, 100*t.PAttack5, m, f)
		}
		tw.Flush()
		fmt.Fprintln(ew)
	}

}

// textSpatial: the spatial forecast of the settlement.
func textSpatial(ew io.Writer, res *engine.Result) {
	if sf := res.Spatial; sf != nil {
		SpatialSummary(ew, sf)
		fmt.Fprintln(ew)
	}

}

// textRedLines: the stated red lines each package crosses.
func textRedLines(ew io.Writer, res *engine.Result) {
	fmt.Fprintln(ew, "Stated red lines crossed (rule check on the scenario's red_lines, not a model of acceptance)")
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "package\tactor\tred line\thard\twhy")
	for _, p := range res.Packages {
		if len(p.RedLines) == 0 {
			fmt.Fprintf(tw, "%s\t-\tnone\t\t\n", p.ID)
		}
		for _, h := range p.RedLines {
			hard := "soft"
			if h.Hard {
				hard = "HARD"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", p.ID, h.Actor, h.ID, hard, h.Reason)
		}
	}
	tw.Flush()

}

// textGaps: the questions no model answers.
func textGaps(ew io.Writer, res *engine.Result) {
	if len(res.NotModelled) > 0 {
		fmt.Fprintln(ew)
		fmt.Fprintln(ew, "Not modelled yet (no number is given rather than a made-up one):")
		for _, g := range res.NotModelled {
			fmt.Fprintf(ew, "  - %s: %s (%s)\n", g.Model, g.Answer, g.Why)
		}
	}
}

// interventionText names the intervention model in words.
func interventionText(m string) string {
	switch m {
	case "force_weighted":
		return "force_weighted, each honouring guarantor brings its share of the forces"
	case "by_means":
		return "by_means, each guarantor chooses sanctions and arms, air power or all its forces"
	}
	return "pooled, any guarantor honouring brings every guarantor's forces"
}

// margin prints a verdict's margin with its sign: whole units, one decimal
// when it rounds to zero, and "±0" on the knife-edge (under 0.05), so a
// rejection never reads "-0".
func margin(m float64) string {
	switch a := math.Abs(m); {
	case a < 0.05:
		return "±0"
	case a < 0.5:
		return fmt.Sprintf("%+.1f", m)
	}
	return fmt.Sprintf("%+.0f", m)
}

func num(x float64) string {
	if x == 0 {
		return "-"
	}
	if x >= 1000 {
		s := fmt.Sprintf("%.0f", x)
		var b strings.Builder
		for i, r := range s {
			if i > 0 && (len(s)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteRune(r)
		}
		return b.String()
	}
	return fmt.Sprintf("%.3g", x)
}

func money(x float64) string {
	if x == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f", x)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

// SpatialSummary prints the spatial model's forecast settlement and each
// package's distance from it.
func SpatialSummary(w io.Writer, sf *engine.SpatialForecast) {
	fmt.Fprintf(w, "Likely settlement: spatial model of politics (KTAB type), %d rounds to convergence; issues on 0-100 scales\n", len(sf.States)-1)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "\t")
	for _, is := range sf.Issues {
		fmt.Fprintf(tw, "%s\t", is)
	}
	fmt.Fprintln(tw, "distance from forecast")
	fmt.Fprint(tw, "forecast\t")
	for _, x := range sf.Forecast {
		fmt.Fprintf(tw, "%.0f\t", x)
	}
	fmt.Fprintln(tw, "-")
	for _, p := range sf.Packages {
		fmt.Fprintf(tw, "%s\t", p.ID)
		for k, x := range p.Position {
			if p.Placed[k] {
				fmt.Fprintf(tw, "%.0f\t", x)
			} else {
				fmt.Fprint(tw, "-\t")
			}
		}
		fmt.Fprintf(tw, "%.0f\n", p.Distance)
	}
	tw.Flush()
	fmt.Fprintf(w, "  Nearest the forecast: %s. Rounds: deter bargain FILE.\n", sf.Nearest)
	for _, n := range sf.Notes {
		fmt.Fprintf(w, "  %s.\n", n)
	}
}

// SpatialPath prints the round-by-round path of the spatial model: every
// actor's position on every issue in every round, and the challenges.
func SpatialPath(w io.Writer, sf *engine.SpatialForecast) {
	for k, is := range sf.Issues {
		fmt.Fprintf(w, "%s (%s; 0-100)\n", is, sf.Kinds[k])
		tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', tabwriter.AlignRight)
		fmt.Fprint(tw, "actor\t")
		for t := range sf.States {
			fmt.Fprintf(tw, "r%d\t", t)
		}
		fmt.Fprintln(tw)
		for i, a := range sf.Actors {
			fmt.Fprintf(tw, "%s\t", a)
			for t := range sf.States {
				fmt.Fprintf(tw, "%.1f\t", sf.States[t][i][k])
			}
			fmt.Fprintln(tw)
		}
		tw.Flush()
		fmt.Fprintf(w, "  forecast %.1f\n\n", sf.Forecast[k])
	}
	fmt.Fprintln(w, "Challenges (challenger → target: its estimate of winning and of its gain in utility)")
	for t, chs := range sf.Challenges {
		if len(chs) == 0 {
			continue
		}
		var parts []string
		for _, c := range chs {
			parts = append(parts, fmt.Sprintf("%s→%s %.0f%% %+.3f", sf.Actors[c.Actor], sf.Actors[c.Target], 100*c.PWin, c.Gain))
		}
		fmt.Fprintf(w, "  round %d: %s\n", t+1, strings.Join(parts, ", "))
	}
}

// extent says how far the attacker would go if it attacked.
// helpSummary lists, when the guarantors choose how to help
// (models.deterrence.intervention: by_means), each one's probability of
// every form of help; "" otherwise.
func helpSummary(d *deterrence.Result) string {
	var gs []string
	for _, g := range d.Guarantors {
		if len(g.Help) == 0 {
			continue
		}
		var hs []string
		for _, h := range g.Help {
			hs = append(hs, fmt.Sprintf("%s %.0f%%", h.Means, 100*h.P))
		}
		gs = append(gs, g.ID+": "+strings.Join(hs, ", "))
	}
	return strings.Join(gs, "; ")
}

func extent(d *deterrence.Result) string {
	if d.Extent == deterrence.LimitedWar {
		return fmt.Sprintf("limited (%.0f days)", d.LimitedDays)
	}
	return "full"
}

// coefficientsText says where the judgement coefficients come from: the
// shared set, which of them were fitted to the case library (with their
// 95% ranges), and which the scenario sets itself.
func coefficientsText(cs []engine.Coefficient) string {
	var fitted, own []string
	for _, c := range cs {
		switch {
		case c.Scenario:
			own = append(own, fmt.Sprintf("%s %s", c.Key, g3(c.Value)))
		case c.Fitted:
			fitted = append(fitted, fmt.Sprintf("%s %s (%s-%s)", c.Key, g3(c.Value), g3(c.Lo95), g3(c.Hi95)))
		}
	}
	s := "  judgement coefficients: the shared set (scenario/coefficients.yaml)"
	if len(fitted) > 0 {
		s += "; fitted to the historical case library (deter backtest, docs/backtest.md), mean and 95% range: " + strings.Join(fitted, ", ")
	}
	if len(own) > 0 {
		s += "; set by this scenario: " + strings.Join(own, ", ")
	}
	return s
}
