"""Who is writing (``speaker_role``) and whether they ask something (``is_question``).

Examples
--------
>>> from ldn_comments.nlp.doc import Doc
>>> f = SUBJECT(Doc.make("My husband has SPMS. Should he try LDN?"), {})
>>> f.values
{'speaker_role': 'caregiver', 'is_question': True}
>>> f.evidence["speaker_role"]
[(0, 19, 'subject.caregiver')]
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..nlp.context import condition_key
from ..nlp.doc import Doc
from ..nlp.focus import decide_question, decide_role
from ..nlp.patterns import patterns
from ..rules import alternation, bounded, lexicon
from .base import Evidence, Finding

__all__ = ["SUBJECT", "Subject"]

_DIAGNOSED = re.compile(r"\b(?:dx'?d?|diagnosed)\b")
#: "RRMS here", "RRMS, 34", "34, RRMS", "SPMS 20 yrs": a writer introducing themselves.
_SELF_INTRO = re.compile(r"\bhere\b|,\s*\d{2}\b(?!\s*-)|\b\d{2},|^\W*\w+\W*\d+\s*(?:yrs?|years?)\b")
_OTHER_SUBJECT = re.compile(r"\b(?:she|he|they|your|you)\b")
_WORD = re.compile(r"\w+")


def speaker_role(doc: Doc, ev: Evidence) -> str:
    """clinician / caregiver / patient / unknown, first cue that holds in that order."""
    rx = patterns()
    for m in doc.finditer(rx.cue["clinician"]):
        if not doc.scopes.has("negated", m.start()) and not doc.scopes.has("hypothetical", m.start()):
            ev.cite("speaker_role", m.start(), m.end(), "subject.clinician")
            return "clinician"
    for m in doc.finditer(rx.caregiver):
        if not doc.scopes.has("other_person", m.start()) and not doc.scopes.has("negated", m.start()):
            ev.cite("speaker_role", m.start(), m.end(), "subject.caregiver")
            return "caregiver"
    for m in doc.finditer(rx.cue["patient_self"]):
        if doc.scopes.has("other_person", m.start()) or doc.scopes.near("negated", m.start(), 14):
            continue
        ev.cite("speaker_role", m.start(), m.end(), "subject.patient_self")
        return "patient"
    # A named course in a sentence about the writer ("RRMS here", "I'm RRMS, 34",
    # "SPMS dx 1998") also makes the writer a patient.
    for m in doc.finditer(rx.ms.pattern):
        if rx.ms.key_of(m) == "MS":
            continue
        if any(doc.scopes.has(c, m.start()) for c in ("other_person", "negated", "hypothetical")):
            continue
        sent = doc.sent_text(doc.sent_of(m.start()))
        if rx.first_person.search(sent) or _DIAGNOSED.search(sent) or _SELF_INTRO.search(sent):
            if _OTHER_SUBJECT.search(sent):
                continue
            ev.cite("speaker_role", m.start(), m.end(), "subject.own_course")
            return "patient"
    return "unknown"


#: A role label a review site prints beside the writer: "(Patient)", "(Caregiver)".
_ROLE_LABEL = re.compile(r"\((?P<r>patient|caregiver|care giver|carer)\)")


def source_role(doc: Doc, role: str, ev: Evidence) -> str:
    """The guide's source rules on top of `role` (what the text says).

    A site's "(Patient)"/"(Caregiver)" label is the writer's own statement. In a review
    the source filed under MS, a writer with no other role takes the drug themselves (a
    patient), unless they tell of a relative's treatment (a caregiver).

    Examples
    --------
    >>> ev = Evidence()
    >>> source_role(Doc.make("Been on it a year.", drug="Gilenya", condition="MS"), "unknown", ev)
    'patient'
    >>> source_role(Doc.make("My wife takes it.", drug="Gilenya", condition="MS"), "unknown", ev)
    'caregiver'
    >>> source_role(Doc.make("Been on it a year.", drug="Gilenya", condition="Acne"), "unknown", ev)
    'unknown'
    """
    label = _ROLE_LABEL.search(doc.norm)
    if label is not None:
        ev.spans.pop("speaker_role", None)
        ev.cite("speaker_role", label.start(), label.end(), "subject.site_label")
        return "patient" if label.group("r") == "patient" else "caregiver"
    if role != "unknown" or not doc.drug.name or condition_key(doc.condition) != "ms" \
            or not doc.sents:
        return role
    for m in doc.finditer(_relative()):
        if not doc.scopes.has("negated", m.start()):
            ev.cite("speaker_role", m.start(), m.end(), "subject.source_relative")
            return "caregiver"
    ev.cite("speaker_role", *doc.sents[0], "subject.source_condition")
    return "patient"


_RELATIVE: list = []


def _relative() -> re.Pattern:
    """'my husband', 'our son': a relative named by the writer (the cues' relatives)."""
    if not _RELATIVE:
        rel = alternation(lexicon("cues")["relatives"])
        _RELATIVE.append(re.compile(bounded(rf"(?:my|our)\s+(?:\w+\s+)?{rel}")))
    return _RELATIVE[0]


def is_question(doc: Doc, ev: Evidence) -> bool:
    """A sentence asking something (not rhetorical), or a request for others' experience."""
    rx = patterns()
    rhetorical = rx.cue["question_rhetorical"]
    for s, e in doc.sents:
        sent = doc.norm[s:e]
        if "?" in sent:
            if rhetorical.search(sent):
                continue
            # a bare "?" after a quoted or one-word aside is not a request
            if len(_WORD.findall(sent)) < 2:
                continue
            ev.cite("is_question", s, e, "question.mark")
            return True
    for m in doc.finditer(rx.cue["question_request"]):
        if doc.scopes.has("negated", m.start()):
            continue
        ev.cite("is_question", m.start(), m.end(), "question.request")
        return True
    return False


class Subject:
    """``speaker_role`` and ``is_question``: read first, every other field reads the role."""

    fields: tuple[str, ...] = ("speaker_role", "is_question")
    needs: tuple[str, ...] = ()

    def __call__(self, doc: Doc, known: Mapping[str, object]) -> Finding:
        ev = Evidence()
        values: dict[str, Any] = {"speaker_role": source_role(doc, speaker_role(doc, ev), ev),
                  "is_question": is_question(doc, ev)}
        exp = doc.experience
        if exp is not None:
            cited = ev.spans.get("speaker_role")
            role, span = decide_role(values["speaker_role"], exp,
                                     (cited[0][0], cited[0][1]) if cited else None)
            if role != values["speaker_role"] or span:
                ev.spans.pop("speaker_role", None)
                if span:
                    ev.cite("speaker_role", *span, f"subject.experiencer.{exp.subject.kind}")
            asked, span = decide_question(values["is_question"], exp)
            if asked != values["is_question"] or span:
                ev.spans.pop("is_question", None)
                if span:
                    ev.cite("is_question", *span, "question.request")
            values = {"speaker_role": role, "is_question": asked}
        return Finding(values, ev.spans)


SUBJECT = Subject()
