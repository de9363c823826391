package game

import (
	"bytes"
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"deter/internal/refdata"
)

type expectedCase struct {
	family, name, file string
	expected           []MixedProfile
}

var (
	caseRe = regexp.MustCompile(`^\[([A-Z_]+) '([^']+)'\] game=.*read_from_file, '([^']+)'`)
	dRe    = regexp.MustCompile(`d\(([^)]*)\)`)
)

// loadExpected reads the file-based cases of Gambit's test suite
// (expected_equilibria_from_test_nash.txt) for the given solver families.
func loadExpected(t *testing.T, families ...string) (string, []expectedCase) {
	t.Helper()
	dir, err := refdata.Path("gambit-games")
	if err != nil {
		t.Skip(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "expected_equilibria_from_test_nash.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var out []expectedCase
	var cur *expectedCase
	for _, line := range strings.Split(string(b), "\n") {
		if m := caseRe.FindStringSubmatch(line); m != nil {
			cur = nil
			for _, f := range families {
				if m[1] == f {
					out = append(out, expectedCase{family: m[1], name: m[2], file: m[3]})
					cur = &out[len(out)-1]
				}
			}
			continue
		}
		line = strings.TrimSpace(line)
		if cur == nil || !strings.HasPrefix(line, "expected=") {
			continue
		}
		// expected=[[d(..), d(..)], [d(..), d(..)]]
		body := strings.TrimSuffix(strings.TrimPrefix(line, "expected=["), "]")
		for _, prof := range strings.Split(body, "], [") {
			var mp MixedProfile
			for _, dm := range dRe.FindAllStringSubmatch(prof, -1) {
				var v []*big.Rat
				for _, x := range strings.Split(dm[1], ",") {
					x = strings.Trim(strings.TrimSpace(x), "'")
					r, ok := new(big.Rat).SetString(x)
					if !ok {
						t.Fatalf("%s: bad number %q", cur.name, x)
					}
					v = append(v, r)
				}
				mp = append(mp, v)
			}
			if len(mp) > 0 {
				cur.expected = append(cur.expected, mp)
			}
		}
	}
	return dir, out
}

func findGameFile(dir, name string) string {
	for _, sub := range []string{"tests/test_games", "contrib/games"} {
		p := filepath.Join(dir, sub, name)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// strategic loads a .nfg, or an .efg as its reduced strategic form.
func strategic(t *testing.T, path string) *NormalForm {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasSuffix(path, ".nfg") {
		g, err := ReadNFG(string(b))
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	eg, err := ReadEFG(string(b))
	if err != nil {
		t.Fatal(err)
	}
	g, err := eg.ReducedNormalForm()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func sameSet(a, b []MixedProfile) bool {
	if len(a) != len(b) {
		return false
	}
	used := make([]bool, len(b))
	for _, x := range a {
		found := false
		for j, y := range b {
			if !used[j] && x.Equal(y) {
				used[j], found = true, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// TestGambitCorpus runs every file-based case of Gambit's own test suite
// for the solver families implemented here (enumpure; enummixed, rational
// and double) and requires exactly the expected set of equilibria. The
// action-graph formats (.agg, .bagg) are not supported and are skipped.
func TestGambitCorpus(t *testing.T) {
	dir, cases := loadExpected(t, "ENUMPURE_CASES", "ENUMMIXED_RATIONAL_CASES", "ENUMMIXED_DOUBLE_CASES")
	ran := 0
	for _, c := range cases {
		if strings.HasSuffix(c.file, ".agg") || strings.HasSuffix(c.file, ".bagg") {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			path := findGameFile(dir, c.file)
			if path == "" {
				t.Fatalf("game file %s not found", c.file)
			}
			g := strategic(t, path)
			var got []MixedProfile
			var err error
			if c.family == "ENUMPURE_CASES" {
				got = PureNash(g)
			} else {
				got, err = ExtremeEquilibria(g)
				if err != nil {
					t.Fatal(err)
				}
			}
			if !sameSet(got, c.expected) {
				t.Errorf("%s on %s: got %v, want %v", c.family, c.file, got, c.expected)
			}
		})
		ran++
	}
	if ran < 4 {
		t.Errorf("only %d corpus cases ran", ran)
	}
}

// TestTextbookGames checks the solvers on games worked by hand.
func TestTextbookGames(t *testing.T) {
	// Matching pennies (von Neumann and Morgenstern 1944): no pure
	// equilibrium; the unique equilibrium mixes 1/2, 1/2.
	mp, err := ReadNFG(`NFG 1 R "Matching pennies" { "1" "2" } { 2 2 }
1 -1 -1 1 -1 1 1 -1`)
	if err != nil {
		t.Fatal(err)
	}
	if len(PureNash(mp)) != 0 {
		t.Error("matching pennies has a pure equilibrium?")
	}
	eq, _ := ExtremeEquilibria(mp)
	half := big.NewRat(1, 2)
	want := MixedProfile{{half, half}, {half, half}}
	if len(eq) != 1 || !eq[0].Equal(want) {
		t.Errorf("matching pennies: %v", eq)
	}
	// Battle of the sexes (Luce and Raiffa 1957), payoffs (2,1), (1,2):
	// two pure equilibria and the mixed one (2/3, 1/3), (1/3, 2/3).
	bos, _ := ReadNFG(`NFG 1 R "BoS" { "1" "2" } { 2 2 }
2 1 0 0 0 0 1 2`)
	eq, _ = ExtremeEquilibria(bos)
	mixed := MixedProfile{{big.NewRat(2, 3), big.NewRat(1, 3)}, {big.NewRat(1, 3), big.NewRat(2, 3)}}
	if len(eq) != 3 || !sameSet(eq[2:], []MixedProfile{mixed}) && !containsProfile(eq, mixed) {
		t.Errorf("battle of the sexes: %v", eq)
	}
	if len(PureNash(bos)) != 2 {
		t.Errorf("battle of the sexes pure equilibria: %v", PureNash(bos))
	}
}

func containsProfile(list []MixedProfile, p MixedProfile) bool {
	for _, x := range list {
		if x.Equal(p) {
			return true
		}
	}
	return false
}

func TestReadErrors(t *testing.T) {
	bad := []string{"", "NFG 2 R", `NFG 1 R "x" { "a" } { 2 } 1`, `EFG 2 R "x" { "a" } t "" 1 { 1 }`, `EFG 2 R "x" { "a" } p "" 1 1 "" { "a" "b" } 0 t "" 0`}
	for _, s := range bad {
		if _, err := ReadNFG(s); err == nil && strings.HasPrefix(s, "NFG") {
			t.Errorf("NFG %q accepted", s)
		}
		if _, err := ReadEFG(s); err == nil {
			t.Errorf("EFG %q accepted", s)
		}
	}
}

// TestKuhnPokerValue: Kuhn poker (Kuhn 1950), read from OpenSpiel's .efg and
// solved exactly in its reduced strategic form, is worth −1/18 to player 1
// (the published value of the game).
func TestKuhnPokerValue(t *testing.T) {
	p, err := refdata.Path("openspiel-efg/kuhn_poker.efg")
	if err != nil {
		t.Skip(err)
	}
	g := strategic(t, p)
	if len(g.Strategies[0]) != 27 || len(g.Strategies[1]) != 64 {
		t.Errorf("reduced strategies %d × %d, want 27 × 64", len(g.Strategies[0]), len(g.Strategies[1]))
	}
	v, eq, err := ZeroSumValue(g)
	if err != nil {
		t.Fatal(err)
	}
	if v.Cmp(big.NewRat(-1, 18)) != 0 {
		t.Errorf("value %s, want -1/18", v.RatString())
	}
	// The strategies found guarantee the value: player 1's strategy earns at
	// least v against every column, player 2's concedes at most v.
	for j := range g.Strategies[1] {
		s := new(big.Rat)
		for i, x := range eq[0] {
			s.Add(s, new(big.Rat).Mul(x, g.Payoff([]int{i, j}, 0)))
		}
		if s.Cmp(v) < 0 {
			t.Fatalf("player 1's strategy earns %s < value against column %d", s.RatString(), j)
		}
	}
	for i := range g.Strategies[0] {
		s := new(big.Rat)
		for j, y := range eq[1] {
			s.Add(s, new(big.Rat).Mul(y, g.Payoff([]int{i, j}, 0)))
		}
		if s.Cmp(v) > 0 {
			t.Fatalf("player 2's strategy concedes %s > value against row %d", s.RatString(), i)
		}
	}
}

// TestBackwardInduction: in a four-move centipede game (Rosenthal 1981)
// the unique subgame-perfect equilibrium has every player take at once, so
// player 1 gets 1 and player 2 gets 0, although passing to the end would
// give both more.
func TestBackwardInduction(t *testing.T) {
	eg, err := ReadEFG(`EFG 2 R "Centipede" { "1" "2" } ""
p "" 1 1 "" { "take" "pass" } 0
t "" 1 "" { 1, 0 }
p "" 2 1 "" { "take" "pass" } 0
t "" 2 "" { 0, 2 }
p "" 1 2 "" { "take" "pass" } 0
t "" 3 "" { 3, 1 }
p "" 2 2 "" { "take" "pass" } 0
t "" 4 "" { 2, 4 }
t "" 5 "" { 5, 3 }
`)
	if err != nil {
		t.Fatal(err)
	}
	spe, err := eg.BackwardInduction()
	if err != nil {
		t.Fatal(err)
	}
	for p, ch := range spe.Choice {
		for is, a := range ch {
			if a != 0 {
				t.Errorf("player %d infoset %d: action %d, want take", p+1, is+1, a)
			}
		}
	}
	if spe.Value[0].Cmp(big.NewRat(1, 1)) != 0 || spe.Value[1].Sign() != 0 {
		t.Errorf("values %v", spe.Value)
	}
	// The SPE is a Nash equilibrium of the reduced strategic form.
	nf, _ := eg.ReducedNormalForm()
	if len(PureNash(nf)) == 0 {
		t.Error("no pure equilibrium in the strategic form")
	}
	// Imperfect information is refused.
	mixed, _ := os.ReadFile(findGameFile(filepath.Join(refdata.Dir(), "gambit-games"), "mixed_behavior_game.efg"))
	if len(mixed) > 0 {
		g2, _ := ReadEFG(string(mixed))
		if _, err := g2.BackwardInduction(); err == nil {
			t.Error("imperfect-information game accepted")
		}
	}
}

// TestLemkeHowson: for every dropped label, Lemke-Howson ends at a Nash
// equilibrium that vertex enumeration also finds, on random integer games
// (mostly nondegenerate) and on battle of the sexes.
func TestLemkeHowson(t *testing.T) {
	games := []*NormalForm{}
	bos, _ := ReadNFG(`NFG 1 R "BoS" { "1" "2" } { 2 2 }
2 1 0 0 0 0 1 2`)
	games = append(games, bos)
	for seed := range uint64(20) {
		games = append(games, randomBimatrix(2+int(seed%4), seed+100))
	}
	for gi, g := range games {
		all, err := ExtremeEquilibria(g)
		if err != nil {
			t.Fatal(err)
		}
		m, n := len(g.Strategies[0]), len(g.Strategies[1])
		for k := range m + n {
			eq, err := LemkeHowson(g, k)
			if err != nil {
				t.Fatalf("game %d label %d: %v", gi, k, err)
			}
			if !IsNash(g, eq) {
				t.Fatalf("game %d label %d: %v is not an equilibrium", gi, k, eq)
			}
			if !containsProfile(all, eq) {
				t.Errorf("game %d label %d: %v not among the extreme equilibria %v", gi, k, eq, all)
			}
		}
	}
}

// TestLogitQRE compares with Gambit's logit_solve_lambda on const_sum_game.nfg
// at λ = 1, 2, 3 (expected profiles from Gambit's test suite, given there to
// about four digits; tolerance 5e-4).
func TestLogitQRE(t *testing.T) {
	dir, err := refdata.Path("gambit-games")
	if err != nil {
		t.Skip(err)
	}
	g := strategic(t, findGameFile(dir, "const_sum_game.nfg"))
	got, err := LogitQRE(g, []float64{3, 1, 2})
	if err != nil {
		t.Fatal(err)
	}
	want := map[float64][][]float64{
		1: {{0.643, 0.357}, {0.5883, 0.41168}},
		2: {{0.7727, 0.2273}, {0.6117, 0.3883}},
		3: {{0.8595, 0.1405}, {0.6038, 0.39618}},
	}
	for i, lam := range []float64{3, 1, 2} {
		for pl := range 2 {
			for s := range 2 {
				if d := got[i][pl][s] - want[lam][pl][s]; d > 5e-4 || d < -5e-4 {
					t.Errorf("λ=%v player %d strategy %d: %.5f, Gambit %.5f", lam, pl+1, s+1, got[i][pl][s], want[lam][pl][s])
				}
			}
		}
	}
	// λ = 0 is the centroid.
	c, _ := LogitQRE(g, []float64{0})
	if c[0][0][0] != 0.5 || c[0][1][1] != 0.5 {
		t.Errorf("λ=0: %v", c[0])
	}
}

// TestLogitLimitStrippedDownPoker: Gambit's logit_solve follows the
// principal branch towards λ → ∞ and returns a point close to a Nash
// equilibrium; on stripped-down poker (strategic form) its test expects
// player 1 (0.334, 0.667, 0, 0) and player 2 (0.667, 0.3324), i.e. the
// equilibrium (1/3, 2/3, 0, 0), (2/3, 1/3) to about three digits. The
// branch at λ = 200 must be within 0.01 of it.
func TestLogitLimitStrippedDownPoker(t *testing.T) {
	dir, err := refdata.Path("gambit-games")
	if err != nil {
		t.Skip(err)
	}
	path := findGameFile(dir, "stripped_down_poker.efg")
	if path == "" {
		t.Skip("stripped_down_poker.efg not in the reference data")
	}
	g := strategic(t, path)
	got, err := LogitQRE(g, []float64{200})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]float64{{0.334, 0.667, 0, 0}, {0.667, 0.3324}}
	for pl := range want {
		for s := range want[pl] {
			if d := got[0][pl][s] - want[pl][s]; d > 0.01 || d < -0.01 {
				t.Errorf("player %d strategy %d: %.4f, Gambit %.4f", pl+1, s+1, got[0][pl][s], want[pl][s])
			}
		}
	}
}

// TestLogitQREIsAFixedPoint: on random three-player 3×2×2 games, the
// profile returned at λ = 0.5, 4 and 30 is a logit response to itself:
// p_i(s) = exp(λ·u_i(s))/Σ_t exp(λ·u_i(t)) to 1e-9 (checked here from the
// payoffs, independently of the solver's equations).
func TestLogitQREIsAFixedPoint(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 0))
	for range 20 {
		g := NewNormalForm([]string{"1", "2", "3"}, [][]string{{"a", "b", "c"}, {"a", "b"}, {"a", "b"}})
		for idx := range g.Profiles() {
			for pl := range 3 {
				g.SetPayoff(g.Profile(idx), pl, big.NewRat(int64(r.IntN(11))-5, 1))
			}
		}
		lams := []float64{0.5, 4, 30}
		got, err := LogitQRE(g, lams)
		if err != nil {
			t.Fatal(err)
		}
		pay := make([][]float64, g.Profiles())
		for idx := range pay {
			for pl := range 3 {
				v, _ := g.payoffs[idx][pl].Float64()
				pay[idx] = append(pay[idx], v)
			}
		}
		for k, lam := range lams {
			for pl := range 3 {
				u := expected(g, pay, got[k], pl)
				sum := 0.0
				for _, v := range u {
					sum += math.Exp(lam * v)
				}
				for s, v := range u {
					if d := math.Exp(lam*v)/sum - got[k][pl][s]; math.Abs(d) > 1e-9 {
						t.Errorf("λ=%v player %d strategy %d: off by %g", lam, pl+1, s+1, d)
					}
				}
			}
		}
	}
}

// TestReadNFGClaimsBeyondItsSize: a few bytes claiming a 3000 × 3000 game
// are refused before nine million profiles are allocated.
func TestReadNFGClaimsBeyondItsSize(t *testing.T) {
	_, err := ReadNFG(`NFG 1 R "big" { "1" "2" } { 3000 3000 } 1 2 3`)
	if err == nil || !strings.Contains(err.Error(), "9000000 strategy profiles but only 3 payoff tokens") {
		t.Fatalf("got %v", err)
	}
}

// FuzzReadNFG: whatever the bytes, reading a strategic game returns a game
// or an error, never a panic, a hang or an allocation out of proportion to
// the input; every equilibrium the solvers find in a small game read this
// way is a Nash equilibrium.
func FuzzReadNFG(f *testing.F) {
	f.Add(`NFG 1 R "BoS" { "1" "2" } { 2 2 }
2 1 0 0 0 0 1 2
`)
	f.Add(`NFG 1 R "outcomes" { "1" "2" } { { "a" "b" } { "x" "y" } } ""
{ { "" 1, -1 } { "" -1, 1 } } 1 2 2 1
`)
	f.Add(`NFG 1 R "three" { "1" "2" "3" } { 2 2 2 } 1 0 0 0 1 0 0 0 1 1 1 1 0 0 0 1/2 1/2 1/2 2 2 2 0 0 0 1 1 1 0 0 0`)
	f.Fuzz(func(t *testing.T, src string) {
		g, err := ReadNFG(src)
		if err != nil || g.Profiles() > 64 {
			return
		}
		for _, p := range PureNash(g) {
			if !IsNash(g, p) {
				t.Fatalf("pure equilibrium %v is not a Nash equilibrium", p)
			}
		}
		if len(g.Players) != 2 {
			return
		}
		eqs, err := ExtremeEquilibria(g)
		if err != nil {
			return
		}
		for _, p := range eqs {
			if !IsNash(g, p) {
				t.Fatalf("extreme equilibrium %v is not a Nash equilibrium", p)
			}
		}
	})
}

// TestIsNashThreePlayers: on random three-player games with small integer
// payoffs (many ties), IsNash accepts a pure profile exactly when PureNash
// lists it: two independent computations of the same condition.
func TestIsNashThreePlayers(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	for range 200 {
		g := NewNormalForm([]string{"1", "2", "3"}, [][]string{{"a", "b"}, {"x", "y", "z"}, {"l", "r"}})
		for idx := range g.Profiles() {
			for pl := range 3 {
				g.SetPayoff(g.Profile(idx), pl, big.NewRat(int64(r.IntN(4)), 1))
			}
		}
		pure := PureNash(g)
		for idx := range g.Profiles() {
			p := g.pure(g.Profile(idx))
			if IsNash(g, p) != containsProfile(pure, p) {
				t.Fatalf("profile %v: IsNash %v, listed by PureNash %v", g.Profile(idx), IsNash(g, p), containsProfile(pure, p))
			}
		}
	}
}

// TestReadEFGChanceProbabilities: a negative chance probability, or ones
// that do not add up to 1, are refused with the line; rounded decimals are
// accepted.
func TestReadEFGChanceProbabilities(t *testing.T) {
	tree := func(p1, p2 string) string {
		return `EFG 2 R "c" { "1" }
c "" 1 "" { "a" ` + p1 + ` "b" ` + p2 + ` } 0
t "" 1 "x" { 1 }
t "" 2 "y" { 2 }
`
	}
	for _, c := range []struct {
		p1, p2 string
		ok     bool
		msg    string
	}{
		{"1/2", "1/2", true, ""},
		{"0.333333", "0.666666", true, ""},
		{"-1/2", "3/2", false, "negative probability"},
		{"1/2", "1/3", false, "add up to"},
	} {
		_, err := ReadEFG(tree(c.p1, c.p2))
		switch {
		case c.ok && err != nil:
			t.Errorf("%s, %s: %v", c.p1, c.p2, err)
		case !c.ok && (err == nil || !strings.Contains(err.Error(), c.msg) || !strings.Contains(err.Error(), "line 2")):
			t.Errorf("%s, %s: err %v, want %q at line 2", c.p1, c.p2, err, c.msg)
		}
	}
}

// TestPerfectRecall: a player who forgets its own earlier move has no
// perfect recall, and behaviour strategies are refused for it (Kuhn's
// theorem needs perfect recall); the entry game has it.
func TestPerfectRecall(t *testing.T) {
	forget, err := ReadEFG(`EFG 2 R "forgetful" { "1" "2" }
p "" 1 1 "" { "L" "R" } 0
p "" 1 2 "" { "l" "r" } 0
t "" 1 "" { 1, 0 }
t "" 2 "" { 0, 0 }
p "" 1 2 0
t "" 3 "" { 0, 0 }
t "" 4 "" { 1, 0 }
`)
	if err != nil {
		t.Fatal(err)
	}
	if err := forget.PerfectRecall(); err == nil || !strings.Contains(err.Error(), "perfect recall") {
		t.Errorf("forgetful game: %v", err)
	}
	nf, err := forget.ReducedNormalForm()
	if err != nil {
		t.Fatal(err)
	}
	eqs := PureNash(nf)
	if len(eqs) == 0 {
		t.Fatal("no pure equilibrium to convert")
	}
	if _, _, err := forget.BehaviorFromMixed(eqs[0]); err == nil {
		t.Error("behaviour strategies of a game without perfect recall were given")
	}
	b, err := os.ReadFile("../testdata/games/entry.efg")
	if err != nil {
		t.Fatal(err)
	}
	entry, err := ReadEFG(string(b))
	if err != nil {
		t.Fatal(err)
	}
	if err := entry.PerfectRecall(); err != nil {
		t.Errorf("entry game: %v", err)
	}
}

// TestReadEFGInfosetGaps: information-set numbers are labels (Gambit reads
// files that skip numbers, as textbook files do): a file numbering player
// 1's sets 2 and 5 reads as the same game as one numbering them 1 and 2.
func TestReadEFGInfosetGaps(t *testing.T) {
	game := func(a, b string) string {
		return `EFG 2 R "g" { "1" "2" }
p "" 1 ` + a + ` "" { "L" "R" } 0
p "" 2 1 "" { "l" "r" } 0
p "" 1 ` + b + ` "" { "x" "y" } 0
t "" 1 "" { 3, 1 }
t "" 2 "" { 0, 0 }
t "" 3 "" { 1, 2 }
t "" 4 "" { 2, 3 }
`
	}
	gapped, err := ReadEFG(game("2", "5"))
	if err != nil {
		t.Fatalf("gaps refused: %v", err)
	}
	plain, err := ReadEFG(game("1", "2"))
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := gapped.WriteEFG(&a); err != nil {
		t.Fatal(err)
	}
	if err := plain.WriteEFG(&b); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Errorf("gapped numbering reads as another game:\n%s\nvs\n%s", a.String(), b.String())
	}
	if _, err := gapped.BayesianBackwardInduction(); err != nil {
		t.Errorf("solving the gapped game: %v", err)
	}
}

// TestReadNFGNumberRange: payoffs are exact within a stated range; a
// million-digit payoff is refused with its line instead of keeping the
// solvers busy.
func TestReadNFGNumberRange(t *testing.T) {
	nfg := func(x string) string {
		return "NFG 1 R \"g\" { \"1\" \"2\" } { 2 1 }\n" + x + " 0 1e-3 0\n"
	}
	if _, err := ReadNFG(nfg("1.5e2")); err != nil {
		t.Errorf("1.5e2: %v", err)
	}
	for _, bad := range []string{"1e1000000", "1e-1000000", strings.Repeat("9", 101)} {
		if _, err := ReadNFG(nfg(bad)); err == nil || !strings.Contains(err.Error(), "line 2") {
			t.Errorf("%.20s…: err %v, want a refusal at line 2", bad, err)
		}
	}
}
