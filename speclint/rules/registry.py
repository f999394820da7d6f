"""The rule catalogue: one :class:`RuleSpec` per id speclint can print, held by a :class:`Registry`.

Every id has one spec, whatever finds it: a lint rule (``@rule``), a loader problem, a change
rule of ``diff`` or a contract check of ``fuzz`` (``kind``). The built-in registry is filled by
the ``@rule`` decorator and the documentation modules of this package as they are imported,
never by a hand-kept list, and by the ``speclint.rules`` entry-point group. A run that adds rules
(a custom ruleset) gets an overlay — ``registry.overlay(specs)`` — and leaves the built-in
registry as it was, so two runs with different configurations in one process do not meet.

A renamed id stays a spec with ``status`` removed and ``replaced_by`` the new id:
:meth:`Registry.resolve` turns the old id into the new one wherever users wrote it.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Callable, Iterable, Mapping, NamedTuple

from speclint.findings import Category, Severity
from speclint.model import Api, Location, SpecFormat
from speclint.rules.options import Option, declare

ALL_FORMATS = frozenset(SpecFormat)


class Kind(str, Enum):
    """What reports an id: ``check`` (lint rules and loader problems), ``diff`` or ``fuzz``."""

    LINT = "lint"
    LOADER = "loader"
    CHANGE = "change"
    CONTRACT = "contract"


class Status(str, Enum):
    """A rule's life: stable, preview (may still change), deprecated (still runs), removed."""

    STABLE = "stable"
    PREVIEW = "preview"
    DEPRECATED = "deprecated"
    REMOVED = "removed"


class Problem(NamedTuple):
    """What a rule yields: where, and what is wrong there."""

    location: Location
    message: str


@dataclass(frozen=True)
class RuleContext:
    """What a rule may read besides the model: its options, resolved for the API's format, and
    ``shared``, a scratch space the rules of one run share for one API (work done once)."""

    api: Api
    options: Mapping[str, Any] = field(default_factory=dict)
    shared: dict[str, Any] = field(default_factory=dict)

    def option(self, name: str) -> Any:
        value = self.options.get(name)
        if isinstance(value, Mapping) and self.api.format.value in value:
            return value[self.api.format.value]
        return value


Check = Callable[[Api, RuleContext], Iterable[Problem]]


@dataclass(frozen=True)
class RuleSpec:
    """One id speclint can print, with its documentation (the docstring of a lint rule).

    ``category`` is set for lint rules, loader problems and contract checks; ``level``
    (breaking, potentially-breaking, non-breaking) for change rules. ``options`` holds the
    defaults, ``option_specs`` their types; ``check`` is None for what a rule function does
    not find (loader problems, changes, contract checks: documented here, found elsewhere).
    """

    id: str
    category: Category | None
    severity: Severity
    formats: frozenset[SpecFormat]
    doc: str
    check: Check | None = None
    options: Mapping[str, Any] = field(default_factory=dict)
    origin: str = "speclint"
    kind: Kind = Kind.LINT
    status: Status = Status.STABLE
    replaced_by: str | None = None
    level: str | None = None
    option_specs: Mapping[str, Option] = field(default_factory=dict)

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0].strip() if self.doc.strip() else ""

    @property
    def group(self) -> str:
        """The category, or the level of a change rule: what ``rules`` shows beside the id."""
        if self.category is not None:
            return self.category.value
        return str(self.level or "")

    def applies_to(self, spec_format: SpecFormat) -> bool:
        return spec_format in self.formats


Rule = RuleSpec  # the name lint code has always used


class Registry:
    """Rule specs by id; an overlay adds or replaces specs for one run, its base untouched."""

    def __init__(self, specs: Iterable[RuleSpec] = (), base: Registry | None = None) -> None:
        self._own: dict[str, RuleSpec] = {}
        self._base = base
        for spec in specs:
            self.add(spec)

    def add(self, spec: RuleSpec) -> None:
        existing = self._own.get(spec.id)
        if existing is not None and existing != spec:
            raise ValueError(f"rule id {spec.id!r} is registered twice")
        self._own[spec.id] = spec

    def overlay(self, specs: Iterable[RuleSpec]) -> Registry:
        """A registry with ``specs`` over this one (a spec of the same id replaces this one's)."""
        return Registry(specs, base=self)

    def get(self, rule_id: str) -> RuleSpec | None:
        spec = self._own.get(rule_id)
        if spec is None and self._base is not None:
            return self._base.get(rule_id)
        return spec

    def resolve(self, rule_id: str) -> str:
        """The id ``rule_id`` stands for now: the end of its ``replaced_by`` chain."""
        seen = {rule_id}
        spec = self.get(rule_id)
        while spec is not None and spec.replaced_by and spec.replaced_by not in seen:
            rule_id = spec.replaced_by
            seen.add(rule_id)
            spec = self.get(rule_id)
        return rule_id

    def specs(self, kinds: Iterable[Kind] | None = None, *, removed: bool = False) -> list[RuleSpec]:
        """Every spec (of ``kinds``), sorted by id; removed ids (redirects) only when asked."""
        wanted = frozenset(kinds) if kinds is not None else frozenset(Kind)
        merged = {s.id: s for s in self._base.specs(wanted, removed=True)} if self._base is not None else {}
        merged.update({i: s for i, s in self._own.items() if s.kind in wanted})
        return sorted((s for s in merged.values() if removed or s.status is not Status.REMOVED), key=lambda s: s.id)

    def ids(self, kinds: Iterable[Kind] | None = None) -> set[str]:
        return {s.id for s in self.specs(kinds)}


CHECK_KINDS = (Kind.LINT, Kind.LOADER)  # what ``check`` reports, selects and configures
_BUILTIN = Registry()
_LOADED = False


def rule(
    id: str,
    *,
    category: Category,
    severity: Severity,
    formats: Iterable[SpecFormat] = ALL_FORMATS,
    options: Mapping[str, Any] | None = None,
    status: Status = Status.STABLE,
) -> Callable[[Check], Check]:
    """Register ``check`` as the rule ``id``; its docstring is the rule's documentation.

    ``options`` maps each option to its default, or to an :class:`Option` that also names the
    values it accepts."""

    def decorate(check: Check) -> Check:
        declared = declare(options)
        register(
            RuleSpec(
                id=id,
                category=category,
                severity=severity,
                formats=frozenset(formats),
                doc=inspect.cleandoc(check.__doc__ or ""),
                check=check,
                options={name: option.default for name, option in declared.items()},
                origin=_origin(check),
                status=status,
                option_specs=declared,
            )
        )
        return check

    return decorate


def register(new: RuleSpec) -> None:
    """Add a built-in spec (at import time, from this package or a rule pack)."""
    _BUILTIN.add(new)


def redirect(old: str, new: str, kind: Kind = Kind.LINT) -> None:
    """Record that ``old`` was renamed ``new``: rulesets, suppressions and baselines keep working."""
    doc = f"Renamed to `{new}`; the old id keeps working wherever it is written."
    spec = RuleSpec(old, None, Severity.INFO, ALL_FORMATS, doc, kind=kind, status=Status.REMOVED, replaced_by=new)
    register(spec)


def _origin(check: Check) -> str:
    module = getattr(check, "__module__", "") or ""
    return "speclint" if module.startswith("speclint.") else module.split(".")[0]


def builtin_registry() -> Registry:
    """The built-in lint rules, loader problems, contract checks and installed rule packs."""
    global _LOADED
    if not _LOADED:
        _LOADED = True
        import speclint.rules as package

        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            importlib.import_module(info.name)
        _load_entry_points()
    return _BUILTIN


def _load_entry_points() -> None:
    from importlib.metadata import entry_points

    for entry in entry_points(group="speclint.rules"):
        try:
            entry.load()
        except Exception as error:
            import sys

            sys.stderr.write(f"speclint: warning: rule pack {entry.name!r} failed to load: {error}\n")


def all_rules() -> list[RuleSpec]:
    """The built-in rules ``check`` knows: lint rules and loader problems."""
    return builtin_registry().specs(CHECK_KINDS)


def get_rule(rule_id: str) -> RuleSpec | None:
    """A built-in spec ``check`` knows, by id (a renamed id gives its new rule)."""
    registry = builtin_registry()
    spec = registry.get(registry.resolve(rule_id))
    return spec if spec is not None and spec.kind in CHECK_KINDS else None
