"""The report's headline: who wrote, which drug(s) they write about, what they report.

A comment thread is about LDN (or about the drug ``attrs["drug"]`` names). A review table
(a ``drug`` column) is about the reviewed drugs, most reviewed first, with LDN first when
it is among them, so LDN sits beside them. For each drug the headline gives how many
people report taking it and, of those, the reported effect as
"10 of 17 people (59%, 95% CI 36–78%)".

Examples
--------
>>> import pandas as pd
>>> from ldn_comments.records import coerce_records
>>> r = coerce_records(pd.DataFrame([
...     {"position": 1, "author": "Ann", "ldn_use": "current", "effect": "positive"},
...     {"position": 2, "author": "Bo", "ldn_use": "past", "effect": "no_effect"},
...     {"position": 3, "author": "Cy", "ldn_use": "planned"}]))
>>> h = headline(r)
>>> h["subject"], h["drugs"][0]["taking"]
('LDN', '2 of 3 people report taking LDN (or an effect of it)')
>>> h["drugs"][0]["measures"][0]
{'what': 'report a benefit', 'text': '1 of 2 people (50%, 95% CI 9–91%)', 'share': 0.5}
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from .display import k_of_n, share_sentence

__all__ = ["headline", "reviewed_drugs", "default_title", "MEASURES"]

#: Outcome measures of the headline: (name, what it says, the effects that count).
MEASURES = (("benefit", "report a benefit", ("positive", "mixed")),
            ("harm", "report harm", ("negative", "mixed")),
            ("no effect", "report no effect", ("no_effect",)))


def reviewed_drugs(records: pd.DataFrame) -> bool:
    """True when the records are reviews of named drugs (a filled ``drug`` column), or a
    thread about another drug than LDN (``attrs["drug"]``)."""
    from .nlp.context import LDN_GROUP, drug_group

    if "drug" in records and records["drug"].astype(object).map(
            lambda v: isinstance(v, str) and bool(v.strip())).any():
        return True
    whole = (getattr(records, "attrs", {}) or {}).get("drug")
    return bool(whole) and drug_group(str(whole), None) not in (LDN_GROUP, None)


def _unit_word(unit: str) -> str:
    return "people" if unit == "person" else "comments"


def _one(n: int, word: str) -> str:
    """ "people" -> "person" and "comments" -> "comment" for a count of 1."""
    if n != 1:
        return word
    return "person" if word == "people" else word.rstrip("s")


def _thread(records, unit) -> dict:
    from .people import people
    from .stats import wilson_interval
    from .summarise import users as users_of
    from .summarise import with_person_keys

    R = with_person_keys(records)
    frame = people(R) if unit == "person" else R
    word = _unit_word(unit)
    subject = "LDN"
    users = users_of(frame) if len(frame) else pd.Series([], dtype=bool)
    n_all, n_users = len(frame), int(users.sum())
    effects = frame.loc[users, "effect"].astype(object) if len(frame) else pd.Series([])
    measures = []
    for _, what, values in MEASURES:
        k = int(effects.isin(values).sum())
        low, high = wilson_interval(k, n_users) if n_users else (None, None)
        measures.append({"what": what, "text": share_sentence(k, n_users, low, high,
                                                              unit=_one(n_users, word)),
                         "share": k / n_users if n_users else None})
    return {"name": subject, "taking": f"{k_of_n(n_users, n_all)} {_one(n_all, word)} "
                                       f"report taking "
                                       f"{subject} (or an effect of it)",
            "measures": measures if n_users else [],
            "missing": None if n_users else f"Nobody here reports taking {subject}, so no "
                                            "effect can be counted.",
            "rating": None}


#: At most this many drugs get a card in the headline; the others are named in a sentence
#: (the by-drug table has them all).
MAX_CARDS = 6


def _display_name(group: str, names: str) -> str:
    group = group.replace("_", " ")
    first = next((n.strip() for n in str(names or "").split(";") if n.strip()), "")
    if not first or first.lower() == group.lower() or group.lower() in first.lower():
        return group
    return f"{first} ({group})"


def _by_drug(records, unit) -> list[dict]:
    from .summarise import NO_DRUG, summarise

    summary = summarise(records, by="drug", unit=unit)
    drugs, outcomes = summary["drugs"], summary["drug_outcomes"]
    main = "persons" if unit == "person" else "comments"
    word = _unit_word(unit)
    out = []
    for _, row in drugs.iterrows():
        group = str(row["drug"])
        if group == NO_DRUG:
            continue
        rows = outcomes[outcomes["drug"] == group].set_index("outcome")
        n = int(row[main]) if not pd.isna(row[main]) else 0
        item: dict[str, Any] = {"name": _display_name(group, row.get("names")), "group": group,
                "taking": f"reviewed by {n} {_one(n, word)}" + (
                    f" ({int(row['reviews'])} reviews)" if unit == "person"
                    and int(row["reviews"]) != n else ""),
                "measures": [], "missing": None, "rating": None}
        den = rows[f"{main}_denominator"].iloc[0] if len(rows) else 0
        if not den or pd.isna(den):
            item["missing"] = ("The records hold no outcome for this drug (the extractor "
                               "reads LDN's outcome, and another drug's only where it "
                               "gives drug_effect).")
        else:
            for name, what, _ in MEASURES:
                k, low, high = (rows.loc[name, main], rows.loc[name, "ci95_low"],
                                rows.loc[name, "ci95_high"])
                item["measures"].append({
                    "what": what, "share": float(k) / float(den),
                    "text": share_sentence(int(k), int(den), low, high, unit=_one(int(den), word))})
        if "rating_median" in row and not pd.isna(row["rating_median"]):
            item["rating"] = (f"median rating {float(row['rating_median']):g} "
                              f"(scale: {row['rating_scale']}; {int(row['rated'])} rated)")
        out.append(item)
    return out


def headline(records: pd.DataFrame, *, unit: str = "person") -> dict:
    """The numbers at the top of the report.

    Parameters
    ----------
    records : DataFrame
        Records (coerced or not).
    unit : {"person", "comment"}

    Returns
    -------
    dict
        ``subject`` (what the report is about: "LDN", a drug, or the reviewed drugs
        joined), ``intro`` (how many wrote), ``kind`` ("thread" or "reviews"), and
        ``drugs``: one dict per drug with ``name``, ``taking``, ``measures`` (each
        ``what``, ``text``, ``share``), ``missing`` (a sentence when no outcome can be
        counted) and ``rating``.
    """
    from .summarise import with_person_keys

    R = with_person_keys(records)
    n_persons = int(R["person"].nunique()) if len(R) else 0
    if reviewed_drugs(records):
        drugs = _by_drug(records, unit)
        names = [d["name"] for d in drugs]
        subject = (" and ".join(names) if len(names) <= 3 else f"{len(names)} drugs") \
            or "no named drug"
        intro = (f"{len(R)} {'review' if len(R) == 1 else 'reviews'} by {n_persons} "
                 f"{'person' if n_persons == 1 else 'people'}, of {len(drugs)} "
                 f"{'drug' if len(drugs) == 1 else 'drugs'}")
        rest = drugs[MAX_CARDS:]
        more = None
        if rest:  # drugs come most reviewed first (LDN first), so these are the fewest
            more = (f"Also reviewed, fewer times: {', '.join(d['name'] for d in rest)} "
                    "(every drug is in the table 'Reviews by drug').")
        return {"kind": "reviews", "subject": subject, "intro": intro,
                "drugs": drugs[:MAX_CARDS], "more": more}
    thread = _thread(records, unit)
    intro = (f"{n_persons} {'person' if n_persons == 1 else 'people'} wrote {len(R)} "
             f"{'comment' if len(R) == 1 else 'comments'}")
    return {"kind": "thread", "subject": thread["name"], "intro": intro, "drugs": [thread],
            "more": None}


def default_title(head: dict) -> str:
    """The report title when none is given: about the drug(s) in the input.

    Examples
    --------
    >>> default_title({"kind": "thread", "subject": "LDN"})
    'LDN in MS: what one comment thread reports'
    >>> default_title({"kind": "reviews", "subject": "Copaxone (glatiramer)"})
    'Copaxone (glatiramer): what the reviews report'
    """
    if head["kind"] == "reviews":
        return f"{head['subject']}: what the reviews report"
    return f"{head['subject']} in MS: what one comment thread reports"
