"""Comment files as chunks: memory stays flat as the input grows.

CSV, TSV, JSONL and Reddit NDJSON files are read **twice, row by row**, never whole:

1. *Plan.* Every row is parsed and only its id, its parent's id, whether it names LDN and
   the kinds of values in its extra columns are kept:
   :func:`ldn_comments.readers.plan.plan_thread`, the rules every reader uses (a parent
   later in the file is still the parent; a parent not in the file makes a top-level
   comment and one warning counts them; a duplicated id (E007), a self-reply or a cycle
   (E005) fails before anything is written).
2. *Chunks.* The rows are read again, ``chunksize`` at a time; each :class:`Chunk` holds
   its rows and its part of the plan, and becomes a comment table
   (:func:`ldn_comments.readers.thread.comment_table`, the layout
   :func:`~ldn_comments.readers.read_comments` gives the whole file) or stays plain rows.

Drug-review tables stream in one pass (:func:`.reviews.read_review_chunks`: reviews have
no parents). Other inputs (the seed text layout, WordPress pages and exports, Reddit
thread JSON, standard input, files not in UTF-8) are read whole by
:func:`~ldn_comments.readers.read_comments` and sliced.

Examples
--------
>>> import io
>>> csv_text = "comment_id,parent_id,text\\n1,,a\\n2,1,b\\n3,2,c\\n"
>>> [c["parent"].tolist() for c in read_chunks(io.StringIO(csv_text), chunksize=2)]
[[<NA>, 1], [2]]
"""
from __future__ import annotations

import codecs
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import InputError, UsageError
from .plan import ThreadPlan, plan_thread, thread_topics

__all__ = ["Chunk", "DEFAULT_CHUNKSIZE", "STREAMABLE", "chunks_of", "read_chunks"]

#: Formats read row by row; the others are read whole.
STREAMABLE = frozenset({"csv", "tsv", "jsonl", "reddit-ndjson"})
#: Comments per chunk when not told otherwise.
DEFAULT_CHUNKSIZE = 5000
#: How much of a file format detection looks at.
_HEAD_CHARS = 1 << 20

NamesLdn = Callable[[str | None], bool]


class _Fallback(Exception):
    """The file cannot be streamed (not UTF-8, NUL bytes, nothing in it): read it whole."""


# ----------------------------------------------------------------------------------------
# Reading a file row by row


def _encoding(path: Path) -> str:
    with open(path, "rb") as fh:
        head = fh.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8"


def open_text(path: Path):
    """`path` opened for reading as the whole-file reader decodes it (BOMs; CRLF and lone
    CR turned into LF, as :func:`ldn_comments.readers.source.load` does)."""
    return open(path, encoding=_encoding(path), newline=None)


def _lines(fh):
    """The file's lines; a NUL byte or undecodable bytes mean 'read it whole'."""
    try:
        for line in fh:
            if "\x00" in line:
                raise _Fallback("NUL")
            yield line
    except UnicodeDecodeError:
        raise _Fallback("not UTF-8") from None


def _row_reader(fmt: str):
    from . import reddit, tables

    if fmt == "csv":
        return tables.csv_rows
    if fmt == "tsv":
        return lambda lines, **kw: tables.csv_rows(lines, delimiter="\t", **kw)
    if fmt == "jsonl":
        return tables.jsonl_rows
    return reddit.ndjson_rows


@dataclass
class _Source:
    """A file that streams: where it is, its format and the reader's options."""

    path: Path
    fmt: str
    options: dict
    label: str

    @property
    def name(self) -> str:
        return self.path.name

    def rows(self):
        with open_text(self.path) as fh:
            yield from _row_reader(self.fmt)(_lines(fh), source=self.label, **self.options)


def _check_options(fmt, options: dict, label: str) -> dict:
    """The checks of :func:`read_comments`; returns the options the reader takes."""
    from .registry import KNOWN_OPTIONS

    unknown = set(options) - KNOWN_OPTIONS
    if unknown:
        raise TypeError(f"read_comments() got unexpected options: {sorted(unknown)}")
    given = {k: v for k, v in options.items() if v is not None}
    refused = sorted(k for k in given if not fmt.accepts(k))
    if refused:
        raise UsageError("E012", f"{', '.join(refused)} does not apply to format "
                         f"{fmt.name!r}", source=label)
    given.pop("drug", None)
    return given


def _streamable(path, format, options) -> _Source | None:
    """A :class:`_Source` when `path` is a UTF-8 file in a streamable format, else None."""
    from .registry import detect_format, get_format

    if hasattr(path, "read") or str(path) == "-":
        return None
    p = Path(path)
    if not p.is_file():
        return None
    fmt = get_format(format) if format is not None else None
    try:
        with open_text(p) as fh:
            head = fh.read(_HEAD_CHARS)
    except (UnicodeDecodeError, OSError):
        return None
    if "\x00" in head or not head.strip():
        return None
    if fmt is None:
        try:
            fmt = get_format(detect_format(head, str(path)))
        except InputError:
            return None
    if fmt.name not in STREAMABLE:
        return None
    return _Source(p, fmt.name, _check_options(fmt, options, str(path)), str(path))


# ----------------------------------------------------------------------------------------
# Chunks


@dataclass
class Chunk:
    """Comments ``start`` to ``start + n`` of a thread: reader rows with their part of the
    thread plan, or (read whole, or a review table) a comment table already.

    A chunk is small and picklable: it is what goes to a worker process.
    """

    start: int
    rows: list | None = None
    plan: ThreadPlan | None = None
    samples: list | None = None
    name: str = "<input>"
    frame: pd.DataFrame | None = None

    def __len__(self) -> int:
        return len(self.frame) if self.frame is not None else len(self.rows or ())

    def table(self) -> pd.DataFrame:
        """The comment table (with ``thread_topic`` when the plan has topics)."""
        if self.frame is not None:
            return self.frame
        from .thread import comment_table

        assert self.rows is not None and self.plan is not None
        table = comment_table(self.rows, self.plan, source=self.name, samples=self.samples or ())
        if self.plan.topics is not None:
            # Worked out over the whole thread; the extractor takes it and drops the column.
            table["thread_topic"] = ["ldn" if t else None for t in self.plan.topics]
        return table


def _row_chunks(src: _Source, plan: ThreadPlan, chunksize: int) -> Iterator[Chunk]:
    rows = src.rows()
    samples = plan.samples()
    start = 0
    while True:
        part = list(itertools.islice(rows, chunksize))
        if not part:
            return
        end = start + len(part)
        yield Chunk(start, part, plan.part(start, end), samples, src.name)
        start = end


def chunks_of(path, *, format: str | None = None,
              chunksize: int | Callable[[int], int] = DEFAULT_CHUNKSIZE,
              names_ldn: NamesLdn | None = None, **options) -> tuple[Iterator[Chunk], int | None]:
    """The chunks of a comment file, and how many comments it holds (None: not known
    before reading, for review tables).

    Parameters
    ----------
    path : str, Path or file-like
        The file (``"-"`` or a buffer is read whole).
    format : str, optional
        A format name, as for :func:`ldn_comments.read_comments`.
    chunksize : int or callable
        Rows per chunk, or a function of the number of comments giving it.
    names_ldn : callable, optional
        ``text -> bool``; given, chunks carry thread topics (see
        :func:`ldn_comments.readers.plan.topics_by_row`).
    **options
        As for :func:`ldn_comments.read_comments`.

    Examples
    --------
    >>> import io
    >>> chunks, n = chunks_of(io.StringIO("comment_id,text\\n1,a\\n2,b\\n3,c\\n"), chunksize=2)
    >>> n, [len(c) for c in chunks]
    (3, [2, 1])
    """
    if not callable(chunksize):
        checked_chunksize(chunksize)
    size = chunksize if callable(chunksize) else (lambda n: chunksize)
    reviews = _review_chunks(path, format, options, size)
    if reviews is not None:
        return reviews, None
    src = _streamable(path, format, options)
    if src is not None:
        try:
            plan = plan_thread(src.rows(), label=src.label, names_ldn=names_ldn,
                               extra_kinds=True)
        except _Fallback:
            pass
        else:
            if plan.n:  # else the whole-file reader says why (E001, E013)
                return _row_chunks(src, plan, checked_chunksize(size(plan.n))), plan.n
    from . import read_comments

    table = read_comments(path, format=format, **options)
    if names_ldn is not None:
        table = _with_topics(table, names_ldn)
    return _slices(table, checked_chunksize(size(len(table)))), len(table)


def read_chunks(path, *, format: str | None = None, chunksize: int = DEFAULT_CHUNKSIZE,
                names_ldn: NamesLdn | None = None, **options) -> Iterator[pd.DataFrame]:
    """Read a comment file as comment tables of at most `chunksize` rows.

    CSV, TSV, JSONL and Reddit NDJSON files stream (see the module docstring); other
    formats are read whole and sliced. Positions, parents and depths are those of the
    whole thread; concatenated, the chunks are :func:`ldn_comments.read_comments`' table
    (plus ``thread_topic`` when `names_ldn` is given).

    Parameters
    ----------
    path : str or Path
        The file (``"-"`` or a buffer is read whole).
    format : str, optional
        A format name, as for :func:`ldn_comments.read_comments`.
    chunksize : int
        Rows per chunk.
    names_ldn : callable, optional
        As for :func:`chunks_of`.
    **options
        As for :func:`ldn_comments.read_comments`.

    Yields
    ------
    DataFrame
        Comment tables, in thread order.
    """
    chunks, _ = chunks_of(path, format=format, chunksize=chunksize, names_ldn=names_ldn,
                          **options)
    for chunk in chunks:
        yield chunk.table()


def _review_chunks(path, format, options, size):
    """Chunks of a review table file (Drugs.com, WebMD, named columns), read in one pass
    by :func:`ldn_comments.readers.reviews.read_review_chunks`; None for any other input.
    Reviews have no parents, so no planning pass is needed."""
    from . import reviews
    from .registry import detect_format

    if hasattr(path, "read") or str(path) == "-" or not Path(path).is_file():
        return None
    name = format
    if name is None:
        try:
            with open_text(Path(path)) as fh:
                head = fh.read(_HEAD_CHARS)
            name = reviews.prefer_reviews(detect_format(head, str(path)), options)
        except (UnicodeDecodeError, OSError, InputError):
            return None
    if name not in reviews.REVIEW_FORMATS:
        return None
    # The total is not known before the pass; chunks are the default size then.
    rows = checked_chunksize(size(DEFAULT_CHUNKSIZE))
    frames = reviews.read_review_chunks(path, format=name, chunksize=rows, **options)
    return (Chunk(int(f.index[0]) if len(f) else 0, frame=f) for f in frames)


def _with_topics(table: pd.DataFrame, names_ldn: NamesLdn) -> pd.DataFrame:
    """`table` with the ``thread_topic`` column the extractor would work out itself, so
    that slices of it extract as the whole does."""
    if "thread_topic" in table:
        return table
    out = table.copy()
    parents = out["parent"].tolist() if "parent" in out else [None] * len(out)
    out["thread_topic"] = thread_topics([names_ldn(t) for t in out["text"].tolist()],
                                        out["position"].tolist(), parents)
    return out


def checked_chunksize(chunksize) -> int:
    """`chunksize` as a positive int; E012 otherwise.

    Examples
    --------
    >>> checked_chunksize(3)
    3
    """
    if chunksize is None or chunksize < 1:
        raise UsageError("E012", "--chunksize must be a positive number")
    return int(chunksize)


def _slices(table: pd.DataFrame, chunksize: int) -> Iterator[Chunk]:
    for start in range(0, len(table), chunksize):
        yield Chunk(start, frame=table.iloc[start:start + chunksize])
