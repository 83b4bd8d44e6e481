"""The field contract: what every extractor in :mod:`ldn_comments.fields` is and returns.

An extractor is an object with ``fields`` (the schema fields it writes), ``needs`` (the
fields written earlier that it reads from ``known``) and ``__call__(doc, known)`` that
returns a :class:`Finding`: its values and, per field, the evidence spans that justify
them, each ``(start, end, rule_id)`` so a reader sees which rule fired.

Examples
--------
>>> ev = Evidence()
>>> ev.cite("age", 5, 7, "age.stated")
>>> Finding({"age": 44}, ev.spans)
Finding(values={'age': 44}, evidence={'age': [(5, 7, 'age.stated')]})
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from ..nlp.doc import Doc

__all__ = ["Evidence", "FieldExtractor", "Finding", "Span", "THIRD_PARTY_ROLES", "reading_role"]

#: An evidence span: start and end offsets in the text and the id of the rule that fired.
Span = tuple[int, int, str]

#: Speaker roles who report on other people's use (their "she", "my patients" count).
THIRD_PARTY_ROLES = ("caregiver", "clinician")


def reading_role(doc: Doc, known: Mapping[str, object]) -> str:
    """The speaker role the field rules read with: the written role, except that a news
    story's named subject is read as a third party, as a carer's relative is
    (:func:`~ldn_comments.nlp.focus.field_role`)."""
    from ..nlp.focus import field_role

    role = str(known["speaker_role"])
    return role if doc.experience is None else field_role(role, doc.experience)


@dataclass(frozen=True)
class Finding:
    """What one extractor found: ``values`` (exactly its fields) and ``evidence``
    (``{field: [(start, end, rule_id), ...]}``, in the order cited)."""

    values: dict
    evidence: dict = field(default_factory=dict)


class Evidence:
    """Collects the spans an extractor cites, per field, first citation of a span kept.

    Examples
    --------
    >>> ev = Evidence()
    >>> ev.cite("effect", 0, 4, "outcome.positive"); ev.cite("effect", 0, 4, "outcome.benefit")
    >>> ev.spans
    {'effect': [(0, 4, 'outcome.positive')]}
    """

    def __init__(self) -> None:
        self.spans: dict[str, list[Span]] = {}
        self._seen: dict[str, set[tuple[int, int]]] = {}

    def cite(self, name: str, start: int, end: int, rule: str) -> None:
        """Record that rule `rule` justified field `name` with ``text[start:end]``."""
        seen = self._seen.setdefault(name, set())
        if (start, end) not in seen:
            seen.add((start, end))
            self.spans.setdefault(name, []).append((start, end, rule))


@runtime_checkable
class FieldExtractor(Protocol):
    """A field group's extractor (see the module docstring)."""

    fields: tuple[str, ...]
    needs: tuple[str, ...]

    def __call__(self, doc: Doc, known: Mapping[str, object]) -> Finding: ...
