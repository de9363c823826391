package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"deter/app"
	"deter/engine"
	"deter/internal/fsutil"
	"deter/report"
	"deter/scenario"
	"deter/sweep"
)

func newRunCmd() *cobra.Command {
	var asJSON bool
	var outDir string
	var seed uint64
	var intervention string
	var draws int
	cmd := &cobra.Command{
		Use:   "run FILE",
		Short: "Evaluate every package of a scenario and print a comparison",
		Long: `run loads a scenario, runs the models that exist on each of its packages and
prints a comparison table. Questions no model answers yet are listed as such;
no number is made up.

  --json      print the result as JSON instead of a table
  --out DIR   also write result.json, report.txt, ground.svg (a chart of
              ground lost over time per package) and cost-PACKAGE.svg (cost by
              element and year) and tradeoff.svg (P(attack) against the
              attacker's margin for signing) into DIR (created if needed)
  --intervention pooled|force_weighted|by_means
              override the scenario's models.deterrence.intervention: how
              the guarantors' help changes the war (by_means: each chooses
              sanctions and arms, air power or all its forces)`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := scenarioArg(cmd, args[0])
			if err != nil {
				return err
			}
			if intervention != "" {
				switch intervention {
				case "pooled", "force_weighted", "by_means":
				default:
					return fmt.Errorf("--intervention must be pooled, force_weighted or by_means, not %q", intervention)
				}
				dm := scenario.DeterrenceModel{}
				if s.Models.Deterrence != nil {
					dm = *s.Models.Deterrence
				}
				dm.Intervention = intervention
				s.Models.Deterrence = &dm
			}
			res, err := app.Run(cmd.Context(), s, engine.Options{Seed: seed})
			if err != nil {
				return err
			}
			var cmp *sweep.Comparison
			if draws < 0 || draws > 100000 {
				return fmt.Errorf("--draws must be between 0 and 100000, not %d", draws)
			}
			if draws > 0 {
				if cmp, err = app.Compare(cmd.Context(), s, res.Seed, draws, 0); err != nil {
					return err
				}
			}
			var text, js bytes.Buffer
			if err := report.Text(&text, res); err != nil {
				return err
			}
			if cmp != nil {
				if err := report.UncertaintyText(&text, cmp); err != nil {
					return err
				}
			}
			if err := writeJSON(&js, struct {
				*engine.Result
				Uncertainty *sweep.Comparison `json:"uncertainty,omitempty"`
			}{res, cmp}); err != nil {
				return err
			}
			if outDir != "" {
				if err := writeRunFiles(outDir, res, text.Bytes(), js.Bytes()); err != nil {
					return err
				}
			}
			out := text.Bytes()
			if asJSON {
				out = js.Bytes()
			}
			_, err = cmd.OutOrStdout().Write(out)
			return err
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON instead of a table")
	cmd.Flags().StringVar(&outDir, "out", "", "write result.json, report.txt and ground.svg into this folder")
	cmd.Flags().Uint64Var(&seed, "seed", 0, "override the scenario's random seed")
	cmd.Flags().IntVar(&draws, "draws", 200, "draws of the uncertain values for the medians, 90% intervals and pairwise comparison (0: nominal values only)")
	cmd.Flags().StringVar(&intervention, "intervention", "", "override models.deterrence.intervention: pooled, force_weighted or by_means")
	return cmd
}

// writeRunFiles writes run --out's files: result.json, report.txt and the
// charts of the result.
func writeRunFiles(dir string, res *engine.Result, text, js []byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot create output folder: %w", err)
	}
	charts, err := app.ResultCharts(res, "")
	if err != nil {
		return err
	}
	files := map[string][]byte{"result.json": js, "report.txt": text, "ground.svg": charts.Ground}
	if charts.TradeOff != nil {
		files["tradeoff.svg"] = charts.TradeOff
	}
	for id, svg := range charts.Cost {
		files["cost-"+id+".svg"] = svg
	}
	for name, data := range files {
		if err := fsutil.WriteAtomic(filepath.Join(dir, name), data); err != nil {
			return err
		}
	}
	return nil
}

// writeFileAtomic writes a command's output file safely.
func writeFileAtomic(path string, data []byte) error { return fsutil.WriteAtomic(path, data) }

// loadScenario loads a scenario file through app.Load, printing every
// validation error with its excerpt to stderr: the one way every command
// reads a scenario.
func loadScenario(cmd *cobra.Command, path string) (*app.Input, error) {
	in, err := app.Load(path)
	var inv *app.InvalidError
	if errors.As(err, &inv) {
		for _, e := range inv.Errors {
			fmt.Fprintln(cmd.ErrOrStderr(), e.Error())
			if ex := e.Excerpt(); ex != "" {
				fmt.Fprintln(cmd.ErrOrStderr(), ex)
			}
		}
	}
	return in, err
}

// scenarioArg loads the scenario a command names (loadScenario, for
// commands that need only the scenario).
func scenarioArg(cmd *cobra.Command, path string) (*scenario.Scenario, error) {
	in, err := loadScenario(cmd, path)
	if err != nil {
		return nil, err
	}
	return in.Scenario, nil
}

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
