// Package store keeps sweep runs in an embedded SQLite database (pure Go,
// no cgo; WAL journal): each run's scenario (hash and full text), seed,
// shard, code version, and every draw's outputs. A draw's rows are written
// in one transaction, so a killed sweep loses no completed draw and resumes
// where it stopped.
package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"sort"
	"strings"
	"time"

	_ "modernc.org/sqlite"

	"deter/sweep"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is an open store.
type DB struct {
	db  *sql.DB
	now func() time.Time
}

// Open opens (creating if needed) the database at path and applies pending
// migrations, each in its own transaction.
func Open(path string) (*DB, error) {
	dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=busy_timeout(5000)&_pragma=foreign_keys(ON)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("cannot open store: %w", err)
	}
	db.SetMaxOpenConns(1)
	s := &DB{db: db, now: time.Now}
	if err := s.migrate(); err != nil {
		db.Close()
		return nil, fmt.Errorf("cannot open store %s: %w", path, err)
	}
	return s, nil
}

// Check runs SQLite's quick integrity check: an error unless the file is
// sound (a page overwritten inside it, say), so that nothing read from a
// damaged store is reported as complete.
func (s *DB) Check(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, `PRAGMA quick_check`)
	if err != nil {
		return fmt.Errorf("store: the database is damaged: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			return fmt.Errorf("store: the database is damaged: %w", err)
		}
		if msg != "ok" {
			problems = append(problems, msg)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: the database is damaged: %w", err)
	}
	if len(problems) > 0 {
		if len(problems) > 3 {
			problems = append(problems[:3], fmt.Sprintf("and %d more", len(problems)-3))
		}
		return fmt.Errorf("store: the database is damaged: %s", strings.Join(problems, "; "))
	}
	return nil
}

// Close closes the database.
func (s *DB) Close() error { return s.db.Close() }

// SetClock replaces the clock used for run timestamps (tests).
func (s *DB) SetClock(now func() time.Time) { s.now = now }

func (s *DB) migrate() error {
	if _, err := s.db.Exec(`CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return err
	}
	var v int
	if err := s.db.QueryRow(`SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&v); err != nil {
		return err
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	if v > len(names) {
		return fmt.Errorf("its schema version %d is newer than this deter knows (%d): open it with the deter that wrote it", v, len(names))
	}
	for i, name := range names {
		n := i + 1
		if n <= v {
			continue
		}
		body, err := migrations.ReadFile(name)
		if err != nil {
			return err
		}
		tx, err := s.db.Begin()
		if err != nil {
			return err
		}
		if _, err := tx.Exec(string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", name, err)
		}
		if _, err := tx.Exec(`INSERT INTO schema_version (version) VALUES (?)`, n); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// RunKey identifies a sweep run.
type RunKey struct {
	ScenarioHash string
	Seed         uint64
	Draws        int
	Shard        sweep.Shard
}

// Run is a stored run.
type Run struct {
	ID           int64
	Key          RunKey
	ScenarioName string
	ScenarioText string
	CodeVersion  string
	Created      time.Time
	Packages     []string
	Outputs      []string
}

// Hash returns the hex SHA-256 of a scenario file's bytes.
func Hash(text []byte) string {
	h := sha256.Sum256(text)
	return hex.EncodeToString(h[:])
}

// StartRun returns the run with key k, creating it if new. An existing run
// must list the same packages and outputs.
func (s *DB) StartRun(ctx context.Context, k RunKey, name string, text []byte, code string, packages []string) (*Run, error) {
	if k.Seed > math.MaxInt64 {
		return nil, errors.New("store: seeds above 2^63-1 are not supported")
	}
	r, err := s.findRun(ctx, k)
	if err != nil {
		return nil, err
	}
	if r != nil {
		if strings.Join(r.Packages, "\x00") != strings.Join(packages, "\x00") || strings.Join(r.Outputs, "\x00") != strings.Join(sweep.Output, "\x00") {
			return nil, fmt.Errorf("store: run %d has other packages or outputs; use another database", r.ID)
		}
		return r, nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	now := s.now().UTC()
	res, err := tx.ExecContext(ctx, `INSERT INTO runs (scenario_name, scenario_hash, scenario_text, seed, draws, shard_i, shard_n, code_version, created)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, name, k.ScenarioHash, string(text), int64(k.Seed), k.Draws, k.Shard.I, k.Shard.N, code, now.Format(time.RFC3339))
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	id, _ := res.LastInsertId()
	for i, p := range packages {
		if _, err := tx.ExecContext(ctx, `INSERT INTO run_packages (run_id, idx, id) VALUES (?, ?, ?)`, id, i, p); err != nil {
			return nil, err
		}
	}
	for i, o := range sweep.Output {
		if _, err := tx.ExecContext(ctx, `INSERT INTO run_outputs (run_id, idx, name) VALUES (?, ?, ?)`, id, i, o); err != nil {
			return nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return &Run{ID: id, Key: k, ScenarioName: name, ScenarioText: string(text), CodeVersion: code, Created: now,
		Packages: packages, Outputs: sweep.Output}, nil
}

func (s *DB) findRun(ctx context.Context, k RunKey) (*Run, error) {
	r := &Run{Key: k}
	var created string
	var seed int64
	err := s.db.QueryRowContext(ctx, `SELECT id, scenario_name, scenario_text, code_version, created, seed FROM runs
		WHERE scenario_hash = ? AND seed = ? AND draws = ? AND shard_i = ? AND shard_n = ?`,
		k.ScenarioHash, int64(k.Seed), k.Draws, k.Shard.I, k.Shard.N).Scan(&r.ID, &r.ScenarioName, &r.ScenarioText, &r.CodeVersion, &created, &seed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	r.Created, _ = time.Parse(time.RFC3339, created)
	if r.Packages, err = s.names(ctx, `SELECT id FROM run_packages WHERE run_id = ? ORDER BY idx`, r.ID); err != nil {
		return nil, err
	}
	if r.Outputs, err = s.names(ctx, `SELECT name FROM run_outputs WHERE run_id = ? ORDER BY idx`, r.ID); err != nil {
		return nil, err
	}
	return r, nil
}

// Runs lists the stored runs, oldest first.
func (s *DB) Runs(ctx context.Context) ([]*Run, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT scenario_hash, seed, draws, shard_i, shard_n FROM runs ORDER BY id`)
	if err != nil {
		return nil, err
	}
	var keys []RunKey
	for rows.Next() {
		var k RunKey
		var seed int64
		if err := rows.Scan(&k.ScenarioHash, &seed, &k.Draws, &k.Shard.I, &k.Shard.N); err != nil {
			rows.Close()
			return nil, err
		}
		k.Seed = uint64(seed)
		keys = append(keys, k)
	}
	rows.Close()
	var out []*Run
	for _, k := range keys {
		r, err := s.findRun(ctx, k)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

func (s *DB) names(ctx context.Context, q string, id int64) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, q, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

func encode(vals []float64) []byte {
	b := make([]byte, 8*len(vals))
	for i, v := range vals {
		binary.LittleEndian.PutUint64(b[8*i:], math.Float64bits(v))
	}
	return b
}

func decode(b []byte) ([]float64, error) {
	if len(b)%8 != 0 {
		return nil, errors.New("store: corrupt value blob")
	}
	out := make([]float64, len(b)/8)
	for i := range out {
		out[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
	}
	return out, nil
}

// Put stores one draw's rows in a single transaction.
func (s *DB) Put(ctx context.Context, run *Run, rows []sweep.Row) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	defer tx.Rollback()
	for _, r := range rows {
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO draws (run_id, draw, package, vals) VALUES (?, ?, ?, ?)`,
			run.ID, int64(r.Draw), r.Package, encode(r.Values)); err != nil {
			return fmt.Errorf("store: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return nil
}

// Done returns the draws of run whose rows are stored for every package.
func (s *DB) Done(ctx context.Context, run *Run) (map[uint64]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT draw FROM draws WHERE run_id = ? GROUP BY draw HAVING COUNT(*) = ?`, run.ID, len(run.Packages))
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	defer rows.Close()
	done := map[uint64]bool{}
	for rows.Next() {
		var d int64
		if err := rows.Scan(&d); err != nil {
			return nil, err
		}
		done[uint64(d)] = true
	}
	return done, rows.Err()
}

// Rows returns every stored row of run, ordered by draw and package.
func (s *DB) Rows(ctx context.Context, run *Run) ([]sweep.Row, error) {
	q, err := s.db.QueryContext(ctx, `SELECT draw, package, vals FROM draws WHERE run_id = ? ORDER BY draw, package`, run.ID)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	defer q.Close()
	var out []sweep.Row
	for q.Next() {
		var d int64
		var r sweep.Row
		var b []byte
		if err := q.Scan(&d, &r.Package, &b); err != nil {
			return nil, err
		}
		if d < 0 || int(d) >= run.Key.Draws || r.Package < 0 || r.Package >= len(run.Packages) {
			return nil, fmt.Errorf("store: run %d holds draw %d of package %d, outside its %d draws and %d packages (the database was changed outside deter)",
				run.ID, d, r.Package, run.Key.Draws, len(run.Packages))
		}
		r.Draw = uint64(d)
		if r.Values, err = decode(b); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, q.Err()
}
