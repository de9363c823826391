package main

import (
	"deter/app"
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

func newOptimiseCmd() *cobra.Command {
	var pop, gens int
	var seed uint64
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "optimise FILE",
		Aliases: []string{"optimize"},
		Short:   "Search the scenario's package design space for the Pareto front (NSGA-II)",
		Long: `optimise varies the scenario's 'design:' base package (force size, arms money,
optional mechanisms, commitment text) and searches with NSGA-II (Deb et al.
2002) for the packages that no other beats on all three objectives at once:

  P(renewed attack within a year)   from the deterrence model
  cost over five years (US$ bn)     from the cost model
  shortfall of acceptance (km²)     how far the attacker and the defender are
                                    from signing, from the acceptability model
                                    (a hard red line counts the whole disputed
                                    area)`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := scenarioArg(cmd, args[0])
			if err != nil {
				return err
			}
			if !cmd.Flags().Changed("seed") {
				seed = s.Settings.Seed
			}
			progress := progressFunc(cmd.ErrOrStderr(), gens, false, "optimise", "generations")
			front, err := app.Optimise(cmd.Context(), s, app.OptimiseSpec{Population: pop, Generations: gens, Seed: seed, Progress: progress})
			if err != nil {
				return err
			}
			type row struct {
				Design    map[string]any `json:"design"`
				PAttack1  float64        `json:"p_attack_1y"`
				Cost5     float64        `json:"cost_5y_usd_bn"`
				Shortfall float64        `json:"acceptance_shortfall_km2"`
			}
			var rows []row
			for _, d := range front.Designs {
				rows = append(rows, row{d.Vars, d.PAttack1, d.Cost5, d.Shortfall})
			}
			w := cmd.OutOrStdout()
			if asJSON {
				return writeJSON(w, map[string]any{"base": front.Base, "variables": front.Variables, "front": rows})
			}
			fmt.Fprintf(w, "Pareto front: %d designs varying %s (population %d, %d generations, seed %d)\n\n", len(rows), front.Base, pop, gens, seed)
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "P(attack) 1 y\tcost 5 y US$ bn\tshort of acceptance km2\tdesign")
			for _, r := range rows {
				b, _ := json.Marshal(r.Design)
				fmt.Fprintf(tw, "%.3g\t%.1f\t%.0f\t%s\n", r.PAttack1, r.Cost5, r.Shortfall, b)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().IntVar(&pop, "population", 40, "NSGA-II population (even)")
	cmd.Flags().IntVar(&gens, "generations", 30, "NSGA-II generations")
	cmd.Flags().Uint64Var(&seed, "seed", 0, "random seed (default: the scenario's)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}
