"""The thread plan: ids, parents, depths, cycles and thread topics, worked out once.

Every reader, whole-file or streaming, turns its rows into a :class:`ThreadPlan` with
:func:`plan_thread` and builds comment tables from a plan with
:func:`ldn_comments.readers.thread.comment_table`, so the rules live here only:

- a comment without an id gets its position (``"1"``, ``"2"``, ...) as id;
- a duplicated id is E007 (the first repeat in file order);
- a comment that is its own parent is E005 (after every id is known), as is a cycle of
  parents;
- a parent id not in the file (a deleted comment, a partial dump) makes a top-level
  comment, and one warning counts such comments;
- a comment's *thread topic* is LDN when it names no drug and an ancestor names LDN, or
  when the thread as a whole is about LDN (see :func:`topics_by_row`).

Whether a text names LDN is the extractor's knowledge, not the reader's: the caller passes
that test in (``names_ldn=``), so readers never import the text tools.

Examples
--------
>>> rows = [{"comment_id": "a", "text": "LDN 4.5 mg"}, {"comment_id": "b", "parent_id": "a"}]
>>> plan = plan_thread(rows, label="t.csv", names_ldn=lambda t: "LDN" in (t or ""))
>>> plan.parents, plan.depths, list(plan.topics)
([None, 0], [0, 1], [0, 1])
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from ..errors import InputError, warn

__all__ = ["ROW_KEYS", "THREAD_SHARE", "ThreadPlan", "clean_value", "depths_of",
           "plan_thread", "thread_topics", "topics_by_row"]

#: Row keys that are not columns of their own (see :mod:`ldn_comments.readers.thread`).
ROW_KEYS = ("comment_id", "parent_id", "parent_key", "author", "date", "text", "where",
            "source")
#: Share of a thread's comments naming LDN above which the thread is taken to be about LDN.
THREAD_SHARE = 0.3
#: How far up a reply chain a topic is looked for (a guard against very deep chains).
_TOPIC_DEPTH = 50


def clean_value(value) -> str | None:
    """None for missing or blank values, else the value as stripped text.

    Examples
    --------
    >>> clean_value("  7 "), clean_value(""), clean_value(float("nan")), clean_value(3)
    ('7', None, None, '3')
    """
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    if type(value).__name__ == "NAType":  # pandas' NA, without importing pandas here
        return None
    text = str(value).strip()
    return text or None


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


@dataclass
class ThreadPlan:
    """The shape of a whole thread, without its texts.

    Attributes
    ----------
    n : int
        Number of comments.
    ids : list of str
        Each comment's id (its position when the source has none).
    parents : list of int or None
        Each comment's parent as a row index (None: top level).
    depths : list of int
        0 for top level, 1 for a reply, ...
    topics : bytearray or None
        1 where the comment's thread topic is LDN; None when no ``names_ldn`` was given.
    extra_kinds : dict
        Extra column -> {kind of value -> one such value}: what a chunk needs to give its
        extra columns the dtypes the whole file's would.
    start : int
        The row index of the first comment (0, or where a :meth:`part` begins).
    """

    n: int
    ids: list
    parents: list
    depths: list
    topics: bytearray | None = None
    extra_kinds: dict = field(default_factory=dict)
    start: int = 0

    def part(self, start: int, end: int) -> ThreadPlan:
        """The plan of rows ``start`` to ``end`` (parents stay row indices of the whole
        thread; ``start`` says where the part begins).

        Examples
        --------
        >>> plan = plan_thread([{"text": "a"}, {"parent_id": "1"}], label="x")
        >>> p = plan.part(1, 2)
        >>> p.start, p.ids, p.parents, p.depths
        (1, ['2'], [0], [1])
        """
        topics = None if self.topics is None else self.topics[start:end]
        return ThreadPlan(end - start, self.ids[start:end], self.parents[start:end],
                          self.depths[start:end], topics, self.extra_kinds,
                          self.start + start)

    def samples(self, sample_id: str = "\x00sample{}") -> list[dict]:
        """Rows put before each chunk's rows when its extra columns are typed, and dropped
        after: every extra column in the file's order, and one value of each kind each
        column holds in the whole file (a sample's id holds a NUL: never a real one).

        Examples
        --------
        >>> plan = plan_thread([{"text": "a", "score": 3}, {"text": "b", "score": 1.5}],
        ...                    label="x", extra_kinds=True)
        >>> [s.get("score") for s in plan.samples()]
        [None, 3, 1.5]
        """
        out = [{"comment_id": sample_id.format(0), "text": "",
                **{col: None for col in self.extra_kinds}}]
        for col, kinds in self.extra_kinds.items():
            for value in kinds.values():
                out.append({"comment_id": sample_id.format(len(out)), "text": "", col: value})
        return out


def plan_thread(rows: Iterable[dict], *, label: str,
                names_ldn: Callable[[str | None], bool] | None = None,
                extra_kinds: bool = False) -> ThreadPlan:
    """Ids, parents, depths (and thread topics) of reader rows, in one pass over them.

    Parameters
    ----------
    rows : iterable of dict
        Reader rows in thread order (see :mod:`ldn_comments.readers.thread`); only their
        ids, parents and line labels are kept, never the texts.
    label : str
        How error messages name the input.
    names_ldn : callable, optional
        ``text -> bool``: whether a comment names LDN; given, the plan holds topics.
    extra_kinds : bool
        Also record the kinds of value each extra column holds (for typing chunks).

    Returns
    -------
    ThreadPlan
        ``n == 0`` when there were no rows (the caller says why: E001 or E013).

    Raises
    ------
    InputError
        E007 for a duplicated id, E005 for a self-reply or a cycle of parents.

    Examples
    --------
    >>> plan_thread([{"comment_id": "x", "parent_id": "x"}], label="t.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ldn_comments.errors.InputError: E005 ... comment 'x' replies to itself, t.csv
    """
    names = bytearray()
    index: dict[str, int] = {}
    ids: list[str] = []
    wheres: list = []
    parents: list[int | None] = []
    pending: dict[int, str] = {}
    self_reply = None
    kinds: dict[str, dict] = {}
    for i, row in enumerate(rows):
        cid = clean_value(row.get("comment_id")) or str(i + 1)
        if cid in index:
            raise InputError("E007", f"comment id {cid!r} occurs twice", source=label,
                             where=row.get("where"))
        index[cid] = i
        ids.append(cid)
        wheres.append(row.get("where"))
        if names_ldn is not None:
            names.append(names_ldn(row.get("text")))
        key = (clean_value(row["parent_key"]) if "parent_key" in row
               else clean_value(row.get("parent_id")))
        if key is None:
            parents.append(None)
        elif key == cid:
            parents.append(None)
            if self_reply is None:
                self_reply = (cid, row.get("where"))
        elif key in index:
            parents.append(index[key])
        else:  # a parent later in the file is still the parent: resolved below
            parents.append(None)
            pending[i] = key
        if extra_kinds:
            for col, value in row.items():
                if col not in ROW_KEYS:
                    kinds.setdefault(col, {}).setdefault(_kind(value), value)
    if not ids:
        return ThreadPlan(0, [], [], [], None, {})
    if self_reply is not None:
        raise InputError("E005", f"comment {self_reply[0]!r} replies to itself",
                         source=label, where=self_reply[1])
    orphans = 0
    for i, key in pending.items():
        if key in index:
            parents[i] = index[key]
        else:
            orphans += 1
    del index, pending
    depths = depths_of(parents, ids, wheres, label)
    if orphans:
        warn(f"{orphans} comments reply to a comment not in the file; kept as top level")
    topics = topics_by_row(names, parents) if names_ldn is not None else None
    return ThreadPlan(len(ids), ids, parents, depths, topics, kinds)


def depths_of(parents: Sequence[int | None], ids: Sequence[str], wheres: Sequence,
              label: str) -> list[int]:
    """Depth of each comment (parents as row indices); a cycle of parents raises E005
    naming an id on it.

    Examples
    --------
    >>> depths_of([None, 0, 1, None], ["a", "b", "c", "d"], [None] * 4, "x")
    [0, 1, 2, 0]
    """
    depths = [-1] * len(parents)  # -1: not known yet
    for start in range(len(parents)):
        chain: list[int] = []
        seen: set[int] = set()
        node: int | None = start
        # Walk up until a comment of known depth or a top-level one; iterative so that a
        # long reply chain cannot hit Python's recursion limit.
        while node is not None and depths[node] < 0:
            if node in seen:
                raise InputError("E005", f"comment {ids[node]!r} is its own ancestor "
                                 "(a cycle of parent ids)", source=label,
                                 where=wheres[node])
            seen.add(node)
            chain.append(node)
            node = parents[node]
        base = -1 if node is None else depths[node]
        for offset, member in enumerate(reversed(chain), 1):
            depths[member] = base + offset
    return depths


def topics_by_row(names: Sequence[bool] | bytearray, parent_rows: Sequence[int | None], *,
                  whole_thread: bool = True) -> bytearray:
    """1 where a comment's thread topic is LDN, parents given as row indices (None: top
    level).

    A comment naming no drug under a comment (or an ancestor) naming LDN is about LDN; in
    a thread where at least :data:`THREAD_SHARE` of the comments name LDN (`whole_thread`:
    one thread, not independent reviews), every comment naming no drug is.

    Examples
    --------
    >>> list(topics_by_row([True, False, False], [None, 0, 1]))
    [0, 1, 1]
    >>> list(topics_by_row([True, False, False, False, False], [None] * 5))
    [0, 0, 0, 0, 0]
    """
    out = bytearray(len(parent_rows))
    for i, parent in enumerate(parent_rows):
        seen = 0
        while not names[i] and parent is not None and seen < _TOPIC_DEPTH:
            if names[parent]:
                out[i] = 1
                break
            parent = parent_rows[parent]
            seen += 1
    # A thread where many comments name LDN is about LDN: a top-level comment naming no
    # drug ("I take it every night") is read the way a reply is.
    if whole_thread and len(names) and sum(names) >= THREAD_SHARE * len(names):
        for i, named in enumerate(names):
            if not named:
                out[i] = 1
    return out


def _missing(value) -> bool:
    return value is None or type(value).__name__ == "NAType" or value != value


def thread_topics(names: Sequence[bool], positions: Sequence, parents: Sequence, *,
                  whole_thread: bool = True) -> list[str | None]:
    """The rule of :func:`topics_by_row` with parents given as positions (None/NA for top
    level): ``"ldn"`` or None per comment.

    Examples
    --------
    >>> thread_topics([True, False, False], [1, 2, 3], [None, 1, 2])
    [None, 'ldn', 'ldn']
    """
    index = {}
    for i, p in enumerate(positions):
        if not _missing(p):
            index[int(p)] = i
    rows = [None if _missing(q) else index.get(int(q)) for q in parents]
    return ["ldn" if t else None for t in topics_by_row(names, rows, whole_thread=whole_thread)]
