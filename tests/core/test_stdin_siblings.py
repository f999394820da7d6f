"""``check - --stdin-filename NAME`` lints the text as NAME: its relative ``$ref``s reach the
files beside NAME (an editor's unsaved buffer of a split spec), and refs that leave NAME's
folder are still refused."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

SPEC = """\
openapi: 3.0.3
info:
  title: Garage
  version: 2.1.0
paths:
  /cars:
    post:
      operationId: addCar
      requestBody:
        content:
          application/json:
            schema:
              $ref: "{ref}"
      responses:
        "201":
          description: Added
"""

SCHEMAS = """\
Car:
  type: object
  description: A car.
  required: [plate]
  properties:
    plate:
      type: string
      description: Its plate.
"""


def _stdin_check(cwd: Path, name: str, text: str) -> tuple[int, list[tuple[str, str, int, int]], dict[str, Any]]:
    done = subprocess.run(
        [sys.executable, "-m", "speclint", "check", "-", "--stdin-filename", name, "--format", "json"],
        input=text, capture_output=True, text=True, cwd=cwd, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    report = json.loads(done.stdout)
    found = [(d["rule"], d["file"], d["line"], d["column"]) for d in report["diagnostics"]]
    return done.returncode, found, report


def _project(tmp_path: Path) -> Path:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "schemas.yaml").write_text(SCHEMAS)
    return tmp_path


def test_a_buffer_of_a_file_on_disk_reaches_its_siblings(tmp_path: Path) -> None:
    project = _project(tmp_path)
    saved = "# an older version, two lines longer\n\n" + SPEC.format(ref="./missing.yaml#/Car")
    (project / "specs" / "api.yaml").write_text(saved)
    _, found, report = _stdin_check(project, "specs/api.yaml", SPEC.format(ref="./schemas.yaml#/Car"))
    assert not [f for f in found if f[0] in ("unresolved-ref", "refused-ref", "internal-error")]
    assert {f[1] for f in found} <= {"specs/api.yaml", "specs/schemas.yaml"}
    assert ("operation-description", "specs/api.yaml", 8, 7) in found  # lines of the text read, not of the disk
    assert (project / "specs" / "api.yaml").read_text() == saved  # the disk is left alone
    assert report["summary"]["files"] == 2


def test_a_new_file_in_an_existing_folder_reaches_its_siblings(tmp_path: Path) -> None:
    project = _project(tmp_path)
    _, found, _ = _stdin_check(project, "specs/new.yaml", SPEC.format(ref="./schemas.yaml#/Car"))
    assert found and not [f for f in found if f[0] in ("unresolved-ref", "refused-ref")]
    assert {f[1] for f in found} == {"specs/new.yaml"}
    assert not (project / "specs" / "new.yaml").exists()


def test_refs_outside_the_name_s_folder_are_still_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "outside.yaml").write_text(SCHEMAS)
    code, found, _ = _stdin_check(project, "specs/new.yaml", SPEC.format(ref="../outside.yaml#/Car"))
    assert code == 1
    assert [f for f in found if f[0] == "refused-ref"] == [("refused-ref", "specs/new.yaml", 13, 15)]


def test_a_name_in_a_folder_that_does_not_exist_is_linted_alone(tmp_path: Path) -> None:
    project = _project(tmp_path)
    code, found, _ = _stdin_check(project, "elsewhere/api.yaml", SPEC.format(ref="./schemas.yaml#/Car"))
    assert code == 1
    assert [f for f in found if f[0] == "unresolved-ref"] == [("unresolved-ref", "elsewhere/api.yaml", 13, 15)]
