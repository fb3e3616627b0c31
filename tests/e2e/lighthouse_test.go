package e2e

import "testing"

// Lighthouse on the mobile preset scores the tenant's sign-in page and a
// course page seen by a signed-in participant at least 90 for performance
// and accessibility (web/scripts/lighthouse.mjs, also make lighthouse
// against make dev). The script prepares its course, batch and enrollment
// through the API with the seeded demo accounts; HTML reports go to
// web/e2e/artifacts/lighthouse-*.html.
func TestLighthouse(t *testing.T) {
	browserReady(t)
	runSpec(t, "../scripts/lighthouse.mjs", map[string]string{"TENANT": tenant})
}
