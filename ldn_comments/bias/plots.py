"""Figures for the bias measures and simulations, seaborn-style: data first, options
keyword-only, drawn on `ax` when given, the Axes returned, never shown or saved.

Each takes either the records (and computes its table) or the table the matching
function returned; the simulation plots take the simulation's table. Every figure
carries the label under its Axes.

Examples
--------
>>> import pandas as pd
>>> r = pd.DataFrame({"position": [1, 2], "person": ["a", "b"],
...                   "effect": ["positive", "negative"]})
>>> ax = plot_writer_concentration(r)
>>> ax.get_ylabel()
'share of outcome reports'
>>> import matplotlib.pyplot as plt; plt.close("all")
"""
from __future__ import annotations

import textwrap

import numpy as np

from ._common import caption
from .measures import bias_profile, reply_dynamics, second_hand_share, survivorship, writer_concentration
from .sentiment import EFFECT_ROWS, VADER_CLASSES, sentiment_vs_effect


def _axes(ax):
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(7, 4.5))
    return ax


def _table(data, make, **kwargs):
    """`data` itself when `make` produced it, else `make(data)`."""
    if data.attrs.get("kind") == make.__name__:
        return data
    return make(data, **kwargs)


def _needs(data, kind: str):
    if data.attrs.get("kind") != kind:
        raise ValueError(f"expected the table returned by {kind}(), got another frame")
    return data


def _errors(table, value="share", low="ci95_low", high="ci95_high"):
    v = table[value].to_numpy(dtype=float)
    lo = np.nan_to_num(v - table[low].to_numpy(dtype=float))
    hi = np.nan_to_num(table[high].to_numpy(dtype=float) - v)
    return np.vstack([np.clip(lo, 0, None), np.clip(hi, 0, None)])


def plot_writer_concentration(data, *, top: int = 3, ax=None):
    """Bars of each effect's share per comment beside per person, with 95% intervals.

    Parameters
    ----------
    data : DataFrame
        Records, or the table from :func:`writer_concentration`.
    top : int
        Passed to :func:`writer_concentration` when `data` is records.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    t = _table(data, writer_concentration, top=top)
    ax = _axes(ax)
    x = np.arange(len(t))
    w = 0.38
    ax.bar(x - w / 2, t["comment_share"].fillna(0), w, yerr=_errors(t, "comment_share",
           "comment_ci95_low", "comment_ci95_high"), capsize=3, label="per comment",
           color="#c0504d")
    ax.bar(x + w / 2, t["person_share"].fillna(0), w, yerr=_errors(t, "person_share",
           "person_ci95_low", "person_ci95_high"), capsize=3, label="per person",
           color="#4f81bd")
    ax.set_xticks(x, [str(e) for e in t["effect"]])
    ax.set_ylim(0, 1)
    ax.set_ylabel("share of outcome reports")
    ax.set_title("Counting comments lets repeat writers weigh more")
    ax.legend(frameon=False)
    share = t.attrs.get("top_share", float("nan"))
    caption(ax, f"The {len(t.attrs.get('top_writers', []))} most active writers wrote "
                f"{share:.0%} of all comments." if share == share else None)
    return ax


def plot_second_hand_share(data, *, ax=None):
    """Outcome reports by who made them: positive and other outcomes, stacked.

    Parameters
    ----------
    data : DataFrame
        Records, or the table from :func:`second_hand_share`.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    t = _table(data, second_hand_share)
    ax = _axes(ax)
    y = np.arange(len(t))
    other = t["comments"] - t["positive"]
    ax.barh(y, t["positive"], color="#9bbb59", label="positive")
    ax.barh(y, other, left=t["positive"], color="0.7", label="other outcomes")
    ax.set_yticks(y, [textwrap.fill(w, 24) for w in t["reported_by"]])
    ax.set_xlabel("comments reporting an outcome")
    ax.set_title("Who reports the outcome")
    ax.legend(frameon=False)
    caption(ax, left=0.3)
    return ax


def plot_reply_dynamics(data, *, ax=None):
    """Share of outcome reports that are positive, for each group of comments, with
    95% intervals and the group's size.

    Parameters
    ----------
    data : DataFrame
        Records, or the table from :func:`reply_dynamics`.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    t = _table(data, reply_dynamics)
    ax = _axes(ax)
    y = np.arange(len(t))[::-1]
    ax.errorbar(t["positive_share"], y, xerr=_errors(t, "positive_share", "positive_ci95_low",
                "positive_ci95_high"), fmt="o", color="#4f81bd", capsize=3)
    ax.set_yticks(y, [f"{g} (n={n})" for g, n in zip(t["group"], t["with_outcome"])])
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of outcome reports that are positive")
    ax.set_title("Testimonials, replies and what they answer")
    caption(ax, left=0.4)
    return ax


def plot_survivorship(data, *, ax=None):
    """People by LDN use, with an outlined bar of unknown height for those who stopped
    and never posted.

    Parameters
    ----------
    data : DataFrame
        Records, or the table from :func:`survivorship`.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    t = _table(data, survivorship)
    ax = _axes(ax)
    known = t[t["people"].notna()]
    x = np.arange(len(t))
    ax.bar(x[: len(known)], known["people"].astype(float), color="#4f81bd")
    top = float(known["people"].max()) if len(known) else 1.0
    ax.bar(x[len(known):], [top] * (len(t) - len(known)), fill=False, hatch="//",
           linestyle="--", edgecolor="0.4")
    for xi in x[len(known):]:
        ax.text(xi, top / 2, "?", ha="center", va="center", fontsize=20, color="0.3")
    ax.set_xticks(x, [str(u).replace(", ", ",\n") for u in t["ldn_use"]])
    ax.set_ylabel("people")
    ax.set_title("Who is in the thread, and who cannot be")
    caption(ax, "The hatched bar has no height the thread can tell.")
    return ax


def plot_sentiment_vs_effect(data, *, ax=None):
    """Heat map of comments by extracted effect (rows) and VADER class (columns).

    Parameters
    ----------
    data : DataFrame
        Records, or the table from :func:`sentiment_vs_effect`.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    t = _table(data, sentiment_vs_effect)
    ax = _axes(ax)
    square = (t.pivot_table(index="effect", columns="vader", values="comments",
                            aggfunc="sum", observed=False)
              .reindex(index=EFFECT_ROWS, columns=VADER_CLASSES).fillna(0).to_numpy())
    ax.imshow(square, cmap="Blues", aspect="auto")
    for i in range(square.shape[0]):
        for j in range(square.shape[1]):
            ax.text(j, i, int(square[i, j]), ha="center", va="center",
                    color="white" if square[i, j] > square.max() / 2 else "black")
    ax.set_xticks(range(len(VADER_CLASSES)), VADER_CLASSES)
    ax.set_yticks(range(len(EFFECT_ROWS)), EFFECT_ROWS)
    ax.set_xlabel("VADER's reading of the words")
    ax.set_ylabel("effect the comment reports")
    ax.set_title("Sentiment is not outcome")
    caption(ax, "'No relapses, no side effects' scores negative: VADER counts words.")
    return ax


def plot_bias_profile(data, *, ax=None):
    """The thread's warning signs as shares with 95% intervals.

    Parameters
    ----------
    data : DataFrame
        Records, or the table from :func:`bias_profile`.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    t = _table(data, bias_profile)
    ax = _axes(ax)
    y = np.arange(len(t))[::-1]
    ax.barh(y, t["share"].fillna(0), xerr=_errors(t), capsize=3, color="#f79646")
    ax.set_yticks(y, [textwrap.fill(f"{s} ({k}/{n})", 30) for s, k, n in
                      zip(t["sign"], t["numerator"], t["denominator"])])
    ax.set_xlim(0, 1)
    ax.set_xlabel("share (95% Wilson interval)")
    ax.set_title("Warning signs in this thread")
    caption(ax, left=0.36)
    return ax


def plot_self_selection(data, *, ax=None):
    """True and apparent improvement rates with 95% intervals and the rates theory
    predicts (diamonds).

    Parameters
    ----------
    data : DataFrame
        The table from :func:`simulate_self_selection`.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    t = _needs(data, "simulate_self_selection")
    ax = _axes(ax)
    x = np.arange(len(t))
    ax.bar(x, t["rate"], yerr=_errors(t, "rate"), capsize=4, color=["#4f81bd", "#c0504d"])
    ax.scatter(x, t["expected"], marker="D", color="black", zorder=3, label="expected")
    ax.set_xticks(x, [w.replace(" (", "\n(") for w in t["who"]])
    ax.set_ylim(0, 1)
    ax.set_ylabel("share who improved")
    ax.set_title("A drug with no effect, and the thread it gets")
    ax.legend(frameon=False)
    caption(ax, "Simulated. Everyone improves at the same natural rate; the thread "
                "over-represents those who did.")
    return ax


def plot_regression_to_mean(data, *, ax=None):
    """Mean symptom score around the start of a useless remedy, started at a bad spell
    or at a random week.

    Parameters
    ----------
    data : DataFrame
        The table from :func:`simulate_regression_to_mean`.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    t = _needs(data, "simulate_regression_to_mean")
    ax = _axes(ax)
    for (rule, g), color in zip(t.groupby("start_rule", sort=False), ["#c0504d", "#4f81bd"]):
        ax.plot(g["week"], g["mean_score"], marker=".", color=color, label=f"started at a {rule}")
    ax.axvline(0, color="0.5", linestyle="--")
    ax.set_xlabel("weeks from starting the remedy (which does nothing)")
    ax.set_ylabel("mean symptom score (higher is worse)")
    ax.set_title("Starting at your worst: improvement without a cause")
    ax.legend(frameon=False)
    caption(ax, "Simulated relapsing-remitting symptoms; the fall after a bad-spell start "
                "is regression to the mean.")
    return ax


def plot_placebo_and_natural_history(data, *, ax=None):
    """Improvement rates of one simulated population seen four ways, with the trial's
    LDN-minus-placebo difference, all with 95% intervals.

    Parameters
    ----------
    data : DataFrame
        The table from :func:`simulate_placebo_and_natural_history`.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    t = _needs(data, "simulate_placebo_and_natural_history")
    ax = _axes(ax)
    y = np.arange(len(t))[::-1]
    colors = {"population": "#4f81bd", "thread": "#c0504d", "trial": "#9bbb59"}
    ax.errorbar(t["rate"], y, xerr=_errors(t, "rate"), fmt="none", ecolor="0.3", capsize=3)
    ax.scatter(t["rate"], y, c=[colors[d] for d in t["design"]], zorder=3)
    ax.scatter(t["expected"], y, marker="|", s=200, color="black", label="expected")
    ax.axvline(0, color="0.6", linewidth=0.8)
    names = {"untreated": "untreated (natural history)", "open_label": "took LDN, open label",
             "thread": "posted in the thread", "trial_ldn": "trial: LDN arm",
             "trial_placebo": "trial: placebo arm", "trial_difference": "trial: LDN - placebo"}
    ax.set_yticks(y, [names.get(g, g) for g in t["group"]])
    ax.set_xlim(-0.15, 1)
    ax.set_xlabel("share who improved (last row: difference between arms)")
    ax.set_title("Natural history, placebo, self-selection - and a trial")
    ax.legend(frameon=False, loc="lower right")
    caption(ax, "Simulated: LDN does nothing here; only the randomised difference shows it.", left=0.3)
    return ax
