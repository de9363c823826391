package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"deter/app"
	"deter/store"
	"deter/sweep"
)

// maxWorkers bounds --workers: each worker holds its own model state, and
// beyond a few per core more only add scheduling overhead.
const maxWorkers = 1024

func newSweepCmd() *cobra.Command {
	var draws, workers int
	var seed uint64
	var shardFlag, dbPath string
	var resume, asJSON, quiet bool
	cmd := &cobra.Command{
		Use:   "sweep FILE",
		Short: "Monte Carlo over the scenario's uncertain values: distributions of every package's outcomes",
		Long: `sweep draws every distribution-valued number of the scenario, runs all the
models for each draw, stores each draw in an SQLite database and prints the
mean, median and 5%/95% quantiles of each package's outputs.

Draw d uses the random stream (seed, d), so results are identical for any
number of workers and any sharding. A sweep interrupted by Ctrl-C or a crash
loses no completed draw: run the same command with --resume to finish it.

  --shard i/n   run only draws i, i+n, i+2n, ... (for clusters; merge the
                databases afterwards)`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			in, err := loadScenario(cmd, args[0])
			if err != nil {
				return err
			}
			s := in.Scenario
			switch {
			case cmd.Flags().Changed("draws") && draws < 1:
				return fmt.Errorf("--draws %d: give at least 1 draw", draws)
			case draws == 0:
				draws = s.Settings.Draws
			}
			if workers < 0 || workers > maxWorkers {
				return fmt.Errorf("--workers %d must be between 1 and %d (0 or absent: one per core)", workers, maxWorkers)
			}
			if draws > sweep.MaxDraws {
				return fmt.Errorf("--draws %d is above the limit of %d", draws, sweep.MaxDraws)
			}
			if !cmd.Flags().Changed("seed") {
				seed = s.Settings.Seed
			}
			shard, err := parseShard(shardFlag)
			if err != nil {
				return err
			}
			if dbPath == "" {
				dbPath = strings.TrimSuffix(filepath.Base(args[0]), filepath.Ext(args[0])) + ".sweep.db"
			}
			db, err := store.Open(dbPath)
			if err != nil {
				return err
			}
			defer db.Close()
			stderr := cmd.ErrOrStderr()
			progress := progressFunc(stderr, len(shard.Draws(draws)), quiet, "sweep", "draws")
			res, err := app.Sweep(cmd.Context(), db, in, app.SweepSpec{Seed: seed, Draws: draws, Shard: shard, Workers: workers,
				Resume: resume, Version: version(), Progress: progress})
			var partial *app.PartialError
			switch {
			case errors.As(err, &partial):
				return fmt.Errorf("%s already holds %d of this sweep's %d draws; pass --resume to finish it, or use another --db", dbPath, partial.Done, partial.Total)
			case err != nil:
				return fmt.Errorf("sweep stopped (completed draws are saved in %s; rerun with --resume): %w", dbPath, err)
			}
			run, sums := res.Run, res.Summaries
			w := cmd.OutOrStdout()
			if asJSON {
				return writeJSON(w, map[string]any{"scenario": s.Name, "seed": seed, "draws": draws,
					"shard": fmt.Sprintf("%d/%d", shard.I, shard.N), "uncertain_values": res.Uncertain,
					"database": dbPath, "run_id": run.ID, "summaries": sums})
			}
			return printSummaries(w, s.Name, seed, draws, shard, res.Uncertain, dbPath, sums)
		},
	}
	cmd.Flags().IntVar(&draws, "draws", 0, "number of draws (default: settings.draws of the scenario)")
	cmd.Flags().Uint64Var(&seed, "seed", 0, "random seed (default: settings.seed of the scenario)")
	cmd.Flags().IntVar(&workers, "workers", 0, "parallel workers (default: all cores)")
	cmd.Flags().StringVar(&shardFlag, "shard", "0/1", "run only shard i of n: draws i, i+n, ...")
	cmd.Flags().StringVar(&dbPath, "db", "", "SQLite database for the draws (default: SCENARIO.sweep.db in the current folder)")
	cmd.Flags().BoolVar(&resume, "resume", false, "continue an interrupted sweep stored in --db")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the summaries as JSON")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "no progress bar")
	return cmd
}

func parseShard(s string) (sweep.Shard, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n || n > 1_000_000 {
		return sweep.Shard{}, fmt.Errorf("--shard %q must be i/n with 0 <= i < n", s)
	}
	return sweep.Shard{I: i, N: n}, nil
}

// progressFunc shows a progress bar with rate and ETA when w is a terminal,
// and nothing otherwise; what and unit name the task and what it counts.
func progressFunc(w io.Writer, total int, quiet bool, what, unit string) func(done, total int) {
	f, ok := w.(*os.File)
	if quiet || !ok {
		return nil
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	bar := progressbar.NewOptions(total, progressbar.OptionSetWriter(f), progressbar.OptionShowCount(),
		progressbar.OptionShowIts(), progressbar.OptionSetItsString(unit), progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetDescription(what), progressbar.OptionClearOnFinish())
	return func(done, _ int) { bar.Set(done) }
}

func printSummaries(w io.Writer, name string, seed uint64, draws int, shard sweep.Shard, uncertain int, db string, sums []sweep.Summary) error {
	fmt.Fprintf(w, "%s: %d draws (shard %d/%d), seed %d, %d uncertain values; draws stored in %s\n\n", name, draws, shard.I, shard.N, seed, uncertain, db)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "package\toutput\tmean\t5%\tmedian\t95%\tshare finite\t")
	for _, s := range sums {
		f := g
		if strings.HasPrefix(s.Output, "p_") {
			f = pctSig // probabilities with the digits the draws support
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%.2f\t\n", s.Package, s.Output, f(s.Mean), f(s.P05), f(s.Median), f(s.P95), s.Finite)
	}
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, "ground: km2 taken with guarantor intervention unless marked; first_objective_day over the draws that reach it; share finite = share of draws reaching it")
	return tw.Flush()
}

func g(x float64) string {
	if x != 0 && (x >= 1e6 || x < 0.01 && x > -0.01) {
		return strconv.FormatFloat(x, 'e', 3, 64)
	}
	return strconv.FormatFloat(x, 'f', 1, 64)
}
