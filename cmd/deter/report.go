package main

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"deter/app"
	"deter/engine"
	"deter/report"
	"deter/sweep"
)

func newReportCmd() *cobra.Command {
	var out, format string
	var draws int
	cmd := &cobra.Command{
		Use:   "report SCENARIO -o FILE",
		Short: "Write a self-contained report (HTML with inline charts, or Markdown)",
		Long: `report runs every package of a scenario and writes one file that can be mailed:
HTML with inline SVG charts and no external resources (opens offline), or
Markdown text with --format md.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return errors.New("-o FILE is required")
			}
			if format != "html" && format != "md" {
				return fmt.Errorf("--format must be html or md, not %q", format)
			}
			s, err := scenarioArg(cmd, args[0])
			if err != nil {
				return err
			}
			res, err := app.Run(cmd.Context(), s, engine.Options{})
			if err != nil {
				return err
			}
			if draws < 0 || draws > 100000 {
				return fmt.Errorf("--draws must be between 0 and 100000, not %d", draws)
			}
			var cmp *sweep.Comparison
			if draws > 0 {
				if cmp, err = app.Compare(cmd.Context(), s, res.Seed, draws, 0); err != nil {
					return err
				}
			}
			doc, err := app.ReportDeciding(cmd.Context(), s, res, cmp, version())
			if err != nil {
				return err
			}
			var b bytes.Buffer
			if format == "md" {
				err = report.Markdown(&b, doc)
			} else {
				err = report.HTML(&b, doc)
			}
			if err != nil {
				return err
			}
			if err := writeFileAtomic(out, b.Bytes()); err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s (%d bytes)\n", out, b.Len())
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "file to write")
	cmd.Flags().StringVar(&format, "format", "html", "html or md")
	cmd.Flags().IntVar(&draws, "draws", 200, "draws of the uncertain values for the section under uncertainty (0: none)")
	return cmd
}
