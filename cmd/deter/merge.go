package main

import (
	"fmt"
	"sort"

	"github.com/spf13/cobra"

	"deter/scenario"
	"deter/store"
	"deter/sweep"
)

func newMergeCmd() *cobra.Command {
	var out string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "merge DB...",
		Short: "Combine sweep shard databases and check that every draw is there exactly once",
		Long: `merge reads the runs stored by 'deter sweep --shard i/n' in one or more
databases, checks that together they cover every draw of the sweep once (no
draw missing, none twice), and prints the summaries of the whole sweep. With
--out it also writes all the rows into one database as an unsharded run.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			type key struct {
				hash  string
				seed  uint64
				draws int
			}
			var k *key
			var text, name string
			var pkgs []string
			seen := map[uint64]int{}
			var rows []sweep.Row
			shards := map[int]bool{}
			nShards := 0
			for _, path := range args {
				db, err := store.Open(path)
				if err != nil {
					return err
				}
				runs, err := db.Runs(ctx)
				if err != nil {
					db.Close()
					return err
				}
				for _, r := range runs {
					rk := key{r.Key.ScenarioHash, r.Key.Seed, r.Key.Draws}
					if k == nil {
						k, text, name, pkgs = &rk, r.ScenarioText, r.ScenarioName, r.Packages
						nShards = r.Key.Shard.N
					} else if *k != rk || r.Key.Shard.N != nShards {
						db.Close()
						return fmt.Errorf("%s: run %d belongs to another sweep (scenario, seed, draws or shard count differ)", path, r.ID)
					}
					if shards[r.Key.Shard.I] {
						db.Close()
						return fmt.Errorf("%s: shard %d/%d appears twice", path, r.Key.Shard.I, nShards)
					}
					shards[r.Key.Shard.I] = true
					rr, err := db.Rows(ctx, r)
					if err != nil {
						db.Close()
						return err
					}
					for _, row := range rr {
						if row.Package == 0 {
							seen[row.Draw]++
						}
					}
					rows = append(rows, rr...)
				}
				db.Close()
			}
			if k == nil {
				return fmt.Errorf("no sweep runs in %v", args)
			}
			var missing, twice []uint64
			for d := range uint64(k.draws) {
				switch seen[d] {
				case 0:
					missing = append(missing, d)
				case 1:
				default:
					twice = append(twice, d)
				}
			}
			if len(missing) > 0 || len(twice) > 0 {
				sort.Slice(missing, func(i, j int) bool { return missing[i] < missing[j] })
				return fmt.Errorf("coverage check failed: %d draw(s) missing (first %v), %d more than once (first %v)", len(missing), head(missing), len(twice), head(twice))
			}
			if out != "" {
				db, err := store.Open(out)
				if err != nil {
					return err
				}
				defer db.Close()
				run, err := db.StartRun(ctx, store.RunKey{ScenarioHash: k.hash, Seed: k.seed, Draws: k.draws, Shard: sweep.Shard{I: 0, N: 1}}, name, []byte(text), version(), pkgs)
				if err != nil {
					return err
				}
				if err := db.Put(ctx, run, rows); err != nil {
					return err
				}
			}
			sums, err := sweep.Summarise(pkgs, rows)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), map[string]any{"scenario": name, "seed": k.seed, "draws": k.draws, "shards": nShards, "summaries": sums})
			}
			s, _ := scenario.Parse(name, []byte(text))
			unc := 0
			if s != nil {
				if plan, err := sweep.NewPlan(s, k.seed); err == nil {
					unc = plan.Uncertain()
				}
			}
			return printSummaries(cmd.OutOrStdout(), name, k.seed, k.draws, sweep.Shard{I: 0, N: 1}, unc, fmt.Sprint(args), sums)
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "write the merged rows into this database")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the summaries as JSON")
	return cmd
}

func head(d []uint64) []uint64 {
	if len(d) > 5 {
		return d[:5]
	}
	return d
}
