"""The outcome a review reports for the drug it reviews when that drug is not LDN:
``drug_effect``, ``drug_benefits``, ``drug_adverse_events``.

Found with the outcome rules of :mod:`.outcome`, the reviewed drug standing where LDN
stands. The guide's outcome fields stay LDN's only; these let a by-drug summary set LDN
beside other drugs. They are filled only for a source that names a drug other than LDN
(:attr:`ReviewedDrug.applies`); the pipeline leaves them out of other records.

A drug the lexicons know (a therapy key, full-dose naltrexone) is read by the lexicon and
the outcome grammar together; any other drug (most of a general review site) by the
grammar alone, its name in the text, "it" and "this medication" standing for it.

Examples
--------
>>> from ldn_comments.nlp.doc import Doc
>>> doc = Doc.make("This drug gave me terrible headaches.", drug="Gilenya")
>>> REVIEWED_DRUG(doc, {"speaker_role": "patient"}).values
{'drug_effect': 'negative', 'drug_benefits': [], 'drug_adverse_events': ['headache']}
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from ..nlp.doc import Doc
from ..nlp.mentions import Mention, context_mentions, find
from ..nlp.text import normalise
from .about import sentence_window
from .base import Evidence, Finding
from .outcome import grammar_reading, merge_grammar, outcomes

__all__ = ["REVIEWED_DRUG", "ReviewedDrug"]

_OURS = {"effect": "drug_effect", "benefits": "drug_benefits", "adverse_events": "drug_adverse_events"}


class ReviewedDrug:
    """The reviewed drug's outcome (see the module docstring)."""

    fields: tuple[str, ...] = ("drug_effect", "drug_benefits", "drug_adverse_events")
    needs: tuple[str, ...] = ("speaker_role",)

    @staticmethod
    def applies(doc: Doc) -> bool:
        """True when the source names a drug other than LDN (its fields are then written)."""
        return bool(doc.drug.name) and not doc.drug.is_ldn

    def __call__(self, doc: Doc, known: Mapping[str, object]) -> Finding:
        if not self.applies(doc):
            return Finding({"drug_effect": None, "drug_benefits": [], "drug_adverse_events": []})
        key = doc.drug.therapy_key
        known_drug = bool(key or doc.drug.is_naltrexone_full)
        if key:
            own = [t for t in doc.therapies if t.key == key]
            rest = [t for t in doc.therapies if t.key != key] + list(doc.ldn)
        elif doc.drug.is_naltrexone_full:
            own = list(doc.full_dose) + context_mentions(doc)
            rest = list(doc.therapies) + list(doc.ldn)
        else:
            own = context_mentions(doc) + _name_mentions(doc, doc.drug.name)
            rest = list(doc.therapies) + list(doc.ldn)
        own_sents, rest_sents = {m.sent for m in own}, {m.sent for m in rest}
        n = len(doc.sents)
        context = set(range(n)) if not rest_sents else \
            set(sentence_window(n, own_sents, rest_sents - own_sents))
        found = Evidence()
        role = str(known["speaker_role"])
        reading = grammar_reading(doc, own, rest, pronoun_target=True)
        if known_drug:
            effect, benefits, adverse = outcomes(doc, context, own, rest, own_sents, role,
                                                 found, reading)
        else:  # no lexicon knows this drug's words: the grammar alone
            effect, benefits, adverse = None, [], []
        effect, benefits, adverse = merge_grammar(doc, role, reading, effect, benefits,
                                                  adverse, found)
        evidence = {_OURS[k]: found.spans[k] for k in _OURS if k in found.spans}
        return Finding({"drug_effect": effect, "drug_benefits": benefits,
                        "drug_adverse_events": adverse}, evidence)


def _name_mentions(doc: Doc, name: str | None) -> list[Mention]:
    """The reviewed drug's own name (the first word the source gives) in the text."""
    words = re.findall(r"[a-z][a-z-]{3,}", normalise(name or ""))
    if not words:
        return []
    return find(doc, re.compile(rf"(?<![\w]){re.escape(words[0])}(?![\w])"))


REVIEWED_DRUG = ReviewedDrug()
