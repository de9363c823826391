package web

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// newServer serves a temporary copy of the shipped scenarios.
func newServer(t *testing.T) (*httptest.Server, string) {
	t.Helper()
	dir := t.TempDir()
	files, _ := filepath.Glob("../scenarios/*.yaml")
	for _, f := range files {
		b, _ := os.ReadFile(f)
		os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644)
	}
	s := &Server{Dir: dir, DBPath: filepath.Join(t.TempDir(), "w.db"), Version: "test"}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts, dir
}

func do(t *testing.T, method, url, body string) (int, map[string]any, string) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var m map[string]any
	json.Unmarshal(b, &m)
	return resp.StatusCode, m, string(b)
}

// TestErrorPaths: malformed requests get 4xx with a clear message, never a
// crash; no path outside the folder can be read or written.
func TestErrorPaths(t *testing.T) {
	ts, dir := newServer(t)
	cases := []struct {
		method, path, body string
		code               int
		msg                string
	}{
		{"GET", "/api/scenarios/..%2F..%2Fetc%2Fpasswd", "", 400, "bad scenario name"},
		{"GET", "/api/scenarios/passwd", "", 400, "bad scenario name"},
		{"GET", "/api/scenarios/missing.yaml", "", 404, "no scenario"},
		{"PUT", "/api/scenarios/..%2Fx.yaml", `{"text":"a"}`, 400, "bad scenario name"},
		{"PUT", "/api/scenarios/ukraine-2025.yaml", `not json`, 400, "JSON"},
		{"PUT", "/api/scenarios/ukraine-2025.yaml", `{"text":"deter: 1","version":"x"}`, 422, "not valid"},
		{"POST", "/api/run", `{"name":"ukraine-2025.yaml","overrides":{"package":"nope"}}`, 400, "no package"},
		{"POST", "/api/run", `{"name":"ukraine-2025.yaml","overrides":{"package":"european-force","disable":["frobnicate"]}}`, 400, "unknown mechanism"},
		{"POST", "/api/run", `{"name":"ukraine-2025.yaml","overrides":{"package":"european-force","troops_scale":1e9}}`, 400, "outside"},
		{"POST", "/api/run", `{"name":"ukraine-2025.yaml","overrides":{"package":"no-guarantees","enable":["collective_defence"]}}`, 400, "no package"},
		{"POST", "/api/run", `{"name":"x.yaml","text":"deter: [1"}`, 422, "not valid"},
		{"POST", "/api/run", `{`, 400, "JSON"},
		{"POST", "/api/sweeps", `{"name":"ukraine-2025.yaml","draws":0}`, 400, "draws"},
		{"POST", "/api/sweeps", `{"name":"ukraine-2025.yaml","draws":100000000}`, 400, "draws"},
		{"GET", "/api/sweeps/s999", "", 404, "no sweep"},
		{"DELETE", "/api/sweeps/s999", "", 404, "no sweep"},
		{"GET", "/api/report/..%2Fx.yaml", "", 400, "bad scenario name"},
		{"GET", "/api/sweeps/s1/chart?output=nope", "", 400, "unknown output"},
		{"GET", "/api/sweeps/s999/chart?output=p_attack_1y", "", 404, "no sweep"},
		{"POST", "/api/tornado", `{`, 400, "JSON"},
		{"POST", "/api/optimise", `{"name":"ukraine-2025.yaml","population":7,"generations":1}`, 400, "population"},
		{"GET", "/api/templates/frobnicate", "", 404, "unknown mechanism"},
		{"POST", "/api/run", `{"name":"ukraine-2025.yaml","overrides":{"package":"assurances-only","add":{"observers":"count: -5\nmandat: monitor\n"}}}`, 422, "not valid"},
		{"POST", "/api/optimise", `{"name":"baltic-2016.yaml","population":4,"generations":1}`, 422, "design"},
		{"POST", "/api/tornado", `{"name":"ukraine-2025.yaml","package":"x","output":"nope"}`, 400, "unknown output"},
	}
	for _, c := range cases {
		code, m, raw := do(t, c.method, ts.URL+c.path, c.body)
		if code != c.code || !strings.Contains(strings.ToLower(raw), strings.ToLower(c.msg)) {
			t.Errorf("%s %s: %d %v, want %d containing %q", c.method, c.path, code, m, c.code, c.msg)
		}
	}
	// An oversized body is refused with 413.
	big := strings.Repeat("x", MaxBody+10)
	if code, _, _ := do(t, "POST", ts.URL+"/api/validate", big); code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized body: %d", code)
	}
	// Nothing was written outside the folder, nor any stray file in it.
	ents, _ := os.ReadDir(dir)
	shipped, _ := filepath.Glob("../scenarios/*.yaml")
	if len(ents) != len(shipped) {
		t.Errorf("folder now holds %d files, want the %d copied", len(ents), len(shipped))
	}
}

// TestSaveConflictAndPrev: a save keeps the previous version; a save based
// on a stale version is refused with 409 and loses nothing.
func TestSaveConflictAndPrev(t *testing.T) {
	ts, dir := newServer(t)
	_, m, _ := do(t, "GET", ts.URL+"/api/scenarios/baltic-2016.yaml", "")
	text, v := m["text"].(string), m["version"].(string)
	edited := strings.Replace(text, "horizon_days: 30", "horizon_days: 31", 1)
	body, _ := json.Marshal(map[string]string{"text": edited, "version": v})
	code, m2, raw := do(t, "PUT", ts.URL+"/api/scenarios/baltic-2016.yaml", string(body))
	if code != 200 || m2["version"] == v {
		t.Fatalf("save: %d %s", code, raw)
	}
	if prev, _ := os.ReadFile(filepath.Join(dir, "baltic-2016.yaml.prev")); string(prev) != text {
		t.Error("previous version not kept")
	}
	// A second client still holding the old version.
	other := strings.Replace(text, "horizon_days: 30", "horizon_days: 40", 1)
	body, _ = json.Marshal(map[string]string{"text": other, "version": v})
	if code, _, raw := do(t, "PUT", ts.URL+"/api/scenarios/baltic-2016.yaml", string(body)); code != http.StatusConflict {
		t.Fatalf("stale save: %d %s", code, raw)
	}
	if now, _ := os.ReadFile(filepath.Join(dir, "baltic-2016.yaml")); string(now) != edited {
		t.Error("the first save was overwritten")
	}
}

func TestValidateAndRun(t *testing.T) {
	ts, _ := newServer(t)
	b, _ := os.ReadFile("../testdata/broken/bad-refs.yaml")
	_, m, _ := do(t, "POST", ts.URL+"/api/validate", string(b))
	errs, _ := m["errors"].([]any)
	if m["valid"] != false || len(errs) < 10 {
		t.Fatalf("validate: %v", m)
	}
	first := errs[0].(map[string]any)
	if first["line"].(float64) < 1 || first["message"] == "" {
		t.Errorf("error without line: %v", first)
	}
	p := func(scale string) float64 {
		_, m, raw := do(t, "POST", ts.URL+"/api/run", `{"name":"ukraine-2025.yaml","overrides":{"package":"european-force","troops_scale":`+scale+`}}`)
		res, ok := m["result"].(map[string]any)
		if !ok {
			t.Fatalf("run: %s", raw)
		}
		for _, pk := range res["packages"].([]any) {
			pm := pk.(map[string]any)
			if pm["id"] == "european-force" {
				return pm["campaign"].([]any)[1].(map[string]any)["ground_km2_day365"].(float64)
			}
		}
		return -1
	}
	if a, b := p("0"), p("3"); !(b < a) {
		t.Errorf("tripling the force did not reduce ground lost: %v vs %v", b, a)
	}
	code, _, html := do(t, "GET", ts.URL+"/api/report/ukraine-2025.yaml", "")
	if code != 200 || !strings.Contains(html, "<svg") {
		t.Errorf("report: %d", code)
	}
}

func TestSweepJob(t *testing.T) {
	ts, _ := newServer(t)
	_, m, raw := do(t, "POST", ts.URL+"/api/sweeps", `{"name":"baltic-2016.yaml","draws":20}`)
	id, _ := m["id"].(string)
	if id == "" {
		t.Fatalf("start: %s", raw)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		_, j, _ := do(t, "GET", ts.URL+"/api/sweeps/"+id, "")
		if j["state"] == "done" {
			if sums, _ := j["summaries"].([]any); len(sums) == 0 {
				t.Fatal("done without summaries")
			}
			break
		}
		if j["state"] != "running" || time.Now().After(deadline) {
			t.Fatalf("sweep: %v", j)
		}
		time.Sleep(50 * time.Millisecond)
	}
	// Cancel a long one.
	_, m, _ = do(t, "POST", ts.URL+"/api/sweeps", `{"name":"ukraine-2025.yaml","draws":50000}`)
	id = m["id"].(string)
	time.Sleep(100 * time.Millisecond)
	do(t, "DELETE", ts.URL+"/api/sweeps/"+id, "")
	for range 100 {
		_, j, _ := do(t, "GET", ts.URL+"/api/sweeps/"+id, "")
		if j["state"] == "cancelled" {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("sweep not cancelled")
}

func TestStaticUI(t *testing.T) {
	ts, _ := newServer(t)
	for _, p := range []string{"/", "/app.js", "/style.css"} {
		resp, err := http.Get(ts.URL + p)
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("%s: %v %v", p, err, resp.StatusCode)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if bytes.Contains(b, []byte("https://")) || bytes.Contains(b, []byte("http://")) {
			t.Errorf("%s refers to an external resource", p)
		}
	}
}

// TestAddMechanism: a mechanism no package has (observers) is added with
// YAML parameters; with NATO-state contributors it crosses Russia's hard red
// line on NATO troops, which the result reports.
func TestAddMechanism(t *testing.T) {
	ts, _ := newServer(t)
	code, _, tpl := do(t, "GET", ts.URL+"/api/templates/observers", "")
	if code != 200 || !strings.Contains(tpl, "count:") {
		t.Fatalf("template: %d %s", code, tpl)
	}
	body, _ := json.Marshal(map[string]any{"name": "ukraine-2025.yaml", "overrides": map[string]any{
		"package": "assurances-only", "add": map[string]string{"observers": "contributors: [uk]\ncount: 500\nmandate: monitor\n"}}})
	code, m, raw := do(t, "POST", ts.URL+"/api/run", string(body))
	if code != 200 {
		t.Fatalf("run: %d %s", code, raw)
	}
	for _, pk := range m["result"].(map[string]any)["packages"].([]any) {
		pm := pk.(map[string]any)
		if pm["id"] != "assurances-only" {
			continue
		}
		crossed := false
		for _, h := range pm["red_lines_crossed"].([]any) {
			if h.(map[string]any)["id"] == "no-nato-troops" {
				crossed = true
			}
		}
		if !crossed {
			t.Error("UK observers should cross Russia's red line on NATO troops")
		}
	}
}
