"""Text normalisation that keeps character offsets, sentence spans and number parsing.

:func:`normalise` maps every character to exactly one character (apostrophes ``´ ’ ‘ ` ``
to ``'``, dashes to ``-``, odd spaces to a space, letters to lower case), so a span found in
the normalised text is the same span in the original: ``text[start:end]`` is always the
words that justify a value.

Examples
--------
>>> normalise("I don´t take Gilenya – 2,5 ml")
"i don't take gilenya - 2,5 ml"
>>> to_number("2,5"), to_number("two"), to_number("4.5")
(2.5, 2.0, 4.5)
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from ..rules import lexicon

_CHAR_MAP = {
    "\u00b4": "'", "\u2019": "'", "\u2018": "'", "`": "'", "\u201b": "'", "\u02bc": "'",
    "\u2032": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-", "\u2012": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\u200b": " ", "\t": " ",
    "\u2026": ".", "\u2022": "*", "\r": "\n",
}
_TABLE = str.maketrans(_CHAR_MAP)


_LOW_DASH = re.compile(r"\blow-(?=dos)")


def normalise(text: str) -> str:
    """Fold apostrophes, quotes, dashes and spaces, and lower-case, keeping the length.

    Examples
    --------
    >>> s = "Don’t STOP"
    >>> len(normalise(s)) == len(s)
    True
    """
    folded = text.translate(_TABLE)
    lowered = folded.lower()
    if len(lowered) != len(folded):
        # A few characters lower-case to two (e.g. 'İ'); keep those as they are.
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)
    if "low-" in lowered:
        # "low-dose naltrexone" is "low dose naltrexone": one spelling for every rule
        lowered = _LOW_DASH.sub("low ", lowered)
    return lowered


# Sentence ends: terminal punctuation runs followed by space, line breaks, or ellipses.
# "Dr." "usu." "approx." "e.g." "vs." do not end a sentence.
_SENT_END = re.compile(
    r"[.!?](?<!\bdr\.)(?<!\bmr\.)(?<!\bmrs\.)(?<!\bst\.)(?<!\busu\.)(?<!\be\.g\.)"
    r"(?<!\bi\.e\.)(?<!\bvs\.)(?<!\bapprox\.)(?<!\betc\.)"
    r"(?:[.!?]*[\"')\]]*(?=\s|$)|(?<=\.)\.+|(?<=\?)\?*|(?<=!)!*)"
    r"|\n+")
# (The expression starts with a character class so the engine can skip quickly to
# candidate positions; abbreviations are checked after the full stop is consumed.)


# (?<=[a-z])[.!?](?=...), written stop-first so the engine skips to candidate stops
_GLUED = re.compile(r"[.!?](?<=[a-z][.!?])(?=[A-Z](?:[a-z]|\s|'))")


def sentence_spans(norm: str, original: str | None = None) -> list[tuple[int, int]]:
    """Character spans of the sentences of a normalised text (stripped of outer spaces).

    With the `original` text, a full stop glued to the next sentence's capital
    ("lesion.I have") also ends a sentence.

    Examples
    --------
    >>> t = normalise("I take LDN. Dr. Lee agreed!\\nThanks")
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['i take ldn.', 'dr. lee agreed!', 'thanks']
    >>> o = "No new lesion.I feel fine"
    >>> [normalise(o)[s:e] for s, e in sentence_spans(normalise(o), o)]
    ['no new lesion.', 'i feel fine']
    """
    spans = []
    start = 0
    ends = list(_SENT_END.finditer(norm))
    if original is not None and len(original) == len(norm):
        glued = [m for m in _GLUED.finditer(original)]
        if glued:
            ends = sorted(ends + glued, key=lambda m: m.start())
    for m in ends:
        if m.start() < start:
            continue
        end = m.end() if norm[m.start()] != "\n" else m.start()
        _push(norm, start, end, spans)
        start = m.end()
    _push(norm, start, len(norm), spans)
    return spans


def _push(norm, start, end, spans):
    while start < end and norm[start].isspace():
        start += 1
    while end > start and norm[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


class SentenceIndex:
    """Find the sentence a character offset falls in (binary search over starts)."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = spans
        self._starts = [s for s, _ in spans]

    def of(self, pos: int) -> int:
        """Index of the sentence holding `pos` (the nearest earlier one between sentences)."""
        return max(0, bisect_right(self._starts, pos) - 1)

    def __len__(self):
        return len(self.spans)


@lru_cache(maxsize=1)
def _word_numbers() -> dict[str, float]:
    numbers = lexicon("numbers")
    out = {k: float(v) for k, v in numbers["cardinal"].items()}
    return out


def to_number(token: str) -> float | None:
    """Parse digits (decimal point or comma) or a number word; None if it is neither.

    Examples
    --------
    >>> to_number("1.5"), to_number("a couple of"), to_number("2.00"), to_number("x")
    (1.5, 2.0, 2.0, None)
    """
    t = token.strip().lower()
    if not t:
        return None
    if t[0].isdigit() or t[0] == ".":
        try:
            return float(t.replace(",", "."))
        except ValueError:
            return None
    return _word_numbers().get(" ".join(t.split()))
