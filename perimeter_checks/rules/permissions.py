"""Resources that state one policy statement as flat arguments, turned into a policy.

Lambda permissions, Lambda layer permissions and EventBridge permissions name a
principal and optional conditions (principal_org_id, source_account, ...). Writing
them as an IAM statement lets the same predicates judge them.
"""

from __future__ import annotations

from perimeter_checks.policy.values import is_expression


def _pick(attributes: dict, framework: str, terraform_key: str, cloudformation_key: str):
    value = attributes.get(terraform_key if framework == "terraform" else cloudformation_key)
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    return None if value in ("", []) else value


def _principal(value):
    """Lambda/EventBridge principal argument -> IAM Principal element."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:012d}"
    text = str(value).strip()
    if text == "*":
        return "*"
    if is_expression(text) or not isinstance(value, str):
        return {"AWS": value}
    if text.isdigit() or text.startswith("arn:"):
        return {"AWS": text}
    return {"Service": text}


def _statement(principal, conditions: dict, action: str) -> dict | None:
    if principal is None:
        return None
    statement = {"Sid": "permission", "Effect": "Allow", "Principal": principal, "Action": action}
    if conditions:
        statement["Condition"] = conditions
    return {"Version": "2012-10-17", "Statement": [statement]}


def lambda_permission(framework: str, attributes: dict):
    pick = lambda tf, cfn: _pick(attributes, framework, tf, cfn)  # noqa: E731
    conditions: dict = {}
    if pick("principal_org_id", "PrincipalOrgID") is not None:
        conditions.setdefault("StringEquals", {})["aws:PrincipalOrgID"] = pick("principal_org_id", "PrincipalOrgID")
    if pick("source_account", "SourceAccount") is not None:
        conditions.setdefault("StringEquals", {})["aws:SourceAccount"] = pick("source_account", "SourceAccount")
    if pick("source_arn", "SourceArn") is not None:
        conditions.setdefault("ArnLike", {})["aws:SourceArn"] = pick("source_arn", "SourceArn")
    action = pick("action", "Action") or "lambda:InvokeFunction"
    return _statement(_principal(pick("principal", "Principal")), conditions, str(action))


def lambda_layer_permission(framework: str, attributes: dict):
    pick = lambda tf, cfn: _pick(attributes, framework, tf, cfn)  # noqa: E731
    conditions = {}
    if pick("organization_id", "OrganizationId") is not None:
        conditions["StringEquals"] = {"aws:PrincipalOrgID": pick("organization_id", "OrganizationId")}
    action = pick("action", "Action") or "lambda:GetLayerVersion"
    return _statement(_principal(pick("principal", "Principal")), conditions, str(action))


def eventbridge_permission(framework: str, attributes: dict):
    pick = lambda tf, cfn: _pick(attributes, framework, tf, cfn)  # noqa: E731
    if framework == "cloudformation" and isinstance(attributes.get("Statement"), dict):
        return {"Version": "2012-10-17", "Statement": [attributes["Statement"]]}
    conditions = {}
    condition = pick("condition", "Condition")
    if isinstance(condition, dict):
        get = {str(k).lower(): v for k, v in condition.items()}
        conditions[str(get.get("type", "StringEquals"))] = {str(get.get("key")): get.get("value")}
    action = pick("action", "Action") or "events:PutEvents"
    return _statement(_principal(pick("principal", "Principal")), conditions, str(action))


PERMISSION_ADAPTERS = {
    "lambda": lambda_permission,
    "lambda_layer": lambda_layer_permission,
    "eventbridge": eventbridge_permission,
}
