package scenario

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// Load reads and validates the scenario file at path. On failure the error is
// an [ErrorList] holding every problem found, or a plain error if the file
// cannot be read.
func Load(path string) (*Scenario, error) {
	data, err := ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// ReadFile reads a scenario file: a regular file of at most MaxFileSize
// bytes, read no further than one byte past the limit whatever the file
// claims (a device such as /dev/zero reports size 0). A file over the limit
// gives an ErrorList naming it; one that cannot be read, a plain error.
func ReadFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot open scenario: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("cannot open scenario: %w", err)
	}
	if st.IsDir() {
		return nil, fmt.Errorf("cannot open scenario %s: is a directory", path)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("cannot open scenario %s: not a regular file", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read scenario: %w", err)
	}
	if len(data) > MaxFileSize {
		return nil, ErrorList{{File: path, Msg: fmt.Sprintf("file is over %d bytes, the limit", MaxFileSize)}}
	}
	return data, nil
}

// Parse decodes and validates a scenario held in memory; name is used in
// error messages.
func Parse(name string, data []byte) (s *Scenario, err error) {
	defer func() {
		// The YAML library is third-party code; a panic in it must reach the
		// user as an error about their file, not a crash.
		if r := recover(); r != nil {
			s, err = nil, ErrorList{{File: name, Msg: fmt.Sprintf("cannot parse file (parser failure: %v)", r)}}
		}
	}()
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a UTF-8 byte-order mark
	d, doc := parseDoc(name, data)
	if doc == nil {
		return nil, d.errs
	}
	s = &Scenario{File: name}
	d.decode(doc, reflect.ValueOf(s).Elem(), "", rules{})
	if s.Models.Deterrence == nil {
		// The shared coefficients are part of every scenario, so that
		// sweeps and sensitivity see their distributions.
		dm := Defaulted[DeterrenceModel](nil)
		s.Models.Deterrence = &dm
	}
	if s.Models.Timeline == nil {
		tm := Defaulted[TimelineModel](nil)
		s.Models.Timeline = &tm
	}
	if !d.stop {
		d.check(s)
	}
	if len(d.errs) > 0 {
		d.errs.Sort()
		return nil, d.errs
	}
	return s, nil
}

// parseDoc parses data into one YAML document. On failure it returns the
// decoder holding the errors and a nil node.
func parseDoc(name string, data []byte) (*decoder, ast.Node) {
	d := &decoder{file: name, anchors: map[string]ast.Node{}, ids: map[string]map[string]Pos{}, paths: map[string]Pos{}}
	if e := checkShape(name, data); e != nil {
		d.errs = ErrorList{e}
		return d, nil
	}
	// YAML 1.2 §5.4: line breaks are CR LF, LF or CR, and a parser
	// normalises them to LF. The YAML library miscounts lines after a CR LF
	// inside a quoted scalar, so it is given LF only.
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
	}
	d.lines = strings.Split(string(data), "\n")
	f, perr := parser.ParseBytes(data, 0)
	if perr != nil {
		var ye yaml.Error
		pos := Pos{}
		msg := perr.Error()
		if errors.As(perr, &ye) {
			msg = ye.GetMessage()
			if tk := ye.GetToken(); tk != nil && tk.Position != nil {
				pos = Pos{Line: tk.Position.Line, Col: tk.Position.Column}
			}
		}
		d.errorf(pos, "", "invalid YAML: %s", msg)
		return d, nil
	}
	var docs []ast.Node
	for _, doc := range f.Docs {
		if doc != nil && doc.Body != nil {
			docs = append(docs, doc.Body)
		}
	}
	if len(docs) == 0 {
		d.errorf(Pos{Line: 1, Col: 1}, "", "the file is empty; a scenario starts with 'deter: 1'")
		return d, nil
	}
	if len(docs) > 1 {
		d.errorf(posOf(docs[1]), "", "the file holds %d YAML documents; a scenario is one document", len(docs))
		return d, nil
	}
	return d, docs[0]
}

// ParseFragment decodes a YAML fragment into into (a pointer to one of the
// scenario's types, for instance *Mechanisms), with the same strict rules
// as a whole file; references are checked against the ids defined in s.
// It is for tools that edit one part of a scenario (the workbench's package
// builder).
func ParseFragment(s *Scenario, name string, data []byte, into any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = ErrorList{{File: name, Msg: fmt.Sprintf("cannot parse (parser failure: %v)", r)}}
		}
	}()
	v := reflect.ValueOf(into)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		panic("scenario: ParseFragment needs a non-nil pointer")
	}
	if len(data) > MaxFileSize {
		return ErrorList{{File: name, Msg: "fragment too large"}}
	}
	if onlyComments(data) {
		data = []byte("{}") // an empty block: every field at its default
	}
	d, doc := parseDoc(name, data)
	if doc == nil {
		return d.errs
	}
	// Make the scenario's ids known to the reference checks.
	ids := collectIDs(s)
	d.decode(doc, v.Elem(), "", rules{})
	for _, r := range d.refs {
		if _, ok := ids[r.kind][r.id]; !ok {
			if _, own := d.ids[r.kind][r.id]; !own {
				d.errorf(r.pos, r.path, "unknown %s %q", r.kind, r.id)
			}
		}
	}
	if len(d.errs) > 0 {
		d.errs.Sort()
		return d.errs
	}
	return nil
}

// collectIDs lists the identifiers a scenario defines, by kind.
func collectIDs(s *Scenario) map[string]map[string]bool {
	ids := map[string]map[string]bool{}
	add := func(kind, id string) {
		if ids[kind] == nil {
			ids[kind] = map[string]bool{}
		}
		ids[kind][id] = true
	}
	for _, r := range s.References {
		add("reference", r.ID)
	}
	for _, a := range s.Actors {
		add("actor", a.ID)
		for _, u := range a.Forces {
			add("unit", u.ID)
		}
	}
	for _, sec := range s.Theatre.Sectors {
		add("sector", sec.ID)
	}
	for _, o := range s.Theatre.Objectives {
		add("objective", o.ID)
	}
	for _, p := range s.Packages {
		add("package", p.ID)
	}
	Values(s, func(_ string, v *Value) {
		if v.ID != "" {
			add("value", v.ID)
		}
	})
	return ids
}

func onlyComments(data []byte) bool {
	for _, line := range strings.FieldsFunc(string(data), func(r rune) bool { return r == '\n' || r == '\r' }) {
		l := strings.TrimSpace(line)
		if l != "" && !strings.HasPrefix(l, "#") {
			return false
		}
	}
	return true
}
