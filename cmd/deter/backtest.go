package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"deter/app"
	"deter/backtest"
	"deter/report"
)

func newBacktestCmd() *cobra.Command {
	var asJSON, md, quiet bool
	var svg, write string
	cmd := &cobra.Command{
		Use:   "backtest [FILE...]",
		Short: "Score the deterrence model against the historical case library, leave-one-out",
		Long: `backtest fits the deterrence game's shared judgement coefficients
(scenario/coefficients.yaml) to historical cases by penalised likelihood (the
posterior mode under the priors named in the output), then predicts each case
from coefficients fitted without it (leave-one-out), and prints per case the
probability of an attack within the case's window against what happened, with
the Brier score, log loss and area under the ROC curve of the model and of two
baselines: the base rate and the empirical cease-fire hazard model.

A case is a scenario with an outcomes: block. Without FILE arguments the
shipped case library is used (scenarios/*.yaml and scenarios/cases/*.yaml,
carried in the binary).

The coefficients table says what the data decided: the sd ratio is the
posterior sd over the prior sd (near 1: the prior decided), and the mode with
the prior's sd tripled shows how far the answer leans on the prior.

--write-coefficients FILE rewrites the fitted coefficients' lines of a
coefficients file (scenario/coefficients.yaml in a checkout) with their
posteriors; the other lines are kept.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			var files []backtest.Source
			var err error
			if len(args) == 0 {
				files, err = app.CaseLibrary()
			} else {
				files, err = app.ReadCases(args)
			}
			if err != nil {
				return err
			}
			opt := backtest.Options{Progress: progressFunc(cmd.ErrOrStderr(), 1+len(files)*2+len(backtest.DefaultPriors()), quiet, "backtest", "fits")}
			res, err := app.Backtest(cmd.Context(), files, opt)
			if err != nil {
				return err
			}
			if svg != "" {
				var buf bytes.Buffer
				if err := report.CalibrationChart(&buf, res); err != nil {
					return err
				}
				if err := writeFileAtomic(svg, buf.Bytes()); err != nil {
					return fmt.Errorf("cannot write chart: %w", err)
				}
			}
			if write != "" {
				text, err := os.ReadFile(write)
				if err != nil {
					return fmt.Errorf("cannot read coefficients: %w", err)
				}
				out, err := backtest.UpdateCoefficients(text, res)
				if err != nil {
					return err
				}
				if err := writeFileAtomic(write, out); err != nil {
					return fmt.Errorf("cannot write coefficients: %w", err)
				}
			}
			w := cmd.OutOrStdout()
			switch {
			case asJSON:
				return writeJSON(w, res)
			case md:
				return report.BacktestMarkdown(w, res)
			}
			return report.BacktestText(w, res)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the result as JSON")
	cmd.Flags().BoolVar(&md, "md", false, "print Markdown tables (as in docs/backtest.md)")
	cmd.Flags().StringVar(&svg, "svg", "", "write the leave-one-out calibration chart (SVG) to this file")
	cmd.Flags().StringVar(&write, "write-coefficients", "", "rewrite the fitted coefficients in this coefficients file")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "no progress bar")
	return cmd
}
