"""Users' regular expressions (Spectral ``pattern``, JSONPath filter ``/re/.test(...)`` and
``.match(...)``), searched under a time limit.

A user's pattern may backtrack for minutes (``^(a|aa)+$`` on 60 characters). Patterns are
compiled by the ``regex`` package (``re``'s syntax, and JavaScript's ``/re/flags`` literals),
whose searches stop after :data:`PATTERN_TIME_LIMIT_S`; the value then counts as neither
matching nor not, and a notice on standard error names the rule (once per rule and pattern).
Filter expressions are shared between rules, so the rule being run is told to them through
:func:`rule_running`.
"""

from __future__ import annotations

import re
import sys
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Any, Iterator

PATTERN_TIME_LIMIT_S = 1.0
_NOTICED: set[tuple[str, str]] = set()
_RULE: ContextVar[str] = ContextVar("speclint_custom_rule", default="(unnamed)")


@lru_cache(maxsize=512)
def js_regex(source: str) -> Any:
    """A Spectral pattern: a JavaScript regex literal ``/re/flags`` or a bare pattern, compiled by
    the ``regex`` package (``re``'s syntax), whose searches take a time limit. A pattern that
    does not compile raises ``regex.error``, a ``ValueError``."""
    import regex

    flags = 0
    match = re.fullmatch(r"/(.+)/([a-z]*)", source, re.DOTALL)
    if match:
        source, letters = match.group(1), match.group(2)
        flags |= regex.IGNORECASE if "i" in letters else 0
        flags |= regex.MULTILINE if "m" in letters else 0
        flags |= regex.DOTALL if "s" in letters else 0
    source = re.sub(r"\\u\{([0-9a-fA-F]+)\}", r"\\U000\1", source)
    source = source.replace("(?<", "(?P<") if re.search(r"\(\?<[A-Za-z]", source) else source
    return regex.compile(source, flags | regex.VERSION0)


def pattern_search(source: str, value: str, rule_id: str | None = None) -> bool | None:
    """Whether ``source`` matches inside ``value``; None when the search ran out of time, after a
    notice naming the rule (``rule_id``, or the one :func:`rule_running` names)."""
    try:
        return js_regex(source).search(value, timeout=PATTERN_TIME_LIMIT_S) is not None
    except TimeoutError:
        rule = rule_id if rule_id is not None else _RULE.get()
        if (rule, source) not in _NOTICED:
            _NOTICED.add((rule, source))
            sys.stderr.write(
                f"speclint: notice: rule {rule}: the pattern {source!r} ran for more than "
                f"{PATTERN_TIME_LIMIT_S:g} s on a value of {len(value)} characters; that value was not checked\n"
            )
        return None


@contextmanager
def rule_running(rule_id: str) -> Iterator[None]:
    """Searches made in the block (by filter expressions) are on behalf of ``rule_id``."""
    token = _RULE.set(rule_id)
    try:
        yield
    finally:
        _RULE.reset(token)
