package app

import (
	"context"
	"fmt"
	"os"

	"deter/backtest"
)

// CaseLibrary returns the shipped case library (backtest.Library).
func CaseLibrary() ([]backtest.Source, error) { return backtest.Library() }

// ReadCases reads scenario files from disk for a backtest.
func ReadCases(files []string) ([]backtest.Source, error) {
	var out []backtest.Source
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("cannot read case: %w", err)
		}
		out = append(out, backtest.Source{Name: f, Data: data})
	}
	return out, nil
}

// Backtest fits the shared judgement coefficients to the cases, predicts
// each case from a fit without it, and scores the predictions.
func Backtest(ctx context.Context, files []backtest.Source, opt backtest.Options) (*backtest.Result, error) {
	cases, err := backtest.Load(ctx, files)
	if err != nil {
		return nil, err
	}
	return backtest.Run(ctx, cases, opt)
}
