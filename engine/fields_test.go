package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"deter/scenario"
)

// mechanismLabels are the mechanism fields that move no model output, each
// with the documented reason it is a label. Every other field must move
// some output of `deter run` (TestEveryMechanismFieldCounts). A field that
// moves an output must not stay in this list.
var mechanismLabels = map[string]string{
	"collective_defence.nato_membership": "names the pledge; its force is in obligation and binding (NATO membership is off the table in the sources, so no separate effect is modelled yet)",
	"consultation_pledge.within_days":    "when consultations begin; a pledge to consult obliges no action, so its timing moves nothing yet (open question in issue 15)",
	"observers.mandate":                  "monitor, verify or interpose: the attribution it gives is not modelled yet (issue 15)",
	"observers.coverage":                 "share of the line observed: attribution not modelled yet (issue 15)",
	"deterrent_force.contingents.type":   "the arm of service; combat power is in troops and quality",
	"maritime.mine_clearance":            "no maritime war is modelled: the model has no sea lines to clear (issue 15)",
	"maritime.area":                      "a sea area in words",
	"arms_purchases.supplier":            "who sells; production limits are in delivery_usd_bn_per_year and items",
	"frozen_assets.holders":              "who holds the assets; the money is spent on arms whoever holds it",
	"defended_line.sectors":              "which sectors the line covers: not read per sector yet (the clarity applies to the whole line)",
	"defended_line.description":          "the line in words",
	"sanctions_snapback.imposers":        "who imposes them; the attacker's cost is in attacker_gdp_cost_pct",
}

// TestEveryMechanismFieldCounts walks every field of every mechanism (the
// issue's rule: a field the format accepts but no model reads is a defect)
// on the Ukraine European-force package with the mechanisms it lacks added,
// changes it, and checks that some output of the run moves, or that the
// field is a documented label.
func TestEveryMechanismFieldCounts(t *testing.T) {
	s := loadShipped(t, "ukraine-2025.yaml")
	p, err := s.PackageByID("european-force")
	if err != nil {
		t.Fatal(err)
	}
	base := *p
	m := &base.Mechanisms
	for _, q := range s.Packages { // what other packages hold
		for _, key := range q.Mechanisms.Present() {
			if !m.Has(key) {
				if err := m.CopyFrom(&q.Mechanisms, key); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	m.Observers = &scenario.Observers{Contributors: []string{"germany"}, Count: scenario.Num(700), Mandate: "monitor", Coverage: scenario.Num(0.5)}
	m.AttackerGuarantor = &scenario.AttackerGuarantor{}
	m.ConsultationPledge.WithinDays = scenario.Num(7)
	// A tripwire in a sector, close to the line, so that its posture,
	// sector, distance and rules of engagement each matter.
	df := *m.DeterrentForce
	df.Posture, df.Sector, df.Engagement = "tripwire", s.Theatre.Sectors[1].ID, "self_defence"
	df.DistanceToLineKm = scenario.Num(1)
	df.ArrivalDay = scenario.Num(0)
	m.DeterrentForce = &df
	if m.CollectiveDefence == nil {
		m.CollectiveDefence = &scenario.CollectiveDefence{Guarantors: []string{"uk", "france"}, Obligation: "as_deemed_necessary", Binding: "treaty"}
	}
	run := func(pk scenario.Package) []byte {
		one := *s
		one.Packages = []scenario.Package{pk}
		res, err := Run(context.Background(), &one, Options{ClosedForm: true})
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(res.Packages[0])
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	before := run(base)
	sectors := []string{}
	for _, sec := range s.Theatre.Sectors {
		sectors = append(sectors, sec.ID)
	}
	guarantors := []string{}
	for _, a := range s.Actors {
		if a.Role == "guarantor" {
			guarantors = append(guarantors, a.ID)
		}
	}
	seen := map[string]bool{}
	mv := reflect.ValueOf(m).Elem()
	for i := range mv.NumField() {
		key := yamlName(mv.Type().Field(i))
		mech := mv.Field(i)
		if mech.IsNil() {
			t.Fatalf("mechanism %s missing from the test package", key)
		}
		fields := perturbations(mech.Elem(), key, sectors, guarantors)
		for _, f := range fields {
			seen[f.path] = true
			variant := base
			vm := variant.Mechanisms
			copyMech := reflect.New(mech.Elem().Type())
			copyMech.Elem().Set(deepCopy(mech.Elem()))
			reflect.ValueOf(&vm).Elem().Field(i).Set(copyMech)
			f.apply(copyMech.Elem())
			variant.Mechanisms = vm
			moved := !bytes.Equal(run(variant), before)
			why, label := mechanismLabels[f.path]
			switch {
			case !moved && !label:
				t.Errorf("%s: changing it (%s) moves no output and it is not a documented label", f.path, f.change)
			case moved && label:
				t.Errorf("%s: listed as a label (%s) but changing it (%s) moves an output: take it off the list", f.path, why, f.change)
			}
		}
	}
	for path := range mechanismLabels {
		if !seen[path] {
			t.Errorf("label %s names no field the test changed", path)
		}
	}
}

// perturbation is one change to one field of a mechanism.
type perturbation struct {
	path, change string
	apply        func(mech reflect.Value)
}

// perturbations lists a change for every field of mechanism value v (a
// struct), nested lists of structs through their first element.
func perturbations(v reflect.Value, prefix string, sectors, guarantors []string) []perturbation {
	var out []perturbation
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		name := yamlName(f)
		if name == "" || f.Anonymous { // Prov: source and note are labels by design
			continue
		}
		path := prefix + "." + name
		idx := i
		fv := v.Field(i)
		switch {
		case f.Type == reflect.TypeFor[scenario.Value]():
			x := fv.Interface().(scenario.Value).Nominal()
			y := x*2 + 1
			if slices.Contains(strings.Split(f.Tag.Get("v"), ","), "max=1") {
				y = 1 - x
				if y == x {
					y = 0.1
				}
			}
			out = append(out, perturbation{path, "to " + fmtG(y), func(m reflect.Value) { m.Field(idx).Set(reflect.ValueOf(scenario.Num(y))) }})
		case f.Type.Kind() == reflect.Bool:
			out = append(out, perturbation{path, "flipped", func(m reflect.Value) { m.Field(idx).SetBool(!m.Field(idx).Bool()) }})
		case f.Type.Kind() == reflect.String:
			cur := fv.String()
			next := "another text"
			if e := enumOf(f); len(e) > 0 {
				next = e[0]
				if next == cur {
					next = e[1]
				}
			} else if strings.Contains(f.Tag.Get("v"), "ref=sector") {
				next = sectors[0]
				if next == cur {
					next = sectors[1]
				}
			} else if strings.Contains(f.Tag.Get("v"), "ref=actor") {
				next = guarantors[0]
				if next == cur {
					next = guarantors[1]
				}
			}
			out = append(out, perturbation{path, "to " + next, func(m reflect.Value) { m.Field(idx).SetString(next) }})
		case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.String:
			// The list becomes the ids it lacks (a guarantor not named
			// yet), or its first entry alone.
			pool := guarantors
			if strings.Contains(f.Tag.Get("v"), "ref=sector") {
				pool = sectors
			}
			cur := fv.Interface().([]string)
			var missing []string
			for _, id := range pool {
				if !slices.Contains(cur, id) {
					missing = append(missing, id)
				}
			}
			next := missing
			if len(next) == 0 && len(cur) > 0 {
				next = cur[:1]
			}
			out = append(out, perturbation{path, "to " + strings.Join(next, ", "), func(m reflect.Value) {
				m.Field(idx).Set(reflect.ValueOf(slices.Clone(next)))
			}})
		case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Struct && fv.Len() > 0:
			for _, sub := range perturbations(fv.Index(0), path, sectors, guarantors) {
				out = append(out, perturbation{sub.path, sub.change, func(m reflect.Value) { sub.apply(m.Field(idx).Index(0)) }})
			}
		}
	}
	return out
}

// deepCopy copies a mechanism struct with its slices, so a change to the
// copy leaves the scenario as loaded.
func deepCopy(v reflect.Value) reflect.Value {
	out := reflect.New(v.Type()).Elem()
	out.Set(v)
	for i := range v.NumField() {
		if f := v.Field(i); f.Kind() == reflect.Slice && !f.IsNil() {
			c := reflect.MakeSlice(f.Type(), f.Len(), f.Len())
			reflect.Copy(c, f)
			out.Field(i).Set(c)
		}
	}
	return out
}

func yamlName(f reflect.StructField) string {
	n, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	return n
}

func enumOf(f reflect.StructField) []string {
	for _, rule := range strings.Split(f.Tag.Get("v"), ",") {
		if e, ok := strings.CutPrefix(rule, "enum="); ok {
			return strings.Split(e, "|")
		}
	}
	return nil
}

func fmtG(x float64) string {
	b, _ := json.Marshal(x)
	return string(b)
}
