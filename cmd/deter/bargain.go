package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"deter/app"
	"deter/engine"
	"deter/report"
)

func newBargainCmd() *cobra.Command {
	var seed uint64
	var jsonOut bool
	cmd := &cobra.Command{
		Use:   "bargain FILE",
		Short: "Print the spatial bargaining model's round-by-round path to the likely settlement",
		Long: `bargain runs the scenario (its campaign and deterrence models give the
battlefield that moves the attacker's territorial demand) and the spatial model
of politics over the issue space in models.bargain.spatial, and prints every
actor's position on every issue in every round, the challenges made in each
round, the forecast settlement, and each package's distance from it.

  --json   print the spatial forecast as JSON`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := scenarioArg(cmd, args[0])
			if err != nil {
				return err
			}
			res, err := app.Run(cmd.Context(), s, engine.Options{Seed: seed})
			if err != nil {
				return err
			}
			if res.Spatial == nil {
				return fmt.Errorf("%s has no issue space: add models.bargain.spatial (issues, and each actor's clout and stances); see docs/scenario.md", args[0])
			}
			w := cmd.OutOrStdout()
			if jsonOut {
				return writeJSON(w, res.Spatial)
			}
			fmt.Fprintf(w, "%s\n\n", res.Scenario)
			report.SpatialPath(w, res.Spatial)
			fmt.Fprintln(w)
			report.SpatialSummary(w, res.Spatial)
			return nil
		},
	}
	cmd.Flags().Uint64Var(&seed, "seed", 0, "override the scenario's seed")
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print JSON")
	return cmd
}
