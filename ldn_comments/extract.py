"""What one comment says: :func:`extract_one`, the field pipeline over one text.

One comment is extracted by :func:`ldn_comments.pipeline.extract_one` (a
:class:`~ldn_comments.nlp.doc.Doc` per comment, the field extractors of
:mod:`ldn_comments.fields` in the order :mod:`ldn_comments.pipeline` declares). The
comment-table function ``extract`` and ``extract_iter`` live in :mod:`ldn_comments.run`
(orchestration over chunks); calling this module calls ``ldn_comments.run.extract``.

Examples
--------
>>> import pandas as pd
>>> from ldn_comments.run import extract  # the comment-table function over extract_one
>>> comments = pd.DataFrame({"text": [
...     "I have RRMS and have been on 4.5mg LDN nightly for 2 years. No relapses since!",
...     "My wife was diagnosed last year; should she try LDN?"]})
>>> r = extract(comments)
>>> r.loc[0, ["speaker_role", "ldn_use", "ms_type", "current_dose", "ldn_duration_months"]].astype(str).tolist()
['patient', 'current', 'RRMS', '4.5', '24.0']
>>> r.loc[0, "benefits"], r.loc[1, "speaker_role"], r.loc[1, "ldn_use"]
(['relapses'], 'caregiver', 'planned')
"""
from __future__ import annotations

from ._callable import make_callable
from .pipeline import extract_one
from .records import ENUMS, FIELDS, coerce_records, is_records_file, read_records  # noqa: F401

__all__ = ["extract_one", "is_records_file", "read_records"]

# ``ldn_comments.extract`` is both this module and the public function: calling the module
# calls ldn_comments.run.extract, looked up at call time (run imports this module's home).
make_callable(__name__, "extract", home="ldn_comments.run")
