// Command deter designs and stress-tests security-guarantee packages.
//
// Usage:
//
//	deter new FILE              write a commented starting scenario
//	deter run FILE              evaluate every package of a scenario
//	deter bargain FILE          the spatial bargaining model's path to the likely settlement
//	deter validate FILE...      check scenario files and report every error
//	deter check                 run the model-validation cases (published vs model)
//	deter fit FILE.csv          fit Lanchester coefficients to daily strengths
//	deter sweep FILE            Monte Carlo over the uncertain values, into SQLite
//	deter merge DB...           combine shard databases of a sweep
//	deter export DB -o FILE     every draw as CSV or Parquet
//	deter sensitivity FILE      tornado and Sobol indices of one output
//	deter optimise FILE         Pareto front of packages over the design space
//	deter effects FILE          what each mechanism does to each package, removed or added
//	deter backtest [FILE...]    score the deterrence model on the historical case library
//	deter report FILE -o FILE   one self-contained HTML or Markdown report
//	deter brief FILE -o FILE    a one-page brief (A4): verdicts, what decides them, sources
//	deter serve                 the web workbench
//	deter game solve FILE       equilibria of a Gambit .nfg/.efg game
//	deter game strategic FILE   a tree's reduced strategic form as .nfg
//	deter game deterrence FILE  a package's deterrence game as .efg
//	deter schema                print the scenario JSON Schema
//	deter mechanisms            list the guarantee mechanisms a package can hold
//	deter version               print the version
//
// Run "deter help COMMAND" for the flags of each command. Each command is
// one file of this folder; the work they share is in package app.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"
)

// interruptGrace is how long a command may take to stop after SIGINT or
// SIGTERM before the process exits anyway.
const interruptGrace = 10 * time.Second

// exitError carries an exit status whose message has already been printed.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go exitAfterGrace(ctx, done, interruptGrace, os.Stderr, os.Exit)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	close(done)
	stop()
	if err != nil {
		var ee exitError
		if errors.As(err, &ee) {
			os.Exit(ee.code)
		}
		fmt.Fprintln(os.Stderr, "deter:", err)
		os.Exit(1)
	}
}

// exitAfterGrace waits until the command is done or the context is
// cancelled by a signal. Commands stop at their next check of the context
// (sweeps between draws, solvers between steps, each writing whole results
// only); one that has not returned within grace after the signal is ended
// with exit status 130, so an interrupt never hangs.
func exitAfterGrace(ctx context.Context, done <-chan struct{}, grace time.Duration, stderr io.Writer, exit func(int)) {
	select {
	case <-done:
	case <-ctx.Done():
		select {
		case <-done:
		case <-time.After(grace):
			fmt.Fprintf(stderr, "deter: interrupted; the command did not stop within %v, exiting\n", grace)
			exit(130)
		}
	}
}

// run is the whole program, testable: it parses args and writes to stdout
// and stderr.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	root := &cobra.Command{
		Use:   "deter",
		Short: "Design and stress-test security-guarantee packages",
		Long: `deter evaluates guarantee packages for a conflict described in a scenario file:
does a package deter a renewed attack, how does the defence go if it does not,
would each actor accept it, and what does it cost.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetContext(ctx)
	root.AddCommand(newRunCmd(), newBargainCmd(), newNewCmd(), newValidateCmd(), newCheckCmd(), newFitCmd(), newSweepCmd(), newSensitivityCmd(), newOptimiseCmd(), newEffectsCmd(), newBacktestCmd(), newMergeCmd(), newExportCmd(), newGameCmd(), newReportCmd(), newBriefCmd(), newServeCmd(), newSchemaCmd(), newMechanismsCmd(), newVersionCmd())
	return root.ExecuteContext(ctx)
}
