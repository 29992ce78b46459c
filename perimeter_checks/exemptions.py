"""Suppressions: config exemptions and inline `checkov:skip` comments, the same for every engine.

A suppressed finding is not dropped: reports list it with the reason. An expired
exemption stops applying and produces a note saying so.
"""

from __future__ import annotations

import datetime
import fnmatch
import re
from dataclasses import dataclass

from perimeter_checks.config import Exemption, PerimeterConfig

# Checkov's own inline syntax: `# checkov:skip=<ID>:<reason>` (also `//` and `/* */`).
INLINE_SKIP = re.compile(r"checkov:skip=(?P<id>[A-Za-z_\d-]+)(?::(?P<reason>[^\n*]*))?")


@dataclass(frozen=True)
class Suppression:
    reason: str
    source: str  # "config" or "inline"


def inline_skips(lines: list, start: int, end: int) -> dict:
    """rule ID -> reason for skip comments on lines start..end (1-based, inclusive)."""
    skips = {}
    for line in lines[max(0, start - 1) : max(0, end)]:
        for match in INLINE_SKIP.finditer(line):
            skips[match.group("id")] = (match.group("reason") or "").strip() or "inline skip"
    return skips


def exemption_for(config: PerimeterConfig, rule_id: str, resource: str, today: datetime.date):
    """(active exemption or None, expired exemptions that would have matched)."""
    expired = []
    for exemption in config.exemptions:
        if exemption.rule != rule_id or not fnmatch.fnmatchcase(resource, exemption.resource):
            continue
        if exemption.expired(today):
            expired.append(exemption)
            continue
        return exemption, expired
    return None, expired


def expiry_note(exemption: Exemption, resource: str) -> str:
    return (
        f"exemption for {exemption.rule} on {resource} expired on {exemption.expires.isoformat()}"
        f" ({exemption.reason}); the finding applies again"
    )
