"""The compiled patterns every field reads, built once per process from the lexicons.

The grammar pieces are data (``lexicons/grammar.json``, combined through placeholders);
the terms are the lexicons'. Fields never compile lexicon terms themselves: they ask :func:`patterns` for a compiled
pattern and run it through :meth:`ldn_comments.nlp.doc.Doc.finditer` (or ``find``), so
that a multi-pattern prefilter can later stand in front of these patterns in one place.

Examples
--------
>>> rx = patterns()
>>> rx.ldn.search("been on low dose naltrexone").group(0)
'low dose naltrexone'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..rules import KeyedPattern, alternation, bounded, compiled, compiled_keyed, grammar, grammar_source, lexicon

__all__ = ["Alternation", "Patterns", "patterns"]


@dataclass(frozen=True)
class Patterns:
    """The compiled patterns of :func:`patterns`, by name."""

    ldn: re.Pattern
    therapy: KeyedPattern
    ms: KeyedPattern
    benefit: KeyedPattern
    adverse: KeyedPattern
    positive: re.Pattern
    negative: re.Pattern
    no_effect: re.Pattern
    negated_adverse: re.Pattern
    cue: dict[str, re.Pattern]
    first_person: re.Pattern
    caregiver: re.Pattern
    dose: re.Pattern
    bare_dose: re.Pattern
    date: re.Pattern
    length: re.Pattern
    age: Alternation
    question: re.Pattern
    diag_cue: re.Pattern
    since_dx: re.Pattern
    ordinal_year: re.Pattern
    ago: re.Pattern
    recent_dx: re.Pattern
    imperative: re.Pattern


class Alternation:
    r"""``A|B|...`` searched one alternative at a time, with the joined pattern's matches.

    ``finditer`` yields what ``re.compile("A|B|...").finditer`` yields: the leftmost
    match, and at one position the earlier alternative, going on from its end. An
    alternative that starts with a digit or a literal keeps the engine's quick skip to
    such characters, which the joined pattern loses (it must try every alternative at
    every position).

    Examples
    --------
    >>> alt = Alternation(r"(?P<x>\d\d) yrs", r"age (?P<y>\d\d)")
    >>> [(m.group(0), m.lastgroup) for m in alt.finditer("age 44, 45 yrs")]
    [('age 44', 'y'), ('45 yrs', 'x')]
    """

    def __init__(self, *alternatives: str):
        self.parts = [re.compile(a) for a in alternatives]

    def finditer(self, text: str, search=None):
        """The joined pattern's matches; `search(part, pos)` stands for
        ``part.search(text, pos)`` (a comment's compiled scan gives the same answers)."""
        if search is None:
            def search(part, pos):
                return part.search(text, pos)
        found = [search(p, 0) for p in self.parts]
        while True:
            best = None
            for m in found:  # ties go to the earlier alternative, as in the engine
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
            if best is None:
                return
            yield best
            pos = best.end() if best.end() > best.start() else best.start() + 1
            found = [m if m is None or m.start() >= pos else search(p, pos)
                     for m, p in zip(found, self.parts)]


def _one(name: str) -> re.Pattern:
    """The grammar piece `name` compiled (a single pattern, not a list of alternatives)."""
    compiled = grammar(name)
    if not isinstance(compiled, re.Pattern):
        raise TypeError(f"grammar piece {name!r} is a list of alternatives")
    return compiled


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    """Every compiled pattern the fields read (built once per process).

    The grammar pieces (number, unit, dose, date, length, age ...) come from
    ``lexicons/grammar.json`` through :func:`ldn_comments.rules.grammar`; cue, therapy,
    course and outcome terms from their lexicons.
    """
    cues = lexicon("cues")
    o = lexicon("outcomes")
    return Patterns(
        ldn=compiled("cues", "ldn"), therapy=compiled_keyed("therapies"),
        ms=compiled_keyed("ms_types"),
        benefit=compiled_keyed("outcomes", "benefits"),
        adverse=compiled_keyed("outcomes", "adverse_events"),
        positive=re.compile(bounded(alternation(o["positive"]))),
        negative=re.compile(bounded(alternation(o["negative"]))),
        no_effect=re.compile(bounded(alternation(o["no_effect"]))),
        negated_adverse=re.compile(bounded(alternation(o["negated_adverse"]))),
        cue={k: compiled("cues", k) for k in cues if k != "_doc"},
        first_person=compiled("cues", "first_person"),
        caregiver=_one("caregiver"), dose=_one("dose"), bare_dose=_one("bare_dose"),
        date=_one("date"), length=_one("length"),
        # One search per alternative (see Alternation): the digit- and bracket-led ones
        # then skip straight to digits and brackets instead of trying every alternative.
        age=Alternation(*grammar_source("age")),
        question=_one("question"), diag_cue=_one("diagnosis_cue"),
        since_dx=_one("course_since"), ordinal_year=_one("ordinal_year"),
        ago=_one("ago"), recent_dx=_one("recent"), imperative=_one("imperative"),
    )
