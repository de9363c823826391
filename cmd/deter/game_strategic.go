package main

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"deter/internal/fsutil"
)

// newGameStrategicCmd is 'deter game strategic': a tree's reduced strategic
// form written as a Gambit .nfg file.
func newGameStrategicCmd() *cobra.Command {
	var nfgOut string
	strategicCmd := &cobra.Command{
		Use:   "strategic FILE.efg",
		Short: "Write a tree's reduced strategic form as a Gambit .nfg file",
		Long: `strategic reads an extensive game in Gambit's .efg format and writes its
reduced strategic form (the form the strategic solvers of 'deter game solve'
work on: strategies that differ only where their own choices make an
information set unreachable are merged, '*' marking such sets in the names)
in Gambit's .nfg format, payoffs exact, to stdout or to --out.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !strings.HasSuffix(args[0], ".efg") {
				return fmt.Errorf("%s: strategic needs an extensive game (.efg)", args[0])
			}
			b, err := readGameFile(args[0])
			if err != nil {
				return err
			}
			eg, err := readTree(args[0], b, nil)
			if err != nil {
				return err
			}
			g, err := eg.ReducedNormalForm()
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			var buf bytes.Buffer
			if err := g.WriteNFG(&buf); err != nil {
				return err
			}
			if nfgOut == "" {
				_, err = cmd.OutOrStdout().Write(buf.Bytes())
				return err
			}
			if err := fsutil.WriteAtomic(nfgOut, buf.Bytes()); err != nil {
				return fmt.Errorf("cannot write game: %w", err)
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s (%d strategy profiles)\n", nfgOut, g.Profiles())
			return nil
		},
	}
	strategicCmd.Flags().StringVarP(&nfgOut, "out", "o", "", "write to this file instead of stdout")
	return strategicCmd
}
