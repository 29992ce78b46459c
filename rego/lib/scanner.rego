# Resource views the embedded scanner already evaluated (`perimeter-checks scan --engine rego`):
# Terraform modules with variables, module inputs, locals and jsonencode() resolved, which
# conftest's HCL parser cannot do. input.perimeter_views is a list of
# {framework, type, address, attributes, unit (the module directory)}; unknown values arrive as {"__unresolved__": text}
# and policies built by data.aws_iam_policy_document arrive as IAM JSON.
package perimeter_checks.lib.scanner

import rego.v1

is_scanner_input if is_array(input.perimeter_views)

views contains view if {
	is_scanner_input
	some v in input.perimeter_views
	is_object(v)
	view := {
		"framework": v.framework,
		"type": v.type,
		"address": v.address,
		"attributes": v.attributes,
		"documents": null,
		"unit": object.get(v, "unit", ""),
	}
}
