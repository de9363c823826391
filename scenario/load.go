package scenario

import (
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

// MaxFileSize is the largest scenario file accepted, in bytes.
const MaxFileSize = 8 << 20

// Load reads and validates the scenario file at path. On failure the error is
// an [ErrorList] holding every problem found, or a plain error if the file
// cannot be read.
func Load(path string) (*Scenario, error) {
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
	if st.Size() > MaxFileSize {
		return nil, ErrorList{{File: path, Msg: fmt.Sprintf("file is %d bytes; the limit is %d", st.Size(), MaxFileSize)}}
	}
	data := make([]byte, st.Size())
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, fmt.Errorf("cannot read scenario: %w", err)
	}
	return Parse(path, data)
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
	if len(data) > MaxFileSize {
		return nil, ErrorList{{File: name, Msg: fmt.Sprintf("file is %d bytes; the limit is %d", len(data), MaxFileSize)}}
	}
	d := &decoder{file: name, lines: strings.Split(string(data), "\n"),
		anchors: map[string]ast.Node{}, ids: map[string]map[string]Pos{}, paths: map[string]Pos{}}
	for i, l := range d.lines {
		d.lines[i] = strings.TrimRight(l, "\r")
	}
	f, perr := parser.ParseBytes(data, 0)
	if perr != nil {
		var ye yaml.Error
		pos := Pos{}
		msg := perr.Error()
		if errors.As(perr, &ye) {
			msg = ye.GetMessage()
			if tk := ye.GetToken(); tk != nil && tk.Position != nil {
				pos = Pos{tk.Position.Line, tk.Position.Column}
			}
		}
		d.errorf(pos, "", "invalid YAML: %s", msg)
		return nil, d.errs
	}
	var docs []ast.Node
	for _, doc := range f.Docs {
		if doc != nil && doc.Body != nil {
			docs = append(docs, doc.Body)
		}
	}
	if len(docs) == 0 {
		d.errorf(Pos{1, 1}, "", "the file is empty; a scenario starts with 'deter: 1'")
		return nil, d.errs
	}
	if len(docs) > 1 {
		d.errorf(posOf(docs[1]), "", "the file holds %d YAML documents; a scenario is one document", len(docs))
		return nil, d.errs
	}
	s = &Scenario{File: name}
	d.decode(docs[0], reflect.ValueOf(s).Elem(), "", rules{})
	if !d.stop {
		d.check(s)
	}
	if len(d.errs) > 0 {
		d.errs.Sort()
		return nil, d.errs
	}
	return s, nil
}
