# One policy document judged by every predicate: an entry point for tools and tests
# (`opa eval -d rego 'data.perimeter_checks.lib.verdicts.judge(doc, {})'`).
package perimeter_checks.lib.verdicts

import rego.v1

import data.perimeter_checks.lib.analysis
import data.perimeter_checks.lib.config
import data.perimeter_checks.lib.document

predicates := [
	"external_principals", "service_principal_source", "trust_external_principals", "trust_federated_principals",
	"endpoint_principals", "endpoint_resources",
	"org_policy_lint", "org_resource_perimeter", "org_network_perimeter", "rcp_identity_perimeter", "org_region_guard",
	"org_missing_identity_rcp", "org_missing_resource_scp", "org_missing_network", "org_missing_region_guard",
	"org_missing_governance_scp", "identity_resource_scope",
]

# judge(policy, perimeter_body): {"ok", "reason"?, <predicate>: [[label, verdict], ...]}
judge(policy, perimeter_body) := judge_kind(policy, perimeter_body, "")

# judge_kind: the same for an organization policy of kind "scp" or "rcp" ("" for any other policy).
judge_kind(policy, perimeter_body, kind) := result if {
	parsed := document.parse_policy(policy)
	parsed.ok
	doc := object.union(parsed, {"kind": kind})
	cfg := config.normalize(perimeter_body)
	result := object.union(
		{"ok": true},
		{name: sort({[i.label, i.verdict] | some i in analysis.predicate(name, doc, cfg)}) | some name in predicates},
	)
} else := {"ok": false, "reason": document.parse_policy(policy).reason}

# Many cases in one call: input.cases = [{"policy": ..., "perimeter": {...}}, ...]
batch := [judge_kind(c.policy, object.get(c, "perimeter", {}), object.get(c, "kind", "")) | some c in input.cases]
