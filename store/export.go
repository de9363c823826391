package store

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/parquet-go/parquet-go"
)

// ExportRow is one number of one draw in the tidy ("long") layout that
// pandas and R read directly: one row per run, draw, package and output.
type ExportRow struct {
	Run     int64   `parquet:"run"`
	Draw    int64   `parquet:"draw"`
	Package string  `parquet:"package,dict"`
	Output  string  `parquet:"output,dict"`
	Value   float64 `parquet:"value"`
}

// Export returns every stored draw of every run (or of run id when > 0) in
// the tidy layout.
func (s *DB) Export(ctx context.Context, id int64) ([]ExportRow, error) {
	if err := s.Check(ctx); err != nil {
		return nil, err
	}
	runs, err := s.Runs(ctx)
	if err != nil {
		return nil, err
	}
	var out []ExportRow
	found := false
	for _, r := range runs {
		if id > 0 && r.ID != id {
			continue
		}
		found = true
		rows, err := s.Rows(ctx, r)
		if err != nil {
			return nil, err
		}
		for _, row := range rows {
			for k, v := range row.Values {
				if k >= len(r.Outputs) || row.Package >= len(r.Packages) {
					return nil, fmt.Errorf("store: run %d has a row that does not match its packages or outputs", r.ID)
				}
				out = append(out, ExportRow{Run: r.ID, Draw: int64(row.Draw), Package: r.Packages[row.Package], Output: r.Outputs[k], Value: v})
			}
		}
	}
	if id > 0 && !found {
		return nil, fmt.Errorf("store: no run %d", id)
	}
	return out, nil
}

// WriteCSV writes rows as CSV with a header; infinities are written as
// "Inf" (which pandas and R read as infinity).
func WriteCSV(w io.Writer, rows []ExportRow) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"run", "draw", "package", "output", "value"})
	for _, r := range rows {
		v := strconv.FormatFloat(r.Value, 'g', -1, 64)
		if math.IsInf(r.Value, 1) {
			v = "Inf"
		}
		cw.Write([]string{strconv.FormatInt(r.Run, 10), strconv.FormatInt(r.Draw, 10), r.Package, r.Output, v})
	}
	cw.Flush()
	return cw.Error()
}

// WriteParquet writes rows as a Parquet file.
func WriteParquet(w io.Writer, rows []ExportRow) error {
	return parquet.Write(w, rows)
}
