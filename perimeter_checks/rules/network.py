"""Checks on resource attributes rather than on a policy document (network boundary).

Each check takes the resource view, the catalog's attribute spec for its type and the
config, and returns Issues like the policy predicates do.
"""

from __future__ import annotations

from perimeter_checks.config import PerimeterConfig
from perimeter_checks.policy.analysis import FAIL, Issue

# Endpoint types that take no endpoint policy (AWS PrivateLink documentation), and the
# prefix of endpoint services run by other accounts, which do not support policies.
_NO_POLICY_TYPES = {"gatewayloadbalancer", "resource", "servicenetwork"}
_PARTNER_SERVICE_PREFIX = "com.amazonaws.vpce."


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def endpoint_without_policy(view, spec: str, config: PerimeterConfig) -> list:
    """A VPC endpoint with no policy gets the default one: full access for any principal."""
    attributes = view.attributes
    terraform = view.framework == "terraform"
    endpoint_type = _text(attributes.get("vpc_endpoint_type" if terraform else "VpcEndpointType")) or "Gateway"
    service = _text(attributes.get("service_name" if terraform else "ServiceName"))
    if endpoint_type.lower() in _NO_POLICY_TYPES or service.startswith(_PARTNER_SERVICE_PREFIX):
        return []
    if attributes.get(spec) not in (None, "", {}, []):
        return []
    if view.referrers is not None and view.referrers("aws_vpc_endpoint_policy"):
        return []
    return [
        Issue(
            FAIL,
            f"{endpoint_type} endpoint{f' for {service}' if service else ''} has no endpoint policy: the default "
            "policy allows every principal, including identities outside your organization",
        )
    ]


RESOURCE_CHECKS = {
    "endpoint_without_policy": endpoint_without_policy,
}
