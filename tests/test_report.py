"""write_report: every file, the label everywhere, hostile text shown as text, atomicity."""
from __future__ import annotations

import csv
import importlib
import json
import os
import re
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from ldn_comments import report
from ldn_comments.errors import OutputError
from ldn_comments.label import LABEL
from ldn_comments.output import FORMULA_LEADS
from ldn_comments.records import coerce_records
from ldn_comments.report import SECTIONS, highlight, md_escape, write_report

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_LINK = '<a href="javascript:alert(3)">click</a>'
MD_TABLE = "| a | b |"
MD_LINK = "[x](javascript:alert(1))"
HYPERLINK = '=HYPERLINK("http://evil.example/","x")'

TEXTS = [
    f"I take 4.5 mg LDN nightly {SCRIPT} and I feel great.",
    f"{IMG} javascript:alert(2) {JS_LINK} no change for me",
    f"Markdown tricks: {MD_TABLE}\n{MD_LINK} `rm -rf /` *bold* _u_\n# not a heading",
    "Does anyone know where to get it?",
]


def hostile_records() -> pd.DataFrame:
    """Four comments by three writers, with hostile text, names and evidence spans."""
    t0 = TEXTS[0]
    dose = (t0.index("4.5 mg"), t0.index("4.5 mg") + len("4.5 mg"))
    use = (t0.index("4.5 mg"), t0.index("LDN") + 3)            # overlaps the dose span
    great = (t0.index("feel great"), t0.index("feel great") + len("feel great"))
    t1 = TEXTS[1]
    nochange = (t1.index("no change"), t1.index("no change") + len("no change"))
    return coerce_records(pd.DataFrame([
        {"position": 1, "parent": None, "author": HYPERLINK, "date": "2019-03-01",
         "text": TEXTS[0], "source": "../../etc/thread.txt", "speaker_role": "patient",
         "ldn_use": "current", "dose_values": [4.5], "dose_unit": "mg", "current_dose": 4.5,
         "effect": "positive", "benefits": ["wellbeing"], "second_hand": False,
         "is_question": False,
         "evidence": {"dose_values": [list(dose)], "ldn_use": [list(use)],
                      "effect": [list(great)], '"><script>x</script>': [[0, 1]]}},
        {"position": 2, "parent": 1, "author": "<b onmouseover=alert(1)>Eve</b>",
         "date": "2019-03-05", "text": TEXTS[1], "source": "../../etc/thread.txt",
         "speaker_role": "caregiver", "ldn_use": "past", "second_hand": True,
         "effect": "no_effect", "is_question": False,
         "evidence": {"effect": [{"start": nochange[0], "end": nochange[1]}],
                      "ldn_use": [[-5, 3], [500, 900]]}},
        {"position": 3, "parent": None, "author": HYPERLINK, "date": None,
         "text": TEXTS[2], "source": "../../etc/thread.txt", "ldn_use": "none",
         "is_question": False, "evidence": {}},
        {"position": 4, "parent": 3, "author": HYPERLINK, "date": "2019-04-01",
         "text": TEXTS[3], "source": "../../etc/thread.txt", "ldn_use": "planned",
         "is_question": True, "evidence": {}},
    ]))


@pytest.fixture
def hostile():
    return hostile_records()


@pytest.fixture
def written(tmp_path, hostile):
    out = tmp_path / "report"
    paths = write_report(hostile, out, title="Hostile <i>test</i> thread")
    return out, paths


def _soup(out: Path) -> BeautifulSoup:
    return BeautifulSoup((out / "report.html").read_text(encoding="utf-8"), "html.parser")


def _has_module(name: str) -> bool:
    try:
        importlib.import_module(f"ldn_comments.{name}")
    except ModuleNotFoundError:
        return False
    return True


def _plot_names() -> list[str]:
    if not _has_module("plot"):
        return []
    plot = importlib.import_module("ldn_comments.plot")
    return [name for name, _ in report.FIGURES if hasattr(plot, name)]


# --------------------------------------------------------------------------- files

def test_all_files_written(written):
    out, paths = written
    for name in ("report.html", "report.md", "tables/README.txt", "tables/metadata.json",
                 "tables/records.csv", "tables/thread_bias.csv"):
        assert name in paths, name
    if _has_module("people"):
        assert "tables/people.csv" in paths
    if _has_module("evidence"):
        assert "tables/trial_evidence.csv" in paths
    if _has_module("summarise"):
        from ldn_comments.summarise import summarise

        for name in summarise(hostile_records()).tables:
            assert f"tables/{name}.csv" in paths
    # Every plot is a figure file, or (nothing to draw) a sentence on the page instead.
    drawn = [n for n in _plot_names() if f"figures/{n}.png" in paths]
    sentences = _soup(out).find_all(class_="nofigure")
    assert len(drawn) + len(sentences) == len(_plot_names())
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert on_disk == set(paths)
    for name, path in paths.items():
        assert path == out.absolute() / name and path.stat().st_size > 0
    # No temporary folder or part file is left beside or inside the report.
    assert [p.name for p in out.parent.iterdir()] == ["report"]
    assert not [p for p in out.rglob("*.part")]


def test_figures_are_png_and_embedded(written):
    out, paths = written
    names = _plot_names()
    if not names:
        pytest.skip("ldn_comments.plot is not there yet")
    soup = _soup(out)
    imgs = soup.find_all("img")
    drawn = [n for n in names if (out / "figures" / f"{n}.png").exists()]
    assert imgs and len(imgs) == len(drawn)
    for name in drawn:
        assert (out / "figures" / f"{name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    for img in imgs:
        assert img["src"].startswith("data:image/png;base64,")
    md = (out / "report.md").read_text(encoding="utf-8")
    for name in drawn:
        assert f"(figures/{name}.png)" in md


def test_empty_figure_is_a_sentence_not_a_box(tmp_path, hostile):
    """A plot with nothing to draw (no durations stated here) gives one sentence on the
    page and in the Markdown, and no PNG."""
    if "duration_hist" not in _plot_names():
        pytest.skip("no duration plot")
    out = tmp_path / "r"
    paths = write_report(hostile, out)
    assert "figures/duration_hist.png" not in paths
    sentences = [p.get_text(" ", strip=True) for p in _soup(out).find_all(class_="nofigure")]
    assert any(s.startswith("How long LDN was taken: no figure") for s in sentences)
    assert "How long LDN was taken: no figure" in (out / "report.md").read_text("utf-8")


# --------------------------------------------------------------------------- the label

def test_label_first_in_html_and_md(written):
    out, _ = written
    soup = _soup(out)
    first = next(el for el in soup.body.children if getattr(el, "name", None))
    assert first.get_text(strip=True) == LABEL
    assert "banner" in first["class"]
    md = (out / "report.md").read_text(encoding="utf-8")
    assert LABEL in md.splitlines()[0]


def test_label_accompanies_every_csv(written):
    out, _ = written
    readme = (out / "tables" / "README.txt").read_text(encoding="utf-8")
    meta = json.loads((out / "tables" / "metadata.json").read_text(encoding="utf-8"))
    assert readme.splitlines()[0] == LABEL
    assert meta["label"] == LABEL
    described = {t["url"]: t for t in meta["tables"]}
    csvs = sorted(p.name for p in (out / "tables").glob("*.csv"))
    assert csvs and sorted(described) == csvs
    for name in csvs:
        assert f"\n{name}: " in readme
        assert described[name]["label"] == LABEL


def test_every_saved_figure_has_the_label_drawn(tmp_path, hostile, monkeypatch):
    if not _plot_names():
        pytest.skip("ldn_comments.plot is not there yet")
    from matplotlib.figure import Figure

    seen = []
    real = Figure.savefig

    def spy(self, *args, **kwargs):
        texts = [t.get_text() for t in self.texts]
        for ax in self.axes:
            texts += [t.get_text() for t in ax.texts] + [ax.get_title()]
        seen.append(texts)
        assert kwargs.get("bbox_inches") == "tight"
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", spy)
    paths = write_report(hostile, tmp_path / "r")
    assert seen and len(seen) == len([p for p in paths if p.startswith("figures/")])
    for texts in seen:
        # Plot functions may wrap the label over lines; the words must all be there.
        assert any(LABEL in " ".join(t.split()) for t in texts), texts


def test_ensure_label_adds_it_once():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    report._ensure_label(fig)
    assert [t.get_text() for t in fig.texts] == [LABEL]
    report._ensure_label(fig)
    assert len(fig.texts) == 1


# --------------------------------------------------------------------------- hostile text

def test_hostile_html_is_text(written):
    out, _ = written
    raw = (out / "report.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(raw, "html.parser")
    assert soup.find_all("script") == []
    assert all(img["src"].startswith("data:image/png;base64,") for img in soup.find_all("img"))
    assert soup.find_all("b") == [] and soup.find_all("i") == []
    for el in soup.find_all(True):
        assert not [a for a in el.attrs if a.lower().startswith("on")], el.name
        for attr in ("href", "src", "action"):
            value = el.get(attr)
            assert value is None or not value.strip().lower().startswith("javascript:")
    for a in soup.find_all("a"):
        assert a["href"].startswith("#")
    text = soup.get_text()
    for hostile_text in (SCRIPT, IMG, JS_LINK, MD_TABLE, MD_LINK, "<b onmouseover=alert(1)>Eve</b>",
                         "Hostile <i>test</i> thread"):
        assert hostile_text in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    # A field name in the evidence is escaped inside the title attribute too.
    assert any(m["title"].startswith('"><script>') for m in soup.find_all("mark"))


def test_hostile_markdown_is_text(written):
    out, _ = written
    md = (out / "report.md").read_text(encoding="utf-8")
    # Every "<" in the Markdown is escaped, except the report's own <br> in table cells.
    assert "<" not in re.sub(r"\\.", "", md).replace("<br>", "")
    assert r"\<script\>alert(1)\</script\>" in md
    assert r"\[x\](javascript:alert(1))" in md and MD_LINK not in md
    assert r"\| a \| b \|" in md
    assert r"\`rm -rf /\`" in md and r"\*bold\*" in md and r"\_u\_" in md
    assert "\n> \\# not a heading" in md
    assert r"\<b onmouseover=alert(1)\>Eve\</b\>" in md
    # The only headings are the report's own.
    headings = [ln for ln in md.splitlines() if ln.startswith("#")]
    assert all(not h.lstrip("#").strip().startswith("not a heading") for h in headings)


def test_formula_authors_defused_in_every_csv(written):
    out, _ = written
    found = 0
    for path in (out / "tables").glob("*.csv"):
        with open(path, newline="", encoding="utf-8") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    if cell.startswith(FORMULA_LEADS):
                        try:
                            float(cell)  # a negative number is not a formula
                        except ValueError:
                            pytest.fail(f"{path.name}: formula cell {cell!r}")
                    found += cell.startswith("'=HYPERLINK(")
    assert found >= 1


def test_no_external_assets(written):
    out, _ = written
    raw = (out / "report.html").read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", raw, re.I)
    assert not re.search(r"@import|url\(|<link\b|<script\b|<iframe\b|<object\b", raw, re.I)
    soup = BeautifulSoup(raw, "html.parser")
    assert soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert soup.find("style") is not None          # CSS is inline


def test_source_shown_as_base_name_only(written):
    out, _ = written
    text = _soup(out).get_text()
    assert "thread.txt" in text and "../../etc" not in text


# --------------------------------------------------------------------------- content

def test_section_headings_in_order_with_toc(written):
    out, _ = written
    soup = _soup(out)
    h2 = [(h["id"], h.get_text(strip=True)) for h in soup.find_all("h2")]
    assert h2 == list(SECTIONS)
    toc = [a["href"] for a in soup.select("nav.toc a")]
    assert toc == [f"#{sid}" for sid, _ in SECTIONS]
    md = (out / "report.md").read_text(encoding="utf-8")
    assert [ln[3:] for ln in md.splitlines() if ln.startswith("## ")][1:] == \
        [head for _, head in SECTIONS]


def test_provenance_and_counts_per_person_and_comment(written):
    out, _ = written
    soup = _soup(out)
    prov = soup.find("dl", class_="prov").get_text(" ", strip=True)
    assert "Comments 4" in prov and "Persons 2" in prov
    assert "2019-03-01 to 2019-04-01" in prov
    counts = soup.find("p", class_="counts").get_text(" ", strip=True)
    assert "2 of 2 people" in counts and "4 of 4 comments" in counts
    bias = soup.find("h2", id="bias").parent.get_text(" ", strip=True)
    assert "top 3 writers" in bias and "1 of 4 (25%) comments" in bias  # second-hand share


def test_trial_section(written):
    out, _ = written
    section = _soup(out).find("h2", id="trials").parent
    assert "very low certainty" in section.get_text()
    if _has_module("evidence"):
        assert section.find("figure", id="table-trial_evidence") is not None
    if "evidence_ladder" in _plot_names():
        assert section.find("figure", id="figure-evidence_ladder") is not None


def test_appendix_highlights_evidence(written):
    out, _ = written
    soup = _soup(out)
    first = soup.find("article", id="c1")
    marks = {m.get_text(): m["title"] for m in first.find_all("mark")}
    assert marks["4.5 mg"] == "dose_values, ldn_use"        # overlap merged, not nested
    assert marks[" LDN"] == "ldn_use"
    assert marks["feel great"] == "effect"
    assert not first.find("mark").find("mark")
    second = soup.find("article", id="c2")
    marks2 = {m.get_text(): m["title"] for m in second.find_all("mark")}
    assert marks2["no change"] == "effect"
    assert marks2["<im"] == "ldn_use"                        # clipped at 0
    assert second.find(class_="text").get_text() == TEXTS[1]
    assert "reply to" in second.header.get_text() and second.header.a["href"] == "#c1"
    assert [a["id"] for a in soup.find_all("article")] == ["c1", "c2", "c3", "c4"]
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "evidence for dose\\_values: “4.5 mg”" in md


def test_gold_records_report(tmp_path, gold_records):
    paths = write_report(gold_records, tmp_path / "gold")
    soup = _soup(tmp_path / "gold")
    assert len(soup.find_all("article")) == len(gold_records)
    assert "report.html" in paths


def test_input_not_mutated(tmp_path, hostile):
    before = hostile.copy(deep=True)
    write_report(hostile, tmp_path / "r")
    pd.testing.assert_frame_equal(hostile, before)


def test_table_names_from_input_stay_inside(tmp_path, hostile, monkeypatch):
    class FakeSummary:
        tables = {"../../escape": pd.DataFrame({"a": [1]}),
                  "/abs/path": pd.DataFrame({"a": [2]})}

    real = report._optional

    def fake(module, attr):
        if (module, attr) == ("summarise", "summarise"):
            return lambda records, **_: FakeSummary()
        return real(module, attr)

    monkeypatch.setattr(report, "_optional", fake)
    out = tmp_path / "r"
    paths = write_report(hostile, out)
    assert "tables/escape.csv" in paths and "tables/abs_path.csv" in paths
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r"]
    for path in paths.values():
        assert out.absolute() in path.resolve().parents


# --------------------------------------------------------------------------- atomicity

def _boom(*args, **kwargs):
    raise RuntimeError("plot failed")


def _break_a_plot(monkeypatch):
    names = _plot_names()
    if names:
        monkeypatch.setattr(importlib.import_module("ldn_comments.plot"), names[-1], _boom)
    else:
        monkeypatch.setattr(report, "_draw_figure", _boom)


def test_failure_midway_leaves_no_report(tmp_path, hostile, monkeypatch):
    _break_a_plot(monkeypatch)
    out = tmp_path / "report"
    with pytest.raises(RuntimeError, match="plot failed"):
        write_report(hostile, out)
    assert list(tmp_path.iterdir()) == []


def test_failure_keeps_the_previous_report(tmp_path, hostile, monkeypatch):
    out = tmp_path / "report"
    write_report(hostile, out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    monkeypatch.setattr(report, "write_table", _boom)      # fails after the figures
    with pytest.raises(RuntimeError):
        write_report(hostile.iloc[:2], out, force=True)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


def test_refuses_missing_parent(tmp_path, hostile):
    with pytest.raises(OutputError) as err:
        write_report(hostile, tmp_path / "no" / "such" / "report")
    assert err.value.code == "E009"
    assert not (tmp_path / "no").exists()


def test_refuses_out_dir_that_is_a_file(tmp_path, hostile):
    (tmp_path / "report").write_text("x")
    with pytest.raises(OutputError, match="E009"):
        write_report(hostile, tmp_path / "report")


def test_refuses_overwrite_without_force(tmp_path, hostile):
    """The default is the CLI's: an existing report is replaced only with force=True."""
    write_report(hostile, tmp_path / "r")
    before = (tmp_path / "r" / "report.html").read_bytes()
    with pytest.raises(OutputError, match="E009"):
        write_report(hostile.iloc[:2], tmp_path / "r")
    assert (tmp_path / "r" / "report.html").read_bytes() == before
    write_report(hostile.iloc[:2], tmp_path / "r", force=True)
    assert (tmp_path / "r" / "report.html").read_bytes() != before


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root can write into any folder")
def test_refuses_unwritable_parent(tmp_path, hostile):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        with pytest.raises(OutputError, match="E009"):
            write_report(hostile, locked / "report")
    finally:
        locked.chmod(0o755)


# --------------------------------------------------------------------------- escaping units

@pytest.mark.parametrize("text", [SCRIPT, IMG, MD_TABLE, MD_LINK, "`x`", "*a* _b_",
                                  "# h\n## h2", "a\\b", "> quote"])
def test_md_escape_leaves_no_live_syntax(text):
    out = md_escape(text)
    unescaped = re.sub(r"\\.", "", out)                    # drop every escaped character
    assert not re.search(r"[`*_\[\]<>|\\]", unescaped)
    assert not re.search(r"(?m)^\s*[#>]", out)
    assert re.sub(r"\\(.)", r"\1", out) == text            # and nothing else changed


def test_md_escape_cell_has_no_newline():
    assert md_escape("a\r\nb\nc|d", cell=True) == "a<br>b<br>c\\|d"


def test_highlight_escapes_each_piece():
    html = str(highlight("a<b>&c", {"f": [[1, 4]], "g": [[3, 99]]}))
    assert html == ('a<mark title="f">&lt;b</mark><mark title="f, g">&gt;</mark>'
                    '<mark title="g">&amp;c</mark>')
    assert str(highlight("<x>", {})) == "&lt;x&gt;"
    assert str(highlight(None, {"f": [[0, 1]]})) == ""
    assert str(highlight("ab", {"f": [[1, 1]], "g": "junk", "h": [[True, 2]]})) == "ab"


def test_figures_with_stand_in_plots(tmp_path, hostile, monkeypatch):
    """The figure path without ldn_comments.plot: one stand-in draws the label itself, the
    other does not (the report then adds it); both are embedded, linked and closed."""
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    def labelled_plot(records, *, ax=None):
        ax.bar(["a", "b"], [len(records), 1])
        ax.figure.text(0, 0, LABEL)
        ax.set_title("Stand-in <b>bars</b>")
        return ax

    def unlabelled_plot(records, *, ax=None):
        ax.plot([0, 1], [1, 0])
        return ax

    real = report._optional

    def fake(module, attr):
        if module == "plot":
            return {"effect_bars": labelled_plot, "dose_hist": unlabelled_plot}.get(attr)
        return real(module, attr)

    drawn = []
    real_savefig = Figure.savefig

    def spy(self, *args, **kwargs):
        drawn.append([t.get_text() for t in self.texts])
        assert kwargs.get("bbox_inches") == "tight"
        return real_savefig(self, *args, **kwargs)

    monkeypatch.setattr(report, "_optional", fake)
    monkeypatch.setattr(Figure, "savefig", spy)
    out = tmp_path / "r"
    paths = write_report(hostile, out)
    assert {"figures/effect_bars.png", "figures/dose_hist.png"} <= set(paths)
    assert drawn == [[LABEL], [LABEL]]                     # the label once in each
    assert plt.get_fignums() == []                          # every figure closed
    soup = _soup(out)
    effects = soup.find("h2", id="effects").parent
    img = effects.find("figure", id="figure-effect_bars").img
    assert img["src"].startswith("data:image/png;base64,")
    assert img["alt"] == f"Stand-in <b>bars</b>. {LABEL}"   # a title is text, too
    assert soup.find("h2", id="doses").parent.find("figure", id="figure-dose_hist")
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "![Stand-in \\<b\\>bars\\</b\\>](figures/effect_bars.png)" in md


def test_files_have_ordinary_permissions(written):
    out, paths = written
    umask = os.umask(0)
    os.umask(umask)
    for path in paths.values():
        assert path.stat().st_mode & 0o777 == 0o666 & ~umask, path


def test_force_replaces_the_whole_report(tmp_path, hostile):
    """With force, an old figure the new report does not draw is not left behind; files
    the writer does not make are kept."""
    out = tmp_path / "r"
    write_report(hostile, out)
    (out / "figures" / "stale.png").write_bytes(b"old")
    (out / "notes.txt").write_text("mine")
    paths = write_report(hostile.iloc[:1], out, force=True)
    assert not (out / "figures" / "stale.png").exists()
    assert (out / "notes.txt").read_text() == "mine"
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert on_disk == set(paths) | {"notes.txt"}
