"""ldn_comments.nlp.experiencer: who each sentence is about, the comment's subject,
requests vs rhetorical questions, diaries, tense and aspect. Invented texts only."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ldn_comments.errors import RulesError
from ldn_comments.nlp.experiencer import (
    GENERAL, HEARSAY, NOBODY, PATIENTS, RELATIVE, REPORTED, WRITER, analyse, aspect, asks,
    diary_entries, experiencers, question_kind, units_of, use_status_hint)
from ldn_comments.rules import lexicon, validate
from ldn_comments.nlp.text import normalise, sentence_spans


def kinds(text: str) -> list[str]:
    return [u.who.kind for u in analyse(text).units]


# --- who each unit is about -------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("I have had RRMS since 2010.", [WRITER]),
    ("Started LDN three weeks ago, no side effects.", [WRITER]),  # no subject: the writer
    ("My girlfriend has SPMS. She swears her hands work better.", [RELATIVE, RELATIVE]),
    ("Mum was diagnosed in 1999. She is on 3 mg.", [RELATIVE, RELATIVE]),
    ("Our son has CIS. We are thinking about LDN for him.", [RELATIVE, RELATIVE]),
    ("Most neurologists dismiss it. I take it anyway.", [GENERAL, WRITER]),
    ("Studies suggest it may help fatigue.", [GENERAL]),
    ("Ask your GP for a private prescription.", [GENERAL]),
    ("A friend of ours swears by it.", [HEARSAY]),
    ("I heard about a man in Leeds who walked again.", [HEARSAY]),
    ("We prescribe LDN to about forty people. Most of them sleep better.",
     [PATIENTS, PATIENTS]),
    ("In my clinic it is popular. Three stopped because of dreams.", [PATIENTS, PATIENTS]),
    ("Usual dose is 4.5 mg; I take 3 mg.", [GENERAL, WRITER]),
    ("LDN was a lifesaver for me.", [WRITER]),  # a generic start, then the writer
    ("My husband thinks I am calmer on it.", [WRITER]),  # the relative reports the writer
])
def test_unit_kinds(text, expected):
    assert kinds(text) == expected


def test_names_carry_over_between_sentences():
    text = ("My brother Kofi was told he had PPMS in 2015. Kofi began LDN last year. "
            "He says the stiffness is better. I drive him to the pharmacy.")
    units = analyse(text).units
    assert [(u.who.kind, u.who.label) for u in units] == [
        (RELATIVE, "my brother"), (RELATIVE, "kofi"), (RELATIVE, "kofi"), (WRITER, "i")]
    assert units[2].who.carried  # "he" refers back


def test_reported_person_and_her_quotation():
    text = ('Ayesha Rahman, 39, began LDN in 2021. "I have not had a relapse since," she '
            'said. "My energy is back."')
    e = analyse(text)
    assert [u.who.kind for u in e.units] == [REPORTED, REPORTED, REPORTED]
    assert e.subject.kind == REPORTED and e.subject.second_hand
    assert e.subject.role is None  # the journalist states no role of their own


def test_quotation_without_a_known_speaker_is_not_forced():
    # No named person is introduced: "she" inside a story with nobody to refer to.
    assert analyse('"It changed my life," she said.').units[0].who.kind == "other"


def test_pronoun_without_antecedent_after_hearsay_stays_hearsay():
    e = analyse("I read about a woman who took LDN. She said it cured her.")
    assert [u.who.kind for u in e.units] == [HEARSAY, HEARSAY]
    assert e.subject.kind == NOBODY and not e.subject.second_hand


def test_units_split_at_semicolon_and_but():
    t = "the usual dose is 4.5 mg, but i take 3; my wife takes 1.5. fine."
    assert [t[s:e] for s, e, _ in units_of(t, sentence_spans(t))] == [
        "the usual dose is 4.5 mg", "i take 3", "my wife takes 1.5.", "fine."]


# --- the comment's subject ----------------------------------------------------------

@pytest.mark.parametrize("text, kind, role, second_hand", [
    ("I have SPMS and LDN helps my legs.", WRITER, None, False),
    ("My wife has MS and takes LDN every night.", RELATIVE, "caregiver", True),
    ("My dad has PPMS. Has anyone's parent tried LDN?", RELATIVE, "caregiver", True),
    ("My sister has RRMS. I am trying to learn about treatments for her.", RELATIVE,
     "caregiver", False),
    ("I take LDN 4.5 mg. My mother tried it too and stopped.", WRITER, None, True),
    ("We treated 30 patients with LDN for a year.", PATIENTS, "clinician", True),
    ("As a pharmacist I make up LDN capsules in 0.5 mg steps with a cellulose filler.",
     NOBODY, "clinician", False),
    ("I am a nurse. I have never seen anyone take LDN.", WRITER, "clinician", False),
    ("LDN is cheap. The usual dose is 3 to 4.5 mg.", NOBODY, None, False),
    ("A neighbour takes LDN and loves it.", NOBODY, None, False),
    ("Pedro Alvarez, 52, has taken LDN since 2018.", REPORTED, None, True),
])
def test_subject(text, kind, role, second_hand):
    s = analyse(text).subject
    assert (s.kind, s.role, s.second_hand) == (kind, role, second_hand)


def test_general_page_is_nobodys_use_and_product_text_is_flagged():
    assert analyse("Thousands take LDN. Users report better sleep.").subject.general
    prod = analyse("We compound LDN in 1.5, 3 and 4.5 mg strengths, no fillers.").subject
    assert prod.kind == NOBODY and prod.product and prod.role == "clinician"


def test_writer_use_beats_a_relatives_refusal():
    e = analyse("I have RRMS. My husband won't hear of LDN. I have been on it two years.")
    assert e.subject.kind == WRITER and not e.subject.second_hand


def test_subject_units_and_spans_are_about_the_subject():
    e = analyse("The usual dose is 4.5 mg, but my neuro started me on 1.5 mg.")
    spans = e.subject_spans()
    assert len(spans) == 1 and e.norm[spans[0][0]:spans[0][1]].startswith("my neuro")
    assert e.about(spans[0][0]).kind == WRITER and e.about(0).kind == GENERAL


def test_subject_evidence_points_at_words():
    e = analyse("In my practice about twenty people take LDN.")
    assert e.subject.evidence and all(e.norm[s:t].strip() for s, t in e.subject.evidence)


# --- questions ----------------------------------------------------------------------

@pytest.mark.parametrize("question, following, kind", [
    ("Has anybody had rashes on LDN?", "", "request"),
    ("Should my husband take it at night?", "", "request"),
    ("Where do you get yours compounded?", "", "request"),
    ("Any advice on the dreams?", "", "request"),
    ("Is it safe with Copaxone?", "", "request"),
    ("Who cares what the neuro thinks?", "", "rhetorical"),
    ("Why won't the NHS pay for it?", "Money, of course.", "rhetorical"),
    ("Why did nobody tell me sooner?", "", "rhetorical"),
    ("Can you believe it costs less than coffee?", "", "rhetorical"),
    ("How long did it take to work?", "", "request"),
    ("What is it with these doctors?", "No idea.", "rhetorical"),
])
def test_question_kind(question, following, kind):
    assert question_kind(question, following) == kind


def test_asks_finds_a_request_among_rhetorical_questions():
    t = normalise("Who knows why it works? Anyway, what dose do you take?")
    is_q, span = asks(t, sentence_spans(t))
    assert is_q is True and t[span[0]:span[1]].startswith("anyway, what dose")


def test_asks_is_undecided_without_questions():
    t = normalise("I take LDN. It helps.")
    assert asks(t, sentence_spans(t)) == (None, None)


# --- diaries ------------------------------------------------------------------------

@pytest.mark.parametrize("text, labels", [
    ("Day 1: 1.5 mg.\nDay 2: slept badly.", ["day 1", "day 2"]),
    ("3rd June - first dose\n10th June - dreams", ["3rd june", "10th june"]),
    ("Tuesday: started LDN\nFriday: headache gone", ["tuesday", "friday"]),
    ("2018: started\n2020: stopped", ["2018", "2020"]),
    ("01/02 first night\n09/02 fine", ["01/02", "09/02"]),
    ("I have MS.\nJune 4, 2021: first dose.\nJuly 4, 2021: more energy.",
     ["june 4, 2021", "july 4, 2021"]),
])
def test_diary_entries(text, labels):
    assert [e.label for e in diary_entries(normalise(text))] == labels


@pytest.mark.parametrize("text", [
    "2019 was a hard year.\n2020 was better.",  # years as subjects, not entry dates
    "Day 1: started LDN.",  # one dated line is not a diary
    "I started on 12 March and it was fine.\nThen 20 March came.",
])
def test_not_a_diary(text):
    assert diary_entries(normalise(text)) == []


def test_diary_latest_entry_gives_status():
    stopped = analyse("Week 1: LDN 1.5 mg.\nWeek 4: more energy.\nWeek 9: came off it, "
                      "could not sleep.")
    assert use_status_hint(stopped)[0] == "past"
    restarted = analyse("2020: started LDN.\n2021: stopped.\n2023: back on LDN at 3 mg.")
    assert use_status_hint(restarted)[0] == "current"


# --- tense and aspect ---------------------------------------------------------------

@pytest.mark.parametrize("unit, marks", [
    ("I have been on LDN in the past", {"past"}),
    ("she used to take it at bedtime", {"past"}),
    ("he was on LDN for a few months", {"past"}),
    ("I still take it every night", {"still"}),
    ("at that point I had been taking it for six weeks", {"narrative"}),
    ("I take LDN for my bladder", {"reason"}),
    ("my wife has MS and takes LDN", {"reason"}),  # a present use
    ("he has been on LDN for two years", {"reason"}),
    ("I am going to start LDN in May", {"planned"}),
    ("the weather was bad", set()),
])
def test_aspect(unit, marks):
    assert aspect(unit) == marks


@pytest.mark.parametrize("text, status", [
    ("I have tried LDN in the past. It did not suit me.", "past"),
    ("I used to take LDN. Now I am on Kesimpta.", "past"),
    ("I started LDN in 2019. By the summer I had been on it six months. I still am on it.",
     "current"),
    ("I had been taking LDN for a month at that point.", None),
    ("I take LDN for the pain in my feet.", "current"),
    ("Years ago I was on LDN; now I take nothing.", "past"),
    ("My wife used to take LDN. I still take mine.", "current"),  # the writer's use
])
def test_use_status_hint(text, status):
    assert use_status_hint(analyse(text))[0] == status


def test_use_status_hint_reads_only_the_subject():
    # The relative's ended use says nothing of the writer's.
    e = analyse("I take LDN 3 mg. My brother used to take it but came off it.")
    assert e.subject.kind == WRITER
    status, span = use_status_hint(e)
    assert status == "current" and span[1] <= e.norm.index("my brother")


# --- the lexicon is data, loaded strictly -------------------------------------------

def test_lexicon_has_every_key_and_rejects_unknown_ones():
    data = lexicon("experiencer")
    assert {"clinician_acts", "generic_subjects", "request_questions", "diary_labels"} <= set(data)
    with pytest.raises(RulesError) as info:
        validate("experiencer", {"relations": ["wife"], "spouses": ["x"]})
    assert info.value.code == "E011"
    with pytest.raises(RulesError):
        validate("experiencer", {"relations": ["wife", "(unclosed"]})


# --- properties ---------------------------------------------------------------------

WORDS = st.sampled_from(["I", "my", "wife", "she", "LDN", "took", "4.5 mg", "?", ".", ";",
                         "but", "most", "patients", "we", "treated", "12", "Tom", "said",
                         '"', "\n", "Day 1:", "still", "used to", "who knows", "has anyone",
                         "the usual dose", "is", ",", "Mrs", "Patel"])


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, max_size=40).map(" ".join))
def test_units_cover_sentences_in_order_and_subject_units_exist(text):
    e = analyse(text)
    previous_end = -1
    for u in e.units:
        assert 0 <= u.start < u.end <= len(text)
        assert u.start >= previous_end
        s, t = e.sents[u.sent]
        assert s <= u.start and u.end <= t
        previous_end = u.end
    assert all(0 <= i < len(e.units) for i in e.subject.units)
    assert all(e.units[i].who.kind == e.subject.kind for i in e.subject.units)
    if e.subject.kind == NOBODY:
        assert not e.subject.second_hand
    status, span = use_status_hint(e)
    assert status in (None, "current", "past") and (span is None) == (status is None)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_analysed(text):
    e = analyse(text)
    assert len(experiencers(e.norm, e.sents, text)) == len(e.units)


@pytest.mark.parametrize("text, label, age", [
    ("Ann Lee (52) began LDN in 2020. She says her legs are stronger.", "ann lee", 52),
    ("Ann Lee, a 52-year-old nurse, began LDN in 2020. She feels better.", "ann lee", 52),
    ("Local man Tom Ward, 63, has taken LDN for a year. He walks daily.", "tom ward", 63),
    ("Grandmother of three Mrs Rose Clarke, 70, tried LDN. She stopped.", "mrs rose clarke", 70),
    ("Priya Nair was diagnosed with MS in 2009. She started LDN in 2019.", "priya nair", None),
])
def test_news_introductions_make_the_named_person_the_subject(text, label, age):
    from ldn_comments.nlp.experiencer import introduced_ages
    e = analyse(text)
    assert e.subject.kind == REPORTED and e.subject.label == label
    assert all(u.who.kind == REPORTED for u in e.units)
    assert introduced_ages(text).get(label, (None,))[0] == age


@pytest.mark.parametrize("text", [
    "Multiple Sclerosis Society says little about LDN. I take it anyway.",
    "Last Tuesday I started LDN.",
])
def test_capitalised_words_that_are_not_people_are_not_reported(text):
    assert analyse(text).subject.kind == WRITER


@pytest.mark.parametrize("question, following, kind", [
    ("Has it cured me?", "Of course not.", "rhetorical"),
    ("Would I recommend it?", "Talk to your doctor.", "rhetorical"),
    ("Did I expect miracles?", "No.", "rhetorical"),
    ("Do I need a prescription?", "I live in Spain.", "request"),  # asks the readers
    ("Has anyone had this?", "Of course not.", "request"),  # addressed to readers
])
def test_questions_the_writer_answers_about_themselves(question, following, kind):
    assert question_kind(question, following) == kind


def test_they_with_no_people_to_refer_to_keeps_the_subject():
    e = analyse("I started at 1.5 mg. The first week brought vivid dreams, then they settled.")
    assert [u.who.kind for u in e.units] == [WRITER, WRITER]


def test_a_signed_testimonial_is_the_signers():
    text = ('LDN: a guide for people with MS.\nMost people start at 1.5 mg.\n'
            '"I have taken LDN for three years and my fatigue is far better."\n'
            '- Margaret, 62, RRMS')
    e = analyse(text)
    assert [u.who.kind for u in e.units] == [GENERAL, GENERAL, REPORTED, REPORTED]
    assert e.subject.kind == REPORTED and e.subject.label == "margaret"
    from ldn_comments.nlp.experiencer import introduced_ages
    assert introduced_ages(text)["margaret"][0] == 62


@pytest.mark.parametrize("text, name", [
    ("Sam was diagnosed with SPMS in 2015. Sam started LDN last spring; I give him his dose "
     "at night.", "sam"),
    ("Week 1: Jo started LDN at 1.5 mg.\nWeek 6: Jo says her legs feel lighter.", "jo"),
    ("We finally found a doctor and Priya started on 1.5 mg. She has more energy now.", "priya"),
    ("Ellen has RRMS and takes LDN every night; I order it for her.", "ellen"),
])
def test_a_person_known_by_first_name_is_a_relative(text, name):
    e = analyse(text)
    assert e.subject.kind == RELATIVE and e.subject.label == name
    assert e.subject.role == "caregiver" and e.subject.second_hand


@pytest.mark.parametrize("text", [
    "Spasms started after I went up to 3 mg. I take 1.5 mg now.",  # a thing, not a name
    "Fatigue took over my life before LDN. I have taken it for a year.",
    "Ann says: I was diagnosed in 1990 and I take LDN.",  # a thread header naming the writer
    "Tecfidera was on my list, but I started LDN instead.",  # a drug's name
])
def test_capitalised_subjects_that_are_not_people_known_by_name(text):
    assert analyse(text).subject.kind == WRITER


@pytest.mark.parametrize("text", [
    # another commenter named in a forum reply, with no sign that the writer cares for her
    "Anne said she takes LDN at night and it helps her sleep. Good to know.",
    # a doctor by title
    "Our neurologist is kind. Dr Shah says LDN is safe, and we trust him.",
])
def test_a_first_name_without_care_or_with_a_title_is_not_family(text):
    assert analyse(text).subject.kind != RELATIVE


def test_a_name_after_a_hearsay_source_is_hearsay():
    e = analyse("A friend, Kate, swears by LDN. Kate says it stopped her relapses.")
    assert e.subject.kind != RELATIVE


@pytest.mark.parametrize("text", [
    "Both my husband and I have MS. I take LDN; he refuses to.",
    "My wife and I both have RRMS, and I have been on LDN for a year.",
    "Me and my sister both have MS. I'm on 3 mg of LDN.",
])
def test_writer_and_relative_together_is_the_writer_as_patient(text):
    from ldn_comments.nlp.focus import decide_role
    e = analyse(text)
    assert e.subject.kind == WRITER
    assert decide_role("caregiver", e)[0] == "patient"


@pytest.mark.parametrize("text, group_use", [
    ("I'm an MS nurse. Patients ask me about LDN every week.", False),
    ("As a pharmacist, patients often tell me they have read about LDN.", False),
    ("I'm a GP and I've prescribed LDN for several patients with MS.", True),
    ("I'm an MS nurse and most of my patients on LDN sleep better.", True),
])
def test_patients_who_only_ask_about_ldn_do_not_use_it(text, group_use):
    from ldn_comments.nlp.experiencer import use_units
    e = analyse(text)
    assert (e.subject.kind == PATIENTS) == group_use
    assert bool(use_units(e)) == group_use


@pytest.mark.parametrize("text", [
    "Naltrexone at low doses (usually 1.5-4.5 mg) is thought to calm the immune system.",
    "For those new here, the drug is typically between 1.5 and 4.5 mg.",
    "Low dose naltrexone is believed to raise endorphins overnight.",
])
def test_explainer_sentences_are_general(text):
    assert [u.who.kind for u in analyse(text).units] == [GENERAL] * len(analyse(text).units)


@pytest.mark.parametrize("text", [
    # an explainer's questions, each answered at once
    "What is LDN? It is a small dose of naltrexone taken at night. Is it safe? Most people "
    "tolerate it well. How do I get it? Ask your GP.",
    # the writer asks and answers about the person they write of
    "My wife has been on LDN a year. Did it help? I think it did, mostly with her pain.",
    "What changed for me? Mostly my energy, and I sleep better.",
    "I'm on 3 mg. For me? Nothing changed at all.",
    # an interview's questions, answered by the interviewee
    "When did you start LDN? In 2019. How has it been? Better than I hoped. What would you "
    "tell others? Talk to your neurologist first.",
    # a promotional page's hooks
    "Have you heard of low dose naltrexone? If you live with MS, someone in your group has.",
    "Tired of feeling tired? Ready to try something new? LDN could be the answer.",
])
def test_answered_and_promotional_questions_ask_nothing(text):
    from ldn_comments.nlp.experiencer import asks
    n = normalise(text)
    assert asks(n, sentence_spans(n, text))[0] is False


@pytest.mark.parametrize("text", [
    "Has anyone tried LDN with PPMS? I was diagnosed in 2019 and my neuro won't prescribe it.",
    "What dose do you take? I'm on 3 mg and wondering about going up.",
    "Is it worth going up to 4.5? I'm on 3 mg now and feel a bit flat.",
    "I'm on Tecfidera. Should I ask my neuro about adding LDN?",
    "Any tips for the vivid dreams? They are keeping me awake.",
    "Has anyone had headaches on LDN? I have. Did they settle for you?",
])
def test_requests_with_context_after_them_are_questions(text):
    from ldn_comments.nlp.experiencer import asks
    n = normalise(text)
    assert asks(n, sentence_spans(n, text))[0] is True


@pytest.mark.parametrize("question, following", [
    ("Is that crazy?", "Would love to hear from anyone who went that way."),
    ("Did it help her?", "Please let me know."),
    ("Has it worked for you?", "Thanks in advance."),
])
def test_a_call_to_the_readers_after_a_question_is_no_answer(question, following):
    assert question_kind(question, following, answered_page=True) != "rhetorical"
