"""A ``buf.yaml``'s ``lint`` section as speclint rule settings, so teams moving from buf keep it.

Found from the current folder upward (stopping at the root of a git work tree). Versions v1
(``lint:``) and v2 are read; in v2 each of the ``modules:`` has its own ``lint:`` (or the
top-level one) for the files under its ``path``, and its ``excludes`` are not linted:
``use`` and ``except`` (rule ids and categories) select the protobuf rules that buf's rules map
to, with buf's naming behaviour (enum values of nested enums prefixed, standard response
names); ``ignore`` and ``ignore_only`` become path ignores; ``enum_zero_value_suffix``,
``service_suffix``, ``rpc_allow_same_request_response`` and
``rpc_allow_google_protobuf_empty_requests``/``_responses`` become rule options.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from speclint.config.files import PathIgnore
from speclint.config.ruleset import Override, RuleConfig
from speclint.errors import ConfigError
from speclint.findings import Severity
from speclint.sources.data_files import read_yaml

BUF_NAMES = ("buf.yaml", "buf.yml")

# buf rule -> the speclint rules that make its findings.
BUF_RULES: dict[str, tuple[str, ...]] = {
    "DIRECTORY_SAME_PACKAGE": ("protobuf-package-folder",),
    "PACKAGE_DIRECTORY_MATCH": ("protobuf-package-folder",),
    "PACKAGE_SAME_DIRECTORY": ("protobuf-package-folder",),
    "ENUM_NO_ALLOW_ALIAS": ("protobuf-enum-no-alias",),
    "ENUM_PASCAL_CASE": ("type-name-casing",),
    "MESSAGE_PASCAL_CASE": ("type-name-casing",),
    "SERVICE_PASCAL_CASE": ("type-name-casing",),
    "ENUM_VALUE_UPPER_SNAKE_CASE": ("enum-value-casing",),
    "FIELD_LOWER_SNAKE_CASE": ("field-name-casing",),
    "ONEOF_LOWER_SNAKE_CASE": ("protobuf-oneof-name-casing",),
    "IMPORT_NO_PUBLIC": ("protobuf-import-no-public",),
    "IMPORT_USED": ("protobuf-import-used",),
    "PACKAGE_LOWER_SNAKE_CASE": ("protobuf-package-casing",),
    "PACKAGE_SAME_CSHARP_NAMESPACE": ("protobuf-package-options-agree",),
    "PACKAGE_SAME_GO_PACKAGE": ("protobuf-package-options-agree",),
    "PACKAGE_SAME_JAVA_MULTIPLE_FILES": ("protobuf-package-options-agree",),
    "PACKAGE_SAME_JAVA_PACKAGE": ("protobuf-package-options-agree",),
    "PACKAGE_SAME_PHP_NAMESPACE": ("protobuf-package-options-agree",),
    "PACKAGE_SAME_RUBY_PACKAGE": ("protobuf-package-options-agree",),
    "PACKAGE_SAME_SWIFT_PREFIX": ("protobuf-package-options-agree",),
    "RPC_PASCAL_CASE": ("protobuf-rpc-name-casing",),
    "ENUM_VALUE_PREFIX": ("protobuf-enum-value-prefix",),
    "ENUM_ZERO_VALUE_SUFFIX": ("protobuf-enum-zero-value",),
    "PACKAGE_VERSION_SUFFIX": ("protobuf-package-version",),
    "RPC_REQUEST_RESPONSE_UNIQUE": ("protobuf-rpc-types-unique",),
    "RPC_REQUEST_STANDARD_NAME": ("protobuf-rpc-request-response",),
    "RPC_RESPONSE_STANDARD_NAME": ("protobuf-rpc-request-response",),
    "SERVICE_SUFFIX": ("protobuf-service-suffix",),
    "COMMENT_ENUM": ("protobuf-comment-enum",),
    "COMMENT_ENUM_VALUE": ("protobuf-comment-enum-value",),
    "COMMENT_FIELD": ("protobuf-comment-field",),
    "COMMENT_MESSAGE": ("protobuf-comment-message",),
    "COMMENT_ONEOF": ("protobuf-comment-oneof",),
    "COMMENT_RPC": ("protobuf-comment-rpc",),
    "COMMENT_SERVICE": ("protobuf-comment-service",),
}
_MINIMAL = ("DIRECTORY_SAME_PACKAGE", "PACKAGE_DEFINED", "PACKAGE_DIRECTORY_MATCH", "PACKAGE_NO_IMPORT_CYCLE",
            "PACKAGE_SAME_DIRECTORY")  # fmt: skip
_BASIC = _MINIMAL + tuple(
    r
    for r in BUF_RULES
    if r.startswith(("ENUM_", "FIELD_", "IMPORT_", "MESSAGE_", "ONEOF_", "PACKAGE_", "RPC_PASCAL", "SERVICE_PASCAL"))
    and r not in ("ENUM_VALUE_PREFIX", "ENUM_ZERO_VALUE_SUFFIX", "PACKAGE_VERSION_SUFFIX")
)
CATEGORIES: dict[str, tuple[str, ...]] = {
    "MINIMAL": _MINIMAL,
    "BASIC": _BASIC,
    "STANDARD": (*_BASIC, "ENUM_VALUE_PREFIX", "ENUM_ZERO_VALUE_SUFFIX", "FILE_LOWER_SNAKE_CASE",
                 "PACKAGE_VERSION_SUFFIX", "RPC_REQUEST_RESPONSE_UNIQUE", "RPC_REQUEST_STANDARD_NAME",
                 "RPC_RESPONSE_STANDARD_NAME", "SERVICE_SUFFIX"),
    "COMMENTS": tuple(r for r in BUF_RULES if r.startswith("COMMENT_")),
    "UNARY_RPC": ("RPC_NO_CLIENT_STREAMING", "RPC_NO_SERVER_STREAMING"),
}  # fmt: skip
CATEGORIES["DEFAULT"] = CATEGORIES["STANDARD"]  # v1's name for it
_SHARED = frozenset({"type-name-casing", "field-name-casing", "enum-value-casing"})  # also other formats
_KEYS = frozenset(
    {
        "use", "except", "ignore", "ignore_only", "enum_zero_value_suffix", "service_suffix",
        "rpc_allow_same_request_response", "rpc_allow_google_protobuf_empty_requests",
        "rpc_allow_google_protobuf_empty_responses", "allow_comment_ignores", "disallow_comment_ignores",
        "disable_builtin",
    }
)  # fmt: skip


@dataclass
class BufLint:
    """What a ``buf.yaml`` asks of speclint's protobuf rules."""

    path: Path
    rules: dict[str, RuleConfig] = field(default_factory=dict)  # protobuf-only rules, on or off
    overrides: list[Override] = field(default_factory=list)  # rules off for some .proto files
    ignores: list[PathIgnore] = field(default_factory=list)
    # rule -> (module folder, options) where a module's lint section asks for other options
    scoped: dict[str, list[tuple[str, dict[str, Any]]]] = field(default_factory=dict)


@dataclass
class _Lint:
    """One ``lint`` section: the speclint rules it turns on, with their options."""

    on: set[str]
    options: dict[str, dict[str, Any]]
    ignores: list[PathIgnore]


def discover_buf(start: Path) -> BufLint | None:
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        for name in BUF_NAMES:
            path = candidate / name
            if path.is_file():
                return load_buf(path)
        if (candidate / ".git").exists():
            break
    return None


def load_buf(path: Path) -> BufLint:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping")
    modules = data.get("modules") if str(data.get("version", "")) == "v2" else None
    if modules is not None and not (isinstance(modules, list) and all(isinstance(m, dict) for m in modules)):
        raise ConfigError(f"{path}: modules: expected a list of mappings")
    top = _section(data.get("lint"), path, "lint")
    if not modules:
        return _single(path, _lint(top or {}, path))
    return _modules(path, top, modules)


def _section(lint: Any, path: Path, key: str) -> dict[str, Any] | None:
    if lint is None:
        return None
    if not isinstance(lint, dict):
        raise ConfigError(f"{path}: {key}: expected a mapping")
    unknown = sorted(set(lint) - _KEYS)
    if unknown:
        raise ConfigError(f"{path}: {key}: unknown key {unknown[0]!r}")
    return lint


def _lint(lint: dict[str, Any], path: Path) -> _Lint:
    used = _expand(lint.get("use") or ["STANDARD"], path, "use") - _expand(lint.get("except") or [], path, "except")
    on: set[str] = {rule for buf_rule in used for rule in BUF_RULES.get(buf_rule, ())}
    options = {rule: _options(rule, used, lint, path) for rule in _ALL if rule not in _SHARED}
    return _Lint(on, options, _ignores(lint, path, on))


_ALL = tuple(sorted({r for rules in BUF_RULES.values() for r in rules}))


def _single(path: Path, lint: _Lint) -> BufLint:
    result = BufLint(path, ignores=lint.ignores)
    for rule in _ALL:
        if rule in _SHARED:
            if rule not in lint.on:
                result.overrides.append(Override(("**/*.proto",), {rule: RuleConfig(None)}, path.parent))
            continue
        result.rules[rule] = RuleConfig(Severity.WARNING, lint.options[rule]) if rule in lint.on else RuleConfig(None)
    return result


def _modules(path: Path, top: dict[str, Any] | None, modules: list[dict[str, Any]]) -> BufLint:
    """v2 with ``modules:``: each module's ``lint`` (or the top-level one) applies to its files,
    and its ``excludes`` are not linted."""
    base = path.parent
    result = BufLint(path)
    parts: list[tuple[tuple[str, ...], str, _Lint]] = []
    for index, module in enumerate(modules):
        where = f"modules[{index}]"
        folder = module.get("path", ".")
        if not isinstance(folder, str):
            raise ConfigError(f"{path}: {where}: path: expected a string")
        lint = _lint(_section(module.get("lint"), path, f"{where}: lint") or top or {}, path)
        patterns = _patterns([folder], path, f"{where}: path") if folder.strip("/.") else ("**",)
        parts.append((patterns, os.path.realpath(base / folder), lint))
        result.ignores += lint.ignores
        excludes = module.get("excludes") or []
        if excludes:
            result.ignores.append(PathIgnore(_patterns(excludes, path, f"{where}: excludes"), (), base))
    for rule in _ALL:
        using = [(patterns, folder, lint) for patterns, folder, lint in parts if rule in lint.on]
        for patterns, _, lint in parts:
            if rule not in lint.on and (using or rule in _SHARED):
                proto = tuple(f"{p}/*.proto" if p.endswith("**") else p for p in patterns)
                result.overrides.append(Override(proto, {rule: RuleConfig(None)}, base))
        if rule in _SHARED:
            continue
        if not using:
            result.rules[rule] = RuleConfig(None)
            continue
        first = using[0][2].options[rule]
        result.rules[rule] = RuleConfig(Severity.WARNING, first)
        scoped = [(folder, lint.options[rule]) for _, folder, lint in using if lint.options[rule] != first]
        if scoped:
            result.scoped[rule] = [(folder, lint.options[rule]) for _, folder, lint in using]
    return result


def _expand(names: Any, path: Path, key: str) -> set[str]:
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ConfigError(f"{path}: lint: {key}: expected a list of rule ids or categories")
    found: set[str] = set()
    for name in names:
        found.update(CATEGORIES.get(name, (name,)))
    return found


def _options(rule: str, used: set[str], lint: dict[str, Any], path: Path) -> dict[str, Any]:
    """Options that make ``rule`` behave as buf's rules (and the ``buf.yaml``'s options) do."""
    if rule == "protobuf-enum-value-prefix":
        return {"scoped_enums_exempt": False, "exact_prefix": True}
    if rule == "protobuf-enum-zero-value":
        suffix = _text(lint, "enum_zero_value_suffix", "_UNSPECIFIED", path)
        return {"suffix": suffix, "scoped_enums_exempt": False, "suffix_only": True}
    if rule == "protobuf-service-suffix":
        return {"suffix": _text(lint, "service_suffix", "Service", path)}
    if rule == "protobuf-rpc-request-response":
        return {
            "aip_responses": False,
            "requests": "RPC_REQUEST_STANDARD_NAME" in used,
            "responses": "RPC_RESPONSE_STANDARD_NAME" in used,
        }
    if rule == "protobuf-rpc-types-unique":
        return {
            "allow_same_request_response": bool(lint.get("rpc_allow_same_request_response", False)),
            "allow_empty_requests": bool(lint.get("rpc_allow_google_protobuf_empty_requests", False)),
            "allow_empty_responses": bool(lint.get("rpc_allow_google_protobuf_empty_responses", False)),
        }
    if rule == "protobuf-package-folder":
        return {"from_root": bool(used & {"PACKAGE_DIRECTORY_MATCH", "PACKAGE_SAME_DIRECTORY"})}
    if rule == "protobuf-package-options-agree":
        return {"options": _package_options(used)}
    return {}


def _package_options(used: set[str]) -> list[str]:
    names = {
        "PACKAGE_SAME_CSHARP_NAMESPACE": "csharp_namespace",
        "PACKAGE_SAME_GO_PACKAGE": "go_package",
        "PACKAGE_SAME_JAVA_MULTIPLE_FILES": "java_multiple_files",
        "PACKAGE_SAME_JAVA_PACKAGE": "java_package",
        "PACKAGE_SAME_PHP_NAMESPACE": "php_namespace",
        "PACKAGE_SAME_RUBY_PACKAGE": "ruby_package",
        "PACKAGE_SAME_SWIFT_PREFIX": "swift_prefix",
    }
    return sorted(option for rule, option in names.items() if rule in used)


def _text(lint: dict[str, Any], key: str, default: str, path: Path) -> str:
    value = lint.get(key, default)
    if not isinstance(value, str):
        raise ConfigError(f"{path}: lint: {key}: expected a string")
    return value


def _ignores(lint: dict[str, Any], path: Path, on: set[str]) -> list[PathIgnore]:
    base = path.parent
    found = []
    everything = tuple(sorted(on))
    paths = lint.get("ignore") or []
    if paths:
        found.append(PathIgnore(_patterns(paths, path, "ignore"), everything, base))
    only = lint.get("ignore_only") or {}
    if not isinstance(only, dict):
        raise ConfigError(f"{path}: lint: ignore_only: expected a mapping")
    for buf_rule, rule_paths in only.items():
        rules = tuple(sorted({r for name in CATEGORIES.get(buf_rule, (buf_rule,)) for r in BUF_RULES.get(name, ())}))
        if rules:
            found.append(PathIgnore(_patterns(rule_paths, path, f"ignore_only: {buf_rule}"), rules, base))
    return found


def _patterns(paths: Any, path: Path, key: str) -> tuple[str, ...]:
    if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
        raise ConfigError(f"{path}: lint: {key}: expected a list of paths")
    patterns: list[str] = []
    for item in paths:
        item = item.strip("/")
        patterns += [item, f"{item}/**"]
    return tuple(patterns)
