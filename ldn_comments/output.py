"""Writing tables: whole or not at all, with spreadsheet formulas defused.

Every file the toolkit writes goes through :func:`atomic_path`: the data is written to a
temporary file in the target folder, which is renamed over the target only when complete.
An interrupted or failed write leaves no partial file behind.
"""
from __future__ import annotations

import contextlib
import io
import json
import math
import os
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import OutputError, raise_if_interrupted

#: Leading characters that make a spreadsheet read a cell as a formula.
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def defuse_cell(value):
    """Prefix a text cell that a spreadsheet would run as a formula with ``'``.

    Examples
    --------
    >>> defuse_cell('=HYPERLINK("http://x")')
    '\\'=HYPERLINK("http://x")'
    >>> defuse_cell("4.5 mg"), defuse_cell(-1)
    ('4.5 mg', -1)
    """
    if isinstance(value, str) and value.startswith(FORMULA_LEADS):
        return "'" + value
    return value


def defuse_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of `frame` whose text cells (and column names) are defused."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col].dtype):
            out[col] = _defuse_series(out[col])
    out.columns = [defuse_cell(str(c)) for c in out.columns]
    return out


def _defuse_series(series: pd.Series) -> pd.Series:
    # Vectorised test first: a million-row table has almost no formula cells, and mapping
    # a Python function over every cell took a quarter of `parse`'s time.
    try:
        risky = series.str.startswith(FORMULA_LEADS, na=False).astype(bool)
    except AttributeError:  # a column of lists or dicts: no .str accessor
        return series.map(defuse_cell, na_action="ignore")
    if not risky.any():
        return series
    out = series.copy()
    out[risky] = series[risky].map(defuse_cell)
    return out


@contextlib.contextmanager
def atomic_path(path, *, force: bool = True):
    """Yield a temporary path next to `path`; rename it over `path` on success.

    Parameters
    ----------
    path : str or Path
        The final file.
    force : bool
        If False and `path` exists, raise :class:`OutputError` (E009).
    """
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError("E009", "the folder does not exist", source=str(path))
    if path.is_dir():
        raise OutputError("E009", "the output is a folder", source=str(path))
    if path.exists() and not force:
        raise OutputError("E009", "the file exists (use --force to overwrite)", source=str(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=parent)
    except OSError as exc:
        raise OutputError("E009", exc.strerror or "cannot create a file", source=str(path)) from None
    os.close(fd)
    try:
        yield Path(tmp)
        # mkstemp makes the file private (0600); an output is for reading, so give it the
        # permissions a plain open() would have.
        os.chmod(tmp, 0o666 & ~_umask())
        raise_if_interrupted()
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError("E009", exc.strerror or str(exc), source=str(path)) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def jsonable(value):
    """Turn a cell into plain JSON: NA to None, numpy scalars to Python, lists kept.

    Examples
    --------
    >>> jsonable(np.int64(3)), jsonable(float("nan")), jsonable(pd.NA), jsonable(2.0)
    (3, None, None, 2.0)
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return [jsonable(v) for v in value.tolist()]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else float(value)
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return value


def frame_to_jsonl(frame: pd.DataFrame, fh) -> None:
    """Write one JSON object per row (UTF-8, keys in column order)."""
    cols = list(frame.columns)
    for row in frame.itertuples(index=False, name=None):
        fh.write(json.dumps({c: jsonable(v) for c, v in zip(cols, row)}, ensure_ascii=False))
        fh.write("\n")


def csv_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` as CSV cells: lists and dicts as JSON text, formulas defused.

    Examples
    --------
    >>> csv_ready(pd.DataFrame({"a": [[1, 2]], "b": ["=1+1"]})).values.tolist()
    [['[1, 2]', "'=1+1"]]
    """
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = out[col].map(
                lambda v: json_text(v) if isinstance(v, (list, dict, tuple, np.ndarray)) else v)
    return defuse_frame(out)


_PLAIN_JSON = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode


def json_text(value) -> str:
    """``json.dumps(jsonable(value), ensure_ascii=False)``, with plain lists and dicts
    sent straight to the C encoder (numpy scalars, NA and NaN fail there and are
    converted first).

    Examples
    --------
    >>> json_text({"a": [[0, 3]]}), json_text([np.int64(2), float("nan")])
    ('{"a": [[0, 3]]}', '[2, null]')
    """
    try:
        return _PLAIN_JSON(value)
    except (TypeError, ValueError):
        return json.dumps(jsonable(value), ensure_ascii=False)


def parquet_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` parquet can hold: dict cells (``evidence``) as JSON text.

    Examples
    --------
    >>> parquet_ready(pd.DataFrame({"e": [{"age": [[0, 2]]}]})).loc[0, "e"]
    '{"age": [[0, 2]]}'
    """
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object and out[col].map(lambda v: isinstance(v, dict)).any():
            out[col] = out[col].map(lambda v: json_text(v) if v is not None else None)
    return out


def table_format(path) -> str:
    """The table format a path asks for by its suffix: ``csv``, ``jsonl`` or ``parquet``.

    Examples
    --------
    >>> table_format("out/records.jsonl"), table_format("x.parquet"), table_format("-")
    ('jsonl', 'parquet', 'jsonl')
    """
    s = str(path).lower()
    if s == "-":
        return "jsonl"
    if s.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    if s.endswith((".parquet", ".pq")):
        return "parquet"
    if s.endswith((".csv", ".tsv")):
        return "csv"
    raise OutputError("E009", "unknown output suffix (use .csv, .jsonl or .parquet)",
                      source=str(path))


def write_table(frame: pd.DataFrame, path, *, fmt: str | None = None, force: bool = True) -> None:
    """Write `frame` to `path` (``-`` for standard output) as CSV, JSONL or parquet.

    CSV cells are formula-defused; list and dict cells become JSON text in CSV.
    """
    fmt = fmt or table_format(path)
    if str(path) == "-":
        if fmt == "parquet":
            raise OutputError("E009", "parquet cannot go to standard output", source="-")
        buf = io.StringIO()
        if fmt == "csv":
            csv_ready(frame).to_csv(buf, index=False)
        else:
            frame_to_jsonl(frame, buf)
        sys.stdout.write(buf.getvalue())
        sys.stdout.flush()
        return
    with atomic_path(path, force=force) as tmp:
        if fmt == "csv":
            sep = "\t" if str(path).lower().endswith(".tsv") else ","
            csv_ready(frame).to_csv(tmp, index=False, sep=sep)
        elif fmt == "parquet":
            try:
                parquet_ready(frame).to_parquet(tmp, index=False)
            except ImportError:
                raise OutputError("E009", "parquet needs pyarrow (pip install 'ldn-comments[scale]')",
                                  source=str(path)) from None
        else:
            with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
                frame_to_jsonl(frame, fh)
