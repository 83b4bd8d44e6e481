"""More ways people write the same thing: therapy statuses and outcomes in everyday
phrasing (invented comments, expectations from the annotation guide)."""
import pytest

from ldn_comments.extract import extract_one

CASES = [
    # therapy statuses
    ("I'm on Ocrevus infusions every six months and take LDN at night.",
     {"therapies": [{"name": "ocrelizumab", "status": "current"}]}),
    ("Did three years of Rebif, then Tecfidera, and now I'm on Kesimpta.",
     {"therapies": [{"name": "dimethyl_fumarate", "status": "past"},
                    {"name": "interferon_beta", "status": "past"},
                    {"name": "ofatumumab", "status": "current"}]}),
    ("My neuro keeps pushing Mavenclad but I'm not keen.",
     {"therapies": [{"name": "cladribine", "status": "considering"}]}),
    ("Came off Gilenya in 2020 because of my liver numbers.",
     {"therapies": [{"name": "fingolimod", "status": "past"}]}),
    ("I refuse to take any of the DMTs, I have MS and manage with diet.",
     {"therapies": [{"name": "diet_unspecified", "status": "current"},
                    {"name": "dmt_unspecified", "status": "never"}]}),
    ("Still on Copaxone alongside the LDN, 3 years now.",
     {"therapies": [{"name": "glatiramer", "status": "current"}]}),
    ("We are looking into HSCT for next year.",
     {"therapies": [{"name": "stem_cells", "status": "considering"}]}),
    ("I have been taking vitamin D and doing yoga every day for years.",
     {"therapies": [{"name": "exercise", "status": "current"},
                    {"name": "vitamin_d", "status": "current"}]}),
    # outcomes credited to LDN
    ("I've been on LDN for 2 years and my energy is way better, no relapses at all.",
     {"effect": "positive", "benefits": ["fatigue", "relapses"]}),
    ("Since I started LDN the burning in my feet has eased a lot.",
     {"effect": "positive", "benefits": ["pain"]}),
    ("LDN has been a game changer for my bladder, far fewer trips to the toilet.",
     {"effect": "positive", "benefits": ["bladder_bowel"]}),
    ("Six months on LDN and I can walk to the shops again.",
     {"effect": "positive", "benefits": ["mobility"]}),
    ("Been taking LDN 4.5 mg for a year, my head feels clearer and the brain fog is gone.",
     {"effect": "positive", "benefits": ["cognition"]}),
    ("LDN made my insomnia unbearable so I stopped after a month.",
     {"ldn_use": "past", "effect": "negative", "adverse_events": ["sleep_disturbance"]}),
    ("On LDN for 3 months: terrible headaches the first week, but my spasms are much better now.",
     {"effect": "mixed", "benefits": ["spasticity"], "adverse_events": ["headache"]}),
    ("Tried LDN for four months, honestly didn't notice a thing, so I quit.",
     {"ldn_use": "past", "effect": "no_effect"}),
    ("LDN gave me awful nausea and I couldn't tolerate it, stopped after two weeks.",
     {"ldn_use": "past", "effect": "negative", "adverse_events": ["nausea"]}),
    # credited to something else
    ("I take LDN 3 mg, but it's the Tysabri that stopped my relapses.",
     {"ldn_use": "current", "benefits": []}),
    ("On LDN and keto; the keto diet is what gave me my energy back.",
     {"ldn_use": "current", "benefits": []}),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_phrasing(text, expected):
    rec = extract_one(text)
    for field, want in expected.items():
        got = rec[field]
        if field == "therapies":
            got = sorted(got, key=lambda t: t["name"])
        elif isinstance(want, list):
            got = sorted(got)
        assert got == want, (field, got)


USE_CASES = [
    ("My prescription for LDN came through yesterday, starting tonight!", {"ldn_use": "planned"}),
    ("Just ordered my first bottle of LDN.", {"ldn_use": "planned"}),
    ("Day 5 of LDN and so far so good.", {"ldn_use": "current", "ldn_duration_months": 0.16}),
    ("Coming up to a year on LDN now.", {"ldn_use": "current", "ldn_duration_months": 12}),
    ("Week 3 on LDN, sleeping badly.", {"ldn_use": "current", "ldn_duration_months": 0.7,
                                        "adverse_events": ["sleep_disturbance"]}),
    ("I'd been taking LDN for two years when I got pregnant and stopped.",
     {"ldn_use": "past", "ldn_duration_months": 24}),
    ("LDN: 18 months, 4.5mg, no regrets.", {"ldn_use": "current", "ldn_duration_months": 18,
                                           "current_dose": 4.5}),
    ("Been using low dose naltrexone since spring 2021.", {"ldn_use": "current",
                                                         "ldn_start": "2021"}),
]


@pytest.mark.parametrize("text,expected", USE_CASES, ids=[c[0][:40] for c in USE_CASES])
def test_use_and_time_phrasing(text, expected):
    rec = extract_one(text)
    for field, want in expected.items():
        got = rec[field]
        if isinstance(want, float) or (isinstance(want, int) and field.endswith("months")):
            assert got == pytest.approx(want, rel=0.1, abs=0.05), (field, got)
        else:
            assert (sorted(got) if isinstance(got, list) else got) == want, (field, got)


STATUS_CASES = [
    ("Just had my second Ocrevus infusion, I have RRMS.", "ocrelizumab", "current"),
    ("I take Ampyra twice a day for walking.", "dalfampridine", "current"),
    ("Started Kesimpta in 2021 and it's going fine.", "ofatumumab", "current"),
    ("Now on Mavenclad after years of relapses.", "cladribine", "current"),
    ("Copaxone didn't work for me at all.", "glatiramer", "past"),
    ("Tecfidera gave me awful flushing so I stopped it.", "dimethyl_fumarate", "past"),
    ("I quit Gilenya last spring.", "fingolimod", "past"),
    ("Had Lemtrada back in 2016.", "alemtuzumab", "past"),
    ("My neuro suggested Ocrevus at my last appointment.", "ocrelizumab", "considering"),
    ("I'm debating whether to start Aubagio.", "teriflunomide", "considering"),
    ("Waiting for approval to start Tysabri.", "natalizumab", "considering"),
    ("I have never been on any DMT.", "dmt_unspecified", "never"),
    ("I declined Rebif when it was offered.", "interferon_beta", "never"),
    ("I won't take steroids again after last time.", "steroids", "past"),
]


@pytest.mark.parametrize("text,name,status", STATUS_CASES, ids=[c[0][:40] for c in STATUS_CASES])
def test_therapy_status_phrasing(text, name, status):
    got = {t["name"]: t["status"] for t in extract_one(text)["therapies"]}
    assert got.get(name) == status, got


OUTCOME_CASES = [
    ("On LDN two months; it kept me awake half the night at first.",
     {"adverse_events": ["sleep_disturbance"], "effect": "negative"}),
    ("LDN gave me the worst headaches of my life.", {"adverse_events": ["headache"]}),
    ("Been on LDN 6 weeks and the dreams are intense, like movies.",
     {"adverse_events": ["vivid_dreams"]}),
    ("My spasms got worse on LDN so I came off it.",
     {"adverse_events": ["spasticity"], "ldn_use": "past"}),
    ("LDN made me so tired I could barely function, I stopped after a month.",
     {"adverse_events": ["fatigue"], "effect": "negative"}),
    ("Taking LDN 3 mg for 5 months, not sure it's doing anything.", {"effect": "no_effect"}),
    ("A year on LDN and I can't tell any difference.", {"effect": "no_effect"}),
    ("LDN 4.5mg for 2 years: my MS has been stable, no new lesions on the last scan.",
     {"benefits": ["mri", "progression"], "effect": "positive"}),
    ("Since starting LDN my mood has lifted and I'm sleeping much better.",
     {"benefits": ["mood", "sleep"]}),
    ("On LDN since 2019 and I no longer need my painkillers.",
     {"benefits": ["fewer_medicines"]}),
]


@pytest.mark.parametrize("text,expected", OUTCOME_CASES, ids=[c[0][:40] for c in OUTCOME_CASES])
def test_outcome_phrasing(text, expected):
    rec = extract_one(text)
    for field, want in expected.items():
        got = rec[field]
        assert (sorted(got) if isinstance(got, list) else got) == want, (field, got)


WHO_CASES = [
    ("My husband has been on LDN for 3 years for his PPMS.",
     {"speaker_role": "caregiver", "ldn_use": "current", "second_hand": True, "ms_type": "PPMS",
      "ldn_duration_months": 36}),
    ("My daughter (32) was diagnosed with RRMS in 2023, should she try LDN?",
     {"speaker_role": "caregiver", "ldn_use": "planned", "second_hand": True, "age": 32,
      "ms_type": "RRMS", "diagnosis_year": 2023, "is_question": True}),
    ("I'm an MS nurse and most of my patients on LDN report better sleep.",
     {"speaker_role": "clinician", "ldn_use": "current", "second_hand": True,
      "benefits": ["sleep"]}),
    ("As a GP I've prescribed LDN to about 20 patients with MS, mostly 4.5 mg at night.",
     {"speaker_role": "clinician", "ldn_use": "current", "current_dose": 4.5,
      "dose_frequency": "daily", "second_hand": True}),
    ("My friend's mum swears by LDN.", {"ldn_use": "none", "second_hand": False}),
]


@pytest.mark.parametrize("text,expected", WHO_CASES, ids=[c[0][:40] for c in WHO_CASES])
def test_who_phrasing(text, expected):
    rec = extract_one(text)
    for field, want in expected.items():
        got = rec[field]
        if field.endswith("months"):
            assert got == pytest.approx(want, rel=0.1), (field, got)
        else:
            assert (sorted(got) if isinstance(got, list) else got) == want, (field, got)


def test_number_word_doses_and_quoted_lines():
    rec = extract_one("I take four and a half milligrams of LDN every night.")
    assert rec["dose_values"] == [4.5] and rec["current_dose"] == 4.5 and rec["dose_unit"] == "mg"
    # a Markdown quote is another writer's words: its benefit is not this writer's
    rec = extract_one("> LDN cured my fatigue!\nI have been on LDN for a good three years.")
    assert rec["benefits"] == [] and rec["ldn_duration_months"] == 36
    for field, spans in rec["evidence"].items():
        assert all(a >= len("> LDN cured my fatigue!") for a, *_ in spans), field


@pytest.mark.parametrize("text,effect", [
    ("Four months on LDN and it's really working.", "positive"),
    ("Been on LDN since March, noticed a real difference.", "positive"),
    ("I regret starting LDN, it made everything worse.", "negative"),
])
def test_general_verdicts(text, effect):
    assert extract_one(text)["effect"] == effect


@pytest.mark.parametrize("text,name,status", [
    ("Rebif 2010-2014 was fine for me, I have RRMS.", "interferon_beta", "past"),
    ("My MS is quiet and I'm on Ocrevus.", "ocrelizumab", "current"),
])
def test_status_from_tense_when_no_cue(text, name, status):
    got = {t["name"]: t["status"] for t in extract_one(text)["therapies"]}
    assert got.get(name) == status, got
