"""Whether the writer reports someone else's use: ``second_hand``.

Examples
--------
>>> from ldn_comments.nlp.doc import Doc
>>> doc = Doc.make("One of my patients is on LDN and doing well.")
>>> SECOND_HAND(doc, {"speaker_role": "patient", "ldn_use": "current"}).values
{'second_hand': True}
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from ..nlp.doc import Doc, scanned
from ..nlp.experiencer import WRITER, tells_own_use
from ..nlp.focus import decide_second_hand
from .about import ldn_context
from .base import THIRD_PARTY_ROLES, Evidence, Finding

__all__ = ["SECOND_HAND", "SecondHand"]

_CLIENT = re.compile(r"\b(?:a|my|our|one)\s+(?:client|patient)s?\b")
scanned(_CLIENT)
_READ_OR_HEARD = re.compile(r"\b(?:read|heard)\b")
_TRIED_IT = re.compile(r"\b(?:try|tried|on|taking)\s+(?:it|ldn)\b")


def second_hand(doc: Doc, role: str, use: str, ev: Evidence) -> bool:
    """True for a caregiver or clinician (unless the experiencer found that the use told is
    the writer's own: "I'm a GP with MS and I'm on 3 mg"), or a writer telling of a client's
    or patient's use."""
    if use == "none":
        return False
    exp = doc.experience
    own_use = exp is not None and exp.subject.kind == WRITER and tells_own_use(exp)
    if role in THIRD_PARTY_ROLES and not own_use:
        return True
    context = ldn_context(doc)
    for m in doc.finditer(_CLIENT):
        i = doc.sent_of(m.start())
        if doc.scopes.near("negated", m.start(), 6):
            continue
        if doc.scopes.has("other_person", m.start()) and _READ_OR_HEARD.search(doc.sent_text(i)):
            continue
        if i in context or _TRIED_IT.search(doc.sent_text(i)):
            ev.cite("second_hand", m.start(), m.end(), "second_hand.client")
            return True
    return False


class SecondHand:
    """``second_hand`` from the role, the use and client/patient mentions."""

    fields: tuple[str, ...] = ("second_hand",)
    needs: tuple[str, ...] = ("speaker_role", "ldn_use")

    def __call__(self, doc: Doc, known: Mapping[str, object]) -> Finding:
        ev = Evidence()
        value = second_hand(doc, str(known["speaker_role"]), str(known["ldn_use"]), ev)
        if doc.experience is not None:
            value, span = decide_second_hand(value, str(known["ldn_use"]), doc.experience)
            if not value:
                ev.spans.pop("second_hand", None)
            elif span:
                ev.cite("second_hand", *span, f"second_hand.{doc.experience.subject.kind}")
        return Finding({"second_hand": value}, ev.spans)


SECOND_HAND = SecondHand()
