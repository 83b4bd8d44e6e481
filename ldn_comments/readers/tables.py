"""Comment tables: CSV (or TSV) and JSONL with ``comment_id,parent_id,author,date,text``.

``position`` is row order and ``parent`` the position of the row whose ``comment_id`` is
this row's ``parent_id`` (empty: top level). Only ``text`` is required; without
``comment_id`` the row number is the id. Other columns are kept. Columns named like the
derived ones (``position``, ``parent``, ``depth``) are recomputed from the ids, and a
non-empty ``source`` column is kept, so a table written by ``ldn-comments parse`` reads
back to the same table.

``text_col``, ``id_col``, ``author_col`` and ``date_col`` name the columns when a file
calls them something else.

Examples
--------
>>> rows, _ = read_csv_text('comment_id,parent_id,author,text\\n7,,Ines,"4,5 mg"\\n8,7,Ola,Same\\n',
...                         source="t.csv")
>>> [(r["comment_id"], r["parent_id"], r["text"]) for r in rows]
[('7', None, '4,5 mg'), ('8', '7', 'Same')]
"""
from __future__ import annotations

import csv
import io
import itertools
import json

from ..errors import InputError, UsageError
from ..jsonl import json_lines
from .dates import iso_date
from .registry import Format

#: The standard columns and the option that renames each.
STANDARD = {"comment_id": "id_col", "parent_id": None, "author": "author_col",
            "date": "date_col", "text": "text_col"}
#: Columns the thread builder derives; a file's own copies are dropped.
DERIVED = ("position", "parent", "depth")
_OPTIONS = frozenset(o for o in STANDARD.values() if o)

# The csv module refuses fields over 128 KB by default, a guard against runaway memory that
# does not help here: the whole file is already in memory (or streamed line by line by
# ldn_comments.readers.chunks, which imports this module before reading). A 10 MB comment is a
# comment. 2**31 - 1 is the largest limit every platform's C long accepts.
csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))


def column_names(options: dict) -> dict[str, str]:
    """Standard key -> the (lower-case) column name that holds it in this file.

    ``text_col`` may be a list (``--text-col`` is repeatable): one name is that name;
    several are read by the review-table layout only (E012 here).

    Examples
    --------
    >>> column_names({"text_col": "Body"})["text"]
    'body'
    """
    options = dict(options)
    texts = options.get("text_col")
    if texts is not None and not isinstance(texts, str):
        texts = [str(t) for t in texts if str(t).strip()]
        if len(texts) > 1:
            raise UsageError("E012", "several --text-col columns are read as a review table "
                                     "(--format reviews), not as a comment thread")
        options["text_col"] = texts[0] if texts else None
    return {key: str((options.get(opt) if opt else None) or key).strip().lower()
            for key, opt in STANDARD.items()}


def thread_row(values: dict, names: dict[str, str], where: str) -> dict:
    """One thread row from a mapping of lower-case column name -> value.

    Examples
    --------
    >>> thread_row({"text": " hi ", "score": "3"}, column_names({}), "line 2")["text"]
    'hi'
    """
    row = {key: values.get(col) for key, col in names.items()}
    row["author"] = _text_or_none(row["author"])
    row["date"] = iso_date(_text_or_none(row["date"]))
    row["text"] = "" if row["text"] is None else str(row["text"]).strip()
    row["where"] = where
    taken = set(names.values()) | set(DERIVED)
    for col, value in values.items():
        if col not in taken:
            row[col] = value
    if not _text_or_none(row.get("source")):
        row.pop("source", None)
    return row


def _text_or_none(value):
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def read_csv_text(text: str, *, source: str, delimiter: str | None = None,
                  **options) -> tuple[list[dict], dict]:
    """Read a CSV (or TSV) comment table into thread rows.

    Parameters
    ----------
    text : str
        The decoded file.
    source : str
        How errors name the file.
    delimiter : str, optional
        ``","`` or ``"\\t"``; guessed from the header line when not given.
    **options
        ``text_col``, ``id_col``, ``author_col``, ``date_col``: column names.

    Raises
    ------
    InputError
        E004 (line 1) without a text column; E006 for an unclosed quote or a row with more
        cells than the header, naming the line where the row starts.

    Examples
    --------
    >>> read_csv_text("body\\tauthor\\nHi\\tOla\\n", source="t.tsv", text_col="body")[0][0]["text"]
    'Hi'
    """
    return list(csv_rows(io.StringIO(text), source=source, delimiter=delimiter, **options)), {}


def csv_rows(lines, *, source: str, delimiter: str | None = None, **options):
    """Yield the thread rows of a CSV (or TSV) comment table given as lines (an open
    file streams): what :func:`read_csv_text` returns, one row at a time.

    Examples
    --------
    >>> [r["text"] for r in csv_rows(iter(["text\\n", "a\\n", "b\\n"]), source="t.csv")]
    ['a', 'b']
    """
    lines = iter(lines)
    first_line = next(lines, "")
    first = first_line.split("\n", 1)[0]
    delimiter = delimiter or ("\t" if "\t" in first and "," not in first else ",")
    reader = csv.reader(itertools.chain([first_line], lines), delimiter=delimiter, strict=True)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        return
    except csv.Error as exc:
        raise InputError("E006", str(exc), source=source, where="line 1") from None
    names = column_names(options)
    require_text(names, header, source, "line 1")
    for where, record in csv_records(reader, len(header), source=source, delimiter=delimiter,
                                     header=header):
        values = {col: (cell if cell != "" else None) for col, cell in zip(header, record)}
        yield thread_row(values, names, where)


def csv_records(reader, n_columns: int, *, source: str, delimiter: str = ",",
                header=None):
    """``("line N", cells)`` for each non-blank row a :mod:`csv` reader gives after the
    header, naming the line a bad row starts on (the CSV readers, the streaming reader
    and the review-table reader share it).

    A row with fewer cells than the header names columns is refused: which column it lacks
    cannot be told, and reading it anyway puts every later cell under the wrong name (real
    AskaPatient exports do this, and a text column then reads "F" or "F M"). The header's
    own empty names do not count: a trailing delimiter on the header line names nothing,
    and when the header starts with an empty name (an index column, as pandas writes it)
    and a row is exactly that one cell short, the row is aligned to the right, which is
    the only reading that keeps every named column.

    Parameters
    ----------
    header : list of str, optional
        The header's names, to tell its empty names from named columns.

    Raises
    ------
    InputError
        E006 for an unclosed quote, a row with more cells than the header has columns, or
        a row with fewer cells than the header names.

    Examples
    --------
    >>> r = csv.reader(io.StringIO("a,b\\n1,2\\n\\n3,4\\n"))
    >>> _ = next(r)
    >>> list(csv_records(r, 2, source="x.csv"))
    [('line 2', ['1', '2']), ('line 4', ['3', '4'])]
    >>> r = csv.reader(io.StringIO(",a,b\\n1,2\\n"))
    >>> list(csv_records(r, 3, source="x.csv", header=next(r)))
    [('line 2', ['', '1', '2'])]
    >>> r = csv.reader(io.StringIO("a,b,c\\n1,2\\n"))
    >>> list(csv_records(r, 3, source="x.csv", header=next(r)))
    Traceback (most recent call last):
    ...
    ldn_comments.errors.InputError: E006 the input is malformed: 2 cells but the header names 3 columns (a, b, c): which one is missing cannot be told, x.csv line 2
    """  # noqa: E501
    # (E501 above: a doctest's expected error message is one line and cannot be split)
    word = "comma" if delimiter == "," else "tab" if delimiter == "\t" else "delimiter"
    names = [str(h).strip() for h in header] if header is not None else None
    named = n_columns
    lead_blank = False
    if names is not None:
        while named and not names[named - 1]:
            named -= 1  # a trailing delimiter on the header line names no column
        lead_blank = bool(names) and not names[0] and named > 1
    start = reader.line_num + 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            hint = " (an unclosed quote?)" if "end of data" in str(exc) else ""
            raise InputError("E006", f"{exc}{hint}", source=source,
                             where=f"line {start}") from None
        where = f"line {start}"
        start = reader.line_num + 1
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > n_columns:
            raise InputError("E006", f"{len(record)} cells but {n_columns} columns "
                             f"(an unquoted {word}?)", source=source, where=where)
        if len(record) < named and names is not None:
            if lead_blank and len(record) == named - 1:
                record = [""] + record  # the unnamed index column is the one left out
            else:
                shown = ", ".join(n or "(unnamed)" for n in names[:named])
                if len(shown) > 120:
                    shown = shown[:117] + "..."
                raise InputError("E006", f"{len(record)} cells but the header names {named} "
                                 f"columns ({shown}): which one is missing cannot be told",
                                 source=source, where=where)
        yield where, record


def require_text(names, columns, source, where):
    """E004 when the text column is not among `columns`."""
    if names["text"] not in columns:
        raise InputError("E004", f"no {names['text']!r} column", source=source, where=where)


def first_json_line(text: str):
    """The object on the first non-blank line of `text` (among its first 50 lines), or
    None when that line is not JSON or there is none (for the format sniffers).

    Examples
    --------
    >>> first_json_line('\\n{"body": "hi"}\\n'), first_json_line("a,b\\n")
    ({'body': 'hi'}, None)
    """
    for line in text.split("\n", 50):
        if line.strip():
            try:
                return json.loads(line)
            except json.JSONDecodeError:
                return None
    return None


def read_jsonl_text(text: str, *, source: str, **options) -> tuple[list[dict], dict]:
    """Read JSON Lines (one comment object per line, keys as the CSV columns).

    Examples
    --------
    >>> rows, _ = read_jsonl_text('{"comment_id": 1, "author": "Ines", "text": "LDN"}\\n',
    ...                           source="t.jsonl")
    >>> rows[0]["comment_id"], rows[0]["text"]
    (1, 'LDN')
    """
    return list(jsonl_rows(text, source=source, **options)), {}


def jsonl_rows(text_or_lines, *, source: str, **options):
    """Yield the thread rows of JSON Lines (a string, or lines such as an open file).

    Examples
    --------
    >>> [r["author"] for r in jsonl_rows(['{"text": "a", "author": " Ola "}'], source="x")]
    ['Ola']
    """
    names = column_names(options)
    for number, obj in json_lines(text_or_lines, source=source):
        values = {str(k).strip().lower(): v for k, v in obj.items()}
        require_text(names, values, source, f"line {number}")
        yield thread_row(values, names, f"line {number}")


def sniff_csv(text: str, delimiter: str = ",") -> bool:
    """True when the first line is a `delimiter`-separated header naming a comment column
    (``text``, ``comment_id``, ``parent_id``): a table without ``text`` is then reported
    as missing its column (E004) rather than as an unknown format."""
    first = text.lstrip("\n").split("\n", 1)[0]
    if delimiter not in first:
        return False
    try:
        header = next(csv.reader([first], delimiter=delimiter))
    except csv.Error:
        return False
    return bool({h.strip().lower() for h in header} & {"text", "comment_id", "parent_id"})


def sniff_tsv(text: str) -> bool:
    """True when the first line is a tab-separated header naming a comment column."""
    return sniff_csv(text, "\t")


def sniff_jsonl(text: str) -> bool:
    """True when the first non-blank line is a JSON object on its own."""
    for line in text.split("\n", 50):
        if line.strip():
            try:
                return isinstance(json.loads(line), dict)
            except json.JSONDecodeError:
                return False
    return False


CSV = Format("csv", read=read_csv_text, sniff=sniff_csv, suffixes=(".csv",),
             options=_OPTIONS)
TSV = Format("tsv", read=lambda text, *, source, **kw: read_csv_text(
    text, source=source, delimiter="\t", **kw), sniff=sniff_tsv, suffixes=(".tsv", ".tab"),
    options=_OPTIONS)
JSONL = Format("jsonl", read=read_jsonl_text, sniff=sniff_jsonl,
               suffixes=(".jsonl", ".ndjson"), options=_OPTIONS)
