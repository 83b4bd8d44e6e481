"""Outcomes told as a story (issue 19): what the writer can do again, how often bad days
come, a symptom easing in a narrative past, a purpose ("I take it for X") answered by a
bare verdict ("and it works"), sleep told with an adverb, a return to baseline after a
side effect, and the verdict families of real reviews ("I can finally ...", "I feel no
different", "I couldn't tolerate it").

Every text is our own paraphrase of a general way of writing, never a quoted review.
Tests go through the public API (``ldn_comments.extract`` on a one-row table) and assert
only the fields they name; the guide decides the values (ANNOTATION.md): an activity of the
body regained (dancing, walking the dog, gardening, cycling) is ``mobility``, a part of
ordinary life regained that is not about moving (back at work, seeing friends, reading a
book) is ``wellbeing``, as are fewer bad days.
"""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_long_form import record

import ldn_comments
from ldn_comments.fields.reviewed_drug import REVIEWED_DRUG
from ldn_comments.nlp.doc import Doc


def outcome(text: str) -> tuple:
    rec = record(text)
    return rec["effect"], list(rec["benefits"]), list(rec["adverse_events"])


# ------------------------------------------------------------------ activities regained

@pytest.mark.parametrize("text, benefit", [
    ("I have MS. I began LDN last spring and by the summer I was cycling to work.", "mobility"),
    ("I have RRMS and take LDN. I can garden again.", "mobility"),
    ("I have MS. Since going on LDN I have been able to walk the dog every morning.",
     "mobility"),
    ("I have PPMS. Six months on LDN and I can finally climb the stairs without stopping.",
     "mobility"),
    ("I have MS. I started LDN in March and in June I went hiking with my son.", "mobility"),
    ("I have MS and have been on LDN since May. I'm back at work full time.", "wellbeing"),
    ("I have MS. On LDN I can read a whole book again.", "wellbeing"),
])
def test_an_activity_regained_after_the_drug_is_a_benefit(text, benefit):
    effect, benefits, _ = outcome(text)
    assert effect == "positive"
    assert benefit in benefits


@pytest.mark.parametrize("text", [
    # the activity is the writer's past before the drug, a wish, or negated
    "I have MS. I used to dance every weekend before I got ill. I take LDN now.",
    "I have MS and I take LDN. I hope to garden again one day.",
    "I have MS and take LDN but I still can't walk the dog.",
    "I have MS and take LDN. I walked to the shops and bought milk.",
    "I have MS. I started LDN on Monday and went to work as usual.",
    "I have MS and take LDN. Before LDN I could still walk the dog, now I can't.",
])
def test_an_activity_without_a_change_or_credit_is_not_a_benefit(text):
    _, benefits, _ = outcome(text)
    assert "mobility" not in benefits and "wellbeing" not in benefits


def test_an_activity_credited_to_something_else_is_not_ldns():
    text = ("I have MS and take LDN for fatigue. Since starting physiotherapy I can cycle "
            "again.")
    _, benefits, _ = outcome(text)
    assert "mobility" not in benefits


# ------------------------------------------------------------------ frequency of bad days

@pytest.mark.parametrize("text", [
    "I have MS and have been on LDN for a year; bad days are rare now.",
    "I have MS. Since LDN I hardly ever have a bad day.",
    "I have MS and take LDN. These days my good days outnumber the bad ones.",
    "I have MS. On LDN I have far more good days than bad.",
    "I have MS and take LDN every night. I seldom have a bad day any more.",
])
def test_fewer_bad_days_is_wellbeing(text):
    effect, benefits, _ = outcome(text)
    assert effect == "positive"
    assert "wellbeing" in benefits


@pytest.mark.parametrize("text", [
    "I have MS and take LDN. I still have lots of bad days.",
    "I have MS and take LDN. My bad days are as frequent as ever.",
])
def test_bad_days_that_did_not_change_are_not_a_benefit(text):
    _, benefits, _ = outcome(text)
    assert "wellbeing" not in benefits


# ------------------------------------------------------------------ narrative change verbs

@pytest.mark.parametrize("text, benefit", [
    ("I started LDN in January. By March the pain in my feet was fading.", "pain"),
    ("I went on LDN last year and after a few weeks the spasms were settling.", "spasticity"),
    ("I began LDN in 2021, and within a month my fog was lifting.", "cognition"),
    ("I have MS. After two months of LDN my tiredness was starting to ease.", "fatigue"),
])
def test_a_symptom_easing_in_the_narrative_past_is_a_benefit(text, benefit):
    effect, benefits, _ = outcome(text)
    assert effect == "positive"
    assert benefit in benefits


def test_a_symptom_easing_before_the_drug_is_not_its_benefit():
    text = "Before I started LDN the fatigue was already easing. I take 3 mg now."
    assert "fatigue" not in outcome(text)[1]


# ------------------------------------------------------------------ purpose + bare verdict

@pytest.mark.parametrize("text, benefit", [
    ("I take LDN for my spasms and it helps.", "spasticity"),
    ("I started LDN for the pain in my legs and it does the job.", "pain"),
    ("I use LDN for fatigue, and it is working.", "fatigue"),
    ("I'm on LDN for my bladder and it works.", "bladder_bowel"),
])
def test_a_purpose_answered_by_a_bare_verdict_credits_the_purpose(text, benefit):
    effect, benefits, _ = outcome(text)
    assert effect == "positive"
    assert benefit in benefits


@pytest.mark.parametrize("text, effect", [
    ("I take LDN for my spasms and it doesn't work.", "no_effect"),
    ("I take LDN for my fatigue and I can't say it helps.", "no_effect"),
])
def test_a_purpose_with_a_negated_verdict_credits_nothing(text, effect):
    got, benefits, _ = outcome(text)
    assert got == effect
    assert benefits == []


# ------------------------------------------------------------------ sleep with an adverb

@pytest.mark.parametrize("text", [
    "My wife started LDN in May. She slept poorly for the first fortnight.",
    "I have MS.\n2 June: started LDN.\n5 June: slept terribly.",
    "I have MS and take LDN; the first week I slept really badly.",
    "My husband has MS and takes LDN. He has been sleeping badly since he started.",
])
def test_sleeping_badly_is_a_sleep_disturbance(text):
    assert "sleep_disturbance" in outcome(text)[2]


@pytest.mark.parametrize("text", [
    "I have MS.\n1 May: first LDN.\n3 May: slept badly.\n20 May: sleeping well again, and "
    "my legs are less stiff.",
    "I have MS and take LDN. It kept me awake for a week; now I sleep fine again and my "
    "pain is better.",
    "I have MS. LDN gave me insomnia at first, but I'm back to sleeping normally and I have "
    "more energy.",
])
def test_sleep_returning_after_a_disturbance_is_not_a_sleep_benefit(text):
    effect, benefits, adverse = outcome(text)
    assert "sleep_disturbance" in adverse
    assert "sleep" not in benefits
    assert effect == "mixed"


def test_sleep_better_than_before_the_drug_is_still_a_benefit():
    text = ("I have MS. Before LDN I had insomnia for years; now I take LDN every night and "
            "sleep well.")
    assert "sleep" in outcome(text)[1]


# ------------------------------------------------------------------ quoted verdicts

@pytest.mark.parametrize("text", [
    "Anne Moore, 52, has MS and took LDN for a year. \"It made no difference to my "
    "balance,\" she said.",
    "Mark Lee, 40, stopped LDN in 2020. \"It did nothing for my legs,\" he told us.",
])
def test_a_quoted_verdict_of_no_effect_is_the_interviewees(text):
    assert outcome(text)[0] == "no_effect"


# ------------------------------------------------------------------ review families

def reviewed(text: str, drug: str = "Drugname") -> tuple:
    """The reviewed drug's outcome for a review of `drug`."""
    doc = Doc.make(text, drug=drug)
    values = REVIEWED_DRUG(doc, {"speaker_role": "patient"}).values
    return values["drug_effect"], values["drug_benefits"], values["drug_adverse_events"]


@pytest.mark.parametrize("text", [
    "After a month on this I feel no different at all.",
    "I gave it eight weeks and didn't feel any different.",
    "Honestly I noticed nothing, not a thing changed.",
])
def test_feeling_no_different_is_no_effect(text):
    assert reviewed(text)[0] == "no_effect"


@pytest.mark.parametrize("text", [
    "For the first time in years I can get through a day at work.",
    "I can finally enjoy time with my kids.",
    "I feel happy again and I'm enjoying life.",
    "Two weeks in and I am able to function normally.",
])
def test_life_regained_is_positive(text):
    assert reviewed(text)[0] == "positive"


@pytest.mark.parametrize("text", [
    "I had tried lots of others over the years and this one has changed my life.",
    "It gave me my life back, what more is there to say?",
])
def test_a_strong_verdict_is_not_lost_to_other_drugs_or_a_rhetorical_question(text):
    assert reviewed(text)[0] == "positive"


@pytest.mark.parametrize("text", [
    "I could not tolerate it past day three.",
    "My body just could not handle this medicine.",
    "It made everything so much worse than before.",
])
def test_intolerance_and_worsening_are_negative(text):
    assert reviewed(text)[0] in ("negative", "mixed")


def test_values_carry_evidence_with_rule_ids():
    doc = Doc.make("I have MS and take LDN. I can garden again.")
    rec = ldn_comments.extract(pd.DataFrame({"text": [doc.text]})).iloc[0]
    assert rec["benefits"] == ["mobility"]
    spans = rec["evidence"]["benefits"]
    assert spans and all(rule.startswith("outcome.") for _, _, rule in spans)
    assert any("garden" in doc.text[a:b] for a, b, _ in spans)


@pytest.mark.parametrize("text", [
    "It made things so much worse.",
    "It made my skin ten times worse than before.",
    "Things only got worse on it.",
    "This drug turned my moods from bad to worse.",
])
def test_making_things_worse_is_negative(text):
    assert reviewed(text)[0] in ("negative", "mixed")


@pytest.mark.parametrize("text", [
    "Honestly it really works.",
    "It truly worked for my back.",
    "This one definitely works.",
])
def test_it_works_with_an_adverb_is_positive(text):
    assert reviewed(text)[0] == "positive"


@pytest.mark.parametrize("text, benefit", [
    ("I no longer feel anxious all the time.", "mood"),
    ("I'm not tired anymore.", "fatigue"),
    ("I don't get headaches any more.", "pain"),
    ("My legs don't ache anymore.", "pain"),
])
def test_a_problem_that_is_no_longer_there_is_a_benefit(text, benefit):
    effect, benefits, _ = reviewed(text)
    assert effect == "positive"
    assert benefit in benefits


def test_a_problem_still_there_is_not_a_benefit():
    assert reviewed("I still feel anxious all the time.")[1] == []


@pytest.mark.parametrize("text, harm", [
    ("After two weeks I stopped because of the nausea.", "nausea"),
    ("I had to quit it due to the headaches.", "headache"),
    ("I came off it because of awful insomnia.", "sleep_disturbance"),
])
def test_stopping_because_of_a_harm_is_that_harm(text, harm):
    effect, _, adverse = reviewed(text)
    assert effect == "negative"
    assert harm in adverse


@pytest.mark.parametrize("text", [
    "It did absolutely zero for me.",
    "Did zilch for my pain.",
])
def test_doing_zero_is_no_effect(text):
    assert reviewed(text)[0] == "no_effect"


def test_through_the_roof_is_not_better():
    # "through" is a better state for sleep ("slept through"), never in "through the roof"
    assert reviewed("My anxiety is through the roof since starting it.")[0] != "positive"
    assert reviewed("I sleep through the night on it.")[0] == "positive"


@pytest.mark.parametrize("text, effect", [
    ("It has not made my skin worse or better.", None),
    ("I have not noticed much, but I no longer have headaches.", "positive"),
])
def test_negation_before_worse_and_no_longer(text, effect):
    assert reviewed(text)[0] == effect


def test_couldnt_stand_how_it_made_me_feel_is_negative():
    assert reviewed("I couldn't stand how it made me feel.")[0] == "negative"


@pytest.mark.parametrize("text", [
    "Three weeks in and I feel like a whole new person.",
    "I'm finally feeling like me again.",
    "On this I feel calm and confident for once.",
    "By the second month I felt cured.",
    "It has made my life so much more bearable.",
    "After six weeks I was completely symptom free.",
])
def test_feeling_oneself_again_is_positive(text):
    assert reviewed(text)[0] == "positive"


@pytest.mark.parametrize("text", [
    "I just want to feel calm again.",
    "I would rather feel relaxed than drugged.",
    "I hope I will feel like myself again one day.",
])
def test_a_wish_to_feel_well_is_not_an_outcome(text):
    assert reviewed(text)[0] is None


@pytest.mark.parametrize("text", [
    "I stopped it after a week and two days later I was back to normal.",
    "Since coming off it I finally feel like my old self.",
    "I felt fine for the first morning, then the dizziness hit.",
])
def test_back_to_normal_off_the_drug_or_fine_at_first_is_not_a_benefit(text):
    assert reviewed(text)[0] != "positive"


def test_making_a_symptom_worse_names_the_symptom():
    effect, _, adverse = reviewed("It made my spasms ten times worse.")
    assert effect == "negative" and adverse == ["spasticity"]


@pytest.mark.parametrize("text", [
    "Three months in and it is just not that effective.",
    "I did not find this cream to be very effective.",
    "Honestly this stuff is too weak to notice.",
    "It helped for about ten days and then it stopped.",
])
def test_weak_or_short_lived_is_no_effect(text):
    assert reviewed(text)[0] == "no_effect"


@pytest.mark.parametrize("text", [
    "Easily the worst antidepressant I have ever tried.",
    "It changed my husband for the worse.",
    "This pill changed me completely for the worse.",
])
def test_worst_tried_and_for_the_worse_are_negative(text):
    assert reviewed(text)[0] in ("negative", "mixed")


@pytest.mark.parametrize("text, benefit", [
    ("The tablets took the pain away.", "pain"),
    ("It has taken my headaches away almost completely.", "pain"),
    ("It keeps the spasms at bay.", "spasticity"),
    ("This keeps my anxiety under control.", "mood"),
])
def test_a_relief_verb_split_around_its_object(text, benefit):
    effect, benefits, _ = reviewed(text)
    assert effect == "positive" and benefit in benefits


@pytest.mark.parametrize("text", [
    "Finally after years of pain I have near total relief.",
    "It is the only one that has given me relief.",
    "Big change, instant improvement!",
    "After a month on it I have had the pain relieved.",
])
def test_relief_and_improvement_nouns_are_positive(text):
    assert reviewed(text)[0] == "positive"


@pytest.mark.parametrize("text", [
    "It gave only temporary relief and then nothing.",
    "I got no relief at all.",
])
def test_temporary_or_no_relief_is_not_positive(text):
    assert reviewed(text)[0] != "positive"


def test_the_drug_named_as_wonderful_is_positive_but_not_the_doctor():
    assert reviewed("Drugname was wonderful for my moods.")[0] == "positive"
    assert reviewed("My doctor was wonderful and listened.")[0] is None


def test_a_lifesaver_after_any_subject_stays_positive():
    assert reviewed("The first box was a lifesaver.")[0] == "positive"


def test_an_improvement_while_off_the_drug_is_not_its_benefit():
    text = "I had to stop it for a while; while I was off it I noticed a big improvement in my mood."
    assert reviewed(text)[0] != "positive"


# ------------------------------------------------------------------ property: the regained rule

_ACTIVITIES = {"garden": "mobility", "dance": "mobility", "walk the dog": "mobility",
               "climb the stairs": "mobility", "go swimming": "mobility",
               "read a book": "wellbeing", "see my friends": "wellbeing"}
_MARKERS = ["again", "now", "finally", "these days", "once more"]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(_ACTIVITIES)), st.sampled_from(_MARKERS),
       st.sampled_from(["", "really ", "actually "]))
def test_an_ability_regained_is_its_benefit_and_a_negated_one_is_not(activity, marker, adverb):
    from ldn_comments.nlp.outcomes import Cause, read_outcomes
    from ldn_comments.nlp.text import normalise, sentence_spans

    def regained(text):
        norm = normalise(text)
        causes = [Cause(norm.index("ldn"), norm.index("ldn") + 3, "target")]
        found = read_outcomes(norm, sentence_spans(norm, text), causes).findings
        return [(f.polarity, f.benefit) for f in found if f.rule == "regained"]

    said = f"On LDN I can {adverb}{activity} {marker}."
    assert regained(said) == [("positive", _ACTIVITIES[activity])]
    assert regained(f"On LDN I {adverb}can't {activity} {marker}.") == []
    assert regained(f"On LDN I hope to {activity} {marker}.") == []
