package scenario

import (
	"fmt"
	"math"
	"reflect"
	"strings"
)

// MarkdownReference renders the field reference of the scenario format as
// Markdown tables, one per object type, generated from the struct tags (the
// same ones the loader enforces). docs/scenario.md embeds it.
func MarkdownReference() string {
	var b strings.Builder
	seen := map[reflect.Type]bool{}
	var queue []reflect.Type
	add := func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() == reflect.Struct && t != valueType && !seen[t] {
			seen[t] = true
			queue = append(queue, t)
		}
	}
	add(reflect.TypeFor[Scenario]())
	for len(queue) > 0 {
		t := queue[0]
		queue = queue[1:]
		si := infoFor(t)
		fmt.Fprintf(&b, "### %s\n\n", t.Name())
		b.WriteString("| field | type | rules | unit | meaning |\n|---|---|---|---|---|\n")
		for _, f := range si.fields {
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", f.key, typeName(f.typ), rulesText(f.rules), f.unit, strings.ReplaceAll(f.doc, "|", "\\|"))
			add(f.typ)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func typeName(t reflect.Type) string {
	switch {
	case t == valueType:
		return "number or distribution"
	case t.Kind() == reflect.Pointer:
		return typeName(t.Elem()) + " (optional)"
	case t.Kind() == reflect.Slice:
		return "list of " + typeName(t.Elem())
	case t.Kind() == reflect.Struct:
		return "[" + t.Name() + "](#" + strings.ToLower(t.Name()) + ")"
	case t.Kind() == reflect.Bool:
		return "true/false"
	case t.Kind() == reflect.Int, t.Kind() == reflect.Uint64:
		return "whole number"
	}
	return t.Kind().String()
}

func rulesText(r rules) string {
	var p []string
	if r.req {
		p = append(p, "required")
	}
	if !math.IsInf(r.min, -1) {
		p = append(p, "≥ "+fmtNum(r.min))
	}
	if !math.IsInf(r.gt, -1) {
		p = append(p, "> "+fmtNum(r.gt))
	}
	if !math.IsInf(r.max, 1) {
		p = append(p, "≤ "+fmtNum(r.max))
	}
	if !math.IsInf(r.lt, 1) {
		p = append(p, "< "+fmtNum(r.lt))
	}
	if r.hasDef {
		p = append(p, "default "+fmtNum(r.def))
	}
	if len(r.enum) > 0 {
		p = append(p, "one of "+strings.Join(r.enum, ", "))
	}
	if r.id != "" {
		p = append(p, "unique "+r.id+" id")
	}
	if r.ref != "" {
		p = append(p, "names a "+r.ref)
	}
	if r.minlen > 0 {
		p = append(p, fmt.Sprintf("at least %d", r.minlen))
	}
	if r.date {
		p = append(p, "YYYY-MM-DD")
	}
	return strings.Join(p, "; ")
}

// MechanismTemplate returns a YAML skeleton of one mechanism's block, every
// field with its meaning, unit and rules as a comment; required fields are
// filled with a placeholder to replace, optional ones are commented out.
func MechanismTemplate(key string) (string, error) {
	t := reflect.TypeFor[Mechanisms]()
	for i := range t.NumField() {
		f := t.Field(i)
		if yamlKey(f) != key {
			continue
		}
		var b strings.Builder
		fmt.Fprintf(&b, "# %s: %s\n", key, f.Tag.Get("doc"))
		writeTemplate(&b, f.Type.Elem(), "")
		return b.String(), nil
	}
	return "", fmt.Errorf("unknown mechanism %q", key)
}

func writeTemplate(b *strings.Builder, t reflect.Type, indent string) {
	si := infoFor(t)
	for _, f := range si.fields {
		comment := strings.TrimSpace(strings.Join([]string{f.unit, rulesText(f.rules), f.doc}, "; "))
		comment = strings.Trim(strings.ReplaceAll(comment, "; ;", ";"), "; ")
		val := placeholder(f)
		prefix := indent
		if !f.rules.req {
			prefix += "# "
		}
		if f.typ.Kind() == reflect.Slice && f.typ.Elem().Kind() == reflect.Struct {
			fmt.Fprintf(b, "%s%s:  # %s\n%s  -\n", prefix, f.key, comment, prefix)
			var sub strings.Builder
			writeTemplate(&sub, f.typ.Elem(), "")
			for _, line := range strings.Split(strings.TrimRight(sub.String(), "\n"), "\n") {
				fmt.Fprintf(b, "%s    %s\n", prefix, line)
			}
			continue
		}
		fmt.Fprintf(b, "%s%s: %s  # %s\n", prefix, f.key, val, comment)
	}
}

func placeholder(f fieldInfo) string {
	r := f.rules
	switch {
	case f.typ == valueType:
		switch {
		case r.hasDef:
			return fmtNum(r.def)
		case !math.IsInf(r.gt, -1):
			return fmtNum(r.gt + 1)
		case !math.IsInf(r.min, -1):
			return fmtNum(r.min)
		}
		return "0"
	case f.typ.Kind() == reflect.Bool:
		return "false"
	case f.typ.Kind() == reflect.Slice:
		return "[]"
	case len(r.enum) > 0:
		return r.enum[0]
	case r.ref != "":
		return "REPLACE-WITH-" + strings.ToUpper(r.ref) + "-ID"
	}
	return `""`
}
