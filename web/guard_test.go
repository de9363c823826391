package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestGuard: the attacks a local server invites are refused (issue 22):
// a foreign Host (DNS rebinding), a cross-site simple POST (text/plain,
// a foreign Origin or Sec-Fetch-Site), and framing (CSP frame-ancestors,
// X-Frame-Options); the workbench's own requests pass.
func TestGuard(t *testing.T) {
	ts, _ := newServer(t)
	send := func(method, path, body string, hdr map[string]string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
		for k, v := range hdr {
			if k == "Host" {
				req.Host = v
				continue
			}
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	run := `{"name":"baltic-2016.yaml"}`
	json := map[string]string{"Content-Type": "application/json"}
	for _, c := range []struct {
		name, method, path, body string
		hdr                      map[string]string
		code                     int
	}{
		{"own request", "POST", "/api/run", run, json, 200},
		{"own GET", "GET", "/api/scenarios", "", nil, 200},
		{"simple cross-site POST (text/plain)", "POST", "/api/run", run, map[string]string{"Content-Type": "text/plain"}, 415},
		{"form POST", "POST", "/api/sweeps", `name=x`, map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, 415},
		{"foreign Origin", "POST", "/api/run", run, map[string]string{"Content-Type": "application/json", "Origin": "http://evil.example"}, 403},
		{"cross-site fetch", "POST", "/api/run", run, map[string]string{"Content-Type": "application/json", "Sec-Fetch-Site": "cross-site"}, 403},
		{"cross-site DELETE", "DELETE", "/api/sweeps/s1", "", map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"DNS rebinding GET", "GET", "/api/scenarios", "", map[string]string{"Host": "attacker.example"}, 421},
		{"DNS rebinding PUT", "PUT", "/api/scenarios/baltic-2016.yaml", `{"text":"x"}`, map[string]string{"Host": "attacker.example:8080", "Content-Type": "application/json"}, 421},
		{"localhost by name", "GET", "/api/scenarios", "", map[string]string{"Host": "localhost:8080"}, 200},
	} {
		resp := send(c.method, c.path, c.body, c.hdr)
		if resp.StatusCode != c.code {
			t.Errorf("%s: status %d, want %d", c.name, resp.StatusCode, c.code)
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") || resp.Header.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: framing not refused (CSP %q, X-Frame-Options %q)", c.name, csp, resp.Header.Get("X-Frame-Options"))
		}
	}
}

// TestBoundedRuns: beyond MaxConcurrentRuns model runs the server answers
// 429 with Retry-After at once instead of queueing without bound.
func TestBoundedRuns(t *testing.T) {
	s := &Server{Dir: t.TempDir(), DBPath: t.TempDir() + "/w.db"}
	h := s.Handler()
	for range cap(s.runs) { // every slot taken
		s.runs <- struct{}{}
	}
	req, _ := http.NewRequest("POST", "http://127.0.0.1/api/run", strings.NewReader(`{"name":"x.yaml"}`))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") == "" {
		t.Fatalf("status %d, Retry-After %q; want 429 with Retry-After", rec.Code, rec.Header().Get("Retry-After"))
	}
	<-s.runs // one slot free: the request runs (and fails on the missing scenario)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code == http.StatusTooManyRequests {
		t.Fatal("a free slot was not used")
	}
}

// TestToken: with a token (deter serve beyond loopback), a request without
// it is refused; ?token= lets the page in and sets the cookie its own
// requests then carry; a bearer header works for scripts.
func TestToken(t *testing.T) {
	s := &Server{Dir: "../scenarios", DBPath: t.TempDir() + "/w.db", Token: "s3cret"}
	h := s.Handler()
	get := func(path string, set func(*http.Request)) *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", "http://127.0.0.1"+path, nil)
		if set != nil {
			set(req)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	if rec := get("/api/scenarios", nil); rec.Code != http.StatusUnauthorized {
		t.Errorf("no token: %d", rec.Code)
	}
	if rec := get("/api/scenarios?token=wrong", nil); rec.Code != http.StatusUnauthorized {
		t.Errorf("wrong token: %d", rec.Code)
	}
	rec := get("/?token=s3cret", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("right token: %d", rec.Code)
	}
	cookies := rec.Result().Cookies()
	if len(cookies) != 1 || cookies[0].Name != tokenCookie || !cookies[0].HttpOnly || cookies[0].SameSite != http.SameSiteStrictMode {
		t.Fatalf("cookie %+v", cookies)
	}
	if rec := get("/api/scenarios", func(r *http.Request) { r.AddCookie(cookies[0]) }); rec.Code != http.StatusOK {
		t.Errorf("with the cookie: %d", rec.Code)
	}
	if rec := get("/api/scenarios", func(r *http.Request) { r.Header.Set("Authorization", "Bearer s3cret") }); rec.Code != http.StatusOK {
		t.Errorf("with the bearer header: %d", rec.Code)
	}
}
