// Package engine maps a scenario onto the models and joins their answers per
// package. It is the only package that knows both the scenario format and the
// models' input structs; the models know nothing of YAML, files or HTTP.
//
// Models that are not implemented yet are listed in [Result.NotModelled] with
// the reason, never given a made-up number.
package engine

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"deter/bargain"
	"deter/deterrence"
	"deter/scenario"
)

// Options control a run.
type Options struct {
	// Seed overrides the scenario's seed when non-zero.
	Seed uint64
	// ClosedForm solves the deterrence game from its closed form
	// (deterrence.SolveClosedForm) instead of building and solving the
	// game tree: the same equilibrium to 1e-9 (deterrence's
	// TestTreeMatchesClosedForm), about 1,000 times faster, and without the
	// equilibrium path in words. Sweeps, sensitivity analyses and design
	// searches, which run the engine thousands of times, set it.
	ClosedForm bool
}

// Gap names a question the engine cannot answer yet, and why.
type Gap struct {
	Model  string `json:"model"`
	Answer string `json:"answer"`
	Why    string `json:"why"`
}

// Result is a run's answer for every package of a scenario.
type Result struct {
	Scenario    string `json:"scenario"`
	File        string `json:"file,omitempty"`
	AsOf        string `json:"as_of,omitempty"`
	Seed        uint64 `json:"seed"`
	HorizonDays int    `json:"horizon_days"`
	// Intervention names how the guarantors' honouring changes the war in
	// the deterrence game (models.deterrence.intervention): pooled,
	// force_weighted or by_means.
	Intervention string            `json:"intervention_model"`
	Packages     []PackageResult   `json:"packages"`
	Agreement    bargain.Agreement `json:"zone_of_agreement"`
	// TradeOff places each package on deterrence against acceptability
	// to the attacker.
	TradeOff []bargain.TradePoint `json:"tradeoff"`
	// Spatial is the forecast settlement over the issue space (nil when
	// the scenario has none).
	Spatial *SpatialForecast `json:"spatial_forecast"`
	// Ceasefire is the empirical cease-fire model the packages' Empirical
	// answers come from (nil when no package has one).
	Ceasefire   *CeasefireFit `json:"ceasefire_model,omitempty"`
	NotModelled []Gap         `json:"not_modelled"`
	// Coefficients are the deterrence game's judgement coefficients as
	// this run used them: the shared ones (scenario/coefficients.yaml),
	// fitted to the historical case library or not, and any the scenario
	// overrides.
	Coefficients []Coefficient `json:"coefficients"`
}

// Coefficient is one judgement coefficient of the run: its nominal value,
// the 2.5% and 97.5% quantiles of its distribution (what sweeps draw),
// its source, and whether it was fitted to the case library or set by
// the scenario itself.
type Coefficient struct {
	Key      string  `json:"key"`
	Value    float64 `json:"value"`
	Lo95     float64 `json:"lo95"`
	Hi95     float64 `json:"hi95"`
	Source   string  `json:"source"`
	Fitted   bool    `json:"fitted"`
	Scenario bool    `json:"set_by_scenario"`
}

// coefficients lists the judgement coefficients of s's models.deterrence.
func coefficients(s *scenario.Scenario) []Coefficient {
	dm := s.DeterrenceModel()
	var out []Coefficient
	scenario.Values(&scenario.Scenario{Models: scenario.Models{Deterrence: &dm}}, func(path string, v *scenario.Value) {
		if !v.IsSet() {
			return
		}
		key := strings.TrimPrefix(path, "models.deterrence.")
		out = append(out, Coefficient{Key: key, Value: v.Nominal(), Lo95: v.Quantile(0.025), Hi95: v.Quantile(0.975),
			Source: v.Source, Fitted: v.Default && v.Source == scenario.FittedSource, Scenario: !v.Default})
	})
	return out
}

// PackageResult is everything known about one package.
type PackageResult struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	Mechanisms []string `json:"mechanisms"`
	Inputs     Inputs   `json:"inputs"`
	// RedLines lists the stated red lines of any actor that the package
	// crosses, by the rules written in the scenario.
	RedLines []RedLineHit `json:"red_lines_crossed"`
	// Campaign is the defence model's answer if deterrence fails: first
	// without guarantor intervention, then with it.
	Campaign []CampaignOutcome `json:"campaign"`
	// Cost is what the package takes in troops, money and time.
	Cost *CostOutcome `json:"cost"`
	// Deterrence is the deterrence game's answer.
	Deterrence *deterrence.Result `json:"deterrence"`
	// Acceptability says who would sign the package.
	Acceptability *Acceptability `json:"acceptability"`
	// Empirical is the cease-fire survival from the hazard model fitted
	// to past cease-fires, the cross-check of Deterrence.
	Empirical *Empirical `json:"empirical_ceasefire"`
	// Timeline is the cease-fire month by month (nominal runs; nil in a
	// sweep's draws).
	Timeline *Timeline `json:"timeline,omitempty"`
}

// Inputs summarises what a package puts in: nominal values read from the
// scenario, added up. They are inputs, not model outputs.
type Inputs struct {
	ForeignTroops     float64 `json:"foreign_troops_in_country"`
	NATOStateTroops   float64 `json:"nato_state_troops_in_country"`
	TrainersInCountry float64 `json:"trainers_in_country"`
	CombatAircraft    float64 `json:"guarantor_aircraft"`
	ArmsUSDbn         float64 `json:"arms_purchases_usd_bn"`
	Commitment        string  `json:"strongest_commitment"`
}

// Gaps are the questions of the project that no model answers yet.
var Gaps = []Gap{}

// Run evaluates every package of s with the models that exist.
func Run(ctx context.Context, s *scenario.Scenario, opt Options) (*Result, error) {
	seed := s.Settings.Seed
	if opt.Seed != 0 {
		seed = opt.Seed
	}
	res := &Result{Scenario: s.Name, File: s.File, AsOf: s.AsOf, Seed: seed,
		HorizonDays: s.Settings.HorizonDays, NotModelled: slices.Clone(Gaps), Intervention: s.DeterrenceModel().Rule(),
		Coefficients: coefficients(s)}
	actors := map[string]*scenario.Actor{}
	for i := range s.Actors {
		actors[s.Actors[i].ID] = &s.Actors[i]
	}
	// The war that goes on if nobody signs: the scenario with an empty
	// package.
	baseIn, baseP5, err := baseline(s, opt.ClosedForm)
	if err != nil {
		return nil, err
	}
	for i := range s.Packages {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		p := &s.Packages[i]
		pr := PackageResult{ID: p.ID, Name: p.Name, Mechanisms: p.Mechanisms.Present()}
		if pr.Mechanisms == nil {
			pr.Mechanisms = []string{}
		}
		pr.Inputs = summarise(p, actors)
		camp, full, err := runCampaign(s, p)
		if err != nil {
			return nil, err
		}
		pr.Campaign = camp
		var di *deterrence.Input
		if pr.Deterrence, di, err = runDeterrence(s, p, full, opt.ClosedForm); err != nil {
			return nil, err
		}
		if pr.Cost, err = runCost(s, p); err != nil {
			return nil, err
		}
		if pr.Empirical, err = runEmpirical(p, pr.Deterrence.PAttack1, pr.Deterrence.PAttack5, seed); err != nil {
			return nil, err
		}
		if !opt.ClosedForm {
			// The timeline solves the game at a dozen dates of the
			// cease-fire: nominal runs only, not every draw of a sweep.
			if pr.Timeline, err = packageTimeline(s, p); err != nil {
				return nil, err
			}
		}
		pr.RedLines = ScreenRedLines(s, p)
		if pr.RedLines == nil {
			pr.RedLines = []RedLineHit{}
		}
		if pr.Acceptability, err = acceptability(s, p, baseIn, di, pr.Deterrence, baseP5, pr.Cost, pr.RedLines); err != nil {
			return nil, err
		}
		if pr.Acceptability != nil {
			vA := baseIn.Params.ValuePerKm2 * disputedArea(s)
			if pr.Acceptability.Shift, err = shiftingPower(s, p, full.StayOut, full.Intervene, pr.Deterrence.PIntervention, baseIn.WarCost, vA); err != nil {
				return nil, err
			}
		}
		res.Packages = append(res.Packages, pr)
	}
	for _, pr := range res.Packages {
		if pr.Empirical != nil {
			if res.Ceasefire, err = ceasefireFit(); err != nil {
				return nil, err
			}
			break
		}
	}
	res.Agreement = agreement(res)
	for _, a := range s.Actors {
		if a.Role == "attacker" {
			res.TradeOff = tradeOff(res, a.ID)
		}
	}
	if A := disputedArea(s); A > 0 {
		if res.Spatial, err = spatialForecast(s, math.Min(1, baseIn.StayOut.GroundKm2/A), res.Packages); err != nil {
			return nil, err
		}
	}
	if res.Spatial == nil {
		res.NotModelled = append(res.NotModelled, Gap{"bargain (spatial)", "forecast settlement over several issues and its round-by-round path",
			"the scenario has no issue space (models.bargain.spatial) or no disputed area"})
	}
	return res, nil
}

// baseline runs the scenario with an empty package: the deterrence input of
// the war that goes on without any agreement, and its P(attack within 5
// years).
func baseline(s *scenario.Scenario, closedForm bool) (*deterrence.Input, float64, error) {
	empty := &scenario.Package{ID: "(no agreement)", Name: "no agreement"}
	_, full, err := runCampaign(s, empty)
	if err != nil {
		return nil, 0, err
	}
	r, di, err := runDeterrence(s, empty, full, closedForm)
	if err != nil {
		return nil, 0, err
	}
	return di, r.PAttack5, nil
}

// isNATO reports whether id is a NATO member, or a coalition with one.
func isNATO(id string, actors map[string]*scenario.Actor) bool {
	a := actors[id]
	if a == nil {
		return false
	}
	if a.NATO {
		return true
	}
	for _, m := range a.Members {
		if actors[m] != nil && actors[m].NATO {
			return true
		}
	}
	return false
}

func summarise(p *scenario.Package, actors map[string]*scenario.Actor) Inputs {
	m := &p.Mechanisms
	var in Inputs
	if f := m.DeterrentForce; f != nil {
		for _, c := range f.Contingents {
			t := c.Troops.Nominal()
			in.ForeignTroops += t
			if isNATO(c.Actor, actors) {
				in.NATOStateTroops += t
			}
		}
	}
	if o := m.Observers; o != nil {
		in.ForeignTroops += o.Count.Nominal()
		if slices.ContainsFunc(o.Contributors, func(id string) bool { return isNATO(id, actors) }) {
			in.NATOStateTroops += o.Count.Nominal()
		}
	}
	if c := m.CapacityBuilding; c != nil && c.InCountry {
		in.TrainersInCountry = c.Trainers.Or(0)
		in.ForeignTroops += in.TrainersInCountry
		if slices.ContainsFunc(c.Contributors, func(id string) bool { return isNATO(id, actors) }) {
			in.NATOStateTroops += in.TrainersInCountry
		}
	}
	if a := m.AirSupport; a != nil {
		in.CombatAircraft += a.Aircraft.Nominal()
	}
	if a := m.AirPolicing; a != nil {
		in.CombatAircraft += a.Aircraft.Nominal()
	}
	if a := m.ArmsPurchases; a != nil {
		in.ArmsUSDbn = a.Total.Nominal()
	}
	in.Commitment = commitmentLevels[strongestCommitment(m)].label
	return in
}

// commitmentLevels are the commitments a package can hold, weakest first:
// the label Inputs.Commitment shows, and the place on a guarantee issue's
// 0-100 scale where the spatial model puts a package with it (equal steps
// between "none" and "automatic collective defence", as the scenario
// format documents for issues of kind guarantee).
var commitmentLevels = [...]struct {
	label string
	scale float64
}{
	{"none", 0},
	{"assurances", 25},
	{"consultation pledge", 50},
	{"collective defence (as deemed necessary)", 75},
	{"collective defence (automatic)", 100},
}

// strongestCommitment is the index in commitmentLevels of the strongest
// commitment among the package's mechanisms.
func strongestCommitment(m *scenario.Mechanisms) int {
	switch {
	case m.CollectiveDefence != nil && m.CollectiveDefence.Obligation == "automatic":
		return 4
	case m.CollectiveDefence != nil:
		return 3
	case m.ConsultationPledge != nil:
		return 2
	case m.Assurances != nil:
		return 1
	}
	return 0
}

// RedLineHit is a stated red line that a package crosses.
type RedLineHit struct {
	Actor  string `json:"actor"`
	ID     string `json:"id"`
	Hard   bool   `json:"hard"`
	Reason string `json:"reason"`
}

// ScreenRedLines applies the red lines as written in the scenario to a
// package: a mechanism listed by the line, provided by the kind of actor it
// names, or settlement terms outside its bounds. It is a rule check on the
// scenario's own statements, not a model of acceptance.
func ScreenRedLines(s *scenario.Scenario, p *scenario.Package) []RedLineHit {
	actors := map[string]*scenario.Actor{}
	for i := range s.Actors {
		actors[s.Actors[i].ID] = &s.Actors[i]
	}
	var hits []RedLineHit
	for _, a := range s.Actors {
		for _, rl := range a.RedLines {
			var why []string
			for _, key := range rl.Mechanisms {
				if !p.Mechanisms.Has(key) {
					continue
				}
				providers := Providers(&p.Mechanisms, key)
				var match []string
				for _, id := range providers {
					if len(rl.Providers) > 0 && !slices.Contains(rl.Providers, id) {
						continue
					}
					if providerMatches(rl.Contributor, id, actors) {
						match = append(match, id)
					}
				}
				if rl.Contributor == "" || rl.Contributor == "any" {
					if len(providers) == 0 && len(rl.Providers) == 0 {
						match = append(match, "unnamed contributors")
					}
				}
				if len(match) > 0 {
					why = append(why, fmt.Sprintf("%s by %s", key, strings.Join(match, ", ")))
				}
			}
			ceded := 0.0
			if p.Settlement != nil {
				ceded = p.Settlement.TerritoryCeded.Or(0)
			}
			if rl.MaxCeded.IsSet() && ceded > rl.MaxCeded.Nominal() {
				why = append(why, fmt.Sprintf("cedes %.0f km2 > %.0f", ceded, rl.MaxCeded.Nominal()))
			}
			if rl.MinCeded.IsSet() && ceded < rl.MinCeded.Nominal() {
				why = append(why, fmt.Sprintf("cedes %.0f km2 < %.0f demanded", ceded, rl.MinCeded.Nominal()))
			}
			if rl.MaxTroopCap.IsSet() {
				if p.Settlement == nil || !p.Settlement.DefenderTroopCap.IsSet() {
					why = append(why, "no cap on the defender's forces")
				} else if c := p.Settlement.DefenderTroopCap.Nominal(); c > rl.MaxTroopCap.Nominal() {
					why = append(why, fmt.Sprintf("defender cap %.0f > %.0f", c, rl.MaxTroopCap.Nominal()))
				}
			}
			if len(why) > 0 {
				hits = append(hits, RedLineHit{Actor: a.ID, ID: rl.ID, Hard: rl.Hard, Reason: strings.Join(why, "; ")})
			}
		}
	}
	return hits
}

func providerMatches(kind, id string, actors map[string]*scenario.Actor) bool {
	switch kind {
	case "", "any":
		return true
	case "nato":
		return isNATO(id, actors)
	case "non_nato":
		return !isNATO(id, actors)
	}
	return false
}

// Providers lists the actors named as providing a mechanism.
func Providers(m *scenario.Mechanisms, key string) []string {
	switch key {
	case "collective_defence":
		return m.CollectiveDefence.Guarantors
	case "consultation_pledge":
		return m.ConsultationPledge.Guarantors
	case "assurances":
		return m.Assurances.Guarantors
	case "observers":
		return m.Observers.Contributors
	case "deterrent_force":
		var ids []string
		for _, c := range m.DeterrentForce.Contingents {
			ids = append(ids, c.Actor)
		}
		return ids
	case "capacity_building":
		return m.CapacityBuilding.Contributors
	case "air_policing":
		return m.AirPolicing.Guarantors
	case "air_support":
		return m.AirSupport.Guarantors
	case "maritime":
		return m.Maritime.Contributors
	case "intelligence_logistics":
		return m.IntelligenceLogistics.Guarantors
	case "arms_purchases":
		return m.ArmsPurchases.Funders
	case "frozen_assets":
		return m.FrozenAssets.Holders
	case "sanctions_snapback":
		return m.SanctionsSnapback.Imposers
	case "energy_cutoff":
		return m.EnergyCutoff.Importers
	case "deep_strikes":
		return m.DeepStrikes.Providers
	}
	return nil
}
