package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"deter/app"
	"deter/sweep"
)

func newSensitivityCmd() *cobra.Command {
	var pkg, output, svg, switchAt string
	var n int
	var seed uint64
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "sensitivity FILE --package ID",
		Short: "Which uncertain values drive an output: tornado (one at a time) and Sobol indices",
		Long: `sensitivity takes one output of one package (default: P(attack) within a year)
and measures how much each uncertain value of the scenario moves it:

  tornado  each value at its 5% and 95% quantiles, the others at their medians
  Sobol    first-order and total variance-based indices (Saltelli 2010 and
           Jansen 1999 estimators) with bootstrap 95% intervals, from
           N·(k+2) model runs for k uncertain values

Outputs: ` + fmt.Sprint(sweep.Output),
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := scenarioArg(cmd, args[0])
			if err != nil {
				return err
			}
			if pkg == "" {
				return fmt.Errorf("--package is required (one of the scenario's package ids)")
			}
			if n < 8 || n > 1<<16 {
				return fmt.Errorf("--n %d must be between 8 and 65536", n)
			}
			if !cmd.Flags().Changed("seed") {
				seed = s.Settings.Seed
			}
			thr := math.NaN()
			if switchAt != "" {
				if thr, err = strconv.ParseFloat(switchAt, 64); err != nil || math.IsNaN(thr) || math.IsInf(thr, 0) {
					return fmt.Errorf("--switch %q is not a number", switchAt)
				}
			} else if strings.HasPrefix(output, "p_attack") {
				thr = 0.5 // the verdict: an attack more likely than not
			}
			res, err := app.Sensitivity(cmd.Context(), s, app.SensitivitySpec{Package: pkg, Output: output, Seed: seed, SobolN: n, Switch: !math.IsNaN(thr), Threshold: thr})
			if errors.Is(err, app.ErrNoUncertainty) {
				return fmt.Errorf("%s has no uncertain values (no distributions): nothing to analyse", args[0])
			}
			if err != nil {
				return err
			}
			bars, base, idx := res.Tornado, res.AtMedians, res.Sobol
			if svg != "" {
				if err := writeFileAtomic(svg, res.Chart); err != nil {
					return err
				}
			}
			w := cmd.OutOrStdout()
			if asJSON {
				return writeJSON(w, map[string]any{"package": pkg, "output": output, "at_medians": base, "tornado": bars, "sobol": idx, "n": n, "seed": seed, "switch_over": res.Switches, "by_provenance": res.ByProvenance})
			}
			val := func(x float64) string { return strconv.FormatFloat(x, 'g', 4, 64) }
			if strings.HasPrefix(output, "p_") {
				val = pctSig // probabilities with the digits they support
			}
			fmt.Fprintf(w, "%s, package %s, output %s: %s with every uncertain value at its median\n\n", s.Name, pkg, output, val(base))
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "uncertain value\tat 5%\tat 95%\tswing\tfirst-order S (95% CI)\ttotal ST (95% CI)")
			for _, b := range bars {
				for _, x := range idx {
					if x.Input == b.Input {
						fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%.3f (%.3f, %.3f)\t%.3f (%.3f, %.3f)\n", b.Input, val(b.Low), val(b.High), val(b.Swing),
							x.First, x.FirstLo, x.FirstHi, x.Total, x.TotalLo, x.TotalHi)
					}
				}
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			if len(res.ByProvenance) > 0 {
				fmt.Fprintln(w, "\nWhat the answer rests on: Sobol indices of the values grouped by provenance (the share of the output's variance each group explains alone, and with its interactions):")
				tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
				fmt.Fprintln(tw, "values\tfirst-order S (95% CI)\ttotal ST (95% CI)")
				for _, x := range res.ByProvenance {
					fmt.Fprintf(tw, "%s\t%.2f (%.2f, %.2f)\t%.2f (%.2f, %.2f)\n", x.Input, x.First, x.FirstLo, x.FirstHi, x.Total, x.TotalLo, x.TotalHi)
				}
				if err := tw.Flush(); err != nil {
					return err
				}
			}
			if res.Switches != nil {
				printSwitches(w, res.Switches, val(thr), base >= thr)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&pkg, "package", "", "package id")
	cmd.Flags().StringVar(&output, "output", "p_attack_1y", "output to analyse")
	cmd.Flags().IntVar(&n, "n", 512, "Sobol base sample size N")
	cmd.Flags().Uint64Var(&seed, "seed", 0, "random seed (default: the scenario's)")
	cmd.Flags().StringVar(&svg, "svg", "", "also write a tornado chart (SVG) to this file")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().StringVar(&switchAt, "switch", "", "threshold for switch-over values (default 0.5 for P(attack) outputs: the verdict)")
	return cmd
}

// printSwitches lists the values that flip the verdict, nearest their
// median first, and says how many cannot.
func printSwitches(w io.Writer, sw []sweep.Switch, thr string, above bool) {
	side := "below"
	if above {
		side = "at or above"
	}
	fmt.Fprintf(w, "\nWhat flips it: the output is %s %s at the medians; each value below, moved alone (others at their medians), crosses it at:\n", side, thr)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "uncertain value\tswitch-over value\tits median\tat quantile")
	none := 0
	for _, s := range sw {
		if !s.Found {
			none++
			continue
		}
		g := func(x float64) string { return strconv.FormatFloat(x, 'g', 3, 64) }
		v, m := g(s.Value), g(s.Median)
		if s.Level != "" {
			v, m = s.Level, s.MedianLevel
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.3f\n", s.Input, v, m, s.Quantile)
	}
	tw.Flush()
	fmt.Fprintf(w, "%d of %d values cannot flip it alone within their 0.1%%-99.9%% range.\n", none, len(sw))
}
