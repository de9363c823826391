// Package scenarios carries the shipped scenarios and the historical case
// library (cases/) inside the binary, so that `deter backtest` and the
// examples work wherever deter is installed.
package scenarios

import "embed"

// FS holds every shipped scenario: *.yaml and cases/*.yaml.
//
//go:embed *.yaml cases/*.yaml
var FS embed.FS
