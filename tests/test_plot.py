"""Figures: return Axes, draw on a given ax, carry the label and n, survive empty input."""
from __future__ import annotations

import io

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.text import Text

from ldn_comments import plot
from ldn_comments.errors import UsageError
from ldn_comments.label import LABEL
from ldn_comments.records import coerce_records

FUNCS = [plot.effect_bars, plot.dose_hist, plot.duration_hist, plot.therapy_status,
         plot.outcome_domains, plot.thread_timeline, plot.evidence_ladder]


def _texts(fig):
    return " ".join(t.get_text() for t in fig.findobj(Text))


def _flat(text):
    return " ".join(text.split())


@pytest.fixture
def small():
    rows = [{"position": i, "author": "Loud", "ldn_use": "current", "effect": "positive",
             "benefits": ["fatigue"], "dose_values": [4.5], "dose_unit": "mg",
             "current_dose": 4.5, "ldn_duration_months": 24, "date": f"2020-0{i}-01",
             "therapies": [{"name": "glatiramer", "status": "past"}]} for i in (1, 2, 3)]
    rows += [{"position": 4, "author": "Bo", "ldn_use": "past", "effect": "negative",
              "adverse_events": ["vivid_dreams"], "dose_values": [2.0], "dose_unit": "ml",
              "current_dose": 2.0, "ldn_duration_months": 2, "date": "2020-05-03"}]
    return coerce_records(pd.DataFrame(rows))


@pytest.fixture
def empty():
    return coerce_records(pd.DataFrame({"position": []}))


@pytest.mark.parametrize("func", FUNCS, ids=lambda f: f.__name__)
def test_returns_axes_with_label_and_n(func, small):
    ax = func(small)
    assert isinstance(ax, matplotlib.axes.Axes)
    fig = ax.figure
    assert _flat(LABEL) in _flat(_texts(fig))
    caption = [t for t in ax.texts if t.get_gid() == plot.CAPTION_GID]
    assert len(caption) == 1
    assert any(ch.isdigit() for ch in ax.get_title())  # the n is in the title


@pytest.mark.parametrize("func", FUNCS, ids=lambda f: f.__name__)
def test_draws_on_given_ax(func, small):
    fig, ax = plt.subplots()
    assert func(small, ax=ax) is ax
    assert len(fig.axes) == 1


@pytest.mark.parametrize("func", FUNCS, ids=lambda f: f.__name__)
def test_caption_inside_saved_figure(func, small):
    ax = func(small)
    fig = ax.figure
    fig.savefig(io.BytesIO(), format="png")  # draws with the layout engine
    cap = next(t for t in ax.texts if t.get_gid() == plot.CAPTION_GID)
    box, page = cap.get_window_extent(), fig.bbox
    assert box.y0 >= page.y0 - 1 and box.x1 <= page.x1 + 1


@pytest.mark.parametrize("func", FUNCS, ids=lambda f: f.__name__)
def test_empty_records_say_so(func, empty):
    ax = func(empty)
    text = _texts(ax.figure)
    assert _flat(LABEL) in _flat(text)
    if func is not plot.evidence_ladder:
        assert "No " in text


@pytest.mark.parametrize("func", FUNCS, ids=lambda f: f.__name__)
def test_gold_records(func, gold_records):
    ax = func(gold_records)
    assert _flat(LABEL) in _flat(_texts(ax.figure))


def test_never_shows_or_saves(small, monkeypatch, tmp_path):
    def boom(*a, **k):
        raise AssertionError("plot functions must not show or save")

    monkeypatch.setattr(plt, "show", boom)
    monkeypatch.setattr(plt.Figure, "savefig", boom)
    monkeypatch.chdir(tmp_path)
    for func in FUNCS:
        func(small)
    assert list(tmp_path.iterdir()) == []


def test_effect_bars_counts(small):
    ax = plot.effect_bars(small)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    # drawn top to bottom in this order
    assert labels == ["positive", "mixed", "negative", "no effect", "none reported"]
    assert "1/2" in _texts(ax.figure)  # one of two persons, not 3 of 4 comments
    assert "2 persons reporting LDN use" in ax.get_title()
    ax = plot.effect_bars(small, unit="comment")
    assert "3/4" in _texts(ax.figure)
    with pytest.raises(UsageError):
        plot.effect_bars(small, unit="thread")


def test_dose_hist_units(small):
    assert "1 person stated" in plot.dose_hist(small).get_title()
    ml = plot.dose_hist(small, unit="ml")
    assert [t.get_text() for t in ml.get_xticklabels()] == ["2"]
    with pytest.raises(UsageError):
        plot.dose_hist(small, unit="drops")


def test_timeline_with_and_without_dates(small):
    ax = plot.thread_timeline(small)
    assert "4 comments with a date" in ax.get_title()
    assert len(ax.patches) >= 4
    ax = plot.thread_timeline(small.drop(columns=["date"]))
    assert "No dates in this source" in _texts(ax.figure)


def test_therapy_status_top(small):
    ax = plot.therapy_status(small, top=1)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["glatiramer"]


def test_outcome_domains_align_domains(small):
    ax = plot.outcome_domains(small)
    assert sorted(t.get_text() for t in ax.get_yticklabels()) == ["fatigue", "sleep"]


def test_evidence_ladder_with_a_stand_in_evidence_table(small, monkeypatch):
    import types

    fake = types.ModuleType("ldn_comments.evidence")
    fake.trial_evidence = lambda: pd.DataFrame({
        "id": ["rct_a", "case_series", "patient_comments"],
        "citation": ["A 2010", "B 2008", "this thread"],
        "design": ["randomised", "case series", "testimonials"],
        "n_enrolled": pd.array([80, None, None], dtype="Int64"),
        "n_completed": pd.array([60, None, None], dtype="Int64"),
        "certainty": ["low", "very low", "very low"],
        "finding": ["x", "y", "z"],
    })
    monkeypatch.setitem(__import__("sys").modules, "ldn_comments.evidence", fake)
    ax = plot.evidence_ladder(small)
    text = _texts(ax.figure)
    assert "rct a (n=80)" in text and "case series (n=?)" in text
    assert "this thread: 2 persons" in text
    assert "patient comments" not in text
    assert "2 studies" in ax.get_title()
