# One policy document judged by every predicate: an entry point for tools and tests
# (`opa eval -d rego 'data.perimeter_checks.lib.verdicts.judge(doc, {})'`).
package perimeter_checks.lib.verdicts

import rego.v1

import data.perimeter_checks.lib.analysis
import data.perimeter_checks.lib.config
import data.perimeter_checks.lib.document

predicates := ["external_principals", "service_principal_source", "trust_external_principals", "trust_federated_principals"]

# judge(policy, perimeter_body): {"ok", "reason"?, <predicate>: [[label, verdict], ...]}
judge(policy, perimeter_body) := result if {
	doc := document.parse_policy(policy)
	doc.ok
	cfg := config.normalize(perimeter_body)
	result := object.union(
		{"ok": true},
		{name: sort({[i.label, i.verdict] | some i in analysis.predicate(name, doc, cfg)}) | some name in predicates},
	)
} else := {"ok": false, "reason": document.parse_policy(policy).reason}

# Many cases in one call: input.cases = [{"policy": ..., "perimeter": {...}}, ...]
batch := [judge(c.policy, object.get(c, "perimeter", {})) | some c in input.cases]
