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
    """Headers for a request with no credentials and one with invalid credentials."""
    parameters = _security_parameters(operation)
    credential_names = {str(p.name).lower() for p in parameters if _location(p) == "header"}
    if any(_location(p) == "cookie" for p in parameters):
        credential_names.add("cookie")
    if not credential_names & {name.lower() for name in user_headers}:
        credential_names = {name.lower() for name in user_headers}
    without = {n: v for n, v in user_headers.items() if n.lower() not in credential_names}
    invalid_headers, invalid_query, invalid_cookies = dict(without), {}, {}
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
        Probe("without credentials", without, {}, {}),
        Probe("with invalid credentials", invalid_headers, invalid_query, invalid_cookies),
    ]


def _location(parameter: Any) -> str:
    location = getattr(parameter, "location", "")
    return str(getattr(location, "value", location))


def security_inputs(operation: Any) -> frozenset[tuple[str, str]]:
    """``(location, lower-case name)`` of the parameters that carry the operation's credentials."""
    return frozenset((_location(p), str(p.name).lower()) for p in _security_parameters(operation))
