"""A small spec with known findings, copied into a temporary folder."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import create_pet, shop_spec

SPEC = shop_spec("listPets", create_pet())
CASING_LINE, CASING_COLUMN = 13, 7
SECURITY_LINE = 15


def write_spec(folder: Path, name: str = "openapi.yaml", prefix: str = "") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(prefix + SPEC, encoding="utf-8")
    return path

RULESET = str(Path(__file__).resolve().parent / "ci-ruleset.yaml")
