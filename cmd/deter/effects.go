package main

import (
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"deter/app"
	"deter/report"
)

func newEffectsCmd() *cobra.Command {
	var asJSON bool
	var only string
	cmd := &cobra.Command{
		Use:   "effects FILE",
		Short: "What each mechanism does to each package: P(attack), ground, cost and who signs, with it removed or added",
		Long: `effects takes every package of a scenario and, one mechanism at a time, removes
each mechanism it has and adds each one it lacks that another package holds
(with that package's parameters), and prints what changes:

  P(attack) within 1 and 5 years (deterrence game, closed form)
  ground a year of war would take, expected over the guarantors' intervention
  cost over five years (US$ bn)
  who would sign it (+ now signs, − no longer signs)
  deterrence bought per dollar: the fall in P(attack within 5 years), in
  percentage points, per US$ 100 bn more over five years

It is the table the sources argue in: which building block moves deterrence,
acceptability and cost, and by how much.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := scenarioArg(cmd, args[0])
			if err != nil {
				return err
			}
			effects, err := app.Effects(cmd.Context(), s, only)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), effects)
			}
			return printEffects(cmd.OutOrStdout(), s.Name, effects)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().StringVar(&only, "package", "", "only this package")
	return cmd
}

func printEffects(w io.Writer, name string, effects []app.Effect) error {
	fmt.Fprintf(w, "%s: what each mechanism does, removed from or added to each package (nominal values; closed form)\n", name)
	pkg := ""
	var tw *tabwriter.Writer
	for _, e := range effects {
		if e.Package != pkg {
			if tw != nil {
				if err := tw.Flush(); err != nil {
					return err
				}
			}
			pkg = e.Package
			b := e.Before
			fmt.Fprintf(w, "\n%s as written: P(attack) 1 y %s, 5 y %s; ground %s km2; cost 5 y %.1f bn; signs: %s\n",
				pkg, pct(b.PAttack1), pct(b.PAttack5), human(b.GroundKm2), b.Cost5, orNone(b.Signs))
			tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "mechanism\tchange\tP(attack) 1 y\tΔ\t5 y\tΔ\tground km2 Δ\tcost 5 y Δ bn\tsigners\tpoints per 100 bn")
		}
		a, b := e.After, e.Before
		var who []string
		for _, x := range e.NowSign {
			who = append(who, "+"+x)
		}
		for _, x := range e.NoLongerSign {
			who = append(who, "−"+x)
		}
		per := "-"
		switch v := e.DeterrencePer100bn(); {
		case math.IsNaN(v):
		case math.Abs(v) < 0.005:
			per = "0"
		default:
			per = fmt.Sprintf("%+.2f", v)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%+.0f\t%+.1f\t%s\t%s\n", e.Mechanism, e.Change,
			pct(a.PAttack1), dpct(a.PAttack1-b.PAttack1), pct(a.PAttack5), dpct(a.PAttack5-b.PAttack5),
			a.GroundKm2-b.GroundKm2, a.Cost5-b.Cost5, orDash(strings.Join(who, " ")), per)
	}
	if tw != nil {
		return tw.Flush()
	}
	fmt.Fprintln(w, "no package")
	return nil
}

// pct prints a probability as a percentage with the precision a model of
// this kind supports: whole points, "<1%" and ">99%" at the ends.
func pct(p float64) string {
	switch {
	case p > 0 && p < 0.005:
		return "<1%"
	case p < 1 && p > 0.995:
		return ">99%"
	}
	return fmt.Sprintf("%.0f%%", 100*p)
}

// pctSig prints a probability with the digits it supports
// (report.ProbText).
func pctSig(p float64) string { return report.ProbText(p) }

// dpct prints a change of probability in whole percentage points.
func dpct(d float64) string {
	if math.Abs(d) < 0.005 {
		return "0"
	}
	return fmt.Sprintf("%+.0f", 100*d)
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "nobody"
	}
	return strings.Join(s, ", ")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
