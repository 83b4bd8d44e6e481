"""Extraction beyond one machine: :func:`extract` on a Dask DataFrame.

Each partition goes through :func:`ldn_comments.extract` (``map_partitions``), so the
records are the same as the in-process ones, row for row. Records depend only on each
comment's own text, author and drug, never on other rows, which is what makes this safe.

Positions must be global. Build the Dask frame from a comment table that already has
``position`` and ``parent`` (from :func:`ldn_comments.read_comments`, or chunk by chunk
from :func:`ldn_comments.run.read_chunks`); a frame without ``position`` is numbered
1, 2, ... across partitions here, and its ``parent`` is left empty (a thread's parents
need an id -> position map over the whole input, which a reader builds).

Rollups: records are one small row per comment. Compute them (drop ``text`` and
``evidence`` first if memory is tight) and call :func:`ldn_comments.people` and
:func:`ldn_comments.summarise` on the pandas frame, or aggregate in two stages (count per
partition, sum the counts) with ordinary Dask ``groupby`` on ``person``.

On a cluster (``pip install 'ldn-comments[scale]'``):

>>> from dask.distributed import Client, LocalCluster          # doctest: +SKIP
>>> import dask.dataframe as dd                                 # doctest: +SKIP
>>> from ldn_comments import read_comments, people             # doctest: +SKIP
>>> from ldn_comments.dask import extract                      # doctest: +SKIP
>>> with LocalCluster(n_workers=4, threads_per_worker=1) as cluster, \\
...         Client(cluster):                                    # doctest: +SKIP
...     comments = dd.from_pandas(read_comments("forum.csv"), npartitions=64)
...     records = extract(comments).persist()
...     rollup = people(records.drop(columns=["text"]).compute())

Examples
--------
On the local scheduler:

>>> import pandas as pd, dask.dataframe as dd
>>> comments = pd.DataFrame({"position": [1, 2], "parent": [None, 1],
...                          "author": ["Ines", "Ola"],
...                          "text": ["On LDN 4.5 mg, fatigue better.", "Which brand?"]})
>>> records = extract(dd.from_pandas(comments, npartitions=2))
>>> out = records.compute(scheduler="sync")
>>> out["position"].tolist(), out["ldn_use"].tolist(), float(out["current_dose"].iloc[0])
([1, 2], ['current', 'none'], 4.5)
"""
from __future__ import annotations

import pandas as pd

from .readers.plan import thread_topics
from .run import extract as extract_frame
from .run import names_ldn

__all__ = ["extract"]


def _partition(part: pd.DataFrame, drug=None, ldn_topic=None) -> pd.DataFrame:
    if ldn_topic is not None and "thread_topic" not in part:
        part = part.assign(thread_topic=["ldn" if p in ldn_topic else None
                                         for p in part["position"].tolist()])
    return extract_frame(part, drug=drug)


def _names(part: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"position": part["position"], "parent": part["parent"],
                         "names": [names_ldn(t) for t in part["text"].tolist()]},
                        index=part.index)


def extract(ddf, *, drug: str | None = None):
    """Records for every comment of a Dask DataFrame, partition by partition.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        A comment table (needs ``text``; ``position``/``parent`` global, see the module
        docstring).
    drug : str, optional
        The drug the whole thread is about; a ``drug`` column overrides it per row.

    Without a ``thread_topic`` column (see :func:`ldn_comments.readers.plan.thread_topics`),
    positions, parents and an LDN flag per comment (no texts) are computed once first,
    because a reply's reading can depend on ancestors in other partitions.

    Returns
    -------
    dask.dataframe.DataFrame
        Lazy records with the columns and dtypes of :func:`ldn_comments.extract`
        (``meta`` is ``extract`` of an empty frame with the input's columns).

    Examples
    --------
    >>> import pandas as pd, dask.dataframe as dd
    >>> ddf = dd.from_pandas(pd.DataFrame({"text": ["LDN 3 mg", "hello", "LDN 1.5 mg"]}),
    ...                      npartitions=2)
    >>> r = extract(ddf)
    >>> str(r.dtypes["ldn_use"]), r.compute(scheduler="sync")["position"].tolist()
    ('category', [1, 2, 3])
    """
    if "position" not in ddf.columns:
        ones = ddf[ddf.columns[0]].map(lambda _: 1, meta=(None, "int64"))
        ddf = ddf.assign(position=ones.cumsum().astype("Int64"))
        if "parent" not in ddf.columns:
            ddf = ddf.assign(parent=ddf["position"].map(lambda _: pd.NA, meta=(None, "Int64")))
    ldn_topic = None
    if "thread_topic" not in ddf.columns:
        # A reply's topic depends on its ancestors, which may sit in other partitions:
        # work it out once from three small columns (no texts), then hand each partition
        # the positions whose thread is about LDN.
        meta_names = pd.DataFrame({"position": pd.Series([], dtype="Int64"),
                                   "parent": pd.Series([], dtype="Int64"),
                                   "names": pd.Series([], dtype=bool)})
        small = ddf.map_partitions(_names, meta=meta_names).compute()
        topics = thread_topics(small["names"].tolist(), small["position"].tolist(),
                               small["parent"].tolist())
        ldn_topic = frozenset(int(p) for p, t in zip(small["position"].tolist(), topics) if t)
    meta = extract_frame(ddf._meta.iloc[:0], drug=drug)
    return ddf.map_partitions(_partition, drug=drug, ldn_topic=ldn_topic, meta=meta)
