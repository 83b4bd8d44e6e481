"""Small decisions several field modules share: whose drug a word belongs to, advice to
the reader, verdicts about others, and reading lengths of time.

Examples
--------
>>> months("two", "weeks", None), months("3", "years", " and a half")
(0.5, 42.0)
"""
from __future__ import annotations

import re
from typing import cast

from ..nlp.doc import Doc, scanned
from ..nlp.mentions import Mention
from ..nlp.patterns import patterns
from ..nlp.text import to_number
from ..rules import grammar, lexicon

__all__ = ["OWNER_WINDOW", "YEAR", "advice", "ago", "ends_with", "for_others", "months",
           "ordinal", "owner", "year_of"]

#: Characters looked back from a word for the drug it belongs to (about a clause).
OWNER_WINDOW = 90

#: A year, four digits or "'23" (a cheap test before running the date pattern).
# grammar() is typed for either a pattern or a list of them; this piece is one pattern.
YEAR = cast(re.Pattern, grammar("year_hint"))
scanned(YEAR)

#: The subject of a clause told after its date ("Two years ago | she | began ...", "Ten
#: years ago, | my wife | was diagnosed"): a word, or "my" and a relation.
CLAUSE_SUBJECT_AFTER = r"\s*,?\s*(?:(?:my|our) [\w'-]+|[a-z]+)\s+"

_FOR_OTHERS = re.compile(r"\s*(?:for|with|on)\s+(?:you|u|them|others|other people|many|some)\b")
#: Characters after a verdict searched for "for you", "for others".
FOR_OTHERS_WINDOW = 20


def owner(doc: Doc, pos: int, ldn: list[Mention], therapies: list[Mention],
          window: int = OWNER_WINDOW) -> str | None:
    """The drug named nearest before `pos` in its sentence: 'ldn', 'other' or None."""
    i = doc.sent_of(pos)
    s, _ = doc.sents[i]
    lo = max(s, pos - window)
    best, where = None, -1
    for m in ldn:
        if lo <= m.start < pos and m.start > where:
            best, where = "ldn", m.start
    for m in therapies:
        if lo <= m.start < pos and m.start > where:
            best, where = "other", m.start
    return best


def advice(doc: Doc, sent: int, pos: int) -> bool:
    """Advice to the reader ('stick with 4.5 mg', 'your dose') is not the writer's."""
    rx = patterns()
    s, e = doc.sents[sent]
    if rx.imperative.match(doc.norm[s:e]):
        return not rx.first_person.search(doc.norm[s:pos])
    return doc.scopes.has("other_person", pos)


def for_others(doc: Doc, end: int) -> bool:
    """'did not work for you': the verdict is about someone else."""
    return _FOR_OTHERS.match(doc.norm[end:end + FOR_OTHERS_WINDOW]) is not None


def ends_with(rx: re.Pattern, text: str) -> bool:
    """True when a match of `rx` ends `text` (up to a few words or punctuation)."""
    for m in rx.finditer(text):
        if text[m.end():].strip(" ,.-:") == "" or re.fullmatch(r"[\s\w]{0,14}", text[m.end():]):
            return True
    return False


def year_of(m: re.Match) -> str | None:
    """The year of a date match: four digits, or "'23" after a month (2023)."""
    if m.group("y"):
        return m.group("y")
    if m.group("yy") and m.group("m"):
        yy = int(m.group("yy"))
        return str(2000 + yy if yy <= 40 else 1900 + yy)
    return None


def ago(doc: Doc) -> list:
    """Matches of "N units ago / back": none without "go" or "back" (a substring test
    is far cheaper than the scan, and most comments have neither)."""
    if "go" not in doc.norm and "back" not in doc.norm:
        return []
    return doc.finditer(patterns().ago)


def ordinal(word: str) -> str:
    """The number of an ordinal word ("third" -> "3")."""
    return str(lexicon("numbers")["ordinal"][word])


def months(n: str, unit: str, half: str | None) -> float:
    """A length of time in months: `n` `unit` (and a half)."""
    value = to_number(n) or 0.0
    factor = lexicon("numbers")["unit_months"][unit]
    out = value * factor
    if half:
        out += 0.5 * factor
    # weeks and days to one decimal ("3 weeks" = 0.7, "six weeks" = 1.4, as the guide)
    return round(out, 1) if factor < 1 else out
