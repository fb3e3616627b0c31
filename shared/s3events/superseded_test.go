package s3events

import "testing"

func TestSuperseded(t *testing.T) {
	r := RawUpload{ETag: "9b2cf535f27731c974343645a3985328"}
	cases := []struct {
		current string
		want    bool
	}{
		{"9b2cf535f27731c974343645a3985328", false},
		{`"9b2cf535f27731c974343645a3985328"`, false}, // HEAD quotes it
		{`"0cc175b9c0f1b6a831c399e269772661"`, true},  // another object now
		{"", false}, // unknown: process
	}
	for _, c := range cases {
		if got := Superseded(r, c.current); got != c.want {
			t.Errorf("Superseded(%q) = %v, want %v", c.current, got, c.want)
		}
	}
	if Superseded(RawUpload{}, `"0cc175b9c0f1b6a831c399e269772661"`) {
		t.Error("an event without an ETag counts as replaced")
	}
}
