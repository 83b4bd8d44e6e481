"""Whether the writer (or whom they speak for) takes LDN: ``ldn_use``.

current / past / planned / none, from use cues in sentences that speak of LDN. Order: a
stop or restart (past) beats a present-tense use (current), which beats a plan; a dose the
writer states for themselves is a use when nothing else says so. For a clinician the
group's present use comes before the few who stopped.

Examples
--------
>>> from ldn_comments.nlp.doc import Doc
>>> f = USE(Doc.make("I stopped LDN last spring."), {"speaker_role": "patient"})
>>> f.values, f.evidence["ldn_use"][0][2]
({'ldn_use': 'past'}, 'use.past')
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import cast

from ..nlp.doc import Doc, scanned
from ..nlp.experiencer import PATIENTS
from ..nlp.focus import decide_use
from ..nlp.patterns import patterns
from ..rules import grammar
from .about import ldn_context
from .base import THIRD_PARTY_ROLES, Evidence, Finding, reading_role
from .common import for_others, owner
from .dose import dose_sents
from .outcome import credited_to_drug, ldn_reading

__all__ = ["USE", "Use"]

#: Characters after a use cue in which a planned cue still covers it ("going to try ... LDN").
PLANNED_REACH = 12
#: Characters looked back from LDN for "my", "her" ("my LDN").
POSSESSIVE_WINDOW = 12
#: Characters after a stop cue searched for the drug it stops ("stopped Copaxone").
OBJECT_WINDOW = 25
#: Characters around a verb looked at for the drug it belongs to.
USE_OWNER_WINDOW = 60

_RESTART = re.compile(r"back on|restart|re-?order|again")
_FIRST_START = re.compile(r"(?:i|we|my|i'?m|i'?ve)\b")
_FIRST_WORD = re.compile(r"\b(?:me|my|us)\b")
_POSSESSIVE = re.compile(r"\b(?:my|our|her|his)\s+(?:\w+\s+)?$")
#: A course given to a clinician's group that had an end: a simple past act with a length
#: ("we treated 24 patients ... for six months", "each received 4.5 mg for 8 weeks").
GROUP_COURSE = cast(re.Pattern, grammar("group_course"))  # one pattern, not a list
scanned(GROUP_COURSE)
#: "this" as a use's object: the drug a review is about, LDN only where that drug is LDN.
_THIS = re.compile(r"\bthis\b")
_OTHERS_SUBJECT = re.compile(r"\b(?:she|he|they|you|your|people|ppl|others|patients|"
                             r"participants|subjects|trials?|study|studies)\b")


def _other_drug_object(doc: Doc, m: re.Match) -> bool:
    """'stopped Copaxone' is not an LDN stop: the cue's object names another therapy."""
    rx = patterns()
    tail = doc.norm[m.start():m.end() + OBJECT_WINDOW]
    t = rx.therapy.pattern.search(tail)
    named = rx.ldn.search(tail)
    return t is not None and (named is None or t.start() < named.start()) and t.start() < len(m.group(0)) + 12


def ldn_use(doc: Doc, role: str, ev: Evidence) -> str:
    """current / past / planned / none (see the module docstring)."""
    ldn, therapies, full_dose = doc.ldn, doc.therapies, doc.full_dose
    dosed = dose_sents(doc)
    if not ldn and not dosed and not doc.drug.is_ldn:
        return "none"  # nothing here speaks of LDN (or of a dose): no cue can apply
    rx = patterns()
    cue = rx.cue
    context = ldn_context(doc)
    third_ok = role in THIRD_PARTY_ROLES
    valid = [m for m in ldn if not doc.scopes.near("negated", m.start, 16)
             and (third_ok or not doc.scopes.has("other_person", m.start))]
    ldn_sents = doc.ldn_sents
    hearsay_sents = {doc.sent_of(m.start()) for m in doc.finditer(cue["hearsay"])}
    planned_spans = [(m.start(), m.end()) for m in doc.finditer(cue["ldn_planned"])]
    valid_sents = {m.sent for m in valid if not doc.scopes.has("hypothetical", m.start)}
    reviewed_other = doc.drug.name is not None and not doc.drug.is_ldn

    def in_planned(a):
        return any(s <= a < e + PLANNED_REACH for s, e in planned_spans)

    def past():
        for m in doc.finditer(cue["ldn_past"]):
            i = doc.sent_of(m.start())
            if i not in context or i in hearsay_sents:
                continue
            restart = _RESTART.search(m.group(0)) is not None
            if doc.scopes.has("other_person", m.start()) or for_others(doc, m.end()) or (
                    doc.scopes.has("hypothetical", m.start()) and not restart):
                continue
            if _other_drug_object(doc, m) or doc.scopes.near("negated", m.start(), 6):
                continue
            if reviewed_other and _THIS.search(m.group(0)):
                continue  # "I was on this for 3 years" in a review of another drug
            if owner(doc, m.start(), ldn, therapies, window=USE_OWNER_WINDOW) == "other" and \
                    not rx.ldn.search(m.group(0)):
                continue  # "I was on Gilenia for three years before ...", "stopped it"
            if any(m.start() <= f.start <= m.end() + 3 for f in full_dose):
                continue
            if ldn_reading(doc).credited_elsewhere(m.start()):
                continue  # "Cromolyn did nothing for me": another drug's clause
            ev.cite("ldn_use", m.start(), m.end(), "use.past")
            return "past"
        return None

    def current():
        for m in doc.finditer(cue["ldn_current"]):
            i = doc.sent_of(m.start())
            if in_planned(m.start()) or doc.scopes.has("negated", m.start()):
                continue
            first = _FIRST_START.match(m.group(0)) is not None or \
                _FIRST_WORD.search(m.group(0)) is not None
            s, _ = doc.sents[i]
            fp_before = first or rx.first_person.search(doc.norm[s:m.start()]) is not None
            if i in valid_sents or (i in dosed and fp_before) or \
                    (first and i in ldn_sents | context and i not in hearsay_sents):
                if doc.scopes.has("other_person", m.start()) and not (first or third_ok):
                    continue
                ev.cite("ldn_use", m.start(), m.end(), "use.current")
                return "current"
        return None

    def possessed():
        for m in valid:  # "my LDN", "her LDN"
            if doc.scopes.has("hypothetical", m.start):
                continue
            if _POSSESSIVE.search(doc.norm[max(0, m.start - POSSESSIVE_WINDOW):m.start]):
                ev.cite("ldn_use", m.start, m.end, "use.possessed")
                return "current"
        return None

    def dosing():
        for name in ("intermittent", "daily"):
            for m in doc.finditer(cue[name]):
                i = doc.sent_of(m.start())
                if i in ldn_sents and owner(doc, m.start(), ldn, therapies, USE_OWNER_WINDOW) == "ldn" \
                        and not doc.scopes.has("other_person", m.start()):
                    ev.cite("ldn_use", m.start(), m.end(), "use.dosing")
                    return "current"
        return None

    def planned():
        for m in doc.finditer(cue["ldn_planned"]):
            i = doc.sent_of(m.start())
            if (i in context or i - 1 in ldn_sents) and not doc.scopes.has("negated", m.start()):
                ev.cite("ldn_use", m.start(), m.end(), "use.planned")
                return "planned"
        return None

    def stated_dose():
        for i in sorted(dosed):
            sent = doc.sent_text(i)
            subjectless = not _OTHERS_SUBJECT.search(sent)
            if (rx.first_person.search(sent) or third_ok or subjectless) and i not in hearsay_sents:
                s, e = doc.sents[i]
                ev.cite("ldn_use", s, e, "use.stated_dose")
                return "current"
        return None

    def credited():
        # An outcome the grammar credits to LDN ("LDN has greatly improved my symptoms",
        # a review of LDN saying "no change after 3 months") is a use of it.
        if not (valid_sents or doc.drug.is_ldn):
            return None
        for f in credited_to_drug(doc, ldn_reading(doc), role):
            if doc.sent_of(f.spans[0][0]) in hearsay_sents:
                continue
            for a, b in f.spans:
                ev.cite("ldn_use", a, b, "use.credited")
            return "current"
        return None

    def asked():
        for m in valid:
            if doc.scopes.has("hypothetical", m.start) and rx.question.search(doc.sent_text(m.sent)):
                ev.cite("ldn_use", m.start, m.end, "use.asked")
                return "planned"
        return None

    def group_course():
        # A trial or case series told in the simple past with its length is over: the
        # group's use is past (a present perfect, "have treated ... for years", is not).
        if doc.experience is None or doc.experience.subject.kind != PATIENTS:
            return None
        for m in doc.finditer(GROUP_COURSE):
            if doc.sent_of(m.start()) in context and not doc.scopes.has("negated", m.start()):
                ev.cite("ldn_use", m.start(), m.end(), "use.group_course")
                return "past"
        return None

    order = (group_course, current, past, planned, possessed, stated_dose, dosing, credited, asked) \
        if role == "clinician" else (past, current, credited, planned, possessed, stated_dose,
                                     dosing, asked)
    for step in order:
        found = step()
        if found:
            return found
    return "none"


class Use:
    """``ldn_use`` from the role and the sentences about LDN."""

    fields: tuple[str, ...] = ("ldn_use",)
    needs: tuple[str, ...] = ("speaker_role",)

    def __call__(self, doc: Doc, known: Mapping[str, object]) -> Finding:
        ev = Evidence()
        use = ldn_use(doc, reading_role(doc, known), ev)
        if doc.experience is not None:
            decided, span = decide_use(use, doc.experience)
            if decided != use:
                ev.spans.pop("ldn_use", None)
                if span:
                    ev.cite("ldn_use", *span, "use.experiencer")
                use = decided
        return Finding({"ldn_use": use}, ev.spans)


USE = Use()
