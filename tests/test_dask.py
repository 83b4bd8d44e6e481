"""The Dask path (issue 7): the same records as in-process extraction, byte for byte in
JSONL, on the local scheduler; rollups work on the computed result."""
from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe")

from ldn_comments import people, summarise  # noqa: E402
from ldn_comments.dask import extract as dask_extract  # noqa: E402
from ldn_comments.run import extract  # noqa: E402
from ldn_comments.output import write_table  # noqa: E402
from ldn_comments.readers import read_comments  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def comments():
    frames = []
    for name in ("threads/thread.csv", "invented/thread_a.txt", "invented/thread_c.txt"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frames.append(read_comments(FIXTURES / name)[["position", "parent", "author",
                                                          "text", "source"]])
    offset, shifted = 0, []
    for f in frames:  # three threads one after the other, parents kept (replies read
        f = f.copy()  # 'take it' as LDN under an LDN comment, across partitions)
        f["position"] = f["position"] + offset
        f["parent"] = f["parent"] + offset
        offset += len(f)
        shifted.append(f)
    return pd.concat(shifted, ignore_index=True)


@pytest.mark.parametrize("npartitions", [1, 4])
def test_dask_records_are_byte_identical(comments, tmp_path, npartitions):
    write_table(extract(comments), tmp_path / "ref.jsonl")
    got = dask_extract(dd.from_pandas(comments, npartitions=npartitions)).compute(
        scheduler="sync")
    write_table(got, tmp_path / "dask.jsonl")
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "ref.jsonl").read_bytes()


def test_meta_matches_computed_columns(comments):
    lazy = dask_extract(dd.from_pandas(comments, npartitions=3), drug="ldn")
    got = lazy.compute(scheduler="threads")
    assert list(lazy.columns) == list(got.columns)
    for col in ("ldn_use", "effect", "age", "current_dose", "is_question"):
        assert str(lazy.dtypes[col]) == str(got.dtypes[col]), col


def test_rollups_on_the_computed_result(comments):
    got = dask_extract(dd.from_pandas(comments, npartitions=2)).compute(scheduler="sync")
    ref = extract(comments)
    a = people(got.drop(columns=["text"]))
    b = people(ref.drop(columns=["text"]))
    assert a.astype(str).reset_index(drop=True).equals(b.astype(str).reset_index(drop=True))
    assert summarise(got).to_text() == summarise(ref).to_text()


def test_positions_are_numbered_globally_without_a_position_column():
    frame = pd.DataFrame({"text": ["LDN 3 mg", "hi", "LDN 4.5 mg", "no"]})
    got = dask_extract(dd.from_pandas(frame, npartitions=2)).compute(scheduler="sync")
    assert got["position"].tolist() == [1, 2, 3, 4]
    assert got["parent"].isna().all()
