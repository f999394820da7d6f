"""Operations that appear, disappear, change their operationId or their security."""

from __future__ import annotations

from speclint.diff.change import Level
from speclint.diff.context import DiffContext
from speclint.diff.registry import change_rule, comparator
from speclint.diff.rules.openapi_pairs import operation_pairs, path_anchor
from speclint.model import Operation, Security, SpecFormat

_OPENAPI = [SpecFormat.OPENAPI]
OPERATION_REMOVED = change_rule(
    "operation-removed", Level.BREAKING, "An operation, root field or RPC was removed."
)
DEPRECATED_OPERATION_REMOVED = change_rule(
    "deprecated-operation-removed",
    Level.POTENTIALLY_BREAKING,
    "An operation that was deprecated was removed: announced, but clients that still call it break.",
)
OPERATION_ADDED = change_rule("operation-added", Level.NON_BREAKING, "An operation, root field or RPC was added.")
OPERATION_DEPRECATED = change_rule("operation-deprecated", Level.NON_BREAKING, "An operation is now deprecated.")
OPERATION_ID_CHANGED = change_rule(
    "operation-id-changed",
    Level.POTENTIALLY_BREAKING,
    "An operationId changed or was removed: generated clients rename their method.",
    _OPENAPI,
)
SECURITY_ADDED = change_rule(
    "security-requirement-added",
    Level.BREAKING,
    "An operation asks for authentication, schemes or scopes it did not ask for.",
    _OPENAPI,
)
SECURITY_REMOVED = change_rule(
    "security-requirement-removed",
    Level.NON_BREAKING,
    "An operation accepts more ways to authenticate (or none).",
    _OPENAPI,
)


@comparator(SpecFormat.OPENAPI)
def compare_operations(ctx: DiffContext) -> None:
    for old, new in operation_pairs(ctx):
        if new is None and old is not None:
            anchor = path_anchor(ctx.new, old.path)
            if old.deprecation is not None:
                text = f"{old.display_name} was removed (it was deprecated)"
                ctx.report(DEPRECATED_OPERATION_REMOVED, text, old.location, None, anchor)
            else:
                ctx.report(OPERATION_REMOVED, f"{old.display_name} was removed", old.location, None, anchor)
        elif old is None and new is not None:
            ctx.report(OPERATION_ADDED, f"{new.display_name} was added", None, new.location)
        elif old is not None and new is not None:
            _compare_pair(ctx, old, new)


def _compare_pair(ctx: DiffContext, old: Operation, new: Operation) -> None:
    if new.deprecation is not None and old.deprecation is None:
        text = f"{new.display_name} is now deprecated"
        ctx.report(OPERATION_DEPRECATED, text, old.location, new.deprecation.location)
    if old.name and old.name != new.name:
        after = f"'{new.name}'" if new.name else "nothing"
        text = f"operationId of {new.display_name} changed from '{old.name}' to {after}"
        ctx.report(
            OPERATION_ID_CHANGED, text, old.name_location or old.location, new.name_location or new.location
        )
    _compare_security(ctx, old, new)


def _requirements(security: Security) -> list[dict[str, frozenset[str]]]:
    return [{use.scheme: frozenset(use.scopes) for use in r.schemes} for r in security.requirements]


def _satisfies(held: dict[str, frozenset[str]], wanted: dict[str, frozenset[str]]) -> bool:
    """A client that meets ``held`` also meets ``wanted``."""
    return all(name in held and scopes <= held[name] for name, scopes in wanted.items())


def _compare_security(ctx: DiffContext, old: Operation, new: Operation) -> None:
    old_reqs, new_reqs = _requirements(old.security), _requirements(new.security)
    if old_reqs == new_reqs:
        return
    old_at = (old.security.requirements[0].location if old.security.requirements else old.location)
    new_at = (new.security.requirements[0].location if new.security.requirements else new.location)
    old_options = old_reqs or [{}]
    new_options = new_reqs or [{}]
    stranded = [held for held in old_options if not any(_satisfies(held, w) for w in new_options)]
    if stranded:
        shown = ", ".join(sorted(f"{name}{_scopes(scopes)}" for w in new_options for name, scopes in w.items()))
        text = f"{new.display_name} now requires {shown or 'other security'}"
        ctx.report(SECURITY_ADDED, text, old_at, new_at)
    else:
        ctx.report(SECURITY_REMOVED, f"{new.display_name} accepts more ways to authenticate", old_at, new_at)


def _scopes(scopes: frozenset[str]) -> str:
    return f" ({', '.join(sorted(scopes))})" if scopes else ""
