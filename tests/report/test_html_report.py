"""The HTML report: one self-contained page, checked as a browser renders it (headless
Chromium: the DOM after its script ran, and a screenshot) where Chromium is installed."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.report.helpers import CASING_COLUMN, CASING_LINE, RULESET, write_spec

CHROMIUM = next((shutil.which(name) for name in ("chromium", "chromium-browser") if shutil.which(name)), None)
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (CI installs it)")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML report of a spec with two errors and one finding whose text tries to inject markup."""
    folder = tmp_path_factory.mktemp("html")
    spec = write_spec(folder)
    injected = '"<script>document.title=1</script><img src=x onerror=alert(1)>"'
    (folder / "other.yaml").write_text(spec.read_text().replace("Create_Pet", injected), encoding="utf-8")
    result = run_cli("check", "--ruleset", RULESET, folder / "openapi.yaml", folder / "other.yaml",
                     "--select", "openapi-operation-id-casing,security-scheme-defined",
                     "--format", "html", "--output", folder / "report.html")
    assert result.code == 1, result.stderr
    return folder / "report.html"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def test_the_page_is_self_contained(report: Path) -> None:
    page = report.read_text(encoding="utf-8")
    tags = _tags(page)
    assert [t for t, _ in tags].count("script") == 1 and all(not a.get("src") for t, a in tags if t == "script")
    assert not any(t == "link" for t, _ in tags)
    assert not any(a.get("src") for t, a in tags if t in {"img", "iframe", "video", "audio", "source"})
    assert "@import" not in page and "url(" not in page
    policy = next(a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert policy is not None and "default-src 'none'" in policy


def test_text_from_the_spec_is_escaped(report: Path) -> None:
    page = report.read_text(encoding="utf-8")
    assert "<script>document.title" not in page and "<img src=x" not in page
    assert "&lt;script&gt;document.title=1&lt;/script&gt;" in page
    assert not any(t == "img" for t, _ in _tags(page))


def test_findings_carry_their_excerpt_and_rule_explanation(report: Path) -> None:
    page = report.read_text(encoding="utf-8")
    casing = re.search(r'<article class="finding[^>]*data-rule="openapi-operation-id-casing".*?</article>', page, re.S)
    assert casing is not None
    assert f">{CASING_LINE}:{CASING_COLUMN}<" in casing.group()
    assert "<mark>operationId</mark>" in casing.group() or "<mark>operationId: Create_Pet</mark>" in casing.group()
    assert 'href="#rule-openapi-operation-id-casing"' in casing.group()
    assert '<article id="rule-openapi-operation-id-casing">' in page and "<h4>Why is this bad?</h4>" in page


def test_a_clean_run_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ok.yaml").write_text("openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n")
    result = run_cli("check", "--ruleset", RULESET, "ok.yaml", "--format", "html")
    assert result.code == 0
    assert "No problems found in 1 file." in result.stdout and result.stdout.rstrip().endswith("</html>")


# --- in a browser ----------------------------------------------------------------------------


def _chromium(target: str, *action: str, profile: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--hide-scrollbars", *action, target],
        capture_output=True, text=True, timeout=120, check=False,
    )


def _text_of(dom: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}"[^>]*>([^<]*)<', dom)
    assert match is not None, element_id
    return match.group(1)


@needs_chromium
def test_the_rendered_dom_holds_counts_and_rule_ids(report: Path, tmp_path: Path) -> None:
    done = _chromium(report.as_uri(), "--dump-dom", profile=tmp_path / "profile")
    dom = done.stdout
    assert "</html>" in dom, done.stderr[-500:]
    assert _text_of(dom, "shown") == "Showing 4 of 4 findings"  # written by the page's script
    assert (_text_of(dom, "total"), _text_of(dom, "count-error"), _text_of(dom, "count-warning")) == ("4", "4", "0")
    for rule in ("openapi-operation-id-casing", "security-scheme-defined"):
        assert f'data-rule="{rule}"' in dom and f'id="rule-{rule}"' in dom
    assert "document.title=1" not in re.sub(r"&lt;.*?&gt;", "", dom.split("<title>")[1].split("</title>")[0])


@needs_chromium
def test_a_filter_in_the_address_applies_on_load(report: Path, tmp_path: Path) -> None:
    dom = _chromium(report.as_uri() + "#rule=security-scheme-defined", "--dump-dom", profile=tmp_path / "p").stdout
    assert _text_of(dom, "shown") == "Showing 2 of 4 findings"
    hidden = re.findall(r'<article class="finding[^"]*\bhidden\b[^"]*"[^>]*data-rule="([^"]+)"', dom)
    assert hidden == ["openapi-operation-id-casing"] * 2


def _png_pixels(path: Path) -> tuple[int, int, bytes]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    chunks, offset = [], 8
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset : offset + 8])
        if kind == b"IDAT":
            chunks.append(data[offset + 8 : offset + 8 + length])
        offset += 12 + length
    return width, height, zlib.decompress(b"".join(chunks))


@needs_chromium
def test_the_screenshot_shows_a_rendered_page(report: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    done = _chromium(report.as_uri(), f"--screenshot={shot}", "--window-size=1280,1600", profile=tmp_path / "p")
    assert shot.exists(), done.stderr[-500:]
    width, height, pixels = _png_pixels(shot)
    assert (width, height) == (1280, 1600)
    # A blank or unstyled page has a handful of colours; the report has cards, bars and badges.
    assert len(set(pixels)) > 64
