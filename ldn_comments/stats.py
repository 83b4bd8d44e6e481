"""Proportions with denominators and 95% Wilson score intervals."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

Z95 = 1.959963984540054


def wilson_interval(successes, n, *, z: float = Z95):
    """Wilson score interval for a binomial proportion.

    Parameters
    ----------
    successes, n : int or array-like of int
        Count of cases and the denominator. ``n == 0`` gives ``(nan, nan)``.
    z : float
        Normal quantile; the default gives a 95% interval.

    Returns
    -------
    (low, high) : floats, or arrays of the same shape as the inputs

    Examples
    --------
    >>> low, high = wilson_interval(8, 10)
    >>> round(low, 4), round(high, 4)
    (0.4902, 0.9433)
    >>> wilson_interval(0, 0)
    (nan, nan)
    >>> wilson_interval(0, 4)[0], wilson_interval(4, 4)[1]  # exact at the edges
    (0.0, 1.0)
    """
    k = np.asarray(successes, dtype=float)
    m = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / m
        denom = 1 + z * z / m
        centre = (p + z * z / (2 * m)) / denom
        half = z * np.sqrt(p * (1 - p) / m + z * z / (4 * m * m)) / denom
        low = np.where(m > 0, np.clip(centre - half, 0.0, 1.0), np.nan)
        high = np.where(m > 0, np.clip(centre + half, 0.0, 1.0), np.nan)
        # Exact at the edges: rounding leaves 5.6e-17 for 0 of n and 1 - 1.1e-16 for n of n,
        # and a bound that misses 0 or 1 by that much puts the share outside its interval
        # (a negative error length for matplotlib).
        low = np.where((m > 0) & (k <= 0), 0.0, low)
        high = np.where((m > 0) & (k >= m), 1.0, high)
        # The share itself always lies inside its interval, whatever the rounding.
        low = np.where(m > 0, np.minimum(low, np.clip(p, 0.0, 1.0)), low)
        high = np.where(m > 0, np.maximum(high, np.clip(p, 0.0, 1.0)), high)
    if low.ndim == 0:
        return float(low), float(high)
    return low, high


def proportion_table(counts: pd.Series, n: int, *, name: str = "category") -> pd.DataFrame:
    """Counts, their shared denominator, the proportion and its 95% Wilson interval.

    Examples
    --------
    >>> t = proportion_table(pd.Series({"positive": 8, "negative": 2}), 10)
    >>> t.iloc[0]["category"], int(t.iloc[0]["n"]), int(t.iloc[0]["denominator"])
    ('positive', 8, 10)
    >>> float(t.iloc[0]["proportion"])
    0.8
    """
    counts = counts.astype("int64")
    low, high = wilson_interval(counts.to_numpy(), np.full(len(counts), n))
    with np.errstate(invalid="ignore", divide="ignore"):
        prop = counts.to_numpy() / n if n else np.full(len(counts), math.nan)
    return pd.DataFrame({
        name: list(counts.index),
        "n": counts.to_numpy(),
        "denominator": n,
        "proportion": prop,
        "ci95_low": low,
        "ci95_high": high,
    })
