"""summarise(by="drug") and plot.effect_by_drug: per-drug counts, Wilson intervals with
denominators, ratings, the label and the sentence that the groups cannot be ranked."""
from __future__ import annotations

import warnings
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from ldn_comments.label import LABEL
from ldn_comments.plot import CAPTION_GID, effect_by_drug
from ldn_comments.records import coerce_records
from ldn_comments.stats import wilson_interval
from ldn_comments.summarise import BY_DRUG_TABLE_NAMES, DIFFERENT_GROUPS, summarise

REVIEWS = Path(__file__).resolve().parent / "fixtures" / "reviews"


def records():
    rows = [
        {"position": 1, "author": "Ann", "drug": "Naltrexone", "condition": "MS",
         "ldn_use": "current", "effect": "positive", "rating": 9},
        {"position": 2, "author": "Ann", "drug": "LDN 4.5 mg", "condition": "MS",
         "ldn_use": "current", "effect": "mixed", "adverse_events": ["vivid_dreams"],
         "rating": 7},
        {"position": 3, "author": "Bo", "drug": "Naltrexone", "condition": "MS",
         "ldn_use": "past", "effect": "no_effect", "rating": 2},
        {"position": 4, "author": None, "drug": "Naltrexone", "condition": "Alcohol Dependence",
         "rating": 8},
        {"position": 5, "author": None, "drug": "Copaxone (glatiramer acetate)",
         "condition": "MS", "rating": 6},
        {"position": 6, "author": None, "drug": "COPAXONE", "condition": "MS", "rating": 4},
    ]
    return coerce_records(pd.DataFrame(rows))


def test_tables_and_labels():
    s = summarise(records(), by="drug")
    assert tuple(s.keys()) == BY_DRUG_TABLE_NAMES
    for _, t in s:
        assert t.attrs["label"] == LABEL
        assert DIFFERENT_GROUPS in t.attrs["note"]
    assert "cannot rank" in DIFFERENT_GROUPS
    assert s.to_text().startswith("Uncontrolled, self-selected reports")


def test_drug_rows_people_and_ratings():
    d = summarise(records(), by="drug")["drugs"].set_index("drug")
    assert list(d.index) == ["LDN", "glatiramer", "naltrexone (full dose)"]
    assert d.loc["LDN", ["reviews", "persons", "rated"]].tolist() == [3, 2, 3]
    assert d.loc["LDN", "rating_median"] == 7.0
    assert d.loc["glatiramer", ["reviews", "persons"]].tolist() == [2, 2]  # anonymous: 2
    assert d.loc["glatiramer", "rating_mean"] == 5.0
    # Hand-made records say nothing of the scale: it is not guessed from the values.
    assert d.loc["LDN", "rating_scale"] == "scale not stated; values 2-9 seen"


@pytest.mark.parametrize("layout, scale", [("drugscom", "1-10"), ("webmd", "1-5"),
                                           ("askapatient", "1-5")])
def test_rating_scale_from_the_layout(layout, scale):
    r = records()
    r.attrs["layout"] = layout
    assert summarise(r, by="drug")["drugs"]["rating_scale"].iloc[0] == scale


def test_rating_scale_column_wins():
    """A scale given by the reader (--rating-scale) is what the table says, even on values
    that would fit another scale."""
    r = records().assign(rating_scale="1-5")
    r.attrs["layout"] = "drugscom"
    assert set(summarise(r, by="drug")["drugs"]["rating_scale"]) == {"1-5"}


def test_outcome_shares_wilson_and_denominators():
    t = summarise(records(), by="drug")["drug_outcomes"]
    ldn = t[t["drug"] == "LDN"].set_index("outcome")
    # Ann (positive, mixed) and Bo (no effect): 2 persons reviewed LDN.
    assert ldn.loc["benefit", ["persons", "persons_denominator"]].tolist() == [1, 2]
    assert ldn.loc["harm", ["persons", "comments", "comments_denominator"]].tolist() == [1, 1, 3]
    assert ldn.loc["no effect", "persons"] == 1
    assert ldn.loc["adverse: vivid_dreams", "persons"] == 1
    low, high = wilson_interval(1, 2)
    assert np.isclose(ldn.loc["benefit", "ci95_low"], low)
    assert np.isclose(ldn.loc["benefit", "ci95_high"], high)
    # Another drug's outcome is not in the guide's (LDN) fields: empty, not zero.
    glat = t[t["drug"] == "glatiramer"].set_index("outcome")
    assert glat["persons"].isna().all() and (glat["persons_denominator"] == 0).all()


def test_other_drug_outcome_columns_are_used_when_present():
    r = records().assign(drug_effect=[None, None, None, None, "positive", "negative"],
                         drug_adverse_events=[[], [], [], [], [], ["other"]])
    glat = summarise(r, by="drug")["drug_outcomes"]
    glat = glat[glat["drug"] == "glatiramer"].set_index("outcome")
    assert glat.loc["benefit", ["persons", "persons_denominator"]].tolist() == [1, 2]
    assert glat.loc["adverse: other", "persons"] == 1


def test_unit_comment():
    t = summarise(records(), by="drug", unit="comment")["drug_outcomes"]
    assert list(t.columns[2:5]) == ["comments", "comments_denominator", "comments_share"]
    assert t.attrs["unit"] == "comment"


def test_input_not_mutated_and_empty():
    r = records()
    before = r.copy()
    summarise(r, by="drug")
    pd.testing.assert_frame_equal(r, before)
    empty = summarise(coerce_records(pd.DataFrame({"position": []})), by="drug")
    assert len(empty["drugs"]) == 0 and len(empty["drug_outcomes"]) == 0


def test_thread_with_one_drug_from_attrs():
    r = records().drop(columns=["drug", "condition"])
    r.attrs["drug"] = "Low dose naltrexone"
    assert summarise(r, by="drug")["drugs"]["drug"].tolist() == ["LDN"]


def test_figure_label_and_groups_sentence():
    fig, ax = plt.subplots()
    try:
        assert effect_by_drug(records(), ax=ax) is ax
        caption = " ".join(t.get_text() for t in ax.texts if t.get_gid() == CAPTION_GID)
        caption = " ".join(caption.split())
        assert LABEL in caption and DIFFERENT_GROUPS in caption
        assert ax.get_title().startswith("Reported outcome by reviewed drug")
        assert "6 reviews of 3 drugs" in ax.get_title()
    finally:
        plt.close(fig)


def test_figure_on_a_review_fixture():
    from ldn_comments.extract import extract
    from ldn_comments.readers import read_comments

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = extract(read_comments(REVIEWS / "webmd.csv"))
    ax = effect_by_drug(r)
    try:
        labels = [t.get_text() for t in ax.get_yticklabels()]
        assert labels[0].startswith("LDN") and len(labels) == 6
    finally:
        plt.close("all")
