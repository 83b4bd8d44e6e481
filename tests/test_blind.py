"""Blind held-out sets: 30 long-form texts and 30 Drugs.com-style reviews (see the READMEs in
tests/fixtures/blind_longform/ and tests/fixtures/blind_reviews/). Their gold was written by
an annotator who had not read the extractor, its lexicons or its behaviour tests.

The floors below are placeholders (0.0): the integrator sets them after measuring the merged
extractor, a little below the measured macro-F1, so that a change that loses general ground
shows up. Do not tune the extractor on these texts."""
import json
import math
from pathlib import Path

import pytest

from ldn_comments.evaluate import evaluate, read_gold
from ldn_comments.run import extract
from ldn_comments.readers import read_comments

HERE = Path(__file__).parent / "fixtures"

# Regression floors, set below the first measured scores so that a change losing general
# ground shows up; not tuning targets. Measured 2026-12-03: long-form 0.813 on the code
# before issues 16/19 and 0.806 after; reviews 0.869 before and 0.896 after. The second
# long-form set (written blind later that day) scored 0.772 on the code of the start of the
# last round and 0.829 at its end; the long-form development set (read and used to find
# misses, so not blind) 0.739 when first scored and 0.877 at the end.
FLOOR_LONGFORM = 0.76
FLOOR_REVIEWS = 0.85
FLOOR_LONGFORM2 = 0.79
FLOOR_DEV = 0.84

SETS = [
    ("blind_longform/longform.csv", "blind_longform/longform.gold.jsonl", 30),
    ("blind_reviews/drugscom.tsv", "blind_reviews/drugscom.gold.jsonl", 30),
    ("blind_longform2/longform2.csv", "blind_longform2/longform2.gold.jsonl", 36),
    ("longform_dev/longform_dev.csv", "longform_dev/longform_dev.gold.jsonl", 45),
]

# Value sets of /work/shared/ANNOTATION.md, copied from the guide (not from the extractor).
ENUMS = {
    "speaker_role": {"patient", "caregiver", "clinician", "unknown"},
    "ldn_use": {"current", "past", "planned", "none"},
    "ms_type": {"RRMS", "SPMS", "PPMS", "CIS", "MS", None},
    "dose_unit": {"mg", "ml", None},
    "dose_frequency": {"daily", "intermittent", None},
    "effect": {"positive", "negative", "mixed", "no_effect", None},
}
THERAPY_NAMES = {
    "interferon_beta", "glatiramer", "dimethyl_fumarate", "fingolimod", "natalizumab",
    "ocrelizumab", "teriflunomide", "alemtuzumab", "cladribine", "ofatumumab", "siponimod",
    "rituximab", "mitoxantrone", "dmt_unspecified", "baclofen", "tizanidine", "gabapentin",
    "pregabalin", "botulinum_toxin", "citalopram", "ibuprofen", "codeine",
    "opioids_unspecified", "zopiclone", "tramadol", "dalfampridine", "modafinil", "amantadine",
    "cannabis", "steroids", "vitamin_d", "swank_diet", "plant_based_diet", "gluten_free_diet",
    "vegetarian_diet", "lactose_free_diet", "wahls_protocol", "keto_diet", "diet_unspecified",
    "exercise", "ccsvi", "stem_cells", "acupuncture",
}
THERAPY_STATUSES = {"current", "past", "considering", "never"}
BENEFITS = {"relapses", "progression", "mri", "fatigue", "spasticity", "pain", "mobility", "mood",
            "cognition", "sleep", "bladder_bowel", "vision", "wellbeing", "fewer_medicines"}
ADVERSE_EVENTS = {"sleep_disturbance", "vivid_dreams", "spasticity", "pain", "fatigue",
                  "headache", "nausea", "symptom_flare", "other"}
KEYS = ["position", "parent", "author", "person", "speaker_role", "is_question", "ldn_use",
        "second_hand", "ms_type", "age", "diagnosis_year", "years_since_diagnosis",
        "dose_values", "dose_unit", "current_dose", "dose_frequency", "ldn_start",
        "ldn_duration_months", "therapies", "effect", "benefits", "adverse_events", "notes"]


def _gold_rows(gold):
    lines = (HERE / gold).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.mark.parametrize("thread,gold,size", SETS)
def test_blind_gold_uses_only_the_guides_fields_and_values(thread, gold, size):
    rows = _gold_rows(gold)
    assert [row["position"] for row in rows] == list(range(1, size + 1))
    for row in rows:
        where = f"{gold}:{row['position']}"
        assert list(row) == KEYS, where
        for field, legal in ENUMS.items():
            assert row[field] in legal, (where, field, row[field])
        assert isinstance(row["is_question"], bool) and isinstance(row["second_hand"], bool), where
        assert row["dose_values"] == sorted(set(row["dose_values"])), where
        # A current dose is one of the stated doses; a planned use has none.
        assert row["current_dose"] is None or row["current_dose"] in row["dose_values"], where
        assert row["ldn_use"] != "planned" or row["current_dose"] is None, where
        # Doses without a use are impossible: no use means no LDN fields and no outcome.
        if row["ldn_use"] == "none":
            assert not row["dose_values"] and row["effect"] is None, where
        names = [therapy["name"] for therapy in row["therapies"]]
        assert names == sorted(names) and set(names) <= THERAPY_NAMES, where
        assert {therapy["status"] for therapy in row["therapies"]} <= THERAPY_STATUSES, where
        assert row["benefits"] == sorted(row["benefits"]) and set(row["benefits"]) <= BENEFITS, where
        assert (row["adverse_events"] == sorted(row["adverse_events"])
                and set(row["adverse_events"]) <= ADVERSE_EVENTS), where
        # An effect needs a use; benefits and harms must agree with the effect label.
        if row["effect"] == "positive":
            assert row["benefits"] and not row["adverse_events"], where
        if row["effect"] == "negative":
            assert row["adverse_events"] and not row["benefits"], where
        if row["effect"] == "mixed":
            assert row["benefits"] and row["adverse_events"], where
        if row["effect"] in (None, "no_effect"):
            assert not row["benefits"] and not row["adverse_events"], where
        for field in ("years_since_diagnosis", "ldn_duration_months", "current_dose"):
            assert row[field] is None or math.isfinite(row[field]), where


@pytest.mark.parametrize("thread,gold,size", SETS)
def test_blind_gold_scores_perfectly_against_itself(thread, gold, size):
    rows = read_gold(HERE / gold)
    scores = evaluate(rows, rows)
    assert scores.loc[scores["field"] == "macro", "f1"].iloc[0] == pytest.approx(1.0)


@pytest.mark.parametrize("thread,gold,floor", [
    (SETS[0][0], SETS[0][1], FLOOR_LONGFORM),
    (SETS[1][0], SETS[1][1], FLOOR_REVIEWS),
    (SETS[2][0], SETS[2][1], FLOOR_LONGFORM2),
    (SETS[3][0], SETS[3][1], FLOOR_DEV),
])
def test_blind_macro_f1_stays_above_its_floor(thread, gold, floor):
    records = extract(read_comments(HERE / thread))
    assert len(records) == len(_gold_rows(gold)), "every text must give one record"
    scores = evaluate(read_gold(HERE / gold), records)
    macro = float(scores.loc[scores["field"] == "macro", "f1"].iloc[0])
    assert macro >= floor, scores[["field", "f1"]].to_string()
