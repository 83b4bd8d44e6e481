"""Drug-review tables: layouts detected from the header, columns, entities, the condition
filter, chunked reading, the CLI, and the extractor against hand-made gold."""
from __future__ import annotations

import io
import json
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

from ldn_comments.errors import LdnCommentsError
from ldn_comments.readers import detect_format, read_comments
from ldn_comments.readers.reviews import comments_from_frame, read_review_chunks
from ldn_comments.records import COMMENT_COLUMNS

REVIEWS = Path(__file__).resolve().parent / "fixtures" / "reviews"
CUSTOM = dict(text_col="body", drug_col="medicine", condition_col="diagnosis",
              id_col="review_id", date_col="posted", author_col="nickname")
# file -> (format, options, gold, number of reviews)
FILES = {
    "drugscom.tsv": ("drugscom", {}, "drugscom.gold.jsonl", 14),
    "drugscom.csv": ("drugscom", {}, "drugscom_csv.gold.jsonl", 6),
    "webmd.csv": ("webmd", {}, "webmd.gold.jsonl", 7),
    "custom.csv": ("reviews", CUSTOM, "custom.gold.jsonl", 4),
    "thread-with-drug.jsonl": ("reviews", {}, "thread-with-drug.gold.jsonl", 4),
}
LDN_FIELDS = ["dose_values", "dose_unit", "current_dose", "dose_frequency", "ldn_start",
              "ldn_duration_months", "effect", "benefits", "adverse_events"]


def read(name, **kw):
    fmt, options, _, _ = FILES[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_comments(REVIEWS / name, **{**options, **kw})


def gold(name):
    return [json.loads(line) for line in (REVIEWS / FILES[name][2]).read_text().splitlines()]


@pytest.fixture(scope="module")
def extracted():
    from ldn_comments.extract import extract

    return {name: extract(read(name)) for name in FILES}


# --- layouts and columns ---------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(FILES))
def test_layout_detected_without_format(name):
    fmt, _, _, n = FILES[name]
    table = read(name)
    assert table.attrs["format"] == fmt
    assert len(table) == n
    assert list(table.columns[:len(COMMENT_COLUMNS)]) == COMMENT_COLUMNS
    assert {"drug", "condition", "raw_text"} <= set(table.columns)
    assert table["parent"].isna().all()
    assert table["position"].tolist() == list(range(1, n + 1))
    assert table["drug"].notna().all()


def test_header_detection():
    assert detect_format((REVIEWS / "drugscom.tsv").read_text()) == "drugscom"
    assert detect_format((REVIEWS / "webmd.csv").read_text()) == "webmd"
    assert detect_format((REVIEWS / "thread-with-drug.jsonl").read_text()) == "reviews"
    assert detect_format("comment_id,text,drug\n1,hi,LDN\n") == "reviews"
    assert detect_format("comment_id,text\n1,hi\n") == "csv"  # a plain thread stays one


def test_drugscom_columns_entities_and_quotes():
    t = read("drugscom.tsv")
    assert list(t.columns[len(COMMENT_COLUMNS):]) == ["drug", "condition", "raw_text",
                                                      "rating", "usefulCount", "rating_scale"]
    assert t.loc[0, "comment_id"] == "90001"  # the unnamed index column is the id
    assert t.loc[0, "date"] == "2012-05-20"
    assert t.loc[0, "rating"] == 10.0 and t.loc[0, "usefulCount"] == 41
    row = t.iloc[12]
    assert row["text"].startswith("I'm thinking about switching")
    assert row["text"].endswith('My doctor says "maybe".')
    assert "&#039;" in row["raw_text"] and "&quot;" in row["raw_text"]
    assert "\n" in t.loc[13, "text"]  # a review over two lines
    csv_ = read("drugscom.csv")
    assert csv_.loc[1, "text"].startswith("Dx'd with MS in 2014.")  # """...""" unwrapped
    assert csv_.loc[1, "raw_text"].startswith('"Dx&#039;d')
    assert csv_.loc[1, "comment_id"] == "7002"


def test_entities_are_decoded_exactly_once():
    text = '\tdrugName\tcondition\treview\n1\tLDN\tMS\t"A &amp;amp; B &amp;#039;"\n'
    t = read_comments(io.StringIO(text))
    assert t.loc[0, "text"] == "A &amp; B &#039;"


def test_webmd_columns():
    t = read("webmd.csv")
    for col in ("Age", "DrugId", "EaseofUse", "Effectiveness", "Satisfaction", "Sex",
                "Sides", "UsefulCount"):
        assert col in t.columns
    assert t.loc[0, "drug"] == "copaxone kit"
    assert t.loc[0, "date"] == "9/21/2014"  # month/day order is ambiguous: kept as written
    assert str(t["Satisfaction"].dtype) == "Int64"
    assert t["author"].isna().all()
    assert t.loc[4, "text"].endswith("GI problems & flushing. My energy is back.")


def test_custom_columns_and_authors():
    t = read("custom.csv")
    assert t["author"].tolist() == ["legsforlife", "kath_m", "dryjuly", "legsforlife"]
    assert t["comment_id"].tolist() == ["r1", "r2", "r3", "r4"]
    assert t["drug"].tolist()[2] == "Naltrexone 50 mg"
    assert t["condition"].tolist()[1] == "RRMS"
    assert "stars" in t.columns


def test_format_override_and_errors():
    t = read_comments(REVIEWS / "drugscom.tsv", format="drugscom")
    assert len(t) == 14
    with pytest.raises(LdnCommentsError) as info:
        read_comments(REVIEWS / "custom.csv", text_col="body", drug_col="nope")
    assert info.value.code == "E004" and info.value.where == "line 1"
    assert "custom.csv" in str(info.value)
    with pytest.raises(LdnCommentsError) as info:
        read_comments(REVIEWS / "webmd.csv", format="drugscom")
    assert info.value.code == "E004"
    with pytest.raises(LdnCommentsError) as info:
        read_comments(REVIEWS / "drugscom.tsv", format="yelp")
    assert info.value.code == "E012"
    with pytest.raises(LdnCommentsError) as info:
        read_comments(REVIEWS / "drugscom.tsv", condition="gout")
    assert info.value.code == "E012"


def test_condition_filter_counts():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        t = read_comments(REVIEWS / "drugscom.tsv", condition="ms")
    assert len(t) == 11
    assert t.attrs["condition_filter"] == {"condition": "ms", "kept": 11, "dropped": 3}
    assert any("kept 11 reviews, dropped 3" in str(w.message) for w in caught)
    assert t["position"].tolist() == list(range(1, 12))
    w = read("webmd.csv", condition="ms")  # long labels, and 'Other' + 'my PPMS' in text
    assert w.attrs["condition_filter"]["kept"] == 6
    assert "naltrexone hcl" in w["drug"].tolist()


def test_chunks_equal_the_whole_file():
    for name in ("drugscom.tsv", "webmd.csv", "thread-with-drug.jsonl"):
        whole = read(name)
        chunks = list(read_review_chunks(REVIEWS / name, chunksize=3))
        assert [len(c) for c in chunks][:-1] == [3] * (len(chunks) - 1)
        joined = pd.concat(chunks)
        pd.testing.assert_frame_equal(joined.reset_index(drop=True),
                                      whole.reset_index(drop=True), check_dtype=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        last = list(read_review_chunks(REVIEWS / "drugscom.tsv", chunksize=4,
                                       condition="ms"))[-1]
    assert last.attrs["condition_filter"]["dropped"] == 3
    assert last["position"].iloc[-1] == 11


def test_comments_from_raw_frame_chunk():
    raw = pd.read_csv(REVIEWS / "drugscom.tsv", sep="\t", chunksize=5)
    parts, start = [], 0
    for chunk in raw:
        table = comments_from_frame(chunk, layout="drugscom", start=start,
                                    source="drugscom.tsv")
        start += len(table)
        parts.append(table)
    joined = pd.concat(parts)
    assert joined["position"].tolist() == list(range(1, 15))
    assert joined["text"].tolist() == read("drugscom.tsv")["text"].tolist()


# --- the extractor on review tables ---------------------------------------------------

def _value(v):
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return None
    return v.tolist() if hasattr(v, "tolist") else v


def test_reviews_of_other_drugs_fill_no_ldn_field(extracted):
    """Every gold review of another drug that does not speak of LDN: no LDN field."""
    checked = 0
    for name in FILES:
        records = extracted[name]
        for g, (_, r) in zip(gold(name), records.iterrows()):
            if g["ldn_use"] != "none" or "LDN" in r["text"] or "low dose" in r["text"].lower():
                continue
            checked += 1
            assert _value(r["ldn_use"]) in (None, "none"), (name, g["position"])
            for field in LDN_FIELDS:
                assert _value(r[field]) in (None, []), (name, g["position"], field)
    assert checked >= 15


@pytest.mark.parametrize("name,positions", [("drugscom.tsv", [2, 9, 10]),
                                            ("drugscom.csv", [5]), ("webmd.csv", [6]),
                                            ("custom.csv", [3])])
def test_full_dose_naltrexone_is_not_ldn(extracted, name, positions):
    records = extracted[name].set_index("position")
    for pos in positions:
        assert _value(records.loc[pos, "ldn_use"]) in (None, "none"), (name, pos)
        assert _value(records.loc[pos, "dose_values"]) == []


def test_naltrexone_for_alcohol_without_a_dose_is_not_ldn():
    from ldn_comments.extract import extract

    t = pd.DataFrame({"text": ["I have been taking it for a year and it works, no cravings."],
                      "drug": ["Naltrexone"], "condition": ["Alcohol Dependence"]})
    assert _value(extract(t).loc[0, "ldn_use"]) in (None, "none")


def pooled_scores(extracted):
    from ldn_comments.evaluate import evaluate

    golds, records = [], []
    for k, name in enumerate(FILES):
        offset = 100 * k
        for g in gold(name):
            golds.append({**g, "position": g["position"] + offset,
                          "person": f"{name}:{g['person']}"})
        r = extracted[name].copy()
        r["position"] = r["position"] + offset
        r["person"] = [None if _value(p) is None else f"{name}:{p}" for p in r["person"]]
        records.append(r)
    return evaluate(golds, pd.concat(records, ignore_index=True)).set_index("field")


def test_per_field_scores_are_reported(extracted):
    scores = pooled_scores(extracted)
    # fields the extractor gets right on every review
    for field in ("parent", "is_question", "ldn_use", "second_hand", "dose_values",
                  "current_dose", "dose_unit", "age"):
        assert scores.loc[field, "f1"] == 1.0, field


def test_macro_f1_on_review_fixtures(extracted):
    assert pooled_scores(extracted).loc["macro", "f1"] >= 0.85


# --- the command line -------------------------------------------------------------------

def run(*args):
    return subprocess.run([sys.executable, "-m", "ldn_comments", *args], capture_output=True,
                          text=True, timeout=300)


def test_cli_extract_and_report(tmp_path):
    out = tmp_path / "r.jsonl"
    res = run("extract", str(REVIEWS / "drugscom.tsv"), "-o", str(out), "--no-progress")
    assert res.returncode == 0, res.stderr
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(lines) == 14 and lines[0]["drug"] == "Naltrexone"
    res = run("report", str(REVIEWS / "drugscom.tsv"), "--condition", "ms", "-o",
              str(tmp_path / "out"))
    assert res.returncode == 0, res.stderr
    assert "kept 11 reviews, dropped 3" in res.stderr
    md = (tmp_path / "out" / "report.md").read_text()
    assert "self-selected" in md
