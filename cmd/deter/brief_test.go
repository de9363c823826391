package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// pdfPages counts the page objects of a PDF ("/Type /Page", not
// "/Pages"): Chromium writes them uncompressed.
func pdfPages(pdf []byte) int {
	return len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
}

// TestBriefOnePage renders the Ukraine brief (deter brief) in headless
// Chromium, prints it on A4 as the browser's print dialogue would (the
// page's own CSS size and margins), and checks that it fits one page and
// carries the verdicts with their intervals, the switch-over values and
// the sources; it saves a screenshot and the PDF (issue 18).
func TestBriefOnePage(t *testing.T) {
	if testing.Short() {
		t.Skip("renders in a browser")
	}
	chrome, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium not installed; scripts/test installs it with apt-get")
		}
		t.Skip("chromium not installed (apt-get install chromium); the CI script installs it")
	}
	shots := os.Getenv("DETER_SCREENSHOTS")
	if shots == "" {
		shots, _ = filepath.Abs(filepath.Join("testdata", "screenshots"))
	}
	t.Chdir("../..")
	dir := t.TempDir()
	out := filepath.Join(dir, "brief.html")
	if _, stderr, code := deter(t, "brief", "scenarios/ukraine-2025.yaml", "--draws", "60", "-o", out); code != 0 {
		t.Fatalf("deter brief failed (%d): %s", code, stderr)
	}
	html, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"The question.", "deters best in", "What decides the verdict", "switch-over", "Sources", "rusi-2025", "rests on"} {
		if !strings.Contains(strings.ToLower(string(html)), strings.ToLower(want)) {
			t.Errorf("the brief lacks %q", want)
		}
	}
	if !regexp.MustCompile(`\d%? \[[<>]?\d[^\]]*\]`).Match(html) {
		t.Error("the brief shows no interval")
	}

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chrome), chromedp.UserDataDir(t.TempDir()), chromedp.Headless, chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.WindowSize(794, 1123),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.ToSlash(out))); err != nil {
		t.Fatal(err)
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground()))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(shots, "brief.pdf"), pdf, 0o644)
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		os.WriteFile(filepath.Join(shots, "brief.png"), png, 0o644)
	}
	if n := pdfPages(pdf); n != 1 {
		t.Errorf("the brief prints on %d A4 pages, want 1 (PDF saved in %s)", n, shots)
	}
	// The paper is A4: 595 x 842 points.
	if !regexp.MustCompile(`/MediaBox\s*\[0 0 59[45]\.\d* 84[12]\.\d*\]`).Match(pdf) {
		t.Errorf("the PDF is not A4: %s", regexp.MustCompile(`/MediaBox\s*\[[^\]]*\]`).Find(pdf))
	}
}
