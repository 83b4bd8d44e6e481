"""`evaluate --rating-col`: the reviewed drug's extracted effect against the writers' own
ratings, and `evaluate --gold` refusing files that are not gold (issue 17, bug 2)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ldn_comments.cli import main
from ldn_comments.errors import InputError, UsageError
from ldn_comments.label import LABEL
from ldn_comments.rating_check import EFFECTS, format_rating_check, rating_check
from ldn_comments.stats import wilson_interval

THREADS = Path(__file__).parent / "fixtures" / "threads"


def _records(rows):
    return pd.DataFrame(rows, columns=["drug", "rating", "effect", "drug_effect"])


def test_bands_on_the_1_to_10_scale():
    records = _records([
        ("Copaxone", 1, None, "negative"), ("Copaxone", 4, None, "no_effect"),
        ("Copaxone", 5, None, "positive"), ("Copaxone", 6, None, None),
        ("Copaxone", 7, None, "positive"), ("Copaxone", 10, None, "negative"),
        ("Copaxone", 9, None, None)])
    check = rating_check(records, "rating")
    s = check.summary.set_index("measure")
    assert (s.loc["scored", "numerator"], s.loc["scored", "denominator"]) == (5, 7)
    assert (s.loc["filled", "numerator"], s.loc["filled", "denominator"]) == (4, 5)
    assert (s.loc["agreeing", "numerator"], s.loc["agreeing", "denominator"]) == (3, 4)
    assert check.confusion.loc["middle"].sum() == 2
    assert check.confusion.loc["high", "not filled"] == 1


def test_bands_on_the_1_to_5_scale():
    records = _records([("Gilenya", 2, None, "negative"), ("Gilenya", 3, None, "negative"),
                        ("Gilenya", 4, None, "positive")])
    s = rating_check(records, "rating", scale="1-5").summary.set_index("measure")
    assert s.loc["scored", "numerator"] == 2
    assert s.loc["agreeing", "numerator"] == 2


def test_mixed_agrees_with_both_ends():
    records = _records([("Tysabri", 2, None, "mixed"), ("Tysabri", 9, None, "mixed")])
    s = rating_check(records).summary.set_index("measure")
    assert s.loc["agreeing", "numerator"] == 2


def test_ldn_reviews_use_the_guide_effect_and_other_drugs_drug_effect():
    # A naltrexone review for MS is LDN: its effect is the guide's `effect`, and the
    # (absent) drug_effect must not count; for Copaxone the reverse.
    records = _records([("Naltrexone", 9, "positive", None),
                        ("Copaxone", 9, "negative", "positive")])
    records["condition"] = ["Multiple Sclerosis", "Multiple Sclerosis"]
    check = rating_check(records)
    assert check.confusion.loc["high", "positive"] == 2
    assert check.confusion.loc["high", "negative"] == 0


def test_shares_carry_wilson_intervals_and_the_label():
    records = _records([("Copaxone", 9, None, "positive")] * 3 + [("Copaxone", 1, None, None)])
    check = rating_check(records)
    row = check.summary.set_index("measure").loc["filled"]
    low, high = wilson_interval(3, 4)
    assert row["share"] == 0.75 and row["ci_low"] == pytest.approx(low)
    assert row["ci_high"] == pytest.approx(high)
    assert check.summary.attrs["label"] == LABEL == check.label
    assert format_rating_check(check).splitlines()[0] == f"# {LABEL}"
    assert json.loads(format_rating_check(check, as_json=True))["label"] == LABEL


def test_bad_ratings_and_columns_are_coded_errors():
    records = _records([("Copaxone", 11, None, "positive")])
    with pytest.raises(InputError) as err:
        rating_check(records)
    assert err.value.code == "E006" and "1-10" in str(err.value)
    with pytest.raises(InputError) as err:
        rating_check(records, "stars")
    assert err.value.code == "E004"
    with pytest.raises(UsageError):
        rating_check(records, scale="0-100")
    with pytest.raises(InputError) as err:
        rating_check(_records([("Copaxone", None, None, None)]))
    assert err.value.code == "E013"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 10), st.sampled_from(list(EFFECTS) + [None])),
                min_size=1, max_size=40))
def test_counts_add_up(rows):
    """Every rated review is in exactly one cell; filled <= scored; agreeing <= filled."""
    records = _records([("Copaxone", r, None, e) for r, e in rows])
    check = rating_check(records)
    s = check.summary.set_index("measure")
    assert int(check.confusion.values.sum()) == len(rows)
    assert s.loc["agreeing", "numerator"] <= s.loc["filled", "numerator"] <= s.loc["scored", "numerator"]
    expected = sum((r <= 4 and e in ("negative", "no_effect", "mixed"))
                   or (r >= 7 and e in ("positive", "mixed")) for r, e in rows)
    assert s.loc["agreeing", "numerator"] == expected


def test_cli_on_a_review_table(tmp_path, capsys):
    table = tmp_path / "reviews.tsv"
    table.write_text(
        "\tdrugName\tcondition\treview\trating\tdate\tusefulCount\n"
        '1\tCopaxone\tMultiple Sclerosis\t"Copaxone has kept me relapse free for years."\t9\t1-Jan-15\t1\n'
        '2\tCopaxone\tMultiple Sclerosis\t"Injection sites hurt every day, no good."\t5\t1-Jan-15\t1\n',
        encoding="utf-8")
    assert main(["evaluate", str(table), "--rating-col", "rating", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["measures"]["scored"] == {"numerator": 1, "denominator": 2, "share": 0.5,
                                         **{k: out["measures"]["scored"][k]
                                            for k in ("ci_low", "ci_high")}}
    assert out["confusion"]["high"]["positive"] == 1
    assert main(["evaluate", str(table), "--rating-col", "rating", "--rating-scale", "1-5"]) == 2
    assert "E006" in capsys.readouterr().err


def test_cli_needs_gold_or_rating_col(capsys):
    assert main(["evaluate", str(THREADS / "thread.csv")]) == 2
    assert "E012" in capsys.readouterr().err


# --------------------------------------------------------------- issue 17, bug 2

def _one_error_line(err: str, code: str) -> str:
    lines = [x for x in err.splitlines() if x.strip()]
    assert len(lines) == 1 and "Traceback" not in err
    assert lines[0].startswith(f"ldn-comments: error: {code} ")
    return lines[0]


def test_binary_gold_is_a_coded_error(tmp_path, capsys):
    gold = tmp_path / "random.bin"
    gold.write_bytes(bytes(range(256)) * 4 + os.urandom(512))
    assert main(["evaluate", str(THREADS / "thread.csv"), "--gold", str(gold)]) == 2
    line = _one_error_line(capsys.readouterr().err, "E010")
    assert "not a gold JSONL" in line and "random.bin" in line


@pytest.mark.parametrize("name", ["thread.csv", "thread.jsonl"])
def test_comment_table_as_gold_is_a_coded_error(name, capsys):
    gold = THREADS / name
    assert main(["evaluate", str(THREADS / "thread.csv"), "--gold", str(gold)]) == 2
    line = _one_error_line(capsys.readouterr().err, "E010")
    assert "not a gold JSONL" in line and name in line


def test_real_gold_still_scores(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"position": 1, "author": "x", "ldn_use": "current"}\n', encoding="utf-8")
    assert main(["evaluate", str(THREADS / "thread.csv"), "--gold", str(gold)]) == 0
    assert "macro_f1=" in capsys.readouterr().out


def test_cli_takes_the_scale_from_the_layout(capsys):
    # WebMD rates 1-5: without --rating-scale the layout's scale is used, never 1-10
    webmd = Path(__file__).parent / "fixtures" / "reviews" / "webmd.csv"
    assert main(["evaluate", str(webmd), "--rating-col", "satisfaction", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["scale"] == "1-5" and out["bands"] == {"low": [1, 2], "high": [4, 5]}
