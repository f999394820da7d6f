"""A ``redocly.yaml``'s ``rules:`` as severities of speclint's equivalent rules.

Found from the current folder upward (stopping at the root of a git work tree). Each Redocly
rule that ``docs/rivals.md`` maps to an OpenAPI-only speclint rule passes on its severity
(``error``, ``warn``, ``off``; a mapping's ``severity``); other rules are ignored, since
speclint cannot honour them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from speclint.config.ruleset import RuleConfig
from speclint.errors import ConfigError
from speclint.findings import Severity
from speclint.sources.data_files import read_yaml

REDOCLY_NAMES = ("redocly.yaml", ".redocly.yaml")
REDOCLY_RULES: dict[str, str] = {
    "no-identical-paths": "openapi-paths-identical",
    "no-ambiguous-paths": "openapi-paths-ambiguous",
    "no-path-trailing-slash": "openapi-path-trailing-slash",
    "no-server-trailing-slash": "openapi-server-trailing-slash",
    "operation-operationId": "openapi-operation-id-present",
    "operation-operationId-unique": "openapi-operation-id-unique",
    "operation-tag-defined": "openapi-tag-declared",
    "no-duplicated-enum-values": "openapi-enum-unique",
    "nullable-type-sibling": "openapi-nullable-type",
    "spec-ref-siblings": "openapi-ref-siblings",
    "no-required-schema-properties-undefined": "openapi-required-defined",
    "no-unused-components": "openapi-unused-component",
    "no-invalid-media-type-examples": "openapi-example-valid",
    "operation-2xx-response": "openapi-success-response",
    "operation-4xx-response": "openapi-client-error-response",
    "path-parameters-defined": "openapi-path-params-match",
    "security-scopes-defined": "security-scopes-defined",
}
_SEVERITIES = {"error": Severity.ERROR, "warn": Severity.WARNING, "off": None}


def discover_redocly(start: Path) -> dict[str, RuleConfig]:
    """The speclint rule settings that a ``redocly.yaml`` found from ``start`` upward gives."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        for name in REDOCLY_NAMES:
            path = candidate / name
            if path.is_file():
                return load_redocly(path)
        if (candidate / ".git").exists():
            break
    return {}


def load_redocly(path: Path) -> dict[str, RuleConfig]:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping")
    rules = data.get("rules") or {}
    if not isinstance(rules, dict):
        raise ConfigError(f"{path}: rules: expected a mapping")
    result: dict[str, RuleConfig] = {}
    for name, value in rules.items():
        target = REDOCLY_RULES.get(str(name))
        if target is None:
            continue
        severity_text = value.get("severity") if isinstance(value, dict) else value
        if severity_text not in _SEVERITIES:
            raise ConfigError(f"{path}: rules: {name}: expected error, warn or off")
        result[target] = RuleConfig(_SEVERITIES[severity_text], _options(name, value))
    return result


def _options(name: str, value: Any) -> dict[str, Any]:
    if name == "no-invalid-media-type-examples" and isinstance(value, dict):
        if isinstance(value.get("allowAdditionalProperties"), bool):
            return {"allow_additional_properties": value["allowAdditionalProperties"]}
    if name == "spec-ref-siblings":
        return {"ignore_annotations": False}
    return {}
