"""The Streamlit app: AppTest on the demo case, and a real browser against `appeal-assistant app`."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from appeal_assistant.demo import DemoConfig, generate_demo

APP = Path(__file__).resolve().parent.parent / "appeal_assistant" / "app" / "main.py"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("app_demo")
    generate_demo(out, DemoConfig(orders=4000, seed=5))
    return out


def test_app_shows_files_metrics_notice_and_draft(demo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("APPEAL_ASSISTANT_DEMO_DIR", str(demo_dir))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception
    headers = [h.value for h in at.header]
    assert headers[0] == "1. Files read" and headers[-1] == "4. Draft"
    assert "2. Metrics as of 2026-11-16" in headers
    files = at.dataframe[0].value
    assert set(files["kind"]) >= {"orders", "shipments", "feedback", "claims", "skipped"}
    assert "buyer-name" in " ".join(files["buyer data dropped"])
    assert at.selectbox[0].value == "notice_carrier_disruption.txt"
    questions = at.text_area
    assert len(questions) >= 4
    # Answering every question makes the draft ready.
    for area in questions:
        area.input(
            "Dana Reyes, operations manager"
            if "responsible" in area.label
            else "2026-11-10"
            if "date" in area.label.lower() and "YYYY" in area.label
            else "moved all orders to UPS Ground"
        )
    at.button[0].click()
    at.run()
    assert not at.exception
    assert any("ready to review" in s.value for s in at.success)
    assert "Dana Reyes" in " ".join(m.value for m in at.markdown)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _ensure_chromium() -> None:
    if os.path.exists(CHROMIUM):
        return
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        pytest.fail(f"{CHROMIUM} is missing; install Debian's chromium package (apt-get install chromium)")
    subprocess.run(["apt-get", "update", "-qq"], check=True, timeout=600)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "chromium"],
        check=True,
        timeout=900,
        env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"),
    )


@pytest.fixture(scope="module")
def served_app(demo_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    log = tmp_path_factory.mktemp("app_log") / "app.log"
    handle = log.open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "appeal_assistant.cli", "app", "--demo", str(demo_dir), "--port", str(port)],
        stdout=handle,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise AssertionError(f"app exited early: {log.read_text()}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        else:
            raise AssertionError(f"app did not answer on {url}: {log.read_text()}")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        handle.close()


@pytest.mark.browser
def test_browser_renders_the_demo_case(served_app: str, tmp_path: Path) -> None:
    _ensure_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(served_app, wait_until="domcontentloaded")
            page.get_by_text("4. Draft").wait_for(timeout=60_000)
            body = page.inner_text("body")
            assert "1. Files read" in body and "Metrics as of" in body
            page.get_by_role("heading", name="Plan of Action").first.wait_for(timeout=30_000)
            page.screenshot(path=str(tmp_path / "app.png"), full_page=True)
            assert (tmp_path / "app.png").stat().st_size > 10_000
        finally:
            browser.close()
