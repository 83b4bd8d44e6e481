"""The drug a text is about, when the source says so (a review site's drug column, or a
whole thread about one drug): "it", "this drug", "this medication" then mean that drug.

Drug names are matched with the lexicons the extractor uses for text (brand, generic,
"Copaxone (glatiramer acetate)", "Naltrexone HCl", any case and spacing). Naltrexone is
LDN when the name says "low dose"/LDN or a dose of 5 mg or less, or when the condition is
not alcohol or opioid dependence; at a dose above 5 mg, or for dependence, it is
full-dose naltrexone, which is not LDN. Conditions are read with the ``conditions``
lexicon, which also gives :func:`condition_matches` (the ``--condition`` filter).

Examples
--------
>>> drug_context("Naltrexone HCl 4.5 mg").is_ldn
True
>>> drug_context("Copaxone (glatiramer acetate)").therapy_key
'glatiramer'
>>> drug_context("Naltrexone", "Alcohol Dependence").is_naltrexone_full
True
>>> drug_context(None).is_ldn, drug_context(None).therapy_key
(False, None)
>>> drug_group("naltrexone hcl", "Multiple Sclerosis"), drug_group("GILENYA")
('LDN', 'fingolimod')
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..rules import compiled, compiled_keyed, expand, lexicon
from .text import normalise

__all__ = ["DrugContext", "drug_context", "drug_group", "condition_key", "condition_matches",
           "CONDITION_KEYS", "LDN_GROUP", "FULL_NALTREXONE_GROUP"]

#: The by-drug group name of naltrexone at low dose, and of naltrexone at full dose.
LDN_GROUP = "LDN"
FULL_NALTREXONE_GROUP = "naltrexone (full dose)"

_DOSE = re.compile(expand(r"(\d+(?:[.,]\d+)?)\s*{unit_mg}\b"))
_LOW = re.compile(r"\b(?:low[- ]?dose|ldn|l\.d\.n)\b")
_DEPENDENCE = ("alcohol_dependence", "opioid_dependence")


@dataclass(frozen=True)
class DrugContext:
    """What the reviewed drug is: LDN (``is_ldn``), another therapy (``therapy_key``),
    full-dose naltrexone (``is_naltrexone_full``) or unknown (all empty)."""

    name: str | None = None
    is_ldn: bool = False
    therapy_key: str | None = None
    is_naltrexone_full: bool = False

    @property
    def group(self) -> str | None:
        """The by-drug group: :data:`LDN_GROUP`, :data:`FULL_NALTREXONE_GROUP`, the
        therapy key, or the name as given (folded) for a drug no lexicon knows."""
        if self.is_ldn:
            return LDN_GROUP
        if self.is_naltrexone_full:
            return FULL_NALTREXONE_GROUP
        if self.therapy_key:
            return self.therapy_key
        if self.name is None:
            return None
        return " ".join(normalise(self.name).split()) or None


@lru_cache(maxsize=4096)
def drug_context(drug: str | None, condition: str | None = None) -> DrugContext:
    """Map a drug column value (any case, brand or generic) to a :class:`DrugContext`.

    Parameters
    ----------
    drug : str or None
        The drug as the source names it ("Naltrexone HCl", "copaxone kit", "LDN 3 mg").
    condition : str, optional
        The source's condition for the review ("Alcohol Dependence", "Other").

    Returns
    -------
    DrugContext
        Naltrexone counts as LDN when the name says "low dose"/LDN or names a dose of
        5 mg or less, or else when the condition is not alcohol or opioid dependence; a
        named dose above 5 mg, or a dependence condition, makes it full-dose naltrexone.

    Examples
    --------
    >>> drug_context("Naltrexone 50 mg").is_naltrexone_full
    True
    >>> drug_context("Low Dose Naltrexone", "alcohol dependence").is_ldn
    True
    >>> drug_context("naltrexone", "Opiate Dependence").is_ldn
    False
    >>> drug_context("Tec fidera").therapy_key is None, drug_context("TECFIDERA").therapy_key
    (True, 'dimethyl_fumarate')
    """
    if drug is None or not isinstance(drug, str) or not drug.strip():
        return DrugContext()
    text = " ".join(normalise(drug).split())
    if compiled("cues", "ldn").search(text):
        dose = _DOSE.search(text)
        if dose is not None:
            full = float(dose.group(1).replace(",", ".")) > 5
        elif _LOW.search(text):
            full = False
        else:
            full = condition_key(condition) in _DEPENDENCE
        return DrugContext(name=str(drug), is_ldn=not full, is_naltrexone_full=full)
    keyed = compiled_keyed("therapies")
    m = keyed.pattern.search(text)
    if m:
        return DrugContext(name=str(drug), therapy_key=keyed.key_of(m))
    return DrugContext(name=str(drug))


def drug_group(drug: str | None, condition: str | None = None) -> str | None:
    """The by-drug group of a review: ``"LDN"``, ``"naltrexone (full dose)"``, a therapy
    key of the guide (``"glatiramer"``), the folded name of an unknown drug, or None.

    Examples
    --------
    >>> drug_group("Copaxone"), drug_group("Naltrexone", "Alcohol Dependence")
    ('glatiramer', 'naltrexone (full dose)')
    >>> drug_group("  Some  NewDrug "), drug_group(None)
    ('some newdrug', None)
    """
    return drug_context(drug, condition).group


#: The condition keys of the ``conditions`` lexicon (what ``condition=`` may name).
CONDITION_KEYS = ("ms", "alcohol_dependence", "opioid_dependence")


@lru_cache(maxsize=4096)
def condition_key(condition: str | None) -> str | None:
    """The condition key a condition label means (MS before the dependence keys), or None.

    Examples
    --------
    >>> condition_key("Relapsing Forms of Multiple Sclerosis"), condition_key("Opiate Dependence")
    ('ms', 'opioid_dependence')
    >>> condition_key("Other") is None, condition_key(None) is None
    (True, True)
    """
    if condition is None or not isinstance(condition, str) or not condition.strip():
        return None
    text = normalise(condition)
    for key in CONDITION_KEYS:
        if compiled("conditions", key).search(text):
            return key
    return None


def condition_matches(key: str, condition: str | None, text: str | None = None) -> bool:
    """True when the condition label, or else the text, speaks of condition `key`.

    A condition column that names the condition is enough; where it names another one (or
    is empty) the review's text is searched with the same vocabulary.

    Examples
    --------
    >>> condition_matches("ms", "Walking Impairment in Multiple Sclerosis")
    True
    >>> condition_matches("ms", "Other", "Low dose, 3mg at bedtime for my PPMS.")
    True
    >>> condition_matches("ms", "Alcohol Dependence", "50 mg for my drinking")
    False
    """
    if key not in lexicon("conditions") or key == "_doc":
        raise KeyError(key)
    rx = compiled("conditions", key)
    for value in (condition, text):
        if isinstance(value, str) and value and rx.search(normalise(value)):
            return True
    return False
