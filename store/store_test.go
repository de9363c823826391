package store

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"deter/sweep"
)

func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.SetClock(func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) })
	key := RunKey{ScenarioHash: Hash([]byte("x")), Seed: 9, Draws: 10, Shard: sweep.Shard{I: 0, N: 1}}
	run, err := db.StartRun(ctx, key, "test", []byte("x"), "v1", []string{"a", "b"})
	if err != nil {
		t.Fatal(err)
	}
	vals := make([]float64, len(sweep.Output))
	// -0.0 is +0 in Go (constant arithmetic); the negative zero needs Copysign.
	vals[0], vals[1], vals[2] = math.Inf(1), math.Copysign(0, -1), 1.0/3
	if !math.Signbit(vals[1]) {
		t.Fatal("test value is not a negative zero")
	}
	if err := db.Put(ctx, run, []sweep.Row{{Draw: 3, Package: 0, Values: vals}, {Draw: 3, Package: 1, Values: vals}}); err != nil {
		t.Fatal(err)
	}
	if err := db.Put(ctx, run, []sweep.Row{{Draw: 4, Package: 0, Values: vals}}); err != nil { // incomplete draw
		t.Fatal(err)
	}
	db.Close()

	// Reopen: migrations are not re-applied, the run is found again.
	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	again, err := db.StartRun(ctx, key, "test", []byte("x"), "v1", []string{"a", "b"})
	if err != nil || again.ID != run.ID || !again.Created.Equal(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)) {
		t.Fatalf("run not found again: %+v %v", again, err)
	}
	if _, err := db.StartRun(ctx, key, "test", []byte("x"), "v1", []string{"a"}); err == nil {
		t.Error("a run with other packages was accepted")
	}
	done, err := db.Done(ctx, again)
	if err != nil || len(done) != 1 || !done[3] {
		t.Fatalf("done = %v, %v; want draw 3 only (draw 4 lacks package b)", done, err)
	}
	rows, err := db.Rows(ctx, again)
	if err != nil || len(rows) != 3 {
		t.Fatalf("rows %v %v", rows, err)
	}
	for i, v := range rows[0].Values {
		if math.Float64bits(v) != math.Float64bits(vals[i]) {
			t.Fatalf("value %d: %v stored as %v", i, vals[i], v)
		}
	}
	runs, err := db.Runs(ctx)
	if err != nil || len(runs) != 1 {
		t.Fatalf("runs %v %v", runs, err)
	}
}

func TestOpenBadPath(t *testing.T) {
	if _, err := Open(filepath.Join(t.TempDir(), "no", "such", "dir", "x.db")); err == nil {
		t.Fatal("opened a database in a missing folder")
	}
}

func TestExport(t *testing.T) {
	ctx := context.Background()
	db, err := Open(filepath.Join(t.TempDir(), "e.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	run, _ := db.StartRun(ctx, RunKey{ScenarioHash: "h", Draws: 2, Shard: sweep.Shard{N: 1}}, "n", nil, "v", []string{"a"})
	vals := make([]float64, len(sweep.Output))
	vals[4] = math.Inf(1)
	vals[0] = 12.5
	db.Put(ctx, run, []sweep.Row{{Draw: 0, Package: 0, Values: vals}, {Draw: 1, Package: 0, Values: vals}})
	rows, err := db.Export(ctx, 0)
	if err != nil || len(rows) != 2*len(sweep.Output) {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
	var csvb strings.Builder
	if err := WriteCSV(&csvb, rows); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(csvb.String(), "1,0,a,ground_km2_d30,12.5") || !strings.Contains(csvb.String(), ",Inf") {
		t.Errorf("csv:\n%s", csvb.String()[:200])
	}
	path := filepath.Join(t.TempDir(), "x.parquet")
	f, _ := os.Create(path)
	if err := WriteParquet(f, rows); err != nil {
		t.Fatal(err)
	}
	f.Close()
	back, err := parquet.ReadFile[ExportRow](path)
	if err != nil || len(back) != len(rows) || back[0] != rows[0] || !math.IsInf(back[4].Value, 1) {
		t.Fatalf("parquet round trip: %v %v", err, back[:2])
	}
	if _, err := db.Export(ctx, 99); err == nil {
		t.Error("unknown run accepted")
	}
}
