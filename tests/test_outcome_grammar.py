"""The outcome grammar (ldn_comments.nlp.outcomes) on its own: cause + change + object,
object + state, verdicts, negation, contrast clauses and symptoms before the drug.
All texts are our own."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ldn_comments.errors import RulesError
from ldn_comments.nlp.outcomes import Cause, read_outcomes, summarise
from ldn_comments.nlp.text import normalise, sentence_spans
from ldn_comments.rules import validate


def read(text: str, *, drugs=("ldn",), others=(), **options):
    """Read `text` with each word of `drugs` as the target and `others` as other drugs."""
    norm = normalise(text)
    causes = []
    for names, key in ((drugs, "target"), (others, "other")):
        for name in names:
            causes += [Cause(m.start(), m.end(), key)
                       for m in re.finditer(rf"\b{re.escape(name)}\b", norm)]
    return read_outcomes(norm, sentence_spans(norm, text), causes, raw=text, **options)


def effect(text, **options):
    return summarise(read(text, **options).findings)


@pytest.mark.parametrize("text, expected", [
    ("LDN has eased my nerve pain.", ("positive", ["pain"], [])),
    ("LDN boosted my energy.", ("positive", ["fatigue"], [])),
    ("LDN reduced my energy a lot.", ("negative", [], ["fatigue"])),
    ("LDN gave me awful headaches.", ("negative", [], ["headache"])),
    ("LDN made my legs stronger.", ("positive", ["mobility"], [])),
    ("On LDN my balance is better.", ("positive", ["mobility"], [])),
    ("On LDN my sleep is gone.", ("negative", [], ["sleep_disturbance"])),
    ("On LDN my energy came back.", ("positive", ["fatigue"], [])),
    ("On LDN the pain came back.", ("negative", [], ["pain"])),
    ("With LDN I have more energy and fewer spasms.", ("positive", ["fatigue", "spasticity"], [])),
    ("LDN gave me my walking back.", ("positive", ["mobility"], [])),
])
def test_change_direction_follows_the_objects_valence(text, expected):
    assert effect(text)[:3] == expected


@pytest.mark.parametrize("text, polarity", [
    ("LDN is a game changer.", "positive"),
    ("LDN is the only thing that has ever helped.", "positive"),
    ("LDN was a waste of money.", "no_effect"),
    ("I would not recommend LDN.", "negative"),
    ("I highly recommend LDN.", "positive"),
    ("LDN did nothing.", "no_effect"),
])
def test_general_verdicts(text, polarity):
    assert effect(text)[0] == polarity


@pytest.mark.parametrize("text, expected", [
    ("LDN didn't help my fatigue.", "no_effect"),
    ("LDN hasn't improved anything.", "no_effect"),
    ("LDN did not make my spasms worse.", None),
    ("LDN never gave me headaches.", None),
])
def test_negation_turns_a_benefit_into_no_effect_and_drops_a_harm(text, expected):
    assert effect(text)[0] == expected


def test_each_drug_gets_its_own_clause():
    text = "Baclofen did nothing for my spasms, but LDN calmed them within weeks."
    reading = read(text, others=("baclofen",))
    assert summarise(reading.findings)[0] == "positive"
    assert summarise(reading.findings, cause="other")[0] == "no_effect"
    text = "LDN did nothing for me; modafinil really lifted my energy."
    reading = read(text, others=("modafinil",))
    assert summarise(reading.findings)[:2] == ("no_effect", [])
    assert summarise(reading.findings, cause="other")[:2] == ("positive", ["fatigue"])


def test_an_unknown_capitalised_drug_is_another_cause():
    text = "LDN gave me more energy. Quetiapine did nothing at all."
    reading = read(text)
    assert summarise(reading.findings)[0] == "positive"
    assert summarise(reading.findings, cause="other")[0] == "no_effect"


def test_pronouns_and_this_medication_follow_the_source():
    text = "This medication eased my pain."
    assert summarise(read(text, drugs=(), pronoun_target=True).findings)[0] == "positive"
    # without a source naming the drug, and no default, the finding has no cause
    assert summarise(read(text, drugs=()).findings)[0] is None
    assert summarise(read("It eased my pain.", drugs=(), default_cause="target").findings)[0] == "positive"


def test_a_pronoun_points_back_to_the_last_named_drug():
    text = "I tried Gilenya last year. It gave me headaches. Then LDN, and it helps my fatigue."
    reading = read(text, others=("gilenya",))
    assert summarise(reading.findings)[:3] == ("positive", ["fatigue"], [])
    assert summarise(reading.findings, cause="other")[2] == ["headache"]


@pytest.mark.parametrize("text", [
    "My worst symptoms are fatigue and headaches. LDN has helped.",
    "I suffer from insomnia and leg pain. I started LDN in May and feel better.",
    "Before LDN I was exhausted every afternoon. Now I get through the day.",
    "I started LDN for my spasms and my nausea.",
])
def test_symptoms_before_the_drug_are_not_harms(text):
    reading = read(text)
    assert reading.conditions
    assert summarise(reading.findings)[2] == []


def test_they_refers_back_to_the_listed_symptoms():
    text = "My main troubles were bad sleep and constant fatigue. On LDN both have improved."
    reading = read(text)
    effect_, benefits, adverse, _ = summarise(reading.findings)
    assert (effect_, benefits, adverse) == ("positive", ["fatigue", "sleep"], [])


def test_a_harm_since_the_drug_is_not_a_condition():
    text = "I have had headaches since starting LDN, but my energy is up."
    assert effect(text)[:3] == ("mixed", ["fatigue"], ["headache"])


def test_the_writer_doing_something_is_not_an_outcome():
    assert effect("I stopped LDN after a month.")[0] is None
    assert effect("My doctor reduced my LDN dose.")[0] is None


def test_rule_ids_and_evidence_spans():
    text = "LDN took the edge off my pain and I feel great."
    reading = read(text)
    rules = {f.rule for f in reading.findings}
    assert {"cause_change_object", "verdict"} <= rules
    for f in reading.findings:
        for a, b in f.spans:
            assert 0 <= a < b <= len(text)


def test_the_lexicon_is_loaded_strictly():
    with pytest.raises(RulesError):
        validate("outcome_grammar", {"objects": {"pain": ["pain"]},
                                     "object_info": {"pain": {"valence": "sour",
                                                              "benefit": "pain",
                                                              "adverse": "pain"}}})
    with pytest.raises(RulesError):
        validate("outcome_grammar", {"objects": {"pain": ["pain"]},
                                     "object_info": {"pain": {"valence": "bad",
                                                              "benefit": "happiness",
                                                              "adverse": "pain"}}})
    with pytest.raises(RulesError):
        validate("outcome_grammar", {"verdicts": {"maybe": ["perhaps"]}})


_WORDS = st.sampled_from(["ldn", "it", "helped", "my", "pain", "fatigue", "is", "better",
                          "worse", "not", "but", "did", "nothing", "gave", "me", "headaches",
                          "baclofen", "and", ".", ",", ";", "energy", "back", "before",
                          "i", "have", "they", "eased", "no", "more", "spasms"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=30))
def test_any_word_salad_gives_well_formed_findings(words):
    text = " ".join(words)
    reading = read(text, others=("baclofen",))
    for f in reading.findings:
        assert f.polarity in ("positive", "negative", "no_effect")
        assert f.cause in ("target", "other", None)
        assert (f.benefit is None) or f.polarity == "positive"
        assert (f.adverse is None) or f.polarity == "negative"
        assert all(0 <= a < b <= len(text) for a, b in f.spans)
        assert not any(a <= f.spans[0][0] < b for a, b in reading.conditions)
    effect_, benefits, _, _ = summarise(reading.findings)
    assert effect_ in (None, "positive", "negative", "mixed", "no_effect")
    assert bool(benefits) <= (effect_ in ("positive", "mixed"))


def test_in_a_review_it_means_the_reviewed_drug_even_after_another_is_named():
    # the guide: where the source names the drug, "it" and a bare clause mean that drug
    text = "I used codeine before. It worked great for my back pain."
    reading = read(text, drugs=(), others=("codeine",), pronoun_target=True,
                   default_cause="target")
    assert summarise(reading.findings)[:2] == ("positive", ["pain"])
    assert summarise(reading.findings, cause="other")[0] is None
    # a thread is different: "it" points back to the drug last named
    reading = read(text, drugs=(), others=("codeine",), default_cause="target")
    assert summarise(reading.findings, cause="other")[0] == "positive"
