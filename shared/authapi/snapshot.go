package authapi

import "encoding/json"

// snapshot turns a value into the map an audit entry stores as before/after.
func snapshot(v any) map[string]any {
	if v == nil {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	var m map[string]any
	if json.Unmarshal(b, &m) != nil {
		return nil
	}
	return m
}
