package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"deter/app"
	"deter/report"
)

func newBriefCmd() *cobra.Command {
	var out, pdf string
	var draws int
	var seed uint64
	cmd := &cobra.Command{
		Use:   "brief SCENARIO -o brief.html",
		Short: "Write a one-page brief (A4): verdicts with intervals, what decides them, sources",
		Long: `brief runs every package of a scenario under uncertainty and writes one
self-contained HTML page sized for A4: the question, the packages, each
verdict with its median and 90% interval, the inputs whose switch-over
values would flip it, what the numbers rest on (fitted, assumed, sourced),
and the sources. Print it to PDF from a browser, or give --pdf FILE to have
chromium (if installed) print it.

It takes a few seconds: the switch-over values need about a hundred runs of
the scenario per package.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return errors.New("-o FILE is required")
			}
			if draws < 20 || draws > 100000 {
				return fmt.Errorf("--draws must be between 20 and 100000, not %d", draws)
			}
			s, err := scenarioArg(cmd, args[0])
			if err != nil {
				return err
			}
			command := fmt.Sprintf("deter brief %s --draws %d", args[0], draws)
			if seed != 0 {
				command += fmt.Sprintf(" --seed %d", seed)
			}
			b, err := app.Brief(cmd.Context(), s, app.BriefSpec{Seed: seed, Draws: draws, Version: version(), Command: command + " -o " + out})
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := report.BriefHTML(&buf, b); err != nil {
				return err
			}
			if err := writeFileAtomic(out, buf.Bytes()); err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s (%d bytes)\n", out, buf.Len())
			if pdf != "" {
				if err := printPDF(cmd.Context(), out, pdf); err != nil {
					return err
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s\n", pdf)
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "HTML file to write")
	cmd.Flags().StringVar(&pdf, "pdf", "", "also print the brief to this PDF file with chromium (needs chromium installed)")
	cmd.Flags().IntVar(&draws, "draws", 200, "draws of the uncertain values for the intervals")
	cmd.Flags().Uint64Var(&seed, "seed", 0, "override the scenario's random seed")
	return cmd
}

// printPDF prints an HTML file to PDF with headless chromium, writing the
// PDF next to its destination first and renaming it into place.
func printPDF(ctx context.Context, htmlPath, pdfPath string) error {
	bin := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		return errors.New("--pdf needs chromium (apt-get install chromium); or open the HTML in a browser and print it")
	}
	abs, err := filepath.Abs(htmlPath)
	if err != nil {
		return err
	}
	tmp := pdfPath + ".tmp"
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	c := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
		"--user-data-dir="+filepath.Join(os.TempDir(), fmt.Sprintf("deter-brief-%d", os.Getpid())),
		"--print-to-pdf="+tmp, "file://"+filepath.ToSlash(abs))
	var stderr bytes.Buffer
	c.Stderr = &stderr
	if err := c.Run(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("chromium could not print the brief: %w: %s", err, strings.TrimSpace(lastLine(stderr.String())))
	}
	if fi, err := os.Stat(tmp); err != nil || fi.Size() == 0 {
		os.Remove(tmp)
		return errors.New("chromium wrote no PDF")
	}
	return os.Rename(tmp, pdfPath)
}

// lastLine is the last non-empty line of s.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}
