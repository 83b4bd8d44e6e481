"""One comment, prepared once: the :class:`Doc` every field extractor reads.

A ``Doc`` holds the text, its normalised form (same length, so offsets agree), the
sentences, the assertion scopes, the drug mentions and a per-document cache of pattern
matches and shared facts. It is frozen: fields read it, they never change it.

The scan seam
-------------
Every whole-text pattern search of the fields goes through :meth:`Doc.finditer` and
:meth:`Doc.find`. Both are cached per document and keyed by the compiled pattern, so a
pattern read by several fields is run once. Behind them is the comment's compiled scan
(:mod:`ldn_comments.nlp.scan`): one pass of a Hyperscan database over the text for
every pattern of :func:`scanner` (the lexicons' and grammar's patterns, the triggers,
and what field modules register with :func:`scanned`); a pattern without a hit is
known not to match, and ``re`` confirms the others only where they hit. The answers
are those of ``re`` itself, whichever engine runs. Short look-around checks on small
windows around a match stay plain ``re`` in the field modules.

Who each sentence is about
--------------------------
``Doc.make`` runs the experiencer (:mod:`.experiencer`) on the text as written and keeps
it as ``doc.experience``; ``doc.norm`` then holds only the sentences about the comment's
subject (the others blanked to spaces by :func:`.focus.focus`, offsets unchanged), so
every field reads the subject's sentences only. A review (the source names its drug) is
its writer's and is read whole.

Examples
--------
>>> doc = Doc.make("I take LDN. My legs feel better.")
>>> doc.sents, doc.sent_of(14)
([(0, 11), (12, 32)], 1)
>>> Doc.make("I take LDN. My wife does not.").norm  # the wife's sentence is not read
'i take ldn.                 .'
>>> import re
>>> [m.group(0) for m in doc.finditer(re.compile(r"\\bmy\\b"))]
['my']
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from .assertion import Scopes
from .context import DrugContext, drug_context
from .experiencer import Experience, analyse
from .focus import focus
from .mentions import Mention, drug_mentions, mention_patterns, unquote
from .scan import Hits, Scanner
from .text import SentenceIndex, normalise, sentence_spans

__all__ = ["Doc", "scanned", "scanner"]

T = TypeVar("T")

_REGISTERED: dict[int, re.Pattern] = {}
_SCANNER: list = []  # [(number of registered patterns it holds, Scanner)]


def scanned(*patterns: re.Pattern) -> None:
    """Add whole-text patterns that a field module reads through :meth:`Doc.find` or
    :meth:`Doc.finditer` to the compiled scan (called at the module's import). A pattern
    left out is still answered, by ``re`` over the whole text.

    Examples
    --------
    >>> from ldn_comments.nlp.patterns import patterns
    >>> scanned(patterns().ldn)  # already in the scan: the same database is loaded
    """
    for pattern in patterns:
        _REGISTERED.setdefault(id(pattern), pattern)


def scanner() -> Scanner:
    """The compiled scan of every whole-text pattern (built, or loaded from the on-disk
    cache, once per process; again only if a field module registered more since)."""
    if _SCANNER and _SCANNER[0][0] == len(_REGISTERED):
        return _SCANNER[0][1]
    from .assertion import trigger_patterns
    from .patterns import patterns

    rx = patterns()
    found = [
        rx.ldn, rx.therapy.pattern, rx.ms.pattern, rx.benefit.pattern, rx.adverse.pattern,
        rx.positive, rx.negative, rx.no_effect, rx.negated_adverse, *rx.cue.values(),
        rx.first_person, rx.caregiver, rx.dose, rx.bare_dose, rx.date, rx.length,
        *rx.age.parts, rx.diag_cue, rx.ordinal_year, rx.ago, rx.recent_dx,
        *mention_patterns(), *trigger_patterns(), *_REGISTERED.values(),
    ]
    built = Scanner(found)
    _SCANNER[:] = [(len(_REGISTERED), built)]
    return built


#: Pronouns that make a sentence about someone other than a review's writer.
_OTHER_SUBJECT = re.compile(r"\b(?:she|he|they|you|your)\b")


@dataclass(frozen=True)
class Doc:
    """A comment prepared for the field extractors (see the module docstring).

    Attributes
    ----------
    text : str
        The comment as written.
    norm : str
        :func:`~ldn_comments.nlp.text.normalise` of `text`, quoted lines blanked.
    sents : list of (start, end)
        Sentence spans.
    index : SentenceIndex
        Finds the sentence of an offset.
    scopes : Scopes
        Negated, hypothetical, historical and other-person scopes.
    drug : DrugContext
        What the source says the text is about (a review's drug column).
    topic : str or None
        ``"ldn"`` when the thread around the comment is about LDN.
    condition : str or None
        The condition the source filed the text under (a review's condition column).
    """

    text: str
    norm: str
    sents: list[tuple[int, int]]
    index: SentenceIndex
    scopes: Scopes
    drug: DrugContext
    topic: str | None = None
    experience: Experience | None = field(default=None, compare=False)
    condition: str | None = None
    hits: Hits | None = field(default=None, repr=False, compare=False)
    _matches: dict = field(default_factory=dict, repr=False, compare=False)
    _firsts: dict = field(default_factory=dict, repr=False, compare=False)
    _facts: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def make(cls, text: str | None, *, drug: str | None = None, topic: str | None = None,
             condition: str | None = None) -> Doc:
        """Normalise, split and scope one comment.

        Examples
        --------
        >>> Doc.make("Hi.  Me too!").sents
        [(0, 3), (5, 12)]
        """
        text = "" if text is None else str(text)
        norm = unquote(normalise(text))
        sents = sentence_spans(norm, text)
        experience = None
        if drug is None:
            # Who each sentence is about (a review's writer is its subject, so a review is
            # read whole); the fields read only the sentences about the subject: the
            # others are blanked in `norm`, offsets unchanged.
            experience = analyse(text, norm, sents)
            focused = focus(text, experience)
            if focused != text:
                norm = unquote(normalise(focused))
                sents = sentence_spans(norm, focused)
        # the one compiled scan, over the text the fields read (after the blanking)
        hits = scanner().scan(norm)
        return cls(text, norm, sents, SentenceIndex(sents), Scopes(norm, sents, hits.finditer),
                   drug_context(drug, condition), topic, experience,
                   condition if isinstance(condition, str) and condition.strip() else None, hits)

    # ---- sentences
    def sent_of(self, pos: int) -> int:
        """Index of the sentence holding offset `pos`."""
        return self.index.of(pos)

    def sent_text(self, i: int) -> str:
        """The normalised text of sentence `i`."""
        s, e = self.sents[i]
        return self.norm[s:e]

    # ---- the scan seam: every whole-text match of the fields goes through here
    def finditer(self, pattern) -> list:
        """Every match of `pattern` over the normalised text, found once per document.

        `pattern` is a compiled regex (or anything with ``finditer(str)``). Keyed by the
        pattern's id: hashing a compiled pattern hashes its whole program each time.
        """
        found = self._matches.get(id(pattern))
        if found is None:
            hits = self.hits
            if hits is None:
                found = list(pattern.finditer(self.norm))
            elif isinstance(pattern, re.Pattern):
                found = hits.finditer(pattern)
            else:  # an Alternation: each alternative searched through the scan
                found = list(pattern.finditer(self.norm, hits.search))
            self._matches[id(pattern)] = found
        return found

    def find(self, pattern) -> re.Match | None:
        """The first match of `pattern` over the normalised text (cached), or None."""
        key = id(pattern)
        if key in self._matches:
            found = self._matches[key]
            return found[0] if found else None
        if key not in self._firsts:
            hits = self.hits
            self._firsts[key] = pattern.search(self.norm) if hits is None else hits.search(pattern)
        return self._firsts[key]

    def may_match(self, pattern: re.Pattern) -> bool:
        """False when the scan shows that `pattern` matches nowhere in the text."""
        return self.hits is None or self.hits.may_match(pattern)

    # ---- shared facts
    def memo(self, name: str, compute: Callable[[Doc], T]) -> T:
        """A fact several fields share (the doses, the sentences about LDN), computed by
        `compute(doc)` on first use and kept for this document."""
        if name not in self._facts:
            self._facts[name] = compute(self)
        return self._facts[name]

    @cached_property
    def _mentions(self) -> tuple[list[Mention], list[Mention], list[Mention]]:
        return drug_mentions(self)

    @property
    def ldn(self) -> list[Mention]:
        """Mentions of LDN (with "it"/"this drug" where the source says it is LDN)."""
        return self._mentions[0]

    @property
    def full_dose(self) -> list[Mention]:
        """Mentions of naltrexone at a full dose or for addiction (not LDN)."""
        return self._mentions[1]

    @property
    def therapies(self) -> list[Mention]:
        """Mentions of other therapies, each with its lexicon key."""
        return self._mentions[2]

    @cached_property
    def ldn_sents(self) -> set[int]:
        """Sentences naming LDN."""
        return {m.sent for m in self.ldn}

    @cached_property
    def other_sents(self) -> set[int]:
        """Sentences naming another therapy."""
        return {m.sent for m in self.therapies}

    @cached_property
    def first_person_sents(self) -> set[int]:
        """Sentences where the writer speaks of themselves. On a review (the source names
        the drug) its writer is the subject of every sentence naming no other person."""
        from .patterns import patterns

        out = {self.sent_of(m.start()) for m in self.finditer(patterns().first_person)}
        if self.drug.name:
            out |= {i for i in range(len(self.sents))
                    if not _OTHER_SUBJECT.search(self.sent_text(i))}
        return out

    def __repr__(self) -> str:
        return f"Doc({self.text[:40]!r}, {len(self.sents)} sentences)"
