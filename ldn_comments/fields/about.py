"""Which sentences speak of LDN: the window around each sentence naming LDN or a dose.

Shared by ``ldn_use``, the timing fields, the outcomes and ``second_hand``; found once
per document.

Examples
--------
>>> sentence_window(6, {2}, {4})
[0, 1, 2, 3, 4]
"""
from __future__ import annotations

from ..nlp.doc import Doc
from .dose import dose_sents

__all__ = ["AFTER_SENTENCES", "BEFORE_SENTENCES", "anchors", "ldn_context", "sentence_window"]

#: Sentences after one naming LDN (or a dose) that may still speak of it.
AFTER_SENTENCES = 2
#: Sentences before one naming LDN that may already speak of it.
BEFORE_SENTENCES = 2


def sentence_window(n: int, anchors: set, blockers: set) -> list[int]:
    """Sentences that speak of the anchors' drug: those naming it or a dose, up to two
    following sentences and two before, unless another therapy is named in between."""
    ctx = set()
    for a in sorted(anchors):
        ctx.add(a)
        for j in range(a + 1, a + 1 + AFTER_SENTENCES):
            if j >= n or j in anchors:
                break
            ctx.add(j)  # a sentence naming another therapy is kept, but ends the run;
            if j in blockers:  # its outcomes are then checked for whom they credit
                break
        for j in range(a - 1, a - 1 - BEFORE_SENTENCES, -1):
            if j < 0 or j in blockers or j in anchors:
                break
            ctx.add(j)
    return sorted(ctx)


def anchors(doc: Doc) -> set[int]:
    """Sentences naming LDN or stating an LDN dose."""
    return doc.ldn_sents | dose_sents(doc)


def _context(doc: Doc) -> set[int]:
    found = anchors(doc)
    if found and not doc.other_sents:
        # Nothing else is named: every sentence of the comment may be about LDN.
        return set(range(len(doc.sents)))
    return set(sentence_window(len(doc.sents), found, doc.other_sents - doc.ldn_sents))


def ldn_context(doc: Doc) -> set[int]:
    """The sentences that speak of LDN (found once per document)."""
    return doc.memo("ldn_context", _context)
