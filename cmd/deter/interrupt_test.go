package main

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"deter/check"
)

// TestInterrupt sends SIGTERM to long game solves: enumpoly (checks the
// context between supports) on Gambit's 5x4x3.nfg and Lemke-Howson from
// every label (checks it between labels) on montyhal.efg (12 × 512
// strategies, exact) stop within a few seconds with the context's error.
func TestInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it; skipped in -short mode")
	}
	dir, err := check.Env{DataDir: check.FindData()}.DataFile("gambit-games/contrib/games")
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
