"""ldn_comments.nlp.focus: the text the fields read (units not about the subject blanked)
and what the experiencer decides for role, question, use and second-hand. Invented texts."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ldn_comments.nlp.experiencer import analyse
from ldn_comments.nlp.focus import (decide_question, decide_role, decide_second_hand,
                                    decide_use, diary_start, field_role, focus, reported_age)


def focused(text: str) -> str:
    return focus(text, analyse(text))


def test_focus_blanks_general_statements_but_keeps_the_writers_own():
    text = "Most people take 4.5 mg. I take 3 mg at night."
    out = focused(text)
    assert "4.5" not in out and "people" not in out
    assert out.endswith("I take 3 mg at night.") and len(out) == len(text)


def test_focus_keeps_ldn_names_and_sentence_stops_in_blanked_units():
    text = "LDN is cheap. I have taken it for two years."
    out = focused(text)
    assert out.startswith("LDN ") and "cheap" not in out and out[12] == "."


def test_focus_blanks_a_relative_when_the_writer_is_the_subject():
    text = "I take LDN 4.5 mg. My brother tried 1.5 mg and hated it."
    out = focused(text)
    assert "4.5" in out and "1.5" not in out and "hated" not in out


def test_focus_keeps_the_writer_in_a_carers_comment():
    text = "My husband has PPMS and takes LDN. I give him his capsule every night."
    assert focused(text) == text


def test_focus_keeps_questions_and_leaves_a_general_page_whole():
    text = "Users report better sleep. Has anyone tried it for pain?"
    assert "Has anyone tried it for pain?" in focused(text)
    page = "LDN is cheap. The usual dose is 4.5 mg."
    assert focused(page) == page  # nobody's use: fields are cleared by decide_use instead


def test_focus_keeps_line_breaks():
    text = "A friend swears by LDN.\nI am on 3 mg."
    out = focused(text)
    assert out.count("\n") == 1 and "swears" not in out


@pytest.mark.parametrize("text, role_in, role_out", [
    ("I have prescribed LDN to forty people with MS.", "unknown", "clinician"),
    ("We compound LDN in 1.5 and 3 mg capsules.", "unknown", "clinician"),
    ("My son has MS and takes LDN.", "patient", "caregiver"),
    ("Jo Reyes, 41, has taken LDN since 2020.", "patient", "unknown"),
    ("I have RRMS and take LDN.", "patient", "patient"),
])
def test_decide_role(text, role_in, role_out):
    assert decide_role(role_in, analyse(text))[0] == role_out


@pytest.mark.parametrize("text, before, after", [
    ("Why do doctors ignore LDN? Who knows. I'm on 3 mg.", True, False),
    ("I'm on 3 mg. Should I go up to 4.5?", False, True),
    ("I'm on 3 mg and it helps.", False, False),
])
def test_decide_question(text, before, after):
    assert decide_question(before, analyse(text))[0] is after


@pytest.mark.parametrize("text, use_in, use_out", [
    ("The usual dose is 4.5 mg taken at night.", "current", "none"),
    ("Thousands take LDN every night.", "current", "none"),
    ("We treated 24 patients with LDN 4.5 mg for six months.", "current", "past"),
    ("I prescribe LDN to people with MS; most sleep better.", "none", "current"),
    ("I took LDN for a year. I still take it every night.", "past", "current"),
    ("I have taken LDN in the past.", "current", "past"),
    ("My dad has MS. Has anyone's dad tried LDN?", "past", "planned"),
    ("I take LDN for my fatigue.", "planned", "current"),
    ("I take LDN 3 mg.", "current", "current"),
])
def test_decide_use(text, use_in, use_out):
    assert decide_use(use_in, analyse(text))[0] == use_out


@pytest.mark.parametrize("text, use, value", [
    ("My wife has MS and takes LDN.", "current", True),
    ("My wife has MS and is thinking about LDN.", "planned", True),
    ("My wife has MS.", "none", False),
    ("We treated 24 patients with LDN.", "past", True),
    ("A friend takes LDN and swears by it.", "none", False),
    ("I take LDN. My mother takes it too.", "current", True),  # the writer also tells of a relative
    ("I take LDN. My mother won't try it.", "current", False),
])
def test_decide_second_hand(text, use, value):
    assert decide_second_hand(False, use, analyse(text))[0] is value


def test_field_role_reads_a_reported_person_as_a_third_party():
    e = analyse("Ann Lee, 52, has taken LDN since 2019.")
    assert field_role("unknown", e) == "caregiver"
    assert field_role("patient", analyse("I have MS and take LDN.")) == "patient"


def test_reported_age_and_diary_start():
    text = "Ann Lee, 52, has taken LDN since 2019."
    age, (s, e) = reported_age(text, analyse(text))
    assert age == 52 and text[s:e] == "52"
    assert reported_age("I am 52 and take LDN.", analyse("I am 52 and take LDN.")) is None
    diary = "March 2021: started LDN 1.5 mg.\nMay 2021: more energy."
    assert diary_start(analyse(diary))[0] == "2021-03"
    assert diary_start(analyse("12 May: started LDN.\n20 May: fine.")) is None


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["I", "my wife", "LDN", "takes", "4.5 mg", "most people",
                                 "a friend", ".", ";", "?", "\n", "but", "she", "the usual dose",
                                 "is", "we treated", "12 patients"]), max_size=30).map(" ".join))
def test_focus_keeps_length_and_only_blanks(text):
    out = focused(text)
    assert len(out) == len(text)
    assert all(a == b or b == " " for a, b in zip(text, out))
