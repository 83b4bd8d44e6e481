"""The field contract, checked over every registered extractor (as scikit-learn's
``check_estimator`` checks every estimator): declared fields are schema fields, needs are
written earlier, a call returns a Finding with exactly its fields, values in the schema's
value sets, evidence spans inside the text carrying a rule id, the same answer twice, and
no failure on empty, blank or any unicode text."""
from __future__ import annotations

import dataclasses
import math
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ldn_comments.fields.base import FieldExtractor, Finding
from ldn_comments.nlp.doc import Doc
from ldn_comments.pipeline import PIPELINE, check_pipeline, extract_doc
from ldn_comments.schema import EXTRACTED, FIELD

IDS = [type(ex).__name__ for ex in PIPELINE]
RULE_ID = re.compile(r"[a-z_]+\.[a-z_]+")

#: Texts that between them reach most rules (invented, in the guide's style).
TEXTS = [
    "",
    "   \n\t ",
    "I'm 52, RRMS since 2011. Been on LDN 4.5mg nightly for three years, no relapses, "
    "vivid dreams the first week. Was on Copaxone before.",
    "My husband has SPMS. He started low dose naltrexone in March 2020 at 1.5 then 3, now "
    "4.5 mg. His fatigue is better but the insomnia is awful.",
    "As a GP I've prescribed LDN to many of my patients; most take it every night.",
    "Thinking of trying LDN. Does anyone take it with Ocrevus? Diagnosed 2 years ago.",
    "LDN did nothing for me, stopped after 6 weeks. Gilenya works though.",
    "Day 5 of LDN and sleeping badly. Going up to 3mg next week.",
    "I have MS and take LDN every night. A client of mine tried it too.",
    "Zoë – “LDN” ✓ 4,5 mg 💊 tous les soirs… ¿qué? 日本語 ok",
]
REVIEW = ("This drug gave me terrible headaches and nausea, I quit after a month.",
          {"drug": "Gilenya"})


def _run_upto(ex, doc):
    """The record the extractors before `ex` write for `doc` (its ``known``)."""
    known: dict = {}
    for earlier in PIPELINE:
        if earlier is ex:
            return known
        known.update(earlier(doc, known).values)
    raise AssertionError("extractor not in the pipeline")


def _docs():
    yield from (Doc.make(t) for t in TEXTS)
    yield Doc.make(REVIEW[0], **REVIEW[1])


def _check_value(name, value):
    f = FIELD[name]
    if value is None:
        return
    if f.dtype == "category":
        assert value in f.values, (name, value)
    elif f.dtype == "boolean":
        assert isinstance(value, bool), (name, value)
    elif f.dtype == "Int64":
        assert isinstance(value, int) and not isinstance(value, bool), (name, value)
    elif f.dtype == "Float64":
        assert isinstance(value, float) and math.isfinite(value), (name, value)
    elif f.dtype == "string":
        assert isinstance(value, str) and value, (name, value)
    elif f.dtype == "list":
        assert isinstance(value, list), (name, value)
        if name == "therapies":
            for item in value:
                assert set(item) == {"name", "status"} and item["status"] in f.values, item
        elif f.values:
            assert set(value) <= set(f.values), (name, value)


def _check_finding(ex, doc, found):
    assert isinstance(found, Finding)
    assert tuple(found.values) == ex.fields, "a Finding holds exactly the extractor's fields"
    for name, value in found.values.items():
        _check_value(name, value)
    assert set(found.evidence) <= set(ex.fields), "evidence only for the extractor's fields"
    for name, spans in found.evidence.items():
        assert spans, name
        for start, end, rule in spans:
            assert isinstance(start, int) and isinstance(end, int)
            assert 0 <= start < end <= len(doc.text), (name, start, end, len(doc.text))
            assert isinstance(rule, str) and RULE_ID.fullmatch(rule), (name, rule)


def test_every_extractor_satisfies_the_protocol():
    for ex in PIPELINE:
        assert isinstance(ex, FieldExtractor), type(ex).__name__
        assert isinstance(ex.fields, tuple) and ex.fields
        assert isinstance(ex.needs, tuple)


@pytest.mark.parametrize("ex", PIPELINE, ids=IDS)
def test_declared_fields_are_schema_fields(ex):
    for name in ex.fields:
        assert name in FIELD and FIELD[name].extracted, name


@pytest.mark.parametrize("ex", PIPELINE, ids=IDS)
def test_needs_are_written_earlier(ex):
    earlier = PIPELINE[:PIPELINE.index(ex)]
    written = {f for e in earlier for f in e.fields}
    assert set(ex.needs) <= written, set(ex.needs) - written


def test_the_pipeline_writes_exactly_the_schema_fields():
    written = [f for ex in PIPELINE for f in ex.fields]
    assert sorted(written) == sorted(EXTRACTED)
    assert len(written) == len(set(written))


def test_check_pipeline_rejects_a_need_written_later_a_field_twice_and_a_missing_field():
    subject, use = PIPELINE[0], PIPELINE[1]
    with pytest.raises(ValueError, match="needs 'speaker_role'"):
        check_pipeline([use, subject], ["speaker_role", "is_question", "ldn_use"])
    with pytest.raises(ValueError, match="already written"):
        check_pipeline([subject, subject], ["speaker_role", "is_question"])
    with pytest.raises(ValueError, match="missing \\['ldn_use'\\]"):
        check_pipeline([subject], ["speaker_role", "is_question", "ldn_use"])


@pytest.mark.parametrize("ex", PIPELINE, ids=IDS)
def test_returns_a_finding_with_exactly_its_fields_and_spans_with_rule_ids(ex):
    for doc in _docs():
        _check_finding(ex, doc, ex(doc, _run_upto(ex, doc)))


@pytest.mark.parametrize("ex", PIPELINE, ids=IDS)
def test_is_deterministic(ex):
    for text in TEXTS + [REVIEW[0]]:
        kw = REVIEW[1] if text == REVIEW[0] else {}
        first = Doc.make(text, **kw)
        again = Doc.make(text, **kw)
        a = ex(first, _run_upto(ex, first))
        b = ex(again, _run_upto(ex, again))
        assert a == b
        # and a second call on the same Doc (its caches warm) gives the same answer
        assert ex(first, _run_upto(ex, first)) == a


def test_rules_fire_with_ids_somewhere():
    # the texts above reach rules of every always-on extractor: evidence is not empty
    cited = {}
    for doc in _docs():
        for name, spans in extract_doc(doc)["evidence"].items():
            cited.setdefault(name, set()).update(rule for *_, rule in spans)
    for ex in PIPELINE[:-1]:
        assert any(f in cited for f in ex.fields), type(ex).__name__
    assert cited["current_dose"] <= {"dose.now", "dose.last_taken"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80) | st.sampled_from(["", " ", "\n\n", "\u200b", "LDN 4.5mg ✓", "é" * 50]),
       st.sampled_from([None, "LDN", "Gilenya", "Naltrexone"]))
def test_any_text_gives_a_valid_finding_from_every_extractor(text, drug):
    doc = Doc.make(text, drug=drug)
    known: dict = {}
    for ex in PIPELINE:
        found = ex(doc, known)
        _check_finding(ex, doc, found)
        known.update(found.values)


def test_doc_is_frozen():
    doc = Doc.make("I take LDN.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.text = "something else"  # type: ignore[misc]
