package web

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// screenshotDir is where the browser test leaves its screenshots: the
// folder in $DETER_SCREENSHOTS, else testdata/screenshots (git-ignored).
func screenshotDir(t *testing.T) string {
	d := os.Getenv("DETER_SCREENSHOTS")
	if d == "" {
		d = filepath.Join("testdata", "screenshots")
	}
	if err := os.MkdirAll(d, 0o755); err != nil {
		t.Fatal(err)
	}
	return d
}

// TestBrowser drives the workbench in headless Chromium: it opens the
// Ukraine scenario, changes the foreign force size and sees P(renewed
// attack) and the campaign chart change, runs a small sweep to completion,
// and saves screenshots of the builder and the sweep results.
func TestBrowser(t *testing.T) {
	chrome, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium not installed; scripts/test installs it with apt-get")
		}
		t.Skip("chromium not installed (apt-get install chromium); the CI script installs it")
	}
	ts, _ := newServer(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chrome), chromedp.UserDataDir(t.TempDir()), chromedp.Headless, chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.WindowSize(1300, 1500),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	text := func(sel string) string {
		s, err := chromedp.Run(ctx, chromedp.Text(sel))
		if err != nil {
			t.Fatalf("read %s: %v", sel, err)
		}
		return s
	}
	waitFor := func(js string) {
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
			t.Fatalf("waiting for %s: %v", js, err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/")); err != nil {
		t.Fatal(err)
	}
	waitFor(`document.getElementById("scenario-select").value === "ukraine-2025.yaml" && document.getElementById("p-attack-exact").textContent.startsWith("p = ")`)
	pk, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const s = document.getElementById("package-select"); return s.options[s.selectedIndex].text })()`))
	if !strings.Contains(pk, "European force") {
		t.Fatalf("builder opened on %q, want the European force package", pk)
	}
	p0 := text("#p-attack-exact")
	// The record, the commitment problem and the likely settlement show.
	for sel, want := range map[string]string{"#record": "The record", "#shift": "Shifting power", "#settlement-note": "Spatial model of politics"} {
		if got := text(sel); !strings.Contains(got, want) {
			t.Errorf("%s: %q, want it to contain %q", sel, got, want)
		}
	}
	// The deterrence game's equilibrium path, from the solved tree.
	path, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("path-method").textContent + " | " + document.getElementById("path").textContent`))
	if !strings.Contains(path, "Bayesian backward induction") || !strings.Contains(path, "resolved") || !strings.Contains(path, "attacker") {
		t.Errorf("equilibrium path: %q", path)
	}
	chart0, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("ground-chart").innerHTML`))
	shots := screenshotDir(t)
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		os.WriteFile(filepath.Join(shots, "builder.png"), png, 0o644)
	}

	// Triple the European force: the slider fires an input event.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const s = document.getElementById("troops-scale"); s.value = "3"; s.dispatchEvent(new Event("input")); return true })()`)); err != nil {
		t.Fatal(err)
	}
	waitFor(`document.getElementById("troops-scale-value").textContent === "×3.0" && document.getElementById("run-status").textContent.startsWith("updated") && document.getElementById("p-attack-exact").textContent !== ` + jsString(p0))
	chart1, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("ground-chart").innerHTML`))
	if chart1 == chart0 || !strings.Contains(chart1, "<svg") {
		t.Error("the campaign chart did not change with the force size")
	}
	t.Logf("P(attack) %s -> %s", p0, text("#p-attack-exact"))
	if zone := text("#zone"); !strings.Contains(zone, "signed by all") && !strings.Contains(zone, "Zone of agreement") {
		t.Errorf("no zone of agreement shown: %q", zone)
	}
	if cost, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("cost-chart").innerHTML`)); !strings.Contains(cost, "<svg") {
		t.Error("no cost chart for the package")
	}
	// Add a mechanism no package has (the attacker as guarantor), from its template.
	if err := chromedp.Do(ctx, chromedp.Click(`a.add-link[data-key="attacker_guarantor"]`)); err != nil {
		t.Fatal(err)
	}
	waitFor(`!document.getElementById("add-box").hidden && document.getElementById("add-text").value.includes("veto")`)
	if err := chromedp.Do(ctx, chromedp.SetValue("#add-text", "veto: true\n"), chromedp.Click("#add-ok")); err != nil {
		t.Fatal(err)
	}
	waitFor(`document.querySelector('input[data-mech="attacker_guarantor"]').checked && document.getElementById("run-status").textContent.startsWith("updated")`)
	// What drives P(attack): the tornado chart.
	if err := chromedp.Do(ctx, chromedp.Click("#tornado-run")); err != nil {
		t.Fatal(err)
	}
	waitFor(`document.getElementById("tornado-chart").innerHTML.includes("<svg")`)
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		os.WriteFile(filepath.Join(shots, "builder-force-x3.png"), png, 0o644)
	}

	// A small sweep to completion.
	if err := chromedp.Do(ctx, chromedp.Click(`nav button[data-tab="sweep"]`), chromedp.SetValue("#sweep-draws", "30"), chromedp.Click("#sweep-run")); err != nil {
		t.Fatal(err)
	}
	waitFor(`document.getElementById("sweep-state").textContent.startsWith("done: 30 of 30") && document.querySelectorAll("#sweep-results tr").length > 5 && document.getElementById("sweep-chart").innerHTML.includes("<svg")`)
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		os.WriteFile(filepath.Join(shots, "sweep.png"), png, 0o644)
	}
	// The Pareto front of the design space.
	if err := chromedp.Do(ctx, chromedp.Click(`nav button[data-tab="best"]`), chromedp.SetValue("#opt-gen", "2"), chromedp.Click("#opt-run")); err != nil {
		t.Fatal(err)
	}
	waitFor(`document.getElementById("pareto-chart").innerHTML.includes("<svg") && document.querySelectorAll("#pareto-table tr").length > 1`)
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		os.WriteFile(filepath.Join(shots, "pareto.png"), png, 0o644)
	}
	// The sources page lists cited values.
	if err := chromedp.Do(ctx, chromedp.Click(`nav button[data-tab="sources"]`)); err != nil {
		t.Fatal(err)
	}
	if src := text("#sources-table"); !strings.Contains(src, "deepstate-2025") {
		t.Error("sources page does not show citations")
	}
}

func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}
