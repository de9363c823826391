package scenario

import (
	"fmt"
	"reflect"
	"strings"
)

// Assumption is the source keyword that marks a value as the scenario
// author's assumption rather than a sourced figure.
const Assumption = "assumption"

// check runs the whole-document rules that a field's own tag cannot express.
func (d *decoder) check(s *Scenario) {
	if n := len(s.Packages); n > MaxPackages {
		p := fmt.Sprintf("packages[%d]", MaxPackages)
		d.errorf(d.posOfPath(p), p, "%d packages; at most %d are evaluated in one scenario (split the file)", n, MaxPackages)
	}
	if n := len(s.Actors); n > MaxActors {
		p := fmt.Sprintf("actors[%d]", MaxActors)
		d.errorf(d.posOfPath(p), p, "%d actors; at most %d in one scenario", n, MaxActors)
	}
	// A force of a fraction of a person validates as a number but breaks
	// the campaign (ground lost is not finite): people are whole.
	fewer := func(v Value, path string) {
		if lo, _ := v.Support(); v.IsSet() && lo > 0 && lo < 1 {
			d.errorf(v.Pos, path, "%s people: a force is 0 or at least 1 person", fmtNum(lo))
		}
	}
	for i, a := range s.Actors {
		for j, u := range a.Forces {
			fewer(u.Strength, fmt.Sprintf("actors[%d].forces[%d].strength", i, j))
		}
	}
	for i, p := range s.Packages {
		if f := p.Mechanisms.DeterrentForce; f != nil {
			for j, c := range f.Contingents {
				fewer(c.Troops, fmt.Sprintf("packages[%d].mechanisms.deterrent_force.contingents[%d].troops", i, j))
			}
		}
	}
	// References between objects.
	for _, r := range d.refs {
		if _, ok := d.ids[r.kind][r.id]; !ok {
			var known []string
			for k := range d.ids[r.kind] {
				known = append(known, k)
			}
			d.errorf(r.pos, r.path, "unknown %s %q%s", r.kind, r.id, suggest(r.id, known))
		}
	}
	// Sources must be a reference id, the assumption keyword, a URL or a
	// citation written out (it has spaces).
	for _, u := range d.sources {
		src := strings.TrimSpace(u.src)
		switch {
		case src == "":
			d.errorf(u.pos, u.path, "source is empty")
		case src == Assumption || strings.ContainsAny(src, " \t") || strings.Contains(src, "://"):
		default:
			if _, ok := d.ids["reference"][src]; !ok {
				var known []string
				for k := range d.ids["reference"] {
					known = append(known, k)
				}
				d.errorf(u.pos, u.path, "source %q is not a reference id (add it to 'references', write the citation out, or use %q)%s", src, Assumption, suggest(src, known))
			}
		}
	}

	roles := map[string]string{}
	for _, a := range s.Actors {
		roles[a.ID] = a.Role
	}
	var attackers, defenders []string
	for i, a := range s.Actors {
		p := fmt.Sprintf("actors[%d]", i)
		switch a.Role {
		case "attacker", "defender":
			if a.Role == "attacker" {
				attackers = append(attackers, a.ID)
			} else {
				defenders = append(defenders, a.ID)
			}
			people := 0.0 // the most the forces can be
			for _, u := range a.Forces {
				_, hi := u.Strength.Support()
				people += hi
			}
			switch {
			case len(a.Forces) == 0:
				d.errorf(d.posOfPath(p+".forces"), p+".forces", "the %s %q has no forces", a.Role, a.Name)
			case people == 0 && !d.hasErrorUnder(p+".forces"):
				d.errorf(d.posOfPath(p+".forces"), p+".forces", "the %s %q has forces of 0 people in all; the campaign needs someone on each side", a.Role, a.Name)
			}
		}
		if a.Role != "coalition" && len(a.Members) > 0 {
			d.errorf(d.posOfPath(p), p+".members", "only a coalition has members; %q is a %s", a.ID, a.Role)
		}
		for j, m := range a.Members {
			mp := fmt.Sprintf("%s.members[%d]", p, j)
			if r, ok := roles[m]; ok && r != "guarantor" {
				d.errorf(d.posOfPath(mp), mp, "coalition member %q must be a guarantor, not a %s", m, r)
			}
		}
		for j, u := range a.Forces {
			up := fmt.Sprintf("%s.forces[%d].arrival_day", p, j)
			if _, hi := u.ArrivalDay.Support(); s.Settings.HorizonDays >= 1 && u.ArrivalDay.IsSet() && hi > float64(s.Settings.HorizonDays) {
				d.errorf(u.ArrivalDay.Pos, up, "unit %q may arrive on day %s, after the %d-day horizon (settings.horizon_days)", u.ID, fmtNum(hi), s.Settings.HorizonDays)
			}
		}
	}
	if len(attackers) != 1 {
		d.errorf(d.posOfPath("actors"), "actors", "a scenario needs exactly one actor with role attacker, found %d", len(attackers))
	}
	if len(defenders) != 1 {
		d.errorf(d.posOfPath("actors"), "actors", "a scenario needs exactly one actor with role defender, found %d", len(defenders))
	}

	// Guarantee mechanisms are given by guarantors (or coalitions), never by
	// the attacker or the defender (the attacker-as-guarantor mechanism has
	// its own entry).
	for i := range s.Packages {
		pk := &s.Packages[i]
		d.walkActorLists(reflect.ValueOf(&pk.Mechanisms).Elem(), fmt.Sprintf("packages[%d].mechanisms", i), roles)
	}
	d.resolveExtends(s)
	for i, c := range s.Correlations {
		p := fmt.Sprintf("correlations[%d].between", i)
		if len(c.Between) != 2 {
			d.errorf(d.posOfPath(p), p, "a correlation is between exactly two values, got %d", len(c.Between))
		} else if c.Between[0] == c.Between[1] {
			d.errorf(d.posOfPath(p), p, "a value cannot be correlated with itself")
		}
	}
	if s.Models.Bargain != nil && s.Models.Bargain.Spatial != nil {
		d.checkSpatial(s.Models.Bargain.Spatial)
	}
	if ds := s.Design; ds != nil {
		for _, r := range []struct {
			name string
			r    *Range
		}{{"troops_scale", ds.TroopsScale}, {"arms_usd_bn", ds.ArmsUSDbn}} {
			if r.r != nil && r.r.Min > r.r.Max {
				p := "design." + r.name
				d.errorf(d.posOfPath(p), p, "min %s is above max %s", fmtNum(r.r.Min), fmtNum(r.r.Max))
			}
		}
	}
}

// walkActorLists checks that every actor listed in a mechanism is a
// guarantor or coalition.
func (d *decoder) walkActorLists(v reflect.Value, path string, roles map[string]string) {
	si := infoFor(v.Type())
	for _, f := range si.fields {
		fv := v.FieldByIndex(f.index)
		fp := joinPath(path, f.key)
		switch {
		case fv.Kind() == reflect.Pointer && !fv.IsNil() && fv.Elem().Kind() == reflect.Struct:
			d.walkActorLists(fv.Elem(), fp, roles)
		case fv.Kind() == reflect.Slice && fv.Type().Elem().Kind() == reflect.Struct:
			for i := range fv.Len() {
				d.walkActorLists(fv.Index(i), fmt.Sprintf("%s[%d]", fp, i), roles)
			}
		case f.rules.ref == "actor":
			var ids []string
			if fv.Kind() == reflect.String {
				ids = []string{fv.String()}
			} else {
				ids = fv.Interface().([]string)
			}
			for _, id := range ids {
				if r := roles[id]; r == "attacker" || r == "defender" {
					d.errorf(d.posOfPath(fp), fp, "%q is the %s; guarantee mechanisms are provided by guarantors (use attacker_guarantor for the attacker)", id, r)
				}
			}
		}
	}
}

// posOfPath returns the position of the node decoded at path, or of its
// nearest ancestor that was in the file.
func (d *decoder) posOfPath(path string) Pos {
	for {
		if p, ok := d.paths[path]; ok {
			return p
		}
		k := strings.LastIndexAny(path, ".[")
		if k <= 0 {
			if p, ok := d.paths[""]; ok {
				return p
			}
			return Pos{Line: 1, Col: 1}
		}
		path = path[:k]
	}
}

// resolveExtends copies into each package the mechanisms and settlement of
// the package it extends, where it does not give its own.
func (d *decoder) resolveExtends(s *Scenario) {
	byID := map[string]int{}
	for i, p := range s.Packages {
		byID[p.ID] = i
	}
	state := make([]uint8, len(s.Packages)) // 0 new, 1 in progress, 2 done
	var visit func(i int, chain []string) bool
	visit = func(i int, chain []string) bool {
		switch state[i] {
		case 1:
			path := fmt.Sprintf("packages[%d].extends", i)
			d.errorf(d.posOfPath(path), path, "packages extend each other in a cycle: %s", strings.Join(append(chain, s.Packages[i].ID), " -> "))
			return false
		case 2:
			return true
		}
		state[i] = 1
		p := &s.Packages[i]
		if j, ok := byID[p.Extends]; ok && p.Extends != "" {
			if !visit(j, append(chain, p.ID)) {
				state[i] = 2
				return false
			}
			parent := &s.Packages[j]
			pv := reflect.ValueOf(&parent.Mechanisms).Elem()
			cv := reflect.ValueOf(&p.Mechanisms).Elem()
			for k := range cv.NumField() {
				if cv.Field(k).IsNil() {
					cv.Field(k).Set(pv.Field(k))
				}
			}
			if p.Settlement == nil {
				p.Settlement = parent.Settlement
			}
		}
		state[i] = 2
		return true
	}
	for i := range s.Packages {
		visit(i, nil)
	}
}

// Unsourced lists the numbers in s that carry no source and were not filled
// from a default: the values a reviewer cannot trace. Values marked with the
// source keyword "assumption" count as sourced (they are declared
// assumptions). The result is sorted by position.
func Unsourced(s *Scenario) ErrorList {
	var out ErrorList
	walkValues(reflect.ValueOf(s).Elem(), "", func(path string, v *Value) {
		if v.IsSet() && !v.Default && v.Source == "" {
			out = append(out, &FieldError{File: s.File, Pos: v.Pos, Path: path, Msg: "number has no source (add source: or mark it source: assumption)"})
		}
	})
	out.Sort()
	return out
}

// Values calls fn for every Value in s with its field path.
func Values(s *Scenario, fn func(path string, v *Value)) {
	walkValues(reflect.ValueOf(s).Elem(), "", fn)
}

func walkValues(v reflect.Value, path string, fn func(string, *Value)) {
	if v.Type() == valueType {
		fn(path, v.Addr().Interface().(*Value))
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			walkValues(v.Elem(), path, fn)
		}
	case reflect.Slice:
		for i := range v.Len() {
			walkValues(v.Index(i), fmt.Sprintf("%s[%d]", path, i), fn)
		}
	case reflect.Struct:
		si := infoFor(v.Type())
		for _, f := range si.fields {
			walkValues(v.FieldByIndex(f.index), joinPath(path, f.key), fn)
		}
	}
}

// checkSpatial checks the issue space: an actor listed once, an issue
// once per actor, saliences (their largest possible values) summing to at
// most 1 per actor, and at least one issue someone cares about.
// hasErrorUnder reports whether an error was already found at path or
// inside it (a value refused is read as zero, which must not be reported
// twice over).
func (d *decoder) hasErrorUnder(path string) bool {
	for _, e := range d.errs {
		if e.Path == path || strings.HasPrefix(e.Path, path+".") || strings.HasPrefix(e.Path, path+"[") {
			return true
		}
	}
	return false
}

func (d *decoder) checkSpatial(sp *Spatial) {
	seen := map[string]bool{}
	for i, a := range sp.Actors {
		p := fmt.Sprintf("models.bargain.spatial.actors[%d]", i)
		if seen[a.Actor] {
			d.errorf(d.posOfPath(p+".actor"), p+".actor", "actor %q is listed twice", a.Actor)
		}
		seen[a.Actor] = true
		issues := map[string]bool{}
		sum := 0.0
		for j, st := range a.Stances {
			sp := fmt.Sprintf("%s.stances[%d]", p, j)
			if issues[st.Issue] {
				d.errorf(d.posOfPath(sp+".issue"), sp+".issue", "issue %q is given twice for actor %q", st.Issue, a.Actor)
			}
			issues[st.Issue] = true
			_, hi := st.Salience.Support()
			sum += hi
		}
		if sum > 1+1e-9 {
			d.errorf(d.posOfPath(p+".stances"), p+".stances", "the saliences of actor %q can sum to %s; they must sum to at most 1", a.Actor, fmtNum(sum))
		}
	}
}
