"""Custom rules: Spectral rulesets and speclint's declarative rules, as rule specs.

:func:`load_custom_ruleset` reads a ruleset file (Spectral's format, with speclint's
extensions for rules over the model) and returns a rule spec for every rule it defines, under
the rule's own name, with their severities and the notices the user should see (JavaScript
functions that cannot run, built-ins that stand in for Spectral rules). It registers nothing:
the run that uses them puts them in an overlay of the built-in registry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from speclint.findings import Category, Severity
from speclint.model import Api, SpecFormat
from speclint.rules.registry import CHECK_KINDS, Check, Problem, RuleContext, RuleSpec, builtin_registry

__all__ = [
    "SPECTRAL_NAMES",
    "CustomRuleset",
    "discover_spectral",
    "is_custom_ruleset",
    "load_custom_ruleset",
]

SPECTRAL_NAMES = (".spectral.yaml", ".spectral.yml", ".spectral.json")
ORIGIN_PREFIX = "ruleset:"

# Spectral rules of spectral:oas that a speclint built-in covers, named in the notice.
BUILTIN_EQUIVALENTS = {
    "operation-operationId-unique": "openapi-operation-id-unique",
    "operation-success-response": "openapi-success-response",
    "path-params": "openapi-path-params-match",
    "oas2-unused-definition": "openapi-unused-component",
    "oas3-unused-component": "openapi-unused-component",
    "oas2-operation-security-defined": "security-scheme-defined",
    "oas3-operation-security-defined": "security-scheme-defined",
    "oas2-schema": "invalid-structure",
    "oas3-schema": "invalid-structure",
    "oas2-valid-schema-example": "openapi-example-valid",
    "oas2-valid-media-example": "openapi-example-valid",
    "oas3-valid-schema-example": "openapi-example-valid",
    "oas3-valid-media-example": "openapi-example-valid",
}
# Spectral functions that speclint replaces by a built-in (the rule runs as that built-in).
REPLACED_FUNCTIONS = {"oasDocumentSchema": "invalid-structure", "oasExample": "openapi-example-valid"}


@dataclass
class CustomRuleset:
    """What a custom ruleset file contributes to a run."""

    path: Path
    rules: list[RuleSpec] = field(default_factory=list)
    severities: dict[str, Severity | None] = field(default_factory=dict)  # None: off
    builtins: dict[str, Severity] = field(default_factory=dict)  # speclint rules kept on
    file_overrides: list[tuple[tuple[str, ...], dict[str, Severity | None], Path]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def is_custom_ruleset(path: Path, _depth: int = 0) -> bool:
    """Whether ``path`` is a Spectral (or speclint declarative) ruleset rather than a speclint one:
    named ``.spectral.yaml`` (or ``*.spectral.yaml``), extending ``spectral:oas`` or a file that is
    one, or defining rules with ``given`` and ``then``."""
    if path.name in SPECTRAL_NAMES or path.name.endswith(SPECTRAL_NAMES):
        return True
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "spectral:oas" in text:
        return True
    if re.search(r"""(?m)^\s+["']?given["']?\s*:""", text) and re.search(r"""(?m)^\s+["']?then["']?\s*:""", text):
        return True
    if _depth < 8:
        for parent in re.findall(r"""["']?(\.{1,2}/[^"',\]\s]+)""", text):
            candidate = path.parent / parent
            if candidate.is_file() and is_custom_ruleset(candidate, _depth + 1):
                return True
    return False


def discover_spectral(start: Path) -> Path | None:
    """``.spectral.yaml`` (or ``.yml``/``.json``) in ``start`` or above, up to a git root."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        for name in SPECTRAL_NAMES:
            if (candidate / name).is_file():
                return candidate / name
        if (candidate / ".git").exists():
            break
    return None


def load_custom_ruleset(path: Path, cwd: Path | None = None) -> CustomRuleset:
    """Read ``path``: its rules, as specs, and what the user should know about it. ``cwd`` is the
    folder findings' file names are relative to (the current one by default)."""
    from speclint.custom.spectral import load_spectral

    spectral = load_spectral(path)
    result = CustomRuleset(path=path.resolve(), notices=list(spectral.notices))
    cwd = cwd or Path.cwd()
    builtin_ids = builtin_registry().ids(CHECK_KINDS)
    stand_ins: dict[str, str] = {}
    for rule in spectral.rules.values():
        reason = _unsupported(rule, spectral.aliases)
        replaced = next((REPLACED_FUNCTIONS[t.function] for t in rule.then if t.function in REPLACED_FUNCTIONS), None)
        if replaced is not None:
            if rule.severity is not None:
                result.builtins[replaced] = Severity.ERROR
                stand_ins[rule.name] = replaced
            continue
        if reason is not None:
            if rule.severity is not None and not reason.startswith("-"):
                result.notices.append(f"{rule.source}: rule {rule.name}: {reason}; the rule is skipped")
            continue
        if rule.name in builtin_ids and rule.severity is not None:
            result.notices.append(
                f"{rule.source}: rule {rule.name} has the id of a speclint built-in; the ruleset's definition "
                "replaces it for this run"
            )
        result.rules.append(_spec(rule, spectral.aliases, spectral.overrides, cwd))
        result.severities[rule.name] = rule.severity
    for override in spectral.overrides:
        files = tuple(p for p in override.patterns if "#" not in p)
        if files:
            result.file_overrides.append((files, dict(override.rules), override.base))
    if spectral.extends_oas:
        replaced = ", ".join(f"{k} -> {v}" for k, v in sorted(stand_ins.items()))
        similar = ", ".join(
            f"{k} ~ {v}"
            for k, v in sorted(BUILTIN_EQUIVALENTS.items())
            if k in result.severities and k not in stand_ins
        )
        result.notices.append(
            "spectral:oas: rules run through speclint's own implementation of Spectral's functions; "
            f"these run as speclint built-ins: {replaced or 'none'}; built-ins covering the same ground "
            f"(not turned on): {similar or 'none'}"
        )
    for rule_id in ("syntax-error", "unresolved-ref", "refused-ref", "unknown-format", "internal-error"):
        result.builtins.setdefault(rule_id, Severity.ERROR)
    return result


def _unsupported(rule: Any, aliases: dict[str, Any]) -> str | None:
    from speclint.custom.engine import expand_given
    from speclint.custom.functions import FUNCTIONS
    from speclint.custom.jsonpath import parse_path
    from speclint.custom.model_rules import MODEL_KINDS

    for then in rule.then:
        if then.function not in FUNCTIONS:
            return (
                f"the function {then.function!r} is a custom JavaScript function (or one speclint does not "
                "provide), which speclint cannot run"
            )
    if rule.model_kind is not None:
        return None if rule.model_kind in MODEL_KINDS else f"unknown model selector {rule.given[0]!r}"
    try:
        for formats in ({"oas2"}, {"oas3", "oas3_0"}, {"oas3", "oas3_1"}):
            for given in rule.given:
                for path in expand_given(given, aliases, frozenset(formats)):
                    parse_path(path)
    except ValueError as error:
        return f"given cannot be read: {error}"
    return None


_KEYWORDS = (
    (("security", "auth", "owasp:api2", "owasp:api5", "jwt", "oauth"), Category.AUTH),
    (("owasp",), Category.SECURITY),
    (("description", "contact", "license", "info", "tag", "example", "markdown"), Category.DOCUMENTATION),
    (("casing", "case", "name", "naming"), Category.NAMING),
    (("response", "status"), Category.STATUS_CODES),
    (("version",), Category.VERSIONING),
    (("schema", "param", "path", "unique", "ref", "enum", "array", "server", "host", "operation"), Category.STRUCTURE),
)


def category_for(rule: Any) -> Category:
    """The rule's declared ``category``, or one guessed from its name."""
    if rule.category:
        try:
            return Category(rule.category)
        except ValueError:
            pass
    name = rule.name.lower()
    for words, category in _KEYWORDS:
        if any(w in name for w in words):
            return category
    return Category.DESIGN


def _spec(rule: Any, aliases: dict[str, Any], overrides: list[Any], cwd: Path) -> RuleSpec:
    formats = frozenset(SpecFormat) if rule.model_kind else frozenset({SpecFormat.OPENAPI})
    if rule.model_kind and rule.where.get("format"):
        wanted = rule.where["format"]
        formats = frozenset(SpecFormat(f) for f in (wanted if isinstance(wanted, list) else [wanted]))
    doc = rule.description or rule.message or rule.name
    return RuleSpec(
        id=rule.name,
        category=category_for(rule),
        severity=rule.severity or Severity.WARNING,
        formats=formats,
        doc=f"{doc}\n\nFrom the custom ruleset {rule.source}.",
        check=_check_for(rule, aliases, overrides, cwd),
        origin=f"{ORIGIN_PREFIX}{Path(rule.source).name}",
    )


def _check_for(rule: Any, aliases: dict[str, Any], overrides: list[Any], cwd: Path) -> Check:
    def check(api: Api, ctx: RuleContext) -> Iterator[Problem]:
        if rule.model_kind is not None:
            from speclint.custom.model_rules import run_model_rule

            yield from run_model_rule(rule, api, rule.model_kind, rule.where)
            return
        from speclint.custom.engine import pointer_suppressor, run_rule

        yield from run_rule(rule, api, aliases, pointer_suppressor(overrides, rule.name, cwd), ctx.shared)

    return check
