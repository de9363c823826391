package scenario

import (
	_ "embed"
	"fmt"
	"reflect"
)

// coefficientsYAML is the shared set of judgement coefficients (see
// coefficients.yaml): the defaults of models.deterrence, with their
// sources and distributions.
//
//go:embed coefficients.yaml
var coefficientsYAML []byte

// CoefficientsFile names the shared coefficients in positions and errors.
const CoefficientsFile = "coefficients.yaml"

// FittedSource is the source of a shared coefficient fitted to the
// historical case library by 'deter backtest'.
const FittedSource = "case-library fit (deter backtest; docs/backtest.md)"

// coefficientSet is the shape of coefficients.yaml.
type coefficientSet struct {
	Deterrence DeterrenceModel `yaml:"deterrence" v:"req"`
	Timeline   TimelineModel   `yaml:"timeline" v:"req"`
}

// coefficients maps a struct type and a field key to the shared
// coefficient that is that field's default. It is filled once, at package
// initialisation, and read-only after.
var coefficients map[reflect.Type]map[string]Value

func init() {
	var set coefficientSet
	if err := ParseFragment(&Scenario{}, CoefficientsFile, coefficientsYAML, &set); err != nil {
		panic(fmt.Sprintf("scenario: the embedded %s does not load: %v", CoefficientsFile, err))
	}
	coefficients = map[reflect.Type]map[string]Value{}
	setV := reflect.ValueOf(&set).Elem()
	for i := range setV.NumField() {
		rv := setV.Field(i)
		t := rv.Type()
		byKey := map[string]Value{}
		for _, f := range infoFor(t).fields {
			if f.typ != valueType {
				continue
			}
			v := rv.FieldByIndex(f.index).Interface().(Value)
			if !v.IsSet() || v.Default {
				continue
			}
			if f.rules.hasDef {
				panic("scenario: " + f.key + " has a default in its tag and in " + CoefficientsFile)
			}
			v.Default = true
			v.Pos.File = CoefficientsFile
			byKey[f.key] = v
		}
		coefficients[t] = byKey
		// The field tables built while loading the file predate the
		// coefficients; build them again with the coefficients as defaults.
		infoMu.Lock()
		delete(infoCache, t)
		infoMu.Unlock()
		defaultsCache.Delete(t)
	}
}

// coefficientOf returns the shared coefficient that is the default of
// field key of struct type t, if there is one.
func coefficientOf(t reflect.Type, key string) (Value, bool) {
	v, ok := coefficients[t][key]
	return v, ok
}

// Coefficient returns the shared coefficient that is the default of the
// models.deterrence field with the given YAML key (for instance
// "attacker_drive_usd_bn"), with its source, note and distribution.
func Coefficient(key string) (Value, bool) {
	return coefficientOf(reflect.TypeFor[DeterrenceModel](), key)
}

// CoefficientKeys lists the keys of the shared coefficients in the order of
// the models.deterrence block.
func CoefficientKeys() []string {
	var keys []string
	t := reflect.TypeFor[DeterrenceModel]()
	for _, f := range infoFor(t).fields {
		if _, ok := coefficientOf(t, f.key); ok {
			keys = append(keys, f.key)
		}
	}
	return keys
}

// SetDeterrence sets the models.deterrence field with the given YAML key
// to v, for tools that vary the judgement coefficients (the case-library
// fit). It fails for an unknown key or one that is not a number.
func SetDeterrence(dm *DeterrenceModel, key string, v Value) error {
	si := infoFor(reflect.TypeFor[DeterrenceModel]())
	i, ok := si.byKey[key]
	if !ok || si.fields[i].typ != valueType {
		return fmt.Errorf("models.deterrence has no number %q", key)
	}
	reflect.ValueOf(dm).Elem().FieldByIndex(si.fields[i].index).Set(reflect.ValueOf(v))
	return nil
}
