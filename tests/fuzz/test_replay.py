"""A sequence's reproduction reads each linked value from the replayed response."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from speclint.fuzz.rest.replay import Read, Step, sequence_script

CREATE = "curl -X POST 'http://h/files' --data-raw '{}'"


def _read(location: str, value: object, reference: str = "/path") -> Read:
    return Read("SPECLINTVALUE1X", 0, "body", reference, location, "path", value)


def test_the_value_is_encoded_the_way_it_was_sent() -> None:
    for sent, encoding in (("a%2Fb%20c", "path"), ("a/b%20c", "path/")):
        step = Step(f"curl -X GET 'http://h/files/{sent}'", "curl -X GET 'http://h/files/SPECLINTVALUE1X'",
                    (_read("path", "a/b c"),))
        lines = sequence_script([Step(CREATE), step]).split("\n")
        assert lines[2] == f"v1=$(speclint_value \"$d/1.body\" \"$d/1.headers\" body '/path' {encoding})"
        assert lines[3] == "curl -X GET 'http://h/files/'\"$v1\"''"


def test_a_value_sent_some_other_way_stays_written_out() -> None:
    step = Step("curl -X GET 'http://h/files/A'", "curl -X GET 'http://h/files/SPECLINTVALUE1X'",
                (_read("path", "a"),))
    assert sequence_script([Step(CREATE), step]) == f"curl -s -o /dev/null {CREATE[5:]}\ncurl -X GET 'http://h/files/A'"


def test_the_value_program_reads_bodies_and_headers(tmp_path: Path) -> None:
    (tmp_path / "1.body").write_text(json.dumps({"items": [{"path": "a/b c", "n": 7}]}))
    (tmp_path / "1.headers").write_text("HTTP/1.1 201 Created\r\nLocation: /files/x%20y\r\n\r\n")
    preamble = sequence_script([Step(CREATE), Step("curl 'http://h/A'", "curl 'http://h/SPECLINTVALUE1X'",
                                                   (_read("header", "A"),))]).split("\n")[0]
    calls = {
        "body '/items/0/path' path": "a%2Fb%20c",
        "body '/items/0/path' path/": "a/b%20c",
        "body '/items/0/path' query": "a%2Fb+c",
        "body '/items/0/n' raw": "7",
        "header 'location' raw": "/files/x%20y",
    }
    for arguments, expected in calls.items():
        script = preamble.replace("d=$(mktemp -d)", f"d={tmp_path}") + \
            f"\nspeclint_value \"$d/1.body\" \"$d/1.headers\" {arguments}"
        done = subprocess.run(["sh", "-c", script], capture_output=True, text=True, check=True)
        assert done.stdout == expected, arguments


def test_a_value_missing_from_the_replayed_response_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "1.body").write_text(json.dumps({"message": "no such folder"}))
    (tmp_path / "1.headers").write_text("HTTP/1.1 404 Not Found\r\n\r\n")
    preamble = sequence_script([Step(CREATE), Step("curl 'http://h/A'", "curl 'http://h/SPECLINTVALUE1X'",
                                                   (_read("header", "A"),))]).split("\n")[0]
    for arguments in ("body '/path' path", "body '/items/3' path", "header 'location' raw"):
        script = preamble.replace("d=$(mktemp -d)", f"d={tmp_path}") + \
            f"\nspeclint_value \"$d/1.body\" \"$d/1.headers\" {arguments}"
        done = subprocess.run(["sh", "-c", script], capture_output=True, text=True, check=False)
        assert done.returncode == 1 and done.stdout == ""
        assert done.stderr.startswith("speclint: the response has no ") and len(done.stderr.splitlines()) == 1
