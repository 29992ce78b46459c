# Predicate dispatch for the organization-policy and identity-policy checks (their logic
# is in organizations.rego): part of package analysis, like analysis.py's PREDICATES.
package perimeter_checks.lib.analysis

import rego.v1

import data.perimeter_checks.lib.organizations

predicate("org_policy_lint", doc, cfg) := organizations.org_policy_lint(doc, cfg)

predicate("org_resource_perimeter", doc, cfg) := organizations.org_resource_perimeter(doc, cfg)

predicate("org_network_perimeter", doc, cfg) := organizations.org_network_perimeter(doc, cfg)

predicate("rcp_identity_perimeter", doc, cfg) := organizations.rcp_identity_perimeter(doc, cfg)

predicate("org_region_guard", doc, cfg) := organizations.org_region_guard(doc, cfg)

predicate("identity_resource_scope", doc, cfg) := organizations.identity_resource_scope(doc, cfg)

# Repository-level checks judged on one document: which control it lacks.
predicate(check, doc, _) := organizations.missing_control_issues(organizations.completeness_checks[check], [doc])
