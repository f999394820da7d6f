"""CPU time of the protobuf model builder, and of placing findings, over googleapis' protos.

Compiles the ``.proto`` files under ``--only`` (default ``google/cloud/``) of npm
google-proto-files 6.0.1 with one protoc run (source info and imports, as the loader asks for;
kept in a cache file so that later runs skip it), then, in this process and with the cycle
collector paused as in a run:

- ``build``: ``PackageBuilder`` over every package, as the loader calls it (the source maps'
  comment pass, the model, the options' decoding);
- ``place``: the rules of the recommended ruleset over those APIs, and the line and column of
  each finding (the source maps' span index, the columns from the files' text).

It prints the best CPU time of ``--repeats`` runs of each and the load average. Instruction
counts, which do not depend on the machine's load, come from callgrind: run the script under
``valgrind --tool=callgrind --callgrind-out-file=/dev/null`` once with ``--phase none`` and once
with ``--phase build`` (or ``place``, which builds too) and ``--repeats 1``; the difference is
the phase's count. Use a small ``--only`` for that (``google/cloud/aiplatform/v1/``).

    python benchmarks/proto_build.py [--only PREFIX] [--phase build|place|none] [--repeats N]
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import os
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import npm_package
from google.protobuf.descriptor_pb2 import FileDescriptorSet

from speclint.loaders.protobuf.build import DEFAULT_AUTH_OPTIONS, PackageBuilder
from speclint.loaders.protobuf.options import OptionDecoder
from speclint.loaders.protobuf.protoc import run_protoc
from speclint.loaders.protobuf.roots import ProtoFile
from speclint.model import Api


def compilable(root: Path, only: str) -> list[str]:
    """The files under ``only`` whose imports all exist (in ``root`` or protoc's own), directly or
    not: one of google/cloud's imports a grafeas file the package does not hold."""
    texts = {str(p.relative_to(root)): p.read_text("utf-8") for p in sorted((root / only).rglob("*.proto"))}
    imports = {name: _IMPORT.findall(text) for name, text in texts.items()}
    missing = {i for found in imports.values() for i in found if not i.startswith("google/protobuf/")}
    missing = {i for i in missing if not (root / i).is_file()}
    kept = set(texts)
    while bad := {n for n in kept if any(i in missing or (i in texts and i not in kept) for i in imports[n])}:
        kept -= bad
    return sorted(kept)


_IMPORT = re.compile(r'^\s*import\s+(?:public\s+|weak\s+)?"([^"]+)"\s*;', re.MULTILINE)


def descriptor_set(root: Path, only: str) -> bytes:
    """The FileDescriptorSet of the files under ``only``, from the cache file or from protoc."""
    names = compilable(root, only)
    key = hashlib.sha256("\n".join([str(root), *names]).encode()).hexdigest()[:16]
    cache = Path(tempfile.gettempdir()) / f"speclint-proto-build-{key}.pb"
    if not cache.is_file():
        run = run_protoc(names, [root])
        if not run.ok:
            sys.exit(f"protoc failed: {run.messages[:1]}")
        cache.write_bytes(run.descriptor_set)
    return cache.read_bytes()


def build(root: Path, files: Sequence[Any], only: str) -> list[Api]:
    """The APIs of the packages of the ``files`` (FileDescriptorProtos) under ``only``."""
    packages: dict[str, list[tuple[ProtoFile, Any]]] = {}
    for proto in files:
        if proto.name.startswith(only):
            packages.setdefault(proto.package, []).append((ProtoFile(root / proto.name, proto.name, proto.name), proto))
    linted = frozenset(proto.name for members in packages.values() for _, proto in members)
    decoder = OptionDecoder({proto.name: proto for proto in files})
    return [PackageBuilder(p, m, decoder, DEFAULT_AUTH_OPTIONS, linted).build() for p, m in sorted(packages.items())]


def place(apis: list[Api], root: Path) -> int:
    """Run the recommended rules over ``apis`` and place every finding; the findings' count."""
    from speclint.config import resolve_run_config
    from speclint.model import SpecFormat
    from speclint.rules.registry import RuleContext

    config = resolve_run_config(None, "recommended", [], [], cwd=root)
    rules = [(config.registry.get(rule_id), setting) for rule_id, setting in config.settings.items()]
    found = 0
    for api in apis:
        shared: dict[str, object] = {}
        for spec, setting in rules:
            if spec is None or spec.check is None or spec.category is None or not spec.applies_to(SpecFormat.PROTOBUF):
                continue
            context = RuleContext(api, {**spec.options, **setting.options_for(api.files)}, shared)
            for problem in spec.check(api, context):
                found += problem.location.line > 0 and problem.location.column > 0
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="google/cloud/", help="the files linted: those under this prefix")
    parser.add_argument("--phase", choices=("build", "place", "none"), default="place")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    root = npm_package("google-proto-files", "6.0.1")
    os.chdir(root)  # the display names are relative to the root, as in `speclint check` run there
    data = descriptor_set(root, args.only)
    files = FileDescriptorSet.FromString(data).file
    print(f"google-proto-files 6.0.1, {args.only}: {len(data) / 1e6:.1f} MB of descriptors")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    best = {"build": float("inf"), "place": float("inf")}
    for _ in range(max(1, args.repeats) if args.phase != "none" else 0):
        gc.disable()  # as the loader and the rules run
        start = time.process_time()
        apis = build(root, files, args.only)
        built = time.process_time()
        placed = place(apis, root) if args.phase == "place" else 0
        end = time.process_time()
        gc.enable()
        best["build"] = min(best["build"], built - start)
        best["place"] = min(best["place"], end - built)
        fields = sum(len(t.fields) for api in apis for t in api.types)
        del apis
    if args.phase != "none":
        print(f"build: {best['build']:.3f} s CPU ({fields} fields; best of {max(1, args.repeats)})")
    if args.phase == "place":
        print(f"rules and placing {placed} findings: {best['place']:.3f} s CPU")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
