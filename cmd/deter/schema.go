package main

import (
	"github.com/spf13/cobra"

	"deter/scenario"
)

func newSchemaCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of the scenario format (for editors)",
		Long: `schema prints the JSON Schema (draft 2020-12) of scenario files. The same schema
is committed as schema/scenario.schema.json; point your editor's YAML language
server at it, e.g. with a first line
  # yaml-language-server: $schema=../schema/scenario.schema.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := cmd.OutOrStdout().Write(scenario.JSONSchema())
			return err
		},
	}
}
