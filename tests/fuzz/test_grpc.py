"""``speclint fuzz`` against the gRPC fixture server: every planted bug found, nothing else."""

from __future__ import annotations

import json
import shlex
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Iterator

import pytest

from tests.conftest import CliResult, run_cli
from tests.fuzz.conftest import AUTH, SECRET, SERVERS, load_server

SPEC = SERVERS / "grpc" / "shop.proto"
PLANTED = {
    ("shop.v1.ItemService/GetItem", "server-error"),
    ("shop.v1.ItemService/CreateItem", "server-error"),
    ("shop.v1.ItemService/DeleteItem", "server-error"),
    ("shop.v1.ItemService/WatchItems", "server-error"),
    ("shop.v1.ItemService/GetStats", "response-schema"),
    ("shop.v1.SearchService/Reindex", "timeout"),
}
CLEAN = ("ItemService/ListItems", "ItemService/ImportItems", "SearchService/Search", "SearchService/Ping")


@pytest.fixture(scope="module")
def grpc_target() -> Iterator[str]:
    """The fixture server in a child process on 127.0.0.1 and a free port: ``host:port``."""
    process = subprocess.Popen(
        [sys.executable, str(SERVERS / "grpc" / "server.py"), "--port", "0"], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    address = process.stdout.readline().strip()
    assert address.startswith("127.0.0.1:"), address
    yield address
    process.terminate()
    process.wait(10)


def fuzz(target: str, *extra: str | Path) -> CliResult:
    return run_cli("fuzz", "--url", target, "--header", AUTH, "--timeout", "1.2", *extra)


def found(result: CliResult) -> set[tuple[str, str]]:
    return {(f["operation"], f["check"]) for f in result.json()["failures"]}


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_every_planted_bug_is_found_and_nothing_else(grpc_target: str, seed: int) -> None:
    result = fuzz(grpc_target, SPEC, "--seed", str(seed), "--format", "json")
    assert result.code == 1, result.stderr
    assert found(result) == PLANTED
    report = result.json()
    assert report["summary"]["operations"] == 10 and report["seed"] == seed
    assert SECRET not in result.stdout + result.stderr


def test_failures_read_as_grpc_statuses_with_grpcurl_reproductions(grpc_target: str) -> None:
    result = fuzz(grpc_target, SPEC, "--seed", "7", "--format", "json")
    failures = {f["operation"].split("/")[1]: f for f in result.json()["failures"]}
    get = failures["GetItem"]
    assert get["status"] == 13 and get["message"].startswith("INTERNAL: index -1 out of range")
    assert "(caller [redacted])" in get["message"]  # the server echoed the token: scrubbed
    assert get["reproduction"] == (
        "grpcurl -plaintext -import-path 'fixtures/servers/grpc' -proto 'shop.proto' "
        f"-H 'authorization: [redacted]' -d '{{\"id\":\"-1\"}}' {grpc_target} shop.v1.ItemService/GetItem"
    )
    assert failures["CreateItem"]["status"] == 2 and failures["CreateItem"]["message"].startswith("UNKNOWN")
    assert "-d '{}'" in failures["CreateItem"]["reproduction"]  # the smallest case: every field empty
    assert failures["DeleteItem"]["status"] == 12 and "UNIMPLEMENTED" in failures["DeleteItem"]["message"]
    assert failures["WatchItems"]["status"] == 15 and "-d '{\"color\":3}'" in failures["WatchItems"]["reproduction"]
    assert "not a valid shop.v1.Stats" in failures["GetStats"]["message"]
    assert failures["Reindex"]["status"] is None and "DEADLINE_EXCEEDED" in failures["Reindex"]["message"]


def test_a_reproduction_replays_the_failure(grpc_target: str) -> None:
    import grpc
    from google.protobuf import json_format

    from speclint.fuzz.grpc.fields import message_class
    from speclint.fuzz.grpc.source import from_proto

    result = fuzz(grpc_target, SPEC, "--seed", "1", "--format", "json", "--operation", "GetItem")
    words = shlex.split(result.json()["failures"][0]["reproduction"])
    body = words[words.index("-d") + 1]
    method = next(m for m in from_proto(SPEC, ()).methods if m.name == "GetItem")
    request = json_format.Parse(body, message_class(method.input)())
    with grpc.insecure_channel(grpc_target) as channel, pytest.raises(grpc.RpcError) as raised:
        channel.unary_unary(method.path)(request.SerializeToString(), timeout=5)
    assert raised.value.code() == grpc.StatusCode.INTERNAL


def test_correct_methods_stay_clean(grpc_target: str) -> None:
    patterns = [arg for name in CLEAN for arg in ("--operation", name)]
    result = fuzz(grpc_target, SPEC, "--seed", "11", "--max-examples", "100", *patterns)
    assert result.code == 0, result.stdout
    assert "no failures in 4 operations" in result.stdout


def test_a_live_server_stream_is_cut_not_waited_for(grpc_target: str) -> None:
    # WatchItems with follow=true never ends: each call would hold the run for --timeout
    result = fuzz(grpc_target, SPEC, "--seed", "3", "--max-examples", "12", "--timeout", "30",
                  "--operation", "WatchItems", "--format", "json")
    assert found(result) == {("shop.v1.ItemService/WatchItems", "server-error")}  # no timeout
    assert result.json()["summary"]["requests"] >= 12  # the random phase ran: no call took the deadline


def test_tls_with_a_ca_certificate(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, str(SERVERS / "grpc" / "server.py"), "--port", "0", "--tls"], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    target = process.stdout.readline().strip()
    cert = SERVERS / "grpc" / "tls" / "cert.pem"
    try:
        result = fuzz(target, SPEC, "--ca-cert", cert, "--seed", "1", "--max-examples", "3", "--format", "json",
                      "--operation", "GetItem", "--operation", "Ping")
        plain = fuzz(target, SPEC, "--operation", "Ping")
    finally:
        process.terminate()
        process.wait(10)
    assert result.code == 1, result.stderr
    assert found(result) == {("shop.v1.ItemService/GetItem", "server-error")}
    reproduction = result.json()["failures"][0]["reproduction"]
    assert reproduction.startswith("grpcurl -cacert 'fixtures/servers/grpc/tls/cert.pem' ")
    assert plain.code == 2 and "cannot reach" in plain.stderr


def test_reflection_finds_the_same_bugs(grpc_target: str) -> None:
    result = fuzz(grpc_target, "--reflection", "--seed", "2", "--format", "json")
    assert result.code == 1, result.stderr
    assert found(result) == PLANTED
    report = result.json()
    assert report["spec"] == "reflection" and report["summary"]["operations"] == 10
    reproduction = report["failures"][0]["reproduction"]
    assert reproduction.startswith("grpcurl -plaintext -H 'authorization: [redacted]' -d ")  # no -proto
    assert SECRET not in result.stdout + result.stderr


def test_reflection_without_a_reflection_service_is_exit_2() -> None:
    server, target = load_server("grpc").start(0, with_reflection=False)
    try:
        result = fuzz(target, "--reflection")
    finally:
        server.stop(0)
    assert result.code == 2 and result.stdout == ""
    assert "does not offer server reflection" in result.stderr and "Traceback" not in result.stderr


def test_unreachable_server_is_exit_2_with_one_line(closed_port: int) -> None:
    result = fuzz(f"127.0.0.1:{closed_port}", SPEC)
    assert result.code == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "cannot reach" in result.stderr and "Traceback" not in result.stderr and SECRET not in result.stderr


def test_a_port_that_does_not_speak_grpc_is_exit_2() -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        stop = threading.Event()

        def refuse() -> None:  # accept and hang up at once, like a server of another protocol
            listener.settimeout(0.2)
            while not stop.is_set():
                try:
                    connection, _ = listener.accept()
                    connection.close()
                except OSError:
                    continue

        thread = threading.Thread(target=refuse, daemon=True)
        thread.start()
        try:
            result = fuzz(f"127.0.0.1:{port}", "--reflection")
        finally:
            stop.set()
            thread.join()
    assert result.code == 2 and "no gRPC server answered" in result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([str(SPEC), "--url", "http://127.0.0.1:1"], "host:port"),
        ([str(SPEC), "--reflection", "--url", "127.0.0.1:1"], "--reflection"),
        (["--url", "127.0.0.1:1"], "SPEC"),
    ],
)
def test_bad_arguments_are_exit_2(args: list[str], expected: str) -> None:
    result = run_cli("fuzz", *args)
    assert result.code == 2 and expected in result.stderr


def test_a_proto_that_does_not_compile_is_exit_2(tmp_path: Path, grpc_target: str) -> None:
    broken = tmp_path / "broken.proto"
    broken.write_text('syntax = "proto3";\nmessage A { int32 x = 1 }\n')
    result = fuzz(grpc_target, broken)
    assert result.code == 2 and "cannot compile" in result.stderr and "broken.proto:2" in result.stderr


# -- the parts --------------------------------------------------------------------------------


def _methods(path: Path = SPEC) -> dict[str, Any]:
    from speclint.fuzz.grpc.source import from_proto

    return {m.name: m for m in from_proto(path, ()).methods}


def test_boundary_messages_cover_each_field_edges() -> None:
    from speclint.fuzz.grpc.boundary import boundary_messages

    methods = _methods()
    ids = [case.message.id for case in boundary_messages(methods["GetItem"].input)]
    assert ids[:2] == [0, 1] and {-1, -(2**63), 2**63 - 1} <= set(ids)
    cases = list(boundary_messages(methods["CreateItem"].input))
    labels = [case.label for case in cases]
    assert labels[:2] == ["defaults", "typical values"]
    for expected in ("name: ''", "color: 3", "price: nan", "barcode: 4294967295", "note.value: ' '", "note: {}",
                     "available_from: 0001-01-01T00:00:00Z", "stock: {}", "tags[0]: ''"):
        assert expected in labels, expected
    price = next(case for case in cases if case.label == "price: -1.0")
    assert price.message.name == "a" and price.minimal is not None and str(price.minimal).strip() == "price: -1"
    search = [case.label for case in boundary_messages(methods["Search"].input)]
    assert "tree.children[0].label: ' '" in search and "filter: {\"a\": null}" in search


def test_random_messages_serialise_and_have_a_json_form() -> None:
    from google.protobuf import json_format
    from hypothesis import HealthCheck, given, settings

    from speclint.fuzz.grpc.grpcurl import request_json
    from speclint.fuzz.grpc.strategies import StrategyBuilder

    builder = StrategyBuilder()
    for name in ("CreateItem", "Search", "ListItems"):
        descriptor = _methods()[name].input

        @settings(max_examples=60, database=None, deadline=None, suppress_health_check=list(HealthCheck))
        @given(builder.message(descriptor))
        def check(message: Any) -> None:
            assert message.SerializeToString() is not None
            text = request_json(message)
            assert isinstance(json.loads(text), dict)
            try:
                json_format.Parse(text, type(message)())
            except json_format.ParseError as error:
                # Python's parser refuses float32's limits printed shortest (±3.4028235e+38);
                # grpcurl (Go) reads it back exactly. Any other refusal is a bug.
                assert "Float value too" in str(error), error

        check()


def test_proto2_required_fields_and_closed_enums(tmp_path: Path) -> None:
    from speclint.fuzz.grpc.boundary import boundary_messages

    proto = tmp_path / "legacy.proto"
    proto.write_text(
        'syntax = "proto2";\npackage legacy;\nenum Kind { A = 1; B = 2; }\n'
        "message Req { required int32 id = 1; optional Kind kind = 2; optional Req child = 3; }\n"
        "service Old { rpc Call(Req) returns (Req); }\n"
    )
    method = _methods(proto)["Call"]
    assert method.label == "legacy.Old/Call"
    messages = [case.message for case in boundary_messages(method.input)]
    assert all(m.IsInitialized() for m in messages)
    assert {m.kind for m in messages if m.HasField("kind")} == {1, 2}  # no undeclared number
