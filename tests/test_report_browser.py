"""report.html as a real browser renders it: headless Chromium, no network.

Skipped (with the reason) when Chromium is not installed; the CI script installs it.

Three reports are rendered at 1280 px: the hostile records of ``test_report``, the bundled
thread (``data/comments.csv``) and an invented review table of two drugs in the Drugs.com
layout. For each, the page is checked as shown (screenshot, and the DOM after rendering)
and measured: a copy of the page, with a script added that the report itself never has,
writes the page's scroll width and every image's decoded size into the DOM.
Set ``LDN_SCREENSHOTS=/some/folder`` to keep the screenshots.
"""
from __future__ import annotations

import base64
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from bs4 import BeautifulSoup
from test_report import IMG, SCRIPT, hostile_records

from ldn_comments.label import LABEL
from ldn_comments.report import SECTIONS, write_report

TIMEOUT = 90
ROOT = Path(__file__).resolve().parents[1]
WIDTH = 1280
HEADLINE = re.compile(r"\d+ of \d+ (?:people|comments) \(\d+(?:\.\d)?%, 95% CI "
                      r"\d+(?:\.\d)?–\d+(?:\.\d)?%\)")

MEASURE = """<script>
window.addEventListener("load", function () {
  var d = document.documentElement;
  var imgs = Array.prototype.map.call(document.images, function (i) {
    return [i.naturalWidth, i.naturalHeight, i.getBoundingClientRect().width]; });
  var wide = Array.prototype.filter.call(document.querySelectorAll("body *"), function (e) {
    return e.getBoundingClientRect().right > d.clientWidth + 1; }).slice(0, 8).map(
    function (e) { return e.tagName + "." + e.className; });
  var pre = document.createElement("pre");
  pre.id = "measured";
  pre.textContent = JSON.stringify({scrollWidth: d.scrollWidth, clientWidth: d.clientWidth,
                                    images: imgs, wide: wide});
  document.body.appendChild(pre);
});
</script>"""


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


def _thread_records():
    from ldn_comments import extract, read_comments

    return extract(read_comments(ROOT / "data" / "comments.csv"))


def _two_drug_records():
    from ldn_comments import extract, read_comments

    return extract(read_comments(ROOT / "tests" / "fixtures" / "reviews" /
                                 "two_drugs_drugscom.tsv"))


CASES = {"hostile": (hostile_records, "Browser test"),
         "thread": (_thread_records, None),
         "two_drugs": (_two_drug_records, None)}


def _render(browser: str, tmp: Path, name: str) -> dict:
    make, title = CASES[name]
    out = tmp / name
    write_report(make(), out, title=title)
    page = out / "report.html"
    shot = tmp / f"{name}.png"
    done = _run(browser, tmp / f"profile-shot-{name}", f"--screenshot={shot}",
                f"--window-size={WIDTH},3000", page.resolve().as_uri())
    if not shot.exists():
        pytest.fail(f"no screenshot (exit {done.returncode}): {done.stderr.decode()[-2000:]}")
    keep = os.environ.get("LDN_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / shot.name)
    dom = _run(browser, tmp / f"profile-dom-{name}", "--dump-dom", page.resolve().as_uri())
    if dom.returncode != 0 or not dom.stdout.strip():
        pytest.fail(f"--dump-dom failed (exit {dom.returncode}): {dom.stderr.decode()[-2000:]}")
    # The measuring copy: the report's policy forbids scripts, so this copy drops it.
    html = page.read_text(encoding="utf-8")
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    measured_page = out / "measured.html"
    measured_page.write_text(html.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    measured = _run(browser, tmp / f"profile-measure-{name}", f"--window-size={WIDTH},900",
                    "--dump-dom", measured_page.resolve().as_uri())
    found = BeautifulSoup(measured.stdout.decode("utf-8"), "html.parser").find(id="measured")
    if found is None:
        pytest.fail(f"the measuring script did not run: {measured.stderr.decode()[-2000:]}")
    return {"shot": shot, "dom": dom.stdout.decode("utf-8"),
            "measured": json.loads(found.get_text()), "html": html}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    browser = _chromium()
    tmp = tmp_path_factory.mktemp("browser")
    return {name: _render(browser, tmp, name) for name in CASES}


def test_screenshots_are_pngs_that_are_not_blank(rendered):
    import matplotlib.image as mpimg

    for name, page in rendered.items():
        assert page["shot"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", name
        pixels = mpimg.imread(page["shot"])
        assert pixels.ndim == 3 and pixels.shape[1] == WIDTH, name
        colours = np.unique(pixels[..., :3].reshape(-1, 3), axis=0)
        assert len(colours) > 1, name


@pytest.mark.parametrize("name", list(CASES))
def test_no_horizontal_scroll_at_1280_px(rendered, name):
    m = rendered[name]["measured"]
    assert m["clientWidth"] <= WIDTH
    assert m["scrollWidth"] <= m["clientWidth"], f"{name}: too wide: {m['wide']}"


@pytest.mark.parametrize("name", list(CASES))
def test_headline_block_first_with_the_label_beside_it(rendered, name):
    soup = BeautifulSoup(rendered[name]["dom"], "html.parser")
    block = soup.find(id="headline")
    assert block is not None
    # First: right after the title, before the contents and every section.
    assert block.find_previous("h2") is None and block.find_previous("nav") is None
    assert LABEL in " ".join(block.find("aside").get_text().split())
    text = " ".join(block.get_text().split())
    if name != "hostile" or "report taking" in text:
        assert HEADLINE.search(text), text


def test_two_drug_report_is_about_both_drugs(rendered):
    soup = BeautifulSoup(rendered["two_drugs"]["dom"], "html.parser")
    title = soup.find("h1").get_text()
    assert "Copaxone" in title and "LDN" in title and "thread" not in title
    cards = [h.get_text() for h in soup.find(id="headline").find_all("h3")]
    assert len(cards) == 2 and "LDN" in cards[0] and "Copaxone" in cards[1]
    assert "1-10" in soup.find(id="headline").get_text()  # Drugs.com's scale


@pytest.mark.parametrize("name", list(CASES))
def test_no_image_without_content(rendered, name):
    import matplotlib.image as mpimg

    m = rendered[name]["measured"]
    soup = BeautifulSoup(rendered[name]["html"], "html.parser")
    imgs = soup.find_all("img")
    assert len(m["images"]) == len(imgs)
    for (width, height, shown), img in zip(m["images"], imgs):
        assert width > 50 and height > 50 and shown > 50, img.get("alt")
        data = base64.b64decode(img["src"].split(",", 1)[1])
        pixels = mpimg.imread(io.BytesIO(data), format="png")[..., :3]
        inked = (pixels.min(axis=2) < 0.9).mean()
        assert inked > 0.02, f"{img.get('alt')}: almost blank ({inked:.3f} inked)"
    # A figure with nothing to draw is a sentence, not a picture of an empty box.
    for alt in (img.get("alt", "") for img in imgs):
        assert not alt.lower().startswith("no ")


@pytest.mark.parametrize("name", list(CASES))
def test_every_table_labelled(rendered, name):
    soup = BeautifulSoup(rendered[name]["dom"], "html.parser")
    tables = soup.find_all("table")
    assert tables
    for table in tables:
        holder = table.find_parent("figure", class_="table")
        assert holder is not None
        label = holder.find(class_="tablelabel")
        assert label is not None and label.get_text(strip=True) == LABEL
        assert holder.find("figcaption") is not None


def test_label_and_sections_in_rendered_dom(rendered):
    soup = BeautifulSoup(rendered["hostile"]["dom"], "html.parser")
    banner = soup.find(class_="banner")
    assert banner is not None and banner.get_text(strip=True) == LABEL
    headings = [(h.get("id"), h.get_text(strip=True)) for h in soup.find_all("h2")]
    assert headings == list(SECTIONS)


def test_hostile_comment_did_not_become_an_element(rendered):
    soup = BeautifulSoup(rendered["hostile"]["dom"], "html.parser")
    assert soup.find_all("script") == []
    for img in soup.find_all("img"):
        assert img["src"].startswith("data:image/png;base64,")
        assert not img.get("onerror")
    text = soup.get_text()
    assert SCRIPT in text and IMG in text
