package scenario

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
)

// maxNodes bounds the work done on one document, counting every node visited
// after alias expansion, so that "billion laughs" documents fail fast.
const maxNodes = 2_000_000

// rules are the parsed `v:"..."` tag of a field.
type rules struct {
	req      bool
	min, max float64 // inclusive bounds, ±Inf if none
	gt, lt   float64 // exclusive bounds, ±Inf if none
	def      float64
	hasDef   bool
	enum     []string
	id, ref  string
	minlen   int
	date     bool
}

type fieldInfo struct {
	key   string
	index []int
	rules rules
	unit  string
	doc   string
	typ   reflect.Type
	// coef, when not nil, is the shared coefficient that is the field's
	// default (coefficients.yaml); rules.def is then its nominal value.
	coef *Value
}

type structInfo struct {
	fields []fieldInfo
	byKey  map[string]int
	hasSrc bool
}

var (
	infoMu    sync.Mutex
	infoCache = map[reflect.Type]*structInfo{}
	valueType = reflect.TypeFor[Value]()
)

func yamlKey(f reflect.StructField) string {
	k, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if k == "" {
		return strings.ToLower(f.Name)
	}
	return k
}

func parseRules(tag string) rules {
	r := rules{min: math.Inf(-1), max: math.Inf(1), gt: math.Inf(-1), lt: math.Inf(1)}
	if tag == "" {
		return r
	}
	num := func(s string) float64 {
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			panic("scenario: bad number in tag " + tag)
		}
		return x
	}
	for part := range strings.SplitSeq(tag, ",") {
		k, v, _ := strings.Cut(part, "=")
		switch k {
		case "req":
			r.req = true
		case "min":
			r.min = num(v)
		case "max":
			r.max = num(v)
		case "gt":
			r.gt = num(v)
		case "lt":
			r.lt = num(v)
		case "def":
			r.def, r.hasDef = num(v), true
		case "enum":
			if v == "MECHANISMS" {
				for _, m := range MechanismList() {
					r.enum = append(r.enum, m.Key)
				}
			} else {
				r.enum = strings.Split(v, "|")
			}
		case "id":
			r.id = v
		case "ref":
			r.ref = v
		case "minlen":
			r.minlen = int(num(v))
		case "date":
			r.date = true
		default:
			panic("scenario: unknown rule " + k + " in tag " + tag)
		}
	}
	return r
}

func infoFor(t reflect.Type) *structInfo {
	infoMu.Lock()
	defer infoMu.Unlock()
	return infoLocked(t)
}

func infoLocked(t reflect.Type) *structInfo {
	if si, ok := infoCache[t]; ok {
		return si
	}
	si := &structInfo{byKey: map[string]int{}}
	infoCache[t] = si
	var walk func(t reflect.Type, prefix []int)
	walk = func(t reflect.Type, prefix []int) {
		for i := range t.NumField() {
			f := t.Field(i)
			idx := append(slices.Clone(prefix), i)
			tag := f.Tag.Get("yaml")
			if tag == "-" || !f.IsExported() {
				continue
			}
			if strings.HasSuffix(tag, ",inline") {
				if f.Type == reflect.TypeFor[Prov]() {
					si.hasSrc = true
				}
				walk(f.Type, idx)
				continue
			}
			fi := fieldInfo{key: yamlKey(f), index: idx, rules: parseRules(f.Tag.Get("v")),
				unit: f.Tag.Get("unit"), doc: f.Tag.Get("doc"), typ: f.Type}
			if c, ok := coefficientOf(t, fi.key); ok {
				fi.coef = &c
				fi.rules.def, fi.rules.hasDef = c.Nominal(), true
			}
			si.byKey[fi.key] = len(si.fields)
			si.fields = append(si.fields, fi)
		}
	}
	walk(t, nil)
	return si
}

type pendingRef struct {
	kind, id, path string
	pos            Pos
}

type sourceUse struct {
	src, path string
	pos       Pos
}

type decoder struct {
	file    string
	lines   []string
	errs    ErrorList
	anchors map[string]ast.Node
	nodes   int
	stop    bool
	ids     map[string]map[string]Pos
	refs    []pendingRef
	sources []sourceUse
	srcs    []string // inherited source stack
	values  []valueUse
	paths   map[string]Pos // position of every decoded node by field path
}

type valueUse struct {
	v    *Value
	path string
}

// maxErrors bounds the errors reported for one file.
const maxErrors = 200

func (d *decoder) errorf(pos Pos, path, format string, args ...any) {
	if d.stop {
		return
	}
	if len(d.errs) >= maxErrors {
		d.errs = append(d.errs, &FieldError{File: d.file, Pos: pos, Msg: fmt.Sprintf("too many errors (more than %d); stopping", maxErrors)})
		d.stop = true
		return
	}
	e := &FieldError{File: d.file, Pos: pos, Path: path, Msg: fmt.Sprintf(format, args...)}
	if pos.Line > 0 && pos.Line <= len(d.lines) {
		e.line = d.lines[pos.Line-1]
	}
	d.errs = append(d.errs, e)
}

func posOf(n ast.Node) Pos {
	if n == nil {
		return Pos{}
	}
	if m, ok := n.(*ast.MappingNode); ok && len(m.Values) > 0 {
		return posOf(m.Values[0].Key)
	}
	if s, ok := n.(*ast.SequenceNode); ok && s.Start != nil && s.Start.Position != nil {
		return Pos{Line: s.Start.Position.Line, Col: s.Start.Position.Column}
	}
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return Pos{}
	}
	return Pos{Line: tk.Position.Line, Col: tk.Position.Column}
}

// resolve strips tags and anchors and follows aliases, returning the node
// that holds the data.
func (d *decoder) resolve(n ast.Node, path string) ast.Node {
	for range 64 {
		switch t := n.(type) {
		case *ast.TagNode:
			n = t.Value
		case *ast.AnchorNode:
			if name, ok := t.Name.(*ast.StringNode); ok {
				d.anchors[name.Value] = t.Value
			} else if t.Name != nil {
				d.anchors[t.Name.GetToken().Value] = t.Value
			}
			n = t.Value
		case *ast.AliasNode:
			name := ""
			if t.Value != nil {
				name = t.Value.GetToken().Value
			}
			target, ok := d.anchors[name]
			if !ok {
				d.errorf(posOf(n), path, "unknown alias *%s", name)
				return nil
			}
			n = target
		default:
			return n
		}
	}
	d.errorf(posOf(n), path, "aliases nested too deeply")
	return nil
}

func isNull(n ast.Node) bool {
	if n == nil {
		return true
	}
	_, ok := n.(*ast.NullNode)
	return ok
}

func kindName(n ast.Node) string {
	switch n.(type) {
	case *ast.MappingNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.StringNode, *ast.LiteralNode:
		return "a string"
	case *ast.IntegerNode, *ast.FloatNode:
		return "a number"
	case *ast.BoolNode:
		return "a boolean"
	case *ast.NullNode:
		return "null"
	case *ast.InfinityNode:
		return "infinity"
	case *ast.NanNode:
		return "NaN"
	}
	return n.Type().String()
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// decode fills v (addressable) from node n.
func (d *decoder) decode(n ast.Node, v reflect.Value, path string, r rules) {
	if d.stop {
		return
	}
	d.nodes++
	if d.nodes > maxNodes {
		d.errorf(posOf(n), path, "document too large: more than %d nodes after alias expansion", maxNodes)
		d.stop = true
		return
	}
	n = d.resolve(n, path)
	if n == nil {
		return
	}
	if _, ok := d.paths[path]; !ok {
		d.paths[path] = posOf(n)
	}
	if v.Type() == valueType {
		d.decodeValue(n, v.Addr().Interface().(*Value), path, r)
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if isNull(n) {
			return
		}
		nv := reflect.New(v.Type().Elem())
		d.decode(n, nv.Elem(), path, r)
		v.Set(nv)
	case reflect.Struct:
		d.decodeStruct(n, v, path)
	case reflect.Slice:
		if isNull(n) {
			return
		}
		seq, ok := n.(*ast.SequenceNode)
		if !ok {
			d.errorf(posOf(n), path, "expected a list, got %s", kindName(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(seq.Values), len(seq.Values))
		v.Set(s)
		for i, item := range seq.Values {
			d.decode(item, s.Index(i), fmt.Sprintf("%s[%d]", path, i), r)
		}
		if len(seq.Values) < r.minlen {
			d.errorf(posOf(n), path, "needs at least %d item(s), got %d", r.minlen, len(seq.Values))
		}
	case reflect.String:
		d.decodeString(n, v, path, r)
	case reflect.Bool:
		b, ok := n.(*ast.BoolNode)
		if !ok {
			d.errorf(posOf(n), path, "expected true or false, got %s %q", kindName(n), n.GetToken().Value)
			return
		}
		v.SetBool(b.Value)
	case reflect.Int, reflect.Int64, reflect.Uint64:
		d.decodeInt(n, v, path, r)
	case reflect.Float64:
		x, ok := d.number(n, path)
		if ok && d.checkRange(x, x, posOf(n), path, r) {
			v.SetFloat(x)
		}
	default:
		panic("scenario: unsupported field type " + v.Type().String())
	}
}

var dateRe = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

func (d *decoder) decodeString(n ast.Node, v reflect.Value, path string, r rules) {
	var s string
	switch t := n.(type) {
	case *ast.StringNode:
		s = t.Value
	case *ast.LiteralNode:
		s = t.Value.Value
	default:
		if r.date && n.GetToken() != nil {
			// A bare 2025-08-15 may be parsed as a timestamp-like scalar.
			s = n.GetToken().Value
			break
		}
		d.errorf(posOf(n), path, "expected a string, got %s", kindName(n))
		return
	}
	v.SetString(s)
	pos := posOf(n)
	if len(r.enum) > 0 && !slices.Contains(r.enum, s) {
		d.errorf(pos, path, "%q is not one of: %s%s", s, strings.Join(r.enum, ", "), suggest(s, r.enum))
	}
	if r.date {
		if _, err := time.Parse(time.DateOnly, s); err != nil || !dateRe.MatchString(s) {
			d.errorf(pos, path, "%q is not a date in YYYY-MM-DD form", s)
		}
	}
	if r.id != "" {
		d.defineID(r.id, s, pos, path)
	}
	if r.ref != "" {
		d.refs = append(d.refs, pendingRef{kind: r.ref, id: s, path: path, pos: pos})
	}
}

var idRe = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.-]*$`)

func (d *decoder) defineID(kind, id string, pos Pos, path string) {
	if !idRe.MatchString(id) {
		d.errorf(pos, path, "identifier %q must start with a letter and hold only letters, digits, '_', '-', '.'", id)
		return
	}
	m := d.ids[kind]
	if m == nil {
		m = map[string]Pos{}
		d.ids[kind] = m
	}
	if prev, dup := m[id]; dup {
		d.errorf(pos, path, "duplicate %s id %q (first defined at line %d)", kind, id, prev.Line)
		return
	}
	m[id] = pos
}

// yamlFloat is a float of YAML 1.2's core schema.
var yamlFloat = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)

func (d *decoder) number(n ast.Node, path string) (float64, bool) {
	switch t := n.(type) {
	case *ast.IntegerNode:
		switch x := t.Value.(type) {
		case int64:
			return float64(x), true
		case uint64:
			return float64(x), true
		}
	case *ast.FloatNode:
		if math.IsNaN(t.Value) || math.IsInf(t.Value, 0) {
			d.errorf(posOf(n), path, "number %s is out of range", t.Token.Value)
			return 0, false
		}
		return t.Value, true
	case *ast.NanNode:
		d.errorf(posOf(n), path, "NaN is not allowed")
		return 0, false
	case *ast.InfinityNode:
		d.errorf(posOf(n), path, "infinity is not allowed")
		return 0, false
	}
	// YAML 1.2's core schema reads 3e4 (no dot) as a float; the parser
	// leaves it a plain string.
	if sn, ok := n.(*ast.StringNode); ok && sn.Token != nil && sn.Token.Type == token.StringType && yamlFloat.MatchString(sn.Value) {
		x, err := strconv.ParseFloat(sn.Value, 64)
		if err != nil || math.IsInf(x, 0) {
			d.errorf(posOf(n), path, "number %s is out of range", sn.Value)
			return 0, false
		}
		return x, true
	}
	tok := ""
	if n.GetToken() != nil {
		tok = " " + strconv.Quote(n.GetToken().Value)
		if _, err := strconv.ParseFloat(n.GetToken().Value, 64); err != nil && errors.Is(err, strconv.ErrRange) {
			d.errorf(posOf(n), path, "number %s is out of range", n.GetToken().Value)
			return 0, false
		}
	}
	d.errorf(posOf(n), path, "expected a number, got %s%s", kindName(n), tok)
	return 0, false
}

func (d *decoder) decodeInt(n ast.Node, v reflect.Value, path string, r rules) {
	it, ok := n.(*ast.IntegerNode)
	if !ok {
		d.errorf(posOf(n), path, "expected a whole number, got %s %q", kindName(n), n.GetToken().Value)
		return
	}
	var x float64
	switch val := it.Value.(type) {
	case int64:
		if v.Kind() == reflect.Uint64 {
			if val < 0 {
				d.errorf(posOf(n), path, "must not be negative, got %d", val)
				return
			}
			v.SetUint(uint64(val))
			return
		}
		if val < math.MinInt32 || val > math.MaxInt32 {
			d.errorf(posOf(n), path, "number %d is out of range", val)
			return
		}
		v.SetInt(val)
		x = float64(val)
	case uint64:
		if v.Kind() == reflect.Uint64 {
			v.SetUint(val)
			return
		}
		if val > math.MaxInt32 {
			d.errorf(posOf(n), path, "number %d is too large", val)
			return
		}
		v.SetInt(int64(val))
		x = float64(val)
	}
	d.checkRange(x, x, posOf(n), path, r)
}

func fmtNum(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// checkRange reports an error if [lo, hi] is not inside the rules' bounds.
func (d *decoder) checkRange(lo, hi float64, pos Pos, path string, r rules) bool {
	what := func(x float64) string { return fmtNum(x) }
	single := lo == hi
	rng := what(lo)
	if !single {
		rng = "values from " + what(lo) + " to " + what(hi)
	}
	switch {
	case lo < r.min:
		d.errorf(pos, path, "must be >= %s, got %s", what(r.min), rng)
	case hi > r.max:
		d.errorf(pos, path, "must be <= %s, got %s", what(r.max), rng)
	case lo <= r.gt:
		d.errorf(pos, path, "must be > %s, got %s", what(r.gt), rng)
	case hi >= r.lt && !math.IsInf(r.lt, 1):
		d.errorf(pos, path, "must be < %s, got %s", what(r.lt), rng)
	default:
		return true
	}
	return false
}

func (d *decoder) decodeStruct(n ast.Node, v reflect.Value, path string) {
	si := infoFor(v.Type())
	if isNull(n) {
		d.missing(si, v, n, path, posOf(n))
		return
	}
	m, ok := n.(*ast.MappingNode)
	if !ok {
		d.errorf(posOf(n), path, "expected a mapping of fields, got %s", kindName(n))
		return
	}
	entries := d.entries(m, path, 0)
	pushed := false
	if si.hasSrc {
		for _, e := range entries {
			if e.key == "source" {
				if s, ok := d.resolveQuiet(e.val).(*ast.StringNode); ok && s.Value != "" {
					d.srcs = append(d.srcs, s.Value)
					pushed = true
				}
			}
		}
	}
	seen := map[string]bool{}
	for _, e := range entries {
		fi, ok := si.byKey[e.key]
		if !ok {
			keys := make([]string, len(si.fields))
			for i, f := range si.fields {
				keys[i] = f.key
			}
			d.errorf(e.pos, joinPath(path, e.key), "unknown field %q%s", e.key, suggest(e.key, keys))
			continue
		}
		seen[e.key] = true
		f := si.fields[fi]
		fp := joinPath(path, e.key)
		fv := v.FieldByIndex(f.index)
		if isNull(e.val) && f.rules.req {
			d.errorf(e.pos, fp, "required field %q is empty", e.key)
			continue
		}
		d.decode(e.val, fv, fp, f.rules)
		if e.key == "source" && fv.Kind() == reflect.String {
			d.sources = append(d.sources, sourceUse{src: fv.String(), path: fp, pos: posOf(e.val)})
		}
	}
	for _, f := range si.fields {
		if seen[f.key] {
			continue
		}
		fv := v.FieldByIndex(f.index)
		if f.rules.req {
			d.errorf(posOf(n), joinPath(path, f.key), "missing required field %q", f.key)
			continue
		}
		if f.rules.hasDef {
			switch {
			case f.typ == valueType && f.coef != nil:
				*fv.Addr().Interface().(*Value) = *f.coef
			case f.typ == valueType:
				val := fv.Addr().Interface().(*Value)
				*val = Num(f.rules.def)
				val.Default = true
				val.Source = "default"
				val.Pos = posOf(n)
			case fv.Kind() == reflect.Int:
				fv.SetInt(int64(f.rules.def))
			}
		}
		if f.typ.Kind() == reflect.Struct && f.typ != valueType {
			// Absent optional sub-objects still get their defaults.
			d.defaults(fv)
		}
	}
	if pushed {
		d.srcs = d.srcs[:len(d.srcs)-1]
	}
}

// defaults fills the defaults of an absent struct.
func (d *decoder) defaults(v reflect.Value) {
	si := infoFor(v.Type())
	for _, f := range si.fields {
		fv := v.FieldByIndex(f.index)
		if f.rules.hasDef && fv.Kind() == reflect.Int {
			fv.SetInt(int64(f.rules.def))
		}
	}
}

func (d *decoder) missing(si *structInfo, v reflect.Value, n ast.Node, path string, pos Pos) {
	for _, f := range si.fields {
		if f.rules.req {
			d.errorf(pos, joinPath(path, f.key), "missing required field %q", f.key)
		}
	}
	d.defaults(v)
}

func (d *decoder) resolveQuiet(n ast.Node) ast.Node {
	for range 64 {
		switch t := n.(type) {
		case *ast.TagNode:
			n = t.Value
		case *ast.AnchorNode:
			n = t.Value
		case *ast.AliasNode:
			if t.Value == nil {
				return nil
			}
			n = d.anchors[t.Value.GetToken().Value]
		default:
			return n
		}
	}
	return nil
}

type entry struct {
	key string
	pos Pos
	val ast.Node
}

// entries lists a mapping's key/value pairs, applying YAML merge keys
// (<<: *anchor) so that explicit keys override merged ones, and reporting
// duplicate and non-string keys.
func (d *decoder) entries(m *ast.MappingNode, path string, depth int) []entry {
	var merged, own []entry
	seen := map[string]Pos{}
	for _, mv := range m.Values {
		if mv.Key == nil {
			continue
		}
		if mv.Key.IsMergeKey() {
			if depth > 8 {
				d.errorf(posOf(mv.Key), path, "merge keys nested too deeply")
				continue
			}
			src := d.resolve(mv.Value, path)
			var maps []*ast.MappingNode
			switch t := src.(type) {
			case *ast.MappingNode:
				maps = append(maps, t)
			case *ast.SequenceNode:
				for _, it := range t.Values {
					if mm, ok := d.resolve(it, path).(*ast.MappingNode); ok {
						maps = append(maps, mm)
					} else {
						d.errorf(posOf(it), path, "merge key (<<) needs mappings")
					}
				}
			default:
				if src != nil {
					d.errorf(posOf(mv.Value), path, "merge key (<<) needs a mapping, got %s", kindName(src))
				}
			}
			for _, mm := range maps {
				merged = append(merged, d.entries(mm, path, depth+1)...)
			}
			continue
		}
		kn := d.resolveQuiet(mv.Key)
		var key string
		switch k := kn.(type) {
		case *ast.StringNode:
			key = k.Value
		default:
			if kn != nil && kn.GetToken() != nil {
				key = kn.GetToken().Value
			}
		}
		pos := posOf(mv.Key)
		if prev, dup := seen[key]; dup {
			d.errorf(pos, joinPath(path, key), "duplicate key %q (first at line %d)", key, prev.Line)
			continue
		}
		seen[key] = pos
		own = append(own, entry{key: key, pos: pos, val: mv.Value})
	}
	out := own
	for _, e := range merged {
		if _, ok := seen[e.key]; !ok {
			seen[e.key] = e.pos
			out = append(out, e)
		}
	}
	return out
}

// suggest returns ` (did you mean "x"?)` for the closest candidate within a
// small edit distance, or "".
func suggest(s string, candidates []string) string {
	best, bestD := "", 1<<30
	for _, c := range candidates {
		if dd := editDistance(s, c); dd < bestD {
			best, bestD = c, dd
		}
	}
	if best == "" || bestD > max(2, len(s)/3) {
		// A key written without its unit suffix: "frontage" for "frontage_km".
		for _, c := range candidates {
			if len(s) >= 4 && strings.HasPrefix(c, s+"_") {
				return fmt.Sprintf(" (did you mean %q?)", c)
			}
		}
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 1 << 20
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
