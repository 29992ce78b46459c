# Findings of the organization-policy rules (carrier spec "organization:<content>:<type>"):
# part of package findings, the twin of _evaluate_organization in perimeter_checks/rules.
# The policy type decides SCP or RCP; completeness is judged once per input unit (one
# conftest input: a plan, a template, a .tf file; views may carry a "unit" to split it),
# on its first organization policy by address.
package perimeter_checks.lib.findings

import rego.v1

import data.perimeter_checks.lib.analysis
import data.perimeter_checks.lib.catalog
import data.perimeter_checks.lib.config
import data.perimeter_checks.lib.organizations
import data.perimeter_checks.lib.values

_type_value(view, attribute) := "SERVICE_CONTROL_POLICY" if {
	view.framework == "terraform"
	_final(object.get(view.attributes, attribute, null)) in {null, ""}
} else := _final(object.get(view.attributes, attribute, null))

_plain_text(t) if {
	is_string(t)
	not values.is_expression(t)
}

# {"kind": "scp" | "rcp" | "" (another policy type), "problem": "" or why the type is unknown}
organization_kind(view, spec) := {"kind": "", "problem": sprintf("policy type '%s' cannot be resolved statically", [substring(values.text(t), 0, 80)])} if {
	t := _type_value(view, split(spec, ":")[2])
	not _plain_text(t)
} else := {"kind": object.get(organizations.policy_types, trim_space(t), ""), "problem": ""} if {
	t := _type_value(view, split(spec, ":")[2])
}

_org_loaded(view, spec) := [load_document(v, view) | some v in policy_values(split(spec, ":")[1], view)]

# {"documents": [doc with kind], "problems": [text]}
organization_documents(view, spec) := {"documents": [], "problems": [k.problem]} if {
	k := organization_kind(view, spec)
	k.problem != ""
} else := {"documents": [], "problems": []} if organization_kind(view, spec).kind == ""
else := {
	"documents": [object.union(d, {"kind": k.kind}) | some d in loaded; d.ok],
	"problems": [sprintf("policy cannot be verified statically: %s", [d.reason]) | some d in loaded; not d.ok],
} if {
	k := organization_kind(view, spec)
	loaded := _org_loaded(view, spec)
}

_org_entry(entry) if {
	is_string(entry.spec)
	startswith(entry.spec, "organization:")
}

findings contains finding if {
	some view in views
	some entry in object.get(catalog.by_type, [view.framework, view.type], [])
	_org_entry(entry)
	not entry.check in object.keys(organizations.completeness_checks)
	judged := organization_documents(view, entry.spec)
	some finding in {f |
		some p in judged.problems
		f := {"rule_id": entry.rule_id, "resource": view.address, "verdict": "warn", "message": p}
	} | {f |
		some doc in judged.documents
		some issue in analysis.predicate(entry.check, doc, config.current)
		f := {"rule_id": entry.rule_id, "resource": view.address, "verdict": issue.verdict, "message": issue.message}
	}
}

_unit(view) := object.get(view, "unit", "")

# The organization-policy views of a rule in the same framework and unit (with their spec).
_org_members(rule_id, framework, unit) := [{"view": m, "spec": e.spec} |
	some m in views
	m.framework == framework
	_unit(m) == unit
	some e in object.get(catalog.by_type, [m.framework, m.type], [])
	e.rule_id == rule_id
	is_string(e.spec) # attribute rules (network.rego) have object specs
	k := organization_kind(m, e.spec)
	_judged(k)
]

_judged(k) if k.kind != ""

_judged(k) if k.problem != ""

findings contains finding if {
	some view in views
	some entry in object.get(catalog.by_type, [view.framework, view.type], [])
	_org_entry(entry)
	control := organizations.completeness_checks[entry.check]
	members := _org_members(entry.rule_id, view.framework, _unit(view))
	view.address == min([m.view.address | some m in members])
	judged := [organization_documents(m.view, m.spec) | some m in members]
	documents := [d | some j in judged; some d in j.documents]
	problems := [p | some j in judged; some p in j.problems]
	not control in organizations.controls_present(documents)
	some finding in _completeness(entry.rule_id, view.address, control, documents, problems)
}

_completeness(rule_id, address, control, documents, problems) := {{
	"rule_id": rule_id,
	"resource": address,
	"verdict": "warn",
	"message": sprintf("%s that can be verified: %d cannot be read", [
		organizations.missing_message(control), count(problems),
	]),
}} if count(problems) > 0
else := {f |
	some issue in organizations.missing_control_issues(control, documents)
	f := {"rule_id": rule_id, "resource": address, "verdict": issue.verdict, "message": issue.message}
}

