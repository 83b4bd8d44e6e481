"""The trial-evidence table: every entry loads, every quote is in its source document,
every count is in a quote, and the loader is strict."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from ldn_comments.errors import RulesError
from ldn_comments.evidence import (CERTAINTY_ORDER, GRADE_NOTE, REQUIRED_KEYS, load_trials,
                                   trial_evidence)
from ldn_comments.label import LABEL

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
          "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
          "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
         "ninety"]


def _words(n: int) -> set[str]:
    """English spellings of n below 100 ("eighty", "forty-five", "forty five")."""
    if n < 20:
        return {_UNITS[n]}
    if n < 100:
        tens, unit = divmod(n, 10)
        if unit == 0:
            return {_TENS[tens]}
        return {f"{_TENS[tens]}-{_UNITS[unit]}", f"{_TENS[tens]} {_UNITS[unit]}"}
    return set()


def _mentions(text: str, n: int) -> bool:
    """Whether `text` states n as digits (with or without thousands commas) or words."""
    text = text.lower()
    for form in {str(n), f"{n:,}"}:
        if re.search(rf"(?<![\d.,]){re.escape(form)}(?![\d]|[.,]\d)", text):
            return True
    return any(re.search(rf"\b{re.escape(w)}\b", text) for w in _words(n))


def _norm(text: str) -> str:
    return " ".join(text.split())


def _seed_text(name: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"source documents absent ({SEEDS} is not beside the repository)")
    path = SEEDS / name
    assert path.exists(), f"cited document {name} is not in {SEEDS}"
    return _norm(path.read_text(encoding="utf-8"))


STUDIES = load_trials()
IDS = [s["id"] for s in STUDIES]


def _packaged() -> dict:
    from importlib import resources
    return json.loads(resources.files("ldn_comments").joinpath("data", "trials.json")
                      .read_text(encoding="utf-8"))


def test_every_entry_loads_with_every_required_key():
    assert len(STUDIES) == len(_packaged()["studies"]) >= 8
    for study in STUDIES:
        assert set(REQUIRED_KEYS) <= set(study)
        assert study["certainty"] in CERTAINTY_ORDER
    assert len(set(IDS)) == len(IDS)


@pytest.mark.parametrize("study", STUDIES, ids=IDS)
def test_every_quote_is_in_its_document(study):
    for src in study["sources"]:
        assert _norm(src["quote"]) in _seed_text(src["document"]), (
            f"{study['id']}: quote not found in {src['document']}: {src['quote']!r}")


@pytest.mark.parametrize("study", STUDIES, ids=IDS)
def test_every_count_is_stated_in_a_quote(study):
    for key in ("n_enrolled", "n_completed"):
        n = study[key]
        if n is not None:
            assert any(_mentions(src["quote"], n) for src in study["sources"]), (
                f"{study['id']}: {key}={n} is in none of its quotes")


def test_mentions_reads_digits_commas_and_words():
    assert _mentions("Eighty patients were enrolled", 80)
    assert _mentions("involving 11,184 participants", 11184)
    assert _mentions("60 of the 80 original", 60)
    assert not _mentions("4.5 mg", 5)
    assert not _mentions("180 people", 80)


def test_cree_entry():
    cree = next(s for s in STUDIES if s["id"] == "cree_2010")
    assert (cree["n_enrolled"], cree["n_completed"]) == (80, 60)
    assert "4.5 mg" in cree["dose"]
    assert "crossover" in cree["design"] and "placebo" in cree["design"]
    assert "68(2):145" in cree["citation"]


def test_expected_studies_are_present():
    by_id = {s["id"]: s for s in STUDIES}
    assert by_id["rrms_spms_17_week_2010"]["n_enrolled"] == 96
    assert by_id["ppms_pilot_2008"]["n_enrolled"] == 40
    assert by_id["ppms_pilot_2008"]["dose"] == "5 mg"
    assert by_id["smith_2007_crohns"]["n_enrolled"] == 17
    assert by_id["chronic_pain_clinic_115"]["n_enrolled"] == 115
    assert by_id["naltrexone_safety_review_2019"]["n_enrolled"] == 11184
    assert "EAE" in by_id["zagon_2009_mouse_eae"]["population"]


def test_anecdotes_are_on_the_ladder_at_the_bottom():
    comments = next(s for s in STUDIES if s["id"] == "patient_comments")
    assert comments["certainty"] == "very low"
    assert "self-selected" in comments["design"]
    # No uncontrolled design is rated above "very low".
    for study in STUDIES:
        if "randomised" not in study["design"]:
            assert study["certainty"] == "very low", study["id"]


def test_table_is_labelled_and_typed():
    table = trial_evidence()
    assert table.attrs["label"] == LABEL
    assert table.attrs["unit"] == "trial"
    assert table.attrs["note"] == GRADE_NOTE
    assert list(table["id"]) == IDS
    assert str(table["n_enrolled"].dtype) == "Int64"
    assert str(table["n_completed"].dtype) == "Int64"
    assert list(table["certainty"].cat.categories) == CERTAINTY_ORDER
    assert table["certainty"].cat.ordered
    cree = table.set_index("id").loc["cree_2010"]
    assert cree["source_documents"].split("; ") == [
        "001_c6d47190be1a3eee.txt", "004_ce56091ed34cd983.txt", "002_1d261edf5158d595.txt"]
    assert isinstance(cree["sources"], list) and cree["sources"][0]["quote"]
    assert pd.isna(table.set_index("id").loc["zagon_2009_mouse_eae", "n_enrolled"])


def test_table_is_a_fresh_copy_each_call():
    first = trial_evidence()
    first.loc[0, "finding"] = "changed"
    first.loc[0, "sources"].append({"document": "x", "quote": "y"})
    again = trial_evidence()
    assert again.loc[0, "finding"] != "changed"
    assert len(again.loc[0, "sources"]) == len(STUDIES[0]["sources"])


def _write(tmp_path, data) -> Path:
    path = tmp_path / "trials.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_strict_loader_rejects_an_unknown_key(tmp_path):
    data = _packaged()
    data["studies"][0]["p_value"] = 0.05
    with pytest.raises(RulesError, match="unknown key 'p_value'") as caught:
        trial_evidence(_write(tmp_path, data))
    assert caught.value.code == "E011"


def test_strict_loader_rejects_an_unknown_source_or_file_key(tmp_path):
    data = _packaged()
    data["studies"][0]["sources"][0]["page"] = 3
    with pytest.raises(RulesError, match="unknown key 'page'"):
        load_trials(_write(tmp_path, data))
    data = _packaged()
    data["version"] = 2
    with pytest.raises(RulesError, match="unknown key 'version'"):
        load_trials(text=json.dumps(data))


@pytest.mark.parametrize("key", REQUIRED_KEYS)
def test_strict_loader_rejects_a_missing_key(tmp_path, key):
    data = _packaged()
    del data["studies"][1][key]
    with pytest.raises(RulesError, match=f"missing key '{key}'") as caught:
        load_trials(_write(tmp_path, data))
    assert caught.value.code == "E011"


@pytest.mark.parametrize("key, value", [
    ("certainty", "very high"),
    ("n_enrolled", "80"),
    ("n_completed", True),
    ("n_completed", 81),
    ("finding", ""),
    ("sources", []),
    ("id", "smith_2007_crohns"),
])
def test_strict_loader_rejects_bad_values(key, value):
    data = _packaged()
    data["studies"][0][key] = value
    with pytest.raises(RulesError) as caught:
        load_trials(text=json.dumps(data))
    assert caught.value.code == "E011"


def test_strict_loader_rejects_malformed_json():
    with pytest.raises(RulesError, match="not valid JSON"):
        load_trials(text="{")
    with pytest.raises(RulesError):
        load_trials(text="[]")


def test_path_and_text_are_exclusive(tmp_path):
    with pytest.raises(ValueError):
        load_trials(tmp_path / "x.json", text="{}")
