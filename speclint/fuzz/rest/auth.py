"""Secured operations must refuse requests without credentials and with wrong ones."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_INVALID = {
    "bearer": "Bearer speclint-invalid-token",
    "basic": "Basic c3BlY2xpbnQ6aW52YWxpZA==",  # speclint:invalid
}
_INVALID_KEY = "speclint-invalid-key"


@dataclass(frozen=True)
class Probe:
    label: str  # what the request lacks, for the message
    headers: dict[str, str]
    query: dict[str, str]
    cookies: dict[str, str]


def _security_parameters(operation: Any) -> list[Any]:
    security = getattr(operation, "security", None)
    parameters = getattr(security, "_parameters", None)
    if parameters is None:
        try:
            parameters = list(security or ())
        except TypeError:
            parameters = []
    return list(parameters)


def _invalid_value(parameter: Any) -> str:
    definition = getattr(parameter, "definition", {}) or {}
    fmt = str((definition.get("schema") or {}).get("format", ""))
    if "bearer" in fmt or str(getattr(parameter, "scheme_type", "")) in ("oauth2", "openIdConnect"):
        return _INVALID["bearer"]
    if "basic" in fmt:
        return _INVALID["basic"]
    return _INVALID_KEY


def auth_probes(operation: Any, user_headers: dict[str, str]) -> list[Probe]:
    """A request with no credentials of any kind, and one with invalid credentials.

    Neither carries any ``--header`` of the user's (any of them may be a credential) nor a
    cookie; the session's cookie jar is empty for every case.
    """
    parameters = _security_parameters(operation)
    invalid_headers: dict[str, str] = {}
    invalid_query: dict[str, str] = {}
    invalid_cookies: dict[str, str] = {}
    for parameter in parameters:
        value = _invalid_value(parameter)
        place = _location(parameter)
        if place == "header":
            invalid_headers[str(parameter.name)] = value
        elif place == "query":
            invalid_query[str(parameter.name)] = value
        elif place == "cookie":
            invalid_cookies[str(parameter.name)] = value
    if not parameters:
        invalid_headers["Authorization"] = _INVALID["bearer"]
    return [
        Probe("without credentials", {}, {}, {}),
        Probe("with invalid credentials", invalid_headers, invalid_query, invalid_cookies),
    ]


def _location(parameter: Any) -> str:
    location = getattr(parameter, "location", "")
    return str(getattr(location, "value", location))


def security_inputs(operation: Any) -> frozenset[tuple[str, str]]:
    """``(location, lower-case name)`` of the parameters that carry the operation's credentials."""
    return frozenset((_location(p), str(p.name).lower()) for p in _security_parameters(operation))
