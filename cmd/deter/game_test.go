package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"deter/game"
	"deter/internal/refdata"
)

// TestInterrupt sends SIGTERM to long game solves: enumpoly (checks the
// context between supports) on Gambit's 5x4x3.nfg and Lemke-Howson from
// every label (checks it between labels) on montyhal.efg (12 × 512
// strategies, exact) stop within a few seconds with the context's error.
func TestInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it; skipped in -short mode")
	}
	dir, err := refdata.Path("gambit-games/contrib/games")
	if err != nil {
		t.Skip(err)
	}
	bin := buildDeter(t)
	for _, c := range []struct {
		args     []string
		code     int
		message  string
		deadline time.Duration
	}{
		{[]string{"game", "solve", "--method", "enumpoly", dir + "/5x4x3.nfg"}, 1, "context canceled", 3 * time.Second},
		{[]string{"game", "solve", "--method", "lh", dir + "/montyhal.efg"}, 1, "context canceled", 5 * time.Second},
	} {
		cmd := exec.Command(bin, c.args...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Second)
		start := time.Now()
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != c.code || !strings.Contains(stderr.String(), c.message) {
				t.Errorf("%v: %v, stderr %q; want exit %d with %q", c.args[2:4], err, stderr.String(), c.code, c.message)
			}
			t.Logf("%v stopped %v after SIGTERM", c.args[2:4], time.Since(start).Round(time.Millisecond))
		case <-time.After(c.deadline):
			cmd.Process.Kill()
			t.Errorf("%v: still running %v after SIGTERM", c.args[2:4], c.deadline)
		}
	}
}

// TestExitAfterGrace: a command that has not returned within the grace
// period after the signal ends the process with status 130 and says so; one
// that returns in time, or without any signal, does not.
func TestExitAfterGrace(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stderr bytes.Buffer
	code := -1
	exitAfterGrace(ctx, make(chan struct{}), 10*time.Millisecond, &stderr, func(c int) { code = c })
	if code != 130 || !strings.Contains(stderr.String(), "did not stop within 10ms") {
		t.Errorf("hung command: exit %d, %q", code, stderr.String())
	}
	done := make(chan struct{})
	close(done)
	code = -1
	exitAfterGrace(ctx, done, time.Hour, &stderr, func(c int) { code = c })
	exitAfterGrace(context.Background(), done, time.Hour, &stderr, func(c int) { code = c })
	if code != -1 {
		t.Errorf("finished command: exit %d", code)
	}
}

// TestGameSolveCorpus runs every method of deter game solve on every game
// of Gambit's test corpus whose strategic form is small (at most 300
// profiles): each run either succeeds or fails with a message, never
// panics. (A one-player tree made --method lh panic before.)
func TestGameSolveCorpus(t *testing.T) {
	dir, err := refdata.Path("gambit-games/tests/test_games")
	if err != nil {
		t.Skip(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.[ne]fg"))
	ran := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var g *game.NormalForm
		if strings.HasSuffix(f, ".nfg") {
			g, err = game.ReadNFG(string(b))
		} else if eg, e := game.ReadEFG(string(b)); e == nil {
			g, err = eg.ReducedNormalForm()
		} else {
			err = e
		}
		if err == nil && g.Profiles() > 300 {
			continue
		}
		for _, m := range []string{"enumpure", "enummixed", "enumpoly", "lh", "logit", "lp", "seqform", "lcp", "tracing", "spe", "bayes"} {
			out, errOut, code := deter(t, "game", "solve", "--method", m, f)
			if code != 0 && strings.TrimSpace(errOut) == "" {
				t.Errorf("%s --method %s: exit %d without a message", filepath.Base(f), m, code)
			}
			if strings.Contains(out+errOut, "NaN") {
				t.Errorf("%s --method %s: NaN in %q", filepath.Base(f), m, out+errOut)
			}
			ran++
		}
	}
	if ran < 300 {
		t.Errorf("only %d runs", ran)
	}
}

// TestBehaviorOutputOnce: realisation-equivalent mixed equilibria give the
// same behaviour strategies, printed once: on 2_player_chance.efg the 24
// extreme equilibria of the strategic form are fewer distinct behaviour
// profiles, and no line repeats.
func TestBehaviorOutputOnce(t *testing.T) {
	dir, err := refdata.Path("gambit-games/tests/test_games")
	if err != nil {
		t.Skip(err)
	}
	f := filepath.Join(dir, "2_player_chance.efg")
	strat, _, _ := deter(t, "game", "solve", "--method", "enummixed", f)
	out, errOut, code := deter(t, "game", "solve", "--method", "enummixed", "--behavior", f)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	seen := map[string]bool{}
	for _, l := range lines {
		if seen[l] {
			t.Errorf("%s printed twice", l)
		}
		seen[l] = true
	}
	if n := strings.Count(strat, "NE,"); len(lines) == 0 || len(lines) >= n {
		t.Errorf("%d behaviour lines for %d strategic equilibria", len(lines), n)
	}
}
