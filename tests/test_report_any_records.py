"""Any small records table gives a report: every share of 0 of n or n of n included.

The records are drawn from the schema of ANNOTATION.md (every field, any mix of its values,
missing values where the guide allows null), 0 to 30 comments, with or without a reviewed
``drug`` column and a rating.
"""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ldn_comments.cli import main
from ldn_comments.records import ADVERSE_EVENTS, BENEFITS, ENUMS, THERAPY_STATUS
from ldn_comments.report import write_report
from ldn_comments.stats import wilson_interval

THERAPY_NAMES = ["glatiramer", "fingolimod", "vitamin_d", "interferon_beta", "ocrelizumab"]
DRUGS = ["Naltrexone", "Copaxone", "Gilenya", "LDN", None]


def _maybe(strategy):
    return st.one_of(st.none(), strategy)


@st.composite
def record(draw, position: int, with_drug: bool) -> dict:
    """One record dict with the guide's fields (values from its value sets)."""
    doses = draw(st.lists(st.sampled_from([0.5, 1.5, 3.0, 4.5, 6.0]), max_size=3,
                          unique=True))
    rec = {
        "position": position,
        "parent": draw(_maybe(st.integers(1, position - 1))) if position > 1 else None,
        "author": draw(_maybe(st.sampled_from(["Ann", "Bo", "Cy", "Dee", "=1+1", "<b>x</b>"]))),
        "speaker_role": draw(st.sampled_from(ENUMS["speaker_role"])),
        "is_question": draw(st.booleans()),
        "ldn_use": draw(st.sampled_from(ENUMS["ldn_use"])),
        "second_hand": draw(st.booleans()),
        "ms_type": draw(_maybe(st.sampled_from(ENUMS["ms_type"]))),
        "age": draw(_maybe(st.integers(18, 90))),
        "diagnosis_year": draw(_maybe(st.integers(1970, 2024))),
        "years_since_diagnosis": draw(_maybe(st.floats(0, 50))),
        "dose_values": sorted(doses),
        "dose_unit": draw(st.sampled_from(ENUMS["dose_unit"])) if doses else None,
        "current_dose": max(doses) if doses and draw(st.booleans()) else None,
        "dose_frequency": draw(_maybe(st.sampled_from(ENUMS["dose_frequency"]))),
        "ldn_start": draw(_maybe(st.sampled_from(["2011", "2011-06", "2020-01"]))),
        "ldn_duration_months": draw(_maybe(st.sampled_from([0.25, 1.0, 6.0, 12.0, 36.0, 120.0]))),
        "therapies": draw(st.lists(st.builds(lambda n, s: {"name": n, "status": s},
                                             st.sampled_from(THERAPY_NAMES),
                                             st.sampled_from(THERAPY_STATUS)), max_size=2)),
        "effect": draw(_maybe(st.sampled_from(ENUMS["effect"]))),
        "benefits": draw(st.lists(st.sampled_from(BENEFITS), max_size=3, unique=True)),
        "adverse_events": draw(st.lists(st.sampled_from(ADVERSE_EVENTS), max_size=2,
                                        unique=True)),
        "date": draw(_maybe(st.sampled_from(["2012-05-20", "2019-01-01", "not a date"]))),
        "text": draw(st.text(max_size=40)),
        "evidence": {},
    }
    rec["benefits"].sort()
    rec["adverse_events"].sort()
    if with_drug:
        rec["drug"] = draw(st.sampled_from(DRUGS))
        rec["condition"] = draw(_maybe(st.sampled_from(["Multiple Sclerosis", "Alcohol Dependence"])))
        rec["rating"] = draw(_maybe(st.integers(1, 10)))
        rec["drug_effect"] = draw(_maybe(st.sampled_from(ENUMS["effect"])))
    return rec


@st.composite
def records_tables(draw) -> pd.DataFrame:
    n = draw(st.integers(0, 30))
    with_drug = draw(st.booleans())
    rows = [draw(record(i + 1, with_drug)) for i in range(n)]
    return pd.DataFrame(rows)


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(records_tables())
def test_any_small_records_table_gives_a_report(tmp_path_factory, records):
    out = tmp_path_factory.mktemp("any") / "report"
    paths = write_report(records, out)
    assert paths["report.html"].stat().st_size > 0
    assert paths["report.md"].stat().st_size > 0


def test_cli_report_on_shares_of_0_and_n_of_n(tmp_path):
    """Bug 1 on the command line: every user reports the same effect (n of n, and 0 of n
    for every other effect), which crashed matplotlib with negative error lengths."""
    rows = [{"position": i, "author": f"W{i}", "ldn_use": "current", "effect": "positive",
             "text": "x", "evidence": {}} for i in range(1, 5)]
    path = tmp_path / "records.jsonl"
    path.write_text("".join(pd.Series(r).to_json() + "\n" for r in rows), encoding="utf-8")
    assert main(["report", str(path), "-o", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "report.html").exists()


@pytest.mark.parametrize("n", [1, 2, 7, 30, 1000])
def test_wilson_bounds_exact_at_0_and_n(n):
    low0, _ = wilson_interval(0, n)
    _, high_n = wilson_interval(n, n)
    assert low0 == 0.0 and high_n == 1.0


@given(st.integers(1, 10_000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_share_always_inside_its_interval(kn):
    k, n = kn
    low, high = wilson_interval(k, n)
    assert 0.0 <= low <= k / n <= high <= 1.0
