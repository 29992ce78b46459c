"""Checkov classes over the rules: one check per catalog row and framework.

Imported (never executed as a check) by the modules in `perimeter_checks/checkov/`,
which Checkov's --external-checks-dir loader runs. Checkov drops UNKNOWN results, so
a policy that cannot be verified statically is reported as FAILED with details that
start with "UNVERIFIED", unless PERIMETER_UNRESOLVED=ignore.
"""

from __future__ import annotations

import datetime
import functools
import os
import re
import sys
from dataclasses import dataclass

from checkov.common.bridgecrew.severities import Severities
from checkov.common.models.enums import CheckCategories, CheckResult

from perimeter_checks.catalog import Rule, load_catalog
from perimeter_checks.config import ConfigError, PerimeterConfig, active_config
from perimeter_checks.engines import CHECK_CRASHED, UNVERIFIED_KEY
from perimeter_checks.exemptions import exemption_for, expiry_note
from perimeter_checks.policy.analysis import FAIL
from perimeter_checks.policy.cloudformation import resolve_intrinsics
from perimeter_checks.policy.terraform import document_from_data_block, unwrap_attributes
from perimeter_checks.rules import ResourceView, evaluate
from perimeter_checks.sources.cloudformation import context_of_file, template_of_file, template_views, types_of_file
from perimeter_checks.sources.plan import unknown_values_of_file

UNRESOLVED_ENV = "PERIMETER_UNRESOLVED"
_DOCUMENT_ADDRESS = re.compile(r"(^|\.)data\.(aws_iam_policy_document\.)")


def config_or_exit() -> PerimeterConfig:
    """A malformed config stops Checkov with one clear line and exit code 2."""
    try:
        return active_config()
    except ConfigError as exc:
        sys.stderr.write(f"perimeter-checks: invalid config: {exc}\n")
        raise SystemExit(2) from None


def _node(graph, index: int) -> dict:
    node = graph[index]
    attrs = node[1] if isinstance(node, tuple) else node
    return attrs if isinstance(attrs, dict) else {}


@dataclass
class _GraphIndex:
    documents: dict  # module path + aws_iam_policy_document.<name> -> unwrapped data block
    nodes: dict  # resource address -> node index


# One graph at a time is scanned; rustworkx graphs take no weak references or attributes.
_last_graph_index: list = [None, None]


def _graph_index(graph) -> _GraphIndex:
    """Built once per Checkov graph: the data documents and the resource nodes by address."""
    if _last_graph_index[0] is graph:
        return _last_graph_index[1]
    index = _GraphIndex(documents={}, nodes={})
    for node_index in graph.node_indices():
        attrs = _node(graph, node_index)
        address = str(attrs.get("__address__", ""))
        if attrs.get("resource_type") == "data.aws_iam_policy_document":
            for block in attrs.get("config_", {}).get("aws_iam_policy_document", {}).values():
                index.documents[_DOCUMENT_ADDRESS.sub(r"\1\2", address)] = unwrap_attributes(block)
        elif attrs.get("block_type_") == "resource":
            index.nodes[address] = node_index
    _last_graph_index[:] = [graph, index]
    return index


def graph_referrers(graph, address: str):
    """Addresses of resources of a type whose attributes reference this resource (graph in-edges)."""
    if graph is None:
        return None

    def referrers(resource_type: str) -> tuple:
        node_index = _graph_index(graph).nodes.get(address)
        if node_index is None:
            return ()
        sources = (_node(graph, source) for source, _, _ in graph.in_edges(node_index))
        return tuple(sorted(str(n.get("__address__")) for n in sources if n.get("resource_type") == resource_type))

    return referrers


def graph_peers(graph, address: str, plan: bool):
    """The resources of this one's unit (module directory, or plan file) as views, from Checkov's graph."""
    if graph is None:
        return None

    def unit(attrs: dict) -> str:
        path = str(attrs.get("file_path_") or "")
        return path if plan else os.path.dirname(path)

    def peers() -> tuple:
        index = _graph_index(graph)
        own = index.nodes.get(address)
        if own is None:
            return ()
        mine = unit(_node(graph, own))
        found = []
        for other, node_index in index.nodes.items():
            attrs = _node(graph, node_index)
            resource_type = str(attrs.get("resource_type") or "")
            if unit(attrs) != mine or not resource_type:
                continue
            blocks = (attrs.get("config_") or {}).get(resource_type) or {}
            block = next(iter(blocks.values()), None) if isinstance(blocks, dict) else None
            found.append(ResourceView(
                framework="terraform", type=resource_type, address=other,
                attributes=unwrap_attributes(block) if isinstance(block, dict) else {},
                resolve_document=document_resolver(graph, other, resource_type),
            ))
        return tuple(found)

    return peers


def template_peers(path: str):
    """Every resource of a CloudFormation template as views (the template is one unit)."""
    try:
        views = _template_views(path, os.path.getmtime(path))
    except OSError:
        return None
    return lambda: views


@functools.lru_cache(maxsize=32)
def _template_views(path: str, _modified: float) -> tuple:
    document = template_of_file(path)
    return tuple(template_views(document, path)) if document is not None else ()


def _module_prefix(address: str, resource_type: str) -> str:
    position = address.rfind(resource_type + ".")
    return address[:position] if position > 0 else ""


def document_resolver(graph, address: str, resource_type: str):
    """Resolve data.aws_iam_policy_document.<name> in the resource's module from Checkov's graph."""
    if graph is None:
        return None
    prefix = _module_prefix(address, resource_type)

    def lookup(name: str):
        return _graph_index(graph).documents.get(f"{prefix}aws_iam_policy_document.{name}")

    return lambda name: document_from_data_block(name, lookup)


class _PerimeterCheckMixin:
    """Shared result mapping: findings -> Checkov result with details."""

    rule: Rule

    def _init_rule(self, rule: Rule) -> None:
        self.rule = rule
        self.severity = Severities[rule.severity]

    def _result(self, view: ResourceView) -> CheckResult:
        config = config_or_exit()
        findings = []
        try:
            judged = evaluate(self.rule, view, config)
        except Exception as exc:  # noqa: BLE001 - Checkov would log it and drop the result: a silent pass
            self.details.append(f"UNVERIFIED ({self.rule.mitigation.id}): {CHECK_CRASHED} "
                                f"({type(exc).__name__}: {str(exc)[:120]})")
            self.evaluated_keys = [UNVERIFIED_KEY]
            return CheckResult.FAILED
        for finding in judged:
            exemption, expired = exemption_for(config, finding.rule_id, finding.resource, datetime.date.today())
            for old in expired:
                self.details.append(f"NOTE: {expiry_note(old, finding.resource)}")
            if exemption is None:
                findings.append(finding)
            else:
                self.details.append(f"exempted by config: {exemption.reason}")
        if not findings:
            return CheckResult.SKIPPED if self.details else CheckResult.PASSED
        failures = [f for f in findings if f.verdict == FAIL]
        warnings = [f for f in findings if f.verdict != FAIL]
        if not failures and os.environ.get(UNRESOLVED_ENV, "").lower() == "ignore":
            return CheckResult.PASSED
        self.details.extend(f"{self.rule.mitigation.id}: {f.message}" for f in failures)
        self.details.extend(f"UNVERIFIED ({self.rule.mitigation.id}): {f.message}" for f in warnings)
        if not failures:
            # Checkov's CloudFormation reports drop `details`; evaluated keys survive in JSON.
            self.evaluated_keys = [UNVERIFIED_KEY]
        return CheckResult.FAILED


def _builtin_values(value):
    """Checkov's CloudFormation nodes (str/dict/list subclasses carrying marks) as plain
    values: some of their methods need marks that copies do not get, and crashed a check."""
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, dict):
        return {_builtin_values(k): _builtin_values(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_builtin_values(v) for v in value]
    return value


def _terraform_base():
    from checkov.terraform.checks.resource.base_resource_check import BaseResourceCheck

    class TerraformPerimeterCheck(_PerimeterCheckMixin, BaseResourceCheck):
        def __init__(self, rule: Rule) -> None:
            super().__init__(
                name=rule.name,
                id=rule.id,
                categories=[CheckCategories.IAM],
                supported_resources=sorted(rule.terraform),
                guideline=rule.guideline,
            )
            self._init_rule(rule)

        def scan_resource_conf(self, conf) -> CheckResult:
            address = str(conf.get("__address__", ""))
            attributes = unwrap_attributes(conf)
            if "__change_actions__" in conf:
                # A plan: Checkov omits attributes known only after apply; the plan file says which.
                plan_file = (conf.get("__file__") or [self.entity_path.split(":", 1)[0]])[0]
                for attribute, placeholder in unknown_values_of_file(str(plan_file)).get(address, {}).items():
                    attributes.setdefault(attribute, placeholder)
            view = ResourceView(
                framework="terraform",
                type=self.entity_type,
                address=address,
                attributes=attributes,
                resolve_document=document_resolver(self.graph, address, self.entity_type),
                referrers=graph_referrers(self.graph, address),
                peers=graph_peers(self.graph, address, "__change_actions__" in conf),
            )
            return self._result(view)

    return TerraformPerimeterCheck


def _cloudformation_base():
    from checkov.cloudformation.checks.resource.base_resource_check import BaseResourceCheck

    class CloudFormationPerimeterCheck(_PerimeterCheckMixin, BaseResourceCheck):
        def __init__(self, rule: Rule) -> None:
            super().__init__(
                name=rule.name,
                id=rule.id,
                categories=[CheckCategories.IAM],
                supported_resources=sorted(rule.cloudformation),
                guideline=rule.guideline,
            )
            self._init_rule(rule)

        def scan_resource_conf(self, conf) -> CheckResult:
            # entity_path is "<file relative to the scan root>:<type>:<logical id>"; Checkov's
            # "__file__" marks hold the absolute path of the template (Parameters, Resources).
            scanned, _, logical_id = self.entity_path.rpartition(f":{self.entity_type}:")
            properties = conf.get("Properties") or {}
            file = conf.get("__file__") or (properties.get("__file__") if isinstance(properties, dict) else None)
            parameters, resources = context_of_file(str(file or scanned))
            properties = resolve_intrinsics(_builtin_values(properties), parameters, resources)
            view = ResourceView(
                framework="cloudformation",
                type=self.entity_type,
                address=logical_id,
                attributes=properties if isinstance(properties, dict) else {},
                type_of=types_of_file(str(file or scanned)).get,
                peers=template_peers(str(file or scanned)),
            )
            return self._result(view)

    return CloudFormationPerimeterCheck


def register_terraform_checks() -> list:
    config_or_exit()
    base = _terraform_base()
    return [base(rule) for rule in load_catalog().rules if rule.terraform]


def register_cloudformation_checks() -> list:
    config_or_exit()
    base = _cloudformation_base()
    return [base(rule) for rule in load_catalog().rules if rule.cloudformation]
