// Package web is the analyst's workbench: an HTTP server with the user
// interface embedded, over the same engine as the command line. It serves
// the scenarios of one folder, validates and saves them, runs packages with
// changes made in a package builder, runs sweeps in the background, and
// writes reports.
//
// Safety: it listens on loopback by default; it answers only to its own
// host names, refuses cross-site requests and framing (guard.go); request
// bodies are limited; at most MaxConcurrentRuns model runs go at once
// (others get 429 with Retry-After); finished sweeps are released after
// SweepRetention; every file name is checked to lie in the scenario folder;
// saves are atomic, keep the previous version, and detect a concurrent edit
// (the client sends the version it opened; a mismatch is 409 Conflict).
package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"deter/app"
	"deter/design"
	"deter/engine"
	"deter/internal/fsutil"
	"deter/report"
	"deter/scenario"
	"deter/store"
	"deter/sweep"
)

//go:embed static
var static embed.FS

// MaxBody is the largest request body accepted.
const MaxBody = scenario.MaxFileSize + 64<<10

// MaxWebDraws bounds a sweep started from the browser.
const MaxWebDraws = 100000

// MaxConcurrentRuns bounds the model runs (run, tornado, optimise, report)
// the server works on at once; more get 429 Too Many Requests.
var MaxConcurrentRuns = 2 * runtime.GOMAXPROCS(0)

// SweepRetention is how long a finished sweep's results stay in memory.
const SweepRetention = time.Hour

// Server serves the workbench.
type Server struct {
	Dir     string // scenario folder
	DBPath  string // sweep database
	Version string
	Log     *slog.Logger
	// Hosts are the host names the server answers to besides loopback
	// names and addresses (Serve adds the one it listens on).
	Hosts []string
	// Token, when set, is required on every request (cookie, bearer header
	// or ?token=); deter serve sets one when it listens beyond loopback.
	Token string

	mu     sync.Mutex // guards saves and jobs
	jobs   map[string]*job
	nextID int
	runs   chan struct{} // one token per model run in progress
}

type job struct {
	ID       string          `json:"id"`
	Scenario string          `json:"scenario"`
	Draws    int             `json:"draws"`
	Done     int             `json:"done"`
	State    string          `json:"state"` // running, done, cancelled, failed
	Error    string          `json:"error,omitempty"`
	Sums     []sweep.Summary `json:"summaries,omitempty"`
	cancel   context.CancelFunc
	pkgs     []string
	rows     []sweep.Row
	ended    time.Time // when it finished (zero while running)
}

// Handler returns the HTTP handler.
func (s *Server) Handler() http.Handler {
	if s.jobs == nil {
		s.jobs = map[string]*job{}
	}
	if s.Log == nil {
		s.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if s.runs == nil {
		s.runs = make(chan struct{}, MaxConcurrentRuns)
	}
	mux := http.NewServeMux()
	sub, _ := fs.Sub(static, "static")
	mux.Handle("GET /", http.FileServerFS(sub))
	mux.HandleFunc("GET /api/scenarios", s.list)
	mux.HandleFunc("GET /api/scenarios/{name}", s.get)
	mux.HandleFunc("PUT /api/scenarios/{name}", s.put)
	mux.HandleFunc("POST /api/validate", s.validate)
	mux.HandleFunc("POST /api/run", s.bounded(s.run))
	mux.HandleFunc("POST /api/sweeps", s.startSweep)
	mux.HandleFunc("GET /api/sweeps/{id}", s.getSweep)
	mux.HandleFunc("DELETE /api/sweeps/{id}", s.cancelSweep)
	mux.HandleFunc("GET /api/sweeps/{id}/chart", s.sweepChart)
	mux.HandleFunc("POST /api/tornado", s.bounded(s.tornado))
	mux.HandleFunc("POST /api/optimise", s.bounded(s.optimise))
	mux.HandleFunc("GET /api/templates/{key}", s.template)
	mux.HandleFunc("GET /api/report/{name}", s.bounded(s.report))
	return s.limit(s.guard(mux))
}

// bounded lets at most MaxConcurrentRuns model runs go at once; a request
// beyond that gets 429 with Retry-After rather than a queue that grows
// without bound.
func (s *Server) bounded(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		select {
		case s.runs <- struct{}{}:
			defer func() { <-s.runs }()
			h(w, r)
		default:
			w.Header().Set("Retry-After", "2")
			httpError(w, http.StatusTooManyRequests, "the workbench is busy with %d runs; try again in a moment", cap(s.runs))
		}
	}
}

// limit caps request bodies and recovers from handler panics with a 500.
func (s *Server) limit(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, MaxBody)
		defer func() {
			if v := recover(); v != nil {
				s.Log.Error("panic", "path", r.URL.Path, "err", v)
				httpError(w, http.StatusInternalServerError, "internal error")
			}
		}()
		w.Header().Set("X-Content-Type-Options", "nosniff")
		h.ServeHTTP(w, r)
	})
}

func httpError(w http.ResponseWriter, code int, format string, args ...any) {
	writeJSON(w, code, map[string]string{"error": fmt.Sprintf(format, args...)})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}

var nameRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,100}\.ya?ml$`)

// path returns the file for a scenario name, refusing anything that is not a
// plain file name in the folder.
func (s *Server) path(name string) (string, error) {
	if !nameRe.MatchString(name) || strings.Contains(name, "..") {
		return "", fmt.Errorf("bad scenario name %q: use letters, digits, '.', '_', '-' and end in .yaml", name)
	}
	dir, err := filepath.Abs(s.Dir)
	if err != nil {
		return "", err
	}
	p := filepath.Join(dir, name)
	if filepath.Dir(p) != dir {
		return "", fmt.Errorf("bad scenario name %q", name)
	}
	return p, nil
}

func version(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:8])
}

type fileInfo struct {
	Name   string `json:"name"`
	Title  string `json:"title"`
	Valid  bool   `json:"valid"`
	Errors int    `json:"errors"`
}

func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	ents, err := os.ReadDir(s.Dir)
	if err != nil {
		httpError(w, http.StatusInternalServerError, "cannot read the scenario folder: %v", err)
		return
	}
	out := []fileInfo{}
	for _, e := range ents {
		if e.IsDir() || !nameRe.MatchString(e.Name()) {
			continue
		}
		fi := fileInfo{Name: e.Name()}
		in, err := app.Load(filepath.Join(s.Dir, e.Name()))
		var list scenario.ErrorList
		switch {
		case err == nil:
			fi.Title, fi.Valid = in.Scenario.Name, true
		case errors.As(err, &list):
			fi.Errors = len(list)
		default:
			fi.Errors = 1
		}
		out = append(out, fi)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	writeJSON(w, http.StatusOK, out)
}

type valueInfo struct {
	Path     string `json:"path"`
	Value    string `json:"value"`
	Line     int    `json:"line"`
	Source   string `json:"source"`
	Citation string `json:"citation"`
	Note     string `json:"note"`
}

func (s *Server) get(w http.ResponseWriter, r *http.Request) {
	p, err := s.path(r.PathValue("name"))
	if err != nil {
		httpError(w, http.StatusBadRequest, "%v", err)
		return
	}
	b, err := os.ReadFile(p)
	if errors.Is(err, os.ErrNotExist) {
		httpError(w, http.StatusNotFound, "no scenario %s", r.PathValue("name"))
		return
	}
	if err != nil {
		httpError(w, http.StatusInternalServerError, "%v", err)
		return
	}
	resp := map[string]any{"name": r.PathValue("name"), "text": string(b), "version": version(b)}
	if in, err := app.Parse(p, b); err == nil {
		sc := in.Scenario
		refs := map[string]string{}
		for _, ref := range sc.References {
			refs[ref.ID] = ref.Citation
		}
		vals := []valueInfo{}
		scenario.Values(sc, func(path string, v *scenario.Value) {
			if v.IsSet() && !v.Default {
				vals = append(vals, valueInfo{Path: path, Value: v.String(), Line: v.Pos.Line, Source: v.Source, Citation: refs[v.Source], Note: v.Note})
			}
		})
		var pk []map[string]any
		for _, p := range sc.Packages {
			mech := p.Mechanisms.Present()
			if mech == nil {
				mech = []string{}
			}
			pk = append(pk, map[string]any{"id": p.ID, "name": p.Name, "mechanisms": mech})
		}
		avail := map[string]bool{}
		for _, p := range sc.Packages {
			for _, k := range p.Mechanisms.Present() {
				avail[k] = true
			}
		}
		var all []map[string]any
		for _, info := range scenario.MechanismList() {
			all = append(all, map[string]any{"key": info.Key, "doc": info.Doc, "available": avail[info.Key]})
		}
		resp["values"], resp["packages"], resp["mechanisms"] = vals, pk, all
	}
	writeJSON(w, http.StatusOK, resp)
}

type errorInfo struct {
	Line int    `json:"line"`
	Col  int    `json:"col"`
	Path string `json:"path"`
	Msg  string `json:"message"`
}

func errorsOf(err error) []errorInfo {
	var list scenario.ErrorList
	if !errors.As(err, &list) {
		return []errorInfo{{Msg: err.Error()}}
	}
	out := make([]errorInfo, len(list))
	for i, e := range list {
		out[i] = errorInfo{Line: e.Pos.Line, Col: e.Pos.Col, Path: e.Path, Msg: e.Msg}
	}
	return out
}

func readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			httpError(w, http.StatusRequestEntityTooLarge, "request body over %d bytes", mbe.Limit)
		} else {
			httpError(w, http.StatusBadRequest, "cannot read request: %v", err)
		}
		return nil, false
	}
	return b, true
}

func (s *Server) validate(w http.ResponseWriter, r *http.Request) {
	b, ok := readBody(w, r)
	if !ok {
		return
	}
	if _, err := app.Parse("scenario.yaml", b); err != nil {
		writeJSON(w, http.StatusOK, map[string]any{"valid": false, "errors": errorsOf(err)})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"valid": true, "errors": []errorInfo{}})
}

func (s *Server) put(w http.ResponseWriter, r *http.Request) {
	p, err := s.path(r.PathValue("name"))
	if err != nil {
		httpError(w, http.StatusBadRequest, "%v", err)
		return
	}
	b, ok := readBody(w, r)
	if !ok {
		return
	}
	var req struct {
		Text    string `json:"text"`
		Version string `json:"version"` // version the client opened; "" for a new file
	}
	if err := json.Unmarshal(b, &req); err != nil {
		httpError(w, http.StatusBadRequest, "body must be JSON {text, version}: %v", err)
		return
	}
	if _, err := scenario.Parse(r.PathValue("name"), []byte(req.Text)); err != nil {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"error": "the scenario is not valid; not saved", "errors": errorsOf(err)})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old, err := os.ReadFile(p)
	switch {
	case err == nil && version(old) != req.Version:
		httpError(w, http.StatusConflict, "the file changed since you opened it (someone else saved it); reload and merge your changes")
		return
	case err != nil && !errors.Is(err, os.ErrNotExist):
		httpError(w, http.StatusInternalServerError, "%v", err)
		return
	case errors.Is(err, os.ErrNotExist) && req.Version != "":
		httpError(w, http.StatusConflict, "the file was deleted since you opened it")
		return
	}
	if err == nil {
		if err := atomicWrite(p+".prev", old); err != nil {
			httpError(w, http.StatusInternalServerError, "cannot keep the previous version: %v", err)
			return
		}
	}
	if err := atomicWrite(p, []byte(req.Text)); err != nil {
		httpError(w, http.StatusInternalServerError, "cannot save: %v", err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"version": version([]byte(req.Text))})
}

func atomicWrite(path string, data []byte) error { return fsutil.WriteAtomic(path, data) }

// load reads a scenario by name, or parses the text sent by the client.
func (s *Server) load(name, text string) (*scenario.Scenario, error) {
	in, err := s.loadInput(name, text)
	if err != nil {
		return nil, err
	}
	return in.Scenario, nil
}

// loadInput is load with the scenario's text (sweeps key their runs on it).
func (s *Server) loadInput(name, text string) (*app.Input, error) {
	if text != "" {
		return app.Parse(name, []byte(text))
	}
	p, err := s.path(name)
	if err != nil {
		return nil, err
	}
	return app.Load(p)
}

func (s *Server) run(w http.ResponseWriter, r *http.Request) {
	b, ok := readBody(w, r)
	if !ok {
		return
	}
	var req struct {
		Name      string            `json:"name"`
		Text      string            `json:"text"`
		Overrides *design.Overrides `json:"overrides"`
	}
	if err := json.Unmarshal(b, &req); err != nil {
		httpError(w, http.StatusBadRequest, "body must be JSON {name, text?, overrides?}: %v", err)
		return
	}
	sc, err := s.load(req.Name, req.Text)
	if err != nil {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"error": "the scenario is not valid", "errors": errorsOf(err)})
		return
	}
	if err := design.ApplyOverrides(sc, req.Overrides); err != nil {
		var list scenario.ErrorList
		if errors.As(err, &list) {
			writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"error": "the added mechanism's parameters are not valid", "errors": errorsOf(err)})
			return
		}
		httpError(w, http.StatusBadRequest, "%v", err)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 30*time.Second)
	defer cancel()
	res, err := app.Run(ctx, sc, engine.Options{})
	if err != nil {
		httpError(w, http.StatusUnprocessableEntity, "%v", err)
		return
	}
	only := ""
	if req.Overrides != nil {
		only = req.Overrides.Package
	}
	charts, err := app.ResultCharts(res, only)
	if err != nil {
		httpError(w, http.StatusInternalServerError, "%v", err)
		return
	}
	costs := map[string]string{}
	for id, svg := range charts.Cost {
		costs[id] = string(svg)
	}
	writeJSON(w, http.StatusOK, map[string]any{"result": res, "ground_svg": string(charts.Ground), "cost_svg": costs})
}

func (s *Server) report(w http.ResponseWriter, r *http.Request) {
	sc, err := s.load(r.PathValue("name"), "")
	if err != nil {
		httpError(w, http.StatusBadRequest, "%v", err)
		return
	}
	res, err := app.Run(r.Context(), sc, engine.Options{})
	if err != nil {
		httpError(w, http.StatusUnprocessableEntity, "%v", err)
		return
	}
	doc, err := app.Report(sc, res, nil, s.Version)
	if err != nil {
		httpError(w, http.StatusInternalServerError, "%v", err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	report.HTML(w, doc)
}

func (s *Server) startSweep(w http.ResponseWriter, r *http.Request) {
	b, ok := readBody(w, r)
	if !ok {
		return
	}
	var req struct {
		Name  string `json:"name"`
		Draws int    `json:"draws"`
	}
	if err := json.Unmarshal(b, &req); err != nil {
		httpError(w, http.StatusBadRequest, "body must be JSON {name, draws}: %v", err)
		return
	}
	if req.Draws < 1 || req.Draws > MaxWebDraws {
		httpError(w, http.StatusBadRequest, "draws must be between 1 and %d", MaxWebDraws)
		return
	}
	p, err := s.path(req.Name)
	if err != nil {
		httpError(w, http.StatusBadRequest, "%v", err)
		return
	}
	in, err := app.Load(p)
	var inv *app.InvalidError
	switch {
	case errors.As(err, &inv):
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"error": "the scenario is not valid", "errors": errorsOf(err)})
		return
	case err != nil:
		httpError(w, http.StatusNotFound, "no scenario %s", req.Name)
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.mu.Lock()
	for id, old := range s.jobs { // release finished sweeps past their time
		if !old.ended.IsZero() && time.Since(old.ended) > SweepRetention {
			delete(s.jobs, id)
		}
	}
	s.nextID++
	j := &job{ID: fmt.Sprintf("s%d", s.nextID), Scenario: req.Name, Draws: req.Draws, State: "running", cancel: cancel}
	s.jobs[j.ID] = j
	s.mu.Unlock()
	go s.runSweep(ctx, j, in)
	writeJSON(w, http.StatusAccepted, map[string]string{"id": j.ID})
}

func (s *Server) runSweep(ctx context.Context, j *job, in *app.Input) {
	fail := func(err error) {
		s.mu.Lock()
		defer s.mu.Unlock()
		if errors.Is(err, context.Canceled) {
			j.State = "cancelled"
		} else {
			j.State, j.Error = "failed", err.Error()
		}
		j.ended = time.Now()
	}
	db, err := store.Open(s.DBPath)
	if err != nil {
		fail(err)
		return
	}
	defer db.Close()
	res, err := app.Sweep(ctx, db, in, app.SweepSpec{Seed: in.Scenario.Settings.Seed, Draws: j.Draws, Shard: sweep.Shard{I: 0, N: 1},
		Resume: true, Version: s.Version,
		Progress: func(n, _ int) {
			s.mu.Lock()
			j.Done = n
			s.mu.Unlock()
		}})
	if err != nil {
		fail(err)
		return
	}
	s.mu.Lock()
	j.State, j.Done, j.Sums, j.pkgs, j.rows, j.ended = "done", j.Draws, res.Summaries, res.Packages, res.Rows, time.Now()
	s.mu.Unlock()
}

func (s *Server) getSweep(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	j, ok := s.jobs[r.PathValue("id")]
	if !ok {
		httpError(w, http.StatusNotFound, "no sweep %s", r.PathValue("id"))
		return
	}
	writeJSON(w, http.StatusOK, j)
}

func (s *Server) cancelSweep(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	j, ok := s.jobs[r.PathValue("id")]
	s.mu.Unlock()
	if !ok {
		httpError(w, http.StatusNotFound, "no sweep %s", r.PathValue("id"))
		return
	}
	j.cancel()
	writeJSON(w, http.StatusOK, map[string]string{"id": j.ID, "state": "cancelling"})
}

// sweepChart draws the distribution of one output over a finished sweep.
func (s *Server) sweepChart(w http.ResponseWriter, r *http.Request) {
	output := r.URL.Query().Get("output")
	oi := slices.Index(sweep.Output, output)
	if oi < 0 {
		httpError(w, http.StatusBadRequest, "unknown output %q (one of %v)", output, sweep.Output)
		return
	}
	s.mu.Lock()
	j, ok := s.jobs[r.PathValue("id")]
	var pkgs []string
	var rows []sweep.Row
	if ok {
		pkgs, rows = j.pkgs, j.rows
	}
	s.mu.Unlock()
	if !ok {
		httpError(w, http.StatusNotFound, "no sweep %s", r.PathValue("id"))
		return
	}
	if rows == nil {
		httpError(w, http.StatusConflict, "the sweep has not finished")
		return
	}
	vals := make([][]float64, len(pkgs))
	for _, row := range rows {
		vals[row.Package] = append(vals[row.Package], row.Values[oi])
	}
	var b bytes.Buffer
	if err := report.DistributionChart(&b, output+" over the draws", pkgs, vals); err != nil {
		httpError(w, http.StatusUnprocessableEntity, "%v", err)
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Write(b.Bytes())
}

// tornado runs the one-at-a-time sensitivity of one package's output.
func (s *Server) tornado(w http.ResponseWriter, r *http.Request) {
	b, ok := readBody(w, r)
	if !ok {
		return
	}
	var req struct {
		Name    string `json:"name"`
		Package string `json:"package"`
		Output  string `json:"output"`
	}
	if err := json.Unmarshal(b, &req); err != nil {
		httpError(w, http.StatusBadRequest, "body must be JSON {name, package, output}: %v", err)
		return
	}
	sc, err := s.load(req.Name, "")
	if err != nil {
		httpError(w, http.StatusBadRequest, "%v", err)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 60*time.Second)
	defer cancel()
	res, err := app.Sensitivity(ctx, sc, app.SensitivitySpec{Package: req.Package, Output: req.Output, Seed: sc.Settings.Seed})
	switch {
	case errors.Is(err, sweep.ErrUnknownOutput):
		httpError(w, http.StatusBadRequest, "%v", err)
		return
	case err != nil:
		httpError(w, http.StatusUnprocessableEntity, "%v", err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"bars": res.Tornado, "at_medians": res.AtMedians, "svg": string(res.Chart)})
}

// optimise searches the scenario's design space (small searches only; the
// command line runs bigger ones) and draws the Pareto front.
func (s *Server) optimise(w http.ResponseWriter, r *http.Request) {
	b, ok := readBody(w, r)
	if !ok {
		return
	}
	var req struct {
		Name        string `json:"name"`
		Population  int    `json:"population"`
		Generations int    `json:"generations"`
	}
	if err := json.Unmarshal(b, &req); err != nil {
		httpError(w, http.StatusBadRequest, "body must be JSON {name, population, generations}: %v", err)
		return
	}
	if req.Population < 4 || req.Population > 100 || req.Population%2 != 0 || req.Generations < 1 || req.Generations > 50 {
		httpError(w, http.StatusBadRequest, "population must be even, 4 to 100; generations 1 to 50 (use 'deter optimise' for more)")
		return
	}
	sc, err := s.load(req.Name, "")
	if err != nil {
		httpError(w, http.StatusBadRequest, "%v", err)
		return
	}
	if sc.Design == nil {
		httpError(w, http.StatusUnprocessableEntity, "the scenario has no 'design:' block saying what to vary")
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 90*time.Second)
	defer cancel()
	front, err := app.Optimise(ctx, sc, app.OptimiseSpec{Population: req.Population, Generations: req.Generations, Seed: sc.Settings.Seed})
	if err != nil {
		httpError(w, http.StatusUnprocessableEntity, "%v", err)
		return
	}
	designs := []map[string]any{}
	for _, d := range front.Designs {
		m := maps.Clone(d.Vars)
		m["p_attack_1y"], m["cost_5y_usd_bn"], m["shortfall_km2"] = d.PAttack1, d.Cost5, d.Shortfall
		designs = append(designs, m)
	}
	svg, err := app.ParetoChart(front)
	if err != nil {
		httpError(w, http.StatusInternalServerError, "%v", err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"front": designs, "svg": string(svg)})
}

// template returns a YAML skeleton for a mechanism's parameters.
func (s *Server) template(w http.ResponseWriter, r *http.Request) {
	t, err := scenario.MechanismTemplate(r.PathValue("key"))
	if err != nil {
		httpError(w, http.StatusNotFound, "%v", err)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	io.WriteString(w, t)
}

func listen(addr string) (net.Listener, error) { return net.Listen("tcp", addr) }

// Serve runs the server on addr until ctx ends, with timeouts.
func (s *Server) Serve(ctx context.Context, addr string, ready func(string)) error {
	if host, _, err := net.SplitHostPort(addr); err == nil && host != "" && !slices.Contains(s.Hosts, host) {
		s.Hosts = append(s.Hosts, host)
	}
	srv := &http.Server{Addr: addr, Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: 60 * time.Second, WriteTimeout: 120 * time.Second, IdleTimeout: 120 * time.Second, MaxHeaderBytes: 1 << 16}
	ln, err := listen(addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w", addr, err)
	}
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		s.mu.Lock()
		for _, j := range s.jobs {
			j.cancel()
		}
		s.mu.Unlock()
		return srv.Shutdown(sctx)
	case err := <-errc:
		return err
	}
}
