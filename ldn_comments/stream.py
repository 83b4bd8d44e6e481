"""Streaming, parallel extraction: memory stays flat as the input grows.

``ldn-comments extract`` runs through :func:`extract_file`. CSV, TSV, JSONL and Reddit
NDJSON files are read **twice, row by row**, never whole:

1. *Plan.* Every row is parsed and only its id, its parent's id and the kinds of values in
   its extra columns are kept: an ``id -> position`` map, not the texts. From them come the
   positions, parents and depths of the whole thread, with the whole-file reader's rules
   (:func:`ldn_comments.readers.thread.build_thread`): a parent later in the file is still
   the parent; a parent not in the file makes a top-level comment and one warning counts
   them; a duplicated id (E007), a self-reply or a cycle (E005) fails before anything is
   written.
2. *Extract.* The rows are read again in chunks of ``chunksize``; each chunk becomes a
   comment table with global positions, is extracted and written (JSONL or CSV text, or a
   parquet row group through :class:`pyarrow.parquet.ParquetWriter` with a fixed schema).
   With ``jobs > 1`` chunks go to a process pool, at most ``2 * jobs`` in flight, and are
   written in input order.

The output is byte for byte what ``extract(read_comments(path))`` written by
:func:`ldn_comments.output.write_table` gives, whatever ``jobs`` and ``chunksize``.
Other inputs (the seed text layout, WordPress pages and exports, Reddit thread JSON,
standard input, files not in UTF-8) are read whole by :func:`read_comments` and then
extracted and written in chunks the same way. A file is written to a temporary name and
renamed at the end, so an interrupted run leaves no partial output.

Examples
--------
>>> import pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "t.csv").write_text("comment_id,parent_id,author,text\\n"
...                              "a,,Ines,On LDN 4.5 mg for a year.\\nb,a,Ola,Which brand?\\n")
>>> extract_file(d / "t.csv", d / "r.jsonl", chunksize=1, progress=False)
2
>>> [len(r) for r in extract_iter(read_chunks(d / "t.csv", chunksize=1))]
[1, 1]
"""
from __future__ import annotations

import codecs
import collections
import concurrent.futures as cf
import csv
import io
import itertools
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import InputError, OutputError, UsageError, warn
from .extract import extract
from .output import _csv_ready, _parquet_ready, atomic_path, json_text, jsonable, table_format

__all__ = ["extract_file", "extract_iter", "read_chunks", "records_to_jsonl", "resolve_jobs",
           "extract_to",
           "STREAMABLE", "DEFAULT_CHUNKSIZE"]

#: Formats read row by row; the others are read whole.
STREAMABLE = frozenset({"csv", "tsv", "jsonl", "reddit-ndjson"})
#: Comments per chunk when not told otherwise.
DEFAULT_CHUNKSIZE = 5000
#: How much of a file format detection looks at.
_HEAD_CHARS = 1 << 20
#: A sample row's id: never a real one (real text holds no NUL).
_SAMPLE_ID = "\x00sample{}"


class _Fallback(Exception):
    """The file cannot be streamed (not UTF-8, NUL bytes, nothing in it): read it whole."""


# ----------------------------------------------------------------------------------------
# Options and jobs


def resolve_jobs(jobs: int | None) -> int:
    """The number of worker processes `jobs` asks for: ``-1`` (or 0, None: 1) = all cores.

    Examples
    --------
    >>> resolve_jobs(1), resolve_jobs(-1) == (os.cpu_count() or 1)
    (1, True)
    """
    if jobs is None or jobs == 0:
        return 1
    if jobs < 0:
        return max(1, (os.cpu_count() or 1) + 1 + jobs)
    return int(jobs)


def _cli_options(args) -> dict:
    """The reader options the command line gives (as ``cli._read`` builds them)."""
    opts = {f"{k}_col": getattr(args, f"{k}_col", None)
            for k in ("text", "drug", "condition", "id", "date", "author", "dose")}
    opts["rating_scale"] = getattr(args, "rating_scale", None)
    opts = {k: v for k, v in opts.items() if v is not None}
    if getattr(args, "condition", None):
        opts["condition"] = args.condition
    if getattr(args, "drug", None):
        opts["drug"] = args.drug
    return opts


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


def _open(path: Path):
    # newline=None turns CRLF and lone CR into LF, as readers.source.load does.
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


def _csv_rows(lines, *, source, delimiter=None, **options):
    """Thread rows of a CSV/TSV file, as :func:`readers.tables.read_csv_text` makes them."""
    from .readers import tables

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
    names = tables._column_names(options)
    tables._require(names, header, source, "line 1")
    for where, record in tables.csv_records(reader, len(header), source=source,
                                            delimiter=delimiter):
        values = {col: (cell if cell != "" else None) for col, cell in zip(header, record)}
        yield tables._row(values, names, where)


def _jsonl_rows(lines, *, source, **options):
    from .readers import tables

    names = tables._column_names(options)
    for number, obj in tables.json_lines(lines, source=source):
        values = {str(k).strip().lower(): v for k, v in obj.items()}
        tables._require(names, values, source, f"line {number}")
        yield tables._row(values, names, f"line {number}")


def _ndjson_rows(lines, *, source, **_options):
    from .readers import reddit, tables

    for number, obj in tables.json_lines(lines, source=source):
        if "body" not in obj:
            raise InputError("E004", "no 'body' field", source=source, where=f"line {number}")
        yield reddit._row(obj, where=f"line {number}")


_ROW_READERS = {
    "csv": _csv_rows,
    "tsv": lambda lines, **kw: _csv_rows(lines, delimiter="\t", **kw),
    "jsonl": _jsonl_rows,
    "reddit-ndjson": _ndjson_rows,
}


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
        with _open(self.path) as fh:
            yield from _ROW_READERS[self.fmt](_lines(fh), source=self.label, **self.options)


def _check_options(fmt, options: dict, label: str) -> dict:
    """The checks of :func:`read_comments`; returns the options the reader takes."""
    from .readers.registry import KNOWN_OPTIONS

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
    from .readers.registry import detect_format, get_format

    if hasattr(path, "read") or str(path) == "-":
        return None
    p = Path(path)
    if not p.is_file():
        return None
    fmt = get_format(format) if format is not None else None
    try:
        with _open(p) as fh:
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
# Pass 1: the thread's shape, without the texts


def _kind(value) -> str:
    """What pandas' ``convert_dtypes`` distinguishes about a value."""
    if value is None:
        return "none"
    t = type(value)
    if t is float:
        return "nan" if value != value else ("float-int" if value.is_integer() else "float")
    if t is int:
        return "int" if -2 ** 63 <= value < 2 ** 63 else "bigint"
    return t.__name__


class _Wheres:
    """``rows[i].get("where")`` for :func:`readers.thread._depths`, from line numbers."""

    def __init__(self, wheres):
        self._wheres = wheres

    def __getitem__(self, i):
        return {"where": self._wheres[i]}


@dataclass
class _Plan:
    """Positions, parents, depths and thread topics of a whole thread, and how to type
    its extra columns."""

    n: int
    parents: list
    depths: list
    samples: list = field(default_factory=list)
    topics: bytearray = field(default_factory=bytearray)


def _topics(names, parents) -> bytearray:
    """1 where a comment's thread topic is LDN (parents as row indices): the rule of
    :func:`ldn_comments.extract.thread_topics`."""
    from .extract import topics_by_row

    return topics_by_row(names, parents)


def _plan(src: _Source) -> _Plan:
    from .extract import names_ldn
    from .readers.thread import _ROW_KEYS, _clean, _depths

    names = bytearray()
    index: dict[str, int] = {}
    ids: list[str] = []
    wheres: list = []
    parents: list = []
    pending: dict[int, str] = {}
    self_reply = None
    extras: dict[str, dict] = {}
    for i, row in enumerate(src.rows()):
        cid = _clean(row.get("comment_id")) or str(i + 1)
        if cid in index:
            raise InputError("E007", f"comment id {cid!r} occurs twice", source=src.label,
                             where=row.get("where"))
        index[cid] = i
        ids.append(cid)
        wheres.append(row.get("where"))
        names.append(names_ldn(row.get("text")))
        key = _clean(row["parent_key"]) if "parent_key" in row else _clean(row.get("parent_id"))
        if key is None:
            parents.append(None)
        elif key == cid:
            parents.append(None)
            if self_reply is None:
                self_reply = (cid, row.get("where"))
        elif key in index:
            parents.append(index[key])
        else:
            parents.append(None)
            pending[i] = key
        for col, value in row.items():
            if col not in _ROW_KEYS:
                extras.setdefault(col, {}).setdefault(_kind(value), value)
    if not ids:
        raise _Fallback("no rows")  # the whole-file reader says why (E001, E013)
    if self_reply is not None:
        raise InputError("E005", f"comment {self_reply[0]!r} replies to itself",
                         source=src.label, where=self_reply[1])
    orphans = 0
    for i, key in pending.items():
        if key in index:
            parents[i] = index[key]
        else:
            orphans += 1
    del index, pending
    depths = _depths(parents, ids, _Wheres(wheres), src.label)
    if orphans:
        warn(f"{orphans} comments reply to a comment not in the file; kept as top level")
    # Sample rows, put before each chunk and dropped after: every extra column in the
    # file's order, and one value of each kind the column holds in the whole file, so
    # that a chunk's columns get the dtypes the whole file's would.
    samples = [{"comment_id": _SAMPLE_ID.format(0), "text": "",
                **{col: None for col in extras}}]
    for col, kinds in extras.items():
        for value in kinds.values():
            samples.append({"comment_id": _SAMPLE_ID.format(len(samples)), "text": "",
                            col: value})
    return _Plan(len(ids), parents, depths, samples, _topics(names, parents))


def _work_items(src: _Source, plan: _Plan, chunksize: int):
    """``("rows", rows, start, parents, depths, samples)`` per chunk, for :func:`_table`."""
    rows = src.rows()
    start = 0
    while True:
        chunk = list(itertools.islice(rows, chunksize))
        if not chunk:
            return
        end = start + len(chunk)
        yield ("rows", chunk, start, plan.parents[start:end], plan.depths[start:end],
               plan.samples, src.name, src.label, plan.topics[start:end])
        start = end


def _table(item) -> pd.DataFrame:
    """The comment table of one work item (a slice of a table, or streamed rows)."""
    if item[0] == "frame":
        return item[1]
    from .readers.thread import _clean, build_thread

    _, rows, start, parents, depths, samples, name, label, topics = item
    prepared = []
    for i, row in enumerate(rows):
        row = dict(row)
        # Ids and parents are the plan's: build_thread only lays out the columns.
        if _clean(row.get("comment_id")) is None:
            row["comment_id"] = str(start + i + 1)
        row["parent_key"] = None
        prepared.append(row)
    table = build_thread(samples + prepared, source=name, label=label)
    table = table.iloc[len(samples):].copy()
    table.index = pd.RangeIndex(start, start + len(rows))
    table["position"] = pd.array(range(start + 1, start + len(rows) + 1), dtype="Int64")
    table["parent"] = pd.array([None if p is None else p + 1 for p in parents], dtype="Int64")
    table["depth"] = pd.array(depths, dtype="Int64")
    # Worked out over the whole thread; extract() takes it and drops the column.
    table["thread_topic"] = ["ldn" if t else None for t in topics]
    return table


# ----------------------------------------------------------------------------------------
# Public: chunks of comments, chunks of records


def read_chunks(path, *, format: str | None = None, chunksize: int = DEFAULT_CHUNKSIZE,
                **options):
    """Read a comment file as comment tables of at most `chunksize` rows.

    CSV, TSV, JSONL and Reddit NDJSON files stream (see the module docstring); other
    formats are read whole and sliced. Positions, parents and depths are those of the
    whole thread.

    Parameters
    ----------
    path : str or Path
        The file (``"-"`` or a buffer is read whole).
    format : str, optional
        A format name, as for :func:`ldn_comments.read_comments`.
    chunksize : int
        Rows per chunk.
    **options
        As for :func:`ldn_comments.read_comments`.

    Yields
    ------
    DataFrame
        Comment tables, in thread order.

    Examples
    --------
    >>> import io
    >>> csv_text = "comment_id,parent_id,text\\n1,,a\\n2,1,b\\n3,2,c\\n"
    >>> [c["parent"].tolist() for c in read_chunks(io.StringIO(csv_text), chunksize=2)]
    [[<NA>, 1], [2]]
    """
    for item in _items(path, format=format, chunksize=chunksize, options=options)[0]:
        yield _table(item)


def _items(path, *, format, chunksize, options):
    """(work items, total comments) for `path`; `chunksize` may be a function of the total."""
    if not callable(chunksize):
        _checked(chunksize)
    size = chunksize if callable(chunksize) else (lambda n: chunksize)
    reviews = _review_chunks(path, format, options, size)
    if reviews is not None:
        return reviews, None
    src = _streamable(path, format, options)
    if src is not None:
        try:
            plan = _plan(src)
        except _Fallback:
            pass
        else:
            return _work_items(src, plan, _checked(size(plan.n))), plan.n
    from .readers import read_comments

    table = _with_topics(read_comments(path, format=format, **options))
    return _slices(table, _checked(size(len(table)))), len(table)


def _review_chunks(path, format, options, size):
    """Work items for a review table file (Drugs.com, WebMD, named columns), read in one
    pass by :func:`ldn_comments.readers.reviews.read_review_chunks`; None for any other
    input. Reviews have no parents, so no planning pass is needed."""
    from .readers import reviews
    from .readers.registry import detect_format

    if hasattr(path, "read") or str(path) == "-" or not Path(path).is_file():
        return None
    name = format
    if name is None:
        try:
            with _open(Path(path)) as fh:
                head = fh.read(_HEAD_CHARS)
            name = reviews.prefer_reviews(detect_format(head, str(path)), options)
        except (UnicodeDecodeError, OSError, InputError):
            return None
    if name not in ("drugscom", "webmd", "reviews"):
        return None
    # The total is not known before the pass; chunks are the default size then.
    rows = _checked(size(DEFAULT_CHUNKSIZE))
    chunks = reviews.read_review_chunks(path, format=name, chunksize=rows, **options)
    return (("frame", chunk) for chunk in chunks)


def _with_topics(table: pd.DataFrame) -> pd.DataFrame:
    """`table` with the ``thread_topic`` column :func:`extract` would work out itself, so
    that slices of it extract as the whole does."""
    from .extract import names_ldn, thread_topics

    if "thread_topic" in table:
        return table
    out = table.copy()
    parents = out["parent"].tolist() if "parent" in out else [None] * len(out)
    out["thread_topic"] = thread_topics([names_ldn(t) for t in out["text"].tolist()],
                                        out["position"].tolist(), parents)
    return out


def _checked(chunksize):
    if chunksize is None or chunksize < 1:
        raise UsageError("E012", "--chunksize must be a positive number")
    return int(chunksize)


def _auto_chunksize(jobs: int):
    """Default chunks: :data:`DEFAULT_CHUNKSIZE`, smaller when that would leave workers
    idle (at least 8 chunks per worker, at least 50 comments per chunk)."""
    if jobs <= 1:
        return lambda n: DEFAULT_CHUNKSIZE
    return lambda n: max(50, min(DEFAULT_CHUNKSIZE, -(-n // (8 * jobs))))


def _slices(table: pd.DataFrame, chunksize: int):
    for start in range(0, len(table), chunksize):
        yield ("frame", table.iloc[start:start + chunksize])


def extract_iter(chunks, *, drug: str | None = None):
    """Extract chunk by chunk: one records frame per comment-table chunk.

    Chunks from :func:`read_chunks` (or any reader) carry global ``position`` and
    ``parent``; chunks without ``position`` are numbered on from the previous chunk, and
    their ``parent`` is found from ``comment_id``/``parent_id`` through an id -> position
    map kept across chunks (a parent not seen before the reply: top level, one warning).

    Parameters
    ----------
    chunks : iterable of DataFrame
        Comment tables, in thread order.
    drug : str, optional
        As for :func:`ldn_comments.extract`.

    Yields
    ------
    DataFrame
        Records, one per comment.

    Examples
    --------
    >>> parts = [pd.DataFrame({"comment_id": ["a"], "parent_id": [None], "text": ["LDN"]}),
    ...          pd.DataFrame({"comment_id": ["b"], "parent_id": ["a"], "text": ["Same"]})]
    >>> [r[["position", "parent"]].values.tolist() for r in extract_iter(parts)]
    [[[1, <NA>]], [[2, 1]]]
    """
    seen: dict[str, int] = {}
    known: dict[int, tuple] = {}  # position -> (names LDN, parent position): no texts
    offset = 0
    orphans = 0
    for chunk in chunks:
        if "position" not in chunk:
            chunk = chunk.copy()
            n = len(chunk)
            positions = list(range(offset + 1, offset + n + 1))
            chunk.insert(0, "position", pd.array(positions, dtype="Int64"))
            if "parent" not in chunk:
                ids = (chunk["comment_id"].tolist() if "comment_id" in chunk
                       else [str(p) for p in positions])
                pids = chunk["parent_id"].tolist() if "parent_id" in chunk else [None] * n
                parents = []
                for pos, cid, pid in zip(positions, ids, pids):
                    key = None if pid is None or pid is pd.NA or pid != pid else str(pid).strip()
                    parent = seen.get(key) if key else None
                    if key and parent is None:
                        orphans += 1
                    parents.append(parent)
                    if cid is not None and cid is not pd.NA and cid == cid:
                        seen[str(cid).strip()] = pos
                chunk["parent"] = pd.array(parents, dtype="Int64")
            offset += n
        else:
            offset += len(chunk)
        if "thread_topic" not in chunk:
            chunk = _chunk_topics(chunk, known)
        yield extract(chunk, drug=drug)
    if orphans:
        warn(f"{orphans} comments reply to a comment not in an earlier chunk; kept as top level")


def _chunk_topics(chunk: pd.DataFrame, known: dict) -> pd.DataFrame:
    """`chunk` with ``thread_topic`` worked out over this and the earlier chunks."""
    from .extract import names_ldn

    out = chunk.copy()
    topics = []
    for pos, parent, text in zip(out["position"].tolist(),
                                 out["parent"].tolist() if "parent" in out else [None] * len(out),
                                 out["text"].tolist()):
        parent = None if parent is None or pd.isna(parent) else int(parent)
        named = names_ldn(text)
        known[int(pos)] = (named, parent)
        topic, seen = None, 0
        while not named and parent is not None and seen < 50:
            up = known.get(parent)
            if up is None:
                break
            if up[0]:
                topic = "ldn"
                break
            parent = up[1]
            seen += 1
        topics.append(topic)
    out["thread_topic"] = topics
    return out


# ----------------------------------------------------------------------------------------
# Workers and writers


def _json_scalar(value):
    """:func:`ldn_comments.output.jsonable`, with a fast path for plain scalars."""
    t = type(value)
    if t is str or t is int or t is bool:
        return value
    if t is float:
        return None if value != value else value
    if value is None or value is pd.NA:
        return None
    return jsonable(value)


def records_to_jsonl(frame: pd.DataFrame) -> str:
    """The JSONL text :func:`ldn_comments.output.frame_to_jsonl` writes, made column by
    column (several times faster on records frames).

    Examples
    --------
    >>> records_to_jsonl(pd.DataFrame({"a": pd.array([1, None], dtype="Int64"), "b": [[1.5], []]}))
    '{"a": 1, "b": [1.5]}\\n{"a": null, "b": []}\\n'
    """
    cols = list(frame.columns)
    columns = []
    for col in cols:
        values = frame[col].tolist()
        # list and dict cells stay as they are: json_text sends plain ones (what extract
        # makes) straight to the C encoder and converts the rest
        columns.append(values if frame[col].dtype == object else [_json_scalar(v) for v in values])
    return "".join(json_text(dict(zip(cols, row))) + "\n" for row in zip(*columns))


def _extract_item(item, drug, fmt, header, sep):
    """Worker: one work item to (number of records, its output: text or a frame)."""
    records = extract(_table(item), drug=drug)
    if fmt == "jsonl":
        return len(records), records_to_jsonl(records)
    if fmt == "csv":
        buf = io.StringIO()
        _csv_ready(records).to_csv(buf, index=False, header=header, sep=sep)
        return len(records), buf.getvalue()
    return len(records), _parquet_ready(records)


def _ordered_results(items, *, jobs, drug, fmt, sep):
    """Results of :func:`_extract_item` in input order; at most ``2 * jobs`` chunks held."""
    first = True
    if jobs <= 1:
        for item in items:
            yield _extract_item(item, drug, fmt, first, sep)
            first = False
        return
    with cf.ProcessPoolExecutor(max_workers=jobs) as pool:
        pending = collections.deque()
        try:
            for item in items:
                pending.append(pool.submit(_extract_item, item, drug, fmt, first, sep))
                first = False
                if len(pending) >= 2 * jobs:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        except BaseException:
            for fut in pending:
                fut.cancel()
            raise


#: Types for list columns a first chunk may hold only empty lists of.
def _canonical_types():
    import pyarrow as pa

    text = pa.large_string()
    return {"dose_values": pa.list_(pa.float64()), "benefits": pa.list_(text),
            "adverse_events": pa.list_(text),
            "therapies": pa.list_(pa.struct([("name", text), ("status", text)]))}


def _schema(frame: pd.DataFrame):
    """A parquet schema for every chunk: the first chunk's, with null types made concrete."""
    import pyarrow as pa

    schema = pa.Schema.from_pandas(frame, preserve_index=False)
    canon = _canonical_types()

    def has_null(t):
        return pa.types.is_null(t) or (pa.types.is_list(t) and has_null(t.value_type))

    for i, f in enumerate(schema):
        if has_null(f.type):
            schema = schema.set(i, f.with_type(canon.get(f.name, pa.large_string())))
    return schema


class _Writer:
    """Writes chunk outputs to a file (or standard output) as they come."""

    def __init__(self, path: Path | None, fmt: str):
        self.fmt, self.path = fmt, path
        self.fh = self.pq = self.schema = None
        if fmt != "parquet":
            self.fh = (sys.stdout if path is None
                       else open(path, "w", encoding="utf-8", newline=""))

    def write(self, out):
        if self.fmt != "parquet":
            self.fh.write(out)
            if self.path is None:
                self.fh.flush()
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self.pq is None:
            self.schema = _schema(out)
            self.pq = pq.ParquetWriter(self.path, self.schema)
        self.pq.write_table(pa.Table.from_pandas(out, schema=self.schema, preserve_index=False))

    def close(self):
        if self.pq is not None:
            self.pq.close()
        if self.fh is not None and self.path is not None:
            self.fh.close()


def _show_progress(progress: bool | None) -> bool:
    if progress is not None:
        return bool(progress)
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def extract_file(path, output="-", *, format: str | None = None, drug: str | None = None,
                 jobs: int | None = 1, chunksize: int | None = None,
                 progress: bool | None = None, force: bool = False, **options) -> int:
    """Extract the records of a comment file and write them, chunk by chunk.

    Parameters
    ----------
    path : str, Path or file-like
        The comment file (``"-"``: standard input).
    output : str or Path
        ``.jsonl`` (``"-"``: standard output), ``.csv``/``.tsv`` or ``.parquet``.
    format : str, optional
        The input format (default: chosen from content and suffix).
    drug : str, optional
        The drug the whole thread is about.
    jobs : int
        Worker processes; ``-1`` = all cores. Output does not depend on it.
    chunksize : int
        Comments per chunk (default :data:`DEFAULT_CHUNKSIZE`; with ``jobs > 1`` smaller
        for small inputs, so that every worker gets chunks).
    progress : bool, optional
        A tqdm bar on standard error (default: only when standard error is a terminal).
    force : bool
        Overwrite an existing output file.
    **options
        Reader options, as for :func:`ldn_comments.read_comments`.

    Returns
    -------
    int
        The number of records written (one per comment).

    Examples
    --------
    >>> import io, pathlib, tempfile
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "r.csv"
    >>> extract_file(io.StringIO('{"text": "LDN 3 mg"}\\n{"text": "No"}\\n'), out,
    ...              progress=False)
    2
    >>> out.read_text().splitlines()[0].split(",")[:3]
    ['position', 'parent', 'author']
    """
    from tqdm import tqdm

    fmt = table_format(output)
    if str(output) == "-" and fmt == "parquet":
        raise OutputError("E009", "parquet cannot go to standard output", source="-")
    options = {k: v for k, v in options.items() if v is not None}
    if drug is not None:
        options["drug"] = drug
    jobs = resolve_jobs(jobs)
    items, total = _items(path, format=format,
                          chunksize=_auto_chunksize(jobs) if chunksize is None else chunksize,
                          options=options)
    sep = "\t" if str(output).lower().endswith(".tsv") else ","
    bar = tqdm(total=total, unit=" comments", file=sys.stderr, desc="extract",
               disable=not _show_progress(progress), dynamic_ncols=True)
    written = 0
    try:
        if str(output) == "-":
            writer = _Writer(None, fmt)
            for n, out in _ordered_results(items, jobs=jobs, drug=drug, fmt=fmt, sep=sep):
                writer.write(out)
                written += n
                bar.update(n)
            return written
        with atomic_path(output, force=force) as tmp:
            writer = _Writer(tmp, fmt)
            try:
                for n, out in _ordered_results(items, jobs=jobs, drug=drug, fmt=fmt, sep=sep):
                    writer.write(out)
                    written += n
                    bar.update(n)
            finally:
                writer.close()
        return written
    finally:
        bar.close()


def extract_to(args, *, read=None) -> None:
    """The ``extract`` command: INPUT to records at ``args.output``, streaming.

    `read` is kept for the command line's signature; reading goes through
    :func:`read_chunks`' rules (stream where possible, else the whole-file reader).
    """
    extract_file(args.input, args.output, format=args.fmt, drug=args.drug,
                 jobs=getattr(args, "jobs", 1), chunksize=getattr(args, "chunksize", None),
                 progress=getattr(args, "progress", None),
                 force=args.force or args.output == "-",
                 **{k: v for k, v in _cli_options(args).items() if k != "drug"})
