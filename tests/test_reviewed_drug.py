"""A review of a drug other than LDN: that drug's outcome goes to drug_* columns, never
to the guide's LDN outcome fields."""
import pandas as pd

from ldn_comments.extract import extract
from ldn_comments.summarise import summarise


def test_other_drug_outcome_is_kept_apart_from_ldn():
    reviews = pd.DataFrame({
        "drug": ["Copaxone", "Naltrexone", "Naltrexone"],
        "condition": ["Multiple Sclerosis", "Multiple Sclerosis", "Alcohol Dependence"],
        "text": ["Since starting this drug I have had no relapses.",
                 "On 4.5 mg of this for a year, more energy but vivid dreams.",
                 "This medication gave me headaches and nausea every day."]})
    r = extract(reviews)
    assert r.loc[0, "drug_effect"] == "positive" and r.loc[0, "drug_benefits"] == ["relapses"]
    assert pd.isna(r.loc[0, "effect"]) and r.loc[0, "benefits"] == []
    assert r.loc[1, "effect"] == "mixed" and pd.isna(r.loc[1, "drug_effect"])
    assert str(r.loc[2, "ldn_use"]) == "none"
    assert r.loc[2, "drug_effect"] == "negative"
    assert r.loc[2, "drug_adverse_events"] == ["headache", "nausea"]
    for i, ev in enumerate(r["evidence"]):
        for key, spans in ev.items():
            assert all(0 <= a < b <= len(r.loc[i, "text"]) for a, b, _rule in spans), key


def test_by_drug_table_counts_other_drugs_outcomes():
    reviews = pd.DataFrame({"drug": ["Copaxone", "Copaxone"],
                            "condition": ["MS", "MS"],
                            "text": ["No relapses since I started it.", "It did nothing for me."]})
    t = summarise(extract(reviews), by="drug")["drug_outcomes"]
    rows = t[t["drug"] == "glatiramer"].set_index("outcome")
    assert int(rows.loc["benefit", "persons"]) == 1
    assert int(rows.loc["no effect", "persons"]) == 1
    assert int(rows.loc["benefit", "persons_denominator"]) == 2
