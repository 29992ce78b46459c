"""The perimeter config: what "yours" means (org, OUs, accounts, networks).

One YAML file serves every engine. Without it the checks only test that the right
conditions are present; with it, condition values are compared with yours.
"""

from __future__ import annotations

import datetime
import functools
import os
import re
from dataclasses import dataclass, fields
from pathlib import Path

import yaml

from perimeter_checks import safe_yaml

CONFIG_ENV = "PERIMETER_CONFIG"
DEFAULT_CONFIG_FILE = "perimeter.yaml"

_PATTERNS = {
    "org_ids": re.compile(r"^o-[a-z0-9]{10,32}$"),
    "org_paths": re.compile(r"^o-[a-z0-9]{10,32}/r-[a-z0-9]{4,32}(/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32})*/?\*?$"),
    "account_ids": re.compile(r"^\d{12}$"),
    "trusted_accounts": re.compile(r"^\d{12}$"),
    "vpc_ids": re.compile(r"^vpc-[0-9a-f]{8,17}$"),
    "vpc_endpoint_ids": re.compile(r"^vpce-[0-9a-f]{8,17}$"),
    "cidrs": re.compile(r"^[0-9a-fA-F:.]+/\d{1,3}$"),
    "regions": re.compile(r"^[a-z]{2}(-[a-z]+)+-\d$"),
}


class ConfigError(ValueError):
    """The config file cannot be used; the message is one line for the user."""


@dataclass(frozen=True)
class Exemption:
    """A reviewed exception: `rule` on resources matching the `resource` glob, until `expires`."""

    rule: str
    resource: str
    reason: str
    expires: datetime.date | None = None

    def expired(self, today: datetime.date) -> bool:
        return self.expires is not None and self.expires < today


@dataclass(frozen=True)
class PerimeterConfig:
    org_ids: tuple = ()
    org_paths: tuple = ()
    account_ids: tuple = ()
    trusted_accounts: tuple = ()
    vpc_ids: tuple = ()
    vpc_endpoint_ids: tuple = ()
    cidrs: tuple = ()
    regions: tuple = ()
    exemptions: tuple = ()
    source: str = ""

    @property
    def configured(self) -> bool:
        return any(getattr(self, name) for name in _PATTERNS)

    def values(self) -> dict:
        """Every perimeter value key (not exemptions) with its list, in documented order."""
        return {name: list(getattr(self, name)) for name in _PATTERNS}


def parse_config(data, source: str = "<config>") -> PerimeterConfig:
    """Validate a loaded YAML document; every problem is a ConfigError naming the key."""
    if not isinstance(data, dict) or "perimeter" not in data:
        raise ConfigError(f"{source}: expected a mapping with a top-level 'perimeter:' key")
    body = data["perimeter"] or {}
    if not isinstance(body, dict):
        raise ConfigError(f"{source}: 'perimeter' must be a mapping")
    known = {f.name for f in fields(PerimeterConfig)} - {"source"}
    unknown = sorted(set(body) - known)
    if unknown:
        raise ConfigError(f"{source}: unknown key perimeter.{unknown[0]} (known: {', '.join(sorted(known))})")
    values = {}
    for key, pattern in _PATTERNS.items():
        raw = body.get(key) or []
        if isinstance(raw, (str, int)):
            raw = [raw]
        if not isinstance(raw, list):
            raise ConfigError(f"{source}: perimeter.{key} must be a list")
        items = []
        for item in raw:
            text = str(item).strip()
            if isinstance(item, int) and key in ("account_ids", "trusted_accounts"):
                text = f"{item:012d}"
            if not pattern.match(text):
                raise ConfigError(f"{source}: perimeter.{key}: {item!r} is not a valid value")
            items.append(text)
        values[key] = tuple(items)
    values["exemptions"] = _exemptions(body.get("exemptions") or [], source)
    return PerimeterConfig(source=source, **values)


def _exemptions(raw, source: str) -> tuple:
    if not isinstance(raw, list):
        raise ConfigError(f"{source}: perimeter.exemptions must be a list")
    exemptions = []
    for number, item in enumerate(raw, 1):
        where = f"{source}: perimeter.exemptions[{number}]"
        if not isinstance(item, dict):
            raise ConfigError(f"{where} must be a mapping with rule, resource, reason")
        unknown = sorted(set(item) - {"rule", "resource", "reason", "expires"})
        if unknown:
            raise ConfigError(f"{where}: unknown key {unknown[0]}")
        rule, resource, reason = item.get("rule"), item.get("resource"), item.get("reason")
        if not isinstance(rule, str) or not re.fullmatch(r"PERIM_[A-Z0-9_]+", rule):
            raise ConfigError(f"{where}: rule must be a PERIM_ rule ID")
        if not isinstance(resource, str) or not resource.strip():
            raise ConfigError(f"{where}: resource (an address or glob) is required")
        if not isinstance(reason, str) or not reason.strip():
            raise ConfigError(f"{where}: reason is required")
        expires = item.get("expires")
        if expires is not None and not isinstance(expires, datetime.date):
            try:
                expires = datetime.date.fromisoformat(str(expires))
            except ValueError:
                raise ConfigError(f"{where}: expires must be a date (YYYY-MM-DD)") from None
        exemptions.append(Exemption(rule, resource.strip(), reason.strip(), expires))
    return tuple(exemptions)


def load_config_file(path: str | os.PathLike) -> PerimeterConfig:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config ({exc.strerror or exc})") from None
    try:
        data = safe_yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}:{where} invalid YAML") from None
    return parse_config(data, str(path))


def config_path_from_environment() -> Path | None:
    """PERIMETER_CONFIG, else ./perimeter.yaml when present, else no config."""
    explicit = os.environ.get(CONFIG_ENV)
    if explicit:
        return Path(explicit)
    default = Path(DEFAULT_CONFIG_FILE)
    return default if default.is_file() else None


@functools.lru_cache(maxsize=8)
def _load_cached(path: str) -> PerimeterConfig:
    return load_config_file(path)


def active_config() -> PerimeterConfig:
    """The config the Checkov checks use; loaded once per process and path."""
    path = config_path_from_environment()
    if path is None:
        return PerimeterConfig()
    return _load_cached(str(path.resolve()))
