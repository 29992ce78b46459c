"""Load catalog.yaml: the mitigations, the policy carriers and the rules every engine implements."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from perimeter_checks import safe_yaml

CATALOG_PATH = Path(__file__).with_name("catalog.yaml")
SEVERITIES = ("LOW", "MEDIUM", "HIGH", "CRITICAL")


@dataclass(frozen=True)
class Mitigation:
    id: str
    title: str
    boundary: str
    objective: str
    text: str


@dataclass(frozen=True)
class Rule:
    id: str
    mitigation: Mitigation
    severity: str
    title: str
    check: str
    guideline: str
    rationale: str
    remediation: str
    # resource type -> attribute path (or "permission:<kind>") holding the policy
    terraform: dict = field(default_factory=dict)
    cloudformation: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        """The check name users see: the mitigation first, then the title."""
        return f"[{self.mitigation.id}] {self.title}"

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "mitigation": self.mitigation.id,
            "boundary": self.mitigation.boundary,
            "objective": self.mitigation.objective,
            "severity": self.severity,
            "title": self.title,
            "name": self.name,
            "terraform_types": sorted(self.terraform),
            "cloudformation_types": sorted(self.cloudformation),
            "guideline": self.guideline,
            "rationale": self.rationale,
            "remediation": self.remediation,
        }


@dataclass(frozen=True)
class Catalog:
    mitigations: tuple
    rules: tuple

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def as_dict(self) -> dict:
        return {
            "mitigations": [vars(m) for m in self.mitigations],
            "rules": [r.as_dict() for r in self.rules],
        }


@functools.lru_cache(maxsize=1)
def load_catalog(path: Path = CATALOG_PATH) -> Catalog:
    raw = safe_yaml.safe_load(path.read_text(encoding="utf-8"))
    mitigations = {m["id"]: Mitigation(**m) for m in raw["mitigations"]}
    # Policy rules name "carriers" (where a policy document lives); attribute rules name
    # "targets" (resource type -> the attribute spec their check reads).
    locations = {**raw["carriers"], **(raw.get("targets") or {})}
    rules = []
    for row in raw["rules"]:
        if not row["id"].startswith("PERIM_"):
            raise ValueError(f"catalog rule {row['id']}: ids start with PERIM_")
        if row["severity"] not in SEVERITIES:
            raise ValueError(f"catalog rule {row['id']}: unknown severity {row['severity']}")
        terraform, cloudformation = {}, {}
        for name in row.get("carriers", []) + row.get("targets", []):
            terraform.update(locations[name].get("terraform") or {})
            cloudformation.update(locations[name].get("cloudformation") or {})
        rules.append(
            Rule(
                id=row["id"],
                mitigation=mitigations[row["mitigation"]],
                severity=row["severity"],
                title=row["title"],
                check=row["check"],
                guideline=raw["guideline_base"] + row["guideline"],
                rationale=row["rationale"],
                remediation=row["remediation"],
                terraform=terraform,
                cloudformation=cloudformation,
            )
        )
    return Catalog(mitigations=tuple(mitigations.values()), rules=tuple(rules))
