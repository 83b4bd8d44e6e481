"""Measures of the thread itself: who writes it, for whom, in reply to whom, and who is
missing from it. Each returns a labelled table whose numbers a student can check by hand.

Examples
--------
>>> import pandas as pd
>>> records = pd.DataFrame({"position": [1, 2, 3], "person": ["a", "a", "b"],
...                         "effect": ["positive", "positive", "negative"]})
>>> writer_concentration(records).set_index("effect").loc["positive", ["comments", "people"]].tolist()
[2, 1]
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..label import labelled
from ._common import EFFECTS, column, flag, latest, ordered, share_columns, tagged

#: Who reports an outcome, as words for a table.
REPORTERS = {
    "first_hand": "the person who took LDN",
    "second_hand": "a partner, parent, clinician or other witness",
}
USES = ["current", "past", "planned", "none"]


def _effects(frame: pd.DataFrame) -> pd.Series:
    return column(frame, "effect").map(lambda v: v if v in EFFECTS else None)


@tagged
def writers(records: pd.DataFrame) -> pd.DataFrame:
    """One row per writer, most active first: how much of the thread each one makes.

    Parameters
    ----------
    records : DataFrame
        Records (one row per comment) with ``person`` (or ``author``) and ``effect``.

    Returns
    -------
    DataFrame, labelled, unit ``"person"``
        ``person``, ``comments``, ``share_of_comments``, ``cumulative_share``,
        ``outcome_reports`` (comments with an effect) and ``effects`` (every effect the
        writer reported, in thread order). Ties keep thread order.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"position": [1, 2, 3, 4], "person": ["a", "b", "a", "a"],
    ...                   "effect": ["positive", None, "positive", "negative"]})
    >>> t = writers(r)
    >>> t[["person", "comments", "outcome_reports"]].values.tolist()
    [['a', 3, 3], ['b', 1, 0]]
    >>> float(t.loc[0, "share_of_comments"]), t.loc[0, "effects"]
    (0.75, 'positive, positive, negative')
    """
    d = ordered(records)
    d["_effect"] = _effects(d)
    order = list(pd.unique(d["_person"]))
    grouped = d.groupby("_person", sort=False)
    table = pd.DataFrame({
        "person": order,
        "comments": grouped.size().reindex(order).to_numpy(),
        "outcome_reports": grouped["_effect"].count().reindex(order).to_numpy(),
        "effects": [", ".join(v for v in g if isinstance(v, str)) for g in
                    grouped["_effect"].apply(list).reindex(order)],
    })
    table = table.sort_values("comments", ascending=False, kind="stable").reset_index(drop=True)
    total = int(table["comments"].sum())
    table["share_of_comments"] = table["comments"] / total if total else np.nan
    table["cumulative_share"] = table["share_of_comments"].cumsum()
    table = table[["person", "comments", "share_of_comments", "cumulative_share",
                   "outcome_reports", "effects"]]
    return labelled(table, unit="person",
                    note="One row per writer; shares are of all comments in the thread.")


@tagged
def writer_concentration(records: pd.DataFrame, *, top: int = 3) -> pd.DataFrame:
    """Effect shares counted per comment and per person, side by side.

    One writer with many comments counts many times per comment but once per person;
    the gap between the two columns is how far a few loud writers move the numbers.
    A person's effect is the last one they reported in thread order (a follow-up
    updates an earlier report).

    Parameters
    ----------
    records : DataFrame
        Records with ``person`` (or ``author``), ``position`` and ``effect``.
    top : int
        How many of the most active writers ``attrs["top_share"]`` is about.

    Returns
    -------
    DataFrame, labelled, unit ``"person"``
        One row per effect: ``comments``, ``comment_total``, ``comment_share`` and its
        Wilson interval (``comment_ci95_low``/``high``); ``people``, ``person_total``,
        ``person_share`` and its interval; ``gap`` (comment share minus person share).
        ``attrs`` hold ``top_writers`` (person keys), ``top_share`` (their share of all
        comments), ``top_outcome_share`` (their share of comments reporting an effect),
        ``n_comments`` and ``n_people``.

    Examples
    --------
    One writer with five positive comments, four others with one negative each:

    >>> import pandas as pd
    >>> r = pd.DataFrame({"position": range(1, 10),
    ...                   "person": ["loud"] * 5 + ["b", "c", "d", "e"],
    ...                   "effect": ["positive"] * 5 + ["negative"] * 4})
    >>> t = writer_concentration(r).set_index("effect")
    >>> round(float(t.loc["positive", "comment_share"]), 3), float(t.loc["positive", "person_share"])
    (0.556, 0.2)
    >>> round(t.attrs["top_share"], 3)
    0.778
    """
    d = ordered(records)
    d["_effect"] = _effects(d)
    with_effect = d[d["_effect"].notna()]
    per_comment = with_effect["_effect"].value_counts().reindex(EFFECTS, fill_value=0)
    person_effect = latest(d["_effect"], d["_person"]).dropna()
    per_person = person_effect.value_counts().reindex(EFFECTS, fill_value=0)
    n_c, n_p = int(per_comment.sum()), int(per_person.sum())
    table = pd.DataFrame({"effect": EFFECTS,
                          "comments": per_comment.to_numpy(), "comment_total": n_c})
    for key, value in share_columns(per_comment.to_numpy(), n_c, prefix="comment_").items():
        table[key] = value
    table["people"] = per_person.to_numpy()
    table["person_total"] = n_p
    for key, value in share_columns(per_person.to_numpy(), n_p, prefix="person_").items():
        table[key] = value
    table["gap"] = table["comment_share"] - table["person_share"]

    ranked = writers(records)
    top_writers = ranked["person"].head(top).tolist()
    in_top = d["_person"].isin(top_writers)
    out = labelled(table, unit="person", note=(
        "Per-comment columns count every comment with an outcome; per-person columns count "
        "each writer once (their last reported effect). 'gap' is how far repeat writers "
        "move the per-comment share."))
    out.attrs.update({
        "top_writers": top_writers,
        "top_share": float(in_top.mean()) if len(d) else float("nan"),
        "top_outcome_share": (float(in_top[d["_effect"].notna()].mean())
                              if n_c else float("nan")),
        "n_comments": int(len(d)),
        "n_people": int(d["_person"].nunique()),
    })
    return out


@tagged
def second_hand_share(records: pd.DataFrame) -> pd.DataFrame:
    """Outcome reports by the person who took LDN versus by someone who watched.

    A partner, parent or clinician reports what they saw, filtered through their hopes;
    a clinician who prescribes LDN reports on the patients who came back.

    Parameters
    ----------
    records : DataFrame
        Records with ``effect``, ``second_hand`` and ``speaker_role``.

    Returns
    -------
    DataFrame, labelled, unit ``"comment"``
        Rows ``first_hand`` and ``second_hand`` (``reported_by`` says who that is):
        ``comments`` reporting an outcome, ``people`` writing them, ``share`` of all
        outcome reports with its Wilson interval, ``positive`` and ``positive_share``
        (with interval), and ``roles`` (the writers' speaker roles and counts).

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"position": [1, 2, 3, 4], "person": ["a", "b", "c", "d"],
    ...                   "effect": ["positive", "positive", "negative", None],
    ...                   "second_hand": [True, False, False, True],
    ...                   "speaker_role": ["caregiver", "patient", "patient", "caregiver"]})
    >>> t = second_hand_share(r).set_index("reporter")
    >>> int(t.loc["second_hand", "comments"]), round(float(t.loc["second_hand", "share"]), 3)
    (1, 0.333)
    """
    d = ordered(records)
    d["_effect"] = _effects(d)
    d["_reporter"] = np.where(flag(d, "second_hand"), "second_hand", "first_hand")
    d["_role"] = column(d, "speaker_role", "unknown")
    rep = d[d["_effect"].notna()]
    total = len(rep)
    rows = []
    for reporter, words in REPORTERS.items():
        g = rep[rep["_reporter"] == reporter]
        roles = g["_role"].value_counts()
        rows.append({"reporter": reporter, "reported_by": words, "comments": len(g),
                     "people": g["_person"].nunique(),
                     "positive": int((g["_effect"] == "positive").sum()),
                     "roles": ", ".join(f"{k} {v}" for k, v in roles.items())})
    table = pd.DataFrame(rows)
    for key, value in share_columns(table["comments"], total).items():
        table[key] = value
    for key, value in share_columns(table["positive"], table["comments"],
                                    prefix="positive_").items():
        table[key] = value
    table = table[["reporter", "reported_by", "comments", "people", "share", "ci95_low",
                   "ci95_high", "positive", "positive_share", "positive_ci95_low",
                   "positive_ci95_high", "roles"]]
    return labelled(table, unit="comment", note=(
        "Comments that report an outcome of LDN, split by whether the writer took it or "
        "watched someone else take it. 'share' is of all outcome reports."))


@tagged
def reply_dynamics(records: pd.DataFrame) -> pd.DataFrame:
    """Top-level testimonials against replies, questions against the answers they draw,
    and whether positive reports cluster under positive comments.

    A question ("does it work?") invites the people it worked for to answer; a glowing
    comment invites "me too". Replies are not independent reports.

    Parameters
    ----------
    records : DataFrame
        Records with ``position``, ``parent``, ``is_question`` and ``effect``.

    Returns
    -------
    DataFrame, labelled, unit ``"comment"``
        One row per group of comments, ``facet`` naming the split: ``level``
        (``top-level``/``reply``), ``question`` (``question``/``not a question``) and
        ``parent`` (``reply to a positive report``/``reply to anything else``). Columns:
        ``comments``, ``with_outcome``, ``positive``, ``positive_share`` with its Wilson
        interval (among comments with an outcome), ``replies_received`` (direct replies
        to the group's comments), ``replies_per_comment``, ``answered`` (comments with at
        least one reply) and ``answered_share``.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"position": [1, 2, 3, 4], "parent": [None, 1, None, 3],
    ...                   "is_question": [True, False, False, False],
    ...                   "effect": [None, "positive", "positive", "positive"]})
    >>> t = reply_dynamics(r).set_index("group")
    >>> int(t.loc["question", "answered"]), int(t.loc["reply to a positive report", "positive"])
    (1, 1)
    """
    d = ordered(records)
    d["_effect"] = _effects(d)
    parent = pd.to_numeric(column(d, "parent"), errors="coerce")
    position = pd.to_numeric(column(d, "position"), errors="coerce")
    replies = parent.dropna().astype(int).value_counts()
    d["_replies"] = position.map(lambda p: int(replies.get(int(p), 0)) if pd.notna(p) else 0)
    parent_effect = dict(zip(position, d["_effect"]))
    d["_parent_positive"] = parent.map(lambda p: pd.notna(p) and parent_effect.get(p) == "positive")
    is_reply = parent.notna()
    question = flag(d, "is_question")
    groups = [
        ("level", "top-level", ~is_reply),
        ("level", "reply", is_reply),
        ("question", "question", question),
        ("question", "not a question", ~question),
        ("parent", "reply to a positive report", is_reply & d["_parent_positive"]),
        ("parent", "reply to anything else", is_reply & ~d["_parent_positive"]),
    ]
    rows = []
    for facet, name, mask in groups:
        g = d[mask.to_numpy()]
        rows.append({"facet": facet, "group": name, "comments": len(g),
                     "with_outcome": int(g["_effect"].notna().sum()),
                     "positive": int((g["_effect"] == "positive").sum()),
                     "replies_received": int(g["_replies"].sum()),
                     "answered": int((g["_replies"] > 0).sum())})
    table = pd.DataFrame(rows)
    for key, value in share_columns(table["positive"], table["with_outcome"],
                                    prefix="positive_").items():
        table[key] = value
    with np.errstate(invalid="ignore", divide="ignore"):
        n = table["comments"].to_numpy(dtype=float)
        table["replies_per_comment"] = np.where(n > 0, table["replies_received"] / np.where(n > 0, n, 1), np.nan)
        table["answered_share"] = np.where(n > 0, table["answered"] / np.where(n > 0, n, 1), np.nan)
    table = table[["facet", "group", "comments", "with_outcome", "positive", "positive_share",
                   "positive_ci95_low", "positive_ci95_high", "replies_received",
                   "replies_per_comment", "answered", "answered_share"]]
    return labelled(table, unit="comment", note=(
        "Groups overlap across facets (a reply can be a question). positive_share is among "
        "the group's comments that report an outcome."))


def _person_use(d: pd.DataFrame) -> pd.Series:
    use = column(d, "ldn_use").map(lambda v: v if v in USES else None)
    last = latest(use, d["_person"], skip=(None, "none"))
    return last.where(last.notna(), "none")


@tagged
def survivorship(records: pd.DataFrame) -> pd.DataFrame:
    """Who is in the thread by LDN use, per person, and the row it can never fill.

    People still taking LDN are the ones for whom it seemed worth continuing; people
    who stopped often leave the conversation. The thread's last row, people who stopped
    and never posted, is unknown, and no count of comments can estimate it.

    Parameters
    ----------
    records : DataFrame
        Records with ``person`` (or ``author``), ``ldn_use`` and ``effect``. A person's
        use is the last use other than ``none`` they reported; their effect is the last
        effect they reported.

    Returns
    -------
    DataFrame, labelled, unit ``"person"``
        Rows ``current``, ``past``, ``planned``, ``none`` and ``stopped, never posted``:
        ``people`` (``<NA>`` for the last row), ``share`` of the thread's people with its
        Wilson interval, ``share_of_users`` (of people who took LDN: current or past),
        ``with_outcome``, ``positive``, ``positive_share`` with interval, and
        ``meaning``.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"position": [1, 2, 3, 4], "person": ["a", "b", "c", "a"],
    ...                   "ldn_use": ["current", "current", "past", "none"],
    ...                   "effect": ["positive", "positive", "no_effect", None]})
    >>> t = survivorship(r).set_index("ldn_use")
    >>> int(t.loc["current", "people"]), round(float(t.loc["current", "share_of_users"]), 3)
    (2, 0.667)
    >>> t.loc["stopped, never posted", "people"] is pd.NA
    True
    """
    d = ordered(records)
    d["_effect"] = _effects(d)
    use = _person_use(d)
    effect = latest(d["_effect"], d["_person"]).reindex(use.index)
    n_people = len(use)
    users = int(use.isin(["current", "past"]).sum())
    meaning = {
        "current": "still taking LDN: those for whom it seemed worth continuing",
        "past": "took LDN and stopped, and still came to post",
        "planned": "about to start or considering it: no outcome yet",
        "none": "no LDN use of their own reported",
    }
    rows = []
    for value in USES:
        members = use[use == value].index
        eff = effect.reindex(members)
        rows.append({"ldn_use": value, "people": len(members),
                     "with_outcome": int(eff.notna().sum()),
                     "positive": int((eff == "positive").sum()),
                     "meaning": meaning[value]})
    table = pd.DataFrame(rows)
    for key, value in share_columns(table["people"], n_people).items():
        table[key] = value
    table["share_of_users"] = np.where(table["ldn_use"].isin(["current", "past"]) & (users > 0),
                                       table["people"] / max(users, 1), np.nan)
    for key, value in share_columns(table["positive"], table["with_outcome"],
                                    prefix="positive_").items():
        table[key] = value
    missing = {"ldn_use": "stopped, never posted", "people": pd.NA, "with_outcome": pd.NA,
               "positive": pd.NA, "share": np.nan, "ci95_low": np.nan, "ci95_high": np.nan,
               "share_of_users": np.nan, "positive_share": np.nan,
               "positive_ci95_low": np.nan, "positive_ci95_high": np.nan,
               "meaning": "unknown: people who tried LDN, stopped and never wrote cannot "
                          "be in the thread, however many there are"}
    table = pd.concat([table, pd.DataFrame([missing])], ignore_index=True)
    for col in ("people", "with_outcome", "positive"):
        table[col] = table[col].astype("Int64")
    table = table[["ldn_use", "people", "share", "ci95_low", "ci95_high", "share_of_users",
                   "with_outcome", "positive", "positive_share", "positive_ci95_low",
                   "positive_ci95_high", "meaning"]]
    return labelled(table, unit="person", note=(
        "One count per person. The last row is what a thread cannot contain: its size is "
        "unknown, not zero."))


def _has_dose(d: pd.DataFrame) -> pd.Series:
    doses = column(d, "dose_values").map(
        lambda v: bool(len(v)) if hasattr(v, "__len__") and not isinstance(v, str) else False)
    return doses | column(d, "current_dose").notna()


def _has_duration(d: pd.DataFrame) -> pd.Series:
    return column(d, "ldn_duration_months").notna() | column(d, "ldn_start").notna()


@tagged
def bias_profile(records: pd.DataFrame, *, top: int = 3) -> pd.DataFrame:
    """The thread's warning signs in one table, each with a sentence a student can read.

    Parameters
    ----------
    records : DataFrame
        Records (one row per comment).
    top : int
        How many of the most active writers the ``top_writers`` row is about.

    Returns
    -------
    DataFrame, labelled
        One row per sign (``key``): ``second_hand`` (outcome reports made for someone
        else), ``top_writers`` (comments written by the `top` most active writers),
        ``current_users`` (people still taking LDN among those who took it),
        ``no_dose_or_duration`` (outcome reports stating neither a dose nor a duration or
        start date) and ``questions`` (comments asking for information). Columns
        ``sign``, ``numerator``, ``denominator``, ``share`` with its Wilson interval,
        ``unit`` (what the row counts: ``comment`` or ``person``) and ``sentence``.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"position": [1, 2], "person": ["a", "b"],
    ...                   "effect": ["positive", None], "ldn_use": ["current", "planned"],
    ...                   "is_question": [False, True], "second_hand": [False, False]})
    >>> t = bias_profile(r).set_index("key")
    >>> t.loc["questions", ["numerator", "denominator"]].tolist()
    [1, 2]
    >>> print(t.loc["questions", "sentence"])  # doctest: +ELLIPSIS
    1 of 2 comments (50%) ask for information, against 1 reporting an outcome: ...
    """
    d = ordered(records)
    d["_effect"] = _effects(d)
    reports = d[d["_effect"].notna()]
    n_reports, n_comments = len(reports), len(d)
    second = int(flag(reports, "second_hand").sum())
    ranked = writers(records)
    top_comments = int(ranked["comments"].head(top).sum())
    use = _person_use(d)
    users = int(use.isin(["current", "past"]).sum())
    current = int((use == "current").sum())
    bare = int((~_has_dose(reports) & ~_has_duration(reports)).sum())
    questions = int(flag(d, "is_question").sum())

    def pct(k, n):
        return f"{k / n:.0%}" if n else "n/a"

    rows = [
        ("second_hand", "second-hand outcome reports", second, n_reports, "comment",
         f"{second} of {n_reports} outcome reports ({pct(second, n_reports)}) come from a "
         "partner, parent or clinician: what they saw and hoped, not what the person felt."),
        ("top_writers", f"comments by the {top} most active writers", top_comments,
         n_comments, "comment",
         f"The {top} most active writers wrote {top_comments} of {n_comments} comments "
         f"({pct(top_comments, n_comments)}): counted per comment, a few voices weigh "
         "as much as many."),
        ("current_users", "still taking LDN, of those who took it", current, users, "person",
         f"{current} of {users} people who took LDN ({pct(current, users)}) still take it: "
         "those who stopped, above all those who never posted, are missing."),
        ("no_dose_or_duration", "outcome reports with neither dose nor duration", bare,
         n_reports, "comment",
         f"{bare} of {n_reports} outcome reports ({pct(bare, n_reports)}) give neither a "
         "dose nor how long LDN was taken: they cannot be compared with each other or "
         "with a trial."),
        ("questions", "comments asking for information", questions, n_comments, "comment",
         f"{questions} of {n_comments} comments ({pct(questions, n_comments)}) ask for "
         f"information, against {n_reports} reporting an outcome: the undecided ask, and "
         "the people it seemed to help answer."),
    ]
    table = pd.DataFrame(rows, columns=["key", "sign", "numerator", "denominator", "unit",
                                        "sentence"])
    for key, value in share_columns(table["numerator"], table["denominator"]).items():
        table[key] = value
    table = table[["key", "sign", "numerator", "denominator", "share", "ci95_low",
                   "ci95_high", "unit", "sentence"]]
    return labelled(table, unit="comment", note=(
        "Rows count comments or people: the 'unit' column says which. Each is a reason "
        "the thread cannot say whether LDN works."))
