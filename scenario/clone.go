package scenario

import "reflect"

// MapValues returns a deep copy of s in which every Value v is replaced by
// fn(path, v). Packages that shared a mechanism through `extends` get
// separate copies; fn sees the same Value (same Pos) for each of them, so a
// caller keying on Pos treats them as one quantity.
func MapValues(s *Scenario, fn func(path string, v Value) Value) *Scenario {
	out := reflect.New(reflect.TypeFor[Scenario]())
	copyValue(out.Elem(), reflect.ValueOf(s).Elem(), "", fn)
	return out.Interface().(*Scenario)
}

func copyValue(dst, src reflect.Value, path string, fn func(string, Value) Value) {
	if src.Type() == valueType {
		dst.Set(reflect.ValueOf(fn(path, src.Interface().(Value))))
		return
	}
	switch src.Kind() {
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		n := reflect.New(src.Type().Elem())
		copyValue(n.Elem(), src.Elem(), path, fn)
		dst.Set(n)
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		n := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := range src.Len() {
			copyValue(n.Index(i), src.Index(i), path+"["+itoa(i)+"]", fn)
		}
		dst.Set(n)
	case reflect.Struct:
		t := src.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			key := yamlKey(f)
			p := path
			if !f.Anonymous {
				p = joinPath(path, key)
			}
			copyValue(dst.Field(i), src.Field(i), p, fn)
		}
	default:
		dst.Set(src)
	}
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b [20]byte
	n := len(b)
	for i > 0 {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
	}
	return string(b[n:])
}

// Point returns v with its distribution replaced by the point x, keeping
// its provenance.
func (v Value) Point(x float64) Value {
	v.Dist = Point
	v.P = [4]float64{x}
	return v
}
