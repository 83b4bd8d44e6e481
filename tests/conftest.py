"""Shared test fixtures: where the shared development data lives, gold records, figures."""
from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "001_c6d47190be1a3eee.txt"
SEED_GOLD = SHARED / "gold" / "seed_thread.jsonl"
FIXTURES = REPO / "tests" / "fixtures"


def need_shared():
    """Skip the calling test when ../shared (the development data) is not beside the repo."""
    if not SEED_GOLD.exists():
        pytest.skip("../shared is not beside the repository (development data absent)")


@pytest.fixture
def gold_records():
    """The seed thread's gold records as a records frame, with the comment text joined in
    from data/comments.csv where that exists (stand-in records for downstream stages)."""
    need_shared()
    from ldn_comments.records import coerce_records, read_records

    records = read_records(SEED_GOLD)
    table = REPO / "data" / "comments.csv"
    if table.exists():
        comments = pd.read_csv(table, dtype={"text": str, "date": str, "source": str})
        keep = [c for c in ("position", "text", "date", "depth", "source", "comment_id")
                if c in comments]
        records = records.merge(comments[keep], on="position", how="left")
    else:
        records["text"] = ""
    return coerce_records(records)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")
