"""Person keys: one key per real writer, however their name is spelled.

Examples
--------
>>> person_key("Rosa K.")
'rosa-k'
>>> person_key("Zoë Brandt") == person_key("Zoe  Brandt")
True
"""
from __future__ import annotations

import re
import unicodedata

import pandas as pd

from .records import ADVERSE_EVENTS, BENEFITS
from .schema import FIELD, SCHEMA

_NON_WORD = re.compile(r"[^\w\s-]+")
_SPACES = re.compile(r"[\s_-]+")
# Letters that NFKD does not decompose into a base letter and a mark.
_FOLD = str.maketrans({"ø": "o", "đ": "d", "ð": "d", "þ": "th", "ł": "l", "ß": "ss",
                       "æ": "ae", "œ": "oe", "ı": "i"})


def person_key(name) -> str | None:
    """Lower case, accents folded, punctuation dropped, runs of spaces to ``-``.

    Returns None for a missing or empty name.

    Examples
    --------
    >>> person_key("Dr Aoife O`Neill")
    'dr-aoife-oneill'
    >>> person_key("  ") is None
    True
    """
    if name is None or (not isinstance(name, str) and pd.isna(name)):
        return None
    text = unicodedata.normalize("NFKD", str(name).casefold().translate(_FOLD))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _NON_WORD.sub("", text)
    text = _SPACES.sub("-", text.strip()).strip("-")
    return text or None


# --- per-person rollup ------------------------------------------------------------------

#: Columns of :func:`people`, in order.
PEOPLE_COLUMNS = ["person", "author", "n_comments", "first_position", "speaker_role",
                  "ldn_use", "second_hand", "is_question", "ms_type", "dose_values",
                  "dose_unit", "current_dose", "ldn_duration_months", "effect", "benefits",
                  "adverse_events", "therapies"]
#: The record fields a person's comments combine into (those with a ``rollup`` in
#: :mod:`ldn_comments.schema`), in the order of :data:`PEOPLE_COLUMNS`.
ROLLED_UP = tuple(c for c in PEOPLE_COLUMNS if c in FIELD and FIELD[c].extracted)
if set(ROLLED_UP) != {f.name for f in SCHEMA if f.rollup and f.extracted}:
    raise RuntimeError("PEOPLE_COLUMNS and the schema's per-person rollups disagree")


def _rolled(dtype: str) -> list[str]:
    return [c for c in ROLLED_UP if FIELD[c].dtype == dtype]


# speaker_role: the most specific role a person ever states wins. A clinician who also
# mentions their own MS is still writing as a clinician; "unknown" never overrides a role.
_ROLE_RANK = {"clinician": 3, "caregiver": 2, "patient": 1, "unknown": 0}
# ms_type: a bare "MS" (a follow-up saying "my MS") does not undo an earlier course.
_COURSES = {"RRMS", "SPMS", "PPMS"}


def _missing(value) -> bool:
    if value is None or value is pd.NA:
        return True
    if isinstance(value, (str, list, dict, bool)):
        return False
    if isinstance(value, float):  # numpy floats too
        return value != value
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def as_records(frame: pd.DataFrame) -> pd.DataFrame:
    """A coerced copy of `frame` (see :func:`~ldn_comments.records.coerce_records`), safe
    to call on a frame that is already coerced (nullable booleans holding ``<NA>``)."""
    from .records import BOOLS, coerce_records

    out = frame.copy()
    for col in BOOLS:
        if col in out:
            out[col] = pd.Series([None if _missing(v) else bool(v) for v in out[col]],
                                 index=out.index, dtype=object)
    return coerce_records(out)


def _person_keys(frame: pd.DataFrame) -> list[str]:
    """The ``person`` column where filled, else the author's key, else one key per
    anonymous comment (``anonymous-<position>``): an unnamed comment cannot be joined to
    anyone, so it counts as its own person."""
    persons = frame["person"] if "person" in frame else pd.Series([None] * len(frame))
    keys = []
    for person, author, pos in zip(persons, frame["author"] if "author" in frame
                                   else [None] * len(frame), frame["position"]):
        key = None if _missing(person) else str(person)
        key = key or person_key(None if _missing(author) else author)
        keys.append(key or f"anonymous-{pos}")
    return keys


class _Person:
    """Accumulates one person's comments in thread order."""

    __slots__ = ("person", "author", "n", "first", "role", "use", "use_none", "second",
                 "question", "ms", "doses", "dose_unit", "dose_unit_set", "current",
                 "duration", "effect", "benefits", "adverse", "therapies")

    def __init__(self, person, author, position):
        self.person, self.author, self.n, self.first = person, author, 0, position
        self.role = self.use = self.ms = self.effect = self.duration = None
        self.use_none = False
        self.second = self.question = None
        self.doses: dict[str | None, set] = {}
        self.current: dict[str | None, float] = {}
        self.dose_unit = None
        self.dose_unit_set = False
        self.benefits: set = set()
        self.adverse: set = set()
        self.therapies: dict[str, str] = {}

    def add(self, row) -> None:
        self.n += 1
        if self.author is None and not _missing(row.author):
            self.author = row.author
        if not _missing(row.speaker_role):
            if self.role is None or _ROLE_RANK[row.speaker_role] > _ROLE_RANK[self.role]:
                self.role = row.speaker_role
        if not _missing(row.ldn_use):
            if row.ldn_use == "none":
                self.use_none = True
            else:
                self.use = row.ldn_use
        for attr, value in (("second", row.second_hand), ("question", row.is_question)):
            if not _missing(value):
                setattr(self, attr, bool(value) or bool(getattr(self, attr)))
        if not _missing(row.ms_type):
            if not (row.ms_type == "MS" and self.ms in _COURSES):
                self.ms = row.ms_type
        unit = None if _missing(row.dose_unit) else row.dose_unit
        values = [float(v) for v in row.dose_values if not _missing(v)]
        if values:
            self.doses.setdefault(unit, set()).update(values)
        if not _missing(row.current_dose):
            self.current[unit] = float(row.current_dose)
        # The person's unit is that of their latest dose statement that names a unit.
        if unit is not None and (values or not _missing(row.current_dose)):
            self.dose_unit = unit
        if not _missing(row.ldn_duration_months):
            d = float(row.ldn_duration_months)
            self.duration = d if self.duration is None else max(self.duration, d)
        if not _missing(row.effect):
            self.effect = row.effect
        self.benefits.update(row.benefits)
        self.adverse.update(row.adverse_events)
        for item in row.therapies:
            if isinstance(item, dict) and item.get("name"):
                self.therapies[item["name"]] = item.get("status")

    def row(self) -> dict:
        unit = self.dose_unit
        use = self.use if self.use is not None else ("none" if self.use_none else None)
        return {
            "person": self.person, "author": self.author, "n_comments": self.n,
            "first_position": self.first, "speaker_role": self.role, "ldn_use": use,
            "second_hand": self.second, "is_question": self.question, "ms_type": self.ms,
            "dose_values": sorted(self.doses.get(unit, ())), "dose_unit": unit,
            "current_dose": self.current.get(unit), "ldn_duration_months": self.duration,
            "effect": self.effect,
            "benefits": [b for b in BENEFITS if b in self.benefits]
            + sorted(self.benefits - set(BENEFITS)),
            "adverse_events": [a for a in ADVERSE_EVENTS if a in self.adverse]
            + sorted(self.adverse - set(ADVERSE_EVENTS)),
            "therapies": [{"name": k, "status": self.therapies[k]}
                          for k in sorted(self.therapies)],
        }


def people(records: pd.DataFrame) -> pd.DataFrame:
    """One row per person: that person's comments combined, the default unit of counting.

    One writer with five comments is one report. Comments are combined in thread order
    (``position``):

    - ``person``: the ``person`` column where filled, else :func:`person_key` of the
      author, else ``anonymous-<position>`` (an unnamed comment is its own person).
    - ``author``: the first spelling seen; ``n_comments``; ``first_position``.
    - ``speaker_role``: the most specific role ever stated, clinician > caregiver >
      patient > unknown (a role, once stated, is not undone by a comment that is silent
      about it).
    - ``ldn_use``: the latest stated use, where ``none`` counts only when nothing else
      was ever stated (a user's later question does not make them a non-user).
    - ``second_hand``, ``is_question``: true if true for any comment.
    - ``ms_type``: the latest stated, except that a bare ``MS`` does not replace an earlier
      RRMS/SPMS/PPMS (the guide makes "my MS" in a follow-up ``MS``).
    - ``dose_unit``: the unit of the person's latest dose statement that names one;
      ``dose_values`` (union, sorted) and ``current_dose`` (latest) are taken only from
      comments in that unit, so mg and ml are never mixed. Where no unit is ever written,
      the unit-less values are kept and ``dose_unit`` is null.
    - ``ldn_duration_months``: the longest stated; ``effect``: the latest stated.
    - ``benefits``, ``adverse_events``: the union, in the guide's order.
    - ``therapies``: the latest status per therapy name, sorted by name.

    Parameters
    ----------
    records : DataFrame
        Records (one row per comment), as from ``extract`` or
        :func:`~ldn_comments.records.read_records`. Not modified.

    Returns
    -------
    DataFrame
        Columns :data:`PEOPLE_COLUMNS`, ordered by first appearance in the thread, with
        ``category``, ``Int64``, ``Float64`` and ``boolean`` dtypes, labelled with
        ``attrs["unit"] == "person"``.

    Examples
    --------
    >>> import pandas as pd
    >>> from ldn_comments.records import coerce_records
    >>> r = coerce_records(pd.DataFrame([
    ...     {"position": 1, "author": "Ann B.", "ldn_use": "current", "effect": "positive",
    ...      "dose_values": [3.0], "dose_unit": "mg", "current_dose": 3.0},
    ...     {"position": 2, "author": "Bob", "ldn_use": "none", "is_question": True},
    ...     {"position": 3, "author": "ann b", "ldn_use": "none", "dose_values": [4.5],
    ...      "dose_unit": "mg", "current_dose": 4.5, "benefits": ["fatigue"]},
    ... ]))
    >>> p = people(r)
    >>> p[["person", "author", "n_comments", "ldn_use", "current_dose"]]
      person  author  n_comments  ldn_use  current_dose
    0  ann-b  Ann B.           2  current           4.5
    1    bob     Bob           1     none          <NA>
    >>> p.loc[0, "dose_values"], p.loc[0, "benefits"], p.attrs["unit"]
    ([3.0, 4.5], ['fatigue'], 'person')
    """
    from .label import labelled
    from .records import ENUMS

    frame = as_records(records)
    if "author" not in frame:
        frame["author"] = pd.array([None] * len(frame), dtype="string")
    frame = frame.assign(person=pd.array(_person_keys(frame), dtype=object))
    if len(frame):
        frame = frame.sort_values("position", kind="stable", na_position="last")
    acc: dict[str, _Person] = {}
    cols = ["person", "author", "position"] + list(ROLLED_UP)
    for row in frame[cols].itertuples(index=False):
        who = acc.get(row.person)
        if who is None:
            who = acc[row.person] = _Person(row.person,
                                            None if _missing(row.author) else row.author,
                                            None if _missing(row.position) else row.position)
        who.add(row)
    rows = [p.row() for p in acc.values()]
    out = pd.DataFrame(rows, columns=PEOPLE_COLUMNS)
    out["person"] = out["person"].astype("string")
    out["author"] = out["author"].astype("string")
    for col in ("n_comments", "first_position"):
        out[col] = pd.array(out[col].tolist(), dtype="Int64")
    for col in _rolled("category"):
        out[col] = pd.Categorical(out[col].tolist(), categories=ENUMS[col])
    for col in _rolled("boolean"):
        out[col] = pd.array(out[col].tolist(), dtype="boolean")
    for col in _rolled("Float64"):
        out[col] = pd.array([None if _missing(v) else float(v) for v in out[col]],
                            dtype="Float64")
    for col in _rolled("list"):
        out[col] = pd.Series(list(out[col]) if len(out) else [], index=out.index,
                             dtype=object)
    return labelled(out, unit="person",
                    note="One row per person: a writer's comments combined in thread order.")


from ._callable import make_callable  # noqa: E402

make_callable(__name__, "people")
