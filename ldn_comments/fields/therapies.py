"""Other therapies the writer names and their status: ``therapies``.

Each therapy mention takes the status of the nearest cue before it in its sentence
(never / past / considering / current), else the first cue after it, else the sentence's
tense; a therapy named several times keeps its strongest status.

Examples
--------
>>> from ldn_comments.nlp.doc import Doc
>>> f = THERAPIES(Doc.make("I was on Copaxone for years, now on Ocrevus."), {"speaker_role": "patient"})
>>> f.values["therapies"]
[{'name': 'glatiramer', 'status': 'past'}, {'name': 'ocrelizumab', 'status': 'current'}]
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from ..nlp.doc import Doc
from ..nlp.patterns import patterns
from .base import THIRD_PARTY_ROLES, Evidence, Finding, reading_role
from .common import advice

__all__ = ["THERAPIES", "Therapies"]

#: Characters looked back from a therapy for "what is", "heard of".
ASKED_WINDOW = 20

_PAST_TENSE = re.compile(r"\b(?:was|were|did|tried|took|used|went|(?:19|20)\d\d\s*(?:-|to)\s*"
                         r"(?:19|20)?\d\d)\b")
_PRESENT_TENSE = re.compile(r"\b(?:am|'m|is|are|now|just|currently|still|take|takes|taking|using|"
                            r"on it|these days|at the moment)\b")
_ASKED = re.compile(r"\b(?:what is|what's|what are|heard of|info on|information on)\s+(?:the\s+)?$")
_TURN = re.compile(r"\b(?:but|however|although)\b|[;.]")
#: ", then" turns to the next therapy of a sequence; its own cue follows it closely
#: ("Tecfidera for six years, then Kesimpta since 2022"), not after a comma ("then
#: Tecfidera, and now I'm on Kesimpta": "now" is Kesimpta's).
_THEN = re.compile(r"\bthen\b")
_CLOSE_AFTER = re.compile(r"\s*(?:[\w-]+\s+)?$")
_REASON = re.compile(r"\b(?:because|cause|since|as)\b")
_LIST_GAP = re.compile(r",|\band\b")
_PLAIN_LIST = re.compile(r"[\w\s-]*(?:,\s*[\w-]+(?:\s+[\w-]+)?)*\s*(?:,|and|or)?\s*")
_AGAIN = re.compile(r"[^.;,]{0,12}\bagain\b")
_OTHERS = re.compile(r"\b(?:she|he|they|you|your|people|others|friend|someone)\b")
_THIRD = re.compile(r"\b(?:she|he|her|his|they)\b")
#: What may follow a therapy inside a cue that encloses it: "been on Ocrevus since".
_TIME_TAIL = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:since|for)")
_STATUS_PRIORITY = {"current": 3, "considering": 2, "past": 1, "never": 0}
_CUE_ORDER = ["never", "past", "considering", "current"]


def therapies(doc: Doc, role: str, ev: Evidence) -> list[dict]:
    """``[{"name": key, "status": status}, ...]`` sorted by name."""
    found = doc.therapies
    if not found:
        return []
    rx = patterns()
    fp_sents = doc.first_person_sents
    third_ok = role in THIRD_PARTY_ROLES
    cues = []
    for name in _CUE_ORDER:
        for m in doc.finditer(rx.cue[f"therapy_{name}"]):
            cues.append((m.start(), m.end(), name))
    status: dict[str, tuple[str, int, int]] = {}
    for t in found:
        s, e = doc.sents[t.sent]
        if doc.scopes.has("other_person", t.start) and not third_ok:
            continue
        if advice(doc, t.sent, t.start):
            continue
        if _ASKED.search(doc.norm[max(s, t.start - ASKED_WINDOW):t.start]):
            continue  # asking what a therapy is says nothing of one's own use
        before = [c for c in cues if s <= c[0] and c[1] <= t.start]
        after = [c for c in cues if t.end <= c[0] < e]
        # a cue that encloses the therapy ("been on Ocrevus since") is its own
        around = [c for c in cues if s <= c[0] < t.start and t.end <= c[1]
                  and _TIME_TAIL.fullmatch(doc.norm, t.end, c[1])]
        st = None
        rule = "therapy.cue_before"
        if around:
            st, rule = around[0][2], "therapy.cue_around"
        elif before:
            best_end = max(c[1] for c in before)
            near = [c for c in before if c[1] == best_end]
            near.sort(key=lambda c: _CUE_ORDER.index(c[2]))
            st = near[0][2]
            # a cue far back in a long sentence, across a termination, is weaker than one after
            gap = doc.norm[best_end:t.start]
            if _TURN.search(gap) and after:
                st = None
            elif _THEN.search(gap) and after and _CLOSE_AFTER.fullmatch(
                    doc.norm, t.end, min(c[0] for c in after)):
                st = None
            elif _REASON.search(gap):
                st = None  # "thinking of switching because this drug wrecked my stomach"
            elif st == "never" and _LIST_GAP.search(gap) and not _PLAIN_LIST.fullmatch(gap):
                st = None  # a negation's scope ends with its clause ("..., I manage with diet")
        own_sentence = t.sent in fp_sents or third_ok or not _OTHERS.search(doc.norm[s:e])
        if st is None and after and own_sentence:
            st, rule = min(after, key=lambda c: c[0])[2], "therapy.cue_after"
        if st == "never" and _AGAIN.match(doc.norm[t.end:e]):
            st, rule = "past", "therapy.never_again"  # "won't take steroids again": taken before
        if st is None:
            if t.sent in fp_sents or (third_ok and _THIRD.search(doc.norm[s:e])):
                # No cue: the sentence's tense decides ("Rebif 2010-2014, then ..." is past)
                st = "past" if _PAST_TENSE.search(doc.norm[s:e]) and not \
                    _PRESENT_TENSE.search(doc.norm[s:e]) else "current"
                rule = "therapy.tense"
            else:
                continue
        key = str(t.key)  # therapy mentions always carry their lexicon key
        prev = status.get(key)
        if prev is None or _STATUS_PRIORITY[st] > _STATUS_PRIORITY[prev[0]]:
            status[key] = (st, t.start, t.end)
        ev.cite("therapies", t.start, t.end, rule)
    return [{"name": k, "status": v[0]} for k, v in sorted(status.items())]


class Therapies:
    """``therapies`` from the therapy mentions and their status cues."""

    fields: tuple[str, ...] = ("therapies",)
    needs: tuple[str, ...] = ("speaker_role",)

    def __call__(self, doc: Doc, known: Mapping[str, object]) -> Finding:
        ev = Evidence()
        return Finding({"therapies": therapies(doc, reading_role(doc, known), ev)}, ev.spans)


THERAPIES = Therapies()
