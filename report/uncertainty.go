package report

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"deter/sweep"
)

// ProbText prints a probability with the digits a model of this kind
// supports: whole points from 1% to 99%, one significant digit down to
// 0.001%, "<0.001%" below, ">99%" above.
func ProbText(p float64) string {
	switch {
	case p == 0 || math.IsNaN(p):
		return fmt.Sprintf("%.0f%%", 100*p)
	case p > 0 && p < 1e-5:
		return "<0.001%"
	case p < 0.005:
		return strconv.FormatFloat(100*p, 'g', 1, 64) + "%"
	case p < 1 && p > 0.995:
		return ">99%"
	}
	return fmt.Sprintf("%.0f%%", 100*p)
}

// Span prints a headline over the draws as "median [5%-95%]" with the
// digits its interval supports (probabilities for outputs named p_*); a
// headline that is zero in every draw prints as "0".
func Span(output string, s sweep.Summary) string {
	if s.Median == 0 && s.P05 == 0 && s.P95 == 0 {
		return "0"
	}
	f := NumInterval
	if strings.HasPrefix(output, "p_") {
		f = ProbInterval
	}
	m, lo, hi := f(s.Median, s.P05, s.P95)
	return fmt.Sprintf("%s [%s-%s]", m, lo, hi)
}

// UncertaintyText writes a run's answer under uncertainty: each headline
// as its median and 90% interval over the draws, then the packages
// compared on common draws.
func UncertaintyText(w io.Writer, c *sweep.Comparison) error {
	fmt.Fprintf(w, "\nUnder uncertainty: %d draws of the %d uncertain inputs (the scenario's distributions and the shared\n", c.Draws, c.Uncertain)
	fmt.Fprintf(w, "coefficients of scenario/coefficients.yaml), seed %d; median [5%%-95%%], digits as the interval supports;\ndeter sweep for more draws\n", c.Seed)
	for _, st := range c.Structural {
		fmt.Fprintf(w, "  model rule drawn as structural uncertainty: %s\n", st)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "package\tP(attack) 1 y\t5 y\tground km2 in a year\tcost 5 y USD bn\tP(best)\tmean regret 5 y")
	get := func(pkg, out string) sweep.Summary {
		for _, s := range c.Summaries {
			if s.Package == pkg && s.Output == out {
				return s
			}
		}
		return sweep.Summary{}
	}
	for a, pkg := range c.Packages {
		p1, p5, g, cost := get(pkg, "p_attack_1y"), get(pkg, "p_attack_5y"), get(pkg, "ground_km2_d365"), get(pkg, "cost_5y_usd_bn")
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", pkg,
			Span("p_attack_1y", p1), Span("p_attack_5y", p5),
			Span("ground_km2_d365", g), Span("cost_5y_usd_bn", cost), ProbText(c.Best[a]), ProbText(c.Regret[a]))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if err := provenanceText(w, c); err != nil {
		return err
	}
	fmt.Fprintln(w, "P(the row's package deters better than the column's over 5 years), draw by draw:")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "\t"+strings.Join(c.Packages, "\t"))
	for a, pkg := range c.Packages {
		cells := []string{pkg}
		for b := range c.Packages {
			if a == b {
				cells = append(cells, "-")
				continue
			}
			cells = append(cells, ProbText(c.Better[a][b]))
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w)
	return err
}

// provenanceText writes what each headline rests on: the share of its
// variance over the draws each provenance group explains.
func provenanceText(w io.Writer, c *sweep.Comparison) error {
	if len(c.Provenance) == 0 {
		return nil
	}
	short := map[string]string{"fitted to the case library": "fitted", "assumptions": "assumptions",
		"sourced": "sourced", "model rules (structural)": "rules"}
	var names []string
	for _, g := range c.ProvenanceGroups {
		names = append(names, short[g])
	}
	fmt.Fprintf(w, "What the numbers rest on: %% of each headline's variance over the draws explained by its %s inputs\n", strings.Join(names, " / "))
	fmt.Fprintln(w, "(adjusted R² of rank regressions, first order, to the nearest 5; all: every input together; deter sensitivity for Sobol indices)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "package\tP(attack) 1 y\t5 y\tground km2 in a year\tcost 5 y USD bn")
	for _, pkg := range c.Packages {
		cells := []string{pkg}
		for _, o := range sweep.Headlines {
			cells = append(cells, shareCell(c, pkg, o))
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "Decisive inputs of P(attack within 5 years): standardised rank regression coefficients over the draws (+: more of")
	fmt.Fprintln(w, "the input, more risk); the values that flip a verdict: deter sensitivity, deter brief")
	for _, pkg := range c.Packages {
		fmt.Fprintf(w, "  %s: %s\n", pkg, driversText(c, pkg, "p_attack_5y"))
	}
	_, err := fmt.Fprintln(w)
	return err
}

// driversText lists a headline's decisive inputs with their coefficients.
func driversText(c *sweep.Comparison, pkg, output string) string {
	for _, s := range c.Provenance {
		if s.Package != pkg || s.Output != output {
			continue
		}
		if len(s.Drivers) == 0 {
			return "no input stands out (none with |coefficient| of 0.1 or more)"
		}
		var parts []string
		for _, d := range s.Drivers {
			parts = append(parts, fmt.Sprintf("%s %+.1f", inputName(d.Input), d.SRRC))
		}
		return strings.Join(parts, ", ")
	}
	return "-"
}

// shareCell prints one headline's shares as "a/b/c/d (all e)" in per cent
// to the nearest 5 ("-" for an empty group; "-" alone when the headline
// does not vary).
func shareCell(c *sweep.Comparison, pkg, output string) string {
	for _, s := range c.Provenance {
		if s.Package != pkg || s.Output != output {
			continue
		}
		var sum sweep.Summary
		for _, x := range c.Summaries {
			if x.Package == pkg && x.Output == output {
				sum = x
			}
		}
		if sum.P05 == sum.P95 {
			return "-"
		}
		var parts []string
		for _, g := range s.Groups {
			if g < 0 {
				parts = append(parts, "-")
				continue
			}
			parts = append(parts, strconv.Itoa(int(5*math.Round(20*g))))
		}
		return fmt.Sprintf("%s (all %d)", strings.Join(parts, "/"), int(5*math.Round(20*s.All)))
	}
	return "-"
}
