"""ConText-style assertion: is a concept negated, hypothetical, historical, or about
another person?

Triggers are data (``lexicons/triggers.json``), each with a direction. A forward trigger's
scope runs from its end to the end of its clause: the sentence end, a termination term
("but", "however", ";") or, for negation, a comma, "and", or about five words, whichever
comes first. A backward trigger's scope runs back to the start of its clause. Scopes are
computed once per comment and category, when first asked for; a concept match is then
asserted by a scan of the few scopes in its sentence.

Examples
--------
>>> from ldn_comments.nlp.text import normalise, sentence_spans
>>> t = normalise("No side effects and feeling great. My friend swears by LDN.")
>>> sc = Scopes(t, sentence_spans(t))
>>> sc.has("negated", t.index("side"))
True
>>> sc.has("negated", t.index("feeling"))
False
>>> sc.has("other_person", t.index("ldn"))
True
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..rules import TRIGGER_KEYS, alternation, bounded, lexicon

#: Longest forward scope (characters) per category; None = to the end of the clause.
#: Data: each category's ``max_forward_chars`` in ``lexicons/triggers.json``.
MAX_SCOPE = {cat: lexicon("triggers")[cat]["max_forward_chars"] for cat in TRIGGER_KEYS}
#: Categories whose scopes count as another one ("your dose" is about another person):
#: each category's ``counts_as`` in ``lexicons/triggers.json``.
ALIAS = {cat: lexicon("triggers")[cat]["counts_as"] for cat in TRIGGER_KEYS
         if "counts_as" in lexicon("triggers")[cat]}
_NEG_EXTRA_STOPS = [",", "and", "&", r"\+", "so", "because", "as", "then", "which", "who",
                    "since", "thanks"]


@lru_cache(maxsize=1)
def _patterns():
    trig = lexicon("triggers")
    fwd, bwd = {}, {}
    for cat in MAX_SCOPE:
        spec = trig.get(cat, {})
        if spec.get("forward"):
            fwd[cat] = re.compile(bounded(alternation(spec["forward"])))
        if spec.get("backward"):
            bwd[cat] = re.compile(bounded(alternation(spec["backward"])))
    terms = [t for t in trig["termination"] if t != ";"]
    term = re.compile(bounded(alternation(terms)) + r"|[;:()\[\]]")
    neg_stop = re.compile(bounded(alternation(terms + [s for s in _NEG_EXTRA_STOPS if s != ","]))
                          + r"|[,;:()\[\]]")
    return fwd, bwd, term, neg_stop


@lru_cache(maxsize=1)
def _comma_stop():
    """A hypothetical's scope also ends at a comma ("I could barely function, I stopped")."""
    term = _patterns()[2]
    return re.compile(term.pattern + r"|,")


class Scopes:
    """All trigger scopes of one normalised text.

    Parameters
    ----------
    norm : str
        Normalised text (see :func:`ldn_comments.nlp.text.normalise`).
    sentences : list of (start, end)
        Its sentence spans.
    finditer : callable, optional
        ``finditer(pattern)`` -> the matches of a trigger pattern over the whole text (a
        comment's compiled scan, :meth:`ldn_comments.nlp.scan.Hits.finditer`); default
        ``pattern.finditer(norm)``.
    """

    def __init__(self, norm: str, sentences: list[tuple[int, int]], finditer=None):
        self.norm = norm
        self._finditer = finditer or (lambda pattern: pattern.finditer(norm))
        self.ends = [e for _, e in sentences] or [len(norm)]
        self.starts = [s for s, _ in sentences] or [0]
        self._spans: dict[str, list[tuple[int, int, int, int]]] = {}

    @property
    def spans(self) -> dict[str, list[tuple[int, int, int, int]]]:
        """(trigger start, trigger end, scope start, scope end) per category."""
        return {c: self._of(c) for c in MAX_SCOPE if c not in ALIAS}

    def _of(self, category: str) -> list[tuple[int, int, int, int]]:
        """The scopes of one category, found on first use (a comment's fields ask for
        only some categories)."""
        found = self._spans.get(category)
        if found is not None:
            return found
        found = self._spans[category] = []
        fwd, bwd, term, neg_stop = _patterns()
        comma_stop = _comma_stop()
        norm, ends, starts = self.norm, self.ends, self.starts
        for cat, rx in fwd.items():
            if ALIAS.get(cat, cat) != category:
                continue
            stop_rx = (neg_stop if cat in ("negated", "other_person_short")
                       else comma_stop if cat == "hypothetical" else term)
            for m in self._finditer(rx):
                s_end = _sentence_end(ends, m.end(), len(norm))
                limit = s_end if MAX_SCOPE[cat] is None else min(s_end, m.end() + MAX_SCOPE[cat])
                stop = stop_rx.search(norm, m.end(), limit)
                found.append((m.start(), m.end(), m.end(), stop.start() if stop else limit))
        for cat, rx in bwd.items():
            if ALIAS.get(cat, cat) != category:
                continue
            for m in self._finditer(rx):
                s_start = _sentence_start(starts, m.start())
                last = None  # the last term before the match in its sentence
                for found_term in term.finditer(norm, s_start, m.start()):
                    last = found_term
                begin = last.end() if last else s_start
                found.append((m.start(), m.end(), begin, m.start()))
        return found

    def has(self, category: str, pos: int, end: int | None = None) -> bool:
        """True when the concept starting at `pos` lies in a scope of `category` (and is
        not itself part of the trigger)."""
        end = pos if end is None else end
        for t_start, t_end, s_start, s_end in self._of(category):
            if s_start <= pos < s_end and not (t_start <= pos < t_end):
                return True
        return False

    def near(self, category: str, pos: int, within: int) -> bool:
        """Like :meth:`has`, but only for triggers ending at most `within` characters
        before `pos`."""
        for t_start, t_end, s_start, s_end in self._of(category):
            if s_start <= pos < s_end and not (t_start <= pos < t_end) and pos - t_end <= within:
                return True
        return False

    def triggers(self, category: str):
        """(start, end) of the triggers of `category`."""
        return [(a, b) for a, b, _, _ in self._of(category)]


def trigger_patterns() -> list:
    """Every trigger pattern scanned over whole texts (for a compiled scan)."""
    fwd, bwd, _, _ = _patterns()
    return list(fwd.values()) + list(bwd.values())


def _sentence_end(ends, pos, default):
    for e in ends:
        if e >= pos:
            return e
    return default


def _sentence_start(starts, pos):
    best = 0
    for s in starts:
        if s <= pos:
            best = s
        else:
            break
    return best
