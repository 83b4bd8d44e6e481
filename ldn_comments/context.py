"""The drug a text is about, when the source says so (a review site's drug column, or a
whole thread about one drug): "it", "this drug", "this medication" then mean that drug.

Examples
--------
>>> drug_context("Naltrexone HCl 4.5 mg").is_ldn
True
>>> drug_context("Copaxone (glatiramer acetate)").therapy_key
'glatiramer'
>>> drug_context(None).is_ldn, drug_context(None).therapy_key
(False, None)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .rules import compiled, compiled_keyed
from .text import normalise


@dataclass(frozen=True)
class DrugContext:
    """What the reviewed drug is: LDN (``is_ldn``), another therapy (``therapy_key``),
    full-dose naltrexone (``is_naltrexone_full``) or unknown (all empty)."""

    name: str | None = None
    is_ldn: bool = False
    therapy_key: str | None = None
    is_naltrexone_full: bool = False


@lru_cache(maxsize=256)
def drug_context(drug: str | None, condition: str | None = None) -> DrugContext:
    """Map a drug column value (any case, brand or generic) to a :class:`DrugContext`.

    Naltrexone counts as LDN when the name says "low dose"/LDN, a dose of 5 mg or less is
    named, or the condition is not alcohol or opioid dependence.
    """
    if drug is None or not str(drug).strip():
        return DrugContext()
    text = normalise(str(drug))
    if compiled("cues", "ldn").search(text):
        full = False
        dose = re.search(r"(\d+(?:[.,]\d+)?)\s*mg", text)
        low = re.search(r"\b(?:low|ldn)\b", text) is not None
        if dose and float(dose.group(1).replace(",", ".")) > 5:
            full = True
        cond = normalise(condition or "")
        if not low and re.search(r"alcohol|opioid|opiate|heroin|addiction|dependence", cond):
            full = True
        return DrugContext(name=str(drug), is_ldn=not full, is_naltrexone_full=full)
    m = compiled_keyed("therapies").pattern.search(text)
    if m:
        return DrugContext(name=str(drug), therapy_key=compiled_keyed("therapies").key_of(m))
    return DrugContext(name=str(drug))
