"""A runnable ``grpcurl`` command that replays one call, credentials redacted."""

from __future__ import annotations

import json
from typing import Any, Sequence

from speclint.fuzz.curl import shell_word
from speclint.fuzz.redact import Redactor


def request_json(message: Any) -> str:
    """The message in protobuf's JSON mapping, compact (what grpcurl's ``-d`` reads)."""
    from google.protobuf import json_format

    try:
        data = json_format.MessageToDict(message, preserving_proto_field_name=True)
    except Exception:  # a value JSON cannot carry: fall back to the text format, for reading
        from google.protobuf import text_format

        return "<not expressible in JSON: " + text_format.MessageToString(message, as_one_line=True) + ">"
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def grpcurl_command(
    target: str,
    operation: str,
    messages: Sequence[Any],
    metadata: Sequence[tuple[str, str]],
    spec_flags: Sequence[str],
    redactor: Redactor,
    connection: Sequence[str] = ("-plaintext",),
) -> str:
    """``grpcurl -plaintext [spec flags] -H 'name: value' -d '<json>' host:port package.Service/Method``.

    ``connection``: ``-plaintext``, or for TLS nothing (the system's roots) or ``-cacert FILE``.
    """
    flags = [*connection, *spec_flags]
    parts = ["grpcurl", *(flag if flag.startswith("-") else shell_word(flag) for flag in flags)]
    for name, value in metadata:
        parts += ["-H", shell_word(f"{name}: {redactor.header_value(name, value)}")]
    body = " ".join(request_json(message) for message in messages)
    parts += ["-d", shell_word(redactor.text(body)), target, operation]
    return " ".join(parts)


