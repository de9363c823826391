// Package design is the package builder and the design space: changes an
// analyst (or the web workbench's package builder) makes to one package of a
// scenario (mechanisms removed, added or copied, force scaled, arms money,
// commitment), and the decoding of a point of the optimiser's unit cube into
// such changes, with the objectives of one design.
//
// It changes scenarios and runs the engine; it models nothing itself.
package design

import (
	"fmt"
	"sort"

	"deter/scenario"
)

// Overrides are the package builder's changes to one package.
type Overrides struct {
	Package string   `json:"package"`
	Disable []string `json:"disable"` // mechanisms to remove
	Enable  []string `json:"enable"`  // mechanisms to add, copied from another package that has them
	// Add gives mechanisms with their parameters as YAML (the block under
	// the mechanism's key), checked as strictly as a scenario file.
	Add         map[string]string `json:"add"`
	TroopsScale *float64          `json:"troops_scale"` // multiplies every deterrent-force contingent
	ArmsUSDbn   *float64          `json:"arms_usd_bn"`  // arms purchases total
	Commitment  string            `json:"commitment"`   // "", assurances, consultation, as_deemed_necessary, automatic
}

// ApplyOverrides changes one package of sc as the overrides say. It copies
// what it changes, so packages that shared a mechanism keep theirs.
func ApplyOverrides(sc *scenario.Scenario, o *Overrides) error {
	if o == nil || o.Package == "" {
		return nil
	}
	var p *scenario.Package
	for i := range sc.Packages {
		if sc.Packages[i].ID == o.Package {
			p = &sc.Packages[i]
		}
	}
	if p == nil {
		return fmt.Errorf("no package %q", o.Package)
	}
	// The package may share mechanisms with others (extends): copy what we
	// change.
	m := p.Mechanisms
	for _, key := range o.Enable {
		if m.Has(key) {
			continue
		}
		found := false
		for i := range sc.Packages {
			if other := &sc.Packages[i].Mechanisms; other.Has(key) {
				if err := m.CopyFrom(other, key); err != nil {
					return err
				}
				found = true
				break
			}
		}
		if !found {
			return fmt.Errorf("no package of the scenario has %q to copy its parameters from", key)
		}
	}
	for _, key := range sortedKeys(o.Add) {
		if err := m.ParseInto(sc, key, o.Add[key]); err != nil {
			return err
		}
	}
	for _, key := range o.Disable {
		if err := setNil(&m, key); err != nil {
			return err
		}
	}
	if o.TroopsScale != nil {
		k := *o.TroopsScale
		if k < 0 || k > 100 || k != k {
			return fmt.Errorf("troops_scale %v is outside 0..100", k)
		}
		if f := m.DeterrentForce; f != nil && k == 0 {
			m.DeterrentForce = nil // no troops: no force, and no red line crossed by it
		} else if f != nil {
			c := *f
			c.Contingents = append([]scenario.Contingent(nil), f.Contingents...)
			for i := range c.Contingents {
				c.Contingents[i].Troops = c.Contingents[i].Troops.Point(c.Contingents[i].Troops.Nominal() * k)
			}
			m.DeterrentForce = &c
		}
	}
	if o.ArmsUSDbn != nil {
		v := *o.ArmsUSDbn
		if v < 0 || v > 10000 || v != v {
			return fmt.Errorf("arms_usd_bn %v is outside 0..10000", v)
		}
		if a := m.ArmsPurchases; a != nil {
			c := *a
			c.Total = c.Total.Point(v)
			m.ArmsPurchases = &c
		}
	}
	if o.Commitment != "" {
		var gs []string
		for _, a := range sc.Actors {
			if a.Role == "guarantor" {
				gs = append(gs, a.ID)
			}
		}
		if cd := m.CollectiveDefence; cd != nil {
			gs = cd.Guarantors
		} else if cp := m.ConsultationPledge; cp != nil {
			gs = cp.Guarantors
		} else if as := m.Assurances; as != nil {
			gs = as.Guarantors
		}
		m.CollectiveDefence, m.ConsultationPledge, m.Assurances = nil, nil, nil
		switch o.Commitment {
		case "assurances":
			m.Assurances = &scenario.Assurances{Guarantors: gs, Binding: "political"}
		case "consultation":
			m.ConsultationPledge = &scenario.ConsultationPledge{Guarantors: gs, Binding: "political"}
		case "as_deemed_necessary", "automatic":
			m.CollectiveDefence = &scenario.CollectiveDefence{Guarantors: gs, Obligation: o.Commitment, Binding: "treaty"}
		case "none":
		default:
			return fmt.Errorf("unknown commitment %q", o.Commitment)
		}
	}
	p.Mechanisms = m
	return nil
}

func setNil(m *scenario.Mechanisms, key string) error {
	for _, info := range scenario.MechanismList() {
		if info.Key == key {
			return m.Remove(key)
		}
	}
	return fmt.Errorf("unknown mechanism %q", key)
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
