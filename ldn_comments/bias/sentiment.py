"""Why word-counting sentiment is the wrong tool for outcome reports.

VADER scores text by the words in it: "no side effects" and "no relapses since
starting" contain *side effects* and *relapses*, so it reads them as negative, while
"did not help" can come out positive. The table beside the extracted ``effect`` shows
where the two disagree, with a sentence from each cell.

The analyzer is NLTK's, loaded with the lexicon that ships inside the installed
``vaderSentiment`` package: nothing is downloaded, ever.

Examples
--------
>>> import pandas as pd
>>> scores = sentiment_scores(pd.DataFrame(
...     {"position": [1], "text": ["No side effects at all."], "effect": ["positive"]}))
>>> scores.loc[0, "vader"], float(scores.loc[0, "compound"]) < 0
('negative', True)
"""
from __future__ import annotations

import functools
import re
from importlib.resources import files
from pathlib import Path

import pandas as pd

from ..label import labelled
from ._common import EFFECTS, column, ordered, tagged

#: Rows and columns of the confusion table.
EFFECT_ROWS = EFFECTS + ["none"]
VADER_CLASSES = ["positive", "neutral", "negative"]
#: VADER's authors' cut-offs for a positive / negative compound score.
THRESHOLD = 0.05

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def vader_lexicon_path() -> Path:
    """Absolute path of ``vader_lexicon.txt`` inside the installed ``vaderSentiment``.

    Examples
    --------
    >>> vader_lexicon_path().name
    'vader_lexicon.txt'
    """
    return Path(str(files("vaderSentiment").joinpath("vader_lexicon.txt"))).resolve()


@functools.lru_cache(maxsize=1)
def analyzer():
    """NLTK's VADER ``SentimentIntensityAnalyzer``, built once, from a local lexicon.

    NLTK opens a lexicon through ``nltk.data.load``, which (from NLTK 3.9) only reads
    files under its data roots; the lexicon's folder is added to ``nltk.data.path`` for
    the construction and removed again, so no global setting is left changed.

    Examples
    --------
    >>> round(analyzer().polarity_scores("No relapses since starting.")["compound"], 3)
    -0.296
    """
    import nltk.data
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    lexicon = vader_lexicon_path()
    root = str(lexicon.parent)
    added = root not in nltk.data.path
    if added:
        nltk.data.path.append(root)
    try:
        return SentimentIntensityAnalyzer(lexicon_file=lexicon.as_uri())
    finally:
        if added:
            nltk.data.path.remove(root)


def vader_class(compound: float, *, threshold: float = THRESHOLD) -> str:
    """``positive`` at ``compound >= threshold``, ``negative`` at ``<= -threshold``,
    else ``neutral``.

    Examples
    --------
    >>> vader_class(-0.296), vader_class(0.0), vader_class(0.62)
    ('negative', 'neutral', 'positive')
    """
    if compound >= threshold:
        return "positive"
    if compound <= -threshold:
        return "negative"
    return "neutral"


def _text(value) -> str:
    return value if isinstance(value, str) else ""


@tagged
def sentiment_scores(records: pd.DataFrame, *, threshold: float = THRESHOLD) -> pd.DataFrame:
    """VADER's compound score for each comment, beside the extracted effect.

    Parameters
    ----------
    records : DataFrame
        Records with ``text`` and ``effect``.
    threshold : float
        Cut-off for the positive and negative classes.

    Returns
    -------
    DataFrame, labelled, unit ``"comment"``
        ``position``, ``person``, ``effect`` (``none`` where no outcome is reported),
        ``compound``, ``vader`` (its class) and ``text``, in thread order.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"position": [1, 2], "effect": ["positive", None],
    ...                   "text": ["I feel great on LDN.", "Where do I get it?"]})
    >>> sentiment_scores(r)[["effect", "vader"]].values.tolist()
    [['positive', 'positive'], ['none', 'neutral']]
    """
    d = ordered(records)
    sia = analyzer()
    texts = [_text(t) for t in column(d, "text")]
    compound = [sia.polarity_scores(t)["compound"] if t else 0.0 for t in texts]
    effect = column(d, "effect").map(lambda v: v if v in EFFECTS else "none")
    table = pd.DataFrame({
        "position": column(d, "position").to_numpy(),
        "person": d["_person"].to_numpy(),
        "effect": effect.to_numpy(),
        "compound": compound,
        "vader": [vader_class(c, threshold=threshold) for c in compound],
        "text": texts,
    })
    return labelled(table, unit="comment", note=(
        "VADER's compound score runs from -1 (negative words) to +1 (positive words); "
        "it counts words, it does not read what happened."))


def _example(cell: pd.DataFrame, vader: str, sia, threshold: float):
    """The sentence of the cell's comments that shows its VADER class most strongly."""
    best = None
    for pos, text in zip(cell["position"], cell["text"]):
        for sentence in _SENTENCE.split(text):
            sentence = sentence.strip()
            if len(sentence.split()) < 3:
                continue
            c = sia.polarity_scores(sentence)["compound"]
            if vader_class(c, threshold=threshold) != vader:
                continue
            key = {"positive": -c, "negative": c, "neutral": abs(c)}[vader]
            if best is None or key < best[0]:
                best = (key, pos, sentence, c)
    if best is None:
        return pd.NA, None, float("nan")
    return best[1], best[2], best[3]


@tagged
def sentiment_vs_effect(records: pd.DataFrame, *, threshold: float = THRESHOLD
                        ) -> pd.DataFrame:
    """Confusion table of the extracted effect against VADER's class, with examples.

    The off-diagonal cells are the lesson: a comment reporting that LDN worked ("no
    relapses, no side effects") scores negative, because the words *relapses* and *side
    effects* are in it. Sentiment measures the words, not the outcome.

    Parameters
    ----------
    records : DataFrame
        Records with ``text`` and ``effect``.
    threshold : float
        Cut-off for VADER's positive and negative classes.

    Returns
    -------
    DataFrame, labelled, unit ``"comment"``
        One row per (``effect``, ``vader``) cell, all 15 present: ``comments``, ``share``
        of the effect's comments, ``agrees`` (the two say the same thing; ``<NA>`` for
        ``mixed``), ``mean_compound``, and an example: ``example_position``,
        ``example_sentence`` (the sentence of the cell's comments that shows VADER's
        class most strongly) and ``sentence_compound``. Use
        ``t.pivot(index="effect", columns="vader", values="comments")`` for the square.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({"position": [1], "effect": ["positive"],
    ...                   "text": ["Four years on LDN. No relapses and no side effects."]})
    >>> t = sentiment_vs_effect(r).set_index(["effect", "vader"])
    >>> int(t.loc[("positive", "negative"), "comments"])
    1
    >>> t.loc[("positive", "negative"), "example_sentence"]
    'No relapses and no side effects.'
    """
    scores = sentiment_scores(records, threshold=threshold)
    sia = analyzer()
    agree = {("positive", "positive"), ("negative", "negative"),
             ("no_effect", "neutral"), ("none", "neutral")}
    rows = []
    for effect in EFFECT_ROWS:
        of_effect = scores[scores["effect"] == effect]
        for vader in VADER_CLASSES:
            cell = of_effect[of_effect["vader"] == vader]
            pos, sentence, c = _example(cell, vader, sia, threshold)
            rows.append({
                "effect": effect, "vader": vader, "comments": len(cell),
                "share": len(cell) / len(of_effect) if len(of_effect) else float("nan"),
                "agrees": pd.NA if effect == "mixed" else (effect, vader) in agree,
                "mean_compound": float(cell["compound"].mean()) if len(cell) else float("nan"),
                "example_position": pos, "example_sentence": sentence,
                "sentence_compound": c,
            })
    table = pd.DataFrame(rows)
    table["effect"] = pd.Categorical(table["effect"], categories=EFFECT_ROWS)
    table["vader"] = pd.Categorical(table["vader"], categories=VADER_CLASSES)
    table["agrees"] = table["agrees"].astype("boolean")
    table["example_position"] = table["example_position"].astype("Int64")
    return labelled(table, unit="comment", note=(
        "Rows: the effect extracted from what the comment says happened. Columns: "
        "VADER's reading of its words. Where they disagree, the words mislead."))
