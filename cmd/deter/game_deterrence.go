package main

import (
	"bytes"
	"fmt"

	"github.com/spf13/cobra"

	"deter/engine"
	"deter/internal/fsutil"
)

// newGameDeterrenceCmd is 'deter game deterrence': a package's deterrence
// game written as a Gambit .efg file.
func newGameDeterrenceCmd() *cobra.Command {
	var pkg, out string
	deter := &cobra.Command{
		Use:   "deterrence SCENARIO",
		Short: "Write a package's deterrence game as a Gambit .efg file",
		Long: `deterrence builds the deterrence game of one package of a scenario (the
first unless --package names one) as deter run does, from the campaign
model's results, and writes it in Gambit's .efg format, to stdout or to
--out. Gambit opens the file; 'deter game solve FILE --method bayes' solves it.
Players: the attacker, each guarantor, the defender; payoffs in US$ bn.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := scenarioArg(cmd, args[0])
			if err != nil {
				return err
			}
			t, err := engine.DeterrenceTree(s, pkg)
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := t.Game.WriteEFG(&buf); err != nil {
				return err
			}
			if out == "" {
				_, err = cmd.OutOrStdout().Write(buf.Bytes())
				return err
			}
			if err := fsutil.WriteAtomic(out, buf.Bytes()); err != nil {
				return fmt.Errorf("cannot write game: %w", err)
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s (%d nodes)\n", out, t.Game.Nodes())
			return nil
		},
	}
	deter.Flags().StringVar(&pkg, "package", "", "package id (default: the first)")
	deter.Flags().StringVarP(&out, "out", "o", "", "write to this file instead of stdout")
	return deter
}
