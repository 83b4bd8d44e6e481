"""Bias measures, sentiment and simulations: numbers checked against small invented
threads whose answers are worked out by hand in the comments."""
from __future__ import annotations

import math
import socket

import matplotlib.axes
import pandas as pd
import pytest

from ldn_comments import bias
from ldn_comments.label import LABEL
from ldn_comments.records import coerce_records
from ldn_comments.stats import wilson_interval


def thread(rows, **defaults):
    """A records frame from a few dicts, with positions in order and guide dtypes."""
    rows = [{**defaults, "position": i, **row} for i, row in enumerate(rows, 1)]
    return coerce_records(pd.DataFrame(rows))


def approx(x, rel=1e-9, abs=1e-9):  # noqa: A002
    return pytest.approx(x, rel=rel, abs=abs)


# --- invented threads --------------------------------------------------------------

@pytest.fixture
def loud_thread():
    # One writer with five positive comments, four others with one negative each.
    return thread([{"person": "loud", "effect": "positive"}] * 5
                  + [{"person": p, "effect": "negative"} for p in "bcde"])


@pytest.fixture
def reply_thread():
    #  1 question (no outcome)   <- 2 positive, 3 positive
    #  4 positive                <- 5 positive, 6 negative
    #  7 negative                <- 8 negative
    #  9 question, unanswered
    parents = [None, 1, 1, None, 4, 4, None, 7, None]
    effects = [None, "positive", "positive", "positive", "positive", "negative",
               "negative", "negative", None]
    questions = [True] + [False] * 7 + [True]
    return thread([{"person": f"p{i}", "parent": par, "effect": e, "is_question": q}
                   for i, (par, e, q) in enumerate(zip(parents, effects, questions))])


@pytest.fixture
def profile_thread():
    #  a: three positive reports (one with a dose, one with a duration, one bare)
    #  b: past user, negative, bare; c: caregiver, second-hand positive, bare
    #  d, e: questions; f: current, positive, start date given
    return thread([
        {"person": "a", "ldn_use": "current", "effect": "positive", "dose_values": [4.5]},
        {"person": "a", "ldn_use": "current", "effect": "positive"},
        {"person": "a", "ldn_use": "current", "effect": "positive", "ldn_duration_months": 12},
        {"person": "b", "ldn_use": "past", "effect": "negative"},
        {"person": "c", "ldn_use": "current", "effect": "positive", "second_hand": True,
         "speaker_role": "caregiver"},
        {"person": "d", "ldn_use": "planned", "is_question": True},
        {"person": "e", "ldn_use": "none", "is_question": True},
        {"person": "f", "ldn_use": "current", "effect": "positive", "ldn_start": "2015"},
    ], second_hand=False, is_question=False)


@pytest.fixture
def sentiment_thread():
    return thread([
        {"person": "a", "effect": "positive",
         "text": "Four years on LDN. No relapses and no side effects."},
        {"person": "b", "effect": "positive", "text": "I feel great, best decision ever."},
        {"person": "c", "effect": "negative", "text": "LDN did not help, worse spasms."},
        {"person": "d", "effect": None, "text": "Where can I get it?"},
    ])


# --- measures ----------------------------------------------------------------------

def test_writer_concentration_per_comment_vs_per_person(loud_thread):
    t = bias.writer_concentration(loud_thread).set_index("effect")
    assert t.loc["positive", "comments"] == 5 and t.loc["positive", "comment_total"] == 9
    assert t.loc["positive", "comment_share"] == approx(5 / 9)
    assert t.loc["positive", "person_share"] == approx(1 / 5)
    assert t.loc["negative", "comment_share"] == approx(4 / 9)
    assert t.loc["negative", "person_share"] == approx(4 / 5)
    assert t.loc["positive", "gap"] == approx(5 / 9 - 1 / 5)
    low, high = wilson_interval(5, 9)
    assert (t.loc["positive", "comment_ci95_low"], t.loc["positive", "comment_ci95_high"]) \
        == (approx(low), approx(high))
    assert t.loc[["mixed", "no_effect"], "comments"].tolist() == [0, 0]
    assert t.attrs["top_writers"][0] == "loud"
    assert t.attrs["top_share"] == approx(7 / 9)        # loud 5 + b 1 + c 1
    assert t.attrs["n_comments"] == 9 and t.attrs["n_people"] == 5


def test_writer_concentration_counts_a_person_by_their_last_effect():
    r = thread([{"person": "a", "effect": "positive"}, {"person": "a", "effect": "negative"},
                {"person": "b", "effect": "positive"}])
    t = bias.writer_concentration(r).set_index("effect")
    assert t.loc["positive", "people"] == 1 and t.loc["negative", "people"] == 1
    assert t.loc["positive", "comments"] == 2


def test_writers_falls_back_to_author_key():
    r = thread([{"author": "Judy E."}, {"author": "judy e"}, {"author": "Cam"}])
    t = bias.writers(r)
    assert t[["person", "comments"]].values.tolist() == [["judy-e", 2], ["cam", 1]]
    assert t["cumulative_share"].tolist() == approx([2 / 3, 1.0])


def test_second_hand_share():
    r = thread([
        {"person": "a", "effect": "positive", "second_hand": False, "speaker_role": "patient"},
        {"person": "b", "effect": "negative", "second_hand": False, "speaker_role": "patient"},
        {"person": "c", "effect": "positive", "second_hand": True, "speaker_role": "caregiver"},
        {"person": "d", "effect": "positive", "second_hand": True, "speaker_role": "clinician"},
        {"person": "e", "effect": None, "second_hand": False, "speaker_role": "patient"},
        {"person": "f", "effect": None, "second_hand": True, "speaker_role": "caregiver"},
    ])
    t = bias.second_hand_share(r).set_index("reporter")
    assert t["comments"].tolist() == [2, 2]
    assert t.loc["second_hand", "share"] == approx(0.5)
    assert t.loc["first_hand", "positive_share"] == approx(0.5)
    assert t.loc["second_hand", "positive_share"] == approx(1.0)
    assert t.loc["second_hand", "roles"] == "caregiver 1, clinician 1"
    assert t.attrs["unit"] == "comment"


def test_reply_dynamics(reply_thread):
    t = bias.reply_dynamics(reply_thread).set_index("group")
    top = t.loc["top-level"]
    assert (top["comments"], top["with_outcome"], top["positive"]) == (4, 2, 1)
    assert (top["replies_received"], top["answered"]) == (5, 3)
    reply = t.loc["reply"]
    assert (reply["comments"], reply["positive"], reply["replies_received"]) == (5, 3, 0)
    assert reply["positive_share"] == approx(0.6)
    q = t.loc["question"]
    assert (q["comments"], q["replies_received"], q["answered"]) == (2, 2, 1)
    assert q["replies_per_comment"] == approx(1.0) and q["answered_share"] == approx(0.5)
    assert t.loc["not a question", "replies_per_comment"] == approx(3 / 7)
    under_pos = t.loc["reply to a positive report"]          # 5 and 6, under 4
    assert (under_pos["with_outcome"], under_pos["positive"]) == (2, 1)
    other = t.loc["reply to anything else"]                  # 2, 3 (under 1), 8 (under 7)
    assert (other["with_outcome"], other["positive"]) == (3, 2)


def test_survivorship():
    r = thread([
        {"person": "a", "ldn_use": "current", "effect": "positive"},
        {"person": "a", "ldn_use": "none"},                  # a later 'none' keeps current
        {"person": "b", "ldn_use": "current", "effect": "positive"},
        {"person": "c", "ldn_use": "past", "effect": "no_effect"},
        {"person": "d", "ldn_use": "planned"},
        {"person": "e", "ldn_use": "none"},
        {"person": "g", "ldn_use": "current", "effect": "positive"},
        {"person": "g", "ldn_use": "past", "effect": "negative"},  # g stopped later
    ])
    t = bias.survivorship(r).set_index("ldn_use")
    assert t.loc[["current", "past", "planned", "none"], "people"].tolist() == [2, 2, 1, 1]
    assert t.loc["current", "share"] == approx(2 / 6)
    assert t.loc["current", "share_of_users"] == approx(0.5)
    assert t.loc["current", "positive_share"] == approx(1.0)
    assert t.loc["past", "positive"] == 0 and t.loc["past", "with_outcome"] == 2
    assert t.loc["stopped, never posted", "people"] is pd.NA
    assert "unknown" in t.loc["stopped, never posted", "meaning"]
    assert t.attrs["unit"] == "person"


def test_bias_profile(profile_thread):
    t = bias.bias_profile(profile_thread).set_index("key")
    expected = {                     # numerator, denominator, unit
        "second_hand": (1, 6, "comment"),           # c, of 6 outcome reports
        "top_writers": (5, 8, "comment"),           # a 3 + b 1 + c 1, of 8 comments
        "current_users": (3, 4, "person"),          # a, c, f of a, b, c, f
        "no_dose_or_duration": (3, 6, "comment"),   # a's 2nd, b, c
        "questions": (2, 8, "comment"),             # d, e
    }
    assert list(t.index) == list(expected)
    for key, (k, n, unit) in expected.items():
        assert (t.loc[key, "numerator"], t.loc[key, "denominator"], t.loc[key, "unit"]) \
            == (k, n, unit)
        assert t.loc[key, "share"] == approx(k / n)
        assert (t.loc[key, "ci95_low"], t.loc[key, "ci95_high"]) \
            == tuple(approx(v) for v in wilson_interval(k, n))
        assert t.loc[key, "sentence"].startswith((f"{k} of {n}", "The 3 most active"))
    assert "wrote 5 of 8 comments (62%)" in t.loc["top_writers", "sentence"]


def test_empty_thread_gives_empty_shares():
    t = bias.bias_profile(thread([]))
    assert t["denominator"].tolist() == [0] * 5
    assert t["share"].isna().all()


# --- sentiment ---------------------------------------------------------------------

@pytest.fixture
def no_network(monkeypatch):
    class Refused(socket.socket):  # a class, so that modules subclassing it still import
        def __init__(self, *args, **kwargs):
            raise OSError("network blocked by the test")

    def refuse(*args, **kwargs):
        raise OSError("network blocked by the test")
    monkeypatch.setattr(socket, "socket", Refused)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_sentiment_vs_effect_offline_on_a_fresh_install(sentiment_thread, no_network,
                                                        monkeypatch, tmp_path):
    """No network, no nltk_data anywhere (empty HOME, no NLTK_DATA, empty search path):
    the analyzer is built from the lexicon inside the installed vaderSentiment."""
    import nltk.data

    monkeypatch.delenv("NLTK_DATA", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(nltk.data, "path", [])
    bias.sentiment.analyzer.cache_clear()
    nltk.data.clear_cache()
    try:
        t = bias.sentiment_vs_effect(sentiment_thread)
    finally:
        bias.sentiment.analyzer.cache_clear()   # do not keep an analyzer built here
    assert nltk.data.path == []                            # no global setting left changed
    assert len(t) == 15
    cell = t.set_index(["effect", "vader"])
    # A glowing report ("no relapses and no side effects") that VADER calls negative:
    wrong = cell.loc[("positive", "negative")]
    assert wrong["comments"] == 1 and not wrong["agrees"]
    assert "no side effects" in wrong["example_sentence"]
    assert wrong["sentence_compound"] < 0 and wrong["mean_compound"] < 0
    assert wrong["example_position"] == 1
    assert cell.loc[("positive", "positive"), "comments"] == 1
    assert cell.loc[("negative", "positive"), "comments"] == 1   # "did not help" reads +
    assert cell.loc[("none", "neutral"), "comments"] == 1
    assert cell["comments"].sum() == 4
    assert cell.loc[("positive", "negative"), "share"] == approx(0.5)


def test_sentiment_scores(sentiment_thread):
    s = bias.sentiment_scores(sentiment_thread)
    assert s["vader"].tolist() == ["negative", "positive", "positive", "neutral"]
    assert s.loc[0, "compound"] == approx(-0.5267, abs=1e-4)
    assert s["effect"].tolist() == ["positive", "positive", "negative", "none"]


# --- simulations -------------------------------------------------------------------

def test_self_selection_no_effect_gives_a_glowing_thread():
    t = bias.simulate_self_selection(20000, 0.3, 0.6, 0.1, seed=1).set_index("group")
    expected = 0.6 * 0.3 / (0.6 * 0.3 + 0.1 * 0.7)
    assert expected == approx(0.72)
    thread_row, pop = t.loc["thread"], t.loc["population"]
    assert abs(thread_row["rate"] - 0.72) < 0.015
    assert thread_row["ci95_low"] <= 0.72 <= thread_row["ci95_high"]
    assert thread_row["expected"] == approx(0.72)
    assert abs(pop["rate"] - 0.3) < 0.01 and pop["ci95_low"] <= 0.3 <= pop["ci95_high"]
    assert pop["n"] == 20000
    assert thread_row["rate"] == approx(thread_row["improved"] / thread_row["n"])
    assert t.attrs["label"] == LABEL and t.attrs["unit"] == "person"


def test_self_selection_is_seeded_and_checks_rates():
    a = bias.simulate_self_selection(500, 0.3, 0.6, 0.1, seed=7)
    b = bias.simulate_self_selection(500, 0.3, 0.6, 0.1, seed=7)
    pd.testing.assert_frame_equal(a, b)
    equal_posting = bias.simulate_self_selection(500, 0.3, 0.5, 0.5, seed=7)
    assert equal_posting.set_index("group").loc["thread", "expected"] == approx(0.3)
    with pytest.raises(ValueError):
        bias.simulate_self_selection(100, 1.3, 0.6, 0.1)


def test_regression_to_the_mean():
    t = bias.simulate_regression_to_mean(1000, seed=1)
    assert set(t["week"]) == set(range(-8, 13))
    end = t[t["week"] == 12].set_index("start_rule")
    bad, rand = end.loc["bad spell"], end.loc["random week"]
    assert bad["change"] < -1 and bad["change_ci95_high"] < 0       # "improved"
    assert bad["share_better"] > 0.85
    assert abs(rand["change"]) < 0.15
    assert rand["change_ci95_low"] < 0 < rand["change_ci95_high"]   # no change
    start = t[t["week"] == 0].set_index("start_rule")
    assert start.loc["bad spell", "mean_score"] > start.loc["random week", "mean_score"] + 1
    assert bad["people"] == rand["people"]


def test_placebo_natural_history_and_the_trial():
    t = bias.simulate_placebo_and_natural_history(5000, seed=1).set_index("group")
    assert abs(t.loc["untreated", "rate"] - 0.3) < 0.02
    assert abs(t.loc["open_label", "rate"] - 0.44) < 0.02        # 1 - 0.7 * 0.8
    assert t.loc["open_label", "expected"] == approx(0.44)
    assert abs(t.loc["thread", "rate"] - 0.825) < 0.03           # 0.264 / (0.264 + 0.056)
    diff = t.loc["trial_difference"]
    assert diff["expected"] == approx(0.0)
    assert abs(diff["rate"]) < 0.05 and diff["ci95_low"] < 0 < diff["ci95_high"]
    assert diff["n"] == t.loc["thread", "n"]                     # trial as big as the thread
    assert t.loc["trial_ldn", "n"] + t.loc["trial_placebo", "n"] == diff["n"]
    assert diff["rate"] == approx(t.loc["trial_ldn", "rate"] - t.loc["trial_placebo", "rate"])


def test_trial_detects_a_real_effect():
    t = bias.simulate_placebo_and_natural_history(5000, drug_effect=0.5, trial_size=1000,
                                                  seed=1).set_index("group")
    diff = t.loc["trial_difference"]
    assert diff["expected"] == approx(0.5 * 0.7 * 0.8)
    assert diff["ci95_low"] > 0.15 and abs(diff["rate"] - 0.28) < 0.07


# --- labels and plots --------------------------------------------------------------

MEASURES = [bias.writers, bias.writer_concentration, bias.second_hand_share,
            bias.reply_dynamics, bias.survivorship, bias.bias_profile,
            bias.sentiment_scores, bias.sentiment_vs_effect]


@pytest.mark.parametrize("measure", MEASURES, ids=lambda f: f.__name__)
def test_every_table_on_the_bundled_thread_is_labelled(gold_records, measure):
    before = gold_records.copy()
    t = measure(gold_records)
    assert len(t) > 0
    assert t.attrs["label"] == LABEL and t.attrs["unit"] in ("person", "comment")
    assert t.attrs["kind"] == measure.__name__
    pd.testing.assert_frame_equal(gold_records, before)       # input not mutated


def test_bundled_thread_numbers(gold_records):
    """Stand-in records (the gold): per-person counting and the profile's denominators."""
    t = bias.bias_profile(gold_records).set_index("key")
    assert (t.loc["questions", "numerator"], t.loc["questions", "denominator"]) == (14, 39)
    assert (t.loc["second_hand", "numerator"], t.loc["second_hand", "denominator"]) == (2, 18)
    w = bias.writers(gold_records)
    assert w.loc[0, "person"] == "marta-bjarnadottir" and w.loc[0, "comments"] == 5


def sims():
    return [bias.simulate_self_selection(2000, 0.3, 0.6, 0.1, seed=0),
            bias.simulate_regression_to_mean(200, seed=0),
            bias.simulate_placebo_and_natural_history(2000, seed=0)]


def test_simulation_tables_are_labelled():
    for t in sims():
        assert t.attrs["label"] == LABEL and t.attrs["unit"] == "person"
        assert "Simulated" in t.attrs["note"]


RECORD_PLOTS = [(bias.plot_writer_concentration, bias.writer_concentration),
                (bias.plot_second_hand_share, bias.second_hand_share),
                (bias.plot_reply_dynamics, bias.reply_dynamics),
                (bias.plot_survivorship, bias.survivorship),
                (bias.plot_sentiment_vs_effect, bias.sentiment_vs_effect),
                (bias.plot_bias_profile, bias.bias_profile)]


def _has_label(ax):
    return any("self-selected" in t.get_text() for t in ax.texts)


@pytest.mark.parametrize("plot, make", RECORD_PLOTS, ids=lambda f: f.__name__)
def test_record_plots_take_records_or_their_table(plot, make, profile_thread):
    profile_thread["text"] = "No side effects. I feel great."
    ax = plot(profile_thread)
    assert isinstance(ax, matplotlib.axes.Axes) and _has_label(ax)
    import matplotlib.pyplot as plt

    _, given = plt.subplots()
    assert plot(make(profile_thread), ax=given) is given and _has_label(given)


def test_simulation_plots():
    import matplotlib.pyplot as plt

    for plot, table in zip([bias.plot_self_selection, bias.plot_regression_to_mean,
                            bias.plot_placebo_and_natural_history], sims()):
        _, given = plt.subplots()
        ax = plot(table, ax=given)
        assert ax is given and _has_label(ax) and ax.get_title()
    with pytest.raises(ValueError):
        bias.plot_self_selection(pd.DataFrame({"rate": [0.1]}))


def test_wilson_and_newcombe_helpers_agree_with_hand_values():
    from ldn_comments.bias._common import newcombe_difference

    d, lo, hi = newcombe_difference(56, 70, 48, 80)      # Newcombe (1998), example (a)
    assert d == approx(0.2)
    assert (round(lo, 4), round(hi, 4)) == (0.0524, 0.3339)
    assert not math.isnan(lo)
