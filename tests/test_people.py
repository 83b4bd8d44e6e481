"""people(): one row per person, a writer's comments combined in thread order."""
from __future__ import annotations

import pandas as pd
import pytest

from ldn_comments.label import LABEL
from ldn_comments.people import PEOPLE_COLUMNS, people, person_key
from ldn_comments.records import coerce_records


def _records(rows):
    return coerce_records(pd.DataFrame(rows))


@pytest.fixture
def mixed():
    # Rows deliberately out of thread order: people() must sort by position.
    return _records([
        {"position": 3, "author": "Ann  Smith", "speaker_role": "patient",
         "ldn_use": "none", "is_question": True, "ms_type": "MS",
         "dose_values": [4.5], "dose_unit": "mg", "current_dose": 4.5,
         "ldn_duration_months": 6, "effect": "positive", "benefits": ["fatigue"],
         "therapies": [{"name": "glatiramer", "status": "current"}]},
        {"position": 1, "author": "Ann Smíth", "speaker_role": "unknown",
         "ldn_use": "current", "is_question": False, "second_hand": False,
         "ms_type": "RRMS", "dose_values": [1.5, 3.0], "dose_unit": "mg",
         "current_dose": 3.0, "ldn_duration_months": 24, "effect": "mixed",
         "benefits": ["relapses"], "adverse_events": ["vivid_dreams"],
         "therapies": [{"name": "glatiramer", "status": "past"},
                       {"name": "baclofen", "status": "current"}]},
        {"position": 2, "author": "Nurse Kay", "speaker_role": "clinician",
         "ldn_use": "current", "second_hand": True, "dose_values": [2.0],
         "dose_unit": "ml", "current_dose": 2.0},
        {"position": 4, "author": "nurse kay", "speaker_role": "patient",
         "ldn_use": "past", "ms_type": "CIS", "dose_values": [4.5], "dose_unit": "mg",
         "current_dose": 4.5},
        {"position": 5, "author": "Nurse Kay", "ms_type": "MS", "ldn_use": "none"},
        {"position": 6, "author": None, "ldn_use": "planned", "is_question": True},
    ])


def test_one_row_per_person_in_order_of_first_appearance(mixed):
    p = people(mixed)
    assert list(p["person"]) == ["ann-smith", "nurse-kay", "anonymous-6"]
    assert list(p.columns) == PEOPLE_COLUMNS
    assert p["n_comments"].tolist() == [2, 3, 1]
    assert p["first_position"].tolist() == [1, 2, 6]
    # the first spelling seen in thread order, not in row order
    assert p.loc[0, "author"] == "Ann Smíth"
    assert p.loc[1, "author"] == "Nurse Kay"


def test_scalar_rules(mixed):
    p = people(mixed).set_index("person")
    ann, kay = p.loc["ann-smith"], p.loc["nurse-kay"]
    # ldn_use: latest stated, 'none' ignored when something else was stated
    assert ann["ldn_use"] == "current"
    assert kay["ldn_use"] == "past"
    assert p.loc["anonymous-6", "ldn_use"] == "planned"
    # speaker_role: the most specific ever stated
    assert ann["speaker_role"] == "patient"
    assert kay["speaker_role"] == "clinician"
    # ms_type: a bare MS does not undo a stated course; MS after CIS does replace it
    assert ann["ms_type"] == "RRMS"
    assert kay["ms_type"] == "MS"
    # any-true booleans
    assert bool(ann["is_question"]) is True and bool(ann["second_hand"]) is False
    assert bool(kay["second_hand"]) is True
    assert pd.isna(kay["is_question"])  # never stated
    # duration max, effect latest
    assert ann["ldn_duration_months"] == 24
    assert ann["effect"] == "positive"


def test_lists_are_unions_and_therapies_take_latest_status(mixed):
    ann = people(mixed).set_index("person").loc["ann-smith"]
    assert ann["benefits"] == ["relapses", "fatigue"]  # guide order
    assert ann["adverse_events"] == ["vivid_dreams"]
    assert ann["therapies"] == [{"name": "baclofen", "status": "current"},
                                {"name": "glatiramer", "status": "current"}]


def test_doses_never_mix_units(mixed):
    p = people(mixed).set_index("person")
    ann, kay = p.loc["ann-smith"], p.loc["nurse-kay"]
    assert ann["dose_unit"] == "mg"
    assert ann["dose_values"] == [1.5, 3.0, 4.5]
    assert ann["current_dose"] == 4.5
    # Kay wrote 2 ml, then 4.5 mg: the latest unit wins and ml values are not pooled in
    assert kay["dose_unit"] == "mg"
    assert kay["dose_values"] == [4.5]
    assert kay["current_dose"] == 4.5


def test_unitless_doses_kept_without_a_unit():
    p = people(_records([{"position": 1, "author": "A", "dose_values": [1.5, 3.0],
                          "current_dose": 1.5}]))
    assert p.loc[0, "dose_values"] == [1.5, 3.0]
    assert pd.isna(p.loc[0, "dose_unit"]) and p.loc[0, "current_dose"] == 1.5


def test_dtypes_and_label(mixed):
    p = people(mixed)
    for col in ("speaker_role", "ldn_use", "ms_type", "dose_unit", "effect"):
        assert isinstance(p[col].dtype, pd.CategoricalDtype), col
    assert str(p["n_comments"].dtype) == "Int64"
    assert str(p["first_position"].dtype) == "Int64"
    assert str(p["second_hand"].dtype) == "boolean"
    assert str(p["is_question"].dtype) == "boolean"
    assert str(p["current_dose"].dtype) == "Float64"
    assert p.attrs["label"] == LABEL and p.attrs["unit"] == "person"


def test_input_not_modified(mixed):
    before = mixed.copy()
    people(mixed)
    pd.testing.assert_frame_equal(mixed, before)


def test_empty_records():
    p = people(coerce_records(pd.DataFrame({"position": []})))
    assert len(p) == 0 and list(p.columns) == PEOPLE_COLUMNS
    assert str(p["n_comments"].dtype) == "Int64"
    assert p.attrs["label"] == LABEL


def test_person_column_wins_over_author():
    p = people(_records([{"position": 1, "author": "J.", "person": "judy-e"},
                         {"position": 2, "author": "Judy E.", "person": "judy-e"}]))
    assert p["person"].tolist() == ["judy-e"] and p.loc[0, "n_comments"] == 2


def test_gold_records(gold_records):
    p = people(gold_records)
    assert len(p) == gold_records["person"].nunique()
    assert p["n_comments"].sum() == len(gold_records)
    marta = p.set_index("person").loc[person_key("Marta Bjarnadottir")]
    assert marta["n_comments"] == 5 and marta["dose_unit"] == "ml"
