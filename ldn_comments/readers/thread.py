"""From comments with ids and parent ids to the comment table: position, parent, depth.

Every reader produces a list of row dicts in thread order and hands it to
:func:`build_thread`. Keys a row may hold:

``comment_id``
    The source's id (None: the position is used).
``parent_id``
    The parent as the source writes it (``"t1_abc"``, ``"42"``), shown in the table.
``parent_key``
    The ``comment_id`` the parent has, when that differs from ``parent_id`` (Reddit's
    ``t1_`` prefix); None for a top-level comment. Defaults to ``parent_id``.
``author``, ``date``, ``text``
    As in the table (``date`` already normalised by the reader).
``where``
    Where the comment is in the file (``"line 7"``), for error messages.
``source``
    Only when a table names the file each comment came from (a table written by
    ``parse``); otherwise the file being read.

Any other key becomes an extra column, after the standard ones, in order of first use.

Rules: a parent id not in the file (a deleted comment, a partial dump) is not an error:
the comment becomes top level, keeps its ``parent_id``, and one warning counts such
comments. A comment that is its own parent, or a cycle of parents, is E005; a duplicated
id is E007; no comments at all is E013.
"""
from __future__ import annotations

import pandas as pd

from ..errors import InputError, warn
from ..label import labelled
from ..records import COMMENT_COLUMNS

#: Row keys that are not columns of their own.
_ROW_KEYS = ("comment_id", "parent_id", "parent_key", "author", "date", "text", "where",
             "source")
_STRING_COLUMNS = ("comment_id", "parent_id", "author", "date", "text", "source")


def build_thread(rows: list[dict], *, source: str, label: str | None = None) -> pd.DataFrame:
    """Turn reader rows (in thread order) into the comment table.

    Parameters
    ----------
    rows : list of dict
        One dict per comment, keys as in the module docstring.
    source : str
        The file name, written in the ``source`` column and ``attrs["source"]``.
    label : str, optional
        How error messages name the input (default: `source`).

    Returns
    -------
    DataFrame
        Columns :data:`~ldn_comments.records.COMMENT_COLUMNS`, then the extra keys.

    Examples
    --------
    >>> rows = [{"comment_id": "a", "author": "Ines", "text": "4.5 mg since May"},
    ...         {"comment_id": "b", "parent_id": "a", "author": "Ola", "text": "Same"}]
    >>> t = build_thread(rows, source="x.csv")
    >>> t[["position", "parent", "depth", "author"]].values.tolist()
    [[1, <NA>, 0, 'Ines'], [2, 1, 1, 'Ola']]
    """
    label = label or source
    if not rows:
        raise InputError("E013", source=label)
    ids = [_clean(row.get("comment_id")) or str(i) for i, row in enumerate(rows, 1)]
    index: dict[str, int] = {}
    for i, cid in enumerate(ids):
        if cid in index:
            raise InputError("E007", f"comment id {cid!r} occurs twice", source=label,
                             where=rows[i].get("where"))
        index[cid] = i

    parents: list[int | None] = []
    orphans = 0
    for i, row in enumerate(rows):
        key = _clean(row["parent_key"]) if "parent_key" in row else _clean(row.get("parent_id"))
        if key is None:
            parents.append(None)
        elif key == ids[i]:
            raise InputError("E005", f"comment {ids[i]!r} replies to itself", source=label,
                             where=row.get("where"))
        elif key in index:
            parents.append(index[key])
        else:
            parents.append(None)
            orphans += 1
    depths = _depths(parents, ids, rows, label)
    if orphans:
        warn(f"{orphans} comments reply to a comment not in the file; kept as top level")

    table = pd.DataFrame({
        "position": pd.array(range(1, len(rows) + 1), dtype="Int64"),
        "parent": pd.array([None if p is None else p + 1 for p in parents], dtype="Int64"),
        "comment_id": ids,
        "parent_id": [_clean(row.get("parent_id")) for row in rows],
        "author": [_clean(row.get("author")) for row in rows],
        "date": [_clean(row.get("date")) for row in rows],
        "depth": pd.array(depths, dtype="Int64"),
        "text": [("" if row.get("text") is None else str(row["text"])) for row in rows],
        "source": [_clean(row.get("source")) or source for row in rows],
    })
    for col in _STRING_COLUMNS:
        table[col] = table[col].astype("string")
    extras = _extra_columns(rows)
    if extras:
        more = pd.DataFrame([{k: row.get(k) for k in extras} for row in rows]).convert_dtypes()
        more.columns = [_unclash(c) for c in more.columns]
        table = pd.concat([table, more], axis=1)
    table = table[COMMENT_COLUMNS + [c for c in table.columns if c not in COMMENT_COLUMNS]]
    out = labelled(table, unit="comment")
    out.attrs["source"] = source
    return out


def _depths(parents, ids, rows, label) -> list[int]:
    """Depth of each comment; a cycle of parents raises E005 naming an id on it."""
    depths: list[int | None] = [None] * len(parents)
    for start in range(len(parents)):
        chain, seen, node = [], set(), start
        # Walk up until a comment of known depth or a top-level one; iterative so that a
        # long reply chain cannot hit Python's recursion limit.
        while node is not None and depths[node] is None:
            if node in seen:
                raise InputError("E005", f"comment {ids[node]!r} is its own ancestor "
                                 "(a cycle of parent ids)", source=label,
                                 where=rows[node].get("where"))
            seen.add(node)
            chain.append(node)
            node = parents[node]
        base = -1 if node is None else depths[node]
        for offset, member in enumerate(reversed(chain), 1):
            depths[member] = base + offset
    return depths


def _extra_columns(rows) -> list[str]:
    seen: dict[str, None] = {}
    for row in rows:
        for key in row:
            if key not in _ROW_KEYS and key not in seen:
                seen[key] = None
    return list(seen)


def _unclash(name: str) -> str:
    # An extra column called like a standard one would silently shadow it.
    return f"source_{name}" if name in COMMENT_COLUMNS else name


def _clean(value) -> str | None:
    """None for missing or blank values, else the value as stripped text."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and value != value:
        return None
    text = str(value).strip()
    return text or None
