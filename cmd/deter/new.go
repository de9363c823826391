package main

import (
	_ "embed"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"
)

//go:embed templates/new.yaml
var newScenario []byte

func newNewCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "new FILE.yaml",
		Short: "Write a commented starting scenario to edit",
		Long: `new writes a small valid scenario (an attacker, a defender, a guarantor, one
front sector and three packages) with comments saying what to replace. It
refuses to overwrite an existing file.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := os.Stat(args[0]); err == nil {
				return fmt.Errorf("%s already exists; not overwritten", args[0])
			} else if !errors.Is(err, os.ErrNotExist) {
				return err
			}
			if err := writeFileAtomic(args[0], newScenario); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "wrote %s; next: deter validate --strict %s, then deter run %s\n", args[0], args[0], args[0])
			return nil
		},
	}
}
