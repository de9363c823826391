// Package par runs independent jobs on all cores.
package par

import (
	"context"
	"runtime"
	"sync"
)

// Do calls fn(i) for i in [0, n) on GOMAXPROCS workers and returns the
// first error by index order, or the context's error if it ended first.
// Each fn writes only its own results, so outputs do not depend on the
// number of workers.
func Do(ctx context.Context, n int, fn func(i int) error) error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				errs[i] = fn(i)
			}
		}()
	}
	for i := range n {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
