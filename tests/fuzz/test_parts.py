"""The small parts of the fuzzer: redaction, curl, boundary values, a light command import."""

from __future__ import annotations

import subprocess
import sys

from speclint.fuzz.boundary import boundary_values, typical_value
from speclint.fuzz.curl import curl_command
from speclint.fuzz.redact import Redactor


def test_redactor_hides_header_values_and_their_words() -> None:
    redactor = Redactor([("Authorization", "Bearer abcdef123"), ("X-Key", "k")])
    assert redactor.header_value("authorization", "anything") == "[redacted]"
    assert redactor.text("token abcdef123 echoed") == "token [redacted] echoed"
    assert redactor.text("Bearer abcdef123") == "[redacted]"


def test_curl_quotes_every_value_and_drops_client_headers() -> None:
    redactor = Redactor([("Authorization", "Bearer abcdef123")])
    command = curl_command(
        "post", "http://h:1/x?q=it's", [("User-Agent", "x"), ("Authorization", "Bearer abcdef123")], b"{}", redactor
    )
    assert command == "curl -X POST 'http://h:1/x?q=it'\\''s' -H 'Authorization: [redacted]' -d '{}'"


def test_integer_boundaries_include_one_past_each_bound() -> None:
    values = [b.value for b in boundary_values({"type": "integer", "minimum": 1, "maximum": 10})]
    assert values[:6] == [1, 0, 2, 10, 9, 11] and -1 in values


def test_string_and_enum_boundaries() -> None:
    strings = [b.value for b in boundary_values({"type": "string", "minLength": 2, "maxLength": 3})]
    assert strings == ["", "aa", "a", "aaa", "aaaa"]
    enum = [b.value for b in boundary_values({"type": "string", "enum": ["x", "y"]})]
    assert enum[:2] == ["x", "y"] and len(enum) == 3


def test_typical_value_of_an_object_fills_required_properties() -> None:
    schema = {"type": "object", "required": ["n"], "properties": {"n": {"type": "integer", "minimum": 5}, "o": {}}}
    assert typical_value(schema) == {"n": 5}


def test_fuzz_command_module_imports_no_fuzzing_stack() -> None:
    heavy = "('schemathesis', 'hypothesis', 'grpc', 'graphql')"
    code = f"import sys, speclint.cli.fuzz; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
