package engine

import (
	"fmt"

	"deter/deterrence"
	"deter/scenario"
)

// DeterrenceCase is one package's deterrence game held ready to be solved
// again under other judgement coefficients (models.deterrence) without
// running its campaigns again: those coefficients do not enter the
// campaign model, except limited_attack_days, which stays the scenario's.
// It is what fitting the coefficients to the historical case library
// (package backtest) evaluates thousands of times.
type DeterrenceCase struct {
	s  *scenario.Scenario
	p  *scenario.Package
	pc PackageCampaigns
}

// NewDeterrenceCase runs the campaigns of package id of s.
func NewDeterrenceCase(s *scenario.Scenario, id string) (*DeterrenceCase, error) {
	p, err := s.PackageByID(id)
	if err != nil {
		return nil, err
	}
	_, full, err := runCampaign(s, p)
	if err != nil {
		return nil, fmt.Errorf("package %s: %w", id, err)
	}
	pc, err := packageCampaigns(s, p, full)
	if err != nil {
		return nil, fmt.Errorf("package %s: %w", id, err)
	}
	return &DeterrenceCase{s: s, p: p, pc: pc}, nil
}

// Package returns the case's package.
func (c *DeterrenceCase) Package() *scenario.Package { return c.p }

// PAttack1 returns P(attack within a year) with the judgement coefficients
// dm in place of the scenario's models.deterrence (dm's absent values take
// the shared coefficients). limited_attack_days is the scenario's
// whatever dm says, since the campaigns were run for it.
func (c *DeterrenceCase) PAttack1(dm scenario.DeterrenceModel) (float64, error) {
	s := *c.s
	dm.LimitedAttackDays = c.s.DeterrenceModel().LimitedAttackDays
	s.Models.Deterrence = &dm
	in := DeterrenceInput(&s, c.p, c.pc)
	if err := in.Validate(); err != nil {
		return 0, err
	}
	p1, _ := deterrence.PAttack(in)
	return p1, nil
}

// CeasefireWar is the empirical cease-fire model's probability that a
// cease-fire with the package's agreement content ends in war within the
// given years (the nominal fit, no interval).
func CeasefireWar(p *scenario.Package, years float64) (float64, error) {
	m, err := CeasefireModel()
	if err != nil {
		return 0, err
	}
	return 1 - m.Survival(CeasefireCovariates(p), years), nil
}
