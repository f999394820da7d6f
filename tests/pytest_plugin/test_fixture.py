"""The ``speclint_fuzz`` fixture: contract tests from inside a test, against a URL or an app."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any, Callable, Iterable

import pytest

from tests.pytest_plugin.conftest import BASE_ARGS

PING_SPEC = """\
openapi: 3.0.3
info: {title: Ping, version: 1.0.0}
paths:
  /ping:
    get:
      operationId: ping
      responses:
        "200":
          description: pong
          content:
            application/json:
              schema:
                type: object
                required: [ok]
                properties:
                  ok: {type: boolean}
"""

StartResponse = Callable[[str, list[tuple[str, str]]], Any]


def wsgi_app(ok: object) -> Callable[[dict[str, Any], StartResponse], Iterable[bytes]]:
    def app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if environ["PATH_INFO"] != "/ping":
            start_response("404 Not Found", [("Content-Type", "application/json")])
            return [b"{}"]
        if environ["REQUEST_METHOD"] != "GET":  # only GET is documented (unsupported-method otherwise)
            start_response("405 Method Not Allowed", [("Content-Type", "application/json"), ("Allow", "GET")])
            return [b"{}"]
        start_response("200 OK", [("Content-Type", "application/json")])
        return [json.dumps({"ok": ok}).encode()]

    return app


def asgi_app(ok: object) -> Callable[..., Any]:
    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        status = 200 if scope["path"] == "/ping" else 404
        headers = [(b"content-type", b"application/json")]
        if status == 200 and scope["method"] != "GET":  # only GET is documented
            status, headers = 405, [*headers, (b"allow", b"GET")]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": json.dumps({"ok": ok}).encode()})

    return app


@pytest.fixture
def ping_spec(tmp_path: Path) -> Path:
    path = tmp_path / "ping.yaml"
    path.write_text(PING_SPEC)
    return path


def test_fixture_against_a_url_from_the_ini(pytester: pytest.Pytester, rest_spec: Path, rest_url: str) -> None:
    pytester.makeini(f"[pytest]\nspeclint_spec = openapi.yaml\nspeclint_url = {rest_url}\nspeclint_max_examples = 3\n")
    pytester.makepyfile(
        test_contract="""
        def test_contract(speclint_fuzz):
            failures = speclint_fuzz(operations=["GET /v1/items", "GET /v1/items/{itemId}"])
            assert [(f.operation, f.check, f.status) for f in failures] == [
                ("GET /v1/items/{itemId}", "server-error", 500)
            ]
            assert failures[0].reproduction.startswith("curl -X GET ")
        """
    )
    pytester.runpytest(*BASE_ARGS, "-k", "test_contract").assert_outcomes(passed=1)


def test_fixture_against_a_wsgi_app(speclint_fuzz: Callable[..., Any], ping_spec: Path) -> None:
    failures = speclint_fuzz(ping_spec, app=wsgi_app("yes"), max_examples=3)
    assert [(f.operation, f.check, f.status) for f in failures] == [("GET /ping", "response-schema", 200)]
    assert speclint_fuzz(ping_spec, app=wsgi_app(True), max_examples=3) == []
    # the port the app was served on is gone: the reproduction replays wherever the app is served next
    assert failures[0].reproduction == 'curl -X GET "$SPECLINT_APP_URL"\'/ping\''
    from speclint.pytest_plugin.serve import serving

    with serving(wsgi_app("yes")) as url:
        replay = subprocess.run(["sh", "-c", failures[0].reproduction + " -s"], capture_output=True, text=True,
                                env={**os.environ, "SPECLINT_APP_URL": url}, check=True).stdout
    assert json.loads(replay) == {"ok": "yes"}


def test_fixture_against_an_asgi_app(speclint_fuzz: Callable[..., Any], ping_spec: Path) -> None:
    failures = speclint_fuzz(ping_spec, app=asgi_app(1), max_examples=3)
    assert [(f.operation, f.check) for f in failures] == [("GET /ping", "response-schema")]
    assert speclint_fuzz(ping_spec, app=asgi_app(False), max_examples=3) == []


def test_fixture_needs_a_target(speclint_fuzz: Callable[..., Any], ping_spec: Path) -> None:
    with pytest.raises(TypeError, match="no url"):
        speclint_fuzz(ping_spec)
