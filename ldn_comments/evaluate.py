"""Per-field precision, recall and F1 of extracted records against gold records.

The rules are those of the Scoring section of ANNOTATION.md, with the edge cases of the
reference scorer (``shared/tools/score.py``), which this module must agree with on every
field:

* Records are matched to gold by ``position``; a gold record with no matching record
  scores as an empty prediction (every gold value missed). A record whose ``position``
  is not an integer is never matched; of two records with the same position the last
  one is scored. Records whose position is not in the gold are ignored (only counted in
  ``comments_found``).
* ``None``, NaN, ``pd.NA`` and the strings ``""``, ``"none"``, ``"null"``, ``"nan"``
  (any case, any surrounding spaces) are all null, in every field. So ``ldn_use``
  ``"none"`` is empty, like null.
* Before comparing, strings are stripped, ``"true"``/``"false"`` become booleans and
  numbers become floats (so ``1``, ``1.0`` and ``True`` are equal).
* ``parent`` and ``author`` are accuracy over the gold records (``author`` compared as
  stripped text).
* ``person`` is pairwise F1 over the pairs of gold comments: a pair is "same" in the gold
  when both gold keys are equal, and "same" in the output when both comments were
  matched and share a non-null key.
* The other scalar fields are F1 over non-null values: an equal value is a true
  positive, a wrong value a false positive and a false negative, an extra value a false
  positive, a missing value a false negative. ``years_since_diagnosis`` and
  ``ldn_duration_months`` match within 10% of ``max(|gold|, 1)``; ``current_dose``
  within 1e-6. Numeric text (``"4.5"``) is read as a number in those three fields only.
* ``dose_values``, ``benefits`` and ``adverse_events`` are micro-F1 over items, counted
  with multiplicity. ``therapies`` is scored twice: over names (``therapy_names``) and
  over (name, status) pairs (``therapy_status``); entries that are not objects are
  ignored. Text in a list field is read as JSON, or else split at ``,`` and ``;``.
* Precision is 1 when there is nothing predicted, recall 1 when there is nothing in the
  gold, F1 0 when precision and recall are both 0 (scikit-learn's ``zero_division=1``).
* The macro score is the mean F1 over all fields (accuracy for the two accuracy fields).

Where the reference scorer fails with an error, this module decides: gold records must
have whole, unique positions (else :class:`~ldn_comments.errors.InputError` E010), at
least one record must match the gold (E010), a number where a list is expected is a
one-item list, and gold therapies that are not objects are ignored.

Records given as a frame are read as they would be written to JSONL (NA and NaN are
null, numpy scalars and arrays are plain numbers and lists), so ``evaluate`` on a frame
gives the reference scorer's result on that frame written by ``ldn-comments extract``.

Examples
--------
>>> gold = [{"position": 1, "author": "Ann", "person": "ann", "ms_type": "RRMS"},
...         {"position": 2, "author": "Bo", "person": "bo", "ms_type": "SPMS"}]
>>> pred = [{"position": 1, "author": "Ann", "person": "ann", "ms_type": "RRMS"},
...         {"position": 2, "author": "Bo", "person": "bo", "ms_type": None}]
>>> scores = evaluate(gold, pred)
>>> scores.set_index("field").loc["ms_type", ["precision", "recall", "f1"]].tolist()
[1.0, 0.5, 0.6666666666666666]
"""
from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, precision_recall_fscore_support
from sklearn.metrics.cluster import pair_confusion_matrix

from .errors import InputError, warn
from .label import LABEL
from .output import jsonable
from .records import coerce_records, read_records
from .schema import FIELD, fields_where

# How each field is scored is the schema's (ldn_comments.schema: Field.scoring).
#: Fields scored as accuracy over gold records.
ACCURACY_FIELDS = fields_where(scoring="accuracy")
#: Fields scored as F1 over non-null values compared for equality.
SCALAR_FIELDS = fields_where(scoring="scalar")
#: Numeric fields and their tolerance, relative to ``max(|gold|, 1)`` (0 means 1e-6 absolute).
NUMERIC_TOLERANCE = {f: FIELD[f].tolerance for f in fields_where(scoring="numeric")}
#: Fields scored as micro-F1 over their items.
LIST_FIELDS = fields_where(scoring="items")
#: The two scores of ``therapies``: what one therapy entry counts as.
THERAPY_FIELDS = ("therapy_names", "therapy_status")

#: Every scored field, in the order of the output (the reference scorer's order).
SCORED_FIELDS = (ACCURACY_FIELDS + ("person",) + SCALAR_FIELDS + tuple(NUMERIC_TOLERANCE)
                 + LIST_FIELDS + THERAPY_FIELDS)

#: Columns of the table :func:`evaluate` returns.
SCORE_COLUMNS = ["field", "precision", "recall", "f1", "tp", "fp", "fn", "support"]

_NULL_TEXT = frozenset({"", "none", "null", "nan"})
_INPUT_COLUMNS = (("position",) + ACCURACY_FIELDS + ("person",) + SCALAR_FIELDS
                  + tuple(NUMERIC_TOLERANCE) + LIST_FIELDS + ("therapies",))


# --------------------------------------------------------------------------- values

def _is_null(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip().lower() in _NULL_TEXT


def _norm(value):
    """The comparable form of a value: None for null, stripped text, booleans, floats."""
    if _is_null(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = value.strip()
        if text.lower() in ("true", "false"):
            return text.lower() == "true"
        return text
    if isinstance(value, (int, float)):
        return float(value)
    return value


def _hashable(value):
    """Lists and dicts as tuples, so that odd list items can still be counted."""
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):
        return tuple((k, _hashable(v)) for k, v in value.items())
    return value


def _items(value) -> list:
    """A list field's items: null is empty, text is JSON or a ``,``/``;`` separated list.

    As in the reference scorer, decoded JSON text is iterated as it is, so a JSON string
    gives its characters and an object its keys; a bare number (where the reference
    scorer fails) is one item.
    """
    if _is_null(value):
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return [part for part in value.replace(";", ",").split(",") if part.strip()]
    if isinstance(value, (list, tuple, str, dict)):
        return list(value)
    return [value]


def _as_number(value):
    """A normalised numeric-field value as a float where it is one (text included)."""
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return value
    return value


def _within(pred: float, gold, rel: float) -> bool:
    if isinstance(gold, str):
        try:
            gold = float(gold)
        except ValueError:
            return False
    if not isinstance(gold, (int, float)):
        return False
    if rel == 0.0:
        return abs(pred - gold) < 1e-6
    return abs(pred - gold) <= rel * max(abs(gold), 1.0)


# --------------------------------------------------------------------------- input

#: The guide's fields a gold record may hold beyond who and where: a file with a comment
#: text and none of them (a comment table) is not gold.
_GOLD_ONLY = frozenset(SCALAR_FIELDS + tuple(NUMERIC_TOLERANCE) + LIST_FIELDS
                       + ("therapies", "speaker_role"))
_NOT_GOLD = "not a gold JSONL"


def _read_jsonl_rows(path: Path, *, what: str = "records") -> list[dict]:
    rows: list[dict] = []
    try:
        fh = open(path, encoding="utf-8-sig")
    except OSError as exc:
        raise InputError("E008", exc.strerror or str(exc), source=str(path)) from None
    from .jsonl import json_lines

    with fh:
        try:
            rows.extend(obj for _, obj in json_lines(fh, source=str(path)))
        except UnicodeDecodeError:
            # A binary or non-UTF-8 file: say what it is not, never a traceback.
            detail = "binary or not UTF-8 text"
            if what == "gold":
                raise InputError("E010", f"{_NOT_GOLD} ({detail})", source=str(path),
                                 hint="give the gold records as JSONL (one JSON object "
                                      "per comment, as gold/seed_thread.jsonl)") from None
            raise InputError("E002", detail, source=str(path)) from None
        except InputError as exc:
            if what == "gold" and exc.code == "E006":
                raise InputError("E006", f"{_NOT_GOLD}: {exc.detail}", source=str(path),
                                 where=exc.where) from None
            raise
    return rows


def _check_is_gold(keys, path: Path) -> None:
    """Refuse a comment table: records with a text and none of the guide's fields."""
    keys = set(map(str, keys))
    if "text" in keys and not _GOLD_ONLY & keys:
        hint = ("a comment table holds texts, not annotations; give the gold records "
                "(JSONL, as gold/seed_thread.jsonl)")
        raise InputError("E010", f"{_NOT_GOLD}: its records hold none of the guide's fields "
                         f"({', '.join(sorted(map(str, keys))[:6]) or 'no keys'})",
                         source=str(path), hint=hint)


def _is_table_file(path: Path) -> bool:
    return path.suffix.lower() in (".csv", ".parquet", ".pq")


def read_gold(path) -> pd.DataFrame:
    """Read gold records (JSONL, as in ``gold/seed_thread.jsonl``; CSV or parquet also work).

    Parameters
    ----------
    path : str or Path
        The gold file: one JSON object per comment, each with a ``position``.

    Returns
    -------
    DataFrame
        The gold records with the dtypes of :func:`ldn_comments.records.coerce_records`.

    Raises
    ------
    InputError
        E008 when the file cannot be read, E001 when it holds no records, E006 when a line
        is not a JSON object, E010 when a record has no integer ``position`` or two records
        share one. The message names the file and the line.

    Examples
    --------
    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> path = os.path.join(folder, "gold.jsonl")
    >>> with open(path, "w") as fh:
    ...     _ = fh.write('{"position": 1, "author": "Ann", "ldn_use": "current"}\\n')
    >>> read_gold(path)[["position", "author", "ldn_use"]]
       position author  ldn_use
    0         1    Ann  current
    >>> with open(path, "a") as fh:
    ...     _ = fh.write('{"author": "Bo"}\\n')
    >>> read_gold(path)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ldn_comments.errors.InputError: E010 the gold file does not match the records: a gold record has no position, ...
    """
    p = Path(path)
    if _is_table_file(p):
        _check_is_gold(_table_columns(p), p)
        try:
            frame = read_records(p)
        except InputError as exc:
            if exc.code == "E004":
                raise InputError("E010", "the gold has no 'position' column", source=str(p)) from None
            raise
        rows = [{"position": v} for v in frame["position"].tolist()]
        first_line = 2 if p.suffix.lower() == ".csv" else 1  # CSV: line 1 is the header
        where = "line" if p.suffix.lower() == ".csv" else "row"
    else:
        if not p.is_file():
            raise InputError("E008", "no such file", source=str(p))
        rows = _read_jsonl_rows(p, what="gold")
        if rows:
            _check_is_gold({k for row in rows for k in row}, p)
        frame = None
        first_line = None
        where = "line"
    if not rows:
        raise InputError("E001", "the gold holds no records", source=str(p))
    # Line numbers for JSONL count blank lines too, so look them up again on error.
    seen: dict[int, int] = {}
    for k, row in enumerate(rows):
        number = _gold_position(row.get("position"))
        if number is None:
            raise InputError("E010", "a gold record has no position", source=str(p),
                             where=f"{where} {_line_of(p, k, first_line)}")
        if number in seen:
            raise InputError("E010", f"position {number} is in the gold twice", source=str(p),
                             where=f"{where} {_line_of(p, k, first_line)}")
        seen[number] = k
    if frame is None:
        frame = coerce_records(pd.DataFrame(rows))
    frame.attrs["label"] = LABEL
    return frame


def _table_columns(path: Path) -> list:
    """The column names of a CSV or parquet file, as written (before any coercion)."""
    try:
        if path.suffix.lower() == ".csv":
            return list(pd.read_csv(path, nrows=0).columns)
        import pyarrow.parquet as pq

        return list(pq.read_schema(path).names)
    except FileNotFoundError:
        raise InputError("E008", "no such file", source=str(path)) from None
    except UnicodeDecodeError:
        raise InputError("E010", f"{_NOT_GOLD} (binary or not UTF-8 text)",
                         source=str(path)) from None
    except Exception as exc:  # pandas/pyarrow parse errors: not a readable gold table
        raise InputError("E010", f"{_NOT_GOLD} ({type(exc).__name__}: "
                         f"{str(exc).splitlines()[0][:80] if str(exc) else ''})",
                         source=str(path)) from None


def _line_of(path: Path, index: int, first_line: int | None) -> int:
    """The line (or row) number of the `index`-th record of `path`."""
    if first_line is not None:
        return index + first_line
    count = -1
    with open(path, encoding="utf-8-sig") as fh:
        for i, line in enumerate(fh, 1):
            if line.strip():
                count += 1
                if count == index:
                    return i
    return index + 1


def _gold_position(value):
    """A gold position as an int, or None where it is missing or not a whole number."""
    value = jsonable(value)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            return None
    if isinstance(value, (int, float)) and math.isfinite(value) and float(value).is_integer():
        return int(value)
    return None


def _rows(data, *, what: str) -> list[dict]:
    """Records as plain dicts, whatever they came as (frame, list of dicts, path)."""
    if isinstance(data, (str, Path)):
        p = Path(data)
        if what == "gold":
            data = read_gold(p)
        elif _is_table_file(p):
            data = read_records(p)
        else:  # JSONL read as written, so that scores equal the reference scorer's
            return [{k: jsonable(v) for k, v in row.items()} for row in _read_jsonl_rows(p)]
    if isinstance(data, pd.DataFrame):
        cols = [c for c in _INPUT_COLUMNS if c in data.columns]
        return [{c: jsonable(v) for c, v in zip(cols, row)}
                for row in data[cols].itertuples(index=False, name=None)]
    try:
        rows = list(data)
    except TypeError:
        raise InputError("E015", f"{what} must be a DataFrame, a list of dicts or a path, "
                         f"not {type(data).__name__}") from None
    out = []
    for i, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            raise InputError("E015", f"{what} record {i} is a {type(row).__name__}, not a dict")
        out.append({k: jsonable(v) for k, v in row.items()})
    return out


def _pred_position(value):
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):
        return None


def _align(gold: list[dict], pred: list[dict]) -> list[tuple[dict, dict | None]]:
    """Pair each gold record with the record at its position (None where there is none)."""
    if not gold:
        raise InputError("E010", "the gold holds no records")
    by_position: dict[int, dict] = {}
    duplicated = 0
    for row in pred:
        number = _pred_position(row.get("position"))
        if number is None:
            continue
        duplicated += number in by_position
        by_position[number] = row  # the last record at a position is the one scored
    if duplicated:
        warn(f"{duplicated} records repeat a position; the last record at each is scored")
    pairs = []
    seen = set()
    for i, row in enumerate(gold, 1):
        number = _gold_position(row.get("position"))
        if number is None:
            raise InputError("E010", "a gold record has no position", where=f"gold record {i}")
        if number in seen:
            raise InputError("E010", f"position {number} is in the gold twice",
                             where=f"gold record {i}")
        seen.add(number)
        pairs.append((row, by_position.get(number)))
    if not any(p is not None for _, p in pairs):
        raise InputError("E010", f"no record has a position of the gold ({len(gold)} gold, "
                         f"{len(pred)} records)")
    return pairs


# --------------------------------------------------------------------------- scores

def _f1_scores(items: dict[str, tuple[list, list, list]]) -> dict[str, dict]:
    """Precision, recall and F1 of every F1-scored field, in one scikit-learn call.

    `items` maps a field to binary item labels ``(in_gold, in_output, weight)``: a true
    positive is an item in both, a false positive one only in the output, a false negative
    one only in the gold. Each field is one class of a multiclass problem whose "nothing"
    class (-1) is left out of the labels, so ``average=None`` gives each field its own
    micro-F1 over items, with ``zero_division=1``: precision 1 with nothing predicted,
    recall 1 with nothing in the gold.
    """
    fields = list(items)
    true_parts: list = []
    pred_parts: list = []
    weight_parts: list = []
    out: dict = {}
    for k, field in enumerate(fields):
        t, p, w = (np.asarray(a) for a in items[field])
        keep = ((t == 1) | (p == 1)) & (w > 0) if len(t) else np.zeros(0, dtype=bool)
        t, p, w = t[keep], p[keep], w[keep]
        true_parts.append(np.where(t == 1, k, -1))
        pred_parts.append(np.where(p == 1, k, -1))
        weight_parts.append(w)
        tp = int(w[(t == 1) & (p == 1)].sum())
        fp = int(w[(t == 0) & (p == 1)].sum())
        fn = int(w[(t == 1) & (p == 0)].sum())
        out[field] = {"precision": 1.0, "recall": 1.0, "f1": 1.0,
                      "tp": tp, "fp": fp, "fn": fn, "support": tp + fn}
    y_true, y_pred, weight = (np.concatenate(a) if a else np.zeros(0) for a in
                              (true_parts, pred_parts, weight_parts))
    if len(y_true):  # else nothing to find and nothing found: every field is perfect
        p, r, f, _ = precision_recall_fscore_support(
            y_true, y_pred, labels=list(range(len(fields))), average=None,
            sample_weight=weight, zero_division=1.0)
        for k, field in enumerate(fields):
            out[field].update(precision=float(p[k]), recall=float(r[k]), f1=float(f[k]))
    return out


def _accuracy(correct: list[bool], matched: list[bool]) -> dict:
    hits = np.asarray(correct, dtype=bool)
    acc = float(accuracy_score(np.ones(len(hits), dtype=bool), hits))
    tp = int(hits.sum())
    return {"precision": acc, "recall": acc, "f1": acc, "tp": tp,
            "fp": int(np.sum(matched)) - tp, "fn": len(correct) - tp, "support": len(correct)}


def _score_parent(pairs) -> dict:
    correct = [p is not None and _norm(p.get("parent")) == _norm(g.get("parent"))
               for g, p in pairs]
    return _accuracy(correct, [p is not None for _, p in pairs])


def _score_author(pairs) -> dict:
    correct = []
    for g, p in pairs:
        gold = g.get("author")
        if gold is None or (isinstance(gold, float) and gold != gold):
            # A source with no author names (a review table): a missing author is right.
            # (The reference scorer cannot read such gold at all.)
            pred = None if p is None else p.get("author")
            correct.append(p is not None and (pred is None or str(pred).strip() in ("", "None", "nan")))
            continue
        correct.append(p is not None and isinstance(gold, str)
                       and str(p.get("author", "")).strip() == gold.strip())
    return _accuracy(correct, [p is not None for _, p in pairs])


def _score_person(pairs) -> tuple:
    """Pairwise F1: pairs of gold comments put together in the gold and in the output."""
    ids: dict = {}

    def cluster(key):
        return ids.setdefault(("key", _hashable(key)), len(ids))

    def singleton():
        ids[("alone", len(ids))] = len(ids)
        return len(ids) - 1

    gold_labels = [cluster(g.get("person")) for g, _ in pairs]
    ids.clear()
    pred_labels = [singleton() if p is None or _is_null(p.get("person"))
                   else cluster(p.get("person")) for _, p in pairs]
    if len(pairs) < 2:
        return [], [], []
    # pair_confusion_matrix counts ordered pairs: [[tn, fp], [fn, tp]] twice over.
    (_, fp), (fn, tp) = pair_confusion_matrix(gold_labels, pred_labels) // 2
    return [1, 0, 1], [1, 1, 0], [int(tp), int(fp), int(fn)]


def _score_values(pairs, field: str, read_pred, same) -> tuple:
    """tp/fp/fn as label vectors: a prediction equal to gold (by `same`) is a tp; any other
    prediction a fp; any gold not matched a fn (so a wrong value costs twice)."""
    y_true: list[int] = []
    y_pred: list[int] = []
    for g, p in pairs:
        gold = _norm(g.get(field))
        pred = read_pred(p.get(field)) if p is not None else None
        if gold is not None and pred is not None and same(pred, gold):
            y_true += [1]
            y_pred += [1]
            continue
        if pred is not None:
            y_true += [0]
            y_pred += [1]
        if gold is not None:
            y_true += [1]
            y_pred += [0]
    return y_true, y_pred, [1] * len(y_true)


def _score_scalar(pairs, field: str) -> tuple:
    return _score_values(pairs, field, _norm, lambda pred, gold: pred == gold)


def _score_numeric(pairs, field: str, rel: float) -> tuple:
    return _score_values(pairs, field, lambda v: _as_number(_norm(v)),
                         lambda pred, gold: isinstance(pred, float) and _within(pred, gold, rel))


def _score_counted(pairs, gold_items, pred_items) -> tuple:
    """Micro-F1 over items counted with multiplicity (a Counter per record)."""
    y_true, y_pred = [], []
    for g, p in pairs:
        gold = Counter(gold_items(g))
        pred = Counter(pred_items(p)) if p is not None else Counter()
        both = sum((gold & pred).values())
        only_gold = sum(gold.values()) - both
        only_pred = sum(pred.values()) - both
        y_true += [1] * both + [1] * only_gold + [0] * only_pred
        y_pred += [1] * both + [0] * only_gold + [1] * only_pred
    return y_true, y_pred, [1] * len(y_true)


def _list_items(field):
    return lambda row: [_hashable(_norm(jsonable(x))) for x in _items(row.get(field))]


def _therapy_items(key):
    def items(row):
        return [_hashable(key(t)) for t in _items(row.get("therapies")) if isinstance(t, dict)]
    return items


_THERAPY_KEYS = {"therapy_names": lambda t: t.get("name"),
                 "therapy_status": lambda t: (t.get("name"), t.get("status"))}


def evaluate(gold, records) -> pd.DataFrame:
    """Score records against gold, field by field, as ANNOTATION.md's Scoring section says.

    Parameters
    ----------
    gold : DataFrame, list of dict, str or Path
        Gold records (a path is read with :func:`read_gold`).
    records : DataFrame, list of dict, str or Path
        Extracted records, e.g. from :func:`ldn_comments.extract` or
        :func:`ldn_comments.records.read_records`. A JSONL path is read as written; a CSV
        or parquet path with ``read_records``.

    Returns
    -------
    DataFrame
        One row per field of :data:`SCORED_FIELDS`, columns :data:`SCORE_COLUMNS`, and a
        last row ``macro`` whose ``f1`` is the mean F1 over the fields. For the accuracy
        fields (``parent``, ``author``) precision, recall and F1 are the accuracy, ``tp``
        the correct records, ``fp`` the matched but wrong ones and ``fn`` the gold records
        not got right. For ``person`` the counts are pairs of comments. ``support`` is
        the number of gold items (gold records for accuracy). ``attrs`` holds
        ``comments_found`` (matched, gold records, records), ``n_gold``, ``n_pred``,
        ``macro_f1`` and ``label``.

    Raises
    ------
    InputError
        E010 when a gold record has no position, two gold records share one, or no record
        has a position of the gold.

    Examples
    --------
    >>> gold = [{"position": 1, "author": "Ann", "person": "ann", "ldn_use": "current",
    ...          "benefits": ["fatigue", "pain"]},
    ...         {"position": 2, "author": "Bo", "person": "bo", "ldn_use": "none"}]
    >>> pred = [{"position": 1, "author": "Ann", "person": "ann", "ldn_use": "current",
    ...          "benefits": ["fatigue"]},
    ...         {"position": 2, "author": "Bo", "person": "bo", "ldn_use": None}]
    >>> scores = evaluate(gold, pred).set_index("field")
    >>> scores.loc["benefits", ["precision", "recall"]].tolist()
    [1.0, 0.5]
    >>> [int(scores.loc["benefits", c]) for c in ("tp", "fp", "fn", "support")]
    [1, 0, 1, 2]
    >>> float(scores.loc["ldn_use", "f1"]), scores.attrs["comments_found"]
    (1.0, (2, 2, 2))
    """
    gold_rows = _rows(gold, what="gold")
    pred_rows = _rows(records, what="records")
    pairs = _align(gold_rows, pred_rows)

    items = {"person": _score_person(pairs)}
    for field in SCALAR_FIELDS:
        items[field] = _score_scalar(pairs, field)
    for field, rel in NUMERIC_TOLERANCE.items():
        items[field] = _score_numeric(pairs, field, rel)
    for field in LIST_FIELDS:
        items[field] = _score_counted(pairs, _list_items(field), _list_items(field))
    for field in THERAPY_FIELDS:
        key = _THERAPY_KEYS[field]
        items[field] = _score_counted(pairs, _therapy_items(key), _therapy_items(key))
    results = {"parent": _score_parent(pairs), "author": _score_author(pairs),
               **_f1_scores(items)}

    table = pd.DataFrame([{"field": f, **results[f]} for f in SCORED_FIELDS],
                         columns=SCORE_COLUMNS)
    macro = float(table["f1"].mean())
    macro_row = pd.DataFrame([{"field": "macro", "precision": np.nan, "recall": np.nan,
                               "f1": macro, "tp": None, "fp": None, "fn": None,
                               "support": None}], columns=SCORE_COLUMNS)
    table = pd.concat([table.astype(object), macro_row.astype(object)], ignore_index=True)
    table = table.astype({"field": "string", "precision": "float64", "recall": "float64",
                          "f1": "float64", "tp": "Int64", "fp": "Int64", "fn": "Int64",
                          "support": "Int64"})
    found = sum(p is not None for _, p in pairs)
    table.attrs = {"comments_found": (found, len(gold_rows), len(pred_rows)),
                   "n_gold": len(gold_rows), "n_pred": len(pred_rows), "macro_f1": macro,
                   "label": LABEL}
    return table


def format_scores(scores: pd.DataFrame, *, as_json: bool = False) -> str:
    """The scores of :func:`evaluate` as a text table or as JSON, ending with a newline.

    Parameters
    ----------
    scores : DataFrame
        The output of :func:`evaluate`.
    as_json : bool, keyword-only
        Return ``{"fields": {field: {precision, recall, f1, tp, fp, fn}}, "macro_f1": x,
        "comments_found": [found, n_gold, n_pred], "label": ...}``.

    Returns
    -------
    str
        Text: the label, a header, one line per field (P, R, F1, tp, fp, fn, support),
        then ``comments matched X/Y (pred rows Z)`` and ``macro_f1=0.xxx`` last.

    Examples
    --------
    >>> gold = [{"position": 1, "author": "Ann", "person": "ann", "ms_type": "RRMS"}]
    >>> pred = [{"position": 1, "author": "Ann", "person": "ann", "ms_type": "SPMS"}]
    >>> text = format_scores(evaluate(gold, pred))
    >>> print(text.splitlines()[9])
    ms_type                   0.000  0.000  0.000      0      1      1        1
    >>> print(text.splitlines()[-2:])
    ['comments matched 1/1 (pred rows 1)', 'macro_f1=0.955']
    >>> import json
    >>> out = json.loads(format_scores(evaluate(gold, pred), as_json=True))
    >>> out["fields"]["ms_type"], out["comments_found"]
    ({'precision': 0.0, 'recall': 0.0, 'f1': 0.0, 'tp': 0, 'fp': 1, 'fn': 1}, [1, 1, 1])
    """
    fields = scores[scores["field"] != "macro"]
    macro = scores.attrs.get("macro_f1")
    if macro is None:
        macro = float(scores.loc[scores["field"] == "macro", "f1"].iloc[0])
    found, n_gold, n_pred = scores.attrs.get("comments_found", (None, None, None))
    if as_json:
        out = {"fields": {
            str(row.field): {"precision": float(row.precision), "recall": float(row.recall),
                             "f1": float(row.f1), "tp": int(row.tp), "fp": int(row.fp),
                             "fn": int(row.fn)}
            for row in fields.itertuples(index=False)},
            "macro_f1": float(macro),
            "comments_found": [found, n_gold, n_pred],
            "label": scores.attrs.get("label", LABEL)}
        return json.dumps(out, ensure_ascii=False) + "\n"
    lines = [f"# {scores.attrs.get('label', LABEL)}",
             f"{'field':24s} {'P':>6s} {'R':>6s} {'F1':>6s} {'tp':>6s} {'fp':>6s} {'fn':>6s}"
             f" {'support':>8s}"]
    for row in fields.itertuples(index=False):
        lines.append(f"{row.field:24s} {row.precision:6.3f} {row.recall:6.3f} {row.f1:6.3f}"
                     f" {int(row.tp):6d} {int(row.fp):6d} {int(row.fn):6d} {int(row.support):8d}")
    lines.append(f"comments matched {found}/{n_gold} (pred rows {n_pred})")
    lines.append(f"macro_f1={macro:.3f}")
    return "\n".join(lines) + "\n"


from ._callable import make_callable  # noqa: E402

make_callable(__name__, "evaluate")
