package scenario

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

const schemaFile = "../schema/scenario.schema.json"

// TestSchemaUpToDate: the committed schema is the one generated from the
// struct tags. Run `go test ./scenario -update` after changing the format.
func TestSchemaUpToDate(t *testing.T) {
	got := JSONSchema()
	if *update {
		if err := os.WriteFile(schemaFile, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		os.WriteFile(schemaFile+".got", got, 0o644)
		t.Fatalf("%s is stale; regenerate with go test ./scenario -run TestSchemaUpToDate -update", schemaFile)
	}
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(SchemaID, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(SchemaID)
	if err != nil {
		t.Fatalf("schema does not compile: %v", err)
	}
	return sch
}

// yamlToJSONValue converts a YAML file to the generic JSON value the schema
// validator expects (anchors and merge keys resolved by the YAML library).
func yamlToJSONValue(t *testing.T, path string) any {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := yaml.Unmarshal(b, &v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	js, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(js))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSchemaAgreesWithLoader: the shipped scenarios and the all-mechanisms
// fixture validate against the schema, and broken files with structural
// errors (unknown fields, wrong types, bad enums, missing fields) fail it,
// as they fail the loader.
func TestSchemaAgreesWithLoader(t *testing.T) {
	sch := compileSchema(t)
	good, _ := filepath.Glob("../scenarios/*.yaml")
	good = append(good, "testdata/all-mechanisms.yaml")
	for _, f := range good {
		if err := sch.Validate(yamlToJSONValue(t, f)); err != nil {
			t.Errorf("%s fails the schema: %v", f, err)
		}
	}
	for _, name := range []string{"unknown-fields", "bad-dists", "missing"} {
		f := "../testdata/broken/" + name + ".yaml"
		if _, err := Load(f); err == nil {
			t.Fatalf("%s loads", f)
		}
		if err := sch.Validate(yamlToJSONValue(t, f)); err == nil {
			t.Errorf("%s passes the schema but not the loader", f)
		}
	}
}
