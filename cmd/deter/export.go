package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"deter/store"
)

func newExportCmd() *cobra.Command {
	var out string
	var run int64
	cmd := &cobra.Command{
		Use:   "export DB -o FILE.csv|FILE.parquet",
		Short: "Export the draws of a sweep database as CSV or Parquet (for pandas and R)",
		Long: `export writes every stored draw in the tidy layout, one row per run, draw,
package and output (columns run, draw, package, output, value). The format
follows the file name's extension: .csv or .parquet.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ext := strings.ToLower(filepath.Ext(out))
			if out == "" || (ext != ".csv" && ext != ".parquet") {
				return fmt.Errorf("-o must name a .csv or .parquet file")
			}
			db, err := store.Open(args[0])
			if err != nil {
				return err
			}
			defer db.Close()
			rows, err := db.Export(cmd.Context(), run)
			if err != nil {
				return err
			}
			var b bytes.Buffer
			if ext == ".csv" {
				err = store.WriteCSV(&b, rows)
			} else {
				err = store.WriteParquet(&b, rows)
			}
			if err != nil {
				return err
			}
			if err := writeFileAtomic(out, b.Bytes()); err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "wrote %d rows to %s\n", len(rows), out)
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "file to write (.csv or .parquet)")
	cmd.Flags().Int64Var(&run, "run", 0, "export only this run id (default: all)")
	return cmd
}
