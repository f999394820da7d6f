"""Spectral rulesets that ``extends`` names as npm packages, read from a local ``node_modules``.

Nothing is fetched: the package must be installed in a ``node_modules`` folder next to the
ruleset or above it. A package that ships its ruleset as YAML or JSON is read as a ruleset
file; a JavaScript ruleset (``@stoplight/spectral-owasp-ruleset``, IBM's) is printed as JSON by
the local ``node``, functions by their Spectral names, when ``node`` is installed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

_DATA_NAMES = ("ruleset.yaml", "ruleset.yml", "ruleset.json", ".spectral.yaml", ".spectral.yml", ".spectral.json",
               "spectral.yaml", "spectral.yml", "spectral.json")  # fmt: skip
_NODE_TIMEOUT_S = 60
_DUMP_JS = r"""
const dir = process.argv[1];
let rs = require(dir);
rs = rs.default || rs;
const names = new Map();
for (const name of ['@stoplight/spectral-functions', '@stoplight/spectral-formats']) {
  try {
    const module = require(require.resolve(name, {paths: [dir]}));
    for (const [key, value] of Object.entries(module)) names.set(value, key);
  } catch (error) {}
}
const replacer = (key, value) => typeof value === 'function' ? (names.get(value) || value.name || 'anonymous')
  : value instanceof RegExp ? `/${value.source}/${value.flags}` : value;
process.stdout.write(JSON.stringify(rs, replacer));
"""


def is_package_name(name: str) -> bool:
    """``@scope/name`` or ``name`` (not a path, not a URL, not ``spectral:...``)."""
    if name.startswith((".", "/", "spectral:")) or "://" in name or name.endswith((".yaml", ".yml", ".json")):
        return False
    parts = name.split("/")
    return (len(parts) == 2 and parts[0].startswith("@")) or len(parts) == 1


def find_package(name: str, start: Path) -> Path | None:
    """The folder of the installed package ``name``, from ``start``'s ``node_modules`` upward."""
    for folder in (start, *start.parents):
        candidate = folder / "node_modules" / name
        if (candidate / "package.json").is_file():
            return candidate
    return None


def data_file(package: Path) -> Path | None:
    """A YAML or JSON ruleset the package ships (its ``main``, or a conventional name)."""
    try:
        manifest = json.loads((package / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    main = manifest.get("main") if isinstance(manifest, dict) else None
    if isinstance(main, str) and main.endswith((".yaml", ".yml", ".json")) and (package / main).is_file():
        return package / main
    for folder in (package, package / "dist"):
        for name in _DATA_NAMES:
            if (folder / name).is_file():
                return folder / name
    return None


def node_dump(package: Path) -> tuple[dict[str, Any] | None, str]:
    """The JavaScript ruleset of ``package`` as data, or None and why not."""
    node = shutil.which("node")
    if node is None:
        return None, "it is a JavaScript ruleset and node is not installed"
    try:
        done = subprocess.run(
            [node, "-e", _DUMP_JS, str(package)], capture_output=True, text=True, timeout=_NODE_TIMEOUT_S
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return None, f"node could not read it ({error})"
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return None, f"node could not read it ({last})"
    try:
        data = json.loads(done.stdout)
    except ValueError:
        return None, "node printed no ruleset"
    return (data, "") if isinstance(data, dict) else (None, "node printed no ruleset")
