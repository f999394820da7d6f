"""From command-line options and configuration to the settings of one lint run."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from speclint.config.buf import discover_buf
from speclint.config.files import Config, PathIgnore, discover_config, load_config
from speclint.config.redocly import discover_redocly
from speclint.config.ruleset import Override, RuleConfig, load_ruleset, merge_options, merge_rules
from speclint.findings import Finding
from speclint.lint.selection import RuleSetting, effective_settings
from speclint.rules.registry import CHECK_KINDS, Registry, RuleSpec, builtin_registry
from speclint.sources.data_files import files_read, forget_files_read
from speclint.sources.globs import matches


@dataclass
class RunConfig:
    """Everything a ``check`` run takes from configuration."""

    settings: dict[str, RuleSetting]
    loader_settings: dict[str, Any] = field(default_factory=dict)
    fail_on: str | None = None
    config_path: Path | None = None
    ruleset: str = "recommended"
    overrides: list[Override] = field(default_factory=list)
    ignores: list[PathIgnore] = field(default_factory=list)
    base_off: frozenset[str] = frozenset()  # on only because an override turns them on
    cwd: Path = field(default_factory=Path.cwd)
    registry: Registry = field(default_factory=builtin_registry)  # the built-in rules, and this run's own
    docs_url: str = ""
    inputs: dict[str, str] = field(default_factory=dict)  # configuration and ruleset files read: digests

    def apply(self, findings: Iterable[Finding]) -> list[Finding]:
        """Per-file overrides and path ignores, applied to the findings of the run."""
        if not self.overrides and not self.ignores:
            return list(findings)
        memo: dict[tuple[str, str], Finding | None] = {}
        result = []
        for finding in findings:
            adjusted = self._adjust(finding, memo)
            if adjusted is not None:
                result.append(adjusted)
        return result

    def _adjust(self, finding: Finding, memo: dict[tuple[str, str], Finding | None]) -> Finding | None:
        key = (finding.file, finding.rule)
        if key in memo:
            template = memo[key]
            if template is None:
                return None
            return finding if template.severity is finding.severity else replace(finding, severity=template.severity)
        on = finding.rule not in self.base_off
        severity = finding.severity
        for override in self.overrides:
            setting = override.rules.get(finding.rule)
            if setting is None or not _file_matches(override.patterns, finding.file, override.base, self.cwd):
                continue
            if setting.severity is None and not setting.keep_severity:
                on = False
            else:
                on = True
                severity = setting.severity or severity
        for ignore in self.ignores:
            if (not ignore.rules or finding.rule in ignore.rules or finding.category.value in ignore.rules) and (
                _file_matches(ignore.patterns, finding.file, ignore.base, self.cwd)
            ):
                on = False
        result = None if not on else finding if severity is finding.severity else replace(finding, severity=severity)
        memo[key] = result
        return result


@lru_cache(maxsize=4096)
def _file_matches(patterns: tuple[str, ...], file: str, base: Path, cwd: Path) -> bool:
    return matches(patterns, file, base, cwd)


def resolve_run_config(
    config_file: str | None,
    ruleset: str | None,
    select: list[str],
    ignore: list[str],
    cwd: Path | None = None,
) -> RunConfig:
    """Load the configuration and the ruleset; ``ruleset`` (``--ruleset``) wins over the config's."""
    cwd = cwd or Path.cwd()
    forget_files_read()
    config: Config | None = load_config(Path(config_file)) if config_file else discover_config(cwd)
    from speclint.config.custom_rulesets import discovered_ruleset

    if not ruleset and config is None:  # no speclint configuration: a .spectral.yaml, if there is one
        ruleset = discovered_ruleset(cwd)
    name = ruleset or (config.ruleset if config else None) or "recommended"
    base = cwd if ruleset or config is None else config.folder
    loaded = load_ruleset(name, base)
    rules = dict(loaded.rules)
    overrides = list(loaded.overrides)
    loader_settings = dict(loaded.settings)
    # A buf.yaml and a redocly.yaml keep working, under the speclint configuration.
    merge_rules(rules, discover_redocly(cwd))
    buf = discover_buf(cwd)
    if buf is not None:
        merge_rules(rules, buf.rules)
        overrides.extend(buf.overrides)
    if config is not None:
        merge_rules(rules, config.rules)
        overrides.extend(config.overrides)
        loader_settings.update(config.settings)
    registry = builtin_registry().overlay(loaded.definitions) if loaded.definitions else builtin_registry()
    by_id = {r.id: r for r in registry.specs(CHECK_KINDS)}
    configured = {rule_id: _setting(by_id[rule_id], rules.get(rule_id)) for rule_id in by_id}
    base_off = set()
    for override in overrides:
        for rule_id, setting in override.rules.items():
            if configured[rule_id] is None and (setting.severity is not None or setting.keep_severity):
                configured[rule_id] = _setting(
                    by_id[rule_id], replace(setting, options=rules.get(rule_id, setting).options)
                )
                base_off.add(rule_id)
    select = [registry.resolve(name) for name in select]
    base_off -= {r.id for r in by_id.values() if r.id in select or r.group in select}
    settings = effective_settings(select, [registry.resolve(name) for name in ignore], configured, registry)
    for rule_id, scopes in (buf.scoped if buf else {}).items():
        if rule_id in settings:  # a buf.yaml module with options of its own
            current = settings[rule_id]
            scoped = tuple((folder, merge_options(current.options, options)) for folder, options in scopes)
            settings[rule_id] = replace(current, scoped=scoped)
    return RunConfig(
        settings=settings,
        loader_settings=loader_settings,
        fail_on=config.fail_on if config else None,
        config_path=config.path if config else None,
        ruleset=name,
        overrides=overrides,
        ignores=(config.ignore if config else []) + (buf.ignores if buf else []),
        base_off=frozenset(base_off),
        cwd=cwd,
        registry=registry,
        docs_url=config.docs_url if config else "",
        inputs=files_read(),
    )


def _setting(rule: RuleSpec, config: RuleConfig | None) -> RuleSetting | None:
    if config is None:
        return None
    if config.severity is None and not config.keep_severity:
        return None
    return RuleSetting(config.severity or rule.severity, merge_options(rule.options, config.options))
