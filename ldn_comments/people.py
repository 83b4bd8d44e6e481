"""Person keys: one key per real writer, however their name is spelled.

Examples
--------
>>> person_key("Judy E.")
'judy-e'
>>> person_key("Marta Bjarnadóttir") == person_key("Marta  Bjarnadottir")
True
"""
from __future__ import annotations

import re
import unicodedata

import pandas as pd

_NON_WORD = re.compile(r"[^\w\s-]+")
_SPACES = re.compile(r"[\s_-]+")
# Letters that NFKD does not decompose into a base letter and a mark.
_FOLD = str.maketrans({"ø": "o", "đ": "d", "ð": "d", "þ": "th", "ł": "l", "ß": "ss",
                       "æ": "ae", "œ": "oe", "ı": "i"})


def person_key(name) -> str | None:
    """Lower case, accents folded, punctuation dropped, runs of spaces to ``-``.

    Returns None for a missing or empty name.

    Examples
    --------
    >>> person_key("Dr Edmond O`Flaherty")
    'dr-edmond-oflaherty'
    >>> person_key("  ") is None
    True
    """
    if name is None or (not isinstance(name, str) and pd.isna(name)):
        return None
    text = unicodedata.normalize("NFKD", str(name).casefold().translate(_FOLD))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _NON_WORD.sub("", text)
    text = _SPACES.sub("-", text.strip()).strip("-")
    return text or None
