package main

import (
	"fmt"
	"io"
	"math/big"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"deter/game"
)

// newGameCmd groups the game-theory subcommands, one file each:
// game_solve.go, game_deterrence.go, game_strategic.go.
func newGameCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "game",
		Short: "Game-theory tools on Gambit .nfg and .efg files",
	}
	root.AddCommand(newGameSolveCmd(), newGameDeterrenceCmd(), newGameStrategicCmd())
	return root
}

// maxGameFile is the largest game file read, in bytes.
const maxGameFile = 64 << 20

// readGameFile reads a Gambit game file, at most maxGameFile bytes whatever
// the file claims, refusing what is not a regular file.
func readGameFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot open game: %w", err)
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil, fmt.Errorf("cannot open game %s: not a regular file", path)
	}
	b, err := io.ReadAll(io.LimitReader(f, maxGameFile+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read game: %w", err)
	}
	if len(b) > maxGameFile {
		return nil, fmt.Errorf("%s is larger than 64 MiB", path)
	}
	return b, nil
}

// readTree parses an .efg game read from path, or returns notEFG if the
// path does not name one.
func readTree(path string, b []byte, notEFG error) (*game.Extensive, error) {
	if !strings.HasSuffix(path, ".efg") {
		return nil, notEFG
	}
	eg, err := game.ReadEFG(string(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return eg, nil
}

// floatProfile turns float64 probabilities into rationals (their exact
// binary values), for conversions that need rationals.
func floatProfile(p [][]float64) game.MixedProfile {
	mp := make(game.MixedProfile, len(p))
	for i, v := range p {
		for _, x := range v {
			mp[i] = append(mp[i], new(big.Rat).SetFloat64(x))
		}
	}
	return mp
}

// formatProb prints a probability as a rational when it is exact, else as
// a decimal.
func formatProb(x *big.Rat, exact bool) string {
	if exact {
		return x.RatString()
	}
	f, _ := x.Float64()
	return strconv.FormatFloat(f, 'g', 10, 64)
}

// behaviorParts lists a behaviour profile's probabilities, player by
// player, information set by information set, as Gambit prints them.
func behaviorParts(beh game.Behavior) []string {
	var parts []string
	for _, pl := range beh {
		for _, is := range pl {
			for _, x := range is {
				parts = append(parts, x.RatString())
			}
		}
	}
	return parts
}
