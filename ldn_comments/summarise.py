"""Labelled summary tables: counts per person, with per-comment counts beside them.

:func:`summarise` turns records (one row per comment) into a :class:`Summary`, an ordered
set of named tables. Every table is a new DataFrame carrying ``attrs``: ``label`` (the
:data:`~ldn_comments.label.LABEL`), ``unit`` (``"person"`` or ``"comment"``: what the main
counts and intervals are of), ``title`` (a heading) and ``note`` (how to read it, which
denominator is used).

Proportion tables share one column scheme. With ``unit="person"`` (the default)::

    <category>  persons  persons_denominator  persons_share  ci95_low  ci95_high
                comments  comments_denominator  comments_share

``ci95_low``/``ci95_high`` are the 95% Wilson interval of the table's own unit (persons by
default). The per-comment share beside it has no interval on purpose: one writer's
comments are not independent of each other, so an interval over comments would look more
certain than the data are. With ``unit="comment"`` the two blocks swap places and the
interval is over comments.

Table names are a contract (the report writer relies on them), in this order:
``ldn_use``, ``effect``, ``benefits``, ``adverse_events``, ``ms_type``, ``speaker_role``,
``questions``, ``dose_mg``, ``dose_mg_values``, ``dose_ml``, ``dose_ml_values``,
``duration``, ``duration_bands``, ``therapies``.

Examples
--------
>>> import pandas as pd
>>> from ldn_comments.records import coerce_records
>>> r = coerce_records(pd.DataFrame([
...     {"position": 1, "author": "Ann", "ldn_use": "current", "effect": "positive"},
...     {"position": 2, "author": "Ann", "ldn_use": "current", "effect": "positive"},
...     {"position": 3, "author": "Bob", "ldn_use": "past", "effect": "no_effect"},
... ]))
>>> s = summarise(r)
>>> s.n_persons, s.n_comments
(2, 3)
>>> s["effect"][["effect", "persons", "persons_denominator", "comments"]].head(2)
     effect  persons  persons_denominator  comments
0  positive        1                    2         2
1     mixed        0                    2         0
"""
from __future__ import annotations

import textwrap
from collections.abc import Iterator

import numpy as np
import pandas as pd

from .errors import UsageError
from .label import LABEL, labelled
from .people import as_records, people, person_key
from .records import ADVERSE_EVENTS, BENEFITS, ENUMS, THERAPY_STATUS

__all__ = ["Summary", "summarise", "TABLE_NAMES", "DURATION_BANDS", "USE_VALUES",
           "BY_DRUG_TABLE_NAMES", "DIFFERENT_GROUPS", "drug_groups"]

#: The names of :func:`summarise`'s tables, in order (a contract for report writers).
TABLE_NAMES = ("ldn_use", "effect", "benefits", "adverse_events", "ms_type", "speaker_role",
               "questions", "dose_mg", "dose_mg_values", "dose_ml", "dose_ml_values",
               "duration", "duration_bands", "therapies")

#: ``ldn_use`` values that mean the subject took LDN (the outcome denominators).
USE_VALUES = ("current", "past")

#: Duration bands in months: (label, lower bound inclusive, upper bound).
#: The upper bound is exclusive, except for "1–3 years", which includes 36 months.
DURATION_BANDS = (("< 3 months", 0.0, 3.0), ("3–12 months", 3.0, 12.0),
                  ("1–3 years", 12.0, 36.0), ("> 3 years", 36.0, np.inf))

NOT_STATED = "not stated"
NONE_REPORTED = "none reported"
SECOND_HAND = "second-hand (any role)"
UNITS = ("person", "comment")


# --- the container -----------------------------------------------------------------------

class Summary:
    """Named, labelled summary tables in a fixed order.

    Index it by table name (``summary["effect"]``); iterating gives ``(name, table)``
    pairs, in order, which is what report writers want. ``keys()``, ``values()``,
    ``items()``, ``len()`` and ``in`` work as for the dict ``tables``.

    Attributes
    ----------
    tables : dict of str to DataFrame
        The tables, in :data:`TABLE_NAMES` order.
    label : str
        :data:`~ldn_comments.label.LABEL`.
    n_persons, n_comments : int
        How many persons and comments the records hold.
    unit : {"person", "comment"}
        What the main counts of the tables are of.

    Examples
    --------
    >>> import pandas as pd
    >>> from ldn_comments.records import coerce_records
    >>> s = summarise(coerce_records(pd.DataFrame([{"position": 1, "author": "Ann",
    ...                                             "ldn_use": "current"}])))
    >>> [name for name, table in s][:3]
    ['ldn_use', 'effect', 'benefits']
    >>> s.label == s["effect"].attrs["label"]
    True
    """

    def __init__(self, tables: dict[str, pd.DataFrame], *, n_persons: int,
                 n_comments: int, unit: str = "person"):
        self.tables = dict(tables)
        self.n_persons = int(n_persons)
        self.n_comments = int(n_comments)
        self.unit = unit
        self.label = LABEL

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def __iter__(self) -> Iterator[tuple[str, pd.DataFrame]]:
        return iter(self.tables.items())

    def __len__(self) -> int:
        return len(self.tables)

    def __contains__(self, name) -> bool:
        return name in self.tables

    def keys(self):
        return self.tables.keys()

    def get(self, name: str, default=None):
        return self.tables.get(name, default)

    def values(self):
        return self.tables.values()

    def items(self):
        return self.tables.items()

    def __repr__(self) -> str:
        return (f"<Summary of {self.n_persons} persons, {self.n_comments} comments: "
                f"{len(self)} tables, counted per {self.unit}>")

    def to_text(self, *, width: int = 88) -> str:
        """Plain-text tables: the label on the first lines, then each table with its
        title, unit and note.

        Examples
        --------
        >>> import pandas as pd
        >>> from ldn_comments.records import coerce_records
        >>> s = summarise(coerce_records(pd.DataFrame([{"position": 1, "author": "Ann",
        ...                                             "ldn_use": "current"}])))
        >>> text = s.to_text()
        >>> text.startswith("Uncontrolled, self-selected reports")
        True
        >>> "Reported effect of LDN" in text
        True
        """
        lines = textwrap.wrap(self.label, width)
        lines += [f"{self.n_persons} persons wrote {self.n_comments} comments. Counts are "
                  f"per {self.unit}" + (", with per-comment counts beside them."
                                        if self.unit == "person" else
                                        ", with per-person counts beside them."), ""]
        if not self.n_comments:
            lines += ["No reports: the records are empty, so every count below is 0.", ""]
        for name, table in self:
            title = table.attrs.get("title", name)
            lines += [title, "=" * min(len(title), width)]
            lines.append(f"Table '{name}'; counted per {table.attrs.get('unit', self.unit)}.")
            note = table.attrs.get("note")
            if note:
                lines += textwrap.wrap(note, width)
            if len(table):
                lines.append(table.to_string(index=False, float_format=_fmt, na_rep="-"))
            else:
                lines.append("(no reports)")
            lines.append("")
        return "\n".join(lines)


def _fmt(x) -> str:
    return f"{x:.3g}" if abs(x) >= 1 else f"{x:.2f}"


# --- helpers -------------------------------------------------------------------------------

def _share_table(key: str, rows: list[tuple[str, int, int]], p_den: int, c_den: int,
                 unit: str) -> pd.DataFrame:
    """Rows of (category, persons, comments) -> the proportion scheme of this module."""
    from .stats import wilson_interval

    cats = [r[0] for r in rows]
    p = np.array([r[1] for r in rows], dtype="int64")
    c = np.array([r[2] for r in rows], dtype="int64")
    with np.errstate(invalid="ignore", divide="ignore"):
        p_share = p / p_den if p_den else np.full(len(p), np.nan)
        c_share = c / c_den if c_den else np.full(len(c), np.nan)
    persons = {"persons": p, "persons_denominator": np.full(len(p), p_den, dtype="int64"),
               "persons_share": p_share}
    comments = {"comments": c, "comments_denominator": np.full(len(c), c_den, dtype="int64"),
                "comments_share": c_share}
    main, side = (persons, comments) if unit == "person" else (comments, persons)
    k, n = (p, p_den) if unit == "person" else (c, c_den)
    low, high = wilson_interval(k, np.full(len(k), n)) if len(k) else (np.array([]),
                                                                         np.array([]))
    data = {key: cats, **main, "ci95_low": np.asarray(low, dtype=float),
            "ci95_high": np.asarray(high, dtype=float), **side}
    out = pd.DataFrame(data)
    out[key] = out[key].astype("string")
    for col in ("persons", "persons_denominator", "comments", "comments_denominator"):
        out[col] = out[col].astype("Int64")
    for col in ("persons_share", "comments_share", "ci95_low", "ci95_high"):
        out[col] = out[col].astype("Float64")
    return out


def _finish(frame: pd.DataFrame, *, unit: str, title: str, note: str) -> pd.DataFrame:
    out = labelled(frame.reset_index(drop=True), unit=unit, note=note)
    out.attrs["title"] = title
    return out


def _count(series: pd.Series, value) -> int:
    return int((series == value).fillna(False).sum())


def _enum_rows(P, R, field, values, *, p_mask=None, c_mask=None):
    ps = P[field] if p_mask is None else P.loc[p_mask, field]
    cs = R[field] if c_mask is None else R.loc[c_mask, field]
    rows = [(v, _count(ps.astype(object), v), _count(cs.astype(object), v)) for v in values]
    missing = (int(ps.isna().sum()), int(cs.isna().sum()))
    return rows, missing


def _users(frame: pd.DataFrame) -> pd.Series:
    """Rows that report taking LDN (current or past use), or that report an outcome."""
    use = frame["ldn_use"].astype(object).isin(USE_VALUES)
    return (use | frame["effect"].notna()).astype(bool)


def _unit_phrase(unit: str) -> str:
    return "persons" if unit == "person" else "comments"


# --- the tables ------------------------------------------------------------------------------

def _t_ldn_use(P, R, unit):
    rows, (pm, cm) = _enum_rows(P, R, "ldn_use", ENUMS["ldn_use"])
    if pm or cm:
        rows.append((NOT_STATED, pm, cm))
    return _finish(_share_table("ldn_use", rows, len(P), len(R), unit), unit=unit,
                   title="LDN use reported",
                   note=("Denominator: everyone (all persons; all comments). A person's use "
                         "is the latest they stated; 'none' only if they never stated any "
                         "use. 'planned' includes people considering LDN."))


def _t_effect(P, R, unit):
    pu, cu = _users(P), _users(R)
    rows, (pm, cm) = _enum_rows(P, R, "effect", ENUMS["effect"], p_mask=pu, c_mask=cu)
    rows.append((NONE_REPORTED, pm, cm))
    return _finish(_share_table("effect", rows, int(pu.sum()), int(cu.sum()), unit),
                   unit=unit, title="Reported effect of LDN",
                   note=("Denominator: persons (comments) who reported taking LDN now or "
                         "in the past, or who reported an outcome; 'none reported' are those "
                         "users who said nothing about an outcome. A person's effect is the "
                         "latest they stated. Self-reported and unverified: people with a "
                         "good experience may be more likely to post."))


def _list_rows(P, R, field, keys, pu, cu):
    p_sets = [set(v) for v in P.loc[pu, field]]
    c_sets = [set(v) for v in R.loc[cu, field]]
    seen = set().union(*p_sets, *c_sets) if (p_sets or c_sets) else set()
    order = [k for k in keys if k in seen] + sorted(seen - set(keys))
    rows = [(k, sum(k in s for s in p_sets), sum(k in s for s in c_sets)) for k in order]
    rows.sort(key=lambda r: (-r[1], -r[2]))  # stable: the guide's order breaks ties
    anyrow = ("any", sum(bool(s) for s in p_sets), sum(bool(s) for s in c_sets))
    return [anyrow] + rows


def _t_benefits(P, R, unit):
    pu, cu = _users(P), _users(R)
    rows = _list_rows(P, R, "benefits", BENEFITS, pu, cu)
    return _finish(_share_table("benefit", rows, int(pu.sum()), int(cu.sum()), unit),
                   unit=unit, title="Benefits credited to LDN",
                   note=("Denominator: persons (comments) who reported taking LDN or an "
                         "outcome. One person can report several benefits, so shares do "
                         "not add up to 1; 'any' is persons with at least one. Only "
                         "benefits reported at least once are listed."))


def _t_adverse(P, R, unit):
    pu, cu = _users(P), _users(R)
    rows = _list_rows(P, R, "adverse_events", ADVERSE_EVENTS, pu, cu)
    return _finish(_share_table("adverse_event", rows, int(pu.sum()), int(cu.sum()), unit),
                   unit=unit, title="Adverse events blamed on LDN",
                   note=("Denominator: persons (comments) who reported taking LDN or an "
                         "outcome. Several events per person are possible; 'any' is persons "
                         "with at least one. An event not mentioned is not an event shown "
                         "to be absent: nobody asked these writers about side effects."))


def _t_ms_type(P, R, unit):
    rows, (pm, cm) = _enum_rows(P, R, "ms_type", ENUMS["ms_type"])
    rows.append((NOT_STATED, pm, cm))
    return _finish(_share_table("ms_type", rows, len(P), len(R), unit), unit=unit,
                   title="Type of MS stated",
                   note=("Denominator: everyone. 'MS' means MS stated without its course; "
                         "'not stated' means the writer did not say the subject has MS. A "
                         "person's type is the latest course stated."))


def _t_speaker_role(P, R, unit):
    rows, (pm, cm) = _enum_rows(P, R, "speaker_role", ENUMS["speaker_role"])
    if pm or cm:
        rows.append((NOT_STATED, pm, cm))
    rows.append((SECOND_HAND, _count(P["second_hand"], True),
                 _count(R["second_hand"], True)))
    return _finish(_share_table("speaker_role", rows, len(P), len(R), unit), unit=unit,
                   title="Who is writing",
                   note=("Denominator: everyone. A person's role is the most specific they "
                         f"stated (clinician > caregiver > patient > unknown). The last row, "
                         f"'{SECOND_HAND}', is not a role: it counts those who reported, at "
                         "first hand, someone else's LDN use or outcome, and overlaps the "
                         "role rows."))


def _t_questions(P, R, unit):
    rows = [("asked a question", _count(P["is_question"], True),
             _count(R["is_question"], True)),
            ("no question", _count(P["is_question"], False), _count(R["is_question"], False))]
    pm, cm = int(P["is_question"].isna().sum()), int(R["is_question"].isna().sum())
    if pm or cm:
        rows.append((NOT_STATED, pm, cm))
    return _finish(_share_table("questions", rows, len(P), len(R), unit), unit=unit,
                   title="Questions and reports",
                   note=("Denominator: everyone. A person 'asked a question' if any of their "
                         "comments asks others for information or advice; many people in "
                         "such threads are asking, not reporting."))


def _stats(values) -> dict:
    v = np.asarray([float(x) for x in values], dtype=float)
    if not len(v):
        return {"median": np.nan, "q25": np.nan, "q75": np.nan, "min": np.nan,
                "max": np.nan}
    return {"median": float(np.median(v)), "q25": float(np.quantile(v, 0.25)),
            "q75": float(np.quantile(v, 0.75)), "min": float(v.min()), "max": float(v.max())}


def _dose_lists(frame: pd.DataFrame, dose_unit: str):
    """Per row in `dose_unit`: (current dose or None, list of stated values)."""
    sel = frame[(frame["dose_unit"].astype(object) == dose_unit).fillna(False).astype(bool)]
    current = [float(v) for v in sel["current_dose"] if not pd.isna(v)]
    stated = [sorted({float(x) for x in v}) for v in sel["dose_values"]]
    return current, [s for s in stated if s]


def _order(unit):
    return ("persons", "comments") if unit == "person" else ("comments", "persons")


def _t_dose(P, R, unit, dose_unit):
    rows = []
    lists = {"persons": _dose_lists(P, dose_unit), "comments": _dose_lists(R, dose_unit)}
    for counted in _order(unit):
        current, stated = lists[counted]
        flat = [x for s in stated for x in s]
        rows.append({"measure": "current dose", "counted": counted, "n": len(current),
                     "values": len(current), **_stats(current)})
        rows.append({"measure": "all stated doses", "counted": counted, "n": len(stated),
                     "values": len(flat), **_stats(flat)})
    out = pd.DataFrame(rows)
    out = out.drop(columns=["q25", "q75"])
    for col in ("measure", "counted"):
        out[col] = out[col].astype("string")
    for col in ("n", "values"):
        out[col] = out[col].astype("Int64")
    for col in ("median", "min", "max"):
        out[col] = out[col].astype("Float64")
    return _finish(out, unit=unit, title=f"LDN dose in {dose_unit}",
                   note=(f"Only doses written in {dose_unit}; mg and ml are never pooled "
                         "(ml depends on the liquid's strength), and doses with no unit are "
                         "left out. 'n' is how many persons (comments) stated a dose, "
                         "'values' how many dose values were pooled: for 'all stated "
                         "doses', each distinct dose a person (comment) gave counts once. A "
                         "person's current dose is the latest they stated."))


def _t_dose_values(P, R, unit, dose_unit):
    lists = {"persons": _dose_lists(P, dose_unit), "comments": _dose_lists(R, dose_unit)}
    doses = sorted({x for cur, stated in lists.values() for x in cur}
                   | {x for cur, stated in lists.values() for s in stated for x in s})
    data = {"dose": doses}
    for counted in _order(unit):
        current, stated = lists[counted]
        data[f"{counted}_current"] = [sum(c == d for c in current) for d in doses]
        data[f"{counted}_stated"] = [sum(d in s for s in stated) for d in doses]
    out = pd.DataFrame(data)
    out["dose"] = out["dose"].astype("Float64")
    for col in out.columns[1:]:
        out[col] = out[col].astype("Int64")
    return _finish(out, unit=unit, title=f"LDN doses stated, in {dose_unit}",
                   note=(f"One row per dose value written in {dose_unit}. '_current' counts "
                         "those whose current dose it is; '_stated' those who mentioned it "
                         "at all (a titration 1.5 → 3 → 4.5 mentions three doses)."))


def _durations(frame):
    return [float(v) for v in frame["ldn_duration_months"] if not pd.isna(v)]


def _t_duration(P, R, unit):
    rows = []
    for counted in _order(unit):
        vals = _durations(P if counted == "persons" else R)
        rows.append({"counted": counted, "n": len(vals), **_stats(vals)})
    out = pd.DataFrame(rows, columns=["counted", "n", "median", "q25", "q75", "min", "max"])
    out["counted"] = out["counted"].astype("string")
    out["n"] = out["n"].astype("Int64")
    for col in ("median", "q25", "q75", "min", "max"):
        out[col] = out[col].astype("Float64")
    return _finish(out, unit=unit, title="How long LDN was taken (months)",
                   note=("Only durations stated as a length; a start date alone is not "
                         "turned into a duration. A person's duration is the longest they "
                         "stated. Long-time users are likelier to still be posting "
                         "(survivorship): these are not retention rates."))


def _band(months: float) -> str:
    for name, low, high in DURATION_BANDS:
        if low <= months < high or (name == "1–3 years" and months == high):
            return name
    return DURATION_BANDS[-1][0]


def _t_duration_bands(P, R, unit):
    pb = [_band(v) for v in _durations(P)]
    cb = [_band(v) for v in _durations(R)]
    rows = [(name, pb.count(name), cb.count(name)) for name, _, _ in DURATION_BANDS]
    return _finish(_share_table("duration", rows, len(pb), len(cb), unit), unit=unit,
                   title="How long LDN was taken, in bands",
                   note=("Denominator: persons (comments) who stated how long they took "
                         "LDN. Bands: under 3 months; 3 to under 12 months; 12 to 36 months; "
                         "over 36 months."))


def _t_therapies(P, R, unit):
    from collections import Counter

    def tally(frame):
        names, pairs = Counter(), Counter()
        for value in frame["therapies"]:
            items = {(t.get("name"), t.get("status")) for t in value
                     if isinstance(t, dict) and t.get("name")}
            names.update({n for n, _ in items})
            pairs.update(items)
        return names, pairs

    (p_names, p_pairs), (c_names, c_pairs) = tally(P), tally(R)
    names = sorted(set(p_names) | set(c_names))
    main_pairs = p_pairs if unit == "person" else c_pairs
    rows = [(name, p_names[name], c_names[name]) for name in names]
    status = {st: [main_pairs[(name, st)] for name in names] for st in THERAPY_STATUS}
    table = _share_table("therapy", rows, len(P), len(R), unit)
    for i, st in enumerate(THERAPY_STATUS):
        table.insert(1 + i, st, pd.array(status[st], dtype="Int64"))
    main = _unit_phrase(unit)
    if len(table):
        table = table.sort_values([main, "therapy"], ascending=[False, True], kind="stable")
    return _finish(table, unit=unit, title="Other therapies named, by status",
                   note=(f"The status columns count {main} by their latest status for that "
                         f"therapy (current, past, considering, never); '{main}' counts "
                         "those naming it at all. Denominator: everyone. Only the subject's "
                         "own therapies, not LDN itself."))


_BUILDERS = {
    "ldn_use": _t_ldn_use,
    "effect": _t_effect,
    "benefits": _t_benefits,
    "adverse_events": _t_adverse,
    "ms_type": _t_ms_type,
    "speaker_role": _t_speaker_role,
    "questions": _t_questions,
    "dose_mg": lambda P, R, u: _t_dose(P, R, u, "mg"),
    "dose_mg_values": lambda P, R, u: _t_dose_values(P, R, u, "mg"),
    "dose_ml": lambda P, R, u: _t_dose(P, R, u, "ml"),
    "dose_ml_values": lambda P, R, u: _t_dose_values(P, R, u, "ml"),
    "duration": _t_duration,
    "duration_bands": _t_duration_bands,
    "therapies": _t_therapies,
}
assert tuple(_BUILDERS) == TABLE_NAMES


def _with_person_keys(records: pd.DataFrame) -> pd.DataFrame:
    """Coerced records with ``person`` filled the way :func:`people` fills it."""
    frame = as_records(records)
    blank = [None] * len(frame)
    persons = frame["person"] if "person" in frame else blank
    authors = frame["author"] if "author" in frame else blank
    keys = []
    for person, author, pos in zip(persons, authors, frame["position"]):
        key = None if pd.isna(person) else str(person)
        keys.append(key or person_key(None if pd.isna(author) else author)
                    or f"anonymous-{pos}")
    return frame.assign(person=pd.array(keys, dtype="string"))


def summarise(records: pd.DataFrame, *, by: str | None = None, unit: str = "person"
              ) -> Summary:
    """Labelled summary tables of records, counted per person by default.

    Parameters
    ----------
    records : DataFrame
        Records, one row per comment (as from ``extract`` or
        :func:`~ldn_comments.records.read_records`). Not modified.
    by : {None, "drug"}
        ``"drug"``: one row per reviewed drug instead (review sites): the tables
        :data:`BY_DRUG_TABLE_NAMES` (see :func:`_summarise_by_drug`).
    unit : {"person", "comment"}
        The main unit of counting and of the 95% intervals. Per person (the default), one
        writer with five comments is one report; the other unit is always shown beside.

    Returns
    -------
    Summary
        Tables named as in :data:`TABLE_NAMES`, each labelled with ``attrs`` ``label``,
        ``unit``, ``title`` and ``note``.

    Raises
    ------
    UsageError
        E012 for an unknown `unit` or `by`.

    Examples
    --------
    >>> import pandas as pd
    >>> from ldn_comments.records import coerce_records
    >>> r = coerce_records(pd.DataFrame(
    ...     [{"position": i, "author": "Loud", "ldn_use": "current", "effect": "positive"}
    ...      for i in (1, 2, 3, 4)]
    ...     + [{"position": 5, "author": "Bo", "ldn_use": "past", "effect": "negative"},
    ...        {"position": 6, "author": "Cy", "ldn_use": "current"}]))
    >>> t = summarise(r)["effect"].set_index("effect")
    >>> t.loc["positive", ["persons", "persons_denominator", "comments",
    ...                    "comments_denominator"]].tolist()
    [1, 3, 4, 6]
    >>> round(float(t.loc["positive", "ci95_low"]), 3), t.attrs["unit"]
    (0.061, 'person')
    """
    if unit not in UNITS:
        raise UsageError("E012", f"unit must be 'person' or 'comment', not {unit!r}")
    if by is not None:
        if by == "drug":
            return _summarise_by_drug(records, unit)
        raise UsageError("E012", f"by must be None or 'drug', not {by!r}")
    R = _with_person_keys(records)
    P = people(R)
    tables = {name: build(P, R, unit) for name, build in _BUILDERS.items()}
    return Summary(tables, n_persons=len(P), n_comments=len(R), unit=unit)


from ._callable import make_callable  # noqa: E402

make_callable(__name__, "summarise")


# --- by reviewed drug (review sites) ---------------------------------------------------------

#: The tables of ``summarise(records, by="drug")``, in order.
BY_DRUG_TABLE_NAMES = ("drugs", "drug_outcomes")

#: Said under the label of every by-drug table, figure and report section.
DIFFERENT_GROUPS = ("Reviewers of different drugs are different self-selected groups (who "
                    "takes each drug, and who chooses to review it, differ), so this table "
                    "cannot rank the drugs.")

#: The group of reviews that name no drug.
NO_DRUG = "(no drug named)"

#: Rating columns (lower-case source names) and their scales, in order of preference.
RATING_COLUMNS = (("rating", "1-10"), ("satisfaction", "1-5 (satisfaction)"),
                  ("effectiveness", "1-5 (effectiveness)"))

#: By-drug outcome measures: name -> the effects that count (``effect`` values).
_MEASURES = (("benefit", ("positive", "mixed")), ("harm", ("negative", "mixed")),
             ("no effect", ("no_effect",)))
_TOP_ADVERSE = 3


def drug_groups(records: pd.DataFrame) -> pd.Series:
    """The reviewed drug of each record, as a by-drug group (``"LDN"``,
    ``"naltrexone (full dose)"``, a therapy key such as ``"glatiramer"``, or the folded
    name of a drug no lexicon knows); ``attrs["drug"]`` where there is no ``drug`` column.

    Examples
    --------
    >>> r = pd.DataFrame({"drug": ["Naltrexone", "Naltrexone", "Copaxone", None],
    ...                   "condition": ["MS", "Alcohol Dependence", "MS", "MS"]})
    >>> drug_groups(r).tolist()
    ['LDN', 'naltrexone (full dose)', 'glatiramer', '(no drug named)']
    """
    from .nlp.context import drug_group

    n = len(records)
    whole = records.attrs.get("drug")
    drugs = records["drug"].tolist() if "drug" in records else [whole] * n
    conds = records["condition"].tolist() if "condition" in records else [None] * n
    out = []
    for d, c in zip(drugs, conds):
        d = d if isinstance(d, str) and d.strip() else whole
        c = c if isinstance(c, str) else None
        out.append(drug_group(d, c) or NO_DRUG)
    return pd.Series(out, index=records.index, dtype="string", name="drug")


def _drug_outcomes_of(frame: pd.DataFrame, groups: pd.Series):
    """Per row: (effect, adverse events) of the reviewed drug, or (None, None) where the
    records do not hold that drug's outcome.

    LDN's outcome is the guide's ``effect`` / ``adverse_events``; another drug's is
    ``drug_effect`` / ``drug_adverse_events`` where the extractor gives them (the guide's
    outcome fields are LDN's only, so they never count for another drug).
    """
    from .nlp.context import LDN_GROUP
    from .records import _as_list

    has_other = "drug_effect" in frame
    effects, events = [], []
    for i, group in zip(frame.index, groups):
        if group == LDN_GROUP:
            eff, ae = frame.at[i, "effect"], frame.at[i, "adverse_events"]
        elif has_other:
            eff = frame.at[i, "drug_effect"]
            ae = frame.at[i, "drug_adverse_events"] if "drug_adverse_events" in frame else []
        else:
            effects.append(None), events.append(None)
            continue
        effects.append(None if pd.isna(eff) else str(eff))
        events.append(sorted(set(_as_list(ae))))
    return effects, events


def _ratings(frame: pd.DataFrame):
    """(values as floats or NaN per row, scale name) from the first rating column found."""
    lower = {str(c).lower(): c for c in frame.columns}
    for name, scale in RATING_COLUMNS:
        if name in lower:
            values = pd.to_numeric(frame[lower[name]].astype(object), errors="coerce")
            if values.notna().any():
                return values.astype(float), scale
    return None, None


def _summarise_by_drug(records: pd.DataFrame, unit: str) -> Summary:
    """``summarise(records, by="drug")``: one row per reviewed drug.

    ``drugs``: per drug, reviews and persons, and the source's ratings (median, mean and
    how many reviews gave one) where it has them. ``drug_outcomes``: per drug, the
    persons (comments) reporting benefit, harm or no effect of that drug, and its most
    reported adverse events, each with its denominator (everyone who reviewed the drug)
    and a 95% Wilson interval. A drug whose outcomes the records do not hold (another
    drug than LDN, without ``drug_effect`` columns) has empty counts, not zeros.

    Examples
    --------
    >>> from ldn_comments.records import coerce_records
    >>> r = coerce_records(pd.DataFrame([
    ...     {"position": 1, "drug": "Naltrexone", "condition": "MS", "ldn_use": "current",
    ...      "effect": "positive", "rating": 9},
    ...     {"position": 2, "drug": "Naltrexone", "condition": "MS", "ldn_use": "current",
    ...      "effect": "negative", "adverse_events": ["vivid_dreams"], "rating": 3},
    ...     {"position": 3, "drug": "Copaxone", "condition": "MS", "rating": 7}]))
    >>> s = summarise(r, by="drug")
    >>> s["drugs"][["drug", "reviews", "persons", "rating_median"]].values.tolist()
    [['LDN', 2, 2, 6.0], ['glatiramer', 1, 1, 7.0]]
    >>> t = s["drug_outcomes"]
    >>> t[t["drug"] == "LDN"][["outcome", "persons", "persons_denominator"]].values.tolist()
    [['benefit', 1, 2], ['harm', 1, 2], ['no effect', 0, 2], ['adverse: vivid_dreams', 1, 2]]
    >>> DIFFERENT_GROUPS in t.attrs["note"]
    True
    """
    from collections import Counter

    from .stats import wilson_interval

    R = _with_person_keys(records)
    R.attrs["drug"] = records.attrs.get("drug")
    R = R.assign(drug_group=drug_groups(R).to_numpy(dtype=object))
    effects, events = _drug_outcomes_of(R, R["drug_group"]) if len(R) else ([], [])
    ratings, scale = _ratings(R)
    order = (R.groupby("drug_group", sort=False).size().sort_values(ascending=False,
             kind="stable").index.tolist() if len(R) else [])
    from .nlp.context import LDN_GROUP

    if LDN_GROUP in order:  # LDN first: the reference the others are read beside
        order.remove(LDN_GROUP)
        order.insert(0, LDN_GROUP)
    over, long = [], []
    for group in order:
        idx = np.flatnonzero((R["drug_group"] == group).to_numpy())
        persons = R["person"].iloc[idx].tolist()
        names = sorted({str(v) for v in R["drug"].iloc[idx] if isinstance(v, str)}) \
            if "drug" in R else []
        row = {"drug": group, "names": "; ".join(names)[:120], "reviews": len(idx),
               "persons": len(set(persons))}
        if ratings is not None:
            vals = ratings.iloc[idx].dropna()
            row.update({"rated": len(vals),
                        "rating_median": float(vals.median()) if len(vals) else np.nan,
                        "rating_mean": float(vals.mean()) if len(vals) else np.nan,
                        "rating_scale": scale})
        over.append(row)
        eff = [effects[i] for i in idx]
        ae = [events[i] for i in idx]
        known = [e is not None or a is not None for e, a in zip(eff, ae)]
        n_c = len(idx) if all(known) else 0
        n_p = len(set(persons)) if all(known) else 0
        measures = []
        for name, values in _MEASURES:
            hit = [e in values for e in eff]
            measures.append((name, hit))
        tally = Counter(x for a in ae if a for x in a)
        for event, _ in tally.most_common(_TOP_ADVERSE):
            measures.append((f"adverse: {event}", [bool(a) and event in a for a in ae]))
        for name, hit in measures:
            c = sum(hit) if n_c else None
            p = len({pp for pp, h in zip(persons, hit) if h}) if n_p else None
            long.append({"drug": group, "outcome": name, "persons": p,
                         "persons_denominator": n_p, "comments": c,
                         "comments_denominator": n_c})
    drugs = pd.DataFrame(over, columns=["drug", "names", "reviews", "persons"]
                         + (["rated", "rating_median", "rating_mean", "rating_scale"]
                            if ratings is not None else []))
    for col in ("drug", "names") + (("rating_scale",) if ratings is not None else ()):
        drugs[col] = drugs[col].astype("string")
    for col in ("reviews", "persons") + (("rated",) if ratings is not None else ()):
        drugs[col] = drugs[col].astype("Int64")
    for col in ("rating_median", "rating_mean"):
        if col in drugs:
            drugs[col] = drugs[col].astype("Float64")
    out = pd.DataFrame(long, columns=["drug", "outcome", "persons", "persons_denominator",
                                      "comments", "comments_denominator"])
    main, side = ("persons", "comments") if unit == "person" else ("comments", "persons")
    for block in (main, side):
        k = pd.to_numeric(out[block], errors="coerce").to_numpy(dtype=float)
        n = out[f"{block}_denominator"].to_numpy(dtype=float)
        with np.errstate(invalid="ignore", divide="ignore"):
            out[f"{block}_share"] = np.where(n > 0, k / np.where(n > 0, n, 1), np.nan)
        if block == main:
            low, high = wilson_interval(np.nan_to_num(k).astype(int), n.astype(int)) \
                if len(out) else (np.array([]), np.array([]))
            low, high = np.asarray(low, dtype=float), np.asarray(high, dtype=float)
            missing = np.isnan(k) | (n == 0)
            out["ci95_low"] = np.where(missing, np.nan, low)
            out["ci95_high"] = np.where(missing, np.nan, high)
    cols = ["drug", "outcome", main, f"{main}_denominator", f"{main}_share", "ci95_low",
            "ci95_high", side, f"{side}_denominator", f"{side}_share"]
    out = out[cols]
    for col in ("drug", "outcome"):
        out[col] = out[col].astype("string")
    for col in (main, side, f"{main}_denominator", f"{side}_denominator"):
        out[col] = pd.array([None if pd.isna(v) else int(v) for v in out[col]], dtype="Int64")
    for col in (f"{main}_share", f"{side}_share", "ci95_low", "ci95_high"):
        out[col] = out[col].astype("Float64")
    word = _unit_phrase(unit)
    rating_note = (f" Ratings are the source's own ({scale}); 'rated' is how many reviews "
                   "gave one." if ratings is not None else " The source has no ratings.")
    tables = {
        "drugs": _finish(drugs, unit=unit, title="Reviews by drug",
                         note=(f"{DIFFERENT_GROUPS} One row per reviewed drug (naltrexone "
                               "at low dose is LDN; at 50 mg or for alcohol or opioid "
                               "dependence it is full-dose naltrexone). 'persons' counts "
                               "writers (a review without an author is its own person)."
                               + rating_note)),
        "drug_outcomes": _finish(out, unit=unit, title="Reported outcomes by drug",
                                 note=(f"{DIFFERENT_GROUPS} Denominator: the {word} who "
                                       "reviewed that drug; 'benefit' and 'harm' both "
                                       "count a mixed outcome; the adverse events are "
                                       f"each drug's {_TOP_ADVERSE} most reported. Empty "
                                       "counts mean the records do not hold that drug's "
                                       "outcome (the guide's outcome fields are LDN's "
                                       "only), not that nobody reported one.")),
    }
    return Summary(tables, n_persons=int(R["person"].nunique()) if len(R) else 0,
                   n_comments=len(R), unit=unit)
