"""RecordExtractor: a scikit-learn transformer around extract().

Tests marked `needs_extractor` use the real extractor and skip until
``ldn_comments.extract`` can be imported; the others use a stand-in ``extract`` so the
transformer's own logic is tested now.
"""
from __future__ import annotations

import importlib
import sys
import types

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from ldn_comments.errors import UsageError
from ldn_comments.records import FIELDS, coerce_records
from ldn_comments.sklearn import FEATURE_NAMES, RecordExtractor, records_to_features


def _real_extract():
    try:
        return importlib.import_module("ldn_comments.extract")
    except ImportError as exc:  # the extractor is being written elsewhere
        pytest.skip(f"ldn_comments.extract cannot be imported yet ({exc})")


COMMENTS = [
    "I have RRMS and have taken LDN 4.5 mg every night for 3 years. No relapses, more "
    "energy, no side effects.",
    "LDN 3 mg has been wonderful for my fatigue; my walking is better too.",
    "Been on low dose naltrexone for two years, my MS is stable and I feel great.",
    "I took LDN for six months and it did nothing for me, so I stopped.",
    "LDN gave me terrible vivid dreams and insomnia and my spasms got worse. I quit.",
    "Has anyone tried LDN for PPMS? My neurologist won't prescribe it.",
]
LIKED = [1, 1, 1, 0, 0, 0]


@pytest.fixture
def fake_extract(monkeypatch):
    """A stand-in ``ldn_comments.run.extract`` with the real one's signature."""
    calls = []

    def extract(comments, *, drug=None):
        calls.append((comments.copy(), drug))
        rows = []
        for pos, text in zip(comments["position"], comments["text"]):
            low = text.lower()
            good = "good" in low
            rows.append({"position": pos, "text": text,
                         "ldn_use": "current" if "ldn" in low else "none",
                         "effect": "positive" if good else None,
                         "benefits": ["fatigue"] if good else [],
                         "dose_values": [4.5] if "4.5" in low else [],
                         "dose_unit": "mg" if "4.5" in low else None,
                         "current_dose": 4.5 if "4.5" in low else None,
                         "is_question": low.endswith("?"), "evidence": {}})
        return coerce_records(pd.DataFrame(rows))

    module = types.ModuleType("ldn_comments.run")
    module.extract = extract
    monkeypatch.setitem(sys.modules, "ldn_comments.run", module)
    return calls


def test_constructor_stores_params_only():
    est = RecordExtractor(output="features", drug="LDN")
    assert est.get_params() == {"output": "features", "drug": "LDN"}
    assert not [a for a in vars(est) if a.endswith("_")]
    assert clone(est).get_params() == est.get_params()


def test_fit_returns_self_and_sets_fitted_attributes():
    est = RecordExtractor(output="features")
    assert est.fit(["a", "b"]) is est
    assert est.n_features_in_ == 1
    assert list(est.get_feature_names_out()) == FEATURE_NAMES
    frame = pd.DataFrame({"text": ["a"], "author": ["x"]})
    est.fit(frame)
    assert est.n_features_in_ == 2 and list(est.feature_names_in_) == ["text", "author"]


def test_bad_params_and_input():
    with pytest.raises(UsageError):
        RecordExtractor(output="tokens").fit(["a"])
    with pytest.raises(UsageError):
        RecordExtractor().fit(pd.DataFrame({"body": ["a"]}))
    with pytest.raises(UsageError):
        RecordExtractor().fit("one string")
    with pytest.raises(UsageError):
        RecordExtractor().fit([1, 2])


def test_records_output_has_no_feature_names():
    est = RecordExtractor().fit(["a"])
    with pytest.raises(AttributeError):
        est.get_feature_names_out()


def test_transform_before_fit_raises():
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        RecordExtractor().transform(["a"])


def test_records_to_features_columns_and_values(gold_records):
    f = records_to_features(gold_records)
    assert list(f.columns) == FEATURE_NAMES
    assert (f.dtypes == np.float64).all()
    assert len(f) == len(gold_records) and not f.isna().any().any()
    # each record has at most one value per one-hot group
    for field in ("ldn_use", "effect", "ms_type", "speaker_role"):
        cols = [c for c in FEATURE_NAMES if c.startswith(field + "_")]
        assert (f[cols].sum(axis=1) <= 1).all()
    mg = gold_records["dose_unit"].astype(object) == "mg"
    assert (f.loc[~mg.fillna(False).astype(bool), "current_dose_mg"] == 0).all()
    assert f["n_benefits"].sum() == sum(len(b) for b in gold_records["benefits"])


def test_transform_with_stand_in_extractor(fake_extract):
    texts = pd.Series(["LDN is good", "what is LDN?", "4.5 mg ldn, good"],
                      index=[10, 11, 12])
    est = RecordExtractor(drug="naltrexone").fit(texts)
    records = est.transform(texts)
    comments, drug = fake_extract[-1]
    assert drug == "naltrexone"
    assert comments["position"].tolist() == [1, 2, 3]
    assert list(records.index) == [10, 11, 12]
    assert records["ldn_use"].astype(str).tolist() == ["current"] * 3
    feats = RecordExtractor(output="features").fit_transform(texts)
    assert list(feats.columns) == FEATURE_NAMES and list(feats.index) == [10, 11, 12]
    assert feats["current_dose_mg"].tolist() == [0.0, 0.0, 4.5]
    assert feats["is_question"].tolist() == [0.0, 1.0, 0.0]


def test_pipeline_with_stand_in_extractor(fake_extract):
    texts = ["LDN is good", "LDN good for me", "LDN nothing", "LDN no change"]
    pipe = Pipeline([("x", RecordExtractor(output="features")),
                     ("clf", LogisticRegression())])
    pipe.fit(texts, [1, 1, 0, 0])
    assert pipe.predict(texts).tolist() == [1, 1, 0, 0]
    pipe.set_output(transform="pandas")
    assert list(pipe[:-1].transform(texts).columns) == FEATURE_NAMES


def test_records_output_survives_pandas_set_output(fake_extract):
    est = RecordExtractor().set_output(transform="pandas").fit(["LDN is good"])
    assert "ldn_use" in est.transform(["LDN is good"]).columns


# --- with the real extractor ---------------------------------------------------------------

def test_real_extractor_records():
    _real_extract()
    est = RecordExtractor().fit(COMMENTS)
    records = est.transform(COMMENTS)
    assert len(records) == len(COMMENTS)
    assert set(FIELDS) - {"parent"} <= set(records.columns)
    assert "evidence" in records
    assert records["text"].tolist() == COMMENTS


def test_real_extractor_in_a_pipeline():
    _real_extract()
    pipe = Pipeline([("x", RecordExtractor(output="features")),
                     ("clf", LogisticRegression())])
    pipe.fit(COMMENTS, LIKED)
    pred = pipe.predict(COMMENTS)
    assert pred.shape == (len(COMMENTS),)
    assert set(pred) <= {0, 1}
    feats = pipe[:-1].transform(pd.DataFrame({"text": COMMENTS}))
    assert list(feats.columns) == FEATURE_NAMES
    assert feats["ldn_use_current"].sum() >= 1
