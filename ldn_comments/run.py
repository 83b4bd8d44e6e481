"""Running the extractor: comment chunks -> per-comment extraction -> writer.

This module only orchestrates. Reading, chunking and the thread plan (ids, parents,
cycles, thread topics) are the readers' (:mod:`ldn_comments.readers.chunks`,
:mod:`ldn_comments.readers.plan`); what one comment says is
:func:`~ldn_comments.extract.extract_one`'s; the record layout and dtypes are
:mod:`ldn_comments.records`'.

- :func:`extract`: a comment table in, a records frame out (the Python API).
- :func:`extract_iter`: the same, chunk by chunk.
- :func:`extract_file`: ``ldn-comments extract``. A file is read in chunks (streamed where
  the format allows), each chunk is extracted (with ``jobs > 1`` in a process pool, at
  most ``2 * jobs`` chunks in flight, written in input order) and written: JSONL text,
  CSV text, or a parquet row group with a fixed schema. Streamed chunks never become
  DataFrames on the way to JSONL: their records are plain dicts
  (:func:`records_of_rows`), encoded by the C JSON encoder. The output is byte for byte
  what ``extract(read_comments(path))`` written by :func:`ldn_comments.output.write_table`
  gives, whatever ``jobs`` and ``chunksize``. A file is written to a temporary name and
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

import collections
import concurrent.futures as cf
import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import InputError, OutputError, warn
from .nlp.text import normalise
from .output import atomic_path, csv_ready, json_text, jsonable, parquet_ready, table_format
from .people import person_key
from .pipeline import extract_one
from .readers import chunks as reader_chunks
from .readers.chunks import DEFAULT_CHUNKSIZE, Chunk, chunks_of
from .readers.plan import ROW_KEYS, clean_value, thread_topics
from .readers.thread import unclash
from .records import ENUMS, FIELDS, VALUE_COERCERS, coerce_record, coerce_records
from .rules import compiled

__all__ = ["DEFAULT_CHUNKSIZE", "extract", "extract_file", "extract_iter", "extract_to",
           "names_ldn", "read_chunks", "records_to_jsonl", "resolve_jobs"]

#: Columns a reviewed drug's outcome adds (a source that names the drug reviewed).
DRUG_COLUMNS = ("drug_effect", "drug_benefits", "drug_adverse_events")


# ----------------------------------------------------------------------------------------
# Thread topics need to know which comments name LDN


def names_ldn(text) -> bool:
    """True when a comment names LDN itself (a cheap scan, for working out thread topics).

    Examples
    --------
    >>> names_ldn("been on low dose naltrexone a year"), names_ldn("it helped")
    (True, False)
    """
    return compiled("cues", "ldn").search(normalise(text if isinstance(text, str) else "")) \
        is not None


def read_chunks(path, *, format: str | None = None, chunksize: int = DEFAULT_CHUNKSIZE,
                **options) -> Iterator[pd.DataFrame]:
    """:func:`ldn_comments.readers.chunks.read_chunks` with thread topics: comment tables
    of at most `chunksize` rows whose ``thread_topic`` column is the whole thread's.

    Examples
    --------
    >>> import io
    >>> csv_text = "comment_id,parent_id,text\\n1,,LDN 3 mg\\n2,1,same here\\n"
    >>> [c["thread_topic"].eq("ldn").tolist() for c in read_chunks(io.StringIO(csv_text), chunksize=1)]
    [[False], [True]]
    """
    return reader_chunks.read_chunks(path, format=format, chunksize=chunksize, names_ldn=names_ldn,
                        **options)


# ----------------------------------------------------------------------------------------
# The Python API: frames


def extract(comments: pd.DataFrame, *, drug: str | None = None) -> pd.DataFrame:
    """One record per comment: the comment table plus the guide's fields and evidence.

    Parameters
    ----------
    comments : DataFrame
        A comment table from :func:`ldn_comments.read_comments` (needs ``text``; uses
        ``position``, ``parent``, ``author`` and ``drug`` where present).
    drug : str, optional
        The drug the whole thread is about; a ``drug`` column overrides it per row.

    Returns
    -------
    DataFrame
        A new frame (the input is not changed), in the input's order, with honest dtypes.

    Examples
    --------
    >>> import pandas as pd
    >>> r = extract(pd.DataFrame({"author": ["Ann B."], "text": ["LDN did nothing for me, stopped after 3 weeks."]}))
    >>> r.loc[0, ["person", "ldn_use", "effect", "ldn_duration_months"]].astype(str).tolist()
    ['ann-b', 'past', 'no_effect', '0.7']
    """
    if not isinstance(comments, pd.DataFrame):
        raise InputError("E015", "extract() takes a comment DataFrame")
    if "text" not in comments.columns:
        raise InputError("E004", "the comment table has no 'text' column")
    out = comments.copy()
    out.attrs = dict(comments.attrs)
    n = len(out)
    if "position" not in out:
        out.insert(0, "position", range(1, n + 1))
    if "parent" not in out:
        out["parent"] = pd.NA
    if "author" not in out:
        out["author"] = pd.NA
    out["person"] = [person_key(a) for a in out["author"]]
    texts = [t if isinstance(t, str) else "" for t in out["text"].tolist()]
    drugs = out["drug"].tolist() if "drug" in out else [drug] * n
    conditions = out["condition"].tolist() if "condition" in out else [None] * n
    if "thread_topic" in out:  # worked out beforehand (a stream whose chunks split threads)
        topics = [t if isinstance(t, str) else None for t in out.pop("thread_topic").tolist()]
    else:
        topics = thread_topics([names_ldn(t) for t in texts], out["position"].tolist(),
                               out["parent"].tolist(), whole_thread="drug" not in out)
    rows = [extract_one(t, drug=d if isinstance(d, str) else drug, topic=tp,
                        condition=c if isinstance(c, str) else None)
            for t, d, tp, c in zip(texts, drugs, topics, conditions)]
    fields = pd.DataFrame(rows, index=out.index)
    for col in fields.columns:
        out[col] = fields[col]
    if "drug" in out or drug or "drug_effect" in out:
        # A source that names the reviewed drug: that drug's outcome where it is not LDN
        # (the columns are always there for such a source, so chunks agree).
        for col in DRUG_COLUMNS:
            if col not in out:
                out[col] = None
        out["drug_effect"] = pd.Categorical(out["drug_effect"].where(out["drug_effect"].notna(), None),
                                            categories=ENUMS["effect"])
        for col in ("drug_benefits", "drug_adverse_events"):
            out[col] = pd.Series([v if isinstance(v, list) else [] for v in out[col]],
                                 index=out.index, dtype=object)
    if not rows:
        for col in FIELDS[4:] + ["evidence"]:
            out[col] = pd.Series([], dtype=object)
    front = [c for c in FIELDS if c in out.columns] + ["evidence"]
    rest = [c for c in out.columns if c not in front]
    out = out[front + rest]
    return coerce_records(out)


def extract_iter(chunks: Iterable[pd.DataFrame], *, drug: str | None = None
                 ) -> Iterator[pd.DataFrame]:
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
        As for :func:`extract`.

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
    """`chunk` with ``thread_topic`` worked out over this and the earlier chunks (the rule
    of :func:`ldn_comments.readers.plan.topics_by_row`, ancestors kept across chunks)."""
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
# The command line's path: plain dicts, no frame per chunk

#: Names an extra source column must not have for :func:`records_of_rows` (the frame path
#: gives them special meaning or overwrites them).
_RESERVED = frozenset(FIELDS) | {"evidence", "drug", "condition", "thread_topic",
                                 *DRUG_COLUMNS}
_FRONT = tuple(FIELDS) + ("evidence",)
_DRUG_EFFECT = VALUE_COERCERS["effect"]


def _missing(value) -> bool:
    return value is None or (type(value) is float and value != value)


def _extra_converters(samples: list[dict], extras: list[str]):
    """Extra column -> how a value is written, from the dtype pandas gives the column over
    the whole file (its samples); None when a dtype has no plain-value rule here."""
    typed = pd.DataFrame([{k: row.get(k) for k in extras} for row in samples]).convert_dtypes()
    out: dict[str, Callable[[Any], Any]] = {}
    for col in extras:
        dtype = str(typed[col].dtype)
        if dtype == "Int64":
            out[col] = lambda v: None if _missing(v) else int(v)
        elif dtype == "Float64":
            out[col] = lambda v: None if _missing(v) else float(v)
        elif dtype == "boolean":
            out[col] = lambda v: None if _missing(v) else bool(v)
        elif dtype in ("string", "object"):
            out[col] = lambda v: v  # NaN in an object column: json_text writes null
        else:
            return None
    return out


def records_of_rows(chunk: Chunk, *, drug: str | None = None) -> list[dict] | None:
    """The records of a streamed chunk as plain dicts: the rows, keys and values of
    ``extract(chunk.table())`` (as :func:`records_to_jsonl` writes them), without a frame.

    Returns None for a chunk this path does not cover (an extra column named like a
    record field, or typed in a way without a plain-value rule): the caller then takes
    the frame path.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from ldn_comments.readers.chunks import chunks_of
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = path.write_text("comment_id,parent_id,text\\n1,,LDN 3 mg\\n2,1,same\\n")
    >>> chunks, _ = chunks_of(path, names_ldn=names_ldn)
    >>> [(r["position"], r["parent"], r["current_dose"]) for r in records_of_rows(next(chunks))]
    [(1, None, 3.0), (2, 1, None)]
    """
    plan, rows = chunk.plan, chunk.rows
    if plan is None or rows is None:
        return None
    extras = [c for c in (chunk.samples or [{}])[0] if c not in ROW_KEYS]
    if any(c in _RESERVED or unclash(c) in _RESERVED for c in extras):
        return None
    if any("bigint" in plan.extra_kinds.get(c, ()) for c in extras):
        return None  # pandas keeps such a column as objects or not, value by value
    convert = _extra_converters(chunk.samples or [], extras) if extras else {}
    if convert is None:
        return None
    for col in extras:
        # A numeric column goes through float64 in pandas: an int beyond 2**53 loses digits
        # there, and whether it does depends on the chunk's values, not only their kinds.
        if any(type(row.get(col)) is int and abs(row[col]) > 2 ** 53 for row in rows):
            return None
    topics = plan.topics if plan.topics is not None else bytearray(plan.n)
    found = []
    keys: dict[str, None] = {}  # extract_one's keys in order of first use, as a frame has
    for row, topic in zip(rows, topics):
        text = row.get("text")
        fields = extract_one("" if text is None else str(text), drug=drug,
                             topic="ldn" if topic else None, condition=None)
        for k in fields:
            if k not in keys:
                keys[k] = None
        found.append(fields)
    if any(k not in _FRONT and k not in DRUG_COLUMNS for k in keys) or \
            any(c not in keys for c in FIELDS[4:]):
        return None
    with_drug = bool(drug) or "drug_effect" in keys
    rest = ["comment_id", "parent_id", "date", "depth", "text", "source"]
    rest += [unclash(c) for c in extras]
    rest += [k for k in keys if k in DRUG_COLUMNS]
    if with_drug:
        rest += [c for c in DRUG_COLUMNS if c not in keys]
    records = []
    start = plan.start
    for i, (row, fields) in enumerate(zip(rows, found)):
        author = clean_value(row.get("author"))
        parent = plan.parents[i]
        table = {
            "position": start + i + 1, "parent": None if parent is None else parent + 1,
            "author": author, "person": person_key(author),
            "comment_id": plan.ids[i], "parent_id": clean_value(row.get("parent_id")),
            "date": clean_value(row.get("date")), "depth": plan.depths[i],
            "text": "" if row.get("text") is None else str(row["text"]),
            "source": clean_value(row.get("source")) or chunk.name,
        }
        for col in extras:
            table[unclash(col)] = convert[col](row.get(col))
        table.update(fields)
        if with_drug:
            table["drug_effect"] = _DRUG_EFFECT(table.get("drug_effect"))
            for col in ("drug_benefits", "drug_adverse_events"):
                value = table.get(col)
                table[col] = value if isinstance(value, list) else []
        record = {k: table.get(k) for k in _FRONT}
        for k in rest:
            record[k] = table.get(k)
        records.append(coerce_record(record))
    return records


# ----------------------------------------------------------------------------------------
# Jobs


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


def _auto_chunksize(jobs: int):
    """Default chunks: :data:`DEFAULT_CHUNKSIZE`, smaller when that would leave workers
    idle (at least 8 chunks per worker, at least 50 comments per chunk)."""
    if jobs <= 1:
        return lambda n: DEFAULT_CHUNKSIZE
    return lambda n: max(50, min(DEFAULT_CHUNKSIZE, -(-n // (8 * jobs))))


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


def _extract_chunk(chunk: Chunk, drug, fmt, header, sep):
    """Worker: one chunk to (number of records, its output: text or a frame)."""
    if fmt == "jsonl" and chunk.rows is not None:
        records = records_of_rows(chunk, drug=drug)
        if records is not None:
            return len(records), "".join(json_text(r) + "\n" for r in records)
    frame = extract(chunk.table(), drug=drug)
    if fmt == "jsonl":
        return len(frame), records_to_jsonl(frame)
    if fmt == "csv":
        buf = io.StringIO()
        csv_ready(frame).to_csv(buf, index=False, header=header, sep=sep)
        return len(frame), buf.getvalue()
    return len(frame), parquet_ready(frame)


def _ordered_results(chunks, *, jobs, drug, fmt, sep):
    """Results of :func:`_extract_chunk` in input order; at most ``2 * jobs`` chunks held."""
    first = True
    if jobs <= 1:
        for chunk in chunks:
            yield _extract_chunk(chunk, drug, fmt, first, sep)
            first = False
        return
    with cf.ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: collections.deque = collections.deque()
        try:
            for chunk in chunks:
                pending.append(pool.submit(_extract_chunk, chunk, drug, fmt, first, sep))
                first = False
                if len(pending) >= 2 * jobs:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        except BaseException:
            for fut in pending:
                fut.cancel()
            raise


def _canonical_types():
    """Types for list columns a first chunk may hold only empty lists of."""
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
        self.fh = None
        self.pq = None
        self.schema = None
        if fmt != "parquet":
            self.fh = (sys.stdout if path is None
                       else open(path, "w", encoding="utf-8", newline=""))

    def write(self, out):
        if self.fh is not None:
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
    chunks, total = chunks_of(path, format=format, names_ldn=names_ldn,
                              chunksize=_auto_chunksize(jobs) if chunksize is None else chunksize,
                              **options)
    sep = "\t" if str(output).lower().endswith(".tsv") else ","
    bar = tqdm(total=total, unit=" comments", file=sys.stderr, desc="extract",
               disable=not _show_progress(progress), dynamic_ncols=True)
    written = 0
    try:
        if str(output) == "-":
            writer = _Writer(None, fmt)
            for n, out in _ordered_results(chunks, jobs=jobs, drug=drug, fmt=fmt, sep=sep):
                writer.write(out)
                written += n
                bar.update(n)
            return written
        with atomic_path(output, force=force) as tmp:
            writer = _Writer(tmp, fmt)
            try:
                for n, out in _ordered_results(chunks, jobs=jobs, drug=drug, fmt=fmt, sep=sep):
                    writer.write(out)
                    written += n
                    bar.update(n)
            finally:
                writer.close()
        return written
    finally:
        bar.close()


def _cli_options(args) -> dict:
    """The reader options the command line gives."""
    opts = {f"{k}_col": getattr(args, f"{k}_col", None)
            for k in ("text", "drug", "condition", "id", "date", "author", "dose")}
    opts["rating_scale"] = getattr(args, "rating_scale", None)
    opts = {k: v for k, v in opts.items() if v is not None}
    if getattr(args, "condition", None):
        opts["condition"] = args.condition
    return opts


def extract_to(args, *, read=None) -> None:
    """The ``extract`` command: INPUT to records at ``args.output``, streaming.

    `read` is kept for the command line's signature; reading goes through
    :func:`ldn_comments.readers.chunks.chunks_of` (stream where possible, else the
    whole-file reader).
    """
    extract_file(args.input, args.output, format=args.fmt, drug=args.drug,
                 jobs=getattr(args, "jobs", 1), chunksize=getattr(args, "chunksize", None),
                 progress=getattr(args, "progress", None),
                 force=args.force or args.output == "-", **_cli_options(args))
