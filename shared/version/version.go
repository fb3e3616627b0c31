// Package version holds what the build stamped into every function binary.
//
// All functions are built together by one `make build` (or `sam build`) from
// one commit, so the stamp of one binary is the stamp of the whole build.
package version

import "runtime"

// Set with -ldflags "-X lms/shared/version.Version=... -X ...Commit=... -X ...BuiltAt=...".
var (
	Version = "dev"
	Commit  = "unknown"
	BuiltAt = "unknown"
)

// Functions lists every Lambda function of the product, in template order.
// A test checks it against template.yaml.
var Functions = []string{"auth", "batch", "course", "upload", "transcode", "index", "certificate", "competency", "competencyjobs", "notify", "forum"}

// Info is the build stamp as the health routes report it.
type Info struct {
	Version   string `json:"version"`
	Commit    string `json:"commit"`
	BuiltAt   string `json:"builtAt"`
	GoVersion string `json:"goVersion"`
}

// Current returns the stamp of this binary.
func Current() Info {
	return Info{Version: Version, Commit: Commit, BuiltAt: BuiltAt, GoVersion: runtime.Version()}
}
