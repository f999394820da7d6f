"""Code actions for a finding, as plain text edits: an inline suppression, and safe renames.

Suppressions are written the way ``lint/suppression.py`` reads them: a comment line above the
finding (``# speclint: ignore[rule]`` in YAML and GraphQL, ``// speclint: ignore[rule]`` in
protobuf), extending such a comment when one is already there; in JSON, which has no comments,
an ``"x-speclint-ignore": ["rule"]`` member before the finding's member line.

A casing fix renames a name that breaks a ``*-casing`` rule, only when the name occurs exactly
once in every file the unit read: then no ``$ref``, ``required`` list, link, type reference or
default value names it, and the rename cannot break the spec itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from speclint.lint.suppression import UNUSED_SUPPRESSION
from speclint.rules.casing import CASINGS, matches


@dataclass(frozen=True)
class Edit:
    """Replace the text between two 0-based (line, character) positions of the file."""

    start: tuple[int, int]
    end: tuple[int, int]
    text: str


@dataclass(frozen=True)
class Action:
    title: str
    edits: tuple[Edit, ...]
    preferred: bool = False


_EXISTING_COMMENT = re.compile(r"^(?P<lead>\s*(?:#|//)\s*speclint:\s*ignore\s*\[)(?P<rules>[^\]]*)\]")
_EXISTING_MEMBER = re.compile(r'^(?P<lead>\s*"x-speclint-ignore"\s*:\s*\[)(?P<rules>[^\]]*)\]')
_JSON_MEMBER = re.compile(r'^\s*"(?:[^"\\]|\\.)*"\s*:')


def suppression(rule: str, line: int, lines: list[str], file: str, spec_format: str) -> Action | None:
    """The edit that suppresses ``rule`` at 0-based ``line`` of a file whose text is ``lines``."""
    if rule == UNUSED_SUPPRESSION or not 0 <= line < len(lines):
        return None
    target = lines[line]
    indent = target[: len(target) - len(target.lstrip())]
    is_json = file.lower().endswith(".json")
    if is_json and not _JSON_MEMBER.match(target):
        return None
    existing = (_EXISTING_MEMBER if is_json else _EXISTING_COMMENT).match(lines[line - 1]) if line > 0 else None
    title = f"Suppress {rule} here"
    if existing is not None:
        names = [n.strip().strip('"') for n in existing["rules"].split(",") if n.strip()]
        if rule in names:
            return None
        start = len(existing["lead"])
        addition = f', "{rule}"' if is_json else f", {rule}"
        if not names:
            addition = addition[2:]
        position = start + len(existing["rules"].rstrip())
        return Action(title, (Edit((line - 1, position), (line - 1, position), addition),))
    if is_json:
        text = f'{indent}"x-speclint-ignore": ["{rule}"],\n'
    else:
        marker = "//" if spec_format == "protobuf" else "#"
        text = f"{indent}{marker} speclint: ignore[{rule}]\n"
    return Action(title, (Edit((line, 0), (line, 0), text),))


# "... 'List_Pets' is not camelCase", optionally followed by "; most operationIds ... are camelCase"
_CASING_MESSAGE = re.compile(r"'(?P<name>[^']+)' is not (?P<casing>[^\s;]+)(?:;|$)")
_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z]|[0-9]|$)|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")


def casing_fix(
    rule: str, message: str, line: int, column: int, lines: list[str], texts: Iterable[str]
) -> Action | None:
    """A rename of the name a ``*-casing`` finding names, at 0-based (line, column), when it is safe."""
    match = _CASING_MESSAGE.search(message)
    if not rule.endswith("-casing") or match is None or match["casing"] not in CASINGS or not 0 <= line < len(lines):
        return None
    name = match["name"]
    renamed = convert(name, match["casing"])
    if renamed is None:
        return None
    whole = re.compile(rf"(?<![\w$@-]){re.escape(name)}(?![\w-])")
    found = [m for m in whole.finditer(lines[line]) if m.end() > column]
    if not found or sum(len(whole.findall(text)) for text in texts) != 1:
        return None
    start = found[0].start()
    edit = Edit((line, start), (line, start + len(name)), renamed)
    return Action(f"Rename '{name}' to '{renamed}'", (edit,), preferred=True)


def convert(name: str, casing: str) -> str | None:
    """``name`` in ``casing`` (keeping a leading ``_``, ``$`` or ``@``), or None when it cannot be."""
    bare = name.lstrip("_$@")
    prefix = name[: len(name) - len(bare)]
    words = [w for part in re.split(r"[^A-Za-z0-9]+", bare) for w in _WORD.findall(part)]
    if not words:
        return None
    lower = [w.lower() for w in words]
    joined = {
        "camelCase": lower[0] + "".join(w.capitalize() for w in lower[1:]),
        "PascalCase": "".join(w.capitalize() for w in lower),
        "snake_case": "_".join(lower),
        "lower_snake_case": "_".join(lower),
        "UPPER_SNAKE_CASE": "_".join(w.upper() for w in lower),
        "UPPER_CASE": "_".join(w.upper() for w in lower),
        "kebab-case": "-".join(lower),
        "Train-Case": "-".join(w.capitalize() for w in lower),
        "lowercase": "".join(lower),
    }.get(casing)
    if joined is None or not matches(joined, casing) or joined == bare:
        return None
    return prefix + joined


__all__ = ["Action", "Edit", "casing_fix", "convert", "suppression"]
