package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"deter/scenario"
)

func newMechanismsCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "mechanisms",
		Short: "List the guarantee mechanisms a package can hold",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "key\tmeaning")
			for _, m := range scenario.MechanismList() {
				fmt.Fprintf(tw, "%s\t%s\n", m.Key, m.Doc)
			}
			return tw.Flush()
		},
	}
}
