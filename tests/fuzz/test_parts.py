"""The small parts of the fuzzer: redaction, curl, boundary values, a light command import."""

from __future__ import annotations

import io
import subprocess
import sys
from xml.etree import ElementTree as ET

import pytest

from speclint.fuzz.boundary import boundary_values, typical_value
from speclint.fuzz.curl import curl_command, shell_word
from speclint.fuzz.options import parse_header
from speclint.fuzz.redact import Redactor
from speclint.fuzz.report.junit import write_junit
from speclint.fuzz.results import ContractFailure, FuzzReport


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
    assert command == "curl -X POST 'http://h:1/x?q=it'\\''s' -H 'Authorization: [redacted]' --data-raw '{}'"


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


def test_redactor_finds_secrets_in_every_echoed_form() -> None:
    redactor = Redactor([("Cookie", "session=SECRETvalue9; lang=en"), ("Authorization", "Basic dXNlcjpwYXNzd29yZDE=")])
    for echo in ("SESSION=SECRETVALUE9", '"secretvalue9"', "session%3DSECRETvalue9", "user:password1",
                 "dXNlcjpwYXNzd29yZDE="):
        assert "[redacted]" in redactor.text(f"error: {echo}"), echo
    assert redactor.text("lang=en") == "lang=en"  # too short to be a secret
    redactor.learn("xsrf-Token-123")
    assert redactor.text('{"xsrf": "XSRF-TOKEN-123"}') == '{"xsrf": "[redacted]"}'


def test_plain_headers_are_shown_as_they_are() -> None:
    redactor = Redactor([("Accept", "application/json"), ("X-Api-Key", "k3y-abcdef")])
    assert redactor.text("application/json") == "application/json"
    assert redactor.header_value("Accept", "application/json") == "application/json"
    assert redactor.header_value("X-Api-Key", "k3y-abcdef") == "[redacted]"


def test_binary_and_at_sign_bodies_replay_byte_for_byte() -> None:
    redactor = Redactor([])
    body = b"\x00\xff'%\\\n\xe2\x80\xa8ok"
    command = curl_command("POST", "http://h:1/x", [], body, redactor)
    assert command.isprintable() and command.startswith("printf '") and command.endswith("--data-binary @-")
    printf = command.split(" | ")[0]
    assert subprocess.run(["sh", "-c", printf], capture_output=True, check=True).stdout == body
    assert curl_command("POST", "http://h:1/x", [], "@/etc/passwd", redactor).endswith("--data-raw '@/etc/passwd'")


def test_unprintable_header_values_become_printf_words() -> None:
    word = shell_word("a\x01b")
    assert word.isprintable()
    assert subprocess.run(["sh", "-c", f"printf %s {word}"], capture_output=True, check=True).stdout == b"a\x01b"


def test_malformed_header_is_refused_without_repeating_it() -> None:
    for text in ("Authorization Bearer ghp_abcdef123456", "Authorization=ghp_abcdef123456: x"):
        with pytest.raises(ValueError) as error:
            parse_header(text)
        assert "ghp_abcdef123456" not in str(error.value)


def test_junit_report_stays_valid_xml_with_control_characters() -> None:
    failure = ContractFailure("GET /x", "server-error", "boom \x00\x1b[31m", 500, "curl -X GET 'http://h/x'")
    out = io.StringIO()
    write_junit(FuzzReport(spec="s.yaml", target="http://h", seed=1, failures=[failure], tested=["GET /x"]), out)
    element = ET.fromstring(out.getvalue()).find(".//failure")
    assert element is not None and "\\x00" in (element.get("message") or "")
