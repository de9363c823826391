package engine

import (
	"fmt"
	"slices"
	"sync"

	"deter/ceasefire"
	"deter/scenario"
)

// Empirical is the empirical cross-check of the deterrence game for one
// package: the cease-fire survival the fitted hazard model gives for the
// package's mechanisms, beside the game's answer.
type Empirical struct {
	ceasefire.Prediction
	// PWar1 and PWar5 are the empirical probabilities that war resumes
	// within 1 and 5 years (1 − survival), for comparison with the game.
	PWar1 float64 `json:"p_war_resumes_1y"`
	PWar5 float64 `json:"p_war_resumes_5y"`
	// Disagreement is empty when the game's P(attack) lies within or near
	// the empirical 90% interval, else a sentence saying how they differ.
	Disagreement string `json:"disagreement,omitempty"`
}

// CeasefireFit is the fitted empirical model itself, for reports: how many
// cease-fires it was fitted to, each covariate's hazard ratio and the
// Weibull shape.
type CeasefireFit struct {
	Cases        int           `json:"cases"`
	HazardRatios []HazardRatio `json:"hazard_ratios"`
	// Shape is the Weibull shape: below 1, the hazard falls as peace lasts.
	Shape float64 `json:"weibull_shape"`
}

// HazardRatio is exp(β) of one covariate: below 1, fewer wars.
type HazardRatio struct {
	Covariate string  `json:"covariate"`
	Ratio     float64 `json:"ratio"`
}

// ceasefireFit describes the fitted model (a copy of the description made
// once with the fit).
func ceasefireFit() (*CeasefireFit, error) {
	if _, err := CeasefireModel(); err != nil {
		return nil, err
	}
	f := *cfFit
	f.HazardRatios = slices.Clone(cfFit.HazardRatios)
	return &f, nil
}

var (
	cfOnce  sync.Once
	cfModel *ceasefire.Model
	cfFit   *CeasefireFit
	cfErr   error
)

// CeasefireModel returns the hazard model fitted to the shipped case list
// (fitted once per process).
func CeasefireModel() (*ceasefire.Model, error) {
	cfOnce.Do(func() {
		cases, err := ceasefire.Cases()
		if err != nil {
			cfErr = err
			return
		}
		if cfModel, cfErr = ceasefire.Fit(cases); cfErr != nil {
			return
		}
		cfFit = &CeasefireFit{Cases: len(cases), Shape: cfModel.Shape()}
		for k, name := range ceasefire.Covariates {
			cfFit.HazardRatios = append(cfFit.HazardRatios, HazardRatio{name, cfModel.HazardRatio(k)})
		}
	})
	return cfModel, cfErr
}

// CeasefireCovariates maps a package onto the empirical model's variables
// (ceasefire.Covariates):
//
//   - dmz: the settlement's demilitarised_zone_km > 0;
//   - peacekeeping: observers (any mandate) or a foreign deterrent force
//     in the country (any posture): Fortna codes observer missions and
//     armed peacekeepers alike;
//   - guarantee: an explicit written commitment by third parties to act:
//     collective_defence, consultation_pledge or assurances (not
//     attacker_guarantor: the attacker is not a third party);
//   - joint_commission: the settlement's joint_commission;
//   - decisive: the settlement's decisive_victory.
//
// Arms, sanctions, air power, energy and the rest have no counterpart in
// the case list: the empirical model is blind to them, and says so.
func CeasefireCovariates(p *scenario.Package) [ceasefire.K]float64 {
	var x [ceasefire.K]float64
	set := func(name string, on bool) {
		for k, n := range ceasefire.Covariates {
			if n == name && on {
				x[k] = 1
			}
		}
	}
	m := &p.Mechanisms
	if st := p.Settlement; st != nil {
		set("dmz", st.DMZWidth.Or(0) > 0)
		set("joint_commission", st.JointCommission)
		set("decisive", st.DecisiveVictory)
	}
	set("peacekeeping", m.Observers != nil && m.Observers.Count.Nominal() > 0 || m.DeterrentForce != nil)
	set("guarantee", m.CollectiveDefence != nil || m.ConsultationPledge != nil || m.Assurances != nil)
	return x
}

// empiricalDraws is the number of parameter draws for the empirical
// model's 90% interval: the 5th and 95th percentiles of 2,000 draws have a
// Monte Carlo standard error of about 0.005 in probability.
const empiricalDraws = 2000

// runEmpirical answers the empirical cross-check for one package and
// compares it with the game's P(attack within 1 and 5 years).
func runEmpirical(p *scenario.Package, pAttack1, pAttack5 float64, seed uint64) (*Empirical, error) {
	m, err := CeasefireModel()
	if err != nil {
		return nil, err
	}
	pred := predict(m, CeasefireCovariates(p), seed)
	e := &Empirical{Prediction: pred, PWar1: 1 - pred.Survive[0], PWar5: 1 - pred.Survive[1]}
	e.Disagreement = disagreement(pAttack1, pAttack5, pred)
	return e, nil
}

// predictions caches the hazard model's predictions: they depend only on a
// package's agreement content and the seed, which a sweep's draws share, and
// drawing the 90% interval (2,000 parameter draws) was most of a draw's
// time. Predict is deterministic, so cached and fresh answers are identical.
var predictions sync.Map // predictionKey → ceasefire.Prediction

type predictionKey struct {
	x    [ceasefire.K]float64
	seed uint64
}

func predict(m *ceasefire.Model, x [ceasefire.K]float64, seed uint64) ceasefire.Prediction {
	k := predictionKey{x, seed}
	if v, ok := predictions.Load(k); ok {
		return clonePrediction(v.(ceasefire.Prediction))
	}
	pred := m.Predict(x, []float64{1, 5, 10}, empiricalDraws, seed)
	predictions.Store(k, clonePrediction(pred))
	return pred
}

// clonePrediction copies the slices, so no caller shares them.
func clonePrediction(p ceasefire.Prediction) ceasefire.Prediction {
	p.Years = slices.Clone(p.Years)
	p.Survive = slices.Clone(p.Survive)
	p.Low = slices.Clone(p.Low)
	p.High = slices.Clone(p.High)
	p.Mechanisms = slices.Clone(p.Mechanisms)
	return p
}

// disagreeMargin is how far (in probability) the game's answer must lie
// outside the empirical 90% interval to be called a strong disagreement:
// a judgement, stated so a reader can apply another.
const disagreeMargin = 0.15

func disagreement(p1, p5 float64, pred ceasefire.Prediction) string {
	for i, pg := range []float64{p1, p5} {
		lo, hi := 1-pred.High[i], 1-pred.Low[i] // interval of P(war resumes)
		years := []string{"1 year", "5 years"}[i]
		switch {
		case pg > hi+disagreeMargin:
			return fmt.Sprintf("the game is more pessimistic than the record: P(attack within %s) %.0f%% against %.0f-%.0f%% of comparable cease-fires ending in war; the record knows only the agreement's form, the game the balance of forces and resolve", years, 100*pg, 100*lo, 100*hi)
		case pg < lo-disagreeMargin:
			return fmt.Sprintf("the game is more optimistic than the record: P(attack within %s) %.0f%% against %.0f-%.0f%% of comparable cease-fires ending in war; the game credits what the record cannot see (arms, forces, sanctions, resolve)", years, 100*pg, 100*lo, 100*hi)
		}
	}
	return ""
}
