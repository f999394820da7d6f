"""Rulesets are data: which rules run, at which severity, with which options.

A ruleset file has the keys ``description``, ``extends`` (names of built-in rulesets or paths,
relative to the file), ``rules`` (rule id to ``off``, a severity, or
``{severity: ..., options: {...}}``), ``settings`` (conventions passed to the loaders) and
``overrides`` (a list of ``{files: [glob, ...], rules: {...}}``). Rules a ruleset does not name
(after ``extends``) are off.
"""

from __future__ import annotations

import importlib.resources
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from speclint.errors import ConfigError
from speclint.findings import Severity
from speclint.model import SpecFormat
from speclint.rules.options import is_per_format
from speclint.sources.data_files import expect_mapping, expect_names, read_yaml

if TYPE_CHECKING:
    from speclint.rules.registry import Registry, RuleSpec

BUILTIN_RULESETS = ("minimal", "recommended", "strict")
_SEVERITIES = {s.value: s for s in Severity}
_RULE_KEYS = frozenset({"severity", "options"})
_FORMATS = tuple(f.value for f in SpecFormat)
_RULESET_KEYS = frozenset({"description", "extends", "rules", "settings", "overrides"})


@dataclass(frozen=True)
class RuleConfig:
    """One rule's setting; ``severity`` None means off, and ``keep_severity`` that the entry only
    sets options (the severity comes from what it extends, or the rule's default)."""

    severity: Severity | None
    options: Mapping[str, Any] = field(default_factory=dict)
    keep_severity: bool = False


@dataclass(frozen=True)
class Override:
    """Rule settings for the files that match one of ``patterns``."""

    patterns: tuple[str, ...]
    rules: Mapping[str, RuleConfig]
    base: Path  # the folder the patterns are relative to


@dataclass
class Ruleset:
    name: str
    rules: dict[str, RuleConfig] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    overrides: list[Override] = field(default_factory=list)
    description: str = ""
    definitions: list[RuleSpec] = field(default_factory=list)  # rules a custom ruleset defines


def load_ruleset(ref: str, base: Path | None = None, _chain: tuple[str, ...] = ()) -> Ruleset:
    """A built-in ruleset by name, or a ruleset file (relative to ``base``), with its extends."""
    path, text = _locate(ref, base or Path.cwd())
    if text is None and not _chain:
        from speclint.custom import is_custom_ruleset

        if is_custom_ruleset(path):  # a Spectral (or speclint declarative) ruleset: speclint.custom
            from speclint.config.custom_rulesets import to_ruleset

            return to_ruleset(path, ref)
    key = str(path)
    if key in _chain:
        raise ConfigError(f"ruleset {ref!r} extends itself (through {' -> '.join(_chain)})")
    data = expect_mapping(read_yaml(path, text), f"ruleset {ref}")
    where = f"ruleset {ref}"
    unknown = set(data) - _RULESET_KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    result = Ruleset(name=ref, description=str(data.get("description") or ""))
    folder = path.parent if path.is_file() else Path.cwd()
    for parent in expect_names(data.get("extends") or [], f"{where}: extends"):
        merge_into(result, load_ruleset(parent, folder, (*_chain, key)))
    own = Ruleset(
        name=ref,
        rules=parse_rules(data.get("rules") or {}, where),
        settings=dict(expect_mapping(data.get("settings") or {}, f"{where}: settings")),
        overrides=parse_overrides(data.get("overrides") or [], where, folder),
    )
    merge_into(result, own)
    return result


def _locate(ref: str, base: Path) -> tuple[Path, str | None]:
    if ref in BUILTIN_RULESETS:
        return _builtin(ref)
    path = Path(ref) if Path(ref).is_absolute() else base / ref
    if not path.is_file():
        names = ", ".join(BUILTIN_RULESETS)
        raise ConfigError(f"ruleset {ref!r} is neither a built-in ruleset ({names}) nor a file")
    return path.resolve(), None


def _builtin(name: str) -> tuple[Path, str]:
    try:
        resource = importlib.resources.files("speclint.rulesets").joinpath(f"{name}.yaml")
        return Path(str(resource)), resource.read_text(encoding="utf-8")
    except ModuleNotFoundError:  # a source checkout without the package mapping installed
        path = Path(__file__).resolve().parents[2] / "rulesets" / f"{name}.yaml"
        return path, path.read_text(encoding="utf-8")


def parse_rules(value: Any, where: str, registry: Registry | None = None) -> dict[str, RuleConfig]:
    """Rule id to setting; a renamed id stands for its new rule, and options are checked against
    the rule's own (an unknown key or a bad value is a :class:`ConfigError` naming both)."""
    from speclint.rules.options import OptionError, check_options
    from speclint.rules.registry import CHECK_KINDS, builtin_registry

    registry = registry or builtin_registry()
    rules: dict[str, RuleConfig] = {}
    for name, entry in expect_mapping(value, f"{where}: rules").items():
        rule_id = registry.resolve(str(name))
        spec = registry.get(rule_id)
        if spec is None or spec.kind not in CHECK_KINDS:
            raise ConfigError(f"{where}: unknown rule {name!r} (see 'speclint rules')")
        config = _rule_config(entry, f"{where}: rule {name}")
        try:
            options = check_options(spec.option_specs, config.options)
        except OptionError as error:
            raise ConfigError(f"{where}: rule {name}: {error}") from None
        rules[rule_id] = replace(config, options=options)
    return rules


def _rule_config(entry: Any, where: str) -> RuleConfig:
    if entry is False or entry == "off":
        return RuleConfig(None)
    if entry is True or entry == "on":
        return RuleConfig(None, keep_severity=True)
    if isinstance(entry, str):
        return RuleConfig(_severity(entry, where))
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: expected off, a severity, or {{severity, options}}")
    unknown = set(entry) - _RULE_KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown key {sorted(unknown)[0]!r} (expected severity, options)")
    options = dict(expect_mapping(entry.get("options") or {}, f"{where}: options"))
    if "severity" not in entry:
        return RuleConfig(None, options, keep_severity=True)
    severity = entry["severity"]
    if severity is False or severity == "off":
        return RuleConfig(None, options)
    return RuleConfig(_severity(str(severity), where), options)


def _severity(value: str, where: str) -> Severity:
    if value not in _SEVERITIES:
        raise ConfigError(f"{where}: unknown severity {value!r} (expected off, {', '.join(_SEVERITIES)})")
    return _SEVERITIES[value]


def parse_overrides(value: Any, where: str, base: Path) -> list[Override]:
    if not isinstance(value, list):
        raise ConfigError(f"{where}: overrides: expected a list")
    result = []
    for index, entry in enumerate(value):
        here = f"{where}: overrides[{index}]"
        entry = expect_mapping(entry, here)
        unknown = set(entry) - {"files", "rules"}
        if unknown or "files" not in entry:
            raise ConfigError(f"{here}: expected the keys files and rules")
        rules = parse_rules(entry.get("rules") or {}, here)
        result.append(Override(tuple(expect_names(entry["files"], f"{here}: files")), rules, base))
    return result


def merge_rules(into: dict[str, RuleConfig], extra: Mapping[str, RuleConfig]) -> None:
    """Apply ``extra`` over ``into``: severities replace, options merge (per format too)."""
    for rule_id, new in extra.items():
        old = into.get(rule_id)
        if old is None:
            into[rule_id] = new
            continue
        severity = old.severity if new.keep_severity else new.severity
        keep = old.keep_severity and new.keep_severity
        into[rule_id] = RuleConfig(severity, merge_options(old.options, new.options), keep)


def merge_options(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """``new`` over ``old``; a value per format merges with the one it replaces, so a format it
    does not name keeps its value."""
    merged = dict(old)
    for name, value in new.items():
        before = merged.get(name)
        if is_per_format(value) and is_per_format(before):
            merged[name] = {**before, **value}
        elif is_per_format(value) and before is not None and not isinstance(before, Mapping):
            merged[name] = {**dict.fromkeys(_FORMATS, before), **value}
        else:
            merged[name] = value
    return merged


def merge_into(target: Ruleset, other: Ruleset) -> None:
    merge_rules(target.rules, other.rules)
    target.settings.update(other.settings)
    target.overrides.extend(other.overrides)
    target.definitions.extend(other.definitions)


def names_in(rulesets: Iterable[Ruleset]) -> set[str]:
    return {rule_id for r in rulesets for rule_id in r.rules}
