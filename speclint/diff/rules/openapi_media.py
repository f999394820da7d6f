"""Shared by the request and response comparators: media types matched by name, their schemas compared."""

from __future__ import annotations

from collections.abc import Sequence

from speclint.diff.context import DiffContext
from speclint.diff.registry import ChangeRule
from speclint.diff.rules.openapi_pairs import schema_node
from speclint.diff.rules.openapi_schemas import SchemaComparer
from speclint.model import Location, MediaType, Schema


def compare_schemas(
    ctx: DiffContext, schemas: SchemaComparer, old: Schema | None, new: Schema | None, direction: str, label: str
) -> None:
    """Compare two model schemas (a parameter's, a media type's) when both sides have one."""
    old_node, new_node = schema_node(ctx.old, old), schema_node(ctx.new, new)
    if old_node is not None and new_node is not None:
        schemas.compare(old_node, new_node, direction, label)


def compare_media_types(
    ctx: DiffContext,
    schemas: SchemaComparer,
    old: Sequence[MediaType],
    new: Sequence[MediaType],
    *,
    direction: str,
    labels: tuple[str, str],
    removed: tuple[ChangeRule, str],
    added: tuple[ChangeRule, str],
    anchor: Location,
) -> None:
    """Media types of one body, matched case-insensitively by name across versions.

    ``labels`` name what holds them in the old and the new version (``request body of GET /x``);
    ``removed`` and ``added`` are each a rule and the verb of its message (``no longer accepts``);
    a removed media type is anchored at ``anchor``, the body that no longer has it.
    """
    old_media = {m.name.lower(): m for m in old}
    new_media = {m.name.lower(): m for m in new}
    old_label, new_label = labels
    for name, media in old_media.items():
        other = new_media.get(name)
        if other is None:
            ctx.report(removed[0], f"{old_label} {removed[1]} {media.name}", media.location, None, anchor)
            continue
        compare_schemas(ctx, schemas, media.schema, other.schema, direction, old_label)
    for name, media in new_media.items():
        if name not in old_media:
            ctx.report(added[0], f"{new_label} {added[1]} {media.name}", None, media.location)
