"""Figures of records, in the manner of seaborn.

Every function takes the records first and its options by keyword, draws on ``ax`` when
given (else on a new figure from :func:`matplotlib.pyplot.subplots`), and returns the
Axes. None calls ``show()`` or saves. Every figure says what it is: the
:data:`~ldn_comments.label.LABEL` is drawn as a caption under the axes (an annotation of
the axes, so it moves with them and counts in ``bbox_inches="tight"`` and constrained
layout), and the number of persons or comments is in the title. Where there is nothing to
draw, the axes say so in words instead of staying blank.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import pandas as pd
>>> from ldn_comments.records import coerce_records
>>> r = coerce_records(pd.DataFrame([
...     {"position": 1, "author": "Ann", "ldn_use": "current", "effect": "positive"},
...     {"position": 2, "author": "Bob", "ldn_use": "past", "effect": "negative"}]))
>>> ax = effect_bars(r)
>>> ax.get_title().splitlines()[0]
'Reported effect of LDN'
>>> any(t.get_gid() == CAPTION_GID for t in ax.texts)
True
>>> import matplotlib.pyplot as plt; plt.close("all")
"""
from __future__ import annotations

import re
import textwrap

import numpy as np
import pandas as pd

from .errors import UsageError
from .label import LABEL
from .records import ADVERSE_EVENTS, BENEFITS, THERAPY_STATUS

__all__ = ["effect_bars", "dose_hist", "duration_hist", "therapy_status",
           "outcome_domains", "thread_timeline", "evidence_ladder", "effect_by_drug",
           "study_label", "CAPTION_GID", "NO_DATA_GID"]

#: The ``gid`` of the caption that carries the label (tests and report writers find it).
CAPTION_GID = "ldn-comments-label"
#: The ``gid`` of the sentence an axes shows when it has nothing to draw (a report puts the
#: sentence on the page instead of an empty figure).
NO_DATA_GID = "ldn-comments-no-data"

# Colours that read in greyscale and for common colour-vision deficiencies (Okabe-Ito).
_EFFECT_COLOURS = {"positive": "#009E73", "mixed": "#E69F00", "negative": "#D55E00",
                   "no_effect": "#999999", "none reported": "#DDDDDD"}
_STATUS_COLOURS = {"current": "#0072B2", "past": "#56B4E9", "considering": "#E69F00",
                   "never": "#BBBBBB"}
_BENEFIT_COLOUR, _ADVERSE_COLOUR = "#009E73", "#D55E00"

# Adverse-event keys that belong to a benefit domain under another name.
_AE_DOMAIN = {"sleep_disturbance": "sleep", "vivid_dreams": "sleep",
              "symptom_flare": "symptom flare"}


# --- shared helpers ------------------------------------------------------------------------

def _axes(ax, figsize=(7.0, 4.5)):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _caption(ax, extra: str | None = None, *, below: float = 38.0):
    """Put the label (and `extra`) under the axes, wrapped to the axes' width."""
    fig = ax.figure
    width_in = max(ax.get_position().width * fig.get_figwidth(), 2.0)
    chars = max(int(width_in * 72 / (7 * 0.55)), 30)
    text = LABEL if not extra else f"{LABEL} {extra}"
    ax.annotate("\n".join(textwrap.wrap(text, chars)), xy=(0, 0), xycoords="axes fraction",
                xytext=(0, -below), textcoords="offset points", ha="left", va="top",
                fontsize=7, color="#333333", annotation_clip=False, gid=CAPTION_GID)
    return ax


def _error_lengths(share, low, high):
    """Error-bar lengths ``[below, above]`` for matplotlib: never negative, 0 where a bound
    is missing, so a share of 0 of n or n of n (bounds exactly 0 or 1) always draws."""
    share = np.atleast_1d(np.asarray(share, dtype=float))
    below = np.nan_to_num(share - np.atleast_1d(np.asarray(low, dtype=float)))
    above = np.nan_to_num(np.atleast_1d(np.asarray(high, dtype=float)) - share)
    return np.vstack([np.clip(below, 0.0, None), np.clip(above, 0.0, None)])


def _no_data(ax, message: str):
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center",
            fontsize=11, color="#555555", wrap=True, gid=NO_DATA_GID)
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def _prepare(records: pd.DataFrame):
    """(per-person frame, per-comment frame with person keys filled)."""
    from .people import people
    from .summarise import _with_person_keys

    R = _with_person_keys(records)
    return people(R), R


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# --- the figures -------------------------------------------------------------------------

def effect_bars(records: pd.DataFrame, *, unit: str = "person", ax=None):
    """Share of LDN users reporting each effect, with 95% Wilson intervals.

    Parameters
    ----------
    records : DataFrame
        Records, one row per comment.
    unit : {"person", "comment"}
        Count persons (the default: one writer is one report) or comments.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from ldn_comments.records import coerce_records
    >>> r = coerce_records(pd.DataFrame([{"position": 1, "author": "Ann",
    ...                                   "ldn_use": "current", "effect": "positive"}]))
    >>> fig, ax = plt.subplots()
    >>> effect_bars(r, ax=ax) is ax
    True
    >>> plt.close(fig)
    """
    from .summarise import UNITS, _t_effect

    if unit not in UNITS:
        raise UsageError("E012", f"unit must be 'person' or 'comment', not {unit!r}")
    ax = _axes(ax)
    P, R = _prepare(records)
    table = _t_effect(P, R, unit)
    main = "persons" if unit == "person" else "comments"
    n = int(table[f"{main}_denominator"].iloc[0]) if len(table) else 0
    word = "person" if unit == "person" else "comment"
    ax.set_title(f"Reported effect of LDN\n{_plural(n, word)} reporting LDN use "
                 f"({_plural(len(P), 'person')}, {_plural(len(R), 'comment')} in all)",
                 fontsize=10)
    if n == 0:
        _no_data(ax, "No reports of LDN use in these records")
        return _caption(ax, below=12)
    cats = table["effect"].astype(str).tolist()
    share = table[f"{main}_share"].astype(float).to_numpy()
    low = table["ci95_low"].astype(float).to_numpy()
    high = table["ci95_high"].astype(float).to_numpy()
    counts = table[main].astype(int).to_numpy()
    y = np.arange(len(cats))[::-1]
    ax.barh(y, share, color=[_EFFECT_COLOURS.get(c, "#777777") for c in cats],
            edgecolor="#333333", linewidth=0.5)
    ax.errorbar(share, y, xerr=_error_lengths(share, low, high), fmt="none", ecolor="#222222",
                capsize=3, linewidth=1)
    for yi, hi, k in zip(y, high, counts):
        ax.text(min(hi + 0.02, 1.0), yi, f"{k}/{n}", va="center", fontsize=8)
    ax.set_yticks(y, [c.replace("_", " ") for c in cats])
    ax.set_xlim(0, 1.12)
    ax.set_xlabel(f"share of {main} reporting LDN use (95% Wilson interval)")
    return _caption(ax, f"Denominator: {main} reporting LDN use.")


def dose_hist(records: pd.DataFrame, *, unit: str = "mg", ax=None):
    """Current LDN dose per person, in one unit (mg and ml are never pooled).

    Parameters
    ----------
    records : DataFrame
    unit : {"mg", "ml"}
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> from ldn_comments.records import coerce_records
    >>> r = coerce_records(pd.DataFrame([{"position": 1, "author": "Ann",
    ...     "dose_values": [4.5], "dose_unit": "mg", "current_dose": 4.5}]))
    >>> dose_hist(r).get_xlabel()
    'current dose (mg)'
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    if unit not in ("mg", "ml"):
        raise UsageError("E012", f"unit must be 'mg' or 'ml', not {unit!r}")
    ax = _axes(ax)
    P, R = _prepare(records)
    sel = P[(P["dose_unit"].astype(object) == unit).fillna(False).astype(bool)]
    doses = sel["current_dose"].dropna().astype(float)
    ax.set_title(f"Current LDN dose in {unit}\n{_plural(len(doses), 'person')} stated one "
                 f"(of {_plural(len(P), 'person')})", fontsize=10)
    if doses.empty:
        _no_data(ax, f"No reports of a current dose in {unit}")
        return _caption(ax, below=12)
    counts = doses.value_counts().sort_index()
    x = counts.index.to_numpy()
    steps = np.diff(x) if len(x) > 1 else np.array([1.0])
    width = min(0.8 * float(steps.min()), 0.4)
    ax.bar(x, counts.to_numpy(), width=width, color="#0072B2", edgecolor="#333333",
           linewidth=0.5)
    pad = max(0.5, 0.1 * float(x.max() - x.min()))
    ax.set_xlim(float(x.min()) - pad, float(x.max()) + pad)
    ax.set_xticks(counts.index.to_numpy(), [f"{v:g}" for v in counts.index])
    ax.set_xlabel(f"current dose ({unit})")
    ax.set_ylabel("persons")
    ax.yaxis.get_major_locator().set_params(integer=True)
    return _caption(ax, "Doses in the other unit, or with no unit, are not shown.")


def duration_hist(records: pd.DataFrame, *, ax=None):
    """How long each person says they took LDN (their longest stated length), in months.

    Parameters
    ----------
    records : DataFrame
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> from ldn_comments.records import coerce_records
    >>> r = coerce_records(pd.DataFrame([{"position": 1, "author": "Ann",
    ...                                   "ldn_duration_months": 24}]))
    >>> duration_hist(r).get_xlabel()
    'months on LDN (longest stated)'
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    from .summarise import DURATION_BANDS

    ax = _axes(ax)
    P, _ = _prepare(records)
    months = P["ldn_duration_months"].dropna().astype(float).to_numpy()
    ax.set_title(f"How long LDN was taken\n{_plural(len(months), 'person')} stated a length "
                 f"(of {_plural(len(P), 'person')})", fontsize=10)
    if not len(months):
        _no_data(ax, "No reports of how long LDN was taken")
        return _caption(ax, below=12)
    bins = np.histogram_bin_edges(months, bins="auto")
    if len(bins) < 3:
        bins = np.linspace(0, max(months.max(), 1.0) * 1.05, 6)
    ax.hist(months, bins=bins, color="#56B4E9", edgecolor="#333333", linewidth=0.5)
    for _, low, _ in DURATION_BANDS[1:]:
        if low <= bins[-1]:
            ax.axvline(low, color="#777777", linestyle=":", linewidth=1)
    ax.set_xlabel("months on LDN (longest stated)")
    ax.set_ylabel("persons")
    ax.yaxis.get_major_locator().set_params(integer=True)
    return _caption(ax, "Dotted lines: 3, 12 and 36 months. People who stopped early "
                        "are less likely to be posting.")


def therapy_status(records: pd.DataFrame, *, top: int = 12, ax=None):
    """Other therapies the writers name, by their latest status, per person.

    Parameters
    ----------
    records : DataFrame
    top : int
        How many therapies to show (the most often named).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> from ldn_comments.records import coerce_records
    >>> r = coerce_records(pd.DataFrame([{"position": 1, "author": "Ann",
    ...     "therapies": [{"name": "glatiramer", "status": "past"}]}]))
    >>> [t.get_text() for t in therapy_status(r).get_yticklabels()]
    ['glatiramer']
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    from .summarise import _t_therapies

    ax = _axes(ax)
    P, R = _prepare(records)
    table = _t_therapies(P, R, "person").head(int(top))
    n_named = sum(bool(v) for v in P["therapies"])
    ax.set_title(f"Other therapies named (top {int(top)})\n{_plural(n_named, 'person')} "
                 f"named one (of {_plural(len(P), 'person')})", fontsize=10)
    if table.empty:
        _no_data(ax, "No reports of other therapies")
        return _caption(ax, below=12)
    names = table["therapy"].astype(str).str.replace("_", " ").tolist()
    y = np.arange(len(names))[::-1]
    left = np.zeros(len(names))
    for status in THERAPY_STATUS:
        k = table[status].astype(int).to_numpy()
        ax.barh(y, k, left=left, color=_STATUS_COLOURS[status], label=status,
                edgecolor="#333333", linewidth=0.5)
        left += k
    ax.set_yticks(y, names)
    ax.set_ylim(-0.6, max(len(names), 4) - 0.4)  # a lone therapy is a bar, not a wall
    ax.set_xlabel("persons (latest status per person)")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    return _caption(ax)


def outcome_domains(records: pd.DataFrame, *, ax=None):
    """Benefits credited to LDN (right) and adverse events blamed on it (left), per domain,
    counted in persons who reported LDN use.

    Parameters
    ----------
    records : DataFrame
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> from ldn_comments.records import coerce_records
    >>> r = coerce_records(pd.DataFrame([{"position": 1, "author": "Ann",
    ...     "ldn_use": "current", "effect": "mixed", "benefits": ["fatigue"],
    ...     "adverse_events": ["vivid_dreams"]}]))
    >>> sorted(t.get_text() for t in outcome_domains(r).get_yticklabels())
    ['fatigue', 'sleep']
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    from .summarise import _users

    ax = _axes(ax)
    P, _ = _prepare(records)
    users = P[_users(P)]
    n = len(users)
    ax.set_title(f"Outcomes by domain\n{_plural(n, 'person')} reporting LDN use "
                 f"(of {_plural(len(P), 'person')})", fontsize=10)
    good: dict[str, int] = {}
    bad: dict[str, int] = {}
    for bens, aes in zip(users["benefits"], users["adverse_events"]):
        for d in set(bens):
            good[d.replace("_", " ")] = good.get(d.replace("_", " "), 0) + 1
        for d in {_AE_DOMAIN.get(a, a).replace("_", " ") for a in aes}:
            bad[d] = bad.get(d, 0) + 1
    order = [b.replace("_", " ") for b in BENEFITS]
    order += [_AE_DOMAIN.get(a, a).replace("_", " ") for a in ADVERSE_EVENTS]
    domains = list(dict.fromkeys(d for d in order if d in good or d in bad))
    domains += sorted((set(good) | set(bad)) - set(domains))
    if not domains:
        _no_data(ax, "No reports of benefits or adverse events")
        return _caption(ax, below=12)
    y = np.arange(len(domains))[::-1]
    g = np.array([good.get(d, 0) for d in domains])
    b = np.array([bad.get(d, 0) for d in domains])
    ax.barh(y, g, color=_BENEFIT_COLOUR, label="benefit credited to LDN",
            edgecolor="#333333", linewidth=0.5)
    ax.barh(y, -b, color=_ADVERSE_COLOUR, label="adverse event blamed on LDN",
            edgecolor="#333333", linewidth=0.5)
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set_yticks(y, domains)
    lim = max(int(g.max()), int(b.max()), 1) + 0.5
    ax.set_xlim(-lim, lim)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xticks(ax.get_xticks(), [f"{abs(v):g}" for v in ax.get_xticks()])
    ax.set_xlim(-lim, lim)
    ax.set_xlabel("persons")
    ax.legend(loc="best", fontsize=8, framealpha=0.9)
    return _caption(ax, "Nobody asked these writers about side effects: an event not "
                        "mentioned is not an event shown to be absent.")


def thread_timeline(records: pd.DataFrame, *, ax=None):
    """Comments over time, where the source gives dates.

    Parameters
    ----------
    records : DataFrame
        Records with a ``date`` column (any format pandas can read); rows without a
        readable date are left out, and the axes say so when none has one.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import pandas as pd
    >>> from ldn_comments.records import coerce_records
    >>> r = coerce_records(pd.DataFrame([{"position": 1, "author": "Ann", "text": "x"}]))
    >>> [t.get_text() for t in thread_timeline(r).texts if "dates" in t.get_text()]
    ['No dates in this source']
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    ax = _axes(ax)
    P, R = _prepare(records)
    raw = R["date"] if "date" in R else pd.Series([None] * len(R), index=R.index)
    raw = raw.astype(object).where(raw.notna(), None)
    dates = pd.to_datetime(raw, errors="coerce", utc=True, format="mixed")
    dates = dates.dt.tz_localize(None).dropna()
    ax.set_title(f"Comments over time\n{_plural(len(dates), 'comment')} with a date "
                 f"(of {_plural(len(R), 'comment')} by {_plural(len(P), 'person')})",
                 fontsize=10)
    if dates.empty:
        _no_data(ax, "No dates in this source" if len(R) else "No reports: no comments")
        return _caption(ax, below=12)
    span = (dates.max() - dates.min()).days
    freq, what = ("D", "day") if span <= 92 else (("M", "month") if span <= 4 * 366
                                                  else ("Y", "year"))
    counts = dates.dt.to_period(freq).value_counts().sort_index()
    full = pd.period_range(counts.index.min(), counts.index.max(), freq=freq)
    counts = counts.reindex(full, fill_value=0)
    x = counts.index.to_timestamp()
    width = {"D": 0.8, "M": 25, "Y": 330}[freq]
    ax.bar(x, counts.to_numpy(), width=width, color="#0072B2", align="edge")
    ax.set_ylabel(f"comments per {what}")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.figure.autofmt_xdate() if ax.figure.get_layout_engine() is None else None
    ax.tick_params(axis="x", labelsize=8, labelrotation=30)
    return _caption(ax, below=48)


_RUNGS = ["very low", "low", "moderate", "high"]

# A first author as citations write them: a capitalised surname (after an optional title
# and first name) followed by initials, "et al", "and" or a comma.
_FIRST_AUTHOR = re.compile(r"^(?:(?:Dr|Prof)\.?\s+)?(?:[A-Z][a-z]+\s+)?([A-Z][a-z][\w'-]*)"
                           r"(?=\s+[A-Z]{1,2}\b|\s+et al|\s+and\b|,)")
_NOT_AUTHORS = {"Authors", "Review", "Reviews", "This", "The", "Study", "Trial"}
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def study_label(row) -> str:
    """A study as a reader names it: first author and year ("Cree 2010"); without an
    author in the citation, the study's id in words.

    Parameters
    ----------
    row : mapping
        A row of :func:`ldn_comments.evidence.trial_evidence` (``id``, ``citation``).

    Examples
    --------
    >>> study_label({"id": "cree_2010", "citation": "Cree B, Goodin D, and colleagues."})
    'Cree 2010'
    >>> study_label({"id": "x", "citation": "Gironi et al., 2008; results presented"})
    'Gironi 2008'
    >>> study_label({"id": "safety_review_2019", "citation": "Review of 89 trials, 2019"})
    'safety review 2019'
    """
    ident = str(row.get("id") or "").strip()
    citation = str(row.get("citation") or "").strip()
    found = _FIRST_AUTHOR.match(citation)
    author = found.group(1) if found and found.group(1) not in _NOT_AUTHORS else None
    if author is None:
        return ident.replace("_", " ") or citation[:40]
    year = _YEAR.search(citation) or _YEAR.search(ident.replace("_", " "))
    return f"{author} {year.group(0)}" if year else author
_ANECDOTE = "these comments\n(uncontrolled)"
_SPREAD = 0.3   # how far up or down its rung a study may sit
_BAND = 0.42    # half the height of a rung's band (> _SPREAD: points sit inside)


def evidence_ladder(records: pd.DataFrame | None = None, *, ax=None):
    """The patient comments beside the formal studies, on a ladder of certainty.

    Each study of :func:`ldn_comments.evidence.trial_evidence` is a point on its
    GRADE-style certainty rung, placed by how many people it enrolled (log scale;
    studies that give no number sit at the left edge). The bottom rung holds the
    comments themselves: as many persons as wrote them, and no control group.

    Parameters
    ----------
    records : DataFrame, optional
        Records of a thread; their person count is drawn on the anecdote rung.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> ax = evidence_ladder()
    >>> [t.get_text() for t in ax.get_yticklabels()][-1]
    'high'
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    from .evidence import trial_evidence

    ax = _axes(ax, figsize=(8.0, 5.0))
    table = trial_evidence()
    is_comments = (table["id"].astype(str) == "patient_comments") | table["design"].astype(
        str).str.contains("testimonial", case=False)
    studies = table[~is_comments]
    rungs = [_ANECDOTE] + _RUNGS
    n_known = pd.to_numeric(studies["n_enrolled"], errors="coerce").astype(float)
    n_persons = None
    if records is not None:
        P, _ = _prepare(records)
        n_persons = len(P)
    top = max([1.0] + [v for v in n_known.dropna()] + [float(n_persons or 0)])
    edge = 1.0  # where studies without a number are drawn
    # Studies on one rung are spread evenly up the rung, so their labels do not collide.
    certs = studies["certainty"].astype(str).tolist()
    slot = {c: iter(np.linspace(-_SPREAD, _SPREAD, certs.count(c)) if certs.count(c) > 1
                    else [0.0]) for c in set(certs)}
    for (_, row), n, cert in zip(studies.iterrows(), n_known, certs):
        if cert not in _RUNGS:
            continue
        y = rungs.index(cert) + float(next(slot[cert]))
        x = edge if np.isnan(n) else n
        ax.scatter([x], [y], s=40, zorder=3, edgecolor="#333333",
                   color="#FFFFFF" if np.isnan(n) else "#0072B2")
        label = study_label(row)
        # Labels of the largest studies go to the left of their point, inside the axes.
        left = x > top / 30
        ax.annotate(f"{label} (n={'?' if np.isnan(n) else int(n)})", (x, y),
                    xytext=(-6 if left else 6, 0), textcoords="offset points", fontsize=7,
                    va="center", ha="right" if left else "left")
    if n_persons:
        ax.scatter([n_persons], [0], s=60, marker="s", color="#D55E00", zorder=3,
                   edgecolor="#333333")
        ax.annotate(f"this thread: {_plural(n_persons, 'person')}", (n_persons, 0),
                    xytext=(5, 2), textcoords="offset points", fontsize=7)
    elif n_persons == 0:
        ax.annotate("no reports in these records", (edge, 0), xytext=(5, 2),
                    textcoords="offset points", fontsize=7)
    ax.set_xscale("log")
    ax.set_xlim(0.7, top * 8)
    ax.set_ylim(-0.6, len(rungs) - 0.4)
    ax.set_yticks(range(len(rungs)), rungs)
    # Each rung is a band as tall as the points spread on it, so every point sits inside
    # the band of its certainty.
    for y in range(len(rungs)):
        ax.axhspan(y - _BAND, y + _BAND, color="#F0F0F0" if y % 2 else "#E6E6E6",
                   zorder=0, linewidth=0)
    ax.set_xlabel("people enrolled (log scale; hollow: number not given)")
    ax.set_ylabel("certainty of the evidence")
    who = f"{_plural(n_persons, 'person')} in this thread" if n_persons is not None \
        else "no thread given"
    ax.set_title(f"Where the comments stand beside the studies\n"
                 f"{len(studies)} studies; {who}", fontsize=10)
    return _caption(ax, "More comments do not climb the ladder: without a comparison "
                        "group, many reports are still very low certainty.")


_BY_DRUG_COLOURS = {"benefit": "#009E73", "harm": "#D55E00", "no effect": "#999999"}


def effect_by_drug(records: pd.DataFrame, *, unit: str = "person", ax=None):
    """Per reviewed drug: shares reporting benefit, harm and no effect, with 95% Wilson
    intervals and denominators, and the source's median rating where it has one.

    The caption carries the label and says that reviewers of different drugs are
    different self-selected groups, so the figure cannot rank drugs. A drug whose
    outcomes the records do not hold (another drug than LDN, unless the records have
    ``drug_effect``) is drawn without bars and says so.

    Parameters
    ----------
    records : DataFrame
        Records of a review table (one row per review, with ``drug``).
    unit : {"person", "comment"}
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from ldn_comments.records import coerce_records
    >>> r = coerce_records(pd.DataFrame([
    ...     {"position": 1, "drug": "LDN", "ldn_use": "current", "effect": "positive"},
    ...     {"position": 2, "drug": "Gilenya", "rating": 8}]))
    >>> ax = effect_by_drug(r)
    >>> ax.get_title().splitlines()[0]
    'Reported outcome by reviewed drug'
    >>> any(t.get_gid() == CAPTION_GID for t in ax.texts)
    True
    >>> plt.close("all")
    """
    from .summarise import DIFFERENT_GROUPS, UNITS, summarise

    if unit not in UNITS:
        raise UsageError("E012", f"unit must be 'person' or 'comment', not {unit!r}")
    summary = summarise(records, by="drug", unit=unit)
    drugs, outcomes = summary["drugs"], summary["drug_outcomes"]
    ax = _axes(ax, figsize=(7.0, max(3.0, 0.9 * len(drugs) + 1.6)))
    main = "persons" if unit == "person" else "comments"
    ax.set_title(f"Reported outcome by reviewed drug\n{_plural(summary.n_comments, 'review')}"
                 f" of {_plural(len(drugs), 'drug')} ({_plural(summary.n_persons, 'person')})",
                 fontsize=10)
    if not len(drugs):
        _no_data(ax, "No reviews in these records")
        return _caption(ax, DIFFERENT_GROUPS, below=12)
    names = drugs["drug"].astype(str).tolist()
    measures = list(_BY_DRUG_COLOURS)
    height = 0.8 / len(measures)
    ratings = "rating_median" in drugs
    labels = []
    for gi, name in enumerate(names):
        base = len(names) - 1 - gi
        rows = outcomes[(outcomes["drug"] == name)].set_index("outcome")
        den = int(rows[f"{main}_denominator"].iloc[0]) if len(rows) else 0
        label = f"{name}\n{main} n={int(drugs.loc[gi, main])}"
        if ratings and not pd.isna(drugs.loc[gi, "rating_median"]):
            label += f", rating {float(drugs.loc[gi, 'rating_median']):.3g}"
        labels.append(label)
        if den == 0:
            ax.text(0.01, base, "outcomes not extracted for this drug", va="center",
                    fontsize=7, color="#555555")
            continue
        for mi, m in enumerate(measures):
            y = base + (1 - mi) * height
            share = float(rows.loc[m, f"{main}_share"])
            low, high = float(rows.loc[m, "ci95_low"]), float(rows.loc[m, "ci95_high"])
            ax.barh(y, share, height=height * 0.9, color=_BY_DRUG_COLOURS[m],
                    edgecolor="#333333", linewidth=0.5, label=m if gi == 0 else None)
            ax.errorbar(share, y, xerr=_error_lengths(share, low, high), fmt="none",
                        ecolor="#222222", capsize=2, linewidth=0.8)
            ax.text(min(high + 0.02, 1.0), y, f"{int(rows.loc[m, main])}/{den}",
                    va="center", fontsize=7)
    ax.set_yticks(np.arange(len(names))[::-1], labels, fontsize=8)
    ax.set_xlim(0, 1.15)
    ax.set_xlabel(f"share of {main} who reviewed the drug (95% Wilson interval)")
    handles, hl = ax.get_legend_handles_labels()
    if handles:
        ax.legend(handles, hl, fontsize=7, loc="lower right", frameon=False)
    scale = (f" Ratings: the source's median ({drugs['rating_scale'].dropna().iloc[0]})."
             if ratings and drugs["rating_scale"].notna().any() else "")
    return _caption(ax, DIFFERENT_GROUPS + scale)
