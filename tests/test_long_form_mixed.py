"""Long-form texts, second batch: longer posts that mix kinds in one text.

Written by the integrator before any of the fixes they prompted (issue 19), in the same
shape as :mod:`test_long_form`: each text with the fields it should give. They mix what
real long-form writing mixes: an explainer paragraph then the writer's own story, a carer
who names a partner without saying "my husband", a nurse whose patients only *ask* about
LDN, a pilot study told in the past, a writer and a partner who both have MS, and
hearsay beside a writer's own question. Texts that still fail are strict xfails in
:data:`STILL_FAILING`, with the reason; a fix removes its id.
"""
from __future__ import annotations

import pytest
from test_long_form import case_params, mismatches, record

CASES = [
    ("mix-blog-long-current",
     "It's been a strange year. Work has been mad, the cat got ill, and my neurologist retired.\n\n"
     "Anyway, the LDN update everyone keeps asking for: I'm still on 4.5 mg every night, nearly "
     "three years now. No relapses since I started, and my last MRI was stable. The first month "
     "I had the wildest dreams, but they wore off.\n\nDo I think it's a miracle? No. Would I stop? Also no.",
     dict(speaker_role="unknown", is_question=False, ldn_use="current", current_dose=4.5, dose_frequency="daily",
          ldn_duration_months=36, effect="mixed", benefits=["mri","relapses"], adverse_events=["vivid_dreams"])),
    ("mix-blog-patient-explainer-then-self",
     "For those new here: naltrexone at low doses (usually 1.5-4.5 mg) is thought to calm the immune "
     "system. Many people with MS take it off-label. Your GP may refuse to prescribe it, so ask a "
     "private doctor.\n\nMy own story: I have relapsing remitting MS and I've taken 3 mg for eighteen "
     "months. My energy is much better and the pins and needles have mostly gone.",
     dict(speaker_role="patient", ms_type="RRMS", ldn_use="current", current_dose=3.0, dose_values=[3.0],
          ldn_duration_months=18, effect="positive", benefits=["fatigue"])),
    ("mix-carer-named-partner",
     "Sam was diagnosed with secondary progressive MS in 2015. After a lot of reading we found a doctor "
     "who would prescribe LDN and Sam started on 1.5 mg last spring, going up to 4.5 mg. He says the "
     "fog has lifted and he is back to doing the crossword. I'm not so sure it's the LDN, but he is happier.",
     # "going up to 4.5 mg" may tell a titration done or one still planned (the guide's
     # "about to go up to" is planned), so the current dose is not asserted
     dict(speaker_role="caregiver", second_hand=True, ms_type="SPMS", diagnosis_year=2015, ldn_use="current",
          dose_values=[1.5, 4.5], effect="positive")),
    ("mix-carer-mum",
     "Mum is 74 and has had MS for over thirty years. She took LDN for about a year but it made no "
     "difference to her walking, so she stopped in the summer.",
     dict(speaker_role="caregiver", second_hand=True, ms_type="MS", age=74, years_since_diagnosis=30,
          ldn_use="past", ldn_duration_months=12, effect="no_effect")),
    ("mix-pharmacist",
     "As a community pharmacist I dispense LDN to a handful of people with MS every month. Most are on "
     "3 or 4.5 mg at night. The commonest complaint in the first weeks is trouble sleeping.",
     dict(speaker_role="clinician", second_hand=True, ldn_use="current", dose_frequency="daily")),
    ("mix-nurse-never",
     "I'm an MS nurse. Patients ask me about LDN every week. I tell them the trials were small and the "
     "results mixed, and that it can't replace a disease-modifying drug.",
     dict(speaker_role="clinician", ldn_use="none", second_hand=False, effect=None)),
    ("mix-news-named",
     "When Linda Grey, 52, was told she had primary progressive MS in 2017, there were few options. "
     "Two years ago she began taking low dose naltrexone. \"My bladder is better and I sleep through "
     "the night,\" she says. Her neurologist is cautious.",
     dict(speaker_role="unknown", second_hand=True, ms_type="PPMS", age=52, diagnosis_year=2017,
          ldn_use="current", ldn_duration_months=24, effect="positive", benefits=["bladder_bowel", "sleep"])),
    ("mix-promo-page",
     "Low Dose Naltrexone: what you need to know. LDN is taken once a day at bedtime. Typical doses "
     "range from 1.5 mg to 4.5 mg. Side effects are rare but may include vivid dreams. Thousands of "
     "people with MS report less fatigue. Order your prescription online today.",
     dict(ldn_use="none", dose_values=[], current_dose=None, effect=None, benefits=[], adverse_events=[],
          is_question=False)),
    ("mix-hearsay-only",
     "A woman in my support group swears LDN stopped her relapses. My cousin's friend said it gave him "
     "headaches. I've never tried it and I'm on Ocrevus.",
     dict(ldn_use="none", second_hand=False, effect=None)),
    ("mix-hearsay-then-self-q",
     "I keep hearing about LDN from people at my MS group - one lady says it changed her life. "
     "I was diagnosed with RRMS in 2019 and I'm on Tecfidera. Should I ask my neuro about adding it?",
     dict(speaker_role="patient", ms_type="RRMS", diagnosis_year=2019, is_question=True, ldn_use="planned",
          second_hand=False, effect=None)),
    ("mix-rhetorical-blog",
     "Why is it so hard to get a cheap drug prescribed? Because nobody can make money from it, that's why. "
     "I've been on LDN 4.5 mg for two years and my MS has been quiet.",
     dict(is_question=False, ldn_use="current", current_dose=4.5, ldn_duration_months=24, effect="positive")),
    ("mix-used-to",
     "I used to take LDN when I lived in the States but my new doctor here won't prescribe it. I do miss "
     "the energy it gave me.",
     dict(ldn_use="past", effect="positive", benefits=["fatigue"])),
    ("mix-present-perfect-past",
     "I have tried LDN in the past, three months at 3 mg, and honestly noticed nothing.",
     dict(ldn_use="past", current_dose=3.0, ldn_duration_months=3, effect="no_effect")),
    ("mix-daughter-carer",
     "Our son Tom is 19 and has RRMS. He's been on LDN since January alongside Kesimpta. His headaches "
     "got worse at first but his fatigue is much improved.",
     dict(speaker_role="caregiver", second_hand=True, age=19, ms_type="RRMS", ldn_use="current",
          effect="mixed", benefits=["fatigue"], adverse_events=["headache"])),
    ("mix-diary-named",
     "Week 1: Jo started LDN at 1.5 mg.\nWeek 3: up to 3 mg, a few headaches.\nWeek 8: Jo says her "
     "legs are stronger and she walked round the park.",
     dict(speaker_role="caregiver", second_hand=True, ldn_use="current", current_dose=3.0,
          effect="mixed", benefits=["mobility"], adverse_events=["headache"])),
    ("mix-gp",
     "I'm a GP and over the past five years I've prescribed low dose naltrexone for several patients "
     "with MS. In my experience it is well tolerated; a few report better energy.",
     dict(speaker_role="clinician", second_hand=True, ldn_use="current", effect="positive", benefits=["fatigue"])),
    ("mix-writer-and-husband",
     "Both my husband and I have MS. I take LDN; he refuses to. I've been on it two years and feel great.",
     dict(speaker_role="patient", ldn_use="current", ldn_duration_months=24, effect="positive",
          benefits=["wellbeing"])),
    ("mix-fibro",
     "I take LDN for fibromyalgia, not MS, and it has helped my pain a lot.",
     dict(ms_type=None, ldn_use="current", effect="positive", benefits=["pain"])),
    ("mix-diet-credit",
     "I have MS and have been on LDN for a year. Honestly it was going gluten free that got rid of my fatigue, "
     "not the LDN, which did nothing I could notice.",
     dict(ldn_use="current", effect="no_effect", benefits=[])),
    ("mix-considering",
     "Newly diagnosed with RRMS and my neuro wants me on Kesimpta. I'm thinking of trying LDN first. "
     "Has anyone gone that route?",
     dict(speaker_role="patient", ms_type="RRMS", is_question=True, ldn_use="planned", effect=None)),
    ("mix-restart",
     "I took LDN for two years, stopped when I got pregnant, and I'm about to start again at 1.5 mg.",
     dict(ldn_use="past", ldn_duration_months=24, dose_values=[1.5], current_dose=None)),
    ("mix-narrative-past-still",
     "By Christmas I'd been on LDN for six weeks and the spasms in my legs had calmed down. I'm still taking it now.",
     dict(ldn_use="current", effect="positive", benefits=["spasticity"])),
    ("mix-trial-investigator",
     "In our pilot study, 30 patients with relapsing MS took 4.5 mg of naltrexone at bedtime for eight weeks. "
     "Fatigue improved in most; three had vivid dreams.",
     dict(speaker_role="clinician", second_hand=True, ldn_use="past", current_dose=4.5, dose_frequency="daily",
          ldn_duration_months=1.8, effect="mixed", benefits=["fatigue"], adverse_events=["vivid_dreams"])),
    ("mix-wife-pronoun-carry",
     "My wife was diagnosed with PPMS four years ago. She takes 4.5 mg of LDN at night. She says it has "
     "helped her bladder and she doesn't have to get up at night so often.",
     dict(speaker_role="caregiver", second_hand=True, ms_type="PPMS", years_since_diagnosis=4, ldn_use="current",
          current_dose=4.5, effect="positive", benefits=["bladder_bowel"])),
    ("mix-you-instructions",
     "Take it at bedtime. Start low, 1.5 mg, and go up slowly. If you get insomnia, try taking it in the morning.",
     dict(ldn_use="none", dose_values=[], effect=None, adverse_events=[])),
    # found on the invented long-form development set: each is a paraphrase of a pattern
    ("mix-diary-abbrev-days",
     "Sat 3rd Jun: Dad took his first LDN tonight, 1.5 mg.\nWed 14th Jun: he is sleeping "
     "badly.\nFri 30th Jun: still on it and says his legs are lighter.",
     dict(speaker_role="caregiver", second_hand=True, ldn_use="current")),
    ("mix-diary-iso-bare-relation",
     "Notes for the clinic\n2024-02-01: Mum began LDN at 1.5 mg.\n2024-03-10: no change."
     "\n2024-05-20: Mum stopped the LDN, too many headaches.",
     dict(speaker_role="caregiver", second_hand=True, ldn_use="past")),
    ("mix-carer-i-think-for-her",
     "Dad was on LDN for two years. Did it help? I think it did for his pain, and he came off "
     "his tramadol in the end.",
     dict(speaker_role="caregiver", second_hand=True, ldn_use="past", is_question=False)),
    ("mix-so-he-stopped",
     "My brother tried LDN for a couple of months last year. It gave him awful headaches, so "
     "he stopped.",
     dict(speaker_role="caregiver", second_hand=True, ldn_use="past")),
    ("mix-nurse-looks-after",
     "As an MS specialist nurse I look after quite a few people who take LDN. The people who "
     "do well on it mostly say they sleep better.",
     dict(speaker_role="clinician", second_hand=True, ldn_use="current")),
    ("mix-we-make-capsules",
     "We make low-dose naltrexone capsules at 1.5, 3 and 4.5 mg with a cellulose filler.",
     dict(speaker_role="clinician", ldn_use="none", dose_values=[], current_dose=None)),
    ("mix-trial-finished",
     "Our study has now finished. Thirty people with SPMS took part, and fatigue was a little "
     "better on LDN than on placebo.",
     dict(speaker_role="clinician", second_hand=True, ldn_use="past")),
    ("mix-faq-page",
     "What is LDN? A small dose of naltrexone, usually 1.5 to 4.5 mg. Does it work? The "
     "trials are small. Where do I get it? Ask your doctor.",
     dict(is_question=False, ldn_use="none", dose_values=[], current_dose=None)),
    ("mix-news-quote-runs-on",
     "Grace Obi, 61, has relapsing MS. She started LDN in 2019. \"I was exhausted all the "
     "time. Now I garden most days,\" she said. \"My husband can't believe it.\"",
     dict(speaker_role="unknown", second_hand=True, ldn_use="current", age=61)),
    ("mix-news-quote-stopped",
     "Retired nurse Pat Lowe, 70, took LDN for three years. \"It kept me on my feet. Then I "
     "stopped, because my GP would not renew it,\" she says.",
     dict(speaker_role="unknown", second_hand=True, ldn_use="past", age=70)),
    ("mix-interview",
     "Ten questions for... Omar Haddad, 39, chef with MS\nWhen were you diagnosed? 2015.\n"
     "What are you taking? Kesimpta, and LDN at 3 mg since last year.\nDoes it help? "
     "Hard to say. I sleep better.",
     dict(speaker_role="unknown", second_hand=True, is_question=False, ldn_use="current",
          current_dose=3.0)),
    ("mix-product-heading",
     "LDN 3mg Capsules (60)\nIn stock, prescription required.\nMost patients start at "
     "1.5 mg and increase slowly.",
     dict(ldn_use="none", dose_values=[], current_dose=None)),
    ("mix-pharmacist-column",
     "I've been a hospital pharmacist for fifteen years. Low dose naltrexone is usually "
     "taken at 1.5 to 4.5 mg at night, and people who take it often report better sleep.",
     dict(speaker_role="clinician", ldn_use="none", dose_values=[], effect=None)),
    ("mix-asked-whether-still",
     "Friends keep asking whether I still take LDN. I don't: I used to, for a year, and I "
     "came off it last spring.",
     dict(ldn_use="past")),
    ("mix-telegraphic-course",
     "I've been on LDN for a year and it's been fine, no drama.\n\nRRMS, since 2015.",
     dict(speaker_role="patient", ldn_use="current")),
    ("mix-gp-own-use",
     "I am a GP with MS myself and I'm on 3 mg of LDN every night.",
     dict(speaker_role="clinician", ldn_use="current", current_dose=3.0, second_hand=False)),
    ("mix-gp-advice-only",
     "I'm a GP. At 3 mg the side effects are few, but I tell patients not to stop their "
     "DMT for it.",
     dict(speaker_role="clinician", ldn_use="none", second_hand=False)),
    ("mix-testimonials",
     "Thousands of people already take LDN for MS. What customers say: \"I can walk the dog "
     "again.\" \"It helps with my fatigue.\"",
     dict(ldn_use="none", effect=None, benefits=[])),
    ("mix-relatives-friend",
     "My wife's friend takes LDN for her MS and swears by it. I'm just curious.",
     dict(ldn_use="none", second_hand=False, effect=None)),
    ("mix-reason-i-ask",
     "Has anyone taken LDN with Mavenclad? The reason I ask: my aunt took LDN for years and "
     "did well. I have RRMS and I'm thinking of starting it.",
     dict(speaker_role="patient", is_question=True, second_hand=True, ldn_use="planned")),
    ("mix-full-name-story",
     "Tom Ellis is 45 and has RRMS. Tom says LDN has helped his fatigue since he began it "
     "last year.",
     dict(speaker_role="unknown", second_hand=True, ldn_use="current")),
    ("mix-guide-title",
     "LDN for MS: a short guide.\nMost people take 1.5 to 4.5 mg at night.",
     dict(speaker_role="unknown", ldn_use="none", dose_values=[])),
    ("mix-course-since-in-brackets",
     "I have MS myself (secondary progressive, since 2012) and I've been on LDN for a year.",
     dict(speaker_role="patient", ms_type="SPMS", diagnosis_year=2012)),
    ("mix-course-since-is-not-the-start",
     "I have MS myself (relapsing-remitting, since 2010) and I've taken LDN for nearly five "
     "years.",
     dict(diagnosis_year=2010, ldn_start=None, ldn_duration_months=60)),
    ("mix-course-since-then-ldn-since",
     "RRMS since 2012, on LDN since 2019 and doing fine.",
     dict(diagnosis_year=2012, ldn_start="2019")),
    ("mix-told-she-had",
     "Rosa, 63, lives in Hull. She was told she had MS nine years ago and has taken LDN since.",
     dict(speaker_role="unknown", second_hand=True, age=63, years_since_diagnosis=9)),
    ("mix-telegraphic-ms-for",
     "I take 3 mg of LDN at night.\n\nMS for 12 years. Primary progressive.",
     dict(speaker_role="patient", ms_type="PPMS", years_since_diagnosis=12)),
    ("mix-telegraphic-age",
     "About me: 44, diagnosed in 2017 with RRMS. I started LDN in May.",
     dict(speaker_role="patient", age=44, diagnosis_year=2017, ms_type="RRMS")),
    ("mix-own-course-and-mums",
     "I have SPMS, and my mother has had PPMS for decades. I take LDN; she won't.",
     dict(speaker_role="patient", ms_type="SPMS", ldn_use="current")),
]


STILL_FAILING: dict[str, str] = {
    "mix-hearsay-then-self-q": "'adding it' after 'I'm on Tecfidera' is read as Tecfidera, not LDN",
    "mix-present-perfect-past": "'in the past, three months at 3 mg': the length after 'in the past' is not read",
}


@pytest.mark.parametrize("text, expected", case_params(CASES, STILL_FAILING))
def test_long_form_mixed(text, expected):
    assert mismatches(record(text), expected) == {}


def test_ids_unique_and_known():
    ids = [case_id for case_id, _, _ in CASES]
    assert len(ids) == len(set(ids)) and set(STILL_FAILING) <= set(ids)


@pytest.mark.parametrize("text, field, want", [
    ("I have had MS for over 30 years and take LDN.", "years_since_diagnosis", 30.0),
    ("Ten years ago my wife was diagnosed with SPMS. She takes LDN at night.", "years_since_diagnosis", 10.0),
    ("Two years ago I was diagnosed. I take LDN.", "ldn_use", "current"),  # not a past use
    ("Jo, 40, has RRMS. A year ago she started low dose naltrexone.", "ldn_duration_months", 12.0),
    ("Two years ago I started Tecfidera, and LDN last month.", "ldn_duration_months", None),
    ("I've been on LDN for a year and my MS has been quiet.", "effect", "positive"),
    ("I came off LDN in May. I do miss the energy it gave me.", "benefits", ["fatigue"]),
    ("I've taken LDN for a year and noticed absolutely nothing.", "effect", "no_effect"),
    ("I was on LDN for two years, waiting for the difference, and it never came.", "effect", "no_effect"),
    # unsure is not "no change" (the invented threads' gold leaves "can't tell if it helps" empty)
    ("Dad tried LDN for a year. Did it help? Honestly, he couldn't tell.", "effect", None),
    ("I dropped LDN after 4 months. My MS is otherwise quiet.", "effect", None),
    ("I've been on LDN a month and I noticed nothing but more energy.", "effect", "positive"),
])
def test_told_in_reverse_order_and_remembered(text, field, want):
    got = record(text)[field]
    assert (round(got, 1) if isinstance(got, float) else got) == want
