"""Long-form writing (issue 19): blog posts, carers' diaries, clinicians, news stories and
pages about LDN. Every row of the issue's table, then invented texts of six kinds:
who a sentence is about (and carry-over of names and pronouns), general statements, tense
and aspect, clinicians known by what they do, rhetorical questions, and diaries.

Expectations follow ANNOTATION.md ("Rules for hard cases"). Each case asserts only the
fields it names. Tests run through the public API (``ldn_comments.extract`` on a one-row
table), so that they hold across refactors of the extractor's insides. Cases that still
fail are marked ``xfail(strict=True)`` in :data:`STILL_FAILING`, with the reason; a fix
removes its id from there.
"""
from __future__ import annotations

import math

import pandas as pd
import pytest

import ldn_comments

# ---------------------------------------------------------------------------------------
# The issue's table

ISSUE_TABLE = [
    ("issue-gp-practice",
     "In my practice I have prescribed LDN to about sixty people with MS, and most of them "
     "tell me their fatigue is better.",
     dict(speaker_role="clinician", second_hand=True, ldn_use="current", effect="positive",
          benefits=["fatigue"])),
    ("issue-trial",
     "We treated 24 patients with relapsing-remitting MS with LDN 4.5 mg daily for six "
     "months. Fatigue scores improved; two stopped early because of insomnia.",
     dict(speaker_role="clinician", second_hand=True, ldn_use="past", ms_type="RRMS",
          dose_values=[4.5], dose_unit="mg", current_dose=4.5, dose_frequency="daily",
          ldn_duration_months=6, effect="mixed", benefits=["fatigue"],
          adverse_events=["sleep_disturbance"])),
    ("issue-news-interviewee",
     "Mrs Patel, 58, who was diagnosed with MS in 2004, began taking LDN two years ago. "
     "\"I can walk to the shops again,\" she said.",
     dict(speaker_role="unknown", second_hand=True, ms_type="MS", age=58,
          diagnosis_year=2004, years_since_diagnosis=None, ldn_use="current",
          ldn_duration_months=24, effect="positive", benefits=["mobility"])),
    ("issue-compounding",
     "We compound LDN capsules in 1.5, 3 and 4.5 mg strengths with a lactose-free filler.",
     dict(speaker_role="clinician", ldn_use="none", dose_values=[], current_dose=None,
          ms_type=None)),
    ("issue-rhetorical",
     "I have MS. Why do neurologists still ignore LDN? Who knows. Anyway, I'm on 3 mg now "
     "and feeling much better.",
     dict(is_question=False, speaker_role="patient", ldn_use="current", current_dose=3,
          effect="positive", benefits=["wellbeing"])),
    ("issue-diary",
     "I have RRMS.\n12 March: first dose of LDN tonight.\n20 March: sleeping badly, very odd "
     "dreams.\n2 April: the dreams have settled and I have far more energy.",
     dict(ms_type="RRMS", ldn_use="current", effect="mixed", benefits=["fatigue"],
          adverse_events=["sleep_disturbance", "vivid_dreams"])),
    ("issue-carer-question",
     "My daughter (23) was diagnosed with RRMS last month. Has anyone's son or daughter "
     "tried LDN?",
     dict(speaker_role="caregiver", is_question=True, ldn_use="planned", ms_type="RRMS")),
    ("issue-wedding",
     "I started LDN a month before my sister's wedding and danced all evening. Two years on "
     "I still take it every night.",
     dict(ldn_use="current", dose_frequency="daily", effect="positive",
          benefits=["mobility"])),
    ("issue-explainer",
     "LDN is a safe, cheap treatment for MS. The usual dose is 1.5 to 4.5 mg taken at "
     "night, and many users find their symptoms ease within weeks.",
     dict(ldn_use="none", dose_values=[], current_dose=None, effect=None)),
    ("issue-wife-ppms",
     "My wife has PPMS. She started LDN in March and has been on 3 mg since; her legs are "
     "much less stiff.",
     dict(speaker_role="caregiver", second_hand=True, ms_type="PPMS", ldn_use="current",
          current_dose=3, effect="positive", benefits=["spasticity"])),
]

# ---------------------------------------------------------------------------------------
# Invented texts, six kinds

EXPERIENCER = [
    ("exp-husband-named-carry",
     "My husband Tom was diagnosed with SPMS in 2012. He started LDN last spring. Tom says "
     "he has far more energy in the evenings now.",
     dict(speaker_role="caregiver", second_hand=True, ms_type="SPMS", diagnosis_year=2012,
          ldn_use="current", effect="positive", benefits=["fatigue"])),
    ("exp-sister-she",
     "My sister Sam has had RRMS for ten years. She takes 4.5 mg of LDN every night and "
     "hasn't had a relapse since she began.",
     dict(speaker_role="caregiver", second_hand=True, ms_type="RRMS",
          years_since_diagnosis=10, ldn_use="current", current_dose=4.5,
          dose_frequency="daily", effect="positive", benefits=["relapses"])),
    ("exp-mum-stopped",
     "My mum has PPMS. She tried LDN for three months and stopped because it gave her "
     "constant headaches.",
     dict(speaker_role="caregiver", second_hand=True, ms_type="PPMS", ldn_use="past",
          ldn_duration_months=3, effect="negative", adverse_events=["headache"])),
    ("exp-writer-wife-aside",
     "I have RRMS and take LDN 3 mg. My wife says I am much less grumpy on it.",
     dict(speaker_role="patient", second_hand=False, ldn_use="current", current_dose=3)),
    ("exp-friend-hearsay-writer-never",
     "A friend of mine with MS swears by LDN. I have PPMS and have never taken it.",
     dict(speaker_role="patient", second_hand=False, ldn_use="none", effect=None)),
    ("exp-read-online",
     "I read about a woman online who could walk again after a year on LDN.",
     dict(second_hand=False, ldn_use="none", effect=None, benefits=[],
          ldn_duration_months=None)),
    ("exp-partner-named-mri",
     "My partner Alex has MS. Alex started LDN in 2019. Since then he has not had a single "
     "relapse and his MRI is stable.",
     dict(speaker_role="caregiver", second_hand=True, ldn_use="current", ldn_start="2019",
          effect="positive", benefits=["mri", "relapses"])),
    ("exp-dad-legs",
     "Dad was diagnosed with PPMS at 60. He has been on LDN for two years now and his legs "
     "are less stiff.",
     dict(speaker_role="caregiver", second_hand=True, ms_type="PPMS", ldn_use="current",
          ldn_duration_months=24, effect="positive", benefits=["spasticity"])),
    ("exp-brother-distractor",
     "I have SPMS. My brother also has MS but won't touch LDN. I've taken it for five years "
     "and still walk without a stick.",
     dict(speaker_role="patient", second_hand=False, ms_type="SPMS", ldn_use="current",
          ldn_duration_months=60, effect="positive", benefits=["mobility"])),
    ("exp-interviewee-grace",
     "Grace Mensah, 44, has relapsing-remitting MS. She has taken LDN for a year. \"My "
     "fatigue has lifted,\" she said.",
     dict(speaker_role="unknown", second_hand=True, ms_type="RRMS", age=44,
          ldn_use="current", ldn_duration_months=12, effect="positive",
          benefits=["fatigue"])),
    ("exp-interviewee-stopped",
     "Retired teacher John Burke, 67, stopped taking LDN last year after six months. \"It "
     "did nothing for my walking,\" he told us.",
     dict(speaker_role="unknown", second_hand=True, age=67, ldn_use="past",
          ldn_duration_months=6, effect="no_effect")),
    ("exp-wife-prescription",
     "My wife has MS and takes LDN. I don't have MS myself; I just pick up her prescription "
     "every month.",
     dict(speaker_role="caregiver", second_hand=True, ldn_use="current", ms_type="MS")),
    ("exp-son-planned",
     "My son is 19 and has just been diagnosed with MS. His neurologist will not prescribe "
     "LDN, so we are thinking of ordering it privately.",
     dict(speaker_role="caregiver", ldn_use="planned", ms_type="MS", age=19)),
    ("exp-husband-past-pronoun",
     "My husband has had MS since 2001. He was on LDN for about a year but it made his "
     "spasms worse, so he came off it.",
     dict(speaker_role="caregiver", second_hand=True, diagnosis_year=2001, ldn_use="past",
          ldn_duration_months=12, effect="negative", adverse_events=["spasticity"])),
]

GENERAL = [
    ("gen-off-label",
     "LDN is an off-label use of naltrexone at doses of 1.5 to 4.5 mg.",
     dict(ldn_use="none", dose_values=[], current_dose=None, effect=None)),
    ("gen-most-patients",
     "Most patients start at 1.5 mg and increase slowly to 4.5 mg.",
     dict(ldn_use="none", dose_values=[], current_dose=None)),
    ("gen-users-report",
     "Users report vivid dreams in the first few weeks, which usually settle.",
     dict(ldn_use="none", effect=None, adverse_events=[])),
    ("gen-studies-show",
     "Studies show LDN may reduce fatigue in people with MS.",
     dict(ldn_use="none", effect=None, benefits=[])),
    ("gen-instructions",
     "Take LDN at bedtime, start low and go slow, and ask your pharmacist for a filler "
     "without lactose.",
     dict(ldn_use="none", dose_frequency=None, dose_values=[])),
    ("gen-thousands",
     "Thousands of people with MS take LDN every night.",
     dict(ldn_use="none", dose_frequency=None, effect=None)),
    ("gen-usual-dose",
     "The usual dose is 4.5 mg taken once a day.",
     dict(ldn_use="none", dose_values=[], current_dose=None, dose_frequency=None)),
    ("gen-many-people-energy",
     "LDN is cheap because the patent expired decades ago. Many people find it helps their "
     "energy.",
     dict(ldn_use="none", effect=None, benefits=[])),
    ("gen-usual-but-mine",
     "The usual dose is 4.5 mg, but my doctor started me on 1.5 mg last week.",
     dict(ldn_use="current", dose_values=[1.5], current_dose=1.5, effect=None)),
    ("gen-promotional",
     "Our pharmacy ships LDN nationwide. Order today and get your first month of 4.5 mg "
     "capsules at half price.",
     dict(ldn_use="none", dose_values=[], current_dose=None)),
    ("gen-people-sleep",
     "People with MS who take LDN often say they sleep better.",
     dict(ldn_use="none", effect=None, benefits=[])),
    ("gen-warning",
     "If you take opioid painkillers you must not take LDN.",
     dict(ldn_use="none")),
    ("gen-doctors-suggest",
     "Doctors usually suggest trying LDN for three months before judging it.",
     dict(ldn_use="none", ldn_duration_months=None)),
    ("gen-explainer-then-self",
     "LDN blocks opioid receptors for a few hours at night. I have MS and have taken it "
     "for three years; I rarely have a bad day now.",
     dict(ldn_use="current", ldn_duration_months=36, speaker_role="patient",
          effect="positive")),
]

TENSE = [
    # "N years ago" after a drug's start verb dates the drug, not the diagnosis before it
    ("tense-ago-after-start",
     "Diagnosed with MS in 2015, I started LDN three years ago and still take it.",
     dict(diagnosis_year=2015, years_since_diagnosis=None, ldn_use="current",
          ldn_duration_months=36)),
    ("tense-ago-dx-then-drug",
     "I was diagnosed with RRMS 8 years ago and have been on LDN since last summer.",
     dict(years_since_diagnosis=8, ldn_use="current")),
    ("tense-in-the-past",
     "I have taken LDN in the past but it did nothing for me.",
     dict(ldn_use="past", effect="no_effect")),
    ("tense-used-to",
     "I used to take LDN 4.5 mg but stopped when I got pregnant.",
     dict(ldn_use="past", current_dose=4.5)),
    ("tense-was-on-a-while",
     "I was on LDN for a while, then switched to Ocrevus.",
     dict(ldn_use="past",
          therapies=[{"name": "ocrelizumab", "status": "current"}])),
    ("tense-narrative-then-still",
     "I started LDN in May 2020. By the autumn I had been taking it for four months and "
     "the fatigue was easing. I still take it.",
     dict(ldn_use="current", ldn_start="2020-05", effect="positive", benefits=["fatigue"])),
    ("tense-had-been-at-that-point",
     "I had been taking LDN for a year at that point, and I still take it every night.",
     dict(ldn_use="current", dose_frequency="daily")),
    ("tense-take-for-reason",
     "I take LDN for the fatigue and it works.",
     dict(ldn_use="current", effect="positive", benefits=["fatigue"])),
    ("tense-take-for-spasms",
     "I take LDN for my MS spasms, 3 mg at night.",
     dict(ldn_use="current", current_dose=3, dose_frequency="daily")),
    ("tense-took-still",
     "I took LDN at 4.5 mg for two years. I still take it, now at 3 mg.",
     dict(ldn_use="current", current_dose=3, dose_values=[3.0, 4.5])),
    ("tense-tried-gave-up",
     "I tried LDN in 2016 for six months and gave up.",
     dict(ldn_use="past", ldn_start="2016", ldn_duration_months=6)),
    ("tense-since-year-mri",
     "I have been on LDN since 2018 and my MRI has been stable.",
     dict(ldn_use="current", ldn_start="2018", effect="positive", benefits=["mri"])),
    ("tense-tried-before-headaches",
     "I've tried LDN before; it gave me awful headaches so I stopped.",
     dict(ldn_use="past", effect="negative", adverse_events=["headache"])),
    ("tense-going-to-start",
     "I'm going to start LDN next week; my doctor has prescribed 1.5 mg.",
     dict(ldn_use="planned", dose_values=[1.5], current_dose=None)),
    ("tense-restart",
     "I stopped LDN in March and I'm starting it again next month.",
     dict(ldn_use="past")),
    ("tense-years-ago",
     "Years ago I was on LDN. Now I take nothing for my MS.",
     dict(ldn_use="past")),
    ("tense-present-perfect-current",
     "I have taken LDN every night for three years and I have had no relapses.",
     dict(ldn_use="current", dose_frequency="daily", ldn_duration_months=36,
          effect="positive", benefits=["relapses"])),
]

CLINICIANS = [
    ("clin-gp-energy",
     "I am a GP and I have prescribed LDN for several of my MS patients; most report more "
     "energy.",
     dict(speaker_role="clinician", second_hand=True, ldn_use="current", effect="positive",
          benefits=["fatigue"])),
    ("clin-pharmacist-dispense",
     "As a pharmacist I dispense LDN every week, mostly 4.5 mg for people with MS.",
     dict(speaker_role="clinician")),
    ("clin-in-my-practice",
     "In my practice, people with relapsing MS who take LDN tend to have fewer relapses.",
     dict(speaker_role="clinician", second_hand=True)),
    ("clin-our-trial",
     "Our trial gave 40 people with progressive MS LDN 4.5 mg nightly for twelve weeks; "
     "quality of life improved and nobody dropped out.",
     dict(speaker_role="clinician", second_hand=True, ldn_use="past", current_dose=4.5,
          dose_frequency="daily", ldn_duration_months=2.8, effect="positive")),
    ("clin-neuro-never",
     "I am a neurologist. I have never prescribed LDN because the trial evidence is thin.",
     dict(speaker_role="clinician", ldn_use="none", second_hand=False)),
    ("clin-treated-ppms",
     "We treated 12 patients with PPMS with LDN; three reported worse spasticity and "
     "stopped.",
     dict(speaker_role="clinician", second_hand=True, ms_type="PPMS",
          adverse_events=["spasticity"])),
    ("clin-nurse-unit",
     "As a nurse on an MS unit I see many patients take LDN alongside their DMTs.",
     dict(speaker_role="clinician")),
    ("clin-my-patients-sleep",
     "My patients who take LDN at 3 mg tell me they sleep better.",
     dict(speaker_role="clinician", second_hand=True, ldn_use="current", current_dose=3,
          effect="positive", benefits=["sleep"])),
    ("clin-compound-liquid",
     "We compound LDN as a liquid, 1 mg per ml, for patients who cannot swallow capsules.",
     dict(speaker_role="clinician", ldn_use="none", dose_values=[])),
    ("clin-prescribe-half",
     "I prescribe LDN 4.5 mg at night to people with MS who ask for it; about half notice "
     "less fatigue within two months.",
     dict(speaker_role="clinician", second_hand=True, ldn_use="current", current_dose=4.5,
          dose_frequency="daily", effect="positive", benefits=["fatigue"])),
    ("clin-not-patient-gp-prescribed",
     "My GP prescribed LDN for me last year and I take 4.5 mg.",
     dict(speaker_role_not="clinician", ldn_use="current", current_dose=4.5,
          second_hand=False)),
    ("clin-not-neuro-refused",
     "I have MS and my neurologist refused to prescribe LDN.",
     dict(speaker_role="patient", second_hand=False)),
]

QUESTIONS = [
    ("q-rhetorical-funding",
     "Why is nobody funding a proper trial of LDN? Beats me. I take 4.5 mg and it helps my "
     "fatigue.",
     dict(is_question=False, ldn_use="current")),
    ("q-rhetorical-who-would-have-thought",
     "Who would have thought a cheap old drug could help? I've been on LDN for a year.",
     dict(is_question=False, ldn_use="current")),
    ("q-has-anyone",
     "Has anyone here tried LDN for PPMS?",
     dict(is_question=True)),
    ("q-should-i",
     "Should I take LDN in the morning or at night?",
     dict(is_question=True)),
    ("q-what-dose-do-you",
     "What dose do you all take?",
     dict(is_question=True)),
    ("q-interaction",
     "Does LDN interact with Tecfidera? My neuro isn't sure.",
     dict(is_question=True)),
    ("q-self-answered",
     "Why do drug companies ignore LDN? Because they can't make money from it.",
     dict(is_question=False)),
    ("q-isnt-it-strange",
     "Isn't it strange that doctors won't even discuss LDN?",
     dict(is_question=False)),
    ("q-how-did-i-cope",
     "How did I cope before LDN? I honestly don't know.",
     dict(is_question=False)),
    ("q-recommend-pharmacy",
     "Can anyone recommend a pharmacy that makes LDN in the UK?",
     dict(is_question=True)),
    ("q-whats-not-to-like",
     "What's not to like? It's cheap and I feel better on LDN.",
     dict(is_question=False, ldn_use="current")),
    ("q-any-tips",
     "Any tips for starting LDN?",
     dict(is_question=True)),
    ("q-worth-going-up",
     "I'm on 3 mg of LDN. Is it worth going up to 4.5?",
     dict(is_question=True, ldn_use="current", current_dose=3)),
]

DIARIES = [
    ("diary-stopped-insomnia",
     "I have MS.\n1 May: started LDN 1.5 mg.\n15 May: up to 3 mg, sleeping badly.\n"
     "1 June: stopped, could not cope with the insomnia.",
     dict(ldn_use="past", effect="negative", adverse_events=["sleep_disturbance"])),
    ("diary-weeks",
     "Week 1: first dose of LDN, 1.5 mg.\nWeek 3: more energy in the afternoons.\n"
     "Week 6: up to 4.5 mg now.",
     dict(ldn_use="current", current_dose=4.5, effect="positive", benefits=["fatigue"])),
    ("diary-days-dreams",
     "Day 1 - LDN 1.5mg tonight.\nDay 4 - very vivid dreams.\nDay 10 - still taking it.",
     dict(ldn_use="current", adverse_events=["vivid_dreams"])),
    ("diary-years-baby",
     "2019: started LDN at 3 mg.\n2020: no relapses this year.\n2021: came off LDN to try "
     "for a baby.",
     dict(ldn_use="past", ldn_start="2019", effect="positive", benefits=["relapses"])),
    ("diary-husband",
     "Monday 3rd: my husband took his first LDN.\nMonday 10th: he slept badly all week.\n"
     "Monday 17th: sleeping fine now and he says his legs feel lighter.",
     dict(speaker_role="caregiver", second_hand=True, ldn_use="current",
          adverse_events=["sleep_disturbance"])),
    ("diary-restarted",
     "Jan 2021 - started LDN.\nMar 2021 - stopped, headaches.\nSep 2022 - restarted at "
     "1.5 mg, no headaches this time.",
     dict(ldn_use="current", current_dose=1.5, adverse_events=["headache"])),
    ("diary-slash-dates",
     "12/03 first night on LDN.\n14/03 slept badly.\n30/03 sleeping well again and more "
     "energy.",
     dict(ldn_use="current", effect="mixed", benefits=["fatigue"],
          adverse_events=["sleep_disturbance"])),
    ("diary-latest-stopped",
     "March 2022: LDN 4.5 mg going well.\nJune 2022: still fine.\nOctober 2022: stopped, "
     "my new neurologist wanted me on Kesimpta instead.",
     dict(ldn_use="past", current_dose=4.5)),
]

KINDS = {"issue": ISSUE_TABLE, "experiencer": EXPERIENCER, "general": GENERAL,
         "tense": TENSE, "clinician": CLINICIANS, "question": QUESTIONS, "diary": DIARIES}

#: Cases that still fail, and why. 42 of the 86 failed when the tests were written (before
#: the experiencer); those fixed since have had their mark removed.
STILL_FAILING: dict[str, str] = {
}


def _value(v):
    """Record values as plain Python: NaN, NA and None are all None."""
    if isinstance(v, list):
        return v
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return v


def record(text: str) -> dict:
    """The record of a one-comment table, through the public API."""
    out = ldn_comments.extract(pd.DataFrame({"text": [text]}))
    return {k: _value(v) for k, v in out.iloc[0].to_dict().items()}


def mismatches(rec: dict, expected: dict) -> dict:
    """``{field: (expected, got)}`` for every expected field that the record misses."""
    wrong = {}
    for name, want in expected.items():
        if name.endswith("_not"):
            got = rec[name[:-4]]
            if got == want:
                wrong[name] = (f"not {want}", got)
            continue
        got = rec[name]
        if name in ("dose_values",):
            same = [float(x) for x in got] == [float(x) for x in want]
        elif name in ("ldn_duration_months", "years_since_diagnosis") and want is not None:
            same = got is not None and math.isclose(got, want, rel_tol=0.1)
        elif name == "current_dose" and want is not None:
            same = got is not None and float(got) == float(want)
        elif name == "ldn_start" and want is not None:
            same = got is not None and str(got) == want
        else:
            same = got == want
        if not same:
            wrong[name] = (want, got)
    return wrong


def case_params(cases, still_failing: dict[str, str]) -> list:
    """``pytest.param(text, expected)`` per ``(id, text, expected)`` case, a strict xfail
    with its reason where the id is in `still_failing`."""
    return [pytest.param(text, expected, id=case_id,
                         marks=([pytest.mark.xfail(strict=True, reason=still_failing[case_id])]
                                if case_id in still_failing else []))
            for case_id, text, expected in cases]


@pytest.mark.parametrize("text, expected",
                         case_params([c for cases in KINDS.values() for c in cases], STILL_FAILING))
def test_long_form(text, expected):
    assert mismatches(record(text), expected) == {}


def test_at_least_sixty_own_texts_over_six_kinds():
    own = {k: v for k, v in KINDS.items() if k != "issue"}
    assert len(own) == 6 and all(len(cases) >= 8 for cases in own.values())
    assert sum(len(cases) for cases in own.values()) >= 60
    ids = [case_id for cases in KINDS.values() for case_id, _, _ in cases]
    assert len(ids) == len(set(ids))
    assert set(STILL_FAILING) <= set(ids)
