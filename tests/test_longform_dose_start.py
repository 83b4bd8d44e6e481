"""Doses and start dates told loosely in long posts (issue 19, second round): a start
told of "it" after the drug was named ("Then my physio mentioned LDN. I've been on it
since 2017"), a year and a dose side by side across a dash ("since 2017 - 3 mg"), and a
dose told with the drugs it is taken alongside ("4.5 mg each night, alongside her
Ocrevus"); an age told in passing ("I turned 50 last month", "Mum, now 79,"). Our own
paraphrases, with look-alikes where "it" or the dose is another drug's."""
from __future__ import annotations

import pytest
from test_long_form import record


@pytest.mark.parametrize("text, start", [
    ("I have MS. Then my physio mentioned LDN. I've been on it since 2017, 3 mg a night.",
     "2017"),
    ("I have MS and take LDN. I've been on it since June 2019.", "2019-06"),
    ("My husband has MS. His GP agreed to LDN and he has been taking it since March 2021.",
     "2021-03"),
    # "it" is the last drug named: another drug's date is not LDN's start
    ("I have MS. I take LDN and Ocrevus. I've been on it since 2019.", None),
    ("I have MS and take LDN. I was on Copaxone before. I've been on it since 2015.", None),
])
def test_a_start_told_of_it_is_the_last_named_drugs(text, start):
    assert record(text)["ldn_start"] == start


@pytest.mark.parametrize("text, dose", [
    ("I have MS. I've been on LDN since 2017 - 3 mg, every evening with my tea.", 3.0),
    ("My wife has MS and takes LDN. She takes 4.5 mg each night, alongside her Ocrevus "
     "infusions.", 4.5),
    ("I have RRMS and take LDN: 3 mg at bedtime, as well as my Tecfidera.", 3.0),
])
def test_a_dose_beside_a_year_or_a_companion_drug_is_ldns(text, dose):
    assert record(text)["current_dose"] == dose


@pytest.mark.parametrize("text", [
    # the dose is the other drug's
    "I have MS. I take 20 mg of baclofen and LDN at night.",
    "I have MS and take LDN. I take baclofen 10 mg three times a day as well as Ocrevus.",
])
def test_another_drugs_dose_is_still_not_ldns(text):
    assert record(text)["current_dose"] is None


@pytest.mark.parametrize("text, age", [
    # an age told as a birthday, or as an aside after a name or relation
    ("I turned 50 last month. I have PPMS and I take LDN.", 50),
    ("My husband turned 60 in May; he has SPMS and takes LDN.", 60),
    ("Mum, now 79, took LDN for a year for her PPMS.", 79),
    # a number after "now" that is not an age
    ("I have MS and take LDN. My walking, now 40% better, is the big change.", None),
])
def test_an_age_told_in_passing(text, age):
    assert record(text)["age"] == age
