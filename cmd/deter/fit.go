package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"deter/campaign"
)

func newFitCmd() *cobra.Command {
	var law string
	var a0, b0 float64
	var unweighted bool
	cmd := &cobra.Command{
		Use:   "fit FILE.csv",
		Short: "Estimate Lanchester attrition coefficients from observed daily strengths",
		Long: `fit reads a CSV of daily strengths of two sides and estimates the attrition
coefficients of a Lanchester law by least squares on the model trajectory.

The CSV has a header row with the columns
  day               whole days from 0, increasing
  x, y              observed strengths (people); leave empty if not observed
  x_in, y_in        optional: people arriving during that day (reinforcements)
The day-0 row gives the initial strengths.

Output: A (y's effectiveness against x, per day), B (x's against y), and the
root-mean-square error of each side in people.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			l, ok := map[string]campaign.Law{"square": campaign.Square, "linear": campaign.Linear, "logarithmic": campaign.Logarithmic}[law]
			if !ok {
				return fmt.Errorf("--law must be square, linear or logarithmic, not %q", law)
			}
			d, s, err := readDuelCSV(args[0])
			if err != nil {
				return err
			}
			d.Law = l
			d.A, d.B = campaign.StartingGuess(d, s)
			if cmd.Flags().Changed("a0") {
				d.A = a0
			}
			if cmd.Flags().Changed("b0") {
				d.B = b0
			}
			r, err := campaign.Fit(d, s, campaign.FitOptions{Unweighted: unweighted})
			if err != nil {
				return err
			}
			if !(r.R2X > 0) && !(r.R2Y > 0) {
				return fmt.Errorf("%s: the %s law explains none of the observed variation (R² x %.3f, y %.3f; RMSE x %.0f, y %.0f people): not a fit; try another --law, or starting values --a0/--b0",
					args[0], law, r.R2X, r.R2Y, r.RMSEX, r.RMSEY)
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "law          %s\n", law)
			fmt.Fprintf(w, "observations %d days (%d to %d)\n", len(s.Days), s.Days[0], s.Days[len(s.Days)-1])
			fmt.Fprintf(w, "A (y on x)   %.6g per day\n", r.A)
			fmt.Fprintf(w, "B (x on y)   %.6g per day\n", r.B)
			fmt.Fprintf(w, "RMSE x       %.1f people\n", r.RMSEX)
			fmt.Fprintf(w, "RMSE y       %.1f people\n", r.RMSEY)
			fmt.Fprintf(w, "R² x, y      %.4f, %.4f (share of the observed variation explained)\n", r.R2X, r.R2Y)
			_, err = fmt.Fprintf(w, "iterations   %d\n", r.Iterations)
			return err
		},
	}
	cmd.Flags().StringVar(&law, "law", "square", "attrition law: square, linear or logarithmic")
	cmd.Flags().Float64Var(&a0, "a0", 0.01, "starting guess for A (default: estimated from the first observed interval)")
	cmd.Flags().Float64Var(&b0, "b0", 0.01, "starting guess for B (default: estimated from the first observed interval)")
	cmd.Flags().BoolVar(&unweighted, "unweighted", false, "plain Euclidean distance instead of scaling each side by its largest strength")
	return cmd
}

// readDuelCSV parses the fit input; errors name the file, line and column.
func readDuelCSV(path string) (campaign.Duel, campaign.Series, error) {
	var d campaign.Duel
	var s campaign.Series
	f, err := os.Open(path)
	if err != nil {
		return d, s, fmt.Errorf("cannot open observations: %w", err)
	}
	defer f.Close()
	text, err := io.ReadAll(io.LimitReader(f, 64<<20))
	if err != nil {
		return d, s, fmt.Errorf("cannot read observations: %w", err)
	}
	r := csv.NewReader(bytes.NewReader(text))
	r.Comma = sniffDelimiter(text)
	r.TrimLeadingSpace = r.Comma != '\t' // with tabs it would merge empty fields
	r.Comment = '#'
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return d, s, fmt.Errorf("%s: cannot read header: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		if canon, ok := columnAliases[name]; ok {
			name = canon
		}
		col[name] = i
	}
	for _, need := range []string{"day", "x", "y"} {
		if _, ok := col[need]; !ok {
			hl, _ := r.FieldPos(0)
			return d, s, fmt.Errorf("%s:%d: no column %q: the header must name day, x and y (optional x_in, y_in), in any order and separated by commas, semicolons or tabs; it names %q. For example:\n  day,x,y\n  0,20000,30000",
				path, hl, need, header)
		}
	}
	line := 1
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return d, s, fmt.Errorf("%s: %w", path, err)
		}
		line, _ = r.FieldPos(0)
		get := func(name string, optional bool) (float64, error) {
			i, ok := col[name]
			if !ok || i >= len(rec) || strings.TrimSpace(rec[i]) == "" {
				if optional {
					return math.NaN(), nil
				}
				return 0, fmt.Errorf("%s:%d: column %s is empty", path, line, name)
			}
			v, err := strconv.ParseFloat(strings.TrimSpace(rec[i]), 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				return 0, fmt.Errorf("%s:%d: column %s: %q is not a number >= 0", path, line, name, rec[i])
			}
			return v, nil
		}
		day, err := get("day", false)
		if err != nil {
			return d, s, err
		}
		if day != math.Trunc(day) || day > 100000 {
			return d, s, fmt.Errorf("%s:%d: day %v must be a whole number <= 100000", path, line, day)
		}
		x, err := get("x", true)
		if err != nil {
			return d, s, err
		}
		y, err := get("y", true)
		if err != nil {
			return d, s, err
		}
		s.Days = append(s.Days, int(day))
		s.X = append(s.X, x)
		s.Y = append(s.Y, y)
		for _, side := range []string{"x_in", "y_in"} {
			v, err := get(side, true)
			if err != nil {
				return d, s, err
			}
			if v > 0 {
				p := campaign.Pulse{From: day, To: day + 1, Amount: v}
				if side == "x_in" {
					d.XIn = append(d.XIn, p)
				} else {
					d.YIn = append(d.YIn, p)
				}
			}
		}
	}
	if len(s.Days) == 0 {
		return d, s, fmt.Errorf("%s: no observations", path)
	}
	if math.IsNaN(s.X[0]) || math.IsNaN(s.Y[0]) {
		return d, s, fmt.Errorf("%s: the first row must give both strengths (the initial state)", path)
	}
	// Days counted from another origin (a date's day number, say) start
	// the battle at the first row.
	if first := s.Days[0]; first != 0 {
		for i := range s.Days {
			s.Days[i] -= first
		}
		for _, ps := range []*[]campaign.Pulse{&d.XIn, &d.YIn} {
			for i := range *ps {
				(*ps)[i].From -= float64(first)
				(*ps)[i].To -= float64(first)
			}
		}
	}
	d.X0, d.Y0 = s.X[0], s.Y[0]
	return d, s, nil
}

// columnAliases are other names the fit input's columns go by.
var columnAliases = map[string]string{
	"days": "day", "t": "day", "time": "day",
	"blue": "x", "x_strength": "x", "strength_x": "x",
	"red": "y", "y_strength": "y", "strength_y": "y",
	"x_reinforcements": "x_in", "y_reinforcements": "y_in",
}

// sniffDelimiter picks the separator of the first line that is not a
// comment: a tab or a semicolon when the line has one and no comma, else a
// comma.
func sniffDelimiter(text []byte) rune {
	for _, line := range strings.Split(string(text), "\n") {
		l := strings.TrimSpace(line)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		switch {
		case strings.Contains(l, ","):
			return ','
		case strings.Contains(l, "\t"):
			return '\t'
		case strings.Contains(l, ";"):
			return ';'
		}
		return ','
	}
	return ','
}
