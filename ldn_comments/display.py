"""Summary tables as a reader sees them: readable headers, "k of n", percentages.

The report's HTML and Markdown show tables through :func:`display_table`; the CSVs keep
the raw columns (``persons``, ``persons_denominator``, ``persons_share``, ``ci95_low``
...), so nothing is lost for a program. A proportion block of :mod:`ldn_comments.summarise`
(``<unit>``, ``<unit>_denominator``, ``<unit>_share``) becomes "People: 10 of 17",
"Share: 59%" and, for the table's main unit, "95% CI: 36–78%".

Examples
--------
>>> import pandas as pd
>>> t = pd.DataFrame({"effect": ["positive", "no_effect"], "persons": [10, 0],
...                   "persons_denominator": [17, 17], "persons_share": [10 / 17, 0.0],
...                   "ci95_low": [0.36, 0.0], "ci95_high": [0.78, 0.18]})
>>> cols, rows = display_table(t)
>>> cols
['Effect', 'People', 'Share', '95% CI']
>>> rows
[['positive', '10 of 17', '59%', '36–78%'], ['no effect', '0 of 17', '0%', '0–18%']]
"""
from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pandas as pd

__all__ = ["display_table", "k_of_n", "percent", "ci_text", "share_sentence", "HEADERS", "scalar_text"]

#: Readable headers for raw column names (others: underscores to spaces, capitalised).
HEADERS = {
    "persons": "People", "comments": "Comments", "reviews": "Reviews", "rated": "Rated",
    "rating_median": "Median rating", "rating_mean": "Mean rating",
    "rating_scale": "Rating scale", "names": "Names in the source", "drug": "Drug",
    "outcome": "Outcome", "n": "n", "median": "Median", "q25": "Lower quartile",
    "q75": "Upper quartile", "min": "Lowest", "max": "Highest", "values": "Values",
    "dose": "Dose", "counted": "Counted", "measure": "Measure", "ldn_use": "LDN use",
    "ms_type": "MS type", "persons_current": "People (current dose)",
    "persons_stated": "People (dose stated)", "comments_current": "Comments (current dose)",
    "comments_stated": "Comments (dose stated)", "sign": "Sign", "sentence": "What it means",
}
_BLOCK_NAMES = {"persons": "People", "comments": "Comments"}


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, (float, np.floating)):
        return math.isnan(value)
    return False


def percent(share) -> str:
    """A share as a whole percentage; "–" when missing.

    Examples
    --------
    >>> percent(0.5882), percent(0.004), percent(None)
    ('59%', '0.4%', '–')
    """
    if _missing(share):
        return "–"
    pct = 100 * float(share)
    if 0 < pct < 1:
        return f"{pct:.1f}%"
    return f"{pct:.0f}%"


def ci_text(low, high) -> str:
    """A 95% interval as "36–78%"; "–" when missing.

    Examples
    --------
    >>> ci_text(0.3601, 0.7812), ci_text(None, None)
    ('36–78%', '–')
    """
    if _missing(low) or _missing(high):
        return "–"
    return f"{percent(low)[:-1]}–{percent(high)}"


def k_of_n(k, n) -> str:
    """ "10 of 17"; "–" when the count is missing (not held, as opposed to 0).

    Examples
    --------
    >>> k_of_n(10, 17), k_of_n(None, 0)
    ('10 of 17', '–')
    """
    if _missing(k) or _missing(n):
        return "–"
    return f"{int(k)} of {int(n)}"


def share_sentence(k: int, n: int, low, high, *, unit: str = "people") -> str:
    """The headline form: "10 of 17 people (59%, 95% CI 36–78%)".

    Examples
    --------
    >>> share_sentence(10, 17, 0.3601, 0.7812)
    '10 of 17 people (59%, 95% CI 36–78%)'
    >>> share_sentence(0, 0, None, None)
    '0 of 0 people'
    """
    if not n:
        return f"{int(k)} of 0 {unit}"
    return f"{int(k)} of {int(n)} {unit} ({percent(k / n)}, 95% CI {ci_text(low, high)})"


def _header(name: str) -> str:
    name = str(name)
    return HEADERS.get(name, name.replace("_", " ").strip().capitalize() or name)


def _cell(value) -> str:
    if isinstance(value, (list, tuple, np.ndarray)):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        if set(value) == {"name", "status"}:
            return f"{_cell(value['name'])} ({_cell(value['status'])})"
        return ", ".join(f"{k}: {_cell(v)}" for k, v in value.items())
    return scalar_text(value)


def scalar_text(value) -> str:
    """One scalar table cell as display text: blank when missing, yes/no, whole numbers
    without a decimal point, other numbers to 3-4 significant digits.

    Examples
    --------
    >>> [scalar_text(v) for v in (None, True, 3.0, 0.12345, 1234.5, "RRMS")]
    ['', 'yes', '3', '0.123', '1234', 'RRMS']
    """
    if _missing(value):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        v = float(value)
        return str(int(v)) if v.is_integer() else f"{v:.3g}" if abs(v) < 1 else f"{v:.4g}"
    return str(value)


def display_table(frame: pd.DataFrame) -> tuple[list[str], list[list[str]]]:
    """(headers, rows of display text) for a summary table.

    Proportion blocks become "k of n" and a percentage; the first block (the table's main
    unit) also gets its 95% Wilson interval. Values of the first column (a category) have
    their underscores shown as spaces. Any other column keeps its values under a readable
    header.

    Parameters
    ----------
    frame : DataFrame
        A table of :func:`ldn_comments.summarise.summarise` (or any table).

    Returns
    -------
    (list of str, list of list of str)
    """
    cols = [str(c) for c in frame.columns]
    blocks = [b for b in _BLOCK_NAMES if b in cols and f"{b}_denominator" in cols]
    first_block = min(blocks, key=cols.index) if blocks else None
    heads: list[str] = []
    getters: list[Callable[..., str]] = []
    used: set[str] = set()
    pair = "numerator" in cols and "denominator" in cols
    for c in cols:
        if c in used:
            continue
        if c == "key" and len(cols) > 1:
            continue  # a machine key: the CSV keeps it, a reader has the row's own words
        if pair and c in ("numerator", "denominator"):
            used |= {"numerator", "denominator"}
            heads.append("Count")
            getters.append(lambda r: k_of_n(r["numerator"], r["denominator"]))
            continue
        if c == "share":
            used.add(c)
            heads.append("Share")
            getters.append(lambda r: percent(r["share"]))
            continue
        if c in blocks:
            den, share = f"{c}_denominator", f"{c}_share"
            used |= {c, den, share}
            heads.append(_BLOCK_NAMES[c])
            getters.append(lambda r, c=c, den=den: k_of_n(r[c], r[den]))
            if share in cols:
                heads.append("Share" if c == first_block else f"Share of {c}")
                getters.append(lambda r, share=share: percent(r[share]))
            if c == first_block and {"ci95_low", "ci95_high"} <= set(cols):
                used |= {"ci95_low", "ci95_high"}
                heads.append("95% CI")
                getters.append(lambda r: ci_text(r["ci95_low"], r["ci95_high"]))
            continue
        if c in ("ci95_low", "ci95_high") and {"ci95_low", "ci95_high"} <= set(cols):
            used |= {"ci95_low", "ci95_high"}
            heads.append("95% CI")
            getters.append(lambda r: ci_text(r["ci95_low"], r["ci95_high"]))
            continue
        used.add(c)
        heads.append(_header(c))
        if c == cols[0]:
            getters.append(lambda r, c=c: _cell(r[c]).replace("_", " "))
        else:
            getters.append(lambda r, c=c: _cell(r[c]))
    rows = []
    for rec in frame.astype(object).to_dict("records"):
        rec = {str(k): v for k, v in rec.items()}
        rows.append([g(rec) for g in getters])
    return heads, rows
