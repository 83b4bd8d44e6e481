"""The extractor pipeline: the field extractors in the order they run, declared once.

At import the order is checked: every extractor's ``needs`` are written by an earlier
one, no field is written twice, and together they write exactly the schema's extracted
fields (:data:`ldn_comments.schema.EXTRACTED`). :func:`extract_one` is the seam the
table and streaming code call, one comment at a time.

Examples
--------
>>> r = extract_one("Started at 1.5 then 3, now 4.5 mg every night. No side effects.")
>>> r["dose_values"], r["current_dose"], r["dose_frequency"], r["adverse_events"]
([1.5, 3.0, 4.5], 4.5, 'daily', [])
>>> r["evidence"]["current_dose"]
[[27, 33, 'dose.now']]
"""
from __future__ import annotations

from collections.abc import Sequence

from .fields.base import FieldExtractor
from .fields.disease import DISEASE
from .fields.dose import DOSE
from .fields.outcome import OUTCOME
from .fields.reviewed_drug import REVIEWED_DRUG
from .fields.second_hand import SECOND_HAND
from .fields.subject import SUBJECT
from .fields.therapies import THERAPIES
from .fields.timing import TIMING
from .fields.use import USE
from .nlp.doc import Doc
from .schema import EXTRACTED

__all__ = ["PIPELINE", "check_pipeline", "extract_doc", "extract_one"]

#: The extractors in the order they run (the output's key order follows it).
PIPELINE: tuple[FieldExtractor, ...] = (
    SUBJECT, USE, DISEASE, DOSE, TIMING, THERAPIES, OUTCOME, SECOND_HAND, REVIEWED_DRUG,
)


def check_pipeline(pipeline: Sequence[FieldExtractor], schema_fields: Sequence[str]) -> None:
    """Raise ValueError unless every ``needs`` is written earlier, no field is written
    twice and the fields written are exactly `schema_fields`.

    Examples
    --------
    >>> check_pipeline([USE, SUBJECT], ["speaker_role", "is_question", "ldn_use"])
    Traceback (most recent call last):
    ...
    ValueError: Use needs 'speaker_role', which no earlier extractor writes
    """
    written: list[str] = []
    for ex in pipeline:
        name = type(ex).__name__
        for need in ex.needs:
            if need not in written:
                raise ValueError(f"{name} needs {need!r}, which no earlier extractor writes")
        for f in ex.fields:
            if f in written:
                raise ValueError(f"{name} writes {f!r}, already written earlier")
            written.append(f)
    missing = [f for f in schema_fields if f not in written]
    extra = [f for f in written if f not in schema_fields]
    if missing or extra:
        raise ValueError(f"the pipeline does not write the schema's fields: missing {missing}, "
                         f"not in the schema {extra}")


check_pipeline(PIPELINE, EXTRACTED)


def extract_doc(doc: Doc) -> dict:
    """Run the pipeline over a prepared :class:`~ldn_comments.nlp.doc.Doc`.

    The record holds every field in pipeline order (an extractor whose ``applies(doc)``
    is false, the reviewed drug's outcome on a source naming no other drug, leaves its
    fields out) and ``evidence``: ``{field: [[start, end, rule_id], ...]}`` sorted, for
    filled fields only.
    """
    rec: dict = {}
    evidence: dict = {}
    for ex in PIPELINE:
        applies = getattr(ex, "applies", None)
        if applies is not None and not applies(doc):
            continue
        found = ex(doc, rec)
        rec.update(found.values)
        evidence.update(found.evidence)
    # evidence only for filled fields (0.0, as False, counts as not filled: as before)
    filled = {k for k, v in rec.items() if v not in (None, [], False)}
    rec["evidence"] = {k: [list(s) for s in sorted(v)] for k, v in evidence.items() if k in filled}
    return rec


def extract_one(text: str, *, drug: str | None = None, topic: str | None = None,
                condition: str | None = None) -> dict:
    """Extract the guide's subject, LDN, disease, therapy and outcome fields from one text.

    Parameters
    ----------
    text : str
        The comment text.
    drug : str, optional
        The drug the text is known to be about (a review site's drug column); "it",
        "this drug" then refer to it.
    topic : {"ldn"}, optional
        What the thread around the comment is about: a reply under a comment that names
        LDN, and which names no drug itself, means LDN by "taking it", "it helped".
    condition : str, optional
        The condition column of a review (naltrexone for alcohol dependence is not LDN).

    Returns
    -------
    dict
        The guide's fields (without position/parent/author/person) plus ``evidence``;
        ``drug_effect``, ``drug_benefits``, ``drug_adverse_events`` too when `drug` names
        a drug other than LDN.

    Examples
    --------
    >>> r = extract_one("I take it every night", drug="Gilenya")
    >>> r["ldn_use"], r["drug_effect"]
    ('none', None)
    """
    return extract_doc(Doc.make(text, drug=drug, topic=topic, condition=condition))
