"""Drug-review tables: one review of one named drug per row.

Three layouts, told apart by the header (``format=`` / ``--format`` overrides):

``drugscom``
    The public Drugs.com set (``drugsComTrain_raw.tsv`` and its CSV copies):
    ``uniqueID`` (or an unnamed first index column), ``drugName``, ``condition``,
    ``review``, ``rating`` (1-10), ``date`` ("May 20, 2012"), ``usefulCount``; TSV or CSV.
    A header naming ``drugName`` and ``review`` is this layout.
``webmd``
    WebMD scrapes: ``Drug``, ``DrugId``, ``Condition``, ``Reviews``, ``Date``, ``Age``,
    ``Sex``, ``Effectiveness``, ``EaseofUse``, ``Satisfaction``, ``Sides``,
    ``UsefulCount``. A header naming ``Drug`` and ``Reviews`` is this layout.
``reviews``
    Any other table: the thread CSV/TSV/JSONL layout with a ``drug`` column (detected from
    a header, or first JSON object, holding ``text`` and ``drug``), or a table whose
    columns are named with ``text_col``, ``drug_col``, ``condition_col``, ``id_col``,
    ``date_col``, ``author_col`` (``--text-col`` ...). Naming a review column
    (``drug_col``, ``condition_col``) for a file detected as a plain comment table reads
    it as this layout.

Every layout gives the comment table of :mod:`ldn_comments.readers` with one comment per
review and no parents (a ``parent_id`` column is kept as written but not followed), plus
``drug`` and ``condition`` (named so, whatever the source calls them), ``raw_text`` (the
review as the source holds it) and every other source column under its own name. Column
names are matched without regard to case. ``text`` is the review with one pair of
wrapping quotes removed (Drugs.com writes ``"…"``) and HTML entities (``&#039;``,
``&amp;``, ``&quot;``) decoded exactly once; evidence offsets refer to ``text``. Dates
are ISO 8601 where unambiguous ("May 20, 2012" -> ``2012-05-20``), else kept as
written. Ratings and counts (``rating``, ``usefulCount``, ``Effectiveness``,
``EaseofUse``, ``Satisfaction``) are numbers; other source columns are text.

``condition="ms"`` keeps only reviews whose condition column or text speaks of multiple
sclerosis (any course, the sites' long labels), from the ``conditions`` lexicon;
``attrs["condition_filter"]`` and one warning say how many were kept and dropped.

For large files, :func:`read_review_chunks` yields the same table chunk by chunk (one
pass, flat memory), and :func:`comments_from_frame` turns one raw chunk (a DataFrame of
source columns, e.g. from ``pandas.read_csv(chunksize=...)``) into comment-table rows
from a running position.

Examples
--------
>>> tsv = ('\\tdrugName\\tcondition\\treview\\trating\\tdate\\tusefulCount\\n'
...        '7\\tNaltrexone\\tMultiple Sclerosis\\t"I&#039;m on 3 mg &amp; fine"\\t9.0\\t'
...        'May 20, 2012\\t4\\n')
>>> sniff_drugscom(tsv), sniff_webmd(tsv)
(True, False)
>>> rows, attrs = read_drugscom(tsv, source="r.tsv")
>>> r = rows[0]
>>> r["comment_id"], r["drug"], r["condition"], r["text"], r["date"], r["rating"]
('7', 'Naltrexone', 'Multiple Sclerosis', "I'm on 3 mg & fine", '2012-05-20', '9.0')
"""
from __future__ import annotations

import csv
import html
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import InputError, UsageError, warn
from .dates import iso_date
from .registry import Format
from .tables import csv_records, first_json_line, json_lines

__all__ = ["Layout", "layout_for", "read_drugscom", "read_webmd", "read_reviews",
           "read_review_chunks", "comments_from_frame", "review_text", "prefer_reviews",
           "DRUGSCOM", "WEBMD", "REVIEWS", "REVIEW_FORMATS", "ROLES"]

#: Column roles and the option that names each.
ROLES = {"text": "text_col", "drug": "drug_col", "condition": "condition_col",
         "id": "id_col", "date": "date_col", "author": "author_col"}
#: Default (lower-case) column names per layout; a role may list several candidates.
DEFAULTS = {
    "drugscom": {"text": ("review",), "drug": ("drugname",), "condition": ("condition",),
                 "id": ("uniqueid", "", "unnamed: 0"), "date": ("date",), "author": ()},
    "webmd": {"text": ("reviews", "review"), "drug": ("drug",), "condition": ("condition",),
              "id": (), "date": ("date",), "author": ()},
    "reviews": {"text": ("text",), "drug": ("drug",), "condition": ("condition",),
                "id": ("comment_id",), "date": ("date",), "author": ("author",)},
}
#: Source columns read as numbers (lower-case names): ratings and counts.
NUMERIC = {"rating": "Float64", "usefulcount": "Int64", "effectiveness": "Int64",
           "easeofuse": "Int64", "satisfaction": "Int64"}
#: Column options only a review table takes; naming one turns a plain table into
#: ``reviews``. (``condition`` alone does not: on a thread without a drug or condition
#: column it is refused, E012.)
REVIEW_OPTIONS = ("drug_col", "condition_col")
_OPTIONS = frozenset(ROLES.values()) | {"condition"}
#: Output column per role (``id`` -> ``comment_id``).
_OUT = {"text": "text", "drug": "drug", "condition": "condition", "id": "comment_id",
        "date": "date", "author": "author"}


# ---------------------------------------------------------------------------------------
# Layout: which source column plays which role


@dataclass(frozen=True)
class Layout:
    """Where each role is in one file's header.

    Attributes
    ----------
    name : {"drugscom", "webmd", "reviews"}
    header : tuple of str
        The source's column names, as written.
    roles : dict
        Role (``text``, ``drug``, ``condition``, ``id``, ``date``, ``author``) -> index
        into `header`; roles the file lacks are absent.
    delimiter : str or None
        ``","`` or ``"\\t"`` for a table, None for JSON Lines.
    """

    name: str
    header: tuple
    roles: dict = field(default_factory=dict)
    delimiter: str | None = ","

    def extras(self) -> list[int]:
        """Indexes of the source columns that keep their own name."""
        taken = set(self.roles.values())
        return [i for i in range(len(self.header)) if i not in taken]


def layout_for(header, name: str, options: dict | None = None, *, source: str = "<input>",
               delimiter: str | None = ",", where: str = "line 1") -> Layout:
    """Map a header to a :class:`Layout` of layout `name`, honouring column options.

    Raises
    ------
    InputError
        E004 naming the file and line when a column named by an option, or the text
        column, is not in the header.

    Examples
    --------
    >>> lay = layout_for(["Body", "Medicine"], "reviews", {"text_col": "body",
    ...                  "drug_col": "medicine"}, source="c.csv")
    >>> lay.roles
    {'text': 0, 'drug': 1}
    >>> layout_for(["body"], "reviews", {"drug_col": "med"}, source="c.csv")
    Traceback (most recent call last):
    ...
    ldn_comments.errors.InputError: E004 a required column is missing: no 'med' column (named by --drug-col), c.csv line 1
    """
    options = options or {}
    header = tuple("" if h is None else str(h).strip() for h in header)
    lower = [h.lower() for h in header]
    roles: dict[str, int] = {}
    for role, option in ROLES.items():
        named = options.get(option)
        if named:
            want = str(named).strip().lower()
            if want not in lower:
                flag = "--" + option.replace("_", "-")
                raise InputError("E004", f"no {named!r} column (named by {flag})",
                                 source=source, where=where)
            roles[role] = lower.index(want)
            continue
        for cand in DEFAULTS[name][role]:
            if cand in lower:
                roles[role] = lower.index(cand)
                break
    if "text" not in roles:
        wanted = " or ".join(repr(c) for c in DEFAULTS[name]["text"])
        raise InputError("E004", f"no review text column ({wanted}; name it with --text-col)",
                         source=source, where=where)
    return Layout(name, header, roles, delimiter)


# ---------------------------------------------------------------------------------------
# One review


def review_text(value) -> str:
    """The review text: stripped, one pair of wrapping quotes removed, HTML entities
    decoded exactly once.

    Examples
    --------
    >>> review_text('"It&#039;s fine &amp;amp; cheap"')
    "It's fine &amp; cheap"
    >>> review_text('  plain  '), review_text(None)
    ('plain', '')
    """
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    text = str(value).strip()
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        text = text[1:-1].strip()
    return html.unescape(text).strip()


def _blank(value) -> bool:
    return (value is None or value is pd.NA or (isinstance(value, float) and value != value)
            or (isinstance(value, str) and not value.strip()))


def _row(cells, layout: Layout, where: str) -> dict:
    """One thread row from a list of cells in header order."""
    get = (lambda i: cells[i] if i < len(cells) else None)
    row: dict = {"drug": None, "condition": None}  # always named, even if the file lacks one
    for role, i in layout.roles.items():
        value = get(i)
        if role == "text":
            row["text"] = review_text(value)
            row["raw_text"] = None if _blank(value) else str(value)
        elif role == "date":
            row["date"] = None if _blank(value) else iso_date(str(value))
        else:
            row[_OUT[role]] = None if _blank(value) else str(value).strip()
    # Reviews are not replies: build_thread must not follow a parent_id.
    row["parent_key"] = None
    for i in layout.extras():
        name = layout.header[i] or f"column_{i + 1}"
        if name in row or name.lower() in _OUT.values() or name == "raw_text":
            name = f"source_{name}"  # a spare 'text' or 'drug' column must not shadow
        value = get(i)
        if name.lower() == "parent_id":
            row["parent_id"] = None if _blank(value) else str(value).strip()
            continue
        row[name] = None if _blank(value) else value
    row["where"] = where
    return row


def _condition_key(condition) -> str | None:
    if condition is None:
        return None
    from ..nlp.context import CONDITION_KEYS

    key = str(condition).strip().lower()
    key = {"multiple sclerosis": "ms", "alcohol": "alcohol_dependence",
           "opioid": "opioid_dependence", "opioids": "opioid_dependence"}.get(key, key)
    if key not in CONDITION_KEYS:
        raise UsageError("E012", f"unknown condition {condition!r} (known: "
                         f"{', '.join(CONDITION_KEYS)})")
    return key


class _Filter:
    """The ``condition=`` filter and its counts."""

    def __init__(self, condition):
        self.key = _condition_key(condition)
        self.kept = self.dropped = 0

    def keep(self, row: dict) -> bool:
        if self.key is None:
            return True
        from ..nlp.context import condition_matches

        ok = condition_matches(self.key, row.get("condition"), row.get("text"))
        if ok:
            self.kept += 1
        else:
            self.dropped += 1
        return ok

    def attrs(self) -> dict:
        if self.key is None:
            return {}
        return {"condition_filter": {"condition": self.key, "kept": self.kept,
                                     "dropped": self.dropped}}

    def report(self, source: str) -> None:
        if self.key is not None:
            warn(f"condition {self.key}: kept {self.kept} reviews, dropped {self.dropped} "
                 f"({source})")


# ---------------------------------------------------------------------------------------
# Whole-file readers


def _delimiter(first_line: str) -> str:
    return "\t" if "\t" in first_line and "," not in first_line.split("\t", 1)[0] \
        and first_line.count("\t") >= first_line.count(",") else ","


def _table_rows(lines, layout_name: str, options: dict, *, source: str, filt: _Filter,
                delimiter: str | None = None):
    """Yield thread rows of a CSV/TSV review table read from an iterator of lines."""
    lines = iter(lines)
    first = next(lines, "")
    delimiter = delimiter or _delimiter(first.split("\n", 1)[0])
    reader = csv.reader(_chain(first, lines), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        raise InputError("E006", str(exc), source=source, where="line 1") from None
    layout = layout_for(header, layout_name, options, source=source, delimiter=delimiter)
    for where, record in csv_records(reader, len(header), source=source, delimiter=delimiter):
        row = _row([c if c != "" else None for c in record], layout, where)
        if filt.keep(row):
            yield row


def _chain(first, rest):
    yield first
    yield from rest


def _jsonl_rows(text_or_lines, options: dict, *, source: str, filt: _Filter):
    """Yield thread rows of a JSON Lines review table."""
    lines = text_or_lines.split("\n") if isinstance(text_or_lines, str) else text_or_lines
    text = "\n".join(line.rstrip("\n") for line in lines)
    for number, obj in json_lines(text, source=source):
        keys = list(obj)
        layout = layout_for(keys, "reviews", options, source=source, delimiter=None,
                            where=f"line {number}")
        row = _row([obj[k] for k in keys], layout, f"line {number}")
        if filt.keep(row):
            yield row


def _is_jsonl(text: str) -> bool:
    return text.lstrip()[:1] == "{"


def _read(text: str, layout_name: str, *, source: str, condition=None, **options):
    filt = _Filter(condition)
    if layout_name == "reviews" and _is_jsonl(text):
        rows = list(_jsonl_rows(text, options, source=source, filt=filt))
    else:
        rows = list(_table_rows(io.StringIO(text), layout_name, options, source=source,
                                filt=filt))
    filt.report(source)
    if not rows and filt.key is not None:
        raise InputError("E013", f"no review is for condition {filt.key!r} "
                         f"({filt.dropped} dropped)", source=source)
    return rows, {"layout": layout_name, **filt.attrs()}


def read_drugscom(text: str, *, source: str, **options) -> tuple[list[dict], dict]:
    """Read a Drugs.com review table (TSV or CSV) into thread rows.

    Raises
    ------
    InputError
        E004 (line 1) without the review column or a column an option names; E006 for
        an unclosed quote or a row with more cells than the header.
    """
    return _read(text, "drugscom", source=source, **options)


def read_webmd(text: str, *, source: str, **options) -> tuple[list[dict], dict]:
    """Read a WebMD review table into thread rows.

    Examples
    --------
    >>> rows, _ = read_webmd("Drug,Condition,Reviews,Satisfaction\\n"
    ...                      "gilenya,Multiple Sclerosis,On it 2 years,5\\n", source="w.csv")
    >>> rows[0]["drug"], rows[0]["text"], rows[0]["Satisfaction"]
    ('gilenya', 'On it 2 years', '5')
    """
    return _read(text, "webmd", source=source, **options)


def read_reviews(text: str, *, source: str, **options) -> tuple[list[dict], dict]:
    """Read any other review table (CSV, TSV or JSONL; columns named by options).

    Examples
    --------
    >>> rows, _ = read_reviews("body,medicine\\nIt helps,LDN\\n", source="c.csv",
    ...                        text_col="body", drug_col="medicine")
    >>> rows[0]["text"], rows[0]["drug"]
    ('It helps', 'LDN')
    """
    return _read(text, "reviews", source=source, **options)


# ---------------------------------------------------------------------------------------
# Detection


def _header(text: str):
    first = text.lstrip("\n").split("\n", 1)[0]
    delimiter = _delimiter(first)
    if delimiter not in first:
        return set()
    try:
        cells = next(csv.reader([first], delimiter=delimiter))
    except (csv.Error, StopIteration):
        return set()
    return {c.strip().lower() for c in cells}


def sniff_drugscom(text: str) -> bool:
    """True when the header names ``drugName`` and ``review`` (any case)."""
    return {"drugname", "review"} <= _header(text)


def sniff_webmd(text: str) -> bool:
    """True when the header names ``Drug`` and ``Reviews`` (any case)."""
    return {"drug", "reviews"} <= _header(text)


def sniff_reviews(text: str) -> bool:
    """True for a comment table (CSV/TSV header or first JSON object) with ``text`` and
    ``drug``.

    Examples
    --------
    >>> sniff_reviews('{"text": "ok", "drug": "Copaxone"}\\n'), sniff_reviews("text\\nok\\n")
    (True, False)
    """
    if _is_jsonl(text):
        obj = first_json_line(text)
        return isinstance(obj, dict) and {"text", "drug"} <= {str(k).strip().lower() for k in obj}
    return {"text", "drug"} <= _header(text)


def prefer_reviews(name: str, options: dict) -> str:
    """The format to use for a file detected as `name` when `options` are given: a plain
    comment table (csv, tsv, jsonl) read with a review column option (``drug_col``,
    ``condition_col``) is a review table.

    This is the hook for any code that detects formats itself (the streaming reader):
    call it on :func:`~ldn_comments.readers.detect_format`'s answer.

    Examples
    --------
    >>> prefer_reviews("csv", {"drug_col": "medicine"}), prefer_reviews("csv", {})
    ('reviews', 'csv')
    """
    if name in ("csv", "tsv", "jsonl") and any(options.get(k) for k in REVIEW_OPTIONS):
        return "reviews"
    return name


# ---------------------------------------------------------------------------------------
# Chunks: flat memory on large files


def _typed(table: pd.DataFrame) -> pd.DataFrame:
    """Give the extra source columns fixed dtypes (numbers for ratings and counts, text
    otherwise), so that every chunk of a file has the whole file's dtypes."""
    from ..records import COMMENT_COLUMNS

    out = table
    fixed = set(COMMENT_COLUMNS) | {"drug", "condition", "raw_text"}
    for col in out.columns:
        kind = NUMERIC.get(str(col).lower())
        if kind is not None:
            num = pd.to_numeric(out[col].astype(object), errors="coerce")
            if kind == "Int64" and not (num.dropna() % 1 == 0).all():
                kind = "Float64"
            out[col] = num.astype(kind)
        elif col in fixed or col not in out:
            if col in ("drug", "condition", "raw_text"):
                out[col] = out[col].astype("string")
        else:
            out[col] = out[col].map(lambda v: None if _blank(v) else str(v)).astype("string")
    return out


def finish(table: pd.DataFrame) -> pd.DataFrame:
    """The whole-file reader's last step: the dtypes every chunk also gets."""
    return _typed(table)


def _table(rows: list[dict], *, start: int, source: str, label: str, attrs: dict
           ) -> pd.DataFrame:
    from .thread import build_thread

    table = build_thread(rows, source=source, label=label)
    table.index = pd.RangeIndex(start, start + len(rows))
    table["position"] = pd.array(range(start + 1, start + len(rows) + 1), dtype="Int64")
    table = _typed(table)
    table.attrs.update(attrs)
    return table


def comments_from_frame(raw: pd.DataFrame, *, layout: str | Layout = "reviews", start: int = 0,
                        source: str = "<frame>", condition=None, first_line: int | None = None,
                        **options) -> pd.DataFrame:
    """Turn one raw chunk of a review table (source columns) into comment-table rows.

    Parameters
    ----------
    raw : DataFrame
        Rows of the source file with its own column names (e.g. one chunk of
        ``pandas.read_csv(path, sep="\\t", chunksize=...)``; an unnamed index column
        may be ``"Unnamed: 0"``).
    layout : {"drugscom", "webmd", "reviews"} or Layout
        The layout, as :func:`layout_for` resolves it (a name is resolved from the
        frame's columns with `options`).
    start : int
        Reviews kept before this chunk: positions go on from ``start + 1``.
    source : str
        The file name for the ``source`` column.
    condition : str, optional
        As for :func:`ldn_comments.read_comments`; dropped rows do not take a position.
    first_line : int, optional
        The file line of the chunk's first row, for error messages.
    **options
        Column options (``text_col`` ...).

    Returns
    -------
    DataFrame
        The comment table of the chunk's kept reviews; ``attrs["condition_filter"]``
        counts this chunk's kept and dropped rows when `condition` is given.

    Examples
    --------
    >>> raw = pd.DataFrame({"Unnamed: 0": [5, 6], "drugName": ["Gilenya", "Naltrexone"],
    ...                     "condition": ["Multiple Sclerosis", "Alcohol Dependence"],
    ...                     "review": ['"Fine"', '"50 mg"'], "rating": [8.0, 9.0]})
    >>> t = comments_from_frame(raw, layout="drugscom", start=100, condition="ms")
    >>> t[["position", "comment_id", "drug", "text"]].values.tolist()
    [[101, '5', 'Gilenya', 'Fine']]
    >>> t.attrs["condition_filter"]
    {'condition': 'ms', 'kept': 1, 'dropped': 1}
    """
    lay = layout if isinstance(layout, Layout) else layout_for(
        [str(c) for c in raw.columns], layout, options, source=source)
    filt = _Filter(condition)
    rows = []
    for n, cells in enumerate(raw.itertuples(index=False, name=None)):
        where = f"line {first_line + n}" if first_line is not None else f"row {start + n + 1}"
        row = _row(list(cells), lay, where)
        if filt.keep(row):
            rows.append(row)
    attrs = {"layout": lay.name, "format": lay.name, **filt.attrs()}
    if not rows:
        from ..records import COMMENT_COLUMNS

        empty = pd.DataFrame(columns=COMMENT_COLUMNS + ["raw_text", "drug", "condition"])
        empty.attrs.update(attrs)
        return empty
    return _table(rows, start=start, source=source, label=source, attrs=attrs)


def read_review_chunks(path, *, format: str | None = None, chunksize: int = 5000,
                       **options):
    """Read a review table as comment tables of at most `chunksize` kept reviews, in
    one pass over the file (flat memory: only the ids seen are kept, to refuse a
    duplicate).

    Positions run on across chunks; ``attrs["condition_filter"]`` of the last chunk
    holds the whole file's counts.

    Parameters
    ----------
    path : str or Path
        A review table (``"-"`` or a buffer is read whole, then chunked).
    format : {"drugscom", "webmd", "reviews"}, optional
        Default: from the header.
    chunksize : int
        Reviews per chunk.
    **options
        As for :func:`ldn_comments.read_comments` (``condition``, column options).

    Yields
    ------
    DataFrame

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "r.tsv"
    >>> _ = p.write_text("\\tdrugName\\tcondition\\treview\\n1\\tGilenya\\tMS\\t\\"ok\\"\\n"
    ...                  "2\\tCopaxone\\tMS\\t\\"fine\\"\\n3\\tLDN\\tMS\\t\\"good\\"\\n")
    >>> [c["position"].tolist() for c in read_review_chunks(p, chunksize=2)]
    [[1, 2], [3]]
    """
    if chunksize is None or chunksize < 1:
        raise UsageError("E012", "--chunksize must be a positive number")
    drug = options.pop("drug", None)
    filt = _Filter(options.pop("condition", None))
    lines, label, name = _lines_of(path)
    first = next(lines, "")
    if not first.strip():
        raise InputError("E001", source=label)
    fmt = format or _detect(first, options)
    if fmt not in REVIEW_FORMATS:
        raise UsageError("E012", f"{fmt!r} is not a review-table format "
                         f"({', '.join(REVIEW_FORMATS)})", source=label)
    if fmt == "reviews" and _is_jsonl(first):
        rows = _jsonl_rows(_chain(first, lines), options, source=label, filt=filt)
    else:
        rows = _table_rows(_chain(first, lines), fmt, options, source=label, filt=filt)
    seen: set[str] = set()
    start = 0
    chunk: list[dict] = []
    emitted = False
    for row in rows:
        cid = row.get("comment_id")
        if cid is not None:
            if cid in seen:
                raise InputError("E007", f"comment id {cid!r} occurs twice", source=label,
                                 where=row.get("where"))
            seen.add(cid)
        else:
            row["comment_id"] = str(start + len(chunk) + 1)
        chunk.append(row)
        if len(chunk) >= chunksize:
            yield _chunk_table(chunk, start, name, label, fmt, drug, filt, final=False)
            emitted = True
            start += len(chunk)
            chunk = []
    filt.report(label)
    if chunk or not emitted:
        if not chunk and not emitted:
            raise InputError("E013", (f"no review is for condition {filt.key!r} "
                                      f"({filt.dropped} dropped)") if filt.key else None,
                             source=label)
        yield _chunk_table(chunk, start, name, label, fmt, drug, filt, final=True)


def _chunk_table(chunk, start, name, label, fmt, drug, filt, *, final):
    attrs = {"layout": fmt, "format": fmt, **filt.attrs()}
    if drug is not None:
        attrs["drug"] = drug
    return _table(chunk, start=start, source=name, label=label, attrs=attrs)


def _detect(first_line: str, options: dict) -> str:
    for fmt in (DRUGSCOM, WEBMD, REVIEWS):
        if fmt.sniff(first_line):
            return fmt.name
    return "reviews"


def _lines_of(path):
    """(iterator of lines with LF ends, label, name); paths stream, buffers are loaded."""
    from .source import load

    if hasattr(path, "read") or str(path) == "-":
        loaded = load(path)
        return iter(loaded.text.splitlines(keepends=True)), loaded.label, loaded.name
    p = Path(path)
    if not p.is_file():
        load(p)  # raises E008 with the reason
    with open(p, "rb") as fh:
        head = fh.read(4096)
    if b"\x00" in head:
        load(p)  # E002
    try:
        head.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the boundary
            loaded = load(p)
            return iter(loaded.text.splitlines(keepends=True)), str(path), p.name
    return _file_lines(p, str(path)), str(path), p.name


def _file_lines(p: Path, label: str):
    try:
        with open(p, encoding="utf-8-sig", newline=None) as fh:
            yield from fh
    except UnicodeDecodeError:
        raise InputError("E002", "not valid UTF-8 part-way through; convert the file or "
                         "read it whole with read_comments", source=label) from None


DRUGSCOM = Format("drugscom", read=read_drugscom, sniff=sniff_drugscom, options=_OPTIONS)
WEBMD = Format("webmd", read=read_webmd, sniff=sniff_webmd, options=_OPTIONS)
REVIEWS = Format("reviews", read=read_reviews, sniff=sniff_reviews, options=_OPTIONS)
#: The review-table formats, in detection order.
REVIEW_FORMATS = ("drugscom", "webmd", "reviews")
