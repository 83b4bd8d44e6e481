"""LDN doses: every dose stated (``dose_values``, ``dose_unit``) and the one taken now
(``current_dose``).

:func:`doses` finds the dose mentions once per document (``ldn_use`` and the sentences
about LDN read them too); the dose grammar itself is data (``lexicons/grammar.json``).

Examples
--------
>>> from ldn_comments.nlp.doc import Doc
>>> doc = Doc.make("Started at 1.5 then 3, now 4.5 mg every night.")
>>> f = DOSE(doc, {"ldn_use": "current"})
>>> f.values
{'dose_values': [1.5, 3.0, 4.5], 'dose_unit': 'mg', 'current_dose': 4.5}
>>> f.evidence["current_dose"]
[(27, 33, 'dose.now')]
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import cast

from ..nlp.doc import Doc, scanned
from ..nlp.experiencer import PATIENTS
from ..nlp.focus import diary
from ..nlp.patterns import patterns
from ..nlp.text import to_number
from ..rules import expand, grammar
from .base import Evidence, Finding
from .common import advice, ends_with

__all__ = ["DOSE", "Dose", "doses", "dose_sents"]

#: Largest believable LDN dose per unit; above it a number is not an LDN dose.
MAX_DOSE = {"mg": 16.0, "ml": 16.0}
#: Unit-less doses ("then 3") are believed in this range only.
BARE_DOSE_RANGE = (0.5, 6)
#: Characters looked back from a dose for "now", "currently" (about six words).
NOW_WINDOW = 45
#: Characters looked back from a dose for a plan or a start ("going to", "started at").
CUE_WINDOW = 30
#: Characters looked at after a dose for "next week", "now".
AFTER_WINDOW = 25

#: Where a number can begin (grammar ``number_start``: a digit or dot not inside a number).
NUM_START = cast(re.Pattern, grammar("number_start"))  # one pattern, not a list
#: Where a dose can begin: a digit, or a number word right before a unit.
DOSE_START = cast(re.Pattern, grammar("dose_start"))  # one pattern, not a list
_UNIT_WORD = re.compile(expand(r"\b{unit_prefix}"))
_FROM_BEFORE = re.compile(r"\bfrom\s*$")
_CHAINED_BEFORE = re.compile(r"(?:then|to|now)\s*$")
_STEP_BEFORE = re.compile(r"\d(?:[.,]\d)?\s*(?:then|,)?\s*(?:to|then)\s*$")
_REACHED = re.compile(r"(?:work\w*|built|went|got|worked|titrated|moved) up to\s*$")
#: A clinician's habitual titration: the group is taken up to its usual dose ("we start
#: them on 1.5 mg and go up to 4.5"), which is what the group takes, not a plan.
_GROUP_TITRATION = re.compile(r"\b(?:go|goes|build|builds|move|moves|titrate|titrates|work|works|"
                              r"increase|increases|take them|bring them)(?: \w+)? up to\s*$")
_CHAIN_GAP = re.compile(expand(r"[\s,]*{unit_abbrev}?[\s,]*(?:then|and|to|,|->|>)[\s\w]{0,8}"))
_PLANNED_AFTER = re.compile(expand(r"\s*{unit_abbrev}?\s*(?:next|tomorrow|soon|eventually|later on|in time|"
                            r"from next|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                            r"|in a (?:week|month)|after)\b"))
_NOW_AFTER = re.compile(expand(r"\s*{unit_abbrev}?\s*(?:now|at the moment|currently|these days|at present|nowadays)\b"))
scanned(NUM_START, DOSE_START, _UNIT_WORD)


def unit_of(u: str) -> str:
    """'mg' or 'ml' for a written unit ("milligrams", "mls").

    Examples
    --------
    >>> unit_of("milligrams"), unit_of("mls"), unit_of("millilitre")
    ('mg', 'ml', 'ml')
    """
    return "ml" if u.startswith("m") and ("l" in u[1:3] or u.startswith("millil")) \
        and not u.startswith("mg") and not u.startswith("milligr") else "mg"


def _anchored(doc: Doc, pattern, starts):
    """Matches of `pattern` that begin where `starts` matches (a fast, literal-led scan),
    instead of trying the whole pattern at every character."""
    if not doc.may_match(pattern):  # the scan found no place where it can match
        return
    end = -1
    for s in doc.finditer(starts):
        if s.start() < end:
            continue
        m = pattern.match(doc.norm, s.start())
        if m:
            end = m.end()
            yield m


#: Characters looked back from a drug named after a dose for "alongside", "as well as".
COMPANION_WINDOW = 30
#: A drug named as taken together with the dose's drug, not as its owner.
_COMPANION = re.compile(r"\b(?:alongside|along\s+with|together\s+with|as\s+well\s+as|on\s+top\s+of|"
                        r"in\s+addition\s+to|besides|plus)\s+(?:(?:my|her|his|their|the)\s+)?"
                        r"(?:\w+\s+)?$")
#: A four-digit year: "2017 - 3 mg" is a date and a dose.
_A_YEAR = re.compile(r"(?:19|20)\d\d")


def _owned_by_other(start: int, end: int, sent: int, doc: Doc, ldn_pos: list[int],
                    other: list[tuple[int, int]]) -> bool:
    """True when the nearest drug named in the sentence around a number is not LDN."""
    s, e = doc.sents[sent]
    best, best_d = None, 10 ** 9
    for a, b in other:
        if s <= a < e:
            d = start - b if b <= start else (a - end if a >= end else 0)
            if b > start:  # a drug named after the number: "10 mg of baclofen"
                if _COMPANION.search(doc.norm, max(end, a - COMPANION_WINDOW), a):
                    continue  # "4.5 mg each night, alongside her Ocrevus": taken with it
                d = (a - end) * 2 if a - end < 15 else 10 ** 6
            if 0 <= d < best_d:
                best, best_d = "other", d
    for p in ldn_pos:
        if s <= p < e:
            d = start - p if p <= start else (p - end) * 2
            if 0 <= d < best_d:
                best, best_d = "ldn", d
    return best == "other"


def _group_subject(doc: Doc) -> bool:
    """True when the subject is a clinician's patients (a trial's or a practice's group)."""
    return doc.experience is not None and doc.experience.subject.kind == PATIENTS


def _not_subjects(doc: Doc, sent: int, pos: int, group: bool) -> bool:
    """A dose that is not the subject's: advice to the reader, or another person's. Where
    the subject is a clinician's group, the sentences left to read are the group's
    ("gave 40 people 4.5 mg", "my patients take 3 mg": the group's usual dose), so only
    an instruction to the reader is left out."""
    if not group:
        return advice(doc, sent, pos)
    rx = patterns()
    s, e = doc.sents[sent]
    return rx.imperative.match(doc.norm[s:e]) is not None and \
        not rx.first_person.search(doc.norm[s:pos])


def _find_doses(doc: Doc) -> list[dict]:
    """Every LDN dose stated: unit doses near LDN (or in a dose sentence with no other
    drug), and unit-less decimals in a sentence about LDN doses."""
    if doc.find(NUM_START) is None and doc.find(_UNIT_WORD) is None:
        return []
    rx = patterns()
    ctx = doc.drug
    out: list[dict] = []
    ldn_pos = [m.start for m in doc.ldn]
    other = [(m.start, m.end) for m in doc.therapies]
    dose_cue = rx.cue["dose_context"]
    group = _group_subject(doc)
    for m in _anchored(doc, rx.dose, DOSE_START):
        if m.group("b") and _A_YEAR.fullmatch(m.group("a")):
            # "since 2017 - 3 mg": a year, a dash and the dose, not a range from 2017
            m = rx.dose.match(doc.norm, m.start("b")) or m
        sent = doc.sent_of(m.start())
        u = unit_of(m.group("u"))
        vals = [to_number(m.group("a"))] + ([to_number(m.group("b"))] if m.group("b") else [])
        if any(v is None or v <= 0 or v > MAX_DOSE[u] for v in vals):
            continue
        if _owned_by_other(m.start(), m.end(), sent, doc, ldn_pos, other):
            continue
        near_ldn = any(doc.sent_of(p) == sent for p in ldn_pos)
        # A written unit is itself a dose cue; what remains is whose dose it is.
        if ctx.therapy_key and not near_ldn:
            continue  # a review of another drug: its doses are that drug's
        if _not_subjects(doc, sent, m.start(), group):
            continue
        change = len(vals) > 1 and _FROM_BEFORE.search(doc.norm[max(0, m.start() - 6):m.start()]) \
            is not None
        out.append({"start": m.start(), "end": m.end(), "sent": sent, "values": vals,
                    "unit": u, "range": len(vals) > 1 and not change, "change": change})
    # unit-less doses: only in a sentence that speaks of LDN or of doses
    taken = [(d["start"], d["end"]) for d in out]
    lo, hi = BARE_DOSE_RANGE
    for m in _anchored(doc, rx.bare_dose, NUM_START):
        if any(a <= m.start() < b for a, b in taken):
            continue
        v = to_number(m.group("a"))
        if v is None or not (lo <= v <= hi):
            continue
        sent = doc.sent_of(m.start())
        s, e = doc.sents[sent]
        sent_text = doc.norm[s:e]
        is_decimal = any(c in m.group("a") for c in ".,")
        dosey = dose_cue.search(sent_text) is not None
        in_ldn = any(doc.sent_of(p) == sent for p in ldn_pos) or ctx.is_ldn
        chained = bool(_CHAINED_BEFORE.search(doc.norm[max(s, m.start() - 12):m.start()]))
        if not ((is_decimal and (dosey or in_ldn)) or (chained and (dosey or in_ldn) and out + [1])):
            continue
        if not is_decimal and not any(d["sent"] == sent for d in out) and not \
                _STEP_BEFORE.search(doc.norm[max(s, m.start() - 25):m.start()]):
            continue
        if _owned_by_other(m.start(), m.end(), sent, doc, ldn_pos, other):
            continue
        if _not_subjects(doc, sent, m.start(), group):
            continue
        out.append({"start": m.start(), "end": m.end(), "sent": sent, "values": [v],
                    "unit": None, "range": False})
    out.sort(key=lambda d: d["start"])
    return out


def doses(doc: Doc) -> list[dict]:
    """The LDN doses of a document (found once; see :func:`_find_doses`), in text order:
    dicts with ``start``, ``end``, ``sent``, ``values``, ``unit``, ``range``."""
    if doc.experience is not None and doc.experience.subject.kind == "nobody":
        return []  # general statements, product texts, hearsay: nobody's dose
    return doc.memo("doses", _find_doses)


def dose_sents(doc: Doc) -> set[int]:
    """Sentences stating an LDN dose."""
    return {d["sent"] for d in doses(doc)}


def current_dose(doc: Doc, found: list[dict], ev: Evidence) -> float | None:
    """The dose taken now: one said to be now, else the last one neither planned nor
    only the starting dose."""
    if not found:
        return None
    cue = patterns().cue
    group = _group_subject(doc)
    now, planned, started = [], set(), set()
    for i, d in enumerate(found):
        s, e = doc.sents[d["sent"]]
        before = doc.norm[max(s, d["start"] - NOW_WINDOW):d["start"]]
        local = doc.norm[max(s, d["start"] - CUE_WINDOW):d["start"]]
        after = doc.norm[d["end"]:min(e, d["end"] + AFTER_WINDOW)]
        reached = _REACHED.search(local) or (group and _GROUP_TITRATION.search(local))
        chained = i > 0 and (i - 1) in planned and found[i - 1]["sent"] == d["sent"] and \
            _CHAIN_GAP.fullmatch(doc.norm[found[i - 1]["end"]:d["start"]]) is not None
        if (not reached and (ends_with(cue["dose_planned"], local)
                             or doc.scopes.has("hypothetical", d["start"]))) or chained or \
                _PLANNED_AFTER.match(after):
            planned.add(i)
            continue
        if ends_with(cue["dose_start"], local):
            started.add(i)
        if cue["dose_now"].search(before) or _NOW_AFTER.match(after):
            now.append(i)
    pick, rule = None, "dose.last_taken"
    if now:
        pick, rule = found[now[-1]], "dose.now"
    else:
        taken = [i for i in range(len(found)) if i not in planned and i not in started]
        if not taken:
            taken = [i for i in range(len(found)) if i not in planned]
        if taken:
            pick = found[taken[-1]]
    if pick is None:
        return None
    ev.cite("current_dose", pick["start"], pick["end"], rule)
    if pick.get("change"):
        return pick["values"][-1]  # "dropped from 4.5 to 3 mg": now 3
    return max(pick["values"])


class Dose:
    """``dose_values``, ``dose_unit`` and (for a current or past user) ``current_dose``."""

    fields: tuple[str, ...] = ("dose_values", "dose_unit", "current_dose")
    needs: tuple[str, ...] = ("ldn_use",)

    def __call__(self, doc: Doc, known: Mapping[str, object]) -> Finding:
        ev = Evidence()
        found = doses(doc)
        values: dict = {"dose_values": sorted({v for d in found for v in d["values"]})}
        for d in found:
            ev.cite("dose_values", d["start"], d["end"], "dose.unit_dose" if d["unit"] else "dose.bare")
        units = [d["unit"] for d in found if d["unit"]]
        # the unit stated most often; on a tie the first stated (never set order, which
        # changes with the process's string hashing)
        values["dose_unit"] = max(units, key=units.count) if units else None
        if values["dose_unit"]:
            for d in found:
                if d["unit"]:
                    ev.cite("dose_unit", d["start"], d["end"], "dose.unit_dose")
        if doc.experience is not None and found and known.get("ldn_use") == "current" and \
                diary(doc.experience):
            latest = max(found, key=lambda d: d["start"])  # a diary's latest dose is today's
            values["current_dose"] = max(latest["values"])
            ev.cite("current_dose", latest["start"], latest["end"], "dose.diary_latest")
        else:
            values["current_dose"] = current_dose(doc, found, ev) \
                if known.get("ldn_use") in ("current", "past") else None
        return Finding(values, ev.spans)


DOSE = Dose()
