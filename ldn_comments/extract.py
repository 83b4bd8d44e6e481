"""Records from comment tables: :func:`extract` runs the field pipeline over every row.

One comment is extracted by :func:`ldn_comments.pipeline.extract_one` (a
:class:`~ldn_comments.nlp.doc.Doc` per comment, the field extractors of
:mod:`ldn_comments.fields` in the order :mod:`ldn_comments.pipeline` declares); this module
adds the table around it: positions, persons, thread topics and honest dtypes.

Examples
--------
>>> import pandas as pd
>>> comments = pd.DataFrame({"text": [
...     "I have RRMS and have been on 4.5mg LDN nightly for 2 years. No relapses since!",
...     "My wife was diagnosed last year; should she try LDN?"]})
>>> r = extract(comments)
>>> r.loc[0, ["speaker_role", "ldn_use", "ms_type", "current_dose", "ldn_duration_months"]].astype(str).tolist()
['patient', 'current', 'RRMS', '4.5', '24.0']
>>> r.loc[0, "benefits"], r.loc[1, "speaker_role"], r.loc[1, "ldn_use"]
(['relapses'], 'caregiver', 'planned')
"""
from __future__ import annotations

import pandas as pd

from .errors import InputError
from .nlp.patterns import patterns
from .nlp.text import normalise
from .people import person_key
from .pipeline import extract_one
from .records import ENUMS, FIELDS, coerce_records, is_records_file, read_records  # noqa: F401

__all__ = ["extract", "extract_one", "extract_iter", "is_records_file", "read_records"]


# ----------------------------------------------------------------------------------------
# Frames


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
        for col in ("drug_effect", "drug_benefits", "drug_adverse_events"):
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


def names_ldn(text) -> bool:
    """True when a comment names LDN itself (a cheap scan, for working out thread topics).

    Examples
    --------
    >>> names_ldn("been on low dose naltrexone a year"), names_ldn("it helped")
    (True, False)
    """
    return patterns().ldn.search(normalise(text if isinstance(text, str) else "")) is not None


def thread_topics(names, positions, parents, *, whole_thread: bool = True):
    """'ldn' for a reply that names no drug under a comment (or an ancestor) naming LDN.

    Parameters
    ----------
    names : list of bool
        :func:`names_ldn` of each comment.
    positions, parents : lists
        Thread positions and parent positions (None/NA for top level).
    whole_thread : bool
        The comments are one thread (not independent reviews): when at least
        :data:`THREAD_SHARE` of them name LDN, every comment naming no drug is about LDN.

    Examples
    --------
    >>> thread_topics([True, False, False], [1, 2, 3], [None, 1, 2])
    [None, 'ldn', 'ldn']
    """
    index = {}
    for i, p in enumerate(positions):
        if p is not None and not pd.isna(p):
            index[int(p)] = i
    rows = [None if q is None or pd.isna(q) else index.get(int(q)) for q in parents]
    return ["ldn" if t else None for t in topics_by_row(names, rows, whole_thread=whole_thread)]


def topics_by_row(names, parent_rows, *, whole_thread: bool = True) -> bytearray:
    """The rule of :func:`thread_topics` with parents given as row indices (None for top
    level): 1 where a comment's thread topic is LDN. The streaming reader's plan uses it
    directly, without a position index.

    Examples
    --------
    >>> list(topics_by_row([True, False, False], [None, 0, 1]))
    [0, 1, 1]
    """
    out = bytearray(len(parent_rows))
    for i, parent in enumerate(parent_rows):
        seen = 0
        while not names[i] and parent is not None and seen < 50:
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


#: Share of a thread's comments naming LDN above which the thread is taken to be about LDN.
THREAD_SHARE = 0.3


def extract_iter(chunks, *, drug: str | None = None):
    """Extract chunk by chunk: yields one records frame per comment-table chunk.

    Examples
    --------
    >>> import pandas as pd
    >>> parts = [pd.DataFrame({"text": ["I take LDN"]}), pd.DataFrame({"text": ["hi"]})]
    >>> [len(r) for r in extract_iter(parts)]
    [1, 1]
    """
    from .stream import extract_iter as _stream_extract_iter

    # Positions and parents across chunks are the stream module's job.
    yield from _stream_extract_iter(chunks, drug=drug)


from ._callable import make_callable  # noqa: E402

make_callable(__name__, "extract")
