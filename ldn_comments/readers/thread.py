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

The rules for ids, parents and cycles are :func:`ldn_comments.readers.plan.plan_thread`'s:
a parent id not in the file (a deleted comment, a partial dump) is not an error: the
comment becomes top level, keeps its ``parent_id``, and one warning counts such comments.
A comment that is its own parent, or a cycle of parents, is E005; a duplicated id is E007;
no comments at all is E013. :func:`comment_table` lays out any slice of a planned thread,
so a streamed chunk and the whole file get the same columns.
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..errors import InputError
from ..label import labelled
from ..records import COMMENT_COLUMNS
from .plan import ROW_KEYS, ThreadPlan, clean_value, plan_thread

#: Columns of the comment table that hold text (pandas' ``string`` dtype).
STRING_COLUMNS = ("comment_id", "parent_id", "author", "date", "text", "source")


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
    plan = plan_thread(rows, label=label)
    return comment_table(rows, plan, source=source)


def comment_table(rows: list[dict], plan: ThreadPlan, *, source: str,
                  samples: Sequence[dict] = ()) -> pd.DataFrame:
    """The comment table of `rows`, the rows `plan` (a whole thread's plan or a
    :meth:`~ldn_comments.readers.plan.ThreadPlan.part` of it) was made for: ids, parents
    and depths are the plan's.

    Parameters
    ----------
    rows : list of dict
        Reader rows, a slice of the thread's.
    plan : ThreadPlan
        From :func:`ldn_comments.readers.plan.plan_thread`; ``plan.start`` (the row index
        of ``rows[0]`` in the thread) is also the table's first index label.
    source : str
        The file name, for the ``source`` column and ``attrs["source"]``.
    samples : list of dict
        :meth:`ThreadPlan.samples`: rows that type the extra columns as the whole file's
        are typed (a chunk alone may hold only some kinds of values).

    Examples
    --------
    >>> rows = [{"comment_id": "a", "text": "x"}, {"comment_id": "b", "parent_id": "a"}]
    >>> plan = plan_thread(rows, label="t")
    >>> comment_table(rows[1:], plan.part(1, 2), source="t")[["position", "parent", "depth"]].values.tolist()
    [[2, 1, 1]]
    """
    if len(rows) != plan.n:
        raise ValueError(f"{len(rows)} rows for a plan of {plan.n}")
    start, end = plan.start, plan.start + plan.n
    table = pd.DataFrame({
        "position": pd.array(range(start + 1, end + 1), dtype="Int64"),
        "parent": pd.array([None if p is None else p + 1 for p in plan.parents],
                           dtype="Int64"),
        "comment_id": plan.ids,
        "parent_id": [clean_value(row.get("parent_id")) for row in rows],
        "author": [clean_value(row.get("author")) for row in rows],
        "date": [clean_value(row.get("date")) for row in rows],
        "depth": pd.array(plan.depths, dtype="Int64"),
        "text": [("" if row.get("text") is None else str(row["text"])) for row in rows],
        "source": [clean_value(row.get("source")) or source for row in rows],
    })
    for col in STRING_COLUMNS:
        table[col] = table[col].astype("string")
    typed = list(samples) + rows
    extras = _extra_columns(typed)
    if extras:
        more = pd.DataFrame([{k: row.get(k) for k in extras} for row in typed]).convert_dtypes()
        more = more.iloc[len(samples):].reset_index(drop=True)
        more.columns = [unclash(c) for c in more.columns]
        table = pd.concat([table, more], axis=1)
    table = table[COMMENT_COLUMNS + [c for c in table.columns if c not in COMMENT_COLUMNS]]
    table.index = pd.RangeIndex(start, end)
    out = labelled(table, unit="comment")
    out.attrs["source"] = source
    return out


def _extra_columns(rows) -> list[str]:
    seen: dict[str, None] = {}
    for row in rows:
        for key in row:
            if key not in ROW_KEYS and key not in seen:
                seen[key] = None
    return list(seen)


def unclash(name: str) -> str:
    """An extra column's name in the table: one called like a standard column would
    silently shadow it, so it gets a ``source_`` prefix.

    Examples
    --------
    >>> unclash("depth"), unclash("score")
    ('source_depth', 'score')
    """
    return f"source_{name}" if name in COMMENT_COLUMNS else name
