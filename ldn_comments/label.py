"""The label every human-facing output carries.

Examples
--------
>>> import pandas as pd
>>> t = labelled(pd.DataFrame({"n": [1]}), unit="person")
>>> t.attrs["label"] == LABEL, t.attrs["unit"]
(True, 'person')
"""
from __future__ import annotations

import pandas as pd

#: One sentence said on every table, figure and report.
LABEL = (
    "Uncontrolled, self-selected reports: these comments come from people who chose to "
    "post, so they cannot show whether LDN works or is safe."
)

#: The units a table can count in.
UNITS = ("person", "comment", "review", "trial")


def labelled(frame: pd.DataFrame, *, unit: str | None = None, note: str | None = None
             ) -> pd.DataFrame:
    """Return a copy of `frame` with ``attrs["label"]`` (and unit/note where given).

    Parameters
    ----------
    frame : DataFrame
    unit : {"person", "comment", "review", "trial"}, optional
        What one count in the table is.
    note : str, optional
        A sentence shown under the label (e.g. how to read the table).
    """
    out = frame.copy()
    out.attrs = dict(frame.attrs)
    out.attrs["label"] = LABEL
    if unit is not None:
        if unit not in UNITS:
            raise ValueError(f"unit must be one of {UNITS}, not {unit!r}")
        out.attrs["unit"] = unit
    if note is not None:
        out.attrs["note"] = note
    return out
