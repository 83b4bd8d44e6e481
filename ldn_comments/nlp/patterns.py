"""The compiled patterns every field reads, built once per process from the lexicons.

Fields never compile lexicon terms themselves: they ask :func:`patterns` for a compiled
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

from ..rules import alternation, bounded, compiled, compiled_keyed, lexicon
from .text import NUMBER, number_words_pattern

__all__ = ["Alternation", "Patterns", "patterns"]


@dataclass(frozen=True)
class Patterns:
    ldn: re.Pattern
    therapy: object
    ms: object
    benefit: object
    adverse: object
    positive: re.Pattern
    negative: re.Pattern
    no_effect: re.Pattern
    negated_adverse: re.Pattern
    cue: dict
    first_person: re.Pattern
    caregiver: re.Pattern
    dose: re.Pattern
    bare_dose: re.Pattern
    date: re.Pattern
    length: re.Pattern
    age: object
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

    def finditer(self, text: str):
        found = [p.search(text) for p in self.parts]
        while True:
            best = None
            for m in found:  # ties go to the earlier alternative, as in the engine
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
            if best is None:
                return
            yield best
            pos = best.end() if best.end() > best.start() else best.start() + 1
            found = [m if m is None or m.start() >= pos else p.search(text, pos)
                     for m, p in zip(found, self.parts)]


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    cues = lexicon("cues")
    cue = {k: compiled("cues", k) for k in cues if k != "_doc"}
    rel = alternation(cues["relatives"])
    after = alternation(cues["relative_subject_after"])
    caregiver = re.compile(bounded(rf"(?:my|our)\s+(?:\w+\s+)?{rel}(?:'s)?\W{{0,3}}(?:\w+\W+){{0,3}}?{after}"))
    words = number_words_pattern()
    num = rf"(?:{NUMBER}|{words})"
    unit = r"(?:mg|milligrams?|ml|mls|millilit(?:re|er)s?)"
    dose = re.compile(
        rf"(?<![\w.,$£€])(?P<a>{NUMBER}|(?<![\w])(?:{words}))(?:\s*(?:-|to|or|/)\s*(?P<b>{NUMBER}))?\s*(?P<u>{unit})"
        rf"(?![\w/])(?!\s*/\s*(?:ml|mg|l)\b)")
    bare_dose = re.compile(
        rf"(?:(?<=\bat )|(?<=\bto )|(?<=\bfrom )|(?<=\bthen )|(?<=\bwith )|(?<=\btaking )|"
        rf"(?<=\bthe )|(?<=\bnow )|(?<=\bof )|(?<=\bon )|(?<=\bwent )|(?<=\bgo )|(?<=\bwas )|"
        rf"(?<=\bup )|(?<=\bdown )|(?<=\btake )|(?<=\bplanning )|(?<=\btry )|(?<=\bldn )|(?<=-> )|"
        rf"(?<=->)|(?<=> ))"
        rf"(?P<a>\d(?:[.,]\d{{1,2}})?)(?![\d.,]*\s*(?:%|x\b|times|years?|yrs?|months?|weeks?|days?|"
        rf"hours?|pills|iu|mcg|units?|am|pm|k\b|/|:|mg|ml|milli))(?![\w])")
    months = alternation(lexicon("numbers")["months"])
    date = re.compile(
        rf"(?<![\w])(?:(?P<q>early|mid|late|end of|beginning of|start of|spring|summer|autumn|"
        rf"fall|winter)(?:[- ]of)?[- ]?)?(?:(?P<m>{months})\.?\s+(?:of\s+)?)?(?:(?P<y>(?:19|20)\d\d)|(?<=\s)'(?P<yy>\d\d))(?![\w])")
    units = alternation(lexicon("numbers")["unit_months"])
    length = re.compile(
        rf"(?<![\w])(?P<pre>(?:for|since|about|over|almost|nearly|around|approx\w*|more than|"
        rf"just over|just under|under|the last|the past|last|past|in the last|in the past|"
        rf"a good|a solid|a full|well over|a little over|a bit over|roughly|coming up (?:on|to))\s+)*"
        rf"(?P<n>{num})\s*(?:\+\s*)?(?P<u>{units})(?P<half>\s+and\s+a\s+half)?(?![\w])")
    # One search per alternative (see Alternation): the digit- and bracket-led ones then
    # skip straight to digits and brackets instead of trying every alternative everywhere.
    age = Alternation(
        rf"(?<![\w])(?:i am|i'm|im|i was|she is|he is|she's|he's|who is|aged?|age of)\s+(?:a\s+|an\s+|now\s+|just\s+)?"
        rf"(?P<a>\d{{2}})(?!\s*(?:mg|ml|%|years? ago|years? since|months|weeks|days|[,.]\d))(?![\w.])",
        # (?<![\w.])\d\d, written digit-first
        rf"(?P<b>\d(?<![\w.]\d)\d)\s*(?:-|\s)?\s*(?:yrs?|years?|y/?o)\b(?:\s*-?\s*old)?(?=\s*(?:old|female|male|woman|man|lady|guy|mum|mom|wife|husband|,|\.|$|with|and|who|diagnosed))",
        rf"(?<![\w])(?:is|'s|turned|just turned)\s+(?P<c>\d{{2}})(?=\s*(?:and\b|,|\.|now\b|$))",
        rf"(?:(?:rrms|ppms|spms|cis|ms|progressive|remitting|female|male|f|m|woman|man|here),\s*)(?P<d>\d{{2}})(?=\s*[,;.)])",
        rf"\((?P<e>\d{{2}})\s*(?:[,;)]|[mf]\b|y/?o\b)")
    question = re.compile(r"\?")
    diag_cue = re.compile(r"(?<![\w])(?:dx'?d|dxd|dx|diagnosed|diagnosis|diagnose|onset)(?![\w])")
    ms_all = alternation([t for k, v in lexicon("ms_types").items() if k not in ("precedence", "_doc") for t in v])
    since_dx = re.compile(rf"(?<![\w]){ms_all}\s+(?:since|in|from|dx'?d?|diagnosed(?:\s+in)?)\s*$")
    ordinal = alternation(lexicon("numbers")["ordinal"])
    ordinal_year = re.compile(
        rf"(?<![\w])(?:in\s+)?(?:my|her|his|our|the)\s+(?P<o>{ordinal})\s+(?P<u>year|month)\s+(?:of|with|on|taking|using)\s+(?P<w>\w+)")
    ago = re.compile(
        rf"(?<![\w])(?:(?:about|over|almost|nearly|around|approx\w*|just|some)\s+)?(?P<n>{num})\s+(?P<u>{units})\s+(?:ago|a\s?go|back)(?![\w])")
    recent_dx = re.compile(r"(?<![\w])(?P<w>last week|last month|last year|this year|yesterday|this week|this month|today|recently)(?![\w])")
    imperative = re.compile(r"^(?:(?:hi|hey|hello|dear|ok|so|and|also|well|yes|no)\b[\w\s]{0,20}?[,!.]\s*)?"
                            + alternation(cues["imperative_start"]) + r"(?![\w])")
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
        cue=cue, first_person=compiled("cues", "first_person"), caregiver=caregiver,
        dose=dose, bare_dose=bare_dose, date=date, length=length, age=age, question=question,
        diag_cue=diag_cue, since_dx=since_dx, ordinal_year=ordinal_year, ago=ago,
        recent_dx=recent_dx, imperative=imperative,
    )
