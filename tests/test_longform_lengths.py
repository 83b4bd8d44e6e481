"""How long LDN was taken, told the ways long posts tell it (issue 19, second round).

Paraphrases of our own for each way of telling a length, with look-alikes that are the
length of something else (the illness, a side effect). Lengths follow the guide
(ANNOTATION.md, "Lengths to months": a week = 0.23, six weeks = 1.4, a year = 12).
"""
from __future__ import annotations

import pytest
from test_long_form import record


def length(text: str):
    return record(text)["ldn_duration_months"]


@pytest.mark.parametrize("text, months", [
    # an anniversary of the first dose
    ("I have MS. Three years ago this week I swallowed my first LDN capsule. I'm still on "
     "4.5 mg every night.", 36),
    ("I have RRMS. Two years ago I took my very first dose of LDN, and I still take it.", 24),
    # a week count told as a heading
    ("Week six on LDN. I have RRMS and I'm still taking it; the dreams are settling.", 1.4),
    # a start told N ago, with the drug's full name between, or in fortnights
    ("My sister has MS. She started taking low-dose naltrexone eighteen months ago.", 18),
    ("I have MS. I've started low-dose naltrexone, 1.5 mg a night. I began a fortnight ago.",
     0.46),
    # an elliptical "used to, for N"
    ("I have MS. Did I try LDN? I used to, for about two years, 4.5 mg every evening.", 24),
    # a length after a list of doses
    ("My husband has MS. He took LDN 2 mg, then 3 mg, for roughly six weeks. Then he "
     "stopped.", 1.4),
    ("I have PPMS. I was on LDN at 1.5 mg and then 3 mg for about eight months before I "
     "gave up.", 8),
])
def test_a_length_told_this_way_is_read(text, months):
    assert length(text) == pytest.approx(months, abs=0.05)


@pytest.mark.parametrize("text", [
    # how long the illness has lasted, not LDN
    "I have RRMS, 12 years in. I've been on LDN since January 2022.",
    "MS, 20 years in, and I take LDN every night.",
    # a diagnosis told in fortnights
    "I have MS and take LDN. I was diagnosed a fortnight ago.",
    # a span of years of another drug
    "I have MS. I was on Copaxone from 2010 to 2015. I've just started LDN this week.",
])
def test_another_length_is_not_the_ldn_length(text):
    got = length(text)
    assert got is None or got < 1


@pytest.mark.parametrize("text", [
    # the guide: a length only where one is stated; two dates are a start and an end
    "I have SPMS. I took LDN from 2018 to 2021 and then stopped.",
    "My dad has MS. He was on low-dose naltrexone from 2010 until 2015, 4.5 mg a day.",
    "I have RRMS. I was on LDN 2016-2019, 3 mg nightly, then came off it.",
])
def test_a_span_of_dates_is_no_stated_length(text):
    # nor is "4.5 mg a day" a length of one day (it used to give 0.0 months)
    assert length(text) is None


@pytest.mark.parametrize("text, use, months", [
    # the drug's full name, hyphenated or not, tells a use as "LDN" does
    ("My dad has MS. He was on low-dose naltrexone for a year.", "past", 12),
    ("I have MS. I was on low dose naltrexone for a year.", "past", 12),
    ("I have MS. I took low-dose naltrexone for a year, then stopped.", "past", 12),
    ("I have MS. I've been on low-dose naltrexone for a year.", "current", 12),
    ("My mum has MS. She has taken low-dose naltrexone every night for six years.", "current",
     72),
])
def test_the_drug_spelled_out_tells_a_use_as_ldn_does(text, use, months):
    rec = record(text)
    assert (rec["ldn_use"], rec["ldn_duration_months"]) == (use, months)
