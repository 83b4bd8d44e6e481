"""Helpers shared by the bias measures, simulations and plots (not public API)."""
from __future__ import annotations

import functools
import textwrap

import numpy as np
import pandas as pd

from ..label import LABEL
from ..people import person_key
from ..stats import Z95, wilson_interval

#: Effect values in display order (the guide's order).
EFFECTS = ["positive", "mixed", "negative", "no_effect"]


def ordered(records: pd.DataFrame) -> pd.DataFrame:
    """A copy in thread order with a ``_person`` column: the person key, else the key of
    the author's name, else the comment's position (one unknown writer per comment)."""
    out = records.copy()
    if "position" in out:
        out = out.sort_values("position", kind="stable")
    n = len(out)
    person = out["person"] if "person" in out else pd.Series([None] * n, index=out.index)
    author = out["author"] if "author" in out else pd.Series([None] * n, index=out.index)
    position = out["position"] if "position" in out else pd.Series(range(1, n + 1),
                                                                    index=out.index)
    keys = []
    for p, a, pos in zip(person, author, position):
        key = None if p is None or (not isinstance(p, str) and pd.isna(p)) else str(p)
        key = key or person_key(a) or f"#{pos}"
        keys.append(key)
    out["_person"] = keys
    return out


def column(frame: pd.DataFrame, name: str, default=None) -> pd.Series:
    """`frame[name]` as object values with missing values as None (a default column when
    absent), so that comparisons never meet ``pd.NA``."""
    if name not in frame:
        return pd.Series([default] * len(frame), index=frame.index, dtype=object)
    values = frame[name].astype(object)
    return values.where(values.notna(), default)


def flag(frame: pd.DataFrame, name: str) -> pd.Series:
    """A boolean column with missing values read as False."""
    return column(frame, name, False).map(bool)


def latest(values: pd.Series, groups: pd.Series, *, skip=(None,)) -> pd.Series:
    """Per group, the last value (in the frame's order) not in `skip`; None where there is
    none. `values` and `groups` share an index."""
    keep = ~values.isin([s for s in skip if s is not None]) & values.notna()
    last = values[keep].groupby(groups[keep], sort=False).last()
    return last.reindex(pd.unique(groups)).astype(object).where(lambda s: s.notna(), None)


def share_columns(successes, n, *, prefix: str = "") -> dict:
    """``{prefix}share`` and its Wilson interval as columns (NaN where ``n`` is 0)."""
    k = np.asarray(successes, dtype=float)
    m = np.asarray(n, dtype=float)
    low, high = wilson_interval(k, m)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(m > 0, k / np.where(m > 0, m, 1), np.nan)
    return {f"{prefix}share": share, f"{prefix}ci95_low": low, f"{prefix}ci95_high": high}


def newcombe_difference(k1, n1, k2, n2, *, z: float = Z95):
    """Difference of two proportions ``k1/n1 - k2/n2`` with Newcombe's hybrid Wilson 95%
    interval (method 10 of Newcombe 1998), which keeps good coverage near 0 and 1."""
    p1, p2 = k1 / n1, k2 / n2
    l1, u1 = wilson_interval(k1, n1, z=z)
    l2, u2 = wilson_interval(k2, n2, z=z)
    d = p1 - p2
    low = d - np.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = d + np.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return float(d), float(low), float(high)


def mean_interval(values, *, z: float = Z95):
    """Mean of `values` with a normal-approximation 95% interval (NaN when fewer than 2)."""
    v = np.asarray(values, dtype=float)
    if len(v) < 2:
        m = float(v.mean()) if len(v) else float("nan")
        return m, float("nan"), float("nan")
    m = float(v.mean())
    half = z * float(v.std(ddof=1)) / np.sqrt(len(v))
    return m, m - half, m + half


def caption(ax, text: str | None = None, *, width: int = 95, left: float | None = None):
    """Write the label (and an optional line of `text`) under the Axes, inside the figure,
    so that a saved or shown figure always carries it. `left` makes room (a figure
    fraction) for long tick labels on the y axis."""
    lines = textwrap.fill(LABEL, width)
    if text:
        lines = textwrap.fill(text, width) + "\n" + lines
    # x from the figure's left edge (long y tick labels), y just under the Axes.
    ax.annotate(lines, xy=(0.02, 0), xycoords=("figure fraction", "axes fraction"),
                xytext=(0, -36),
                textcoords="offset points", va="top", ha="left", fontsize=7,
                color="0.25", annotation_clip=False)
    fig = ax.figure
    # Leave room under the Axes so that a figure saved without bbox_inches="tight"
    # still shows the caption.
    if getattr(fig, "get_layout_engine", lambda: None)() is None:
        fig.subplots_adjust(bottom=max(fig.subplotpars.bottom, 0.3))
        if left is not None:
            fig.subplots_adjust(left=max(fig.subplotpars.left, left))
    return ax


def tagged(func):
    """Decorate a table-making function so its result says what made it
    (``attrs["kind"]``): the plots accept either records or that table."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        out = func(*args, **kwargs)
        out.attrs["kind"] = func.__name__
        return out
    return wrapper
