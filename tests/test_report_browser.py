"""report.html as a real browser renders it: headless Chromium, no network, no scripts.

Skipped (with the reason) when Chromium is not installed; the CI script installs it.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from bs4 import BeautifulSoup

from ldn_comments.label import LABEL
from ldn_comments.report import SECTIONS, write_report

from test_report import IMG, SCRIPT, hostile_records

TIMEOUT = 60


def _chromium() -> str:
    for name in ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("Chromium is not installed (apt-get install -y chromium); "
                "the browser rendering test needs it")


def _run(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--disable-extensions", "--hide-scrollbars",
           f"--user-data-dir={profile}", *args]
    env = dict(os.environ, HOME=str(profile))  # keep Chromium's caches out of the real home
    try:
        return subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, env=env, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"Chromium did not finish within {TIMEOUT} s")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Write the hostile report, then screenshot it and dump its rendered DOM."""
    browser = _chromium()
    tmp = tmp_path_factory.mktemp("browser")
    out = tmp / "report"
    write_report(hostile_records(), out, title="Browser test")
    url = (out / "report.html").resolve().as_uri()
    shot = tmp / "shot.png"
    done = _run(browser, tmp / "profile-shot", f"--screenshot={shot}",
                "--window-size=1200,3000", url)
    if not shot.exists():
        pytest.fail(f"no screenshot (exit {done.returncode}): {done.stderr.decode()[-2000:]}")
    dom = _run(browser, tmp / "profile-dom", "--dump-dom", url)
    if dom.returncode != 0 or not dom.stdout.strip():
        pytest.fail(f"--dump-dom failed (exit {dom.returncode}): {dom.stderr.decode()[-2000:]}")
    return shot, dom.stdout.decode("utf-8")


def test_screenshot_is_a_png_that_is_not_blank(rendered):
    shot, _ = rendered
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    import matplotlib.image as mpimg

    pixels = mpimg.imread(shot)
    assert pixels.ndim == 3 and pixels.shape[0] > 100 and pixels.shape[1] > 100
    colours = np.unique(pixels[..., :3].reshape(-1, 3), axis=0)
    assert len(colours) > 1


def test_label_and_sections_in_rendered_dom(rendered):
    _, dom = rendered
    soup = BeautifulSoup(dom, "html.parser")
    banner = soup.find(class_="banner")
    assert banner is not None and banner.get_text(strip=True) == LABEL
    headings = [(h.get("id"), h.get_text(strip=True)) for h in soup.find_all("h2")]
    assert headings == list(SECTIONS)


def test_hostile_comment_did_not_become_an_element(rendered):
    _, dom = rendered
    soup = BeautifulSoup(dom, "html.parser")
    assert soup.find_all("script") == []
    for img in soup.find_all("img"):
        assert img["src"].startswith("data:image/png;base64,")
        assert not img.get("onerror")
    text = soup.get_text()
    assert SCRIPT in text and IMG in text
