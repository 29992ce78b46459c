# Findings of every catalog rule on every resource of the input: the twin of
# perimeter_checks/rules/__init__.py (evaluate). Each (resource, rule) pair is looked
# up through the catalog's type index, so the work is linear in the input size.
package perimeter_checks.lib.findings

import rego.v1

import data.perimeter_checks.lib.analysis
import data.perimeter_checks.lib.catalog
import data.perimeter_checks.lib.cloudformation
import data.perimeter_checks.lib.config
import data.perimeter_checks.lib.document
import data.perimeter_checks.lib.hcl
import data.perimeter_checks.lib.network
import data.perimeter_checks.lib.permissions
import data.perimeter_checks.lib.plan
import data.perimeter_checks.lib.scanner
import data.perimeter_checks.lib.values

views := ((plan.views | cloudformation.views) | hcl.views) | scanner.views

# The raw policy values a resource carries for one carrier spec (rules.policy_values).
policy_values(spec, view) := [doc |
	startswith(spec, "permission:")
	doc := permissions.synthetic(substring(spec, 11, -1), view.framework, view.attributes)
	doc != null
] if startswith(spec, "permission:")
else := [_final(v) | some v in _walk(view.attributes, split(spec, ".")); not _empty(_final(v))]

_empty(v) if v in {null, "", [], {}}

_final(v) := v[0] if {
	is_array(v)
	count(v) == 1
} else := v

_step(level, segment) := [item[key] |
	key := trim_suffix(segment, "[]")
	some value in level
	some item in _items(value)
	is_object(item)
]

_items(v) := v if is_array(v)
else := [v]

_walk(attributes, segments) := l1 if {
	count(segments) == 1
	l1 := _step([attributes], segments[0])
} else := l2 if {
	count(segments) == 2
	l2 := _step(_step([attributes], segments[0]), segments[1])
} else := l3 if {
	count(segments) == 3
	l3 := _step(_step(_step([attributes], segments[0]), segments[1]), segments[2])
} else := l4 if {
	count(segments) == 4
	l4 := _step(_step(_step(_step([attributes], segments[0]), segments[1]), segments[2]), segments[3])
}

_reference := `^\$?\{?data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)(?:\[[^\]]*\])?\.(?:json|minified_json)\}?$`

document_reference(value) := m[0][1] if {
	is_string(value)
	m := regex.find_all_string_submatch_n(_reference, trim_space(value), 1)
	count(m) == 1
}

load_document(value, view) := document.parse_policy(value) if not document_reference(value)
else := document.unresolved(sprintf("%s is not available to this engine", [trim_space(value)])) if view.documents == null
else := from_data_block(document_reference(value), view.documents)

_block(scope, name) := plan.document_block(scope, name) if scope.kind == "plan"
else := hcl.document_block(scope, name) if scope.kind == "hcl"

_merged_keys := ["source_policy_documents", "override_policy_documents", "source_json", "override_json"]

# document_from_data_block: the statements of the block plus its source/override documents
# (a referenced document's own statements; deeper nesting is reported as unresolved).
from_data_block(name, scope) := document.unresolved(sprintf("data.aws_iam_policy_document.%s was not found in the module", [name])) if {
	not _block(scope, name)
} else := _combine(array.concat([document.policy_from_document_blocks(object.get(block, "statement", null))], [
	_merged(extra, scope) |
		some key in _merged_keys
		some extra in _extras(object.get(block, key, null))
])) if block := _block(scope, name)

_extras(v) := [] if v in {null, "", []}
else := v if is_array(v)
else := [v]

_merged(extra, scope) := _flat_block(document_reference(extra), scope) if document_reference(extra)
else := document.parse_policy(extra)

_flat_block(name, scope) := document.unresolved(sprintf("data.aws_iam_policy_document.%s was not found in the module", [name])) if {
	not _block(scope, name)
} else := document.unresolved("policy documents nest too deeply") if {
	block := _block(scope, name)
	some key in _merged_keys
	count(_extras(object.get(block, key, null))) > 0
} else := document.policy_from_document_blocks(object.get(_block(scope, name), "statement", null))

_combine(parts) := p if {
	some p in parts
	not p.ok
} else := {"ok": true, "statements": [s | some p in parts; some s in p.statements]}

# {"rule_id", "resource", "verdict", "message"}
findings contains finding if {
	some view in views
	some entry in object.get(catalog.by_type, [view.framework, view.type], [])
	not entry.check in network.resource_checks
	some value in policy_values(entry.spec, view)
	doc := load_document(value, view)
	some finding in _judge(entry, view, doc)
}

# Attribute rules (rules/network.py): the resource itself, not a policy document, is judged.
findings contains finding if {
	some view in views
	some entry in object.get(catalog.by_type, [view.framework, view.type], [])
	entry.check in network.resource_checks
	some issue in network.check(entry.check, view, entry.spec)
	finding := {"rule_id": entry.rule_id, "resource": view.address, "verdict": issue.verdict, "message": issue.message}
}

_judge(entry, view, doc) := {{
	"rule_id": entry.rule_id,
	"resource": view.address,
	"verdict": "warn",
	"message": sprintf("policy cannot be verified statically: %s", [doc.reason]),
}} if not doc.ok
else := {f |
	some issue in analysis.predicate(entry.check, doc, config.current)
	f := {"rule_id": entry.rule_id, "resource": view.address, "verdict": issue.verdict, "message": issue.message}
}

# Configured exemptions (perimeter.exemptions: rule, resource glob, reason, expires):
# an active one moves the finding from deny/warn to `exempted`, like the other engines.
_today := substring(time.format([time.now_ns(), "UTC", "2006-01-02"]), 0, 10)

_exemptions := data.perimeter.exemptions if is_array(data.perimeter.exemptions)
else := []

exemption_for(finding) := e if {
	some e in _exemptions
	is_object(e)
	e.rule == finding.rule_id
	analysis.fnmatch(finding.resource, trim_space(values.text(e.resource)))
	not _expired(e)
}

_expired(e) if {
	expires := object.get(e, "expires", null)
	expires != null
	substring(values.text(expires), 0, 10) < _today
}

# rule_id -> its findings, grouped in one pass over the findings.
by_rule[rule_id] contains f if {
	some f in findings
	rule_id := f.rule_id
	catalog.rules[rule_id]
}

exempted contains object.union(result(f), {"exemption": e.reason}) if {
	some f in findings
	e := exemption_for(f)
}

# The conftest result objects of one rule and verdict.
results(rule_id, verdict) := {result(f) |
	some f in by_rule[rule_id]
	f.verdict == verdict
	not exemption_for(f)
}

result(f) := {
	"msg": _message(f, rule),
	"rule_id": f.rule_id,
	"mitigation": rule.mitigation,
	"boundary": rule.boundary,
	"objective": rule.objective,
	"severity": rule.severity,
	"resource": f.resource,
} if rule := catalog.rules[f.rule_id]

_message(f, rule) := sprintf("%s: %s. %s (%s); mitigation %s: %s", [
	f.resource, f.message, rule.title, f.rule_id, rule.mitigation, rule.remediation,
]) if f.verdict == "fail"
else := sprintf("%s: UNVERIFIED: %s. %s (%s); mitigation %s: %s", [
	f.resource, f.message, rule.title, f.rule_id, rule.mitigation, rule.remediation,
])
