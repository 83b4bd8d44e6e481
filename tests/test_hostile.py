"""Hostile text stays text, end to end: a thread file through the command line to the
report (HTML, Markdown, CSV) and to every table the toolkit writes.

test_report.py checks write_report on hand-made records; here the hostile text comes in
through a reader and the extractor, as a user's file would, and the HTML is also checked
in the DOM that headless Chromium renders (the helpers of test_report_browser.py).
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from ldn_comments.cli import main
from ldn_comments.output import FORMULA_LEADS

SCRIPT = "<script>alert('x')</script>"
IMG = '<img src=x onerror="alert(1)">'
JS_LINK = '<a href="javascript:alert(2)">my LDN source</a>'
JS_URL = "javascript:alert(3)"
MD_LINK = "[click](javascript:alert(4))"
MD_TABLE = "| a | b |\n|---|---|\n| c | d |"
MD_MISC = "# heading\n> quote\n`code` *em* __strong__ <!-- hidden -->"
FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB"]

TEXTS = [
    f"I take 4.5 mg LDN at night. {SCRIPT} It helps my fatigue.",
    f"{IMG} No change for me after 6 months on LDN. {JS_LINK}",
    f"Look here {JS_URL} and {MD_LINK}.\n\n{MD_TABLE}",
    f"{MD_MISC}\nLDN 3 mg, fewer relapses.",
    "=1+2 is what my dose felt like",
    "@everyone LDN 1.5 mg worked",
]
AUTHORS = [FORMULAS[0], "<b onmouseover=alert(5)>Eve</b>", "Mallory | `pipe`", FORMULAS[1],
           FORMULAS[3], FORMULAS[4].strip() + " x"]
NEEDLES = [SCRIPT, IMG, JS_LINK, JS_URL, MD_LINK, "<b onmouseover=alert(5)>Eve</b>"]


@pytest.fixture(scope="module")
def thread_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "<script>thread.csv"
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["comment_id", "parent_id", "author", "text"])
    for i, (author, text) in enumerate(zip(AUTHORS, TEXTS), 1):
        w.writerow([f"c{i}", "" if i % 2 else f"c{i - 1}", author, text])
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def report_dir(thread_file, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out") / "report"
    assert main(["report", str(thread_file), "-o", str(out)]) == 0
    return out


def _all_text(soup) -> str:
    return " ".join(soup.get_text().split())


def _assert_inert(soup: BeautifulSoup) -> None:
    assert soup.find_all("script") == []
    for el in soup.find_all(True):
        for attr, value in el.attrs.items():
            assert not attr.lower().startswith("on"), (el.name, attr)
            if attr in ("href", "src", "action", "formaction"):
                assert not str(value).strip().lower().startswith("javascript:"), value
    for img in soup.find_all("img"):
        assert img["src"].startswith("data:image/png;base64,")
    assert soup.find_all("b") == []  # the author's <b> stayed text


def test_html_report_shows_hostile_text_as_text(report_dir):
    soup = BeautifulSoup((report_dir / "report.html").read_text(encoding="utf-8"), "html.parser")
    _assert_inert(soup)
    text = _all_text(soup)
    for needle in NEEDLES:
        assert " ".join(needle.split()) in text, needle
    assert "<script>thread.csv" in text  # the file name, in the provenance, as text


def test_markdown_report_has_no_live_markup(report_dir):
    md = (report_dir / "report.md").read_text(encoding="utf-8")
    for raw in ("<script", "<img", "<a href", "<b ", "<!--", "](javascript:"):
        live = re.search(r"(?<!\\)" + re.escape(raw), md)  # not preceded by a backslash
        assert live is None, md[max(live.start() - 40, 0):live.end() + 40]
    assert "\\<script\\>" in md
    # Every table row keeps its column count: hostile pipes are escaped.
    for block in re.findall(r"(?:^\|.*\|$\n?)+", md, flags=re.M):
        rows = block.strip("\n").split("\n")
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in rows}
        assert len(widths) == 1, rows


def _csv_cells(path: Path):
    sep = "\t" if path.suffix == ".tsv" else ","
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter=sep):
            yield from row


def _assert_defused(path: Path) -> None:
    cells = list(_csv_cells(path))
    bad = [c for c in cells if c.startswith(FORMULA_LEADS) and not _is_number(c)]
    assert bad == [], (path.name, bad[:5])


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_every_report_csv_is_defused(report_dir):
    paths = sorted((report_dir / "tables").glob("*.csv"))
    assert paths
    for path in paths:
        _assert_defused(path)
    records = list(csv.DictReader((report_dir / "tables" / "records.csv").open(encoding="utf-8")))
    assert records[0]["author"] == "'" + FORMULAS[0]


def test_parse_and_extract_csv_outputs_are_defused(thread_file, tmp_path):
    for command, name in (("parse", "comments.csv"), ("parse", "comments.tsv"),
                          ("extract", "records.csv")):
        out = tmp_path / name
        assert main([command, str(thread_file), "-o", str(out)]) == 0
        _assert_defused(out)
    jsonl = tmp_path / "records.jsonl"
    assert main(["extract", str(thread_file), "-o", str(jsonl)]) == 0
    first = json.loads(jsonl.read_text(encoding="utf-8").splitlines()[0])
    assert first["author"] == FORMULAS[0] and SCRIPT in first["text"]  # data kept as is


def test_names_from_input_stay_inside_the_output(tmp_path):
    # A comment table whose source column names a path outside: the report writes only
    # inside its own folder, and shows the base name.
    table = tmp_path / "t.csv"
    table.write_text("comment_id,text,source\n1,LDN 4.5 mg helps,../../../etc/passwd\n"
                     "2,LDN 3 mg,/tmp/../../root/x.txt\n", encoding="utf-8")
    before = {p for p in tmp_path.rglob("*")}
    assert main(["report", str(table), "-o", str(tmp_path / "r")]) == 0
    new = {p for p in tmp_path.rglob("*")} - before
    assert new and all(p == tmp_path / "r" or tmp_path / "r" in p.parents for p in new)


def test_rendered_dom_shows_them_as_text(report_dir, tmp_path):
    from test_report_browser import _chromium, _run

    browser = _chromium()
    url = (report_dir / "report.html").resolve().as_uri()
    dom = _run(browser, tmp_path / "profile", "--dump-dom", url)
    assert dom.returncode == 0 and dom.stdout.strip(), dom.stderr.decode()[-2000:]
    soup = BeautifulSoup(dom.stdout.decode("utf-8"), "html.parser")
    _assert_inert(soup)
    text = _all_text(soup)
    for needle in NEEDLES:
        assert " ".join(needle.split()) in text, needle
