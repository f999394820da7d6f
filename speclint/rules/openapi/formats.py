"""The string formats that examples are held to, one Python check each.

The validators get these checks as their format functions (and every other format the
validator knows is accepted), and :mod:`plain_valid` calls the same functions, so the quick
check and the validator never disagree. Asserted: the formats whose meaning is exact and
that examples get wrong in practice (a date-time where the schema says ``date``, an id that
is not a UUID), and ``url``, which is no JSON Schema format but says what it means. Not
asserted: ``regex`` (the pattern dialects of JavaScript, Python and Rust
differ), the OpenAPI number formats and ``byte``/``binary``/``password``, and any unknown
format.
"""

from __future__ import annotations

import datetime
import ipaddress
import re
from typing import Callable

_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_TIME = re.compile(r"(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))")
_DATE_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})[Tt ](.+)")
_UUID = re.compile(r"(?:urn:uuid:)?[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")
_EMAIL = re.compile(r"[^\s@\"(),:;<>\[\]\\]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?")
_HOST_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
# An absolute URI (RFC 3986): a scheme, then no character a URI never holds unescaped.
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*")
_URI_REFERENCE = re.compile(r"[^\s<>\"{}|\\^`]*")


def _date(text: str) -> bool:
    match = _DATE.fullmatch(text)
    if match is None:
        return False
    try:
        datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return False
    return True


def _time(text: str) -> bool:
    match = _TIME.fullmatch(text)
    if match is None:
        return False
    hour, minute, second = int(match[1]), int(match[2]), int(match[3])
    offset_ok = match[4] is None or (int(match[4]) < 24 and int(match[5]) < 60)
    return hour < 24 and minute < 60 and second <= 60 and offset_ok


def _date_time(text: str) -> bool:
    match = _DATE_TIME.fullmatch(text)
    return match is not None and _date(match[1]) and _time(match[2])


def _hostname(text: str) -> bool:
    name = text[:-1] if text.endswith(".") else text
    return 0 < len(name) <= 253 and all(_HOST_LABEL.fullmatch(label) for label in name.split("."))


def _email(text: str) -> bool:
    return _EMAIL.fullmatch(text) is not None and len(text) <= 254


def _ip(version: int) -> Callable[[str], bool]:
    def check(text: str) -> bool:
        try:
            return ipaddress.ip_address(text).version == version
        except ValueError:
            return False

    return check


def _accept(text: str) -> bool:
    return True


FORMAT_CHECKS: dict[str, Callable[[str], bool]] = {
    "date": _date,
    "time": _time,
    "date-time": _date_time,
    "uuid": lambda text: _UUID.fullmatch(text) is not None,
    "email": _email,
    "hostname": _hostname,
    "ipv4": _ip(4),
    "ipv6": _ip(6),
    "uri": lambda text: _URI.fullmatch(text) is not None,
    "url": lambda text: _URI.fullmatch(text) is not None,  # not JSON Schema's, but plain enough
    "uri-reference": lambda text: _URI_REFERENCE.fullmatch(text) is not None,
}
# Formats the validator would check by itself, accepted here (see the module's docstring).
_NOT_ASSERTED = (
    "regex", "idn-email", "idn-hostname", "iri", "iri-reference", "uri-template", "json-pointer",
    "relative-json-pointer", "duration",
)  # fmt: skip
VALIDATOR_FORMATS: dict[str, Callable[[str], bool]] = {
    **dict.fromkeys(_NOT_ASSERTED, _accept),
    **FORMAT_CHECKS,
}


def format_ok(name: object, instance: object) -> bool:
    """Whether ``instance`` satisfies ``format: name`` as the validators assert it."""
    if type(instance) is not str or type(name) is not str:
        return True
    check = FORMAT_CHECKS.get(name)
    return check is None or check(instance)
