"""The rule registry: filled by the ``@rule`` decorator, never by a hand-kept list."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, NamedTuple

from speclint.findings import Category, Severity
from speclint.model import Api, Location, SpecFormat

ALL_FORMATS = frozenset(SpecFormat)


class Problem(NamedTuple):
    """What a rule yields: where, and what is wrong there."""

    location: Location
    message: str


@dataclass(frozen=True)
class RuleContext:
    """What a rule may read besides the model: its options, resolved for the API's format."""

    api: Api
    options: Mapping[str, Any] = field(default_factory=dict)

    def option(self, name: str) -> Any:
        value = self.options.get(name)
        if isinstance(value, Mapping) and self.api.format.value in value:
            return value[self.api.format.value]
        return value


Check = Callable[[Api, RuleContext], Iterable[Problem]]


@dataclass(frozen=True)
class Rule:
    id: str
    category: Category
    severity: Severity
    formats: frozenset[SpecFormat]
    doc: str
    check: Check | None = None  # None: reported by the loaders, documented here
    options: Mapping[str, Any] = field(default_factory=dict)
    origin: str = "speclint"

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0].strip() if self.doc.strip() else ""

    def applies_to(self, spec_format: SpecFormat) -> bool:
        return spec_format in self.formats


_RULES: dict[str, Rule] = {}
_LOADED = False


def rule(
    id: str,
    *,
    category: Category,
    severity: Severity,
    formats: Iterable[SpecFormat] = ALL_FORMATS,
    options: Mapping[str, Any] | None = None,
) -> Callable[[Check], Check]:
    """Register ``check`` as the rule ``id``; its docstring is the rule's documentation."""

    def decorate(check: Check) -> Check:
        doc = inspect.cleandoc(check.__doc__ or "")
        register(
            Rule(
                id=id,
                category=category,
                severity=severity,
                formats=frozenset(formats),
                doc=doc,
                check=check,
                options=dict(options or {}),
                origin=_origin(check),
            )
        )
        return check

    return decorate


def register(new: Rule) -> None:
    existing = _RULES.get(new.id)
    if existing is not None and existing.check is not new.check:
        raise ValueError(f"rule id {new.id!r} is registered twice")
    _RULES[new.id] = new


def _origin(check: Check) -> str:
    module = getattr(check, "__module__", "") or ""
    return "speclint" if module.startswith("speclint.") else module.split(".")[0]


def _load() -> None:
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    import speclint.rules as package

    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
    _load_entry_points()


def _load_entry_points() -> None:
    from importlib.metadata import entry_points

    for entry in entry_points(group="speclint.rules"):
        try:
            entry.load()
        except Exception as error:
            import sys

            sys.stderr.write(f"speclint: warning: rule pack {entry.name!r} failed to load: {error}\n")


def all_rules() -> list[Rule]:
    _load()
    return sorted(_RULES.values(), key=lambda r: r.id)


def get_rule(rule_id: str) -> Rule | None:
    _load()
    return _RULES.get(rule_id)
