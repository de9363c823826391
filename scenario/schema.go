package scenario

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
)

// SchemaID is the $id of the scenario JSON Schema.
const SchemaID = "https://deter.invalid/schema/scenario.schema.json"

// JSONSchema returns the JSON Schema (draft 2020-12) of the scenario format,
// generated from the same struct tags the loader enforces, so the two cannot
// drift. Cross-references (a unit's sector must exist), distribution
// parameters and source resolution are checked by the loader only.
func JSONSchema() []byte {
	g := &schemaGen{defs: map[string]any{}}
	root := g.object(reflect.TypeFor[Scenario]())
	root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	root["$id"] = SchemaID
	root["title"] = "deter scenario"
	g.defs["number"] = numberSchema()
	root["$defs"] = g.defs
	b, err := json.MarshalIndent(root, "", "  ")
	if err != nil {
		panic("scenario: " + err.Error())
	}
	return append(b, '\n')
}

type schemaGen struct {
	defs map[string]any
}

func numberSchema() map[string]any {
	num := map[string]any{"type": "number"}
	str := map[string]any{"type": "string"}
	prov := map[string]any{"source": str, "note": str, "id": map[string]any{"type": "string", "pattern": `^[A-Za-z][A-Za-z0-9_.-]*$`}}
	withProv := func(props map[string]any, req ...string) map[string]any {
		p := map[string]any{}
		for k, v := range prov {
			p[k] = v
		}
		for k, v := range props {
			p[k] = v
		}
		return map[string]any{"type": "object", "properties": p, "required": req, "additionalProperties": false}
	}
	distConst := func(name string) map[string]any { return map[string]any{"const": name} }
	return map[string]any{
		"description": "A number, or a mapping with value: (and source:, note:), or a distribution with dist: and its parameters.",
		"oneOf": []any{
			num,
			withProv(map[string]any{"value": num, "dist": distConst("point")}, "value"),
			withProv(map[string]any{"dist": distConst("uniform"), "min": num, "max": num}, "dist", "min", "max"),
			withProv(map[string]any{"dist": distConst("triangular"), "min": num, "mode": num, "max": num}, "dist", "min", "mode", "max"),
			withProv(map[string]any{"dist": distConst("normal"), "mean": num, "sd": map[string]any{"type": "number", "exclusiveMinimum": 0}, "min": num, "max": num}, "dist", "mean", "sd"),
			withProv(map[string]any{"dist": distConst("lognormal"), "median": map[string]any{"type": "number", "exclusiveMinimum": 0}, "sigma": map[string]any{"type": "number", "exclusiveMinimum": 0}}, "dist", "median", "sigma"),
			withProv(map[string]any{"dist": distConst("beta"), "alpha": map[string]any{"type": "number", "exclusiveMinimum": 0}, "beta": map[string]any{"type": "number", "exclusiveMinimum": 0}, "min": num, "max": num}, "dist", "alpha", "beta"),
		},
	}
}

func (g *schemaGen) object(t reflect.Type) map[string]any {
	si := infoFor(t)
	props := map[string]any{}
	var req []string
	for _, f := range si.fields {
		props[f.key] = g.field(f)
		if f.rules.req {
			req = append(req, f.key)
		}
	}
	o := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(req) > 0 {
		o["required"] = req
	}
	return o
}

func (g *schemaGen) field(f fieldInfo) map[string]any {
	s := g.typeSchema(f.typ, f.rules)
	desc := f.doc
	if f.unit != "" {
		desc = strings.TrimSpace(desc + " Unit: " + f.unit + ".")
	}
	if f.rules.hasDef {
		s["default"] = f.rules.def
	}
	if desc != "" {
		s["description"] = desc
	}
	return s
}

func bounds(s map[string]any, r rules) {
	if !math.IsInf(r.min, -1) {
		s["minimum"] = r.min
	}
	if !math.IsInf(r.max, 1) {
		s["maximum"] = r.max
	}
	if !math.IsInf(r.gt, -1) {
		s["exclusiveMinimum"] = r.gt
	}
	if !math.IsInf(r.lt, 1) {
		s["exclusiveMaximum"] = r.lt
	}
}

func (g *schemaGen) typeSchema(t reflect.Type, r rules) map[string]any {
	if t == valueType {
		// A plain number must respect the bounds; distributions are checked
		// by the loader (their support must lie within the bounds).
		plain := map[string]any{"type": "number"}
		bounds(plain, r)
		return map[string]any{"anyOf": []any{plain, map[string]any{"$ref": "#/$defs/number", "type": "object"}}}
	}
	switch t.Kind() {
	case reflect.Pointer:
		s := g.typeSchema(t.Elem(), r)
		return map[string]any{"anyOf": []any{s, map[string]any{"type": "null"}}}
	case reflect.Struct:
		name := t.Name()
		if _, ok := g.defs[name]; !ok {
			g.defs[name] = true // placeholder against recursion
			g.defs[name] = g.object(t)
		}
		return map[string]any{"$ref": "#/$defs/" + name}
	case reflect.Slice:
		s := map[string]any{"type": "array", "items": g.typeSchema(t.Elem(), r)}
		if r.minlen > 0 {
			s["minItems"] = r.minlen
		}
		return s
	case reflect.String:
		s := map[string]any{"type": "string"}
		if len(r.enum) > 0 {
			s["enum"] = r.enum
		}
		if r.date {
			s["pattern"] = `^\d{4}-\d{2}-\d{2}$`
		}
		if r.id != "" {
			s["pattern"] = `^[A-Za-z][A-Za-z0-9_.-]*$`
		}
		return s
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int64, reflect.Uint64:
		s := map[string]any{"type": "integer"}
		bounds(s, r)
		if t.Kind() == reflect.Uint64 {
			s["minimum"] = 0
		}
		return s
	case reflect.Float64:
		s := map[string]any{"type": "number"}
		bounds(s, r)
		return s
	}
	panic("scenario: no schema for " + t.String())
}
