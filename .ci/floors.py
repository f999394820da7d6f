"""Print a pip constraints file pinning each runtime dependency to the floor pyproject.toml allows."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

_FLOOR = re.compile(r"^([A-Za-z0-9_.\-]+)\s*(?:\[[^\]]*\])?\s*[^;]*?>=\s*([0-9][^,;\s]*)")


def main(pyproject: Path) -> None:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"]) + list(project["optional-dependencies"].get("fuzz", []))
    for requirement in requirements:
        found = _FLOOR.match(requirement)
        if found:
            marker = requirement.split(";", 1)[1].strip() if ";" in requirement else ""
            print(f"{found.group(1)}=={found.group(2)}" + (f"; {marker}" if marker else ""))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
