"""Use status, dose and duration in long-form writing (issue 19): my own paraphrases.

Families: a clinician's group dose told in trial or practice phrasing (and the product
texts and general statements that give no dose), a length told after a stop verb, dated
diary entries read in order (many date forms), and tense and aspect in a narrative, with
the subject varied (the writer, a husband or wife, a named partner, a clinician's patients).
Each case names the fields it checks; the others are not asserted.
"""
from __future__ import annotations

import pytest
from test_long_form import case_params, mismatches, record

# ---------------------------------------------------------------------------------------
# A clinician's group: the dose in trial and practice phrasing is the group's usual dose.
GROUP_DOSE = [
    ("grp-pilot-gave",
     "In our pilot study we gave 30 people with SPMS 3 mg of LDN at bedtime for six months.",
     dict(speaker_role="clinician", second_hand=True, ldn_use="past", current_dose=3,
          dose_frequency="daily", ldn_duration_months=6)),
    ("grp-enrolled-each-received",
     "We enrolled 52 patients with relapsing MS; each received LDN 4.5 mg daily for 8 weeks.",
     dict(speaker_role="clinician", ldn_use="past", current_dose=4.5, dose_frequency="daily",
          ldn_duration_months=1.8)),
    ("grp-start-on-go-up",
     "I'm a GP. We start our patients on 1.5 mg of LDN and go up to 4.5 mg over a few weeks.",
     dict(speaker_role="clinician", ldn_use="current", dose_values=[1.5, 4.5],
          current_dose=4.5, ldn_duration_months=None)),
    ("grp-most-customers-take",
     "As a pharmacist I can tell you most of my customers with MS take 3 mg of LDN nightly.",
     dict(speaker_role="clinician", ldn_use="current", current_dose=3, dose_frequency="daily")),
    ("grp-people-given",
     "At our clinic 18 people with PPMS were given LDN 2 mg each night for a year.",
     dict(speaker_role="clinician", current_dose=2, ldn_duration_months=12)),
    ("grp-usual-then-mine",
     "The recommended dose is 4.5 mg, but most of my patients do best on 3 mg of LDN.",
     dict(speaker_role="clinician", dose_values=[3.0], current_dose=3)),
    ("grp-product-strengths",
     "Our pharmacy makes LDN capsules in 0.5, 1.5 and 4.5 mg strengths with a plain filler.",
     dict(ldn_use="none", dose_values=[], current_dose=None)),
    ("grp-general-usual",
     "The usual starting dose of LDN is 1.5 mg, taken at night.",
     dict(ldn_use="none", dose_values=[], current_dose=None)),
]

# ---------------------------------------------------------------------------------------
# A length told after a stop verb is how long the use lasted.
STOP_LENGTH = [
    ("stop-quit-after-weeks", "I quit LDN after 3 weeks of bad dreams.",
     dict(ldn_use="past", ldn_duration_months=0.7)),
    ("stop-husband-gave-up", "My husband gave up on LDN after two months because of the headaches.",
     dict(speaker_role="caregiver", ldn_use="past", ldn_duration_months=2)),
    ("stop-named-partner",
     "My partner Sarah has RRMS. She stopped taking LDN after eight months; it made no "
     "difference.",
     dict(speaker_role="caregiver", ldn_use="past", ldn_duration_months=8)),
    ("stop-came-off-about-year", "I came off LDN after about a year, when I moved to Kesimpta.",
     dict(ldn_use="past", ldn_duration_months=12)),
    ("stop-last-year-after", "I have SPMS and stopped LDN last year after nine months.",
     dict(ldn_use="past", ldn_duration_months=9)),
    ("stop-after-fortnight", "I stopped LDN after a fortnight.",
     dict(ldn_use="past", ldn_duration_months=0.5)),
    ("stop-husband-fortnight", "My husband gave up LDN after a fortnight of nightmares.",
     dict(speaker_role="caregiver", ldn_use="past", ldn_duration_months=0.5)),
    ("stop-fortnight-not-after-stop",
     "The dreams faded after about a fortnight and I still take it at bedtime.",
     dict(ldn_use="current", ldn_duration_months=None)),
]

# ---------------------------------------------------------------------------------------
# How long, told the ways reviewers tell it (phrasings seen in real reviews, paraphrased).
LENGTH_PHRASING = [
    ("len-its-been-since", "It has been about five months since I started LDN and my legs are "
     "less stiff.", dict(ldn_use="current", ldn_duration_months=5)),
    ("len-its-been-and", "I take LDN at night. It's been three weeks and no side effects so far.",
     dict(ldn_use="current", ldn_duration_months=0.7)),
    ("len-its-been-since-stopped-not",
     "I came off LDN in the spring. It's been two months since I stopped and I feel the same.",
     dict(ldn_use="past", ldn_duration_months=None)),
    ("len-months-into-it", "My wife has RRMS and is now two months into LDN; her fatigue has eased.",
     dict(speaker_role="caregiver", ldn_use="current", ldn_duration_months=2)),
    ("len-going-on", "I have been taking LDN going on four years now with no relapses.",
     dict(ldn_use="current", ldn_duration_months=48)),
    ("len-for-only", "I took LDN for only ten days because the dreams were too much.",
     dict(ldn_use="past", ldn_duration_months=0.3)),
    ("len-for-then-after", "My husband has been on LDN for a year after his second relapse.",
     dict(speaker_role="caregiver", ldn_use="current", ldn_duration_months=12)),
    ("len-in-the-years-i-took",
     "In the three years I took LDN I had no relapses, but I came off it when I moved abroad.",
     dict(ldn_use="past", ldn_duration_months=36)),
    ("len-its-been-since-increase-not",
     "I take LDN nightly. It's been three weeks since I increased to 3 mg.",
     dict(ldn_use="current", current_dose=3, ldn_duration_months=None)),
    ("len-wished-not", "I was hoping to stay on LDN for three years, but I stopped after four "
     "months.", dict(ldn_use="past", ldn_duration_months=4)),
    ("len-point-in-use-after-length",
     "My husband has MS. He was on LDN for about six weeks; two weeks into it he slept badly.",
     dict(speaker_role="caregiver", ldn_use="past", ldn_duration_months=1.4)),
    ("len-in-the-first-not",
     "I take LDN every night. In the first two weeks I slept badly.",
     dict(ldn_use="current", ldn_duration_months=None)),
]

# ---------------------------------------------------------------------------------------
# Dated entries read in order: the latest entry gives the status.
DIARY = [
    ("diary-month-only-stop", "April: first dose of LDN.\nJune: stopped, constant headaches.",
     dict(ldn_use="past")),
    ("diary-short-weekday",
     "Mon 3rd: started LDN 1.5 mg.\nWed 5th: very odd dreams.\nSun 9th: stopped, cannot sleep.",
     dict(ldn_use="past", current_dose=1.5)),
    ("diary-week-dash", "Week 2 - LDN 1.5 mg, no change yet.\nWeek 5 - up to 3 mg, more energy.",
     dict(ldn_use="current", current_dose=3)),
    ("diary-day-quit", "Day 1: first LDN tablet.\nDay 10: quit, too many headaches.",
     dict(ldn_use="past")),
    ("diary-slash-restarted",
     "12/03 started LDN.\n20/04 stopped it, sleeping badly.\n02/06 restarted at 1 mg, sleeping "
     "fine.",
     dict(ldn_use="current", current_dose=1)),
    ("diary-husband-stopped",
     "3 Feb: my husband started LDN.\n17 Feb: he stopped, it gave him headaches.",
     dict(speaker_role="caregiver", ldn_use="past")),
    ("diary-back-on",
     "Jan: started LDN 1.5mg.\nFeb: stopped because of nightmares.\nMarch: back on it at 1 mg.",
     dict(ldn_use="current", current_dose=1)),
    ("diary-wk-label", "Wk 1: LDN 1.5 mg.\nWk 4: stopped, awful insomnia.",
     dict(ldn_use="past", current_dose=1.5)),
    ("diary-bare-weekdays", "Mon: first dose of LDN.\nTue: vivid dreams.\nFri: stopped.",
     dict(ldn_use="past")),
    ("diary-stopped-other-drug", "Jan: started LDN.\nMarch: stopped Copaxone, LDN going well.",
     dict(ldn_use="current")),
    ("diary-quit-not-drug", "Jan: started LDN.\nMarch: quit my job, LDN going well.",
     dict(ldn_use="current")),
    ("diary-husband-given-up",
     "May 2nd - my husband took his first LDN.\nMay 20th - he has given up on it, too many "
     "nightmares.",
     dict(speaker_role="caregiver", ldn_use="past")),
    ("diary-pause-back-on",
     "Jan: started LDN 1.5 mg.\nJune: ran out and stopped for a week, back on it now.",
     dict(ldn_use="current", current_dose=1.5)),
    ("diary-restart-ordered",
     "May: LDN 3 mg, fine.\nJune: stopped LDN, headaches.\nAugust: ordered more, will "
     "restart next week.",
     dict(ldn_use="past")),
]

# ---------------------------------------------------------------------------------------
# Tense and aspect in a narrative; hearsay case stories are nobody's use.
TENSE = [
    ("aspect-husband-in-the-past",
     "My husband has MS. He has taken LDN in the past, but he is on Ocrevus now.",
     dict(speaker_role="caregiver", ldn_use="past")),
    ("aspect-wife-used-to", "My wife has RRMS and used to take LDN at 3 mg.",
     dict(speaker_role="caregiver", ldn_use="past", current_dose=3)),
    ("aspect-named-while",
     "My partner Tom has PPMS. Tom was on LDN for a while last year.",
     dict(speaker_role="caregiver", ldn_use="past")),
    ("aspect-by-then-still",
     "By then I had been taking LDN for six weeks. I still take it every night.",
     dict(ldn_use="current", dose_frequency="daily")),
    ("aspect-mum-at-that-point",
     "My mum has SPMS. She had been on LDN for two months at that point, and she is still "
     "on it.",
     dict(speaker_role="caregiver", ldn_use="current")),
    ("aspect-take-for-fatigue", "I take LDN for my fatigue, 4.5 mg each night.",
     dict(ldn_use="current", current_dose=4.5, dose_frequency="daily")),
    ("aspect-husband-takes-for", "My husband has MS and takes LDN for his pain.",
     dict(speaker_role="caregiver", ldn_use="current")),
    ("aspect-hearsay-woman", "I read about a woman in Norway who took LDN for ten years.",
     dict(ldn_use="none", ldn_duration_months=None)),
    ("aspect-hearsay-dose",
     "Apparently a friend of a friend used LDN 4.5 mg for years with great results.",
     dict(ldn_use="none", dose_values=[], current_dose=None)),
    ("aspect-was-on-when-pregnant",
     "I was on LDN at 4.5 mg when I got pregnant, and I came off it then.",
     dict(ldn_use="past", current_dose=4.5)),
    ("aspect-years-on-still",
     "When I started LDN in 2019 I was exhausted. Four years on, I'm still on it.",
     dict(ldn_use="current", ldn_start="2019")),
    ("aspect-had-taken-before",
     "I had taken LDN for two years before my neurologist switched me to Ocrevus.",
     dict(ldn_use="past", ldn_duration_months=24)),
    ("aspect-was-taking-until", "I was taking LDN 3 mg until last spring.",
     dict(ldn_use="past", current_dose=3)),
    ("aspect-hearsay-gp-told", "Our GP told us about a patient who took LDN for five years.",
     dict(ldn_use="none", ldn_duration_months=None)),
    ("aspect-past-then-back-on", "I've been on LDN in the past, and I'm back on it now at 1.5 mg.",
     dict(ldn_use="current", current_dose=1.5)),
    ("aspect-named-partner-used-to",
     "Anna, my partner, has MS. She used to take LDN; these days she takes nothing.",
     dict(speaker_role="caregiver", ldn_use="past")),
    ("aspect-at-that-point-stopped",
     "At that point I had been taking LDN for three months and felt no different. I stopped "
     "soon after.",
     dict(ldn_use="past", ldn_duration_months=3)),
    ("aspect-pharmacist-take-for",
     "I'm a pharmacist. My patients take it for fatigue, mostly LDN at 3 mg.",
     dict(speaker_role="clinician", ldn_use="current", current_dose=3)),
    ("aspect-used-to-other-drug", "I've been taking LDN since 2017 and used to take Copaxone.",
     dict(ldn_use="current", ldn_start="2017")),
    ("aspect-gp-stayed-on", "I'm a GP. Most of my patients who tried LDN have stayed on it.",
     dict(speaker_role="clinician", ldn_use="current")),
    ("aspect-mum-took-still", "My mum has SPMS. She took LDN for years. She still does.",
     dict(speaker_role="caregiver", ldn_use="current")),
    ("len-for-then-clause", "For about a year I was on LDN, then I stopped.",
     dict(ldn_use="past", ldn_duration_months=12)),
    ("len-for-then-clause-husband",
     "My husband has RRMS. For six months he took LDN every night.",
     dict(speaker_role="caregiver", ldn_duration_months=6, dose_frequency="daily")),
    ("aspect-wife-takes-for", "My wife takes LDN for her fatigue.",
     dict(speaker_role="caregiver", ldn_use="current")),
    ("aspect-takes-weeks-not-use",
     "I'm thinking about LDN. Apparently it takes a few weeks to work.",
     dict(ldn_use="planned")),
    ("aspect-told-to-take-next-week",
     "I've been told to take LDN for my spasms; I start next week.",
     dict(ldn_use="planned")),
    ("aspect-would-take-if", "I would take LDN for the fatigue if my GP would prescribe it.",
     dict(ldn_use="planned")),
    ("aspect-patients-used-to",
     "I'm a neurologist. A few of my patients used to take LDN, but none of them do now.",
     dict(speaker_role="clinician", ldn_use="past")),
]

#: The fields of this area (their evidence is checked too).
_OWN_FIELDS = ("ldn_use", "dose_values", "current_dose", "dose_frequency", "ldn_start",
               "ldn_duration_months")

CASES = GROUP_DOSE + STOP_LENGTH + LENGTH_PHRASING + DIARY + TENSE

#: Cases misread today; a mark comes off when its fix lands (strict: a pass must lose it).
STILL_FAILING: dict[str, str] = {}


@pytest.mark.parametrize("text, expected", case_params(CASES, STILL_FAILING))
def test_use_dose_duration(text, expected):
    rec = record(text)
    assert mismatches(rec, expected) == {}
    # every use, dose and timing value checked here, where filled, carries evidence with
    # a rule id
    for name in expected:
        if name in _OWN_FIELDS and rec[name] not in (None, [], False, "none"):
            spans = rec["evidence"].get(name)
            assert spans and all(isinstance(s[2], str) and "." in s[2] for s in spans), name


def test_enough_cases_over_the_families():
    ids = [c[0] for c in CASES]
    assert len(ids) == len(set(ids)) and len(ids) >= 20
    assert all(len(family) >= 5 for family in (GROUP_DOSE, STOP_LENGTH, DIARY, TENSE))
    assert set(STILL_FAILING) <= set(ids)


def test_this_is_the_reviewed_drug():
    """In a review "this" is the reviewed drug: LDN's use and length where that drug is
    LDN, another drug's where it is not (then it tells nothing of LDN)."""
    from ldn_comments.pipeline import extract_one

    about_ldn = extract_one("Was on this pill for two years, then my neurologist moved me to "
                            "Kesimpta.", drug="LDN")
    assert (about_ldn["ldn_use"], about_ldn["ldn_duration_months"]) == ("past", 24)
    assert about_ldn["evidence"]["ldn_duration_months"][0][2] == "timing.length"
    about_other = extract_one("I was on this for two years and came off it. Now I take LDN.",
                              drug="Tysabri")
    assert (about_other["ldn_use"], about_other["ldn_duration_months"]) == ("current", None)
