"""Typed rule options: declared with the rule, checked when the configuration is read.

A rule declares its options as ``options={"name": default}`` or, when only some values are
valid, ``options={"name": Option(default, choices=...)}``. The type of an option is the type of
its default (bool, int, str, or a list of strings); any option may also be given one value per
format (``{openapi: camelCase, graphql: PascalCase}``). :func:`check_options` turns a user's
options into validated values, or raises :class:`OptionError` naming the key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, TypeGuard

from speclint.model import SpecFormat

_FORMATS = frozenset(f.value for f in SpecFormat)


class OptionError(ValueError):
    """A rule option that does not exist, or a value it cannot take."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"option {key!r}: {message}")
        self.key = key


@dataclass(frozen=True)
class Option:
    """One option of a rule: its default, and the values it accepts (any of its type when empty)."""

    default: Any
    choices: tuple[str, ...] = ()

    @property
    def kind(self) -> type:
        sample = self.default
        if is_per_format(sample):
            sample = next(iter(sample.values()))
        if isinstance(sample, bool):
            return bool
        if isinstance(sample, (list, tuple)):
            return list
        return type(sample)

    def check(self, key: str, value: Any) -> Any:
        """``value`` as the rule reads it; per-format mappings are checked value by value."""
        if isinstance(value, Mapping):
            if not is_per_format(value):
                formats = ", ".join(sorted(_FORMATS))
                raise OptionError(key, f"expected {self.expected()}, or one value per format ({formats})")
            return {name: self._check_one(key, item) for name, item in value.items()}
        return self._check_one(key, value)

    def _check_one(self, key: str, value: Any) -> Any:
        kind = self.kind
        if kind is list:
            if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
                raise OptionError(key, f"expected {self.expected()}, got {value!r}")
            return list(value)
        if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise OptionError(key, f"expected {self.expected()}, got {value!r}")
        if kind is not int and not isinstance(value, kind):
            raise OptionError(key, f"expected {self.expected()}, got {value!r}")
        if self.choices and value not in self.choices:
            raise OptionError(key, f"expected {self.expected()}, got {value!r}")
        return value

    def expected(self) -> str:
        if self.choices:
            return "one of " + ", ".join(self.choices)
        return {bool: "true or false", int: "an integer", list: "a list of strings"}.get(self.kind, "a string")


def is_per_format(value: Any) -> TypeGuard[Mapping[str, Any]]:
    """Whether ``value`` is a mapping from format names to values."""
    return isinstance(value, Mapping) and bool(value) and set(value) <= _FORMATS


def declare(options: Mapping[str, Any] | None) -> dict[str, Option]:
    """The ``options=`` of ``@rule``, each value an :class:`Option` (a bare value is its default)."""
    return {name: value if isinstance(value, Option) else Option(value) for name, value in (options or {}).items()}


def check_options(declared: Mapping[str, Option], given: Mapping[str, Any]) -> dict[str, Any]:
    """``given`` validated against ``declared``; raises :class:`OptionError` on the first bad key."""
    result = {}
    for key, value in given.items():
        option = declared.get(str(key))
        if option is None:
            names = ", ".join(sorted(declared)) or "none"
            raise OptionError(str(key), f"unknown option (this rule's options: {names})")
        result[str(key)] = option.check(str(key), value)
    return result
