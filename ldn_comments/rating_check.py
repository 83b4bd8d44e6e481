"""Check extracted outcomes against the writers' own ratings in a review table.

A review site's rating is the writer's own verdict on the drug they review. Where a
table holds one, it is a cheap check of the extractor before a summary is trusted: for
the reviews rated clearly low or clearly high, how often is the reviewed drug's effect
filled, and how often does it agree with the rating?

* The reviewed drug's effect is the guide's ``effect`` where the reviewed drug is LDN (or
  the table names no drug), and ``drug_effect`` for any other drug.
* The middle of the scale is not scored. On a 1-10 scale 1-4 is low and 7-10 high; on a
  1-5 scale 1-2 is low and 4-5 high.
* A high rating agrees with ``positive`` or ``mixed``; a low rating with ``negative``,
  ``no_effect`` or ``mixed``.

Counts are reviews (one rating each), every share carries its numerator, denominator and
95% Wilson interval, and the result carries the label: the reviews are uncontrolled,
self-selected reports, and agreement with a rating says how well the extractor reads
them, not whether a drug works.

Examples
--------
>>> import pandas as pd
>>> records = pd.DataFrame({"drug": ["Copaxone"] * 4, "rating": [9, 2, 5, 8],
...                         "drug_effect": ["positive", "positive", None, None]})
>>> check = rating_check(records, "rating")
>>> check.summary.set_index("measure").loc[["filled", "agreeing"],
...     ["numerator", "denominator"]].astype(int).values.tolist()
[[2, 3], [1, 2]]
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

import pandas as pd

from .errors import InputError, UsageError
from .label import LABEL
from .stats import wilson_interval

#: Scales and their (highest value, highest low rating, lowest high rating).
SCALES = {"1-10": (10, 4, 7), "1-5": (5, 2, 4)}
#: The effect values, in the order of the confusion table, and the column for "not filled".
EFFECTS = ("positive", "mixed", "negative", "no_effect")
EMPTY = "not filled"
#: Rating bands, in the order of the confusion table's rows.
BANDS = ("low", "middle", "high")
#: Effects that agree with a low and with a high rating.
AGREES = {"low": {"negative", "no_effect", "mixed"}, "high": {"positive", "mixed"}}


@dataclass
class RatingCheck:
    """The result of :func:`rating_check`.

    Attributes
    ----------
    summary : DataFrame
        One row per measure (``reviews``, ``rated``, ``scored``, ``filled``, ``agreeing``)
        with ``numerator``, ``denominator``, ``share``, ``ci_low``, ``ci_high``.
    confusion : DataFrame
        Reviews by rating band (rows ``low``, ``middle``, ``high``) and extracted effect
        (columns ``positive`` ... ``no_effect``, ``not filled``).
    scale : str
        ``"1-10"`` or ``"1-5"``.
    rating_col : str
        The column the ratings came from.
    label : str
        The label every output carries.
    """

    summary: pd.DataFrame
    confusion: pd.DataFrame
    scale: str
    rating_col: str
    label: str = field(default=LABEL)


def _band(value: float, scale: str) -> str:
    _, low, high = SCALES[scale]
    if value <= low:
        return "low"
    if value >= high:
        return "high"
    return "middle"


def _effect_column(records: pd.DataFrame) -> list:
    """Per review, the reviewed drug's extracted effect (None where not filled)."""
    from .nlp.context import LDN_GROUP, drug_group

    drugs = records["drug"].tolist() if "drug" in records else [None] * len(records)
    conditions = records["condition"].tolist() if "condition" in records else [None] * len(records)
    ldn = records["effect"].tolist() if "effect" in records else [None] * len(records)
    other = records["drug_effect"].tolist() if "drug_effect" in records else [None] * len(records)
    out = []
    for d, c, e_ldn, e_other in zip(drugs, conditions, ldn, other):
        group = drug_group(d if isinstance(d, str) else None, c if isinstance(c, str) else None)
        value = e_ldn if group in (None, LDN_GROUP) else e_other
        out.append(None if value is None or (not isinstance(value, str) and pd.isna(value))
                   else str(value))
    return out


def rating_check(records: pd.DataFrame, rating_col: str = "rating", *,
                 scale: str = "1-10") -> RatingCheck:
    """How often the reviewed drug's extracted effect is filled and agrees with the rating.

    Parameters
    ----------
    records : DataFrame
        Extracted records of a review table (from :func:`ldn_comments.extract`), with the
        rating column kept, and ``drug`` / ``drug_effect`` where the table names drugs.
    rating_col : str
        The column holding the writers' ratings (any case).
    scale : {"1-10", "1-5"}, keyword-only
        The rating scale: 1-10 scores 1-4 as low and 7-10 as high; 1-5 scores 1-2 and 4-5.

    Returns
    -------
    RatingCheck
        Counts, shares with 95% Wilson intervals, and the confusion table. ``filled`` is
        over the reviews rated low or high; ``agreeing`` over those with the effect filled.

    Raises
    ------
    UsageError
        E012 for an unknown scale.
    InputError
        E004 when there is no such column, E006 when a rating lies outside the scale,
        E013 when no review has a rating.

    Examples
    --------
    >>> import pandas as pd
    >>> records = pd.DataFrame({"rating": [5, 1, 4], "effect": ["positive", "no_effect", None]})
    >>> check = rating_check(records, "Rating", scale="1-5")
    >>> check.confusion.loc[["low", "high"]].to_dict("index")  # doctest: +NORMALIZE_WHITESPACE
    {'low': {'positive': 0, 'mixed': 0, 'negative': 0, 'no_effect': 1, 'not filled': 0},
     'high': {'positive': 1, 'mixed': 0, 'negative': 0, 'no_effect': 0, 'not filled': 1}}
    >>> rating_check(records, "stars")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ldn_comments.errors.InputError: E004 a required column is missing: no rating column 'stars' ...
    """
    if scale not in SCALES:
        raise UsageError("E012", f"--rating-scale must be one of {', '.join(SCALES)}, not {scale!r}")
    lower = {str(c).lower(): c for c in records.columns}
    column = lower.get(str(rating_col).lower())
    if column is None:
        raise InputError("E004", f"no rating column {rating_col!r} (columns: "
                         f"{', '.join(map(str, records.columns[:12]))})",
                         hint="name the rating column with --rating-col")
    ratings = pd.to_numeric(records[column].astype(object), errors="coerce").astype(float)
    top = SCALES[scale][0]
    outside = ratings[(ratings < 1) | (ratings > top)]
    if len(outside):
        raise InputError("E006", f"rating {outside.iloc[0]:g} in column {rating_col!r} is "
                         f"outside the {scale} scale", where=f"row {outside.index[0]}",
                         hint="give the scale with --rating-scale 1-10 or 1-5")
    if not ratings.notna().any():
        raise InputError("E013", f"no review has a numeric rating in column {rating_col!r}")
    effects = _effect_column(records)
    confusion = pd.DataFrame(0, index=list(BANDS), columns=list(EFFECTS) + [EMPTY])
    scored = filled = agreeing = 0
    for value, effect in zip(ratings.tolist(), effects):
        if math.isnan(value):
            continue
        band = _band(value, scale)
        col = effect if effect in EFFECTS else EMPTY
        confusion.loc[band, col] += 1
        if band == "middle":
            continue
        scored += 1
        if col == EMPTY:
            continue
        filled += 1
        agreeing += effect in AGREES[band]
    confusion.index.name = "rating"
    confusion.columns.name = "effect"
    n_rated = int(ratings.notna().sum())
    rows = [("reviews", len(records), len(records)), ("rated", n_rated, len(records)),
            ("scored", scored, n_rated), ("filled", filled, scored),
            ("agreeing", agreeing, filled)]
    low, high = wilson_interval([r[1] for r in rows], [r[2] for r in rows])
    summary = pd.DataFrame({
        "measure": [r[0] for r in rows], "numerator": [r[1] for r in rows],
        "denominator": [r[2] for r in rows],
        "share": [r[1] / r[2] if r[2] else math.nan for r in rows],
        "ci_low": low, "ci_high": high})
    summary.attrs["label"] = confusion.attrs["label"] = LABEL
    return RatingCheck(summary, confusion, scale, str(rating_col))


_MEANING = {
    "reviews": "reviews in the table",
    "rated": "reviews with a rating",
    "scored": "rated low or high (the middle of the scale is not scored)",
    "filled": "of those, the reviewed drug's effect is filled",
    "agreeing": "of those filled, the effect agrees with the rating",
}


def _pct(x: float) -> str:
    return "  n/a" if x is None or math.isnan(x) else f"{100 * x:4.0f}%"


def format_rating_check(check: RatingCheck, *, as_json: bool = False) -> str:
    """The result of :func:`rating_check` as labelled text or as JSON, ending with a newline.

    Examples
    --------
    >>> import pandas as pd
    >>> check = rating_check(pd.DataFrame({"rating": [9, 2], "effect": ["positive", None]}))
    >>> text = format_rating_check(check)
    >>> text.splitlines()[0].startswith("# Uncontrolled")
    True
    >>> [line for line in text.splitlines() if line.startswith("filled")]
    ["filled           1 /      2   50% (95% CI 9-91%)      of those, the reviewed drug's effect is filled"]
    >>> import json
    >>> json.loads(format_rating_check(check, as_json=True))["measures"]["agreeing"]["numerator"]
    1
    """
    top, low, high = SCALES[check.scale]
    if as_json:
        out = {"label": check.label, "rating_col": check.rating_col, "scale": check.scale,
               "bands": {"low": [1, low], "high": [high, top]},
               "measures": {r.measure: {"numerator": int(r.numerator),
                                        "denominator": int(r.denominator),
                                        "share": None if math.isnan(r.share) else float(r.share),
                                        "ci_low": None if math.isnan(r.ci_low) else float(r.ci_low),
                                        "ci_high": None if math.isnan(r.ci_high) else float(r.ci_high)}
                            for r in check.summary.itertuples(index=False)},
               "confusion": {band: {col: int(check.confusion.loc[band, col])
                                    for col in check.confusion.columns}
                             for band in check.confusion.index}}
        return json.dumps(out, ensure_ascii=False) + "\n"
    lines = [f"# {check.label}",
             (f"# the reviewed drug's extracted effect against the writers' own ratings "
             f"(column {check.rating_col!r}, scale {check.scale}: low 1-{low}, high {high}-{top})"),
             f"{'measure':10s} {'n':>7s}   {'of':>5s} {'share':>5s}  95% CI"]
    for r in check.summary.itertuples(index=False):
        ci = ("" if math.isnan(r.ci_low) else
              f"(95% CI {100 * r.ci_low:.0f}-{100 * r.ci_high:.0f}%)")
        lines.append(f"{r.measure:10s} {int(r.numerator):7d} / {int(r.denominator):6d} "
                     f"{_pct(r.share)} {ci:18s}  {_MEANING[r.measure]}")
    lines.append("")
    lines.append("reviews by rating band (rows) and extracted effect (columns):")
    header = f"{'rating':8s}" + "".join(f"{c:>12s}" for c in check.confusion.columns)
    lines.append(header)
    for band in check.confusion.index:
        lines.append(f"{band:8s}" + "".join(f"{int(v):12d}" for v in check.confusion.loc[band]))
    return "\n".join(lines) + "\n"
