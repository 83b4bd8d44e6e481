"""Seeded simulations of how a thread of glowing reports arises from a drug that does
nothing, and how a randomised trial of the same population sees through it.

Every simulation draws from ``numpy.random.default_rng(seed)``, so a seed gives the same
table every time, and returns a tidy, labelled table (unit ``"person"``: simulated
people) with the value theory predicts beside the simulated one.

Examples
--------
>>> t = simulate_self_selection(20000, 0.3, 0.6, 0.1, seed=1).set_index("group")
>>> round(float(t.loc["thread", "expected"]), 3)
0.72
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..label import labelled
from ..stats import wilson_interval
from ._common import mean_interval, newcombe_difference, share_columns, tagged


def _check_rate(name: str, value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must be a probability between 0 and 1, not {value!r}")


def thread_rate(improve_rate: float, post_if_better: float, post_if_not: float) -> float:
    """The share of posts reporting improvement when posting depends on the outcome:
    ``b * p / (b * p + n * (1 - p))`` for improvement rate ``p`` and posting rates ``b``
    (better) and ``n`` (not).

    Examples
    --------
    >>> round(thread_rate(0.3, 0.6, 0.1), 4)
    0.72
    """
    better = post_if_better * improve_rate
    other = post_if_not * (1.0 - improve_rate)
    return better / (better + other) if better + other else float("nan")


@tagged
def simulate_self_selection(n_users: int, improve_rate: float, post_if_better: float,
                            post_if_not: float, seed=None) -> pd.DataFrame:
    """A drug with no effect, and the thread written by those who chose to post.

    Each of `n_users` people takes the drug; each improves with probability
    `improve_rate`, the natural rate, drug or no drug. Those who improved post with
    probability `post_if_better`, the others with `post_if_not`. When the better-off
    post more, the thread is mostly glowing though the drug did nothing.

    Parameters
    ----------
    n_users : int
        People who took the drug.
    improve_rate : float
        Probability of improving anyway (natural history); the drug adds nothing.
    post_if_better, post_if_not : float
        Probability of writing a comment after improving / after not improving.
    seed : int or numpy Generator, optional
        Seed for ``numpy.random.default_rng``.

    Returns
    -------
    DataFrame, labelled, unit ``"person"``
        Rows ``population`` (everyone who took it: the true rate) and ``thread`` (those
        who posted: the apparent rate). Columns ``group``, ``who``, ``improved``, ``n``,
        ``rate`` with its Wilson interval (``ci95_low``, ``ci95_high``) and ``expected``
        (the rate theory predicts, see :func:`thread_rate`).

    Examples
    --------
    >>> t = simulate_self_selection(20000, 0.3, 0.6, 0.1, seed=1).set_index("group")
    >>> abs(float(t.loc["thread", "rate"]) - 0.72) < 0.02
    True
    >>> abs(float(t.loc["population", "rate"]) - 0.3) < 0.02
    True
    """
    for name, value in (("improve_rate", improve_rate), ("post_if_better", post_if_better),
                        ("post_if_not", post_if_not)):
        _check_rate(name, value)
    if n_users < 1:
        raise ValueError("n_users must be at least 1")
    rng = np.random.default_rng(seed)
    improved = rng.random(n_users) < improve_rate
    posts = rng.random(n_users) < np.where(improved, post_if_better, post_if_not)
    counts = [(int(improved.sum()), n_users), (int((improved & posts).sum()), int(posts.sum()))]
    table = pd.DataFrame({
        "group": ["population", "thread"],
        "who": ["everyone who took the drug (true rate)",
                "those who chose to post (apparent rate)"],
        "improved": [k for k, _ in counts],
        "n": [n for _, n in counts],
    })
    shares = share_columns(table["improved"], table["n"])
    table["rate"] = shares["share"]
    table["ci95_low"] = shares["ci95_low"]
    table["ci95_high"] = shares["ci95_high"]
    table["expected"] = [improve_rate, thread_rate(improve_rate, post_if_better, post_if_not)]
    out = labelled(table, unit="person", note=(
        "Simulated: the drug has no effect. The thread's rate is high because people who "
        "improved were more likely to post, not because the drug worked."))
    out.attrs["parameters"] = {"n_users": n_users, "improve_rate": improve_rate,
                               "post_if_better": post_if_better, "post_if_not": post_if_not,
                               "seed": seed if isinstance(seed, (int, type(None))) else None}
    return out


@tagged
def simulate_regression_to_mean(n_people: int = 2000, *, n_weeks: int = 104,
                                follow_up_weeks: int = 12, weeks_before: int = 8,
                                fluctuation_sd: float = 1.0, autocorrelation: float = 0.8,
                                relapses_per_year: float = 0.5, relapse_size: float = 2.0,
                                relapse_half_life_weeks: float = 4.0,
                                start_threshold: float = 1.5, seed=None) -> pd.DataFrame:
    """People start a useless remedy at their worst, and improve anyway.

    Each person's weekly symptom score is their own baseline plus a fluctuation that
    drifts (an autoregressive process: this week resembles last week) plus relapses that
    flare and fade, as in relapsing-remitting MS. Higher is worse. Each person starts a
    remedy that does nothing either (a) at the first week their score is at least
    `start_threshold` fluctuation-SDs above their baseline, when people go looking for
    something new, or (b) at a random week. Scores after a bad-spell start fall back
    towards the baseline: that is regression to the mean, and it looks like the remedy
    working. After a random start nothing changes.

    Parameters
    ----------
    n_people : int
        Simulated people.
    n_weeks : int
        Weeks simulated per person.
    follow_up_weeks, weeks_before : int
        The window kept around each start.
    fluctuation_sd : float
        Standard deviation of the week-to-week fluctuation (in symptom points).
    autocorrelation : float
        How much of this week's fluctuation carries to next week (0 to <1).
    relapses_per_year, relapse_size, relapse_half_life_weeks : float
        Relapse rate, the size of a relapse's flare (points) and how fast it fades.
    start_threshold : float
        How bad (in fluctuation-SDs above one's own baseline) a week must be to start.
    seed : int or numpy Generator, optional

    Returns
    -------
    DataFrame, labelled, unit ``"person"``
        One row per start rule (``bad spell``, ``random week``) and week relative to the
        start (``week`` from ``-weeks_before`` to ``follow_up_weeks``; 0 is the start):
        ``people``, ``mean_score``, ``change`` (mean of score minus the score at the
        start; negative is better) with a 95% interval (``change_ci95_low``/``high``),
        and ``share_better`` (score below the start's) with its Wilson interval. Both
        rules use the same people: those who had a bad spell early enough to be
        followed up.

    Examples
    --------
    >>> t = simulate_regression_to_mean(500, seed=2)
    >>> end = t[t["week"] == 12].set_index("start_rule")
    >>> float(end.loc["bad spell", "change"]) < -1, abs(float(end.loc["random week", "change"])) < 0.3
    (True, True)
    """
    if not 0 <= autocorrelation < 1:
        raise ValueError("autocorrelation must be in [0, 1)")
    if n_weeks <= weeks_before + follow_up_weeks:
        raise ValueError("n_weeks must exceed weeks_before + follow_up_weeks")
    rng = np.random.default_rng(seed)
    baseline = rng.normal(4.0, 1.0, n_people)
    innovation = fluctuation_sd * np.sqrt(1 - autocorrelation ** 2)
    decay = 0.5 ** (1.0 / relapse_half_life_weeks)
    fluct = np.empty((n_people, n_weeks))
    relapse = np.empty((n_people, n_weeks))
    fluct[:, 0] = rng.normal(0, fluctuation_sd, n_people)
    relapse[:, 0] = 0.0
    onsets = rng.random((n_people, n_weeks)) < relapses_per_year / 52.0
    shocks = rng.normal(0, innovation, (n_people, n_weeks))
    for t in range(1, n_weeks):
        fluct[:, t] = autocorrelation * fluct[:, t - 1] + shocks[:, t]
        relapse[:, t] = decay * relapse[:, t - 1] + relapse_size * onsets[:, t]
    score = baseline[:, None] + fluct + relapse

    first, last = weeks_before, n_weeks - follow_up_weeks  # allowed start weeks [first, last)
    bad = score[:, first:last] >= (baseline[:, None] + start_threshold * fluctuation_sd)
    has_bad = bad.any(axis=1)
    who = np.flatnonzero(has_bad)
    starts = {"bad spell": first + bad[who].argmax(axis=1),
              "random week": rng.integers(first, last, len(who))}
    rows = []
    offsets = np.arange(-weeks_before, follow_up_weeks + 1)
    for rule, start in starts.items():
        at_start = score[who, start]
        for k in offsets:
            s = score[who, start + k]
            change = s - at_start
            m, lo, hi = mean_interval(change)
            better = int((change < 0).sum())
            b_lo, b_hi = wilson_interval(better, len(who))
            rows.append({"start_rule": rule, "week": int(k), "people": len(who),
                         "mean_score": float(s.mean()) if len(s) else np.nan,
                         "change": m, "change_ci95_low": lo, "change_ci95_high": hi,
                         "share_better": better / len(who) if len(who) else np.nan,
                         "share_better_ci95_low": b_lo, "share_better_ci95_high": b_hi})
    out = labelled(pd.DataFrame(rows), unit="person", note=(
        "Simulated: the remedy has no effect. Starting at a bad spell, scores fall back "
        "towards each person's usual level anyway; starting at a random week, they do "
        "not move."))
    out.attrs["parameters"] = {"n_people": n_people, "n_weeks": n_weeks,
                               "follow_up_weeks": follow_up_weeks,
                               "start_threshold": start_threshold,
                               "autocorrelation": autocorrelation}
    return out


@tagged
def simulate_placebo_and_natural_history(n_people: int = 5000, *, natural_rate: float = 0.3,
                                         placebo_rate: float = 0.2, drug_effect: float = 0.0,
                                         post_if_better: float = 0.6, post_if_not: float = 0.1,
                                         trial_size: int | None = None, seed=None
                                         ) -> pd.DataFrame:
    """One simulated population seen four ways: untreated, open-label, the thread, a trial.

    Each person carries three hidden traits: they would improve anyway (natural history,
    probability `natural_rate`), they respond to believing they are treated (placebo,
    `placebo_rate`), and the drug helps them (`drug_effect`; 0 by default, a drug that
    does nothing). Someone improves if any trait that applies to them is present.

    - Untreated, people improve at the natural rate.
    - Everyone takes LDN openly: natural history plus placebo response look like a drug
      effect.
    - Those who improved post more: the thread looks better still.
    - A randomised, blinded trial of `trial_size` people from the same population: both
      arms get natural history and placebo response, so the difference between arms is
      the drug's effect alone, close to 0 here, with an interval that covers 0.

    Parameters
    ----------
    n_people : int
        The population who take LDN openly.
    natural_rate, placebo_rate, drug_effect : float
        Probabilities of the three hidden traits. `drug_effect` is the chance the drug
        helps someone who would not have improved otherwise.
    post_if_better, post_if_not : float
        Probability of posting after improving / not improving.
    trial_size : int, optional
        People in the trial, split evenly between arms. Default: as many people as
        posted in the thread, so the trial is the same size as the thread.
    seed : int or numpy Generator, optional

    Returns
    -------
    DataFrame, labelled, unit ``"person"``
        Rows (``group``): ``untreated``, ``open_label``, ``thread``, ``trial_ldn``,
        ``trial_placebo`` and ``trial_difference`` (LDN minus placebo, with Newcombe's
        interval). Columns ``design`` (``population``, ``thread`` or ``trial``),
        ``description``, ``improved``, ``n``, ``rate``, ``ci95_low``, ``ci95_high`` and
        ``expected`` (what theory predicts).

    Examples
    --------
    >>> t = simulate_placebo_and_natural_history(4000, seed=3).set_index("group")
    >>> lo, hi = t.loc["trial_difference", ["ci95_low", "ci95_high"]]
    >>> bool(lo < 0 < hi), float(t.loc["thread", "rate"]) > 0.7
    (True, True)
    """
    for name, value in (("natural_rate", natural_rate), ("placebo_rate", placebo_rate),
                        ("drug_effect", drug_effect), ("post_if_better", post_if_better),
                        ("post_if_not", post_if_not)):
        _check_rate(name, value)
    rng = np.random.default_rng(seed)
    natural = rng.random(n_people) < natural_rate
    placebo = rng.random(n_people) < placebo_rate
    helped = rng.random(n_people) < drug_effect
    open_label = natural | placebo | helped
    posts = rng.random(n_people) < np.where(open_label, post_if_better, post_if_not)

    size = int(posts.sum()) if trial_size is None else int(trial_size)
    if not 2 <= size <= n_people:
        raise ValueError(f"trial_size must be between 2 and n_people ({n_people}), not {size}")
    enrolled = rng.choice(n_people, size=size, replace=False)
    arm_ldn = np.zeros(size, dtype=bool)
    arm_ldn[rng.permutation(size)[: size // 2]] = True
    trial_improved = natural[enrolled] | placebo[enrolled] | (helped[enrolled] & arm_ldn)

    expect_placebo = 1 - (1 - natural_rate) * (1 - placebo_rate)
    expect_open = 1 - (1 - natural_rate) * (1 - placebo_rate) * (1 - drug_effect)
    rows = [
        ("untreated", "population", "no treatment: natural history alone",
         int(natural.sum()), n_people, natural_rate),
        ("open_label", "population", "everyone who took LDN, knowing it (natural history + "
         "placebo response + drug)", int(open_label.sum()), n_people, expect_open),
        ("thread", "thread", "those who chose to post about it",
         int((open_label & posts).sum()), int(posts.sum()),
         thread_rate(expect_open, post_if_better, post_if_not)),
        ("trial_ldn", "trial", "randomised, blinded: LDN arm",
         int(trial_improved[arm_ldn].sum()), int(arm_ldn.sum()), expect_open),
        ("trial_placebo", "trial", "randomised, blinded: placebo arm",
         int(trial_improved[~arm_ldn].sum()), int((~arm_ldn).sum()), expect_placebo),
    ]
    table = pd.DataFrame(rows, columns=["group", "design", "description", "improved", "n",
                                        "expected"])
    shares = share_columns(table["improved"], table["n"])
    table["rate"] = shares["share"]
    table["ci95_low"] = shares["ci95_low"]
    table["ci95_high"] = shares["ci95_high"]
    k1, n1 = rows[3][3], rows[3][4]
    k2, n2 = rows[4][3], rows[4][4]
    d, lo, hi = newcombe_difference(k1, n1, k2, n2)
    table = pd.concat([table, pd.DataFrame([{
        "group": "trial_difference", "design": "trial",
        "description": "trial: LDN arm minus placebo arm (the drug's effect)",
        "improved": pd.NA, "n": size, "expected": expect_open - expect_placebo,
        "rate": d, "ci95_low": lo, "ci95_high": hi}])], ignore_index=True)
    table["improved"] = table["improved"].astype("Int64")
    table = table[["group", "design", "description", "improved", "n", "rate", "ci95_low",
                   "ci95_high", "expected"]]
    out = labelled(table, unit="person", note=(
        "Simulated: one population. Untreated, open-label and thread rates differ because "
        "of placebo response and who posts; only the randomised difference measures the "
        "drug."))
    out.attrs["parameters"] = {"n_people": n_people, "natural_rate": natural_rate,
                               "placebo_rate": placebo_rate, "drug_effect": drug_effect,
                               "post_if_better": post_if_better, "post_if_not": post_if_not,
                               "trial_size": size}
    return out
