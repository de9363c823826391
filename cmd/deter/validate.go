package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"deter/scenario"
)

func newValidateCmd() *cobra.Command {
	var strict, quiet bool
	cmd := &cobra.Command{
		Use:   "validate FILE|DIR...",
		Short: "Check scenario files and report every error with file:line:column and field",
		Long: `validate loads each scenario file (or every .yaml/.yml file in a folder) and
reports every problem it finds, each with its file, line, column and field path.
The exit status is 0 only if every file is valid.

With --strict, a number that has neither a source nor an explicit
"source: assumption" is an error too.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			files, err := expandScenarioArgs(args)
			if err != nil {
				return err
			}
			bad := validateFiles(cmd.OutOrStdout(), files, strict, quiet)
			if bad > 0 {
				return exitError{1}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&strict, "strict", false, "also require a source (or 'source: assumption') on every number")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "print only errors, not the source excerpts or 'ok' lines")
	return cmd
}

// expandScenarioArgs turns file and folder arguments into a list of files.
func expandScenarioArgs(args []string) ([]string, error) {
	var files []string
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil {
			// Reported per file by validateFiles, so that one missing file
			// does not hide the errors of the others.
			files = append(files, a)
			continue
		}
		if !st.IsDir() {
			files = append(files, a)
			continue
		}
		ents, err := os.ReadDir(a)
		if err != nil {
			return nil, fmt.Errorf("cannot read folder: %w", err)
		}
		var in []string
		for _, e := range ents {
			n := e.Name()
			if !e.IsDir() && (strings.HasSuffix(n, ".yaml") || strings.HasSuffix(n, ".yml")) {
				in = append(in, filepath.Join(a, n))
			}
		}
		if len(in) == 0 {
			return nil, fmt.Errorf("no .yaml files in %s", a)
		}
		sort.Strings(in)
		files = append(files, in...)
	}
	return files, nil
}

// validateFiles prints a report for each file and returns how many failed.
func validateFiles(w io.Writer, files []string, strict, quiet bool) int {
	bad, nerr := 0, 0
	for _, f := range files {
		s, err := scenario.Load(f)
		var list scenario.ErrorList
		if err != nil && !errors.As(err, &list) {
			fmt.Fprintf(w, "%s: %v\n", f, err)
			bad++
			nerr++
			continue
		}
		if err == nil && strict {
			list = scenario.Unsourced(s)
		}
		if len(list) == 0 {
			if !quiet {
				fmt.Fprintf(w, "%s: ok\n", f)
			}
			continue
		}
		bad++
		nerr += len(list)
		for _, e := range list {
			fmt.Fprintln(w, e.Error())
			if ex := e.Excerpt(); ex != "" && !quiet {
				fmt.Fprintln(w, ex)
			}
		}
	}
	if bad > 0 {
		fmt.Fprintf(w, "%d of %d file(s) invalid, %d error(s)\n", bad, len(files), nerr)
	}
	return bad
}
