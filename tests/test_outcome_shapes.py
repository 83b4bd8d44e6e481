"""Shapes of outcome sentences found missing in long posts (issue 19, second round).

Each group is one general way of writing an outcome, with paraphrases of our own and
controls that look alike but are not that outcome:

* a reduction told with a partitive ("far less of the burning pain", "fewer of those
  cramps") and a steadier good thing ("steadier energy");
* a change told as a move between two frequencies ("went from constant to occasional");
* a relapse-free stretch told by anaphora ("I've not had one since");
* a measured score ("fatigue scores were better");
* other medicines cut down or stopped ("able to come off baclofen");
* a disability score that has not moved ("my EDSS hasn't moved");
* an elliptical answer to "did it help?" ("I think it did for my pain");
* coordinated symptoms with a place or a time attached ("the pain in my hips and the
  spasms at night are much better");
* sleep lost, told plainly ("barely slept", "wide awake until 3am", "upsets their sleep");
* a drug named in a bracketed aside, which later sentences are not about.

Values follow the guide (ANNOTATION.md, "The reported outcome").
"""
from __future__ import annotations

import pytest
from test_long_form import record


def outcome(text: str) -> tuple:
    rec = record(text)
    return rec["effect"], sorted(rec["benefits"]), sorted(rec["adverse_events"])


@pytest.mark.parametrize("text, effect, benefits, adverse", [
    # partitive reductions and steadier good things
    ("I have MS and take LDN. I have far less of the burning pain in my legs.",
     "positive", ["pain"], []),
    ("My partner has MS and takes LDN 3 mg. He gets fewer of those cramps at night now.",
     "positive", ["spasticity"], []),
    ("I have MS and take LDN. For me the benefit has been steadier energy.",
     "positive", ["fatigue"], []),
    ("I have MS and take LDN. I feel steadier on my feet.", "positive", ["mobility"], []),
    # a move between two frequencies
    ("I have MS and started LDN last year. Within a few months the nerve pain went from "
     "constant to occasional.", "positive", ["pain"], []),
    ("I have MS and take LDN. My spasms have gone from nightly to the odd one now and then.",
     "positive", ["spasticity"], []),
    # relapse-free by anaphora
    ("I have RRMS. I had three relapses in two years before I began LDN. I've not had one "
     "since.", "positive", ["relapses"], []),
    ("I have relapsing MS. My last relapse was in 2019, the month I started LDN, and I "
     "haven't had another since.", "positive", ["relapses"], []),
    # measured scores
    ("I have MS. Since starting LDN my pain scores have come down.", "positive", ["pain"], []),
    ("I have MS and take LDN. My fatigue scores are better than a year ago.",
     "positive", ["fatigue"], []),
    # other medicines cut down or stopped
    ("My wife has MS and takes LDN. She was able to cut right down on her gabapentin.",
     "positive", ["fewer_medicines"], []),
    ("I have MS and take LDN. I've been able to come off baclofen altogether.",
     "positive", ["fewer_medicines"], []),
    # a disability score that has not moved
    ("I have PPMS and have taken LDN for four years. My EDSS hasn't moved in three years.",
     "positive", ["progression"], []),
    ("My husband has SPMS and takes LDN. His EDSS score has not changed since he started.",
     "positive", ["progression"], []),
    # an elliptical answer
    ("I have MS. Did LDN help? I think it did for my pain.", "positive", ["pain"], []),
    ("I have MS and take LDN. Does it help? It does with my fatigue, less so with my legs.",
     "positive", ["fatigue"], []),
    # coordinated symptoms with a place or a time
    ("I have MS and take LDN. The pain in my hips and the spasms at night are much better.",
     "positive", ["pain", "spasticity"], []),
    ("I have MS and take LDN. The tingling, the pain and the spasms are all better.",
     "positive", ["pain", "spasticity"], []),
    # a drug named before a cut-down verb with no object is what was cut
    ("My wife has MS and takes LDN. She had been on gabapentin for years and was able to "
     "cut right down.", "positive", ["fewer_medicines"], []),
    # a spaced dash starts a new clause: the drug named after it takes no credit before it
    ("My mum has MS and was on LDN for a year. Did it help? I think it did for her pain - "
     "she had been on gabapentin for years.", "positive", ["pain"], []),
    # a good state and a negated harm side by side are two findings
    ("I have MS and was on LDN for two years. My walking felt steadier + no relapses the "
     "whole time.", "positive", ["mobility", "relapses"], []),
    # a drug named in a bracketed aside is not what the next sentences are about
    ("My wife has MS and has been on LDN for four years; I drive her to every appointment. "
     "She was offered nothing else (Ocrevus came later, and she turned it down). She has had "
     "far less of the burning pain in her legs.", "positive", ["pain"], []),
    # sleep lost
    ("I have MS and started LDN. I barely slept for the first fortnight.",
     "negative", [], ["sleep_disturbance"]),
    ("My husband has MS and tried LDN. He was wide awake until 3am most nights.",
     "negative", [], ["sleep_disturbance"]),
    ("I prescribe LDN to my patients with MS. Some stay on 3 mg because 4.5 mg upsets "
     "their sleep.", "negative", [], ["sleep_disturbance"]),
])
def test_outcome_shape(text, effect, benefits, adverse):
    assert outcome(text) == (effect, benefits, adverse)


@pytest.mark.parametrize("text, not_benefit", [
    # a dose cut is not fewer medicines
    ("I have MS and take LDN. I was able to cut down to 1.5 mg when the dreams got bad.",
     "fewer_medicines"),
    ("I have MS. I was able to come off LDN without any trouble.", "fewer_medicines"),
    # another drug started first takes the credit for what was cut after it
    ("My wife has MS and takes LDN. Since starting Ocrevus she has been able to come off "
     "her painkillers.", "fewer_medicines"),
    # a move between frequencies that got worse is no benefit
    ("I have MS and take LDN. My headaches went from occasional to daily.", "pain"),
    # "since" after something that is not a relapse
    ("I have RRMS and take LDN. I had a good day last week and haven't had one since.",
     "relapses"),
    # steadier is about walking only where it says so
    ("I have MS and take LDN. My energy is steadier.", "mobility"),
    # a score that got worse
    ("I have MS and take LDN. My fatigue scores were worse at the last visit.", "fatigue"),
])
def test_look_alike_is_not_that_benefit(text, not_benefit):
    assert not_benefit not in outcome(text)[1]


@pytest.mark.parametrize("text, effect, benefits", [
    # what LDN is said to be is no outcome: the writer's own verdict is the outcome
    ("I have MS and was on LDN for eight months. Everyone online made it sound like a "
     "miracle. For me? Nothing changed.", "no_effect", []),
    ("I have MS and tried LDN for a year. It's supposed to be amazing, but I noticed no "
     "difference at all.", "no_effect", []),
    # a generic "you" in a relative clause is nobody else
    ("I have MS and I've taken LDN for five years. For me the benefit has been fewer of "
     "those spasms that wake you at 4am.", "positive", ["spasticity"]),
    # a drug the writer left behind is not what later bare sentences are about
    ("I have MS and have taken LDN for nearly five years. I came off Betaferon the year "
     "before I started. My energy is much better these days.", "positive", ["fatigue"]),
])
def test_whose_outcome_it_is(text, effect, benefits):
    got = outcome(text)
    assert (got[0], got[1]) == (effect, benefits)


@pytest.mark.parametrize("text", [
    # ... but a pronoun, or "since" the leaving, still points back to that drug
    "I have MS and take LDN. I was on Copaxone for years. It gave me awful welts.",
    "I have MS and take LDN. I stopped Copaxone. My fatigue is much worse since.",
])
def test_a_left_drug_keeps_what_points_back_to_it(text):
    assert outcome(text)[0] is None
