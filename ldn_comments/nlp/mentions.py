"""Drug mentions in one comment: LDN (and full-dose naltrexone set apart) and other therapies.

A mention is a span of the normalised text with its sentence and, for a therapy, its
lexicon key. :func:`drug_mentions` applies the source's drug context: on a review of LDN
"it" and "this drug" are LDN; under a thread about LDN a reply's "I take it" is; on a
review of another drug they are that drug.

Examples
--------
>>> from ldn_comments.nlp.doc import Doc
>>> doc = Doc.make("Off Tecfidera, on LDN now. Naltrexone 50mg for alcohol is not low dose.")
>>> [(doc.norm[m.start:m.end], m.sent) for m in doc.ldn]
[('ldn', 0)]
>>> [m.key for m in doc.therapies], len(doc.full_dose)
(['dimethyl_fumarate'], 1)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..rules import bounded

if TYPE_CHECKING:  # pragma: no cover
    from .doc import Doc

__all__ = ["Mention", "drug_mentions", "context_mentions", "mention_patterns", "unquote",
           "FULL_DOSE_WINDOW"]


@dataclass(frozen=True)
class Mention:
    """A drug named in the text: its span, its sentence and (for a therapy) its key."""

    start: int
    end: int
    sent: int
    key: str | None = None


def find(doc: Doc, pattern, keyed: bool = False) -> list[Mention]:
    """Every match of `pattern` (a compiled regex, or a keyed lexicon pattern) as a mention."""
    rx = pattern.pattern if keyed else pattern
    return [Mention(m.start(), m.end(), doc.sent_of(m.start()), pattern.key_of(m) if keyed else None)
            for m in doc.finditer(rx)]


#: Characters after "naltrexone" searched for a full dose or an addiction use.
FULL_DOSE_WINDOW = 45
# A full dose is written in mg ("50mg"): "50 ml" or "50 milligrams" of naltrexone is not
# read as one (unchanged from before the grammar file; a candidate for {unit_mg}).
_FULL_DOSE = re.compile(
    r"^\W{0,3}(?:\w+\W+){0,3}?(?:(?:[2-9]\d|\d{3})\s*mg|for\s+(?:the\s+|my\s+|his\s+|her\s+)?"
    r"(?:alcohol|drink|drinking|opioid|opiate|heroin|addiction|dependence))")

#: "it" as the object or subject of a use or outcome verb (a reply's "I still take it").
_IT_USE = re.compile(
    r"(?<![\w])(?:(?<=take )|(?<=taking )|(?<=took )|(?<=takes )|(?<=on )|(?<=started )|"
    r"(?<=stopped )|(?<=quit )|(?<=tried )|(?<=using )|(?<=use )|(?<=used )|(?<=with )|"
    r"(?<=ordered ))it(?![\w'])"
    r"|(?<![\w])it(?=\s+(?:helps|helped|works|worked|did|didn'?t|does|doesn'?t|gave|gives|made|"
    r"makes|has helped|is helping|really)\b)")

_QUOTED_LINE = re.compile(r"(?m)^[ \t]*>[^\n]*")


def unquote(norm: str) -> str:
    """Blank out Markdown-quoted lines ("> ..."): they are another writer's words, quoted
    to reply to. Spaces keep every offset in place.

    Examples
    --------
    >>> unquote("> you said\\nme too")
    '          \\nme too'
    """
    if ">" not in norm:
        return norm
    return _QUOTED_LINE.sub(lambda m: " " * len(m.group(0)), norm)


def split_naltrexone(doc: Doc, mentions: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """Naltrexone at a full dose or for addiction is not LDN: set such mentions apart."""
    keep, full = [], []
    for m in mentions:
        word = doc.norm[m.start:m.end]
        if word.startswith("naltrex") and _FULL_DOSE.match(doc.norm[m.end:m.end + FULL_DOSE_WINDOW]):
            full.append(m)
        else:
            keep.append(m)
    return keep, full


@lru_cache(maxsize=1)
def _context_rx():
    return re.compile(bounded(r"(?:this|the|that)\s+(?:medication|medicine|drug|med|pill|stuff|treatment)s?|it"))


def mention_patterns() -> list[re.Pattern]:
    """The whole-text patterns of this module (for the compiled scan)."""
    return [_IT_USE, _context_rx()]


def context_mentions(doc: Doc) -> list[Mention]:
    """'it', 'this drug', 'this medication' as mentions of the drug under review."""
    return find(doc, _context_rx())


def drug_mentions(doc: Doc) -> tuple[list[Mention], list[Mention], list[Mention]]:
    """(LDN mentions, full-dose naltrexone mentions, other therapy mentions) of a doc."""
    from .patterns import patterns

    rx = patterns()
    ctx = doc.drug
    ldn, full_dose = split_naltrexone(doc, find(doc, rx.ldn))
    therapies = find(doc, rx.therapy, keyed=True)
    if ctx.is_ldn:
        ldn += context_mentions(doc)
    elif doc.topic == "ldn" and not ldn and not ctx.name:
        other = {t.sent for t in therapies}
        ldn += [m for m in find(doc, _IT_USE) if m.sent not in other]
    elif ctx.therapy_key:
        therapies += [Mention(m.start, m.end, m.sent, ctx.therapy_key) for m in context_mentions(doc)]
    return ldn, full_dose, therapies
