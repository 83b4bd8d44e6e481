"""A scikit-learn transformer around the extractor, for use in a ``Pipeline``.

:class:`RecordExtractor` turns comments (a comment table, or plain strings) into records,
or into a numeric feature table (:func:`records_to_features`) that a classifier can take.
A model fitted on such features learns what self-selected writers say, not whether LDN
works: the label applies to anything built on them.

Examples
--------
>>> import pandas as pd
>>> from ldn_comments.records import coerce_records
>>> r = coerce_records(pd.DataFrame([{"position": 1, "ldn_use": "current",
...     "effect": "positive", "benefits": ["fatigue"], "dose_unit": "mg",
...     "current_dose": 4.5}]))
>>> f = records_to_features(r)
>>> f.loc[0, ["ldn_use_current", "effect_positive", "current_dose_mg", "n_benefits"]].tolist()
[1.0, 1.0, 4.5, 1.0]
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from .errors import UsageError
from .schema import ADVERSE_EVENTS, BENEFITS, FIELD, fields_where

__all__ = ["RecordExtractor", "records_to_features", "FEATURE_NAMES"]

_ONE_HOT = ("ldn_use", "effect", "ms_type", "speaker_role")
#: The schema's yes/no fields, as 0/1 columns.
_FLAGS = fields_where(dtype="boolean")

#: The columns of :func:`records_to_features`, in order (fixed: they do not depend on
#: the data, so features from two threads always line up).
FEATURE_NAMES = (
    [f"{field}_{value}" for field in _ONE_HOT for value in FIELD[field].values]
    + list(_FLAGS) + ["current_dose_mg", "current_dose_ml",
       "ldn_duration_months", "n_benefits", "n_adverse_events"]
    + [f"benefit_{k}" for k in BENEFITS]
    + [f"adverse_{k}" for k in ADVERSE_EVENTS]
)


def records_to_features(records: pd.DataFrame) -> pd.DataFrame:
    """Numeric features of records, one row per record, columns :data:`FEATURE_NAMES`.

    One-hot columns for ``ldn_use``, ``effect``, ``ms_type`` and ``speaker_role`` (all 0
    where the field is empty); ``is_question`` and ``second_hand`` as 0/1 (empty is 0);
    ``current_dose_mg`` and ``current_dose_ml`` apart (mg and ml are not comparable) and
    ``ldn_duration_months``, 0 where not stated; counts of benefits and adverse events;
    and one 0/1 column per benefit and adverse-event key of the guide.

    Parameters
    ----------
    records : DataFrame
        Records (one row per comment). Not modified.

    Returns
    -------
    DataFrame
        ``float64`` columns, the index of `records`.

    Examples
    --------
    >>> import pandas as pd
    >>> from ldn_comments.records import coerce_records
    >>> f = records_to_features(coerce_records(pd.DataFrame([{"position": 1}])))
    >>> f.shape[1] == len(FEATURE_NAMES), float(f.to_numpy().sum())
    (True, 0.0)
    """
    from .people import as_records

    r = as_records(records)
    out = pd.DataFrame(0.0, index=r.index, columns=FEATURE_NAMES)
    for field in _ONE_HOT:
        values = r[field].astype(object)
        for value in FIELD[field].values:
            out[f"{field}_{value}"] = (values == value).fillna(False).astype(float)
    for field in _FLAGS:
        out[field] = r[field].fillna(False).astype(bool).astype(float)
    unit = r["dose_unit"].astype(object)
    dose = pd.to_numeric(r["current_dose"], errors="coerce").astype(float)
    for u in ("mg", "ml"):
        out[f"current_dose_{u}"] = dose.where((unit == u).fillna(False).astype(bool),
                                              0.0).fillna(0.0)
    out["ldn_duration_months"] = pd.to_numeric(r["ldn_duration_months"], errors="coerce"
                                               ).astype(float).fillna(0.0)
    benefits = [set(v) for v in r["benefits"]]
    adverse = [set(v) for v in r["adverse_events"]]
    out["n_benefits"] = np.array([len(s) for s in benefits], dtype=float)
    out["n_adverse_events"] = np.array([len(s) for s in adverse], dtype=float)
    for k in BENEFITS:
        out[f"benefit_{k}"] = np.array([k in s for s in benefits], dtype=float)
    for k in ADVERSE_EVENTS:
        out[f"adverse_{k}"] = np.array([k in s for s in adverse], dtype=float)
    return out


def _as_comments(X) -> pd.DataFrame:
    """A comment table from a comment DataFrame, a Series or a list of strings."""
    if isinstance(X, pd.DataFrame):
        if "text" not in X:
            raise UsageError("E012", "a comment DataFrame needs a 'text' column")
        frame = X.reset_index(drop=True)
    else:
        if isinstance(X, str):
            raise UsageError("E012", "pass a list of comments, not one string")
        texts = list(X.tolist() if hasattr(X, "tolist") else X)
        bad = next((t for t in texts if not isinstance(t, str)), None)
        if bad is not None:
            raise UsageError("E012", f"comments must be strings, not {type(bad).__name__}")
        frame = pd.DataFrame({"text": texts})
    n = len(frame)
    defaults = {"position": np.arange(1, n + 1), "parent": None, "comment_id": None,
                "parent_id": None, "author": None, "date": None, "depth": 0,
                "source": "<input>"}
    for col, value in defaults.items():
        if col not in frame:
            frame[col] = value
    frame["text"] = frame["text"].astype(object).where(frame["text"].notna(), "")
    return frame


class RecordExtractor(TransformerMixin, BaseEstimator):
    """Comments in, records (or numeric features) out: ``extract`` as a transformer.

    Parameters
    ----------
    output : {"records", "features"}
        ``"records"`` returns the extractor's record frame (one row per comment, the
        guide's fields, ``evidence`` and the comment columns); ``"features"`` returns
        :func:`records_to_features` of it, for a classifier.
    drug : str, optional
        Passed to ``extract``: the drug a review table is about, so that "this
        medication" means it.

    Attributes
    ----------
    n_features_in_ : int
        Columns of the comment DataFrame seen in ``fit`` (1 for a list of strings).
    feature_names_in_ : ndarray of str
        Those columns' names, when ``fit`` saw a DataFrame.
    feature_names_out_ : ndarray of str
        :data:`FEATURE_NAMES`, when ``output="features"``.

    Examples
    --------
    >>> RecordExtractor(output="features").fit(["LDN helps"]).get_feature_names_out()[:2]
    array(['ldn_use_current', 'ldn_use_past'], dtype=object)
    """

    def __init__(self, output: str = "records", drug: str | None = None):
        self.output = output
        self.drug = drug

    def _check_params(self):
        if self.output not in ("records", "features"):
            raise UsageError("E012", "output must be 'records' or 'features', not "
                             f"{self.output!r}")

    def fit(self, X, y=None):
        """Check the parameters and the input; nothing is learned.

        Parameters
        ----------
        X : DataFrame with a ``text`` column, or list/Series of str
        y : ignored

        Returns
        -------
        self
        """
        self._check_params()
        _as_comments(X)  # raises on input transform could not take
        if isinstance(X, pd.DataFrame):
            self.n_features_in_ = X.shape[1]
            self.feature_names_in_ = np.asarray(X.columns, dtype=object)
        else:
            self.n_features_in_ = 1
        if self.output == "features":
            self.feature_names_out_ = np.asarray(FEATURE_NAMES, dtype=object)
        return self

    def transform(self, X):
        """Extract records from the comments (and features from the records).

        Parameters
        ----------
        X : DataFrame with a ``text`` column, or list/Series of str

        Returns
        -------
        DataFrame
            One row per comment, in the input's order and with its index.
        """
        check_is_fitted(self, "n_features_in_")
        self._check_params()
        from .extract import extract  # lazy: the extractor loads its lexicons on use

        comments = _as_comments(X)
        records = extract(comments, drug=self.drug)
        if len(records) != len(comments):
            raise RuntimeError(f"extract returned {len(records)} records for "
                               f"{len(comments)} comments")
        index = X.index if isinstance(X, (pd.DataFrame, pd.Series)) else None
        records = records.reset_index(drop=True)
        if index is not None:
            records.index = index
        if self.output == "features":
            return records_to_features(records)
        return records

    def get_feature_names_out(self, input_features=None):
        """:data:`FEATURE_NAMES` for ``output="features"``.

        Raises
        ------
        AttributeError
            For ``output="records"``: the record columns are the extractor's, not fixed
            here (scikit-learn's ``set_output`` then leaves the frame as it is).
        """
        if self.output != "features":
            raise AttributeError(
                "RecordExtractor(output='records') does not provide "
                "get_feature_names_out: its columns are the extractor's record fields")
        check_is_fitted(self, "feature_names_out_")
        return self.feature_names_out_.copy()
