"""The writer's (or their relative's) disease: ``ms_type``, ``age``, ``diagnosis_year``
and ``years_since_diagnosis``.

Examples
--------
>>> from ldn_comments.nlp.doc import Doc
>>> f = DISEASE(Doc.make("I'm 44, diagnosed with RRMS in 2015."), {"speaker_role": "patient"})
>>> f.values
{'ms_type': 'RRMS', 'age': 44, 'diagnosis_year': 2015, 'years_since_diagnosis': None}
>>> sorted(f.evidence)
['age', 'diagnosis_year', 'ms_type']
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import cast

from ..nlp.doc import Doc, scanned
from ..nlp.focus import reported_age
from ..nlp.patterns import patterns
from ..nlp.text import normalise, to_number
from ..rules import grammar, lexicon
from .base import THIRD_PARTY_ROLES, Evidence, Finding, reading_role
from .common import CLAUSE_SUBJECT_AFTER, YEAR, ago, months, ordinal, year_of

__all__ = ["DISEASE", "Disease"]

#: Characters looked back from a year for "diagnosed", "dx" (about seven words).
DIAGNOSIS_CUE_WINDOW = 40
#: Characters looked back from a year for "RRMS since" (a course named just before).
SINCE_DX_WINDOW = 30
#: Characters looked back from "N years ago" / "recently" for "diagnosed".
AGO_WINDOW = 45
#: Characters looked back from an age for "at", "for", "since" (not an age then).
AGE_HEAD_WINDOW = 12
#: Characters looked back from a length for a course just named ("RRMS 10 years").
COURSE_HEAD_WINDOW = 12

#: Two digits standing alone (grammar ``two_digits``): a cheap test before the age pattern.
TWO_DIGITS = cast(re.Pattern, grammar("two_digits"))  # one pattern, not a list
_MS_WORD = re.compile(r"(?<![\w])(?:ms|rrms|ppms|spms|cis|multiple sclerosis|rr|sp|pp)(?![\w])")
scanned(TWO_DIGITS, _MS_WORD)
_NOT_AGE_BEFORE = re.compile(r"\bat\s*$|\b(?:ms|rrms|ppms|spms|cis|for|since|with|over|about|almost|"
                             r"nearly|past|last|than|on|of)\s*$")
_COURSE_CHANGE = re.compile(r"(?:went|switched|changed|turned|progressed|moved|became)\s+(?:from|to|into)")
_SENT_END = re.compile(r"[.!?]")
_CLAUSE_END = re.compile(r"[.!?;]")
_HAD_MS = re.compile(r"(?:(?:had|have had|'ve had|has had|with|living with|battling|fighting)\s+(?:\w+\s+){0,2}"
                     r"|(?:^|[.!?\n])\s*)"  # or a telegraphic line: "MS for 8 years."
                     r"(?:ms|rrms|ppms|spms|multiple sclerosis|it)\s*$")
_HAD_MS_FOR = re.compile(r"(?:had|have had|'ve had|has had|with)\s+(?:\w+\s+){0,2}"
                         r"(?:ms|rrms|ppms|spms|multiple sclerosis)\s+for\s*$")
_FOR = re.compile(r"for\b")
#: A diagnosis told after its date: "Ten years ago I was diagnosed", "a year ago, she got
#: her diagnosis".
_AGO_THEN_DIAGNOSED = re.compile(CLAUSE_SUBJECT_AFTER + r"(?:was|were|got|received|had)\s+(?:\w+\s+)?"
                                 r"(?:diagnosed|diagnosis|dx'?d)\b")
_COURSE_BEFORE = re.compile(r"\b(?:ms|rrms|ppms|spms|cis)[\s,]*$")
_INTRO_AFTER = re.compile(r"\s*(?:here|now|in|,|\.|$)")
_DISEASE_WORDS = ("ms", "rrms", "ppms", "spms", "multiple", "my", "this", "diagnosis")


def ms_type(doc: Doc, role: str, ev: Evidence) -> str | None:
    """The course named (by the lexicon's precedence), 'MS' when none is; None for an
    unknown speaker."""
    if role == "unknown":
        return None
    rx = patterns()
    order = lexicon("ms_types")["precedence"]
    found: dict[str, tuple[int, int]] = {}
    third_ok = role in THIRD_PARTY_ROLES
    for m in doc.finditer(rx.ms.pattern):
        key = rx.ms.key_of(m)
        if doc.scopes.has("negated", m.start()) and key != "MS":
            continue
        if not third_ok and doc.scopes.has("other_person", m.start()):
            continue
        if key != "MS" and doc.scopes.has("hypothetical", m.start()):
            continue
        found.setdefault(key, (m.start(), m.end()))
    for key in order:
        if key in found:
            ev.cite("ms_type", *found[key], "disease.course")
            return key
    if doc.condition and doc.drug.name and doc.sents:
        # the course the source's condition column names ("Relapsing-Remitting MS")
        named = rx.ms.pattern.search(normalise(doc.condition))
        if named is not None and rx.ms.key_of(named) != "MS":
            ev.cite("ms_type", *doc.sents[0], "disease.source_condition")
            return rx.ms.key_of(named)
        if named is not None:  # filed under MS: the text's writer (or relative) has MS
            ev.cite("ms_type", *doc.sents[0], "disease.source_condition")
    return "MS"


def age(doc: Doc, role: str, ev: Evidence) -> int | None:
    """An age the writer states (12-99)."""
    rx = patterns()
    if role == "unknown" and not doc.find(rx.first_person):
        return None
    if not doc.find(TWO_DIGITS):
        return None
    for m in doc.finditer(rx.age):
        grp = m.lastgroup
        v = int(m.group(grp))
        if not 12 <= v <= 99:
            continue
        head = doc.norm[max(0, m.start() - AGE_HEAD_WINDOW):m.start()]
        if _NOT_AGE_BEFORE.search(head):
            continue
        ev.cite("age", m.start(grp), m.end(grp), "disease.age")
        return v
    return None


def diagnosis(doc: Doc, role: str, ev: Evidence) -> tuple[int | None, float | None]:
    """(diagnosis_year, years_since_diagnosis)."""
    rx = patterns()
    year, since = None, None
    drugs = sorted([m.start for m in doc.ldn] + [m.start for m in doc.therapies])
    for m in (doc.finditer(rx.date) if doc.find(YEAR) else ()):
        i = doc.sent_of(m.start())
        s, _ = doc.sents[i]
        head = doc.norm[max(s, m.start() - DIAGNOSIS_CUE_WINDOW):m.start()]
        cue = None  # the last diagnosis cue in `head`
        for found_cue in rx.diag_cue.finditer(head):
            cue = found_cue
        ms_since = rx.since_dx.search(doc.norm[max(s, m.start() - SINCE_DX_WINDOW):m.start()])
        if cue is None and ms_since is None:
            continue
        if cue is None and _COURSE_CHANGE.search(head):
            continue  # the year of a change of course is not the year of diagnosis
        anchor = (m.start() - DIAGNOSIS_CUE_WINDOW + cue.end()) if cue else m.start() - 10
        if cue is None and any(s <= d < m.start() for d in drugs):
            continue  # "taking LDN for my MS since 2010": the date belongs to the drug
        if any(max(s, anchor) <= d < m.start() for d in drugs):
            continue
        if doc.scopes.has("other_person", m.start()) and role not in THIRD_PARTY_ROLES:
            continue
        found = year_of(m)
        if found is None:
            continue
        year = int(found)
        ev.cite("diagnosis_year", m.start(), m.end(), "disease.diagnosis_year")
        break
    if not (doc.find(rx.diag_cue) or doc.find(_MS_WORD)):
        return year, since
    for m in ago(doc):
        after = _AGO_THEN_DIAGNOSED.match(doc.norm, m.end())
        if after is not None:  # "Two years ago I was diagnosed with RRMS"
            ev.cite("years_since_diagnosis", m.start(), after.end(), "disease.ago_then_diagnosed")
            return year, round(months(m.group("n"), m.group("u"), None) / 12, 2)
        head = doc.norm[max(0, m.start() - AGO_WINDOW):m.start()]
        cues = list(rx.diag_cue.finditer(head))
        # the last cue, with no sentence end between it and the "ago"
        if cues and not _SENT_END.search(head[cues[-1].start():]):
            cue_end = max(0, m.start() - AGO_WINDOW) + cues[-1].end()
            if any(cue_end <= d < m.start() for d in drugs):
                continue  # "diagnosed in 2004, began taking LDN two years ago": the drug's
            since = months(m.group("n"), m.group("u"), None) / 12
            ev.cite("years_since_diagnosis", m.start(), m.end(), "disease.diagnosed_ago")
            return year, round(since, 2)
    for m in doc.finditer(rx.length):
        head = doc.norm[max(0, m.start() - DIAGNOSIS_CUE_WINDOW):m.start()]
        if _HAD_MS.search(head) and _FOR.match(m.group(0)):
            since = months(m.group("n"), m.group("u"), m.group("half")) / 12
            ev.cite("years_since_diagnosis", m.start(), m.end(), "disease.had_ms_for")
            return year, round(since, 2)
        if _HAD_MS_FOR.search(doc.norm[max(0, m.start() - DIAGNOSIS_CUE_WINDOW):m.start() + len(m.group("pre") or "")]):
            since = months(m.group("n"), m.group("u"), m.group("half")) / 12
            ev.cite("years_since_diagnosis", m.start(), m.end(), "disease.had_ms_for")
            return year, round(since, 2)
    for m in doc.finditer(rx.length):
        head = doc.norm[max(0, m.start() - COURSE_HEAD_WINDOW):m.start()]
        if _COURSE_BEFORE.search(head) and not m.group("pre") and \
                _INTRO_AFTER.match(doc.norm[m.end():m.end() + 6] or "."):
            since = months(m.group("n"), m.group("u"), m.group("half")) / 12
            ev.cite("years_since_diagnosis", m.start(), m.end(), "disease.course_length")
            return year, round(since, 2)
    for m in doc.finditer(rx.ordinal_year):
        if m.group("w") in _DISEASE_WORDS:
            n = to_number(ordinal(m.group("o"))) or 0.0  # an ordinal's number is digits
            ev.cite("years_since_diagnosis", m.start(), m.end(), "disease.ordinal_year")
            return year, float(n) if m.group("u") == "year" else round(n / 12, 2)
    for m in doc.finditer(rx.recent_dx):
        head = doc.norm[max(0, m.start() - AGO_WINDOW):m.start()]
        cue = None  # the last diagnosis cue in `head`
        for found_cue in rx.diag_cue.finditer(head):
            cue = found_cue
        if cue is not None and not _CLAUSE_END.search(head[cue.end():]):
            since = {"last year": 1.0}.get(m.group("w"), 0.0)
            if m.group("w") == "recently":
                continue
            ev.cite("years_since_diagnosis", m.start(), m.end(), "disease.diagnosed_recently")
            return year, since
    return year, since


class Disease:
    """``ms_type``, ``age``, ``diagnosis_year``, ``years_since_diagnosis``."""

    fields: tuple[str, ...] = ("ms_type", "age", "diagnosis_year", "years_since_diagnosis")
    needs: tuple[str, ...] = ("speaker_role",)

    def __call__(self, doc: Doc, known: Mapping[str, object]) -> Finding:
        ev = Evidence()
        role = reading_role(doc, known)
        values: dict = {"ms_type": ms_type(doc, role, ev), "age": age(doc, role, ev)}
        values["diagnosis_year"], values["years_since_diagnosis"] = diagnosis(doc, role, ev)
        exp = doc.experience
        if exp is not None:
            introduced = reported_age(doc.text, exp) if values["age"] is None else None
            if introduced:
                values["age"] = introduced[0]
                ev.cite("age", *introduced[1], "disease.reported_age")
            if exp.subject.kind == "nobody" and exp.subject.general:
                values["ms_type"] = values["age"] = None  # a page about LDN in general
                ev.spans.pop("ms_type", None)
                ev.spans.pop("age", None)
        return Finding(values, ev.spans)


DISEASE = Disease()
