package par

import (
	"context"
	"errors"
	"testing"
)

func TestDo(t *testing.T) {
	out := make([]int, 1000)
	if err := Do(context.Background(), len(out), func(i int) error { out[i] = i * i; return nil }); err != nil {
		t.Fatal(err)
	}
	for i, v := range out {
		if v != i*i {
			t.Fatalf("out[%d] = %d", i, v)
		}
	}
	e3, e7 := errors.New("3"), errors.New("7")
	err := Do(context.Background(), 10, func(i int) error {
		switch i {
		case 3:
			return e3
		case 7:
			return e7
		}
		return nil
	})
	if err != e3 {
		t.Errorf("err = %v, want the first by index", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Do(ctx, 5, func(int) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}
