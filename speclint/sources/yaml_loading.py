"""YAML text to data: yaml-rs, or PyYAML's C loader where yaml-rs cannot be imported.

yaml-rs (Rust) is the fast, safe reader speclint is built on; it has wheels for the common
platforms. Where it cannot be imported, PyYAML's safe loader (its C variant when built with
libyaml) reads the same data, and a one-line notice on standard error says so, once per run.
Errors come back as :class:`YamlError` with a message in yaml-rs's words ("... at line L,
column C"), so callers word and place them one way.
"""

from __future__ import annotations

import sys
from typing import Any

_MAX_REPLAYED_EVENTS = 1_000_000
_MAX_REPLAY_DEPTH = 64
_noticed = False


class YamlError(Exception):
    """The text is not valid YAML (or exceeds a limit); the message names line and column."""


def load_yaml(text: str, *, alias_limits: bool = False) -> Any:
    """The data of ``text``; ``alias_limits`` bounds alias expansion (alias bombs)."""
    try:
        import yaml_rs
    except ImportError:
        return _load_with_pyyaml(text)
    try:
        if alias_limits:
            limits = yaml_rs.AliasLimits(
                max_total_replayed_events=_MAX_REPLAYED_EVENTS, max_replay_stack_depth=_MAX_REPLAY_DEPTH
            )
            return yaml_rs.loads(text, parse_datetime=False, alias_limits=limits)
        return yaml_rs.loads(text, parse_datetime=False)
    except Exception as error:
        raise YamlError(str(error)) from None


def _load_with_pyyaml(text: str) -> Any:
    try:
        import yaml
    except ImportError:
        raise YamlError("cannot read YAML: neither yaml-rs nor PyYAML can be imported") from None
    _notice_once(yaml)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=_without_timestamps(yaml, loader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        raise YamlError(f"YAML parse error{where}\n{error.problem or error}") from None
    except (yaml.YAMLError, RecursionError) as error:
        raise YamlError(str(error) or "invalid YAML") from None


def _without_timestamps(yaml: Any, loader: Any) -> Any:
    """A loader that keeps timestamps as strings, as yaml-rs is asked to (``parse_datetime=False``)."""

    class Loader(loader):
        pass

    Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)
    return Loader


def _notice_once(yaml: Any) -> None:
    global _noticed
    if not _noticed:
        _noticed = True
        kind = "C" if hasattr(yaml, "CSafeLoader") else "pure-Python"
        sys.stderr.write(f"speclint: notice: yaml-rs cannot be imported; reading YAML with PyYAML's {kind} loader\n")
