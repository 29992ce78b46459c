# Resources that state one statement as flat arguments (Lambda, Lambda layer and
# EventBridge permissions): the twin of perimeter_checks/rules/permissions.py.
package perimeter_checks.lib.permissions

import rego.v1

import data.perimeter_checks.lib.values

_pick(attributes, framework, terraform_key, cloudformation_key) := _clean(_unwrap(object.get(
	attributes,
	_key(framework, terraform_key, cloudformation_key),
	null,
)))

_key("terraform", terraform_key, _) := terraform_key

_key(framework, _, cloudformation_key) := cloudformation_key if framework != "terraform"

_unwrap(v) := v[0] if {
	is_array(v)
	count(v) == 1
} else := v

_clean(v) := null if v in {"", []}
else := v

_principal(null) := null

_principal(value) := p if {
	value != null
	p := _principal_of(_padded(value))
}

_padded(v) := values.zero_pad12(v) if {
	is_number(v)
	v == floor(v)
	v >= 0
} else := v

_principal_of(v) := "*" if trim_space(values.text(v)) == "*"
else := {"AWS": v} if values.is_expression(trim_space(values.text(v)))
else := {"AWS": v} if not is_string(v)
else := {"AWS": trim_space(v)} if regex.match(`^[0-9]+$`, trim_space(v))
else := {"AWS": trim_space(v)} if startswith(trim_space(v), "arn:")
else := {"Service": trim_space(v)}

_falsy := {null, "", 0, false, [], {}}

_or(v, fallback) := v if not v in _falsy
else := fallback

_statement(principal, conditions, action) := null if principal == null
else := {"Version": "2012-10-17", "Statement": [object.union(
	{"Sid": "permission", "Effect": "Allow", "Principal": principal, "Action": action},
	_condition_part(conditions),
)]}

_condition_part(conditions) := {"Condition": conditions} if count(conditions) > 0
else := {}

_present(entries) := {k: v | some k, v in entries; v != null}

synthetic("lambda", framework, attributes) := _statement(
	_principal(p.principal),
	_present({
		"StringEquals": _nonempty(_present({
			"aws:PrincipalOrgID": p.principal_org_id,
			"aws:SourceAccount": p.source_account,
		})),
		"ArnLike": _nonempty(_present({"aws:SourceArn": p.source_arn})),
	}),
	values.text(_or(p.action, "lambda:InvokeFunction")),
) if {
	p := _picker(attributes, framework)
}

synthetic("lambda_layer", framework, attributes) := _statement(
	_principal(_pick(attributes, framework, "principal", "Principal")),
	_present({"StringEquals": _nonempty(_present({
		"aws:PrincipalOrgID": _pick(attributes, framework, "organization_id", "OrganizationId"),
	}))}),
	values.text(_or(_pick(attributes, framework, "action", "Action"), "lambda:GetLayerVersion")),
)

synthetic("eventbridge", "cloudformation", attributes) := {"Version": "2012-10-17", "Statement": [attributes.Statement]} if {
	is_object(object.get(attributes, "Statement", null))
}

synthetic("eventbridge", framework, attributes) := _statement(
	_principal(_pick(attributes, framework, "principal", "Principal")),
	_event_condition(_pick(attributes, framework, "condition", "Condition")),
	values.text(_or(_pick(attributes, framework, "action", "Action"), "events:PutEvents")),
) if {
	not _cfn_statement(framework, attributes)
}

_cfn_statement("cloudformation", attributes) if is_object(object.get(attributes, "Statement", null))

_event_condition(c) := {values.text(_lget(c, "type", "StringEquals")): {values.text(_lget(c, "key", null)): _lget(c, "value", null)}} if {
	is_object(c)
} else := {}

_lget(obj, name, fallback) := obj[k] if {
	ks := sort([k | some k, _ in obj; lower(k) == name])
	count(ks) > 0
	k := ks[count(ks) - 1]
} else := fallback

_nonempty(o) := o if count(o) > 0
else := null

_picker(attributes, framework) := {
	"principal": _pick(attributes, framework, "principal", "Principal"),
	"principal_org_id": _pick(attributes, framework, "principal_org_id", "PrincipalOrgID"),
	"source_account": _pick(attributes, framework, "source_account", "SourceAccount"),
	"source_arn": _pick(attributes, framework, "source_arn", "SourceArn"),
	"action": _pick(attributes, framework, "action", "Action"),
}
