"""Field extractors: one module per field group, each exposing one extractor object.

Every extractor satisfies :class:`~ldn_comments.fields.base.FieldExtractor`: ``fields``
(the schema fields it writes), ``needs`` (fields written earlier that it reads) and
``__call__(doc, known) -> Finding``. The order they run in is declared once, in
:mod:`ldn_comments.pipeline`.

=====================  =================================================================
module                 fields
=====================  =================================================================
:mod:`.subject`        speaker_role, is_question
:mod:`.use`            ldn_use
:mod:`.disease`        ms_type, age, diagnosis_year, years_since_diagnosis
:mod:`.dose`           dose_values, dose_unit, current_dose
:mod:`.timing`         dose_frequency, ldn_start, ldn_duration_months
:mod:`.therapies`      therapies
:mod:`.outcome`        effect, benefits, adverse_events
:mod:`.second_hand`    second_hand
:mod:`.reviewed_drug`  drug_effect, drug_benefits, drug_adverse_events (reviews of other drugs)
=====================  =================================================================

Shared, non-schema facts live on the :class:`~ldn_comments.nlp.doc.Doc` (computed once):
the doses (:func:`.dose.doses`), the sentences about LDN (:func:`.about.ldn_context`),
the first-person sentences and the drug mentions.
"""
from .base import Evidence, FieldExtractor, Finding

__all__ = ["Evidence", "FieldExtractor", "Finding"]
