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

// TestDamagedStore: a store whose file was damaged (bytes overwritten
// inside it) is reported as damaged by Export instead of exporting what it
// can read as if complete; a store written by a newer deter (a higher
// schema version) is refused; rows outside a run's draws are refused.
func TestDamagedStore(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "d.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	key := RunKey{ScenarioHash: Hash([]byte("x")), Seed: 1, Draws: 2000, Shard: sweep.Shard{I: 0, N: 1}}
	run, err := db.StartRun(ctx, key, "test", []byte("x"), "v1", []string{"a"})
	if err != nil {
		t.Fatal(err)
	}
	vals := make([]float64, len(sweep.Output))
	for d := range 2000 {
		vals[0] = float64(d)
		if err := db.Put(ctx, run, []sweep.Row{{Draw: uint64(d), Package: 0, Values: vals}}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Export(ctx, 0); err != nil {
		t.Fatalf("sound store: %v", err)
	}
	// A row outside the run's draws, written behind deter's back.
	if _, err := db.db.Exec(`UPDATE draws SET draw = 5000 WHERE draw = 7`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Rows(ctx, run); err == nil || !strings.Contains(err.Error(), "outside its 2000 draws") {
		t.Errorf("row outside the run: %v", err)
	}
	if _, err := db.db.Exec(`UPDATE draws SET draw = 7 WHERE draw = 5000`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	// Overwrite 4 KB in the middle of the file.
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := f.Stat()
	junk := make([]byte, 4096)
	for i := range junk {
		junk[i] = byte(i*131 + 7)
	}
	if _, err := f.WriteAt(junk, st.Size()/2/4096*4096); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if db, err = Open(path); err == nil {
		_, err = db.Export(ctx, 0)
		db.Close()
	}
	if err == nil {
		t.Error("a damaged store exported without an error")
	}
	// A newer schema.
	newer := filepath.Join(t.TempDir(), "n.db")
	db, err = Open(newer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.db.Exec(`INSERT INTO schema_version (version) VALUES (99)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := Open(newer); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("a newer schema was accepted: %v", err)
	}
}
