"""Self-contained HTML and Markdown reports of one thread's records, always labelled.

:func:`write_report` writes into one folder::

    report.html        one file: inline CSS, figures as base64 PNG data URIs, no scripts,
                       no external assets; the label in a banner at the very top
    report.md          the same tables in Markdown, the label on the first line
    figures/*.png      the figures of :mod:`ldn_comments.plot`, each with the label drawn
    tables/*.csv       every summary table, the per-person table, the trial evidence and the
                       records appendix (formula-defused by :func:`~ldn_comments.output.write_table`)
    tables/README.txt  the label first, then what each CSV holds (title, unit, note, columns)
    tables/metadata.json  the same, machine-readable (label per table)

The CSVs stay plain, machine-readable tables; the label travels beside them in the two
sidecar files, which name every CSV.

Text from the input (comments, author names, table cells) is only ever rendered as data:
Jinja2 autoescapes the HTML, evidence highlights escape every piece of text separately
(:func:`highlight`), and the Markdown escapes its own syntax (:func:`md_escape`).

The whole report is built in a temporary folder beside `out_dir` and moved into place only
when every file is complete, so a failure leaves no half-written report.
"""
from __future__ import annotations

import base64
import datetime as _dt
import importlib
import json
import math
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from .display import display_table, scalar_text
from .errors import OutputError, raise_if_interrupted
from .label import LABEL
from .output import atomic_path, jsonable, write_table
from .records import BOOLS, FIELDS, coerce_records

__all__ = ["SECTIONS", "FIGURES", "write_report", "highlight", "md_escape"]

#: The report's sections, in order: (anchor id, heading).
SECTIONS: tuple[tuple[str, str], ...] = (
    ("label", "Label and provenance"),
    ("speakers", "Who is speaking"),
    ("ldn-use", "LDN use"),
    ("doses", "Doses and durations"),
    ("therapies", "Co-therapies"),
    ("effects", "Reported effects and domains"),
    ("trials", "The trial evidence"),
    ("bias", "Why these reports mislead"),
    ("appendix", "Appendix: every comment"),
)

#: Figures drawn by :mod:`ldn_comments.plot`, and the section each one goes in.
FIGURES: tuple[tuple[str, str], ...] = (
    ("thread_timeline", "speakers"),
    ("dose_hist", "doses"),
    ("duration_hist", "doses"),
    ("therapy_status", "therapies"),
    ("effect_bars", "effects"),
    ("outcome_domains", "effects"),
    ("evidence_ladder", "trials"),
)

#: Summary tables (``Summary.tables`` keys) and the section each one goes in; a table not
#: named here goes in the effects section under "other tables".
TABLE_SECTIONS: dict[str, str] = {
    "speaker_role": "speakers",
    "questions": "speakers",
    "ldn_use": "ldn-use",
    "ms_type": "ldn-use",
    "dose_mg": "doses",
    "dose_ml": "doses",
    "dose_mg_values": "doses",
    "dose_ml_values": "doses",
    "duration": "doses",
    "duration_bands": "doses",
    "therapies": "therapies",
    "effect": "effects",
    "benefits": "effects",
    "adverse_events": "effects",
}

#: Shown in the trial section whatever :mod:`ldn_comments.evidence` says.
GRADE_SENTENCE = ("On the GRADE scale, uncontrolled case reports such as these comments are "
                  "very low certainty evidence: they sit at the bottom of the evidence ladder, "
                  "below every controlled trial.")

_SECTION_IDS = {sid for sid, _ in SECTIONS}


# --------------------------------------------------------------------------- escaping

_MD_INLINE = re.compile(r"([\\`*_\[\]<>|])")
_MD_LINE_START = re.compile(r"^(\s*)([#+=-])", re.MULTILINE)
_NEWLINES = re.compile(r"\r\n|\r|\n")


def md_escape(text, *, cell: bool = False) -> str:
    """Escape Markdown syntax so that `text` renders as the same characters.

    Backslashes, backticks, ``*``, ``_``, ``[``, ``]``, ``<``, ``>`` and ``|`` get a
    backslash; so do ``#``, ``-``, ``+`` and ``=`` at the start of a line (headings,
    lists, setext underlines). In a table cell (``cell=True``) newlines become ``<br>``.

    Parameters
    ----------
    text : object
        Converted with ``str``; None and NA give ``""``.
    cell : bool
        True for a table cell.

    Returns
    -------
    str

    Examples
    --------
    >>> md_escape("[x](javascript:alert(1)) | `y` *z*")
    '\\\\[x\\\\](javascript:alert(1)) \\\\| \\\\`y\\\\` \\\\*z\\\\*'
    >>> print(md_escape("# not a heading\\n<b>", cell=True))
    \\# not a heading<br>\\<b\\>
    >>> md_escape(None)
    ''
    """
    if text is None or text is pd.NA or (isinstance(text, float) and math.isnan(text)):
        return ""
    out = _MD_INLINE.sub(r"\\\1", str(text))
    out = _MD_LINE_START.sub(r"\1\\\2", out)
    if cell:
        out = _NEWLINES.sub("<br>", out)
    return out


class _MdSafe(str):
    """Markdown already escaped (or written by this module): the template prints it as is."""


def _md_finalize(value):
    if isinstance(value, _MdSafe):
        return value
    return md_escape(value)


def _spans(value):
    """Every ``(start, end)`` pair in an evidence value, however nested.

    A span is a pair of ints (list or tuple), optionally followed by the id of the rule
    that fired (``[start, end, "dose.unit_dose"]``), or a dict with ``start`` and ``end``.
    """
    if isinstance(value, dict):
        if "start" in value and "end" in value:
            yield from _spans([value["start"], value["end"]])
        else:
            for v in value.values():
                yield from _spans(v)
        return
    if isinstance(value, (list, tuple, np.ndarray)):
        items = list(value)
        if len(items) in (2, 3) and all(isinstance(v, (int, np.integer)) and not isinstance(v, bool)
                                        for v in items[:2]) and all(isinstance(v, str) for v in items[2:]):
            yield int(items[0]), int(items[1])
            return
        for v in items:
            yield from _spans(v)


def evidence_spans(evidence, length: int) -> list[tuple[int, int, str]]:
    """Flatten an ``evidence`` cell into sorted ``(start, end, field)`` spans inside
    ``[0, length]``; empty or reversed spans are dropped.

    Examples
    --------
    >>> evidence_spans({"effect": [[5, 9]], "dose_values": [[0, 3], [40, 60]]}, 50)
    [(0, 3, 'dose_values'), (5, 9, 'effect'), (40, 50, 'dose_values')]
    """
    out: list[tuple[int, int, str]] = []
    if not isinstance(evidence, dict):
        return out
    for field, value in evidence.items():
        for start, end in _spans(value):
            start, end = max(0, start), min(length, end)
            if start < end:
                out.append((start, end, str(field)))
    return sorted(set(out))


def highlight(text, evidence) -> Markup:
    """Escape `text` and wrap its evidence spans in ``<mark title="field">``.

    Overlapping spans are merged: the text is cut at every span boundary, and each piece
    covered by one or more spans is one ``<mark>`` titled with all their fields, so marks
    never nest or cross. Every piece of text is escaped on its own.

    Parameters
    ----------
    text : str
        The comment text; None gives an empty result.
    evidence : dict
        Field name to spans (``[start, end]`` pairs, possibly nested in lists or dicts).

    Returns
    -------
    markupsafe.Markup

    Examples
    --------
    >>> str(highlight("<b>4.5 mg</b> works", {"dose_values": [[3, 9]], "effect": [[14, 19]]}))
    '&lt;b&gt;<mark title="dose_values">4.5 mg</mark>&lt;/b&gt; <mark title="effect">works</mark>'
    >>> str(highlight("abcdef", {"x": [[0, 4]], "y": [[2, 6]]}))
    '<mark title="x">ab</mark><mark title="x, y">cd</mark><mark title="y">ef</mark>'
    """
    if text is None or text is pd.NA or (isinstance(text, float) and math.isnan(text)):
        return Markup("")
    text = str(text)
    spans = evidence_spans(evidence, len(text))
    if not spans:
        return escape(text)
    cuts = sorted({0, len(text)} | {s for s, _, _ in spans} | {e for _, e, _ in spans})
    pieces: list[tuple[str, tuple[str, ...]]] = []
    for a, b in zip(cuts, cuts[1:]):
        fields = tuple(sorted({f for s, e, f in spans if s <= a and b <= e}))
        if pieces and pieces[-1][1] == fields:
            pieces[-1] = (pieces[-1][0] + text[a:b], fields)
        else:
            pieces.append((text[a:b], fields))
    out = []
    for piece, fields in pieces:
        if fields:
            out.append(Markup('<mark title="{}">{}</mark>').format(", ".join(fields), piece))
        else:
            out.append(escape(piece))
    return Markup("").join(out)


# --------------------------------------------------------------------------- helpers

def _optional(module: str, attr: str):
    """``ldn_comments.<module>.<attr>``, or None while that module is not written yet."""
    try:
        mod = importlib.import_module(f"ldn_comments.{module}")
    except ModuleNotFoundError as exc:
        if exc.name == f"ldn_comments.{module}":
            return None
        raise
    return getattr(mod, attr, None)


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, (float, np.floating)):
        return math.isnan(value)
    if isinstance(value, (list, tuple, dict, np.ndarray)):
        return len(value) == 0
    if isinstance(value, str):
        return value == ""
    return False


def _fmt(value) -> str:
    """One table cell as display text."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return ", ".join(_fmt(v) for v in value)
    if isinstance(value, dict):
        if set(value) == {"name", "status"}:
            return f"{_fmt(value['name'])} ({_fmt(value['status'])})"
        return json.dumps(jsonable(value), ensure_ascii=False)
    if isinstance(value, pd.Timestamp):  # NaT is no Timestamp: it is blank below
        return value.isoformat()
    return scalar_text(value)


def _safe_name(name, taken: set[str]) -> str:
    """A file stem from `name` that is only ``[A-Za-z0-9_-]`` and unique in `taken`.

    Examples
    --------
    >>> _safe_name("../../etc/passwd", set())
    'etc_passwd'
    >>> _safe_name("effect", {"effect"})
    'effect_2'
    """
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", str(name)).strip("_-") or "table"
    stem = stem[:80]
    out, i = stem, 1
    while out in taken:
        i += 1
        out = f"{stem}_{i}"
    taken.add(out)
    return out


def _inside(path: Path, folder: Path) -> Path:
    """`path`, after checking it resolves inside `folder` (file names never escape)."""
    if folder.resolve() not in path.resolve().parents:
        raise OutputError("E009", "a file name would leave the report folder", source=str(path))
    return path


def _coerce(records: pd.DataFrame) -> pd.DataFrame:
    """:func:`coerce_records`, safe on records already coerced (NA in ``boolean`` columns
    would otherwise reach ``bool()``)."""
    frame = records.copy()
    if "position" not in frame:  # records built by hand may leave it out: row order
        frame["position"] = range(1, len(frame) + 1)
    for col in BOOLS:
        if col in frame:
            frame[col] = pd.Series([None if _missing(v) else v for v in frame[col]],
                                   index=frame.index, dtype=object)
    return coerce_records(frame)


def _persons(records: pd.DataFrame) -> pd.Series:
    from .people import person_key

    if "person" in records:
        person = records["person"].astype(object)
    else:
        person = pd.Series([None] * len(records), index=records.index, dtype=object)
    authors = records["author"] if "author" in records else person
    out = []
    for p, a, pos in zip(person, authors, records.get("position", range(1, len(records) + 1))):
        key = None if _missing(p) else str(p)
        key = key or person_key(None if _missing(a) else a) or f"#{_fmt(pos)}"
        out.append(key)
    return pd.Series(out, index=records.index, dtype=object)


def _share(k: int, n: int) -> str:
    return f"{k} of {n} ({k / n:.0%})" if n else f"{k} of 0"


def _now() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        when = _dt.datetime.fromtimestamp(int(epoch), tz=_dt.timezone.utc)
    else:
        when = _dt.datetime.now(_dt.timezone.utc)
    return when.isoformat(timespec="seconds")


# --------------------------------------------------------------------------- content

def _empty_sentence(frame: pd.DataFrame, title: str) -> str | None:
    """A sentence in place of a proportion table whose denominator is 0 (nobody to count):
    the CSV keeps the table, the page says why there is nothing to show."""
    for block in ("persons", "comments"):
        den = f"{block}_denominator"
        if den in frame and len(frame):
            values = pd.to_numeric(frame[den], errors="coerce").fillna(0)
            if (values == 0).all():
                return f"{title}: nobody to count here (a denominator of 0)."
            return None
    return None


def _table(frame: pd.DataFrame, name: str, stem: str, *, title=None, note=None,
           unit=None) -> dict:
    attrs = dict(getattr(frame, "attrs", {}) or {})
    # A meaningful index (a category, a name) becomes a column; a plain row number does not.
    frame = frame.reset_index(drop=isinstance(frame.index, pd.RangeIndex))
    heads, shown = display_table(frame)
    title = str(title or attrs.get("title") or name)
    return {
        "name": str(name),
        "id": f"table-{stem}",
        "csv": f"tables/{stem}.csv",
        "title": title,
        "unit": unit or attrs.get("unit"),
        "note": note or attrs.get("note"),
        "label": attrs.get("label") or LABEL,
        "columns": [str(c) for c in frame.columns],        # the CSV's raw columns
        "head": heads,                                      # what the page shows
        "rows": shown,
        "empty": _empty_sentence(frame, title),
        "fold": False,
        "frame": frame,
    }


def _provenance(records: pd.DataFrame, persons: pd.Series, source) -> dict:
    if source is None and "source" in records:
        names = sorted({str(s) for s in records["source"] if not _missing(s)})
        source = ", ".join(names) if names else None
    if source is not None:
        # Only ever a base name: the report shows it, never writes to it.
        source = ", ".join(Path(str(s)).name for s in str(source).split(", "))
    dates = None
    if "date" in records:
        parsed = pd.to_datetime(records["date"].astype(object), errors="coerce", utc=True,
                                format="mixed")
        parsed = parsed.dropna()
        if len(parsed):
            dates = (parsed.min().date().isoformat(), parsed.max().date().isoformat())
    return {
        "source": source or "(not given)",
        "n_comments": len(records),
        "n_persons": int(persons.nunique()),
        "dates": f"{dates[0]} to {dates[1]}" if dates else "no dates in the source",
        "generated": _now(),
    }


def _thread_numbers(records: pd.DataFrame, persons: pd.Series) -> list[dict]:
    """The bias signs of this thread, per person and per comment."""
    n_c = len(records)
    n_p = int(persons.nunique())

    def flag(col, value=True):
        if col not in records:
            return pd.Series(False, index=records.index)
        s = records[col].astype(object)
        return s.map(lambda v: (not _missing(v)) and v == value).astype(bool)

    second = flag("second_hand")
    counts = persons.value_counts()
    top3 = int(counts.head(3).sum())
    top3_names = ", ".join(counts.head(3).index.astype(str))
    use = records["ldn_use"].astype(object) if "ldn_use" in records else pd.Series(
        [None] * n_c, index=records.index, dtype=object)
    cur_p = persons[use == "current"].nunique()
    past_p = persons[use == "past"].nunique()
    question = flag("is_question")
    effect = records["effect"].astype(object) if "effect" in records else pd.Series(
        [None] * n_c, index=records.index, dtype=object)
    report = effect.map(lambda v: not _missing(v)).astype(bool)
    return [
        {"sign": "second-hand reports",
         "value": f"{_share(int(second.sum()), n_c)} comments; "
                  f"{_share(int(persons[second].nunique()), n_p)} persons",
         "explanation": "The writer tells of someone else's use: a partner, a patient. What "
                        "reached the writer was already filtered."},
        {"sign": "a few loud writers",
         "value": f"the top 3 writers ({top3_names}) wrote {_share(top3, n_c)} comments",
         "explanation": "A writer who comments often fills the thread; counted per comment "
                        "they look like many reports. Count persons."},
        {"sign": "survivorship: current vs stopped",
         "value": f"{cur_p} persons take LDN now, {past_p} stopped",
         "explanation": "People it helps keep taking it and keep posting; people who stopped "
                        "have less reason to come back and say so."},
        {"sign": "questions vs reports",
         "value": f"{int(question.sum())} questions, {int(report.sum())} comments report an "
                  f"outcome (of {n_c} comments)",
         "explanation": "Many comments ask rather than tell; an outcome report is a minority "
                        "of the thread, and the askers' later outcomes are never seen."},
    ]


def _appendix(records: pd.DataFrame, persons: pd.Series) -> list[dict]:
    shown = [f for f in FIELDS if f not in ("position", "parent", "author", "person")]
    rows = []
    for i, (idx, rec) in enumerate(records.iterrows()):
        text = rec.get("text")
        text = "" if _missing(text) else str(text)
        evidence = rec.get("evidence") if isinstance(rec.get("evidence"), dict) else {}
        fields = [(f, _fmt(rec.get(f))) for f in shown if f in rec and not _missing(rec.get(f))
                  and _fmt(rec.get(f)) != ""]
        quotes = []
        for start, end, field in evidence_spans(evidence, len(text)):
            quotes.append((field, text[start:end]))
        pos = rec.get("position")
        rows.append({
            "position": _fmt(pos) or str(i + 1),
            "anchor": f"c{_fmt(pos) or i + 1}",
            "author": _fmt(rec.get("author")) or "(no name)",
            "person": persons.loc[idx],
            "parent": _fmt(rec.get("parent")),
            "date": _fmt(rec.get("date")) if "date" in rec else "",
            "fields": fields,
            "text": text,
            "html": highlight(text, evidence),
            "quotes": quotes,
        })
    return rows


def _records_csv(records: pd.DataFrame) -> pd.DataFrame:
    keep = [c for c in ["position", "parent", "comment_id", "parent_id", "author", "person",
                        "date", "depth"] + [f for f in FIELDS if f not in
                                            ("position", "parent", "author", "person")]
            + ["text", "evidence", "source"] if c in records]
    return records[keep].copy()


# --------------------------------------------------------------------------- figures

def _ensure_label(fig) -> None:
    """Draw the label on `fig` unless the plot function already did."""
    texts = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        texts += [t.get_text() for t in ax.texts] + [ax.get_title(), ax.get_xlabel()]
    if not any(LABEL in " ".join(t.split()) for t in texts):
        fig.text(0.01, -0.02, LABEL, ha="left", va="top", fontsize=7, wrap=True)


def _draw_figure(name: str, records: pd.DataFrame, path: Path):
    """Draw one plot function's figure into `path`.

    Returns (title, None) when drawn; (title, sentence) when the plot has nothing to draw
    (its axes only say so in words): then no file is written and the page shows the
    sentence instead of an empty box. None when the plot function is absent.
    """
    func = _optional("plot", name)
    if func is None:
        return None
    import matplotlib.pyplot as plt

    no_data_gid = getattr(importlib.import_module("ldn_comments.plot"), "NO_DATA_GID", None)
    fig, ax = plt.subplots(figsize=(7.5, 4.5))
    try:
        ax = func(records, ax=ax)
        fig = ax.figure
        lines = [ln.strip() for ln in (ax.get_title() or "").splitlines() if ln.strip()]
        title = ": ".join(lines[:1] + [" ".join(lines[1:])] if len(lines) > 1 else lines)
        title = title or name.replace("_", " ")
        empty = [t.get_text() for t in ax.texts if no_data_gid and t.get_gid() == no_data_gid]
        if empty:
            return title, " ".join(empty[0].split()).rstrip(".") + "."
        _ensure_label(fig)
        with atomic_path(path) as tmp:
            fig.savefig(tmp, format="png", dpi=100, bbox_inches="tight")
    finally:
        plt.close(fig)
    return title, None


# --------------------------------------------------------------------------- rendering

def _environment(markdown: bool) -> Environment:
    if markdown:
        env = Environment(loader=PackageLoader("ldn_comments", "templates"),
                          autoescape=False, undefined=StrictUndefined,
                          finalize=_md_finalize, keep_trailing_newline=True)
        env.filters["md"] = md_escape
        env.filters["mdcell"] = lambda v: _MdSafe(md_escape(v, cell=True))
        env.filters["mdtable"] = _md_table
        env.filters["mdquote"] = _md_quote
        env.filters["mdraw"] = _MdSafe
    else:
        env = Environment(loader=PackageLoader("ldn_comments", "templates"),
                          autoescape=select_autoescape(
                              enabled_extensions=("html", "htm", "xml", "html.j2"),
                              default_for_string=True, default=True),
                          undefined=StrictUndefined)
    return env


def _md_cell(value) -> str:
    if isinstance(value, dict):  # a cell with folded details: the page's text only
        value = value.get("text", "")
    return md_escape(value, cell=True)


def _md_table(table: dict) -> _MdSafe:
    cols = table.get("head") or table["columns"]
    if table.get("empty"):
        return _MdSafe(f"*{md_escape(table['empty'])}*")
    if not cols:
        return _MdSafe("")
    lines = ["| " + " | ".join(md_escape(c, cell=True) for c in cols) + " |",
             "|" + "|".join("---" for _ in cols) + "|"]
    for row in table["rows"]:
        lines.append("| " + " | ".join(_md_cell(v) for v in row) + " |")
    return _MdSafe("\n".join(lines))


def _md_quote(text) -> _MdSafe:
    lines = md_escape(text).splitlines() or [""]
    return _MdSafe("\n".join("> " + ln if ln.strip() else ">" for ln in lines))


# --------------------------------------------------------------------------- the writer

def _check_out_dir(out_dir: Path, force: bool) -> None:
    parent = out_dir.parent
    if not parent.is_dir():
        raise OutputError("E009", "the parent folder does not exist", source=str(out_dir))
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError("E009", "the parent folder is not writable", source=str(out_dir))
    if out_dir.exists():
        if not out_dir.is_dir():
            raise OutputError("E009", "the output exists and is not a folder",
                              source=str(out_dir))
        if not os.access(out_dir, os.W_OK | os.X_OK):
            raise OutputError("E009", "the folder is not writable", source=str(out_dir))
        if not force and ((out_dir / "report.html").exists() or (out_dir / "report.md").exists()):
            raise OutputError("E009", "a report exists there (use --force to overwrite)",
                              source=str(out_dir))


def write_report(records: pd.DataFrame, out_dir, *, force: bool = False, source=None,
                 title=None, unit: str = "person") -> dict:
    """Write the labelled HTML and Markdown report, its figures and its tables.

    The report is about the drug(s) in the input: a comment thread is about LDN; a review
    table (a ``drug`` column) is about its reviewed drugs, with LDN beside them when
    present (:mod:`ldn_comments.headline`). It opens with a headline block (how many
    wrote; per drug, how many report taking it and the reported effect as "10 of 17
    people (59%, 95% CI 36–78%)") with the label beside it.

    Parameters
    ----------
    records : DataFrame
        Records from :func:`~ldn_comments.extract.extract` (or read back with
        :func:`~ldn_comments.records.read_records`); ``text`` and ``evidence`` feed the
        appendix. Not modified.
    out_dir : str or Path
        The report folder; created if missing. Its parent must exist and be writable.
    force : bool
        Replace a report already in `out_dir`. The default (False) refuses, as the command
        line does without ``--force``.
    source : str, optional
        The input's name for the provenance line (only its base name is shown); by default
        the records' ``source`` column.
    title : str, optional
        The report's title; by default it names the drug(s) in the input.
    unit : {"person", "comment"}
        What one count is in the headline and the summary tables (default: person).

    Returns
    -------
    dict
        Relative file name (``"report.html"``, ``"figures/effect_bars.png"``,
        ``"tables/effect.csv"`` ...) to the absolute path written.

    Raises
    ------
    OutputError
        E009 when the parent folder is missing or not writable, `out_dir` is a file or
        ``"-"``, or a report exists and `force` is False. Nothing is left behind on any
        failure.
    UsageError
        E012 for an unknown `unit`.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd
    >>> recs = pd.DataFrame({"position": [1], "author": ["Ann"], "text": ["LDN <3"],
    ...                      "ldn_use": ["current"]})
    >>> with tempfile.TemporaryDirectory() as d:
    ...     paths = write_report(recs, pathlib.Path(d) / "report")
    ...     html = paths["report.html"].read_text(encoding="utf-8")
    ...     ("LDN &lt;3" in html, LABEL in html, "tables/README.txt" in paths)
    (True, True, True)
    """
    from .errors import UsageError

    if unit not in ("person", "comment"):
        raise UsageError("E012", f"unit must be 'person' or 'comment', not {unit!r}")
    if str(out_dir).strip() == "-":
        raise OutputError("E009", "a report is a folder, not standard output", source="-")
    out_dir = Path(out_dir).absolute()
    _check_out_dir(out_dir, force)
    attrs = dict(getattr(records, "attrs", {}) or {})
    records = _coerce(records)
    records.attrs.update(attrs)
    persons = _persons(records)

    work = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".part",
                                 dir=out_dir.parent))
    try:
        written = _build(records, persons, work, source=source, title=title, unit=unit)
        return _move_into_place(work, out_dir, written)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _figure(name: str, sid: str, records, work: Path, taken: set, sections: dict,
            written: list) -> None:
    """Draw figure `name` into section `sid`, or put its no-data sentence there."""
    stem = _safe_name(name, taken)
    path = _inside(work / "figures" / f"{stem}.png", work / "figures")
    drawn = _draw_figure(name, records, path)
    if drawn is None:
        return
    fig_title, empty = drawn
    if empty is not None:
        what = fig_title.split(": ", 1)[0]  # the figure's name, without its counts line
        sections[sid]["empty_figures"].append(f"{what[:1].upper()}{what[1:]}: no figure, "
                                              f"{empty[:1].lower()}{empty[1:]}")
        return
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    sections[sid]["figures"].append({"name": name, "file": f"figures/{stem}.png",
                                     "title": fig_title, "data": data})
    written.append(f"figures/{stem}.png")


#: The trial table as the page shows it: (header, how to get the cell from a row).
_TRIAL_NOTE = ("Study: first author and year where the documents give them. Full citations, "
               "populations, doses, notes and the source documents are in "
               "tables/trial_evidence.csv.")


def _study_label(row) -> str:
    from .plot import study_label

    return study_label(row)


def _trials_display(frame: pd.DataFrame) -> tuple[list[str], list[list]]:
    """The trial-evidence columns a reader needs on one 1280 px page: study, design, n,
    result, certainty; the citation and the source documents are folded (``<details>``)."""
    heads = ["Study", "Design", "n", "Result", "Certainty"]
    rows = []
    for _, row in frame.iterrows():
        n = row.get("n_enrolled")
        n_text = "" if _missing(n) or str(n) in ("<NA>", "nan") else _fmt(n)
        docs = [d.strip() for d in str(row.get("source_documents") or "").split(";")
                if d.strip() and d.strip() not in ("nan", "<NA>")]
        citation = "" if _missing(row.get("citation")) else str(row.get("citation"))
        study = {"text": _study_label(row), "details": "citation and sources",
                 "items": ([citation] if citation else []) + docs}
        cert = "" if _missing(row.get("certainty")) else str(row.get("certainty"))
        note = "" if _missing(row.get("certainty_note")) else str(row.get("certainty_note"))
        rows.append([study, _fmt(row.get("design")), n_text, _fmt(row.get("finding")),
                     {"text": cert, "details": "why", "items": [note] if note else []}])
    return heads, rows


def _build(records, persons, work: Path, *, source, title, unit="person") -> list[str]:
    from .headline import default_title, headline, reviewed_drugs

    (work / "figures").mkdir()
    (work / "tables").mkdir()
    written: list[str] = []
    taken: set[str] = set()
    sections: dict[str, dict] = {sid: {"id": sid, "title": head, "tables": [], "figures": [],
                                       "empty_figures": []}
                                 for sid, head in SECTIONS}
    head = headline(records, unit=unit)
    reviews = reviewed_drugs(records)
    title = str(title) if title else default_title(head)

    # Review tables: the reviewed drugs first in the effects section, LDN beside them.
    tables: list[dict] = []
    by_drug = _by_drug_section(records, taken, sections, written, work, unit=unit,
                               always=reviews)
    tables += by_drug

    # Summary tables.
    summarise = _optional("summarise", "summarise")
    summary = summarise(records, unit=unit) if summarise is not None else None
    if summary is not None:
        for name, frame in summary.tables.items():
            t = _table(frame, name, _safe_name(name, taken))
            tables.append(t)
            sid = TABLE_SECTIONS.get(str(name), "effects")
            t["other"] = str(name) not in TABLE_SECTIONS
            sections[sid]["tables"].append(t)

    # The per-person table and the trial evidence.
    people = _optional("people", "people")
    people_table = None
    if people is not None:
        people_table = _table(people(records), "people", _safe_name("people", taken),
                              title="One row per person", unit="person")
        people_table["fold"] = True
        tables.append(people_table)
    trial_evidence = _optional("evidence", "trial_evidence")
    grade_note = _optional("evidence", "GRADE_NOTE")
    trials_table = None
    if trial_evidence is not None:
        trials_table = _table(trial_evidence(), "trial_evidence",
                              _safe_name("trial_evidence", taken),
                              title="Controlled trials and other formal results", unit="trial",
                              note=_TRIAL_NOTE)
        trials_table["head"], trials_table["rows"] = _trials_display(trials_table["frame"])
        trials_table["wide"] = True
        tables.append(trials_table)
        sections["trials"]["tables"].append(trials_table)

    # Why these reports mislead.
    numbers = _thread_numbers(records, persons)
    bias_profile = _optional("bias", "bias_profile")
    bias_table = None
    if bias_profile is not None:
        bias_table = _table(bias_profile(records), "bias", _safe_name("bias", taken),
                            title="Signs of bias in this thread")
        tables.append(bias_table)
        sections["bias"]["tables"].append(bias_table)
    numbers_table = _table(pd.DataFrame(numbers), "thread_bias",
                           _safe_name("thread_bias", taken),
                           title="This thread's numbers", unit=None)
    tables.append(numbers_table)
    if bias_table is None:
        sections["bias"]["tables"].append(numbers_table)

    records_table = _table(_records_csv(records), "records", _safe_name("records", taken),
                           title="Records: one row per comment (the appendix)", unit="comment")
    tables.append(records_table)

    # Figures.
    for name, sid in FIGURES:
        _figure(name, sid, records, work, taken, sections, written)

    # Tables as CSV, and the sidecars that carry the label.
    for t in tables:
        path = _inside(work / t["csv"], work / "tables")
        write_table(t["frame"], path, fmt="csv")
        written.append(t["csv"])
    _write_sidecars(work, tables)
    written += ["tables/README.txt", "tables/metadata.json"]

    ldn_note = None
    if reviews and not any(d.get("group") == "LDN" for d in head["drugs"]):
        ldn_note = (f"These are reviews of {head['subject']}, not of LDN. The fields of this "
                    "section are the annotation guide's, which are about LDN: they count "
                    "reviewers who mention taking LDN.")
    context = {
        "label": LABEL,
        "title": title,
        "headline": head,
        "unit_word": "people" if unit == "person" else "comments",
        "sections": [sections[sid] for sid, _ in SECTIONS],
        "section": sections,
        "provenance": _provenance(records, persons, source),
        "counts": _counts(records, persons),
        "numbers": numbers,
        "people_table": people_table,
        "records_table": records_table,
        "grade_sentence": GRADE_SENTENCE,
        "grade_note": grade_note if grade_note and grade_note != GRADE_SENTENCE else None,
        "appendix": _appendix(records, persons),
        "ldn_note": ldn_note,
        "reviews": reviews,
        "missing": {
            "summarise": summary is None,
            "people": people is None,
            "evidence": trial_evidence is None,
            "plot": not any(sec["figures"] for sec in sections.values()),
        },
    }
    kept = (getattr(records, "attrs", {}) or {}).get("condition_filter")
    if kept:  # the --condition filter says what it kept and dropped
        context["provenance"]["source"] += (f" (condition {kept['condition']}: kept "
                                            f"{kept['kept']} reviews, dropped "
                                            f"{kept['dropped']})")
    html = _environment(False).get_template("report.html.j2").render(**context)
    md = _environment(True).get_template("report.md.j2").render(**context)
    for name, text in (("report.md", md), ("report.html", html)):
        with atomic_path(work / name) as tmp:
            tmp.write_text(text, encoding="utf-8", newline="\n")
        written.append(name)
    return written


def _by_drug_section(records, taken, sections, written, work, *, unit="person",
                     always=False) -> list[dict]:
    """The by-drug tables and figure at the head of the effects section, when the records
    are reviews of named drugs (`always`) or review more than one drug (their notes say
    the groups cannot be ranked); returns the tables."""
    summ = _optional("summarise", "summarise")
    groups = _optional("summarise", "drug_groups")
    if summ is None or groups is None or not len(records):
        return []
    if not always and groups(records).nunique() < 2:
        return []
    out = []
    for name, frame in summ(records, by="drug", unit=unit).tables.items():
        t = _table(frame, name, _safe_name(name, taken))
        t["other"] = False
        sections["effects"]["tables"].append(t)
        out.append(t)
    _figure("effect_by_drug", "effects", records, work, taken, sections, written)
    return out

def _counts(records: pd.DataFrame, persons: pd.Series) -> dict:
    """Per-person and per-comment counts for the section lead lines."""
    def both(mask):
        mask = mask.fillna(False).astype(bool)
        return {"comments": int(mask.sum()), "persons": int(persons[mask].nunique())}

    col = lambda c: (records[c].astype(object) if c in records  # noqa: E731
                     else pd.Series([None] * len(records), index=records.index, dtype=object))
    has = lambda c: col(c).map(lambda v: not _missing(v))  # noqa: E731
    return {
        "all": both(pd.Series(True, index=records.index)),
        "second_hand": both(col("second_hand").map(lambda v: v is True or v == True)),  # noqa: E712
        "uses_ldn": both(col("ldn_use").isin(["current", "past"])),
        "dose": both(has("dose_values")),
        "duration": both(has("ldn_duration_months")),
        "therapies": both(has("therapies")),
        "effect": both(has("effect")),
        "questions": both(col("is_question").map(lambda v: v is True or v == True)),  # noqa: E712
    }


def _write_sidecars(work: Path, tables: list[dict]) -> None:
    lines = [LABEL, "",
             "These CSV files are tables of one comment thread about low-dose naltrexone (LDN)",
             "in MS. The label above applies to every one of them. Cells that a spreadsheet",
             "would run as a formula start with an apostrophe.", ""]
    meta: dict[str, Any] = {"label": LABEL, "tables": []}
    for t in tables:
        name = t["csv"].split("/", 1)[1]
        lines.append(f"{name}: {t['title']}")
        if t["unit"]:
            lines.append(f"    unit: one count is one {t['unit']}")
        if t["note"]:
            lines.append(f"    note: {t['note']}")
        lines.append(f"    label: {t['label']}")
        lines.append(f"    columns: {', '.join(t['columns'])}")
        meta["tables"].append({"url": name, "title": t["title"], "unit": t["unit"],
                               "note": t["note"], "label": t["label"],
                               "columns": t["columns"]})
    with atomic_path(work / "tables" / "README.txt") as tmp:
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    with atomic_path(work / "tables" / "metadata.json") as tmp:
        tmp.write_text(json.dumps(jsonable(meta), ensure_ascii=False, indent=2) + "\n",
                       encoding="utf-8", newline="\n")


def _move_into_place(work: Path, out_dir: Path, written: list[str]) -> dict:
    """Move the finished files from `work` into `out_dir`; the report pages go last, so a
    report.html in place means every file it names is there."""
    out_dir.mkdir(exist_ok=True)
    (out_dir / "figures").mkdir(exist_ok=True)
    (out_dir / "tables").mkdir(exist_ok=True)
    order = sorted(written, key=lambda n: (n in ("report.md", "report.html"), n == "report.html"))
    # Temporary files are created private (0600); a report is for reading, so give the files
    # the permissions a plain open() would have.
    umask = os.umask(0)
    os.umask(umask)
    paths = {}
    raise_if_interrupted()
    for name in order:
        target = _inside(out_dir / name, out_dir)
        try:
            os.chmod(work / name, 0o666 & ~umask)
            os.replace(work / name, target)
        except OSError as exc:
            raise OutputError("E009", exc.strerror or str(exc), source=str(target)) from None
        paths[name] = target
    # A replaced report must not keep an old figure or table the new one does not have
    # (a figure with nothing to draw is now a sentence, not a file): only files this
    # writer makes, in its own two folders, are removed.
    for folder, suffixes in (("figures", (".png",)), ("tables", (".csv", ".txt", ".json"))):
        for old in (out_dir / folder).iterdir():
            rel = f"{folder}/{old.name}"
            if old.is_file() and old.suffix in suffixes and rel not in paths:
                old.unlink()
    return dict(sorted(paths.items()))

