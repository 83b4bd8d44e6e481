"""The record schema of ANNOTATION.md, written once: every field's type, values, scoring
and per-person rollup.

:data:`SCHEMA` lists each record field in the guide's order (the JSONL key order) as a
:class:`Field`. Everything else reads it: :mod:`ldn_comments.records` (dtypes),
:mod:`ldn_comments.evaluate` (how a field is scored), :mod:`ldn_comments.people` (how a
person's comments combine), :mod:`ldn_comments.sklearn` (one-hot columns) and the
extractor's pipeline (which fields the extractors must write, exactly). No pandas here:
the text tools and field extractors import it too.

Examples
--------
>>> FIELD["effect"].values
('positive', 'mixed', 'negative', 'no_effect')
>>> FIELD["current_dose"].dtype, FIELD["current_dose"].scoring, FIELD["current_dose"].tolerance
('Float64', 'numeric', 0.0)
>>> EXTRACTED[:3]
('speaker_role', 'is_question', 'ldn_use')
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ADVERSE_EVENTS", "BENEFITS", "EXTRACTED", "FIELD", "Field", "SCHEMA",
           "THERAPY_STATUS", "fields_where"]

BENEFITS = ("relapses", "progression", "mri", "fatigue", "spasticity", "pain", "mobility",
            "mood", "cognition", "sleep", "bladder_bowel", "vision", "wellbeing",
            "fewer_medicines")
ADVERSE_EVENTS = ("sleep_disturbance", "vivid_dreams", "spasticity", "pain", "fatigue",
                  "headache", "nausea", "symptom_flare", "other")
THERAPY_STATUS = ("current", "past", "considering", "never")
EFFECTS = ("positive", "mixed", "negative", "no_effect")


@dataclass(frozen=True)
class Field:
    """One record field.

    Attributes
    ----------
    name : str
    dtype : str
        The pandas dtype of the column: ``category``, ``boolean``, ``Int64``, ``Float64``,
        ``string`` or ``list`` (a Python list per row).
    values : tuple of str
        The value set of a ``category`` field or the items of a ``list`` field (empty
        when open).
    scoring : str or None
        How ``evaluate`` scores it: ``accuracy``, ``scalar`` (F1 over non-null values),
        ``numeric`` (F1 within `tolerance`), ``items`` (micro-F1 over list items),
        ``therapies`` (names and statuses); None when not scored.
    tolerance : float
        For ``numeric``: relative to ``max(|gold|, 1)``; 0 means 1e-6 absolute.
    rollup : str or None
        How :func:`ldn_comments.people.people` combines one person's comments; None when
        the field is not in the per-person table.
    extracted : bool
        Written by the extractor's pipeline (not by the reader).
    optional : bool
        Extracted only for some sources (the reviewed drug's outcome).
    """

    name: str
    dtype: str
    values: tuple[str, ...] = ()
    scoring: str | None = None
    tolerance: float = 0.0
    rollup: str | None = None
    extracted: bool = True
    optional: bool = False


SCHEMA: tuple[Field, ...] = (
    Field("position", "Int64", extracted=False),
    Field("parent", "Int64", scoring="accuracy", extracted=False),
    Field("author", "string", scoring="accuracy", rollup="first", extracted=False),
    Field("person", "string", scoring="clusters", rollup="key", extracted=False),
    Field("speaker_role", "category", ("patient", "caregiver", "clinician", "unknown"),
          scoring="scalar", rollup="most_specific"),
    Field("is_question", "boolean", scoring="scalar", rollup="any"),
    Field("ldn_use", "category", ("current", "past", "planned", "none"), scoring="scalar",
          rollup="latest_stated"),
    Field("second_hand", "boolean", scoring="scalar", rollup="any"),
    Field("ms_type", "category", ("RRMS", "SPMS", "PPMS", "CIS", "MS"), scoring="scalar",
          rollup="latest_course"),
    Field("age", "Int64", scoring="scalar"),
    Field("diagnosis_year", "Int64", scoring="scalar"),
    Field("years_since_diagnosis", "Float64", scoring="numeric", tolerance=0.1),
    Field("dose_values", "list", scoring="items", rollup="union_in_unit"),
    Field("dose_unit", "category", ("mg", "ml"), scoring="scalar", rollup="latest_unit"),
    Field("current_dose", "Float64", scoring="numeric", tolerance=0.0, rollup="latest_in_unit"),
    Field("dose_frequency", "category", ("daily", "intermittent"), scoring="scalar"),
    Field("ldn_start", "string", scoring="scalar"),
    Field("ldn_duration_months", "Float64", scoring="numeric", tolerance=0.1, rollup="max"),
    Field("therapies", "list", THERAPY_STATUS, scoring="therapies", rollup="latest_per_name"),
    Field("effect", "category", EFFECTS, scoring="scalar", rollup="latest"),
    Field("benefits", "list", BENEFITS, scoring="items", rollup="union"),
    Field("adverse_events", "list", ADVERSE_EVENTS, scoring="items", rollup="union"),
    Field("drug_effect", "category", EFFECTS, optional=True),
    Field("drug_benefits", "list", BENEFITS, optional=True),
    Field("drug_adverse_events", "list", ADVERSE_EVENTS, optional=True),
)

#: Fields by name.
FIELD: dict[str, Field] = {f.name: f for f in SCHEMA}

#: The fields the extractor's pipeline writes, in the guide's order.
EXTRACTED: tuple[str, ...] = tuple(f.name for f in SCHEMA if f.extracted)


def fields_where(*, dtype: str | None = None, scoring: str | None = None,
                 optional: bool | None = False) -> tuple[str, ...]:
    """Names of the fields with this dtype and/or scoring kind (guide fields only unless
    ``optional=None``), in schema order.

    Examples
    --------
    >>> fields_where(dtype="boolean")
    ('is_question', 'second_hand')
    >>> fields_where(scoring="items")
    ('dose_values', 'benefits', 'adverse_events')
    """
    return tuple(f.name for f in SCHEMA
                 if (dtype is None or f.dtype == dtype) and (scoring is None or f.scoring == scoring)
                 and (optional is None or f.optional == optional))
