"""The report in headless Chromium: it renders, its script runs, injected scripts do not."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from detente.report import ReportOptions, build_report
from detente.store.database import Store

pytestmark = pytest.mark.browser

CHROMIUM = next(
    (found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))),
    None,
)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    if CHROMIUM is None:
        # CI installs chromium and sets DETENTE_REQUIRE_BROWSER, so there a skip is a failure.
        if os.environ.get("DETENTE_REQUIRE_BROWSER"):
            pytest.fail("DETENTE_REQUIRE_BROWSER is set but no chromium binary is on PATH")
        pytest.skip("no chromium binary on PATH (apt-get install chromium)")
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def report_file(report_store: Path, tmp_path: Path) -> Path:
    with Store(report_store, read_only=True) as store:
        page = build_report(store, ReportOptions())
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    return path


def test_report_renders_to_a_screenshot(report_file: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    result = _chromium(
        tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", report_file.as_uri()
    )
    assert shot.is_file(), result.stderr[-2000:]
    header = shot.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1280, 2000)
    assert shot.stat().st_size > 30_000  # a blank page of this size compresses to a few kB


def test_rendered_dom_has_chart_and_rows_and_no_injected_script(
    report_file: Path, tmp_path: Path
) -> None:
    result = _chromium(tmp_path, "--dump-dom", report_file.as_uri())
    dom = result.stdout
    assert "<svg" in dom and "<polyline" in dom, result.stderr[-2000:]
    table = dom.split('id="events-table"')[1].split("</table>")[0]
    assert table.count("<tr>") == 1 + 72
    assert 'data-script="ready"' in dom  # the report's own script ran under its CSP
    assert "PWNED" not in dom.split("</title>")[0]  # the hostile title did not set the title
    assert "data-pwned" not in dom  # the hostile actor name's onerror did not run
    assert "&lt;script&gt;document.title=" in dom  # it is shown as text instead
