"""Controlled-trial and other formal results, to show beside the anecdotes.

The results come from the source documents the project started from (articles and an MS
society booklet), one entry per study in the package data file ``data/trials.json``. Each
entry quotes the documents for its numbers, and says how far it can be trusted with a
GRADE-style certainty word, so that a report can put the patient comments on the same
ladder as the trials: at the bottom.

The file is rule data, so its loader is strict, like the lexicon loaders: an unknown key,
a missing key or a value of the wrong kind raises :class:`~ldn_comments.errors.RulesError`
``E011`` rather than being passed over.

Examples
--------
>>> table = trial_evidence()
>>> table.attrs["unit"], table.attrs["note"] == GRADE_NOTE
('trial', True)
>>> table.loc[table["id"] == "patient_comments", "certainty"].item()
'very low'
"""
from __future__ import annotations

import json
from importlib import resources
from os import PathLike
from pathlib import Path

import pandas as pd

from .errors import InputError, RulesError
from .label import labelled

__all__ = ["CERTAINTY_ORDER", "GRADE_NOTE", "load_trials", "trial_evidence"]

#: How to read the certainty column; shown as ``attrs["note"]`` on the table.
GRADE_NOTE = (
    "Uncontrolled case reports and testimonials are very low certainty evidence; "
    "randomised trials, even small ones, rank higher."
)

#: GRADE-style certainty words, lowest first.
CERTAINTY_ORDER = ["very low", "low", "moderate", "high"]

#: Keys every study must have, in the order of the table's columns.
REQUIRED_KEYS = (
    "id", "citation", "design", "population", "n_enrolled", "n_completed", "dose",
    "length", "finding", "certainty", "certainty_note", "sources",
)
#: Keys a study may have.
OPTIONAL_KEYS = ("note",)
#: Keys of one source (a document and a quotation from it).
SOURCE_KEYS = ("document", "quote")
#: Keys of the file itself.
FILE_KEYS = ("about", "studies")

# Which keys hold a count (int or null), and which may be null instead of text.
_COUNT_KEYS = ("n_enrolled", "n_completed")
_NULLABLE_TEXT = ("dose", "length")

_PACKAGED = "trials.json"


def _read_packaged() -> str:
    return resources.files("ldn_comments").joinpath("data").joinpath(_PACKAGED).read_text(
        encoding="utf-8")


def _check_keys(obj, *, required, optional=(), what: str, source: str) -> None:
    if not isinstance(obj, dict):
        raise RulesError("E011", f"{what} must be an object, not {type(obj).__name__}",
                         source=source)
    unknown = sorted(set(obj) - set(required) - set(optional))
    if unknown:
        raise RulesError("E011", f"unknown key {unknown[0]!r} in {what}", source=source)
    missing = [k for k in required if k not in obj]
    if missing:
        raise RulesError("E011", f"missing key {missing[0]!r} in {what}", source=source)


def _check_study(study, number: int, source: str) -> None:
    what = f"study {number}"
    _check_keys(study, required=REQUIRED_KEYS, optional=OPTIONAL_KEYS, what=what,
                source=source)
    what = f"study {number} ({study['id']!r})"

    def bad(key, expected):
        raise RulesError("E011", f"{key!r} in {what} must be {expected}, not "
                         f"{study[key]!r}", source=source)

    for key in REQUIRED_KEYS + OPTIONAL_KEYS:
        value = study.get(key)
        if key == "sources" or (key in OPTIONAL_KEYS and key not in study):
            continue
        if key in _COUNT_KEYS:
            # bool is an int in Python, but True is not a head count.
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                      or value < 0):
                bad(key, "a whole number or null")
        elif key in _NULLABLE_TEXT:
            if value is not None and not (isinstance(value, str) and value.strip()):
                bad(key, "text or null")
        elif not (isinstance(value, str) and value.strip()):
            bad(key, "non-empty text")
    if study["certainty"] not in CERTAINTY_ORDER:
        bad("certainty", f"one of {CERTAINTY_ORDER}")
    n_enrolled, n_completed = study["n_enrolled"], study["n_completed"]
    if n_enrolled is not None and n_completed is not None and n_completed > n_enrolled:
        raise RulesError("E011", f"n_completed exceeds n_enrolled in {what}", source=source)
    sources = study["sources"]
    if not isinstance(sources, list) or not sources:
        bad("sources", "a non-empty list")
    for i, src in enumerate(sources, 1):
        _check_keys(src, required=SOURCE_KEYS, what=f"source {i} of {what}", source=source)
        for key in SOURCE_KEYS:
            if not (isinstance(src[key], str) and src[key].strip()):
                raise RulesError("E011", f"{key!r} of source {i} of {what} must be "
                                 "non-empty text", source=source)


def load_trials(path: str | PathLike | None = None, *, text: str | None = None
                ) -> list[dict]:
    """Load and validate the study entries (the packaged ``trials.json`` by default).

    Parameters
    ----------
    path : str or path-like, optional
        A trials file to read instead of the packaged one.
    text : str, optional
        The file's JSON text itself (for tests and tools); not with `path`.

    Returns
    -------
    list of dict
        One dict per study, in file order, with the keys of :data:`REQUIRED_KEYS` (and
        ``note`` where the file gives one).

    Raises
    ------
    RulesError
        ``E011`` when the JSON is malformed, a key is unknown or missing, a value has
        the wrong kind, a certainty is not in :data:`CERTAINTY_ORDER` or an id repeats.
    InputError
        ``E008`` when `path` cannot be read.

    Examples
    --------
    >>> studies = load_trials()
    >>> cree = next(s for s in studies if s["id"] == "cree_2010")
    >>> cree["n_enrolled"], cree["n_completed"], cree["dose"]
    (80, 60, '4.5 mg nightly')
    >>> load_trials(text='{"studies": [{"id": "x", "colour": "red"}]}')
    Traceback (most recent call last):
    ...
    ldn_comments.errors.RulesError: E011 a lexicon or rule file is invalid: unknown key 'colour' in study 1, <text>
    """
    if path is not None and text is not None:
        raise ValueError("give path or text, not both")
    if text is not None:
        source = "<text>"
    elif path is not None:
        source = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError("E008", exc.__class__.__name__, source=source) from None
    else:
        source = f"ldn_comments/data/{_PACKAGED}"
        text = _read_packaged()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RulesError("E011", f"not valid JSON ({exc.msg})", source=source,
                         where=f"line {exc.lineno}") from None
    _check_keys(data, required=("studies",), optional=FILE_KEYS, what="the file",
                source=source)
    studies = data["studies"]
    if not isinstance(studies, list) or not studies:
        raise RulesError("E011", "'studies' must be a non-empty list", source=source)
    seen: set[str] = set()
    for number, study in enumerate(studies, 1):
        _check_study(study, number, source)
        if study["id"] in seen:
            raise RulesError("E011", f"duplicate id {study['id']!r}", source=source)
        seen.add(study["id"])
    return [dict(s) for s in studies]


def _source_documents(sources: list[dict]) -> str:
    # Each document once, in the order first cited.
    return "; ".join(dict.fromkeys(src["document"] for src in sources))


def trial_evidence(path: str | PathLike | None = None, *, text: str | None = None
                   ) -> pd.DataFrame:
    """The formal evidence on LDN as a labelled table, one row per study.

    Parameters
    ----------
    path, text : optional
        As for :func:`load_trials`; the packaged ``trials.json`` by default.

    Returns
    -------
    DataFrame
        Columns ``id``, ``citation``, ``design``, ``population``, ``n_enrolled`` and
        ``n_completed`` (nullable ``Int64``), ``dose``, ``length``, ``finding``,
        ``certainty`` (ordered categorical over :data:`CERTAINTY_ORDER`, so tables
        sort from weakest to strongest), ``certainty_note``, ``note``,
        ``source_documents`` (the cited document names joined by ``"; "``) and
        ``sources`` (the raw list of ``{"document", "quote"}`` dicts). ``attrs`` holds
        the package label, ``unit="trial"`` and ``note=GRADE_NOTE``.

    Raises
    ------
    RulesError
        ``E011`` when the file is invalid (see :func:`load_trials`).

    Examples
    --------
    >>> from ldn_comments.label import LABEL
    >>> table = trial_evidence()
    >>> table.attrs["label"] == LABEL
    True
    >>> cree = table.set_index("id").loc["cree_2010"]
    >>> int(cree["n_enrolled"]), int(cree["n_completed"]), cree["certainty"]
    (80, 60, 'low')
    >>> table.sort_values("certainty")["certainty"].iloc[0]
    'very low'
    """
    studies = load_trials(path, text=text)
    rows = []
    for study in studies:
        row = {key: study[key] for key in REQUIRED_KEYS if key != "sources"}
        row["note"] = study.get("note")
        row["source_documents"] = _source_documents(study["sources"])
        row["sources"] = [dict(src) for src in study["sources"]]
        rows.append(row)
    frame = pd.DataFrame(rows, columns=[*REQUIRED_KEYS[:-1], "note", "source_documents",
                                        "sources"])
    for key in _COUNT_KEYS:
        frame[key] = frame[key].astype("Int64")
    frame["certainty"] = pd.Categorical(frame["certainty"], categories=CERTAINTY_ORDER,
                                        ordered=True)
    return labelled(frame, unit="trial", note=GRADE_NOTE)
