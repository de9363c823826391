package web

import (
	"encoding/json"
	"flag"
	"math/rand/v2"
	"strings"
	"testing"

	"deter/internal/perturb"
	"deter/scenario"
)

var perturbCases = flag.Int("perturb.cases", 15, "perturbed requests TestRunAPIOnPerturbedRequests sends")

// TestRunAPIOnPerturbedRequests: the workbench's run endpoint, given a
// perturbed scenario text (perturb.Numbers, perturb.Lines) and random
// package-builder overrides (mechanisms disabled, enabled, added from
// their templates with perturbed numbers, troops scaled by 0 to 10, a
// commitment), answers 200 with a finite JSON result or 400/422 with a
// message, never 500. CI sends 15 (-perturb.cases raises it).
func TestRunAPIOnPerturbedRequests(t *testing.T) {
	ts, _ := newServer(t)
	files, err := perturb.Shipped("..")
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, m := range scenario.MechanismList() {
		keys = append(keys, m.Key)
	}
	codes := map[int]int{}
	for i := range *perturbCases {
		r := rand.New(rand.NewPCG(uint64(i), 11))
		src := files[i%len(files)]
		text := perturb.Numbers(src, r, r.IntN(6))
		if r.IntN(3) == 0 {
			text = perturb.Lines(text, r, 1)
		}
		req := map[string]any{"name": "ukraine-2025.yaml", "text": string(text)}
		if s, err := scenario.Parse("p.yaml", text); err == nil && len(s.Packages) > 0 {
			o := map[string]any{"package": s.Packages[r.IntN(len(s.Packages))].ID}
			var present []string // mechanisms some package has, to enable
			for _, k := range keys {
				for j := range s.Packages {
					if s.Packages[j].Mechanisms.Has(k) {
						present = append(present, k)
						break
					}
				}
			}
			pick := func(from []string) []string {
				var out []string
				for range r.IntN(3) {
					if len(from) > 0 {
						out = append(out, from[r.IntN(len(from))])
					}
				}
				return out
			}
			o["disable"], o["enable"] = pick(keys), pick(present)
			add := map[string]string{}
			var toAdd []string
			if r.IntN(4) == 0 { // templates hold placeholders: mostly refused
				toAdd = pick(keys)
			}
			for _, k := range toAdd {
				if tpl, err := scenario.MechanismTemplate(k); err == nil {
					add[k] = string(perturb.Numbers([]byte(tpl), r, r.IntN(3)))
				}
			}
			o["add"] = add
			o["troops_scale"] = []float64{0, 0.5, 2, 10}[r.IntN(4)]
			o["commitment"] = []string{"", "assurances", "consultation", "as_deemed_necessary", "automatic"}[r.IntN(5)]
			req["overrides"] = o
		}
		body, _ := json.Marshal(req)
		code, m, raw := do(t, "POST", ts.URL+"/api/run", string(body))
		codes[code]++
		switch code {
		case 200:
			if m == nil {
				t.Errorf("case %d: 200 without a JSON object: %.200s", i, raw)
			}
		case 400, 422:
			if m["error"] == nil || m["error"] == "" {
				t.Errorf("case %d: %d without an error message: %.200s", i, code, raw)
			}
		default:
			t.Errorf("case %d: status %d: %.300s", i, code, raw)
		}
		if strings.Contains(raw, "NaN") {
			t.Errorf("case %d: NaN in the answer", i)
		}
	}
	t.Logf("status codes: %v", codes)
	if codes[200] == 0 {
		t.Error("no request ran: the test tested nothing")
	}
}
