package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"deter/validation"
)

func newCheckCmd() *cobra.Command {
	var dataDir, model string
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Run the model-validation cases and print how each model compares with published figures",
		Long: `check runs every registered validation case: a model's answer compared with a
published figure under a stated tolerance. The cases are the same ones the test
suite runs. Cases whose reference data is absent are skipped, not failed.
The sample column says how much a pass proves: "out of sample" (nothing
in the model was set from that outcome), "in sample" (known when the model
or scenario was written, not fitted to), or "calibrated to" (the very number
a parameter was set from: a pass only shows the calibration still holds).
The exit status is 1 if any case fails.

Reference data is looked for in $DETER_DATA, else in ../shared/data beside the
current folder or one of its parents.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			env := validation.Env{DataDir: dataDir}
			if env.DataDir == "" {
				env.DataDir = validation.FindData()
			}
			w := cmd.OutOrStdout()
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "case\tsample\tsource\tpublished\tmodel\ttolerance\tresult")
			counts := map[validation.Status]int{}
			n := 0
			for _, c := range validation.All() {
				if model != "" && c.Model != model {
					continue
				}
				n++
				r := validation.Run(c, env)
				counts[r.Status]++
				mv := human(r.Model)
				if r.Status == validation.Skipped || r.Status == validation.Errored {
					mv = "-"
				}
				res := string(r.Status)
				if r.Detail != "" {
					res += " (" + r.Detail + ")"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s %s\t%s\t%s\t%s\n", c.ID, c.Sample, shorten(c.Source, 48), human(c.Published), c.Unit, mv, c.Tolerance(), res)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			if n == 0 {
				fmt.Fprintln(w, "no validation cases registered for this selection")
			}
			fmt.Fprintf(w, "%d passed, %d failed, %d skipped, %d errors\n", counts[validation.Passed], counts[validation.Failed], counts[validation.Skipped], counts[validation.Errored])
			if counts[validation.Failed]+counts[validation.Errored] > 0 {
				return exitError{1}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&dataDir, "data", "", "reference-data folder (default: $DETER_DATA or ../shared/data)")
	cmd.Flags().StringVar(&model, "model", "", "run only the cases of this model (e.g. campaign)")
	return cmd
}

func shorten(s string, n int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}

// human formats a number for the check table: thousands with separators,
// small numbers with four significant digits.
func human(x float64) string {
	if math.Abs(x) >= 10000 && math.Abs(x) < 1e15 {
		s := strconv.FormatFloat(math.Round(x), 'f', 0, 64)
		neg := strings.HasPrefix(s, "-")
		s = strings.TrimPrefix(s, "-")
		var b strings.Builder
		for i, r := range s {
			if i > 0 && (len(s)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteRune(r)
		}
		if neg {
			return "-" + b.String()
		}
		return b.String()
	}
	return strconv.FormatFloat(x, 'g', 4, 64)
}
