"""Records frames: the schema of :mod:`ldn_comments.schema` as pandas dtypes, and reading records back.

A *records* frame is the comment table (see :mod:`ldn_comments.readers`) plus one column
per field of the annotation guide and ``evidence``. :func:`coerce_records` gives any
frame with those columns honest dtypes; :func:`read_records` reads records written as
JSONL, CSV or parquet back.

Examples
--------
>>> import pandas as pd
>>> r = coerce_records(pd.DataFrame([{"position": 1, "ldn_use": "current", "age": 40}]))
>>> str(r["ldn_use"].dtype), str(r["age"].dtype), r.loc[0, "benefits"]
('category', 'Int64', [])
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd

from .errors import InputError
from .schema import ADVERSE_EVENTS as _ADVERSE_EVENTS
from .schema import BENEFITS as _BENEFITS
from .schema import FIELD, SCHEMA, fields_where
from .schema import THERAPY_STATUS as _THERAPY_STATUS

#: Enumerated fields and their values (order is the display order), from the schema.
ENUMS: dict[str, list[str]] = {f.name: list(f.values) for f in SCHEMA
                               if f.dtype == "category" and not f.optional}
BENEFITS = list(_BENEFITS)
ADVERSE_EVENTS = list(_ADVERSE_EVENTS)
THERAPY_STATUS = list(_THERAPY_STATUS)


def _extracted(dtype: str) -> list[str]:
    return [n for n in fields_where(dtype=dtype) if FIELD[n].extracted]


BOOLS = _extracted("boolean")
INTS = _extracted("Int64")
FLOATS = _extracted("Float64")
# therapies (a list of dicts) last: a missing column is added in this order
LISTS = sorted(_extracted("list"), key=lambda n: n == "therapies")
STRINGS = _extracted("string")

#: The guide's record fields, in the guide's order (the JSONL key order).
FIELDS = [f.name for f in SCHEMA if not f.optional]

#: Columns of the comment table (readers' output).
COMMENT_COLUMNS = ["position", "parent", "comment_id", "parent_id", "author", "date",
                   "depth", "text", "source"]


def _as_list(value):
    if value is None:
        return []
    if isinstance(value, float) and math.isnan(value):
        return []
    if isinstance(value, str):
        value = value.strip()
        if not value:
            return []
        try:
            value = json.loads(value)
        except ValueError:
            return [v.strip() for v in value.split(";") if v.strip()]
    if hasattr(value, "tolist"):
        value = value.tolist()
    return list(value)


def _as_dict(value):
    if isinstance(value, dict):
        return value
    if isinstance(value, str) and value.strip():
        try:
            out = json.loads(value)
            return out if isinstance(out, dict) else {}
        except ValueError:
            return {}
    return {}


def _as_bool(value):
    if isinstance(value, str):
        text = value.strip().lower()
        return None if text in ("", "null", "none", "nan") else text == "true"
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return bool(value)


def coerce_records(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy with the guide's dtypes: ``category`` enums, ``Int64``, ``boolean``,
    ``Float64``, Python lists for list fields and dicts for ``evidence``.

    Missing guide columns are added empty, so downstream code can rely on them.
    """
    out = frame.copy()
    n = len(out)
    for col in ("position", "parent", "depth"):
        if col in out:
            out[col] = pd.to_numeric(out[col], errors="coerce").astype("Int64")
    for col, values in ENUMS.items():
        src = out[col] if col in out else pd.Series([None] * n, index=out.index)
        src = src.where(src.notna(), None).map(lambda v: None if v in ("", "null") else v)
        out[col] = pd.Categorical(src, categories=values)
    for col in BOOLS:
        src = out[col] if col in out else pd.Series([None] * n, index=out.index)
        src = src.map(_as_bool)
        out[col] = src.astype("boolean")
    for col in INTS:
        src = out[col] if col in out else pd.Series([None] * n, index=out.index)
        out[col] = pd.to_numeric(src, errors="coerce").round().astype("Int64")
    for col in FLOATS:
        src = out[col] if col in out else pd.Series([None] * n, index=out.index)
        out[col] = pd.to_numeric(src, errors="coerce").astype("Float64")
    for col in LISTS:
        src = out[col] if col in out else pd.Series([None] * n, index=out.index, dtype=object)
        out[col] = pd.Series([_as_list(v) for v in src], index=out.index, dtype=object)
    for col in STRINGS + ["author", "person"]:
        if col in out or col in STRINGS:
            src = out[col] if col in out else pd.Series([None] * n, index=out.index)
            out[col] = src.map(lambda v: None if v is None or v is pd.NA
                               or (isinstance(v, float) and math.isnan(v))
                               else str(v)).astype("string")
    src = out["evidence"] if "evidence" in out else pd.Series([None] * n, index=out.index)
    out["evidence"] = pd.Series([_as_dict(v) for v in src], index=out.index, dtype=object)
    return out


def is_records_file(path) -> bool:
    """True when `path` holds records already extracted (JSONL/CSV/parquet with the
    guide's outcome columns), as opposed to a comment thread."""
    p = Path(path)
    if not p.is_file():
        return False
    suffix = p.suffix.lower()
    try:
        if suffix in (".parquet", ".pq"):
            import pyarrow.parquet as pq

            names = set(pq.read_schema(p).names)
        elif suffix in (".jsonl", ".ndjson", ".json"):
            with open(p, encoding="utf-8-sig") as fh:
                first = next((ln for ln in fh if ln.strip()), "")
            obj = json.loads(first) if first else {}
            names = set(obj) if isinstance(obj, dict) else set()
        elif suffix == ".csv":
            with open(p, encoding="utf-8-sig") as fh:
                names = set(fh.readline().strip().split(","))
        else:
            return False
    except Exception:
        return False
    return {"ldn_use", "effect", "speaker_role"} <= names


def read_records(path) -> pd.DataFrame:
    """Read records written by ``ldn-comments extract`` (JSONL, CSV or parquet).

    Raises
    ------
    InputError
        E006 when a line is not JSON, E004 when ``position`` is missing.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in (".parquet", ".pq"):
        frame = pd.read_parquet(p)
    elif suffix == ".csv":
        frame = pd.read_csv(p, dtype=str, keep_default_na=False)
        frame = frame.map(lambda v: v[1:] if isinstance(v, str) and v[:2] in
                          ("'=", "'+", "'-", "'@") else v)
    else:
        from .readers.tables import json_lines

        with open(p, encoding="utf-8-sig") as fh:
            frame = pd.DataFrame([obj for _, obj in json_lines(fh, source=str(p))])
    if "position" not in frame:
        raise InputError("E004", "records need a 'position' field", source=str(p))
    return coerce_records(frame)
