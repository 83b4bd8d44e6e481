"""``ldn-comments extract`` and ``ldn-comments evaluate``: the command-line contract of
DESIGN.md and the done-when requirement that evaluate agrees with ``score.py`` on every
field."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from ldn_comments.cli import main

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seeds" / "001_c6d47190be1a3eee.txt"
SEED_GOLD = SHARED / "gold" / "seed_thread.jsonl"
SCORE_PY = SHARED / "tools" / "score.py"
THREAD = REPO / "tests" / "fixtures" / "invented" / "thread_c.txt"
THREAD_GOLD = REPO / "tests" / "fixtures" / "invented" / "thread_c.gold.jsonl"

#: The guide's record fields (ANNOTATION.md), in its order.
GUIDE_FIELDS = [
    "position", "parent", "author", "person", "speaker_role", "is_question", "ldn_use",
    "second_hand", "ms_type", "age", "diagnosis_year", "years_since_diagnosis",
    "dose_values", "dose_unit", "current_dose", "dose_frequency", "ldn_start",
    "ldn_duration_months", "therapies", "effect", "benefits", "adverse_events",
]
VALUE_SETS = {
    "speaker_role": {"patient", "caregiver", "clinician", "unknown"},
    "ldn_use": {"current", "past", "planned", "none"},
    "ms_type": {"RRMS", "SPMS", "PPMS", "CIS", "MS", None},
    "dose_unit": {"mg", "ml", None},
    "dose_frequency": {"daily", "intermittent", None},
    "effect": {"positive", "negative", "mixed", "no_effect", None},
}
#: score.py's keys that are not per-field scores.
SCORE_PY_META = {"comments_found", "macro_f1"}


def _need_shared():
    if not (SEED.exists() and SEED_GOLD.exists() and SCORE_PY.exists()):
        pytest.skip("../shared (seed thread, gold, score.py) is not beside the repository")


def _jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _n_comments(path) -> int:
    from ldn_comments.readers import read_comments

    return len(read_comments(path))


def _check_records(rows: list[dict], n: int):
    assert len(rows) == n
    assert [r["position"] for r in rows] == list(range(1, n + 1))
    for r in rows:
        missing = [f for f in GUIDE_FIELDS + ["evidence"] if f not in r]
        assert not missing, missing
        # the guide's fields come first, in the guide's order; extras follow
        assert [k for k in r if k in GUIDE_FIELDS] == GUIDE_FIELDS
        for f, allowed in VALUE_SETS.items():
            assert r[f] in allowed, (f, r[f])
        assert isinstance(r["is_question"], bool) and isinstance(r["second_hand"], bool)
        for f in ("dose_values", "benefits", "adverse_events", "therapies"):
            assert isinstance(r[f], list), f
        for t in r["therapies"]:
            assert set(t) == {"name", "status"}
        assert isinstance(r["evidence"], dict)
        for field, spans in r["evidence"].items():
            assert field in GUIDE_FIELDS
            for start, end, rule in spans:
                assert 0 <= start < end and isinstance(rule, str)


@pytest.fixture(scope="module")
def seed_jsonl(tmp_path_factory):
    """The seed thread's records written by ``extract -o records.jsonl``."""
    _need_shared()
    out = tmp_path_factory.mktemp("cli") / "records.jsonl"
    assert main(["extract", str(SEED), "-o", str(out), "--no-progress"]) == 0
    return out


def test_extract_jsonl(tmp_path):
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(THREAD), "-o", str(out)]) == 0
    rows = _jsonl(out.read_text(encoding="utf-8"))
    _check_records(rows, _n_comments(THREAD))


def test_extract_seed_jsonl(seed_jsonl):
    _check_records(_jsonl(seed_jsonl.read_text(encoding="utf-8")), _n_comments(SEED))


def test_extract_csv(tmp_path):
    out = tmp_path / "out.csv"
    assert main(["extract", str(THREAD), "-o", str(out)]) == 0
    frame = pd.read_csv(out)
    assert len(frame) == _n_comments(THREAD)
    assert set(GUIDE_FIELDS + ["evidence"]) <= set(frame.columns)
    assert list(frame["position"]) == list(range(1, len(frame) + 1))


def test_extract_parquet(tmp_path):
    pytest.importorskip("pyarrow")
    out = tmp_path / "out.parquet"
    assert main(["extract", str(THREAD), "-o", str(out)]) == 0
    frame = pd.read_parquet(out)
    assert len(frame) == _n_comments(THREAD)
    assert set(GUIDE_FIELDS + ["evidence"]) <= set(frame.columns)


def test_extract_stdout(capsys):
    assert main(["extract", str(THREAD), "-o", "-", "--no-progress"]) == 0
    captured = capsys.readouterr()
    _check_records(_jsonl(captured.out), _n_comments(THREAD))


def test_extract_formats_agree(tmp_path):
    """CSV and parquet hold the same values as JSONL (read back as records)."""
    from ldn_comments.records import read_records

    frames = {}
    for suffix in ("jsonl", "csv", "parquet"):
        if suffix == "parquet":
            pytest.importorskip("pyarrow")
        out = tmp_path / f"out.{suffix}"
        assert main(["extract", str(THREAD), "-o", str(out)]) == 0
        frames[suffix] = read_records(out)
    base = frames["jsonl"]
    for suffix, frame in frames.items():
        for f in ("ldn_use", "current_dose", "dose_values", "therapies", "benefits"):
            a = [None if not isinstance(v, list) and pd.isna(v) else v for v in base[f]]
            b = [None if not isinstance(v, list) and pd.isna(v) else v for v in frame[f]]
            assert a == b, (suffix, f)


def _score_py(gold, pred) -> dict:
    out = subprocess.run([sys.executable, str(SCORE_PY), str(gold), str(pred), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def _evaluate_json(capsys, argv) -> dict:
    capsys.readouterr()
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_evaluate_text_has_macro_line(capsys):
    _need_shared()
    assert main(["evaluate", str(SEED), "--gold", str(SEED_GOLD)]) == 0
    lines = capsys.readouterr().out.splitlines()
    macro = [ln for ln in lines if ln.startswith("macro_f1=")]
    assert len(macro) == 1, lines
    assert 0.0 <= float(macro[0].split("=", 1)[1]) <= 1.0


def _assert_agree(ours: dict, ref: dict):
    fields = ours["fields"]
    ref_fields = {k: v for k, v in ref.items() if k not in SCORE_PY_META}
    assert set(fields) == set(ref_fields), (set(fields) ^ set(ref_fields))
    diffs = {f: (fields[f]["f1"], ref_fields[f]) for f in ref_fields
             if abs(fields[f]["f1"] - ref_fields[f]) > 1e-9}
    assert not diffs, f"evaluate vs score.py (ours, score.py): {diffs}"
    assert ours["macro_f1"] == pytest.approx(ref["macro_f1"], abs=1e-9)
    assert list(ours["comments_found"]) == list(ref["comments_found"])


def test_evaluate_json_agrees_with_score_py_seed(capsys, seed_jsonl):
    """Done-when: ``ldn-comments evaluate`` agrees with score.py on every field."""
    ref = _score_py(SEED_GOLD, seed_jsonl)
    ours = _evaluate_json(capsys, ["evaluate", str(SEED), "--gold", str(SEED_GOLD), "--json"])
    _assert_agree(ours, ref)


def test_evaluate_json_agrees_with_score_py_invented(capsys, tmp_path):
    _need_shared()
    pred = tmp_path / "thread_c.jsonl"
    assert main(["extract", str(THREAD), "-o", str(pred)]) == 0
    ref = _score_py(THREAD_GOLD, pred)
    ours = _evaluate_json(capsys, ["evaluate", str(THREAD), "--gold", str(THREAD_GOLD),
                                   "--json"])
    _assert_agree(ours, ref)


def test_evaluate_records_file_same_as_thread(capsys, seed_jsonl):
    from_thread = _evaluate_json(capsys, ["evaluate", str(SEED), "--gold", str(SEED_GOLD),
                                          "--json"])
    from_records = _evaluate_json(capsys, ["evaluate", str(seed_jsonl), "--gold",
                                           str(SEED_GOLD), "--json"])
    for f, v in from_thread["fields"].items():
        assert from_records["fields"][f]["f1"] == pytest.approx(v["f1"], abs=1e-9), f
    assert from_records["macro_f1"] == pytest.approx(from_thread["macro_f1"], abs=1e-9)


@pytest.mark.parametrize("content", ["this is not json\n", "{\"position\": 1,\n", "[1, 2\n"])
def test_evaluate_bad_gold_exit_2(tmp_path, capsys, content):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(content, encoding="utf-8")
    capsys.readouterr()
    code = main(["evaluate", str(THREAD), "--gold", str(gold)])
    captured = capsys.readouterr()
    assert code == 2
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("ldn-comments: error:"), lines[0]
    assert "Traceback" not in captured.err
    assert captured.out == ""
