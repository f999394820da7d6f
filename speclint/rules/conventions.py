"""A document's own conventions: the style most names of one kind use, and the names that differ.

The naming rules take a ``mode`` option. In ``consistent`` mode (the default) a name is judged
against the style most names of its kind use in the same document, so a document written
consistently in snake_case, PascalCase or kebab-case is not flagged name by name; only the
minority is, with a message that says what the majority is. In ``fixed`` mode every name must
follow the rule's ``casing`` option.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Callable, Iterable, Iterator, NamedTuple, Sequence

from speclint.model import Location
from speclint.rules.casing import NAME_STYLES, detect, matches
from speclint.rules.options import Option
from speclint.rules.registry import Problem, RuleContext

_NEUTRAL = "lowercase"  # one lowercase word fits camelCase, snake_case and kebab-case alike
_FEW = 8  # below this many names, half of them make a style


def mode_option(default: object) -> Option:
    """A ``mode`` option: ``consistent`` (the document's own style) or ``fixed`` (the ``casing``)."""
    return Option(default, choices=("fixed", "consistent"))


class Below(NamedTuple):
    """A location below ``base``, made only when a finding needs it."""

    base: Location
    tokens: tuple[str, ...]

    def resolve(self) -> Location:
        return self.base.child(*self.tokens)


Where = Location | Below


class Kind(NamedTuple):
    """One population of names: what a name is called in messages, and how it is read."""

    what: str  # "operationId", "parameter name"
    plural: str  # "operationIds", "query parameters"
    default: str  # the casing of ``fixed`` mode when the rule's option names none
    styles: tuple[str, ...] = NAME_STYLES
    split: re.Pattern[str] | None = None  # namespace separators: "drive.files.list", "repos/get"


def style_of(name: str, kind: Kind) -> str | None:
    """The style of ``name``; for namespaced names the style their parts share."""
    if kind.split is None:
        return detect(name, kind.styles)
    styles = {detect(part, kind.styles) for part in kind.split.split(name) if part}
    styles.discard(_NEUTRAL)
    if not styles:
        return _NEUTRAL
    return styles.pop() if len(styles) == 1 else None


def follows(name: str, style: str, kind: Kind) -> bool:
    if kind.split is None:
        return matches(name, style)
    parts = [part for part in kind.split.split(name) if part]
    return bool(parts) and all(matches(part, style) for part in parts)


def _share(count: int, total: int) -> str:
    return f"{round(100 * count / total)} %"


class Verdict(NamedTuple):
    """What one population of names is judged against."""

    style: str | None  # None: no style to judge against
    kind: Kind
    majority: bool  # the style is the document's own, not the configured one
    mixed: str = ""  # when no style prevails: the leading styles and their shares

    def accepts(self, core: str) -> bool:
        if self.style is None:
            return True
        return follows(core, self.style, self.kind) if self.majority else matches(core, self.style)

    def message(self, name: str, context: str = "") -> str:
        """``<what> '<name>'<context> is not <style>``, and why when the style is the document's."""
        text = f"{self.kind.what} '{name}'{context} is not {self.style}"
        return f"{text}; most {self.kind.plural} in this document are {self.style}" if self.majority else text


def decide(cores: Iterable[str], ctx: RuleContext, kind: Kind) -> Verdict:
    """The style the names of one population must follow (``cores``: the names as judged).

    The prevailing style must cover three quarters of the names that have a style (one
    lowercase word fits several and counts for none), or half of them when there are too few
    to tell (a tie goes to the configured casing); below that the document follows no one
    style, which is one problem rather than one per name.
    """
    if ctx.option("mode") == "fixed":
        return Verdict(str(ctx.option("casing") or kind.default), kind, majority=False)
    judged: list[str | None] = []
    styles: dict[str, str | None] = {}  # names repeat (id, name, url): each is read once
    for core in cores:
        if core not in styles:
            styles[core] = style_of(core, kind)
        judged.append(styles[core])
    judged = [s for s in judged if s != _NEUTRAL]
    counted = Counter(s for s in judged if s is not None)
    if not counted:
        return Verdict(None, kind, majority=True)
    preferred = str(ctx.option("casing") or kind.default)
    style, count = _prevailing(counted, len(judged), preferred)
    few = len(judged) < _FEW
    if (4 * count < 3 * len(judged) and not few) or 2 * count < len(judged) or _tied(counted, style, preferred):
        ranked = sorted(counted.items(), key=lambda item: (-item[1], item[0]))
        shown = [(s, n) for s, n in ranked if n >= ranked[min(2, len(ranked) - 1)][1]]  # three, or all tied
        shares = ", ".join(f"{_share(n, len(judged))} {s}" for s, n in shown)
        return Verdict(None, kind, majority=True, mixed=shares)
    return Verdict(style, kind, majority=True)


# Styles that contain others: volumeActions_get and apps_list are both resource_action names.
_SUPERSETS = {"camel_Snake_Case": ("snake_case", "camelCase"), "Pascal_Snake_Case": ("PascalCase",)}


def _prevailing(counted: Counter[str], judged: int, preferred: str) -> tuple[str, int]:
    """The most used style and how many names follow it. A style that contains the most used
    one prevails instead when a fifth of the names use its own form."""
    style, count = _most_common(counted, preferred)
    for wider, narrower in _SUPERSETS.items():
        if style in narrower and 5 * counted[wider] >= judged:
            return wider, counted[wider] + sum(counted[n] for n in narrower)
    return style, count


def judge(
    names: Sequence[tuple[str, Where]],
    ctx: RuleContext,
    kind: Kind,
    bare: Callable[[str], str] = lambda name: name,
) -> Iterator[Problem]:
    """Problems for the ``names`` (with where each is written) of one population.

    ``bare`` gives the part of a name that a style applies to (empty: not a name, skipped).
    When no style prevails, the first name that has one gets the only problem.
    """
    cores: dict[str, str] = {}  # each distinct name is read and judged once
    for name, _ in names:
        if name not in cores:
            cores[name] = bare(name)
    entries = [(name, cores[name], where) for name, where in names if cores[name]]
    verdict = decide((core for _, core, _ in entries), ctx, kind)
    if verdict.mixed:
        first = next(where for _, core, where in entries if style_of(core, kind) not in (None, _NEUTRAL))
        yield Problem(_resolve(first), no_one_style(verdict))
        return
    accepted: dict[str, bool] = {}
    for name, core, where in entries:
        ok = accepted.get(core)
        if ok is None:
            ok = accepted[core] = verdict.accepts(core)
        if not ok:
            yield Problem(_resolve(where), verdict.message(name))


def no_one_style(verdict: Verdict) -> str:
    return f"{verdict.kind.plural} in this document follow no one style ({verdict.mixed})"


def _most_common(counted: Counter[str], preferred: str) -> tuple[str, int]:
    """The most used style; on a tie, the configured one (else the first by name, which
    :func:`_tied` then reports as no one style)."""
    top = max(counted.values())
    if counted.get(preferred) == top:
        return preferred, top
    return min(style for style, n in counted.items() if n == top), top


def _tied(counted: Counter[str], style: str, preferred: str) -> bool:
    """Two styles share the top count and neither is the configured one: picking either would
    depend on the order the names were seen in, so the document follows no one style."""
    top = max(counted.values())
    leaders = [name for name, n in counted.items() if n == top]
    return len(leaders) > 1 and preferred not in leaders and style in leaders


def _resolve(where: Where) -> Location:
    return where.resolve() if isinstance(where, Below) else where


def unique(items: Iterable[tuple[str, Where]]) -> list[tuple[str, Where]]:
    """``items`` without repeats of one location (a shared parameter seen from each operation)."""
    first: dict[Where, str] = {}  # the name first seen at each location, in the order seen
    for name, where in items:
        first.setdefault(where, name)
    return [(name, where) for where, name in first.items()]
