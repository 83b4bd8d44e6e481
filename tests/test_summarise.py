"""summarise(): per-person counts with per-comment counts beside, labelled tables."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from ldn_comments.errors import UsageError
from ldn_comments.label import LABEL
from ldn_comments.records import coerce_records
from ldn_comments.summarise import TABLE_NAMES, Summary, summarise


@pytest.fixture
def loud():
    """One loud writer with 4 positive comments and 3 other people.

    Per person: 4 users; positive 1, no_effect 1, negative 1, none reported 1 (1/4 each).
    Per comment: 7 user comments; positive 4/7.
    """
    rows = [{"position": i, "author": "Loud", "speaker_role": "patient",
             "ldn_use": "current", "effect": "positive", "benefits": ["fatigue"],
             "dose_values": [4.5], "dose_unit": "mg", "current_dose": 4.5,
             "ldn_duration_months": 24} for i in (1, 3, 5, 7)]
    rows += [
        {"position": 2, "author": "Bo", "speaker_role": "patient", "ldn_use": "current",
         "effect": "no_effect", "dose_values": [3.0, 4.5], "dose_unit": "mg",
         "current_dose": 3.0, "ldn_duration_months": 3, "is_question": False},
        {"position": 4, "author": "Cy", "speaker_role": "caregiver", "second_hand": True,
         "ldn_use": "past", "effect": "negative", "adverse_events": ["vivid_dreams"],
         "dose_values": [2.5], "dose_unit": "ml", "current_dose": 2.5,
         "ldn_duration_months": 36.0,
         "therapies": [{"name": "glatiramer", "status": "past"}]},
        {"position": 6, "author": "Di", "speaker_role": "patient", "ldn_use": "current",
         "is_question": True, "ldn_duration_months": 37,
         "therapies": [{"name": "glatiramer", "status": "current"}]},
        {"position": 8, "author": "Ed", "ldn_use": "planned", "is_question": True},
    ]
    return coerce_records(pd.DataFrame(rows))


def test_per_person_versus_per_comment(loud):
    s = summarise(loud)
    assert s.n_persons == 5 and s.n_comments == 8
    t = s["effect"].set_index("effect")
    assert t.loc["positive", "persons"] == 1
    assert t.loc["positive", "persons_denominator"] == 4
    assert t.loc["positive", "persons_share"] == 0.25
    assert t.loc["positive", "comments"] == 4
    assert t.loc["positive", "comments_denominator"] == 7
    assert t.loc["positive", "comments_share"] == pytest.approx(4 / 7)
    assert t.loc["none reported", "persons"] == 1  # Di: uses LDN, no outcome
    assert t["persons"].sum() == 4 and t["comments"].sum() == 7
    # the planned user (Ed) is not in the effect denominator
    use = s["ldn_use"].set_index("ldn_use")
    assert use.loc["planned", "persons"] == 1 and use.loc["current", "persons"] == 3
    assert use["persons_denominator"].iloc[0] == 5


def test_wilson_interval_hand_computed(loud):
    # 1 of 4, z = 1.959964: centre = (0.25 + z²/8)/(1 + z²/4) = 0.372474,
    # half = z*sqrt(0.25*0.75/4 + z²/64)/(1 + z²/4) = 0.326886
    t = summarise(loud)["effect"].set_index("effect")
    assert t.loc["positive", "ci95_low"] == pytest.approx(0.045588, abs=1e-5)
    assert t.loc["positive", "ci95_high"] == pytest.approx(0.699360, abs=1e-5)


def test_unit_comment_puts_the_interval_on_comments(loud):
    t = summarise(loud, unit="comment")["effect"]
    assert t.attrs["unit"] == "comment"
    assert list(t.columns[:6]) == ["effect", "comments", "comments_denominator",
                                   "comments_share", "ci95_low", "ci95_high"]
    row = t.set_index("effect").loc["positive"]
    # Wilson 4 of 7 (hand check: centre 0.5461, half 0.2957)
    assert row["ci95_low"] == pytest.approx(0.2504, abs=1e-3)
    assert row["ci95_high"] == pytest.approx(0.8416, abs=1e-3)


def test_every_table_is_labelled_and_named(loud):
    s = summarise(loud)
    assert isinstance(s, Summary)
    assert tuple(s.tables) == TABLE_NAMES
    assert [name for name, _ in s] == list(TABLE_NAMES)
    assert s.label == LABEL and len(s) == len(TABLE_NAMES) and "effect" in s
    for name, table in s:
        assert table.attrs["label"] == LABEL, name
        assert table.attrs["unit"] == "person", name
        assert table.attrs["title"] and table.attrs["note"], name


def test_dtypes(loud):
    s = summarise(loud)
    for name in ("ldn_use", "effect", "benefits", "adverse_events", "ms_type",
                 "speaker_role", "questions", "duration_bands", "therapies"):
        t = s[name]
        assert str(t["persons"].dtype) == "Int64", name
        assert str(t["comments_denominator"].dtype) == "Int64", name
        assert str(t["persons_share"].dtype) == "Float64", name
        assert str(t["ci95_low"].dtype) == "Float64", name
    assert str(s["dose_mg"]["median"].dtype) == "Float64"
    assert str(s["dose_mg_values"]["persons_current"].dtype) == "Int64"


def test_benefits_and_adverse_events(loud):
    s = summarise(loud)
    b = s["benefits"].set_index("benefit")
    assert b.loc["fatigue", "persons"] == 1 and b.loc["fatigue", "comments"] == 4
    assert b.loc["any", "persons_denominator"] == 4
    a = s["adverse_events"].set_index("adverse_event")
    assert a.loc["vivid_dreams", "persons"] == 1


def test_doses_by_unit_never_mixed(loud):
    s = summarise(loud)
    mg = s["dose_mg"].set_index(["measure", "counted"])
    cur = mg.loc[("current dose", "persons")]
    assert cur["n"] == 2 and cur["median"] == 3.75 and cur["min"] == 3.0
    assert mg.loc[("current dose", "comments"), "n"] == 5
    assert mg.loc[("all stated doses", "persons"), "values"] == 3  # 4.5 | 3.0, 4.5
    ml = s["dose_ml"].set_index(["measure", "counted"])
    assert ml.loc[("current dose", "persons"), "median"] == 2.5
    v = s["dose_mg_values"].set_index("dose")
    assert v.loc[4.5, "persons_current"] == 1 and v.loc[4.5, "persons_stated"] == 2
    assert v.loc[4.5, "comments_current"] == 4
    assert 2.5 not in v.index


def test_duration_and_bands(loud):
    s = summarise(loud)
    d = s["duration"].set_index("counted")
    assert d.loc["persons", "n"] == 4 and d.loc["persons", "median"] == 30
    assert d.loc["comments", "n"] == 7
    bands = s["duration_bands"].set_index("duration")["persons"]
    # 3 -> 3–12 months; 24 and 36 -> 1–3 years; 37 -> > 3 years
    assert bands.to_dict() == {"< 3 months": 0, "3–12 months": 1, "1–3 years": 2,
                               "> 3 years": 1}


def test_therapies_speaker_role_questions(loud):
    s = summarise(loud)
    t = s["therapies"].set_index("therapy")
    assert t.loc["glatiramer", "persons"] == 2
    assert t.loc["glatiramer", "past"] == 1 and t.loc["glatiramer", "current"] == 1
    r = s["speaker_role"].set_index("speaker_role")
    assert r.loc["caregiver", "persons"] == 1
    assert r.loc["second-hand (any role)", "persons"] == 1
    assert r.loc["not stated", "persons"] == 1  # Ed
    q = s["questions"].set_index("questions")
    assert q.loc["asked a question", "persons"] == 2


def test_to_text(loud):
    s = summarise(loud)
    text = s.to_text()
    assert text.startswith(LABEL[:40])
    for _, table in s:
        assert table.attrs["title"] in text
    assert "counted per person" in text


def test_options():
    r = coerce_records(pd.DataFrame([{"position": 1, "author": "A"}]))
    with pytest.raises(UsageError):
        summarise(r, by="colour")
    with pytest.raises(UsageError):
        summarise(r, unit="thread")


def test_empty_records():
    s = summarise(coerce_records(pd.DataFrame({"position": []})))
    assert s.n_persons == 0 and s.n_comments == 0
    assert tuple(s.tables) == TABLE_NAMES
    assert "No reports" in s.to_text()
    assert math.isnan(float(s["effect"]["persons_share"].astype(float).iloc[0]))


def test_input_not_modified(loud):
    before = loud.copy()
    summarise(loud)
    pd.testing.assert_frame_equal(loud, before)


def test_gold_records(gold_records):
    s = summarise(gold_records)
    assert s.n_comments == len(gold_records)
    assert s.n_persons == gold_records["person"].nunique()
    eff = s["effect"]
    assert eff["persons"].sum() == eff["persons_denominator"].iloc[0]
    assert (eff["persons"] <= eff["comments"]).all()
    assert s["ldn_use"]["persons"].sum() == s.n_persons
