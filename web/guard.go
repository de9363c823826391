package web

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// The workbench runs on an analyst's laptop while they browse the web, so
// every request is checked against three attacks a local server invites:
//
//   - DNS rebinding: a foreign page whose name resolves to 127.0.0.1 reaches
//     the server with its own Host header. Only the hosts the server
//     answers to (loopback names, or the address it was started on) pass.
//   - Cross-site requests: a foreign page can send a "simple" POST
//     (text/plain or a form) without the browser asking first. Every
//     request that changes state must carry a JSON content type (which
//     forces the browser's preflight, never granted) when it has a body, and
//     no foreign Origin or Sec-Fetch-Site.
//   - Clickjacking: the pages may not be framed (Content-Security-Policy
//     frame-ancestors 'none', X-Frame-Options DENY); scripts and other
//     resources load from the server only.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
	"connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

// hostAllowed reports whether a request's Host header names this server:
// a loopback name or address, or one of the extra names.
func hostAllowed(host string, extra []string) bool {
	h := host
	if hh, _, err := net.SplitHostPort(host); err == nil {
		h = hh
	}
	h = strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")
	if strings.EqualFold(h, "localhost") {
		return true
	}
	if ip := net.ParseIP(h); ip != nil && ip.IsLoopback() {
		return true
	}
	for _, e := range extra {
		if strings.EqualFold(h, e) {
			return true
		}
	}
	return false
}

// stateChanging reports whether a method changes state on the server.
func stateChanging(method string) bool {
	return method != http.MethodGet && method != http.MethodHead && method != http.MethodOptions
}

// guard applies the checks above and sets the security headers.
func (s *Server) guard(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", contentSecurityPolicy)
		w.Header().Set("X-Frame-Options", "DENY")
		w.Header().Set("Referrer-Policy", "no-referrer")
		if !hostAllowed(r.Host, s.Hosts) {
			httpError(w, http.StatusMisdirectedRequest, "host %q is not this workbench (DNS rebinding is refused); open it at its loopback address", r.Host)
			return
		}
		if s.Token != "" && !s.authorised(w, r) {
			httpError(w, http.StatusUnauthorized, "this workbench needs the token printed when it started: open the address it printed (…/?token=…)")
			return
		}
		if stateChanging(r.Method) {
			if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
				httpError(w, http.StatusForbidden, "cross-site request refused (Sec-Fetch-Site: %s)", site)
				return
			}
			if o := r.Header.Get("Origin"); o != "" {
				u, err := url.Parse(o)
				if err != nil || !strings.EqualFold(u.Host, r.Host) {
					httpError(w, http.StatusForbidden, "request from another origin (%s) refused", o)
					return
				}
			}
			if r.ContentLength != 0 && !strings.HasPrefix(strings.ToLower(r.Header.Get("Content-Type")), "application/json") {
				httpError(w, http.StatusUnsupportedMediaType, "send JSON with Content-Type: application/json")
				return
			}
		}
		h.ServeHTTP(w, r)
	})
}

// tokenCookie carries the access token once the browser has opened the
// address with ?token=.
const tokenCookie = "deter_token"

// authorised reports whether a request carries the server's token: as the
// cookie, as "Authorization: Bearer TOKEN", or as ?token= (which then sets
// the cookie, so the page's own requests carry it).
func (s *Server) authorised(w http.ResponseWriter, r *http.Request) bool {
	same := func(t string) bool { return subtle.ConstantTimeCompare([]byte(t), []byte(s.Token)) == 1 }
	if c, err := r.Cookie(tokenCookie); err == nil && same(c.Value) {
		return true
	}
	if b, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok && same(b) {
		return true
	}
	if q := r.URL.Query().Get("token"); q != "" && same(q) {
		http.SetCookie(w, &http.Cookie{Name: tokenCookie, Value: s.Token, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
		return true
	}
	return false
}

// NewToken returns a random access token (128 bits, hex).
func NewToken() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}
