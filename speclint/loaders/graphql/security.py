"""Auth directives (``@auth``, ``@requiresScopes``, ``@public``...) as model security."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import product
from typing import Any

from speclint.loaders.graphql.source import SourceFile
from speclint.model import NO_SECURITY, SchemeUse, Security, SecurityRequirement

DEFAULT_AUTH_DIRECTIVES = ("auth", "authenticated", "requiresScopes", "hasRole", "policy", "requireAuth")
DEFAULT_PUBLIC_DIRECTIVES = ("public",)
_MAX_REQUIREMENTS = 64
_MAX_SCOPES = 256

Use = tuple[SourceFile, Any]  # a file and a DirectiveNode in it


def directive_names(setting: object, default: tuple[str, ...]) -> frozenset[str]:
    """Directive names from a setting: a list of names or a comma-separated string."""
    if setting is None:
        return frozenset(default)
    if isinstance(setting, str):
        return frozenset(n.strip().lstrip("@") for n in setting.split(",") if n.strip())
    if isinstance(setting, Iterable):
        return frozenset(str(n).strip().lstrip("@") for n in setting if str(n).strip())
    return frozenset(default)


def security_of(
    uses: list[Use], coordinate: str, auth: frozenset[str], public: frozenset[str]
) -> Security | None:
    """The security the directives ``uses`` of one element declare, or None when they say nothing.

    Each auth directive is a scheme; several on one element must all hold (one requirement).
    A directive whose argument is a list of lists (``@requiresScopes(scopes: [["a", "b"], ["c"]])``)
    offers alternatives: any inner list satisfies it.
    """
    choices: list[list[SchemeUse]] = []
    is_public = False
    for file, node in uses:
        name = node.name.value
        if name in auth:
            location = file.location(coordinate, node)  # the element's coordinate, the directive's span
            choices.append([SchemeUse(name, scopes, location) for scopes in _scope_sets(node)])
        elif name in public:
            is_public = True
    if not choices:
        return Security((), "operation") if is_public else None
    requirements = []
    for combination in product(*choices):
        requirements.append(SecurityRequirement(tuple(combination), combination[0].location))
        if len(requirements) >= _MAX_REQUIREMENTS:
            break
    return Security(tuple(requirements), "operation")


def operation_security(
    field_uses: list[Use], type_uses: list[Use], coordinate: str, auth: frozenset[str], public: frozenset[str]
) -> Security:
    """A root field's own directives (``coordinate`` is ``Type.field``) win over its root type's."""
    own = security_of(field_uses, coordinate, auth, public)
    if own is not None:
        return own
    inherited = security_of(type_uses, coordinate.partition(".")[0], auth, public)
    return inherited if inherited is not None else NO_SECURITY


def _scope_sets(directive: Any) -> list[tuple[str, ...]]:
    """The alternative scope sets of one directive use (``[()]`` when it has no arguments)."""
    flat: list[str] = []
    alternatives: list[tuple[str, ...]] = []
    for argument in directive.arguments or ():
        value = argument.value
        if value.kind == "list_value" and value.values and all(v.kind == "list_value" for v in value.values):
            for inner in value.values:
                alternatives.append(tuple(_strings(inner)))
        else:
            flat.extend(_strings(value))
    if alternatives:
        return [tuple(flat) + alt for alt in alternatives[:_MAX_REQUIREMENTS]]
    return [tuple(flat)]


def _strings(value: Any) -> list[str]:
    """String and enum values in a value literal, lists flattened (objects and numbers ignored)."""
    found: list[str] = []
    stack = [value]
    while stack and len(found) < _MAX_SCOPES:
        node = stack.pop()
        if node.kind in ("string_value", "enum_value"):
            found.append(node.value)
        elif node.kind == "list_value":
            stack.extend(reversed(node.values))
    return found
