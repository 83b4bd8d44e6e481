"""When and how often LDN is taken: ``dose_frequency``, ``ldn_start`` and
``ldn_duration_months``.

Examples
--------
>>> from ldn_comments.nlp.doc import Doc
>>> doc = Doc.make("I started LDN in March 2021 and take it every night.")
>>> TIMING(doc, {"ldn_use": "current", "speaker_role": "patient"}).values
{'dose_frequency': 'daily', 'ldn_start': '2021-03', 'ldn_duration_months': None}
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import cast

from ..nlp.doc import Doc, scanned
from ..nlp.focus import diary_start
from ..nlp.patterns import patterns
from ..nlp.text import to_number
from ..rules import expand, grammar, lexicon
from .about import anchors, ldn_context
from .base import THIRD_PARTY_ROLES, Evidence, Finding, reading_role
from .common import CLAUSE_SUBJECT_AFTER, YEAR, ago, months, ordinal, owner, year_of

__all__ = ["TIMING", "Timing"]

#: Characters looked back from a frequency cue for the drug it belongs to.
FREQUENCY_OWNER_WINDOW = 60
#: Characters looked back from a date for "started", "stopped", "diagnosed".
START_HEAD_WINDOW = 30
#: Characters looked back from a length of time for what it is the length of.
DURATION_HEAD_WINDOW = 40
#: Characters looked at after a length of time ("... of taking LDN", "... ago").
DURATION_TAIL_WINDOW = 25

_DOSING_WORD = re.compile(r"\b(?:take|takes|taking|took|dose|doses|dosing|use it|using it|have it|"
                          r"swallow|capsules?|pills?|tablets?|drops?)\b")
_STOPPED_BEFORE = re.compile(r"(?:stopped|quit|came off|gave up|until|till|ended)\s+(?:\w+\s+){0,2}(?:in\s+)?$")
_STARTED = re.compile(r"(?:started|began|since|start)\b")
_START_WORD_BEFORE = re.compile(r"(?:since|in|from|started|start|began|starting|on|back in|ldn|it|naltrexone)"
                                r"\s*(?:early|mid|late|the )?[- ]?(?:\w+\s+)?$")
_STARTED_AGO = re.compile(r"(?:started|began|start|starting|on)\s+(?:\w+\s+){0,4}$")
_DAY_N = re.compile(expand(r"(?<![\w])(?P<u>day|week|month|year)\s+(?P<n>{number_or_word})\s+"
                           r"(?:of|on|taking)\s+(?:ldn|it|low[- ]dose)"))
_LAST_UNIT = re.compile(r"(?<![\w])(?:in|for|over|during|within)\s+the\s+(?:last|past)\s+"
                        r"(?P<u>year|month|week|decade)(?![\w])")
scanned(_DAY_N, _LAST_UNIT)
_DIRECT_AFTER = re.compile(r"\s*(?:(?:that\s+)?(?:i'?ve|i have|i'?d|she'?s|he'?s|she has|he has|we'?ve)\s+)?"
                           r"(?:been\s+)?(?:on|of|taking|using)(?:\s+(?:taking|using|being on))?\s+"
                           r"(?:ldn|it|low|naltrexone|\d|this\b(?! (?:site|forum|board|thread|page|group)))")
#: A stop verb up to four words back ("stopped taking LDN last year after six months").
#: A length told before its clause: "For about a year I was on LDN", "for six months he
#: took it".
_USE_CLAUSE_AFTER = re.compile(r",?\s*(?:i|she|he|we|they)\s+(?:was on|were on|was taking|were taking|took|used|"
                               r"tried|stayed on|kept taking)\s+(?:ldn|it|low|naltrexone|this\b)")
_STOPPED_AFTER = re.compile(r"(?:quit|stopped|came off|gave up|gave it up|dropped it|discontinued)\s+"
                            r"(?:\w+\s+){0,4}?(?:after\s+)?$")
_TAKEN_BEFORE = re.compile(expand(r"(?:took|taken|taking|take|takes|used|using|been on|was on|on|tried)"
                           r"\s+(?:it|ldn|them|this(?:\s+(?:pill|pills|medication|medicine|drug|stuff|med))?)\s*$"
                           r"|\d\s*{unit_abbrev}\s*,?\s*$"))
_IN_AFTER = re.compile(r"\s+in\b(?!\s+(?:19|20)\d\d|\s+the\b)")
_CLAUSE_START = re.compile(r"(?:^|[.!?,]\s*)$")
_AFTER_BEFORE = re.compile(r"\bafter\s*$")
_AGO_AFTER = re.compile(r"\s+(?:ago|back)\b")
_NOT_LENGTH_AFTER = re.compile(r"(?:ago|a go|later|old|before|after|since)\b")
_NOT_LENGTH_BEFORE = re.compile(r"\b(?:after|within|every|per|a|at)\s*$")
#: A length right after a dose and "over": the time a dose is built up over, not the use
#: ("go up to 4.5 mg over a few weeks").
_DOSE_BEFORE = re.compile(expand(r"\d\s*{unit_abbrev}?\s*$"))
#: Lengths told as time passed: "it's been five months (since I started)", "two months
#: into LDN", "in the three years I took it".
_BEEN_LENGTH = cast(re.Pattern, grammar("been_length"))  # each one pattern, not a list
_INTO_LENGTH = cast(re.Pattern, grammar("into_length"))
_IN_THE_LENGTH = cast(re.Pattern, grammar("in_the_length"))
scanned(_BEEN_LENGTH, _INTO_LENGTH, _IN_THE_LENGTH)
#: After "it's been N months": since something other than the start.
_SINCE_NOT_START = re.compile(r"\s*(?:since|from)\s+(?:i\s+|she\s+|he\s+|we\s+)?(?:last\s+|my\s+|her\s+|his\s+)?"
                              r"(?:stopp|quit|came off|come off|gave up|diagnos|dx|relaps|last|finish|end|increas|"
                              r"rais|upp|dropp|lower|reduc|switch|chang)"
                              r"|\s*(?:without|off)\b")
#: A length wished or planned, not lived ("hoping to stay on it for 3 years").
_WISHED_BEFORE = re.compile(r"\b(?:hop\w*|want\w*|plan\w*|going|supposed|meant|like|wish\w*|expect\w*|"
                            r"need\w*|told) to (?:stay|be|keep|remain|take|use|continue)\b[^.!?]*$")
#: A word after a length that ends the use it measures ("for two years before ...").
_ENDS_LENGTH = ("after", "before", "since")
#: "a fortnight", "two fortnights" (two weeks each): read only after a stop verb.
_FORTNIGHTS = cast(re.Pattern, grammar("fortnights"))  # one pattern, not a list
scanned(_FORTNIGHTS)
#: Months in a fortnight (two weeks, as the guide's week = 0.23).
FORTNIGHT_MONTHS = 2 * 0.2308
#: "this" as a use's object: the reviewed drug, LDN only where that drug is LDN.
_THIS = re.compile(r"\bthis\b")
_COURSE_FOR = re.compile(r"(?:ms|rrms|ppms|spms)\s+(?:for\s+)?$")
#: A course named right before "N years in": how long the illness has lasted.
_COURSE_BEFORE = re.compile(r"(?:\bms|rrms|ppms|spms|cis|remitting|progressive|diagnosis|dx)\s*[,:-]?\s*$")
#: An elliptical "used to" right before a length: "I used to, for about two years".
_USED_TO_BEFORE = re.compile(r"\bused\s+to\s*,?\s*$")
_LENGTH_PRE = re.compile(r"(?:for|since|over|in the last|in the past|the last|the past|almost|nearly|about|"
                         r"going on)")
_LDN_WORDS = ("ldn", "it", "naltrexone", "low")


def frequency(doc: Doc, role: str, ev: Evidence) -> str | None:
    """daily / intermittent, from a dosing cue in a sentence about LDN doses."""
    cue = patterns().cue
    context, anchored = ldn_context(doc), anchors(doc)
    for name in ("intermittent", "daily"):
        for m in doc.finditer(cue[name]):
            i = doc.sent_of(m.start())
            if i not in context:
                continue
            if i not in anchored and not _DOSING_WORD.search(doc.sent_text(i)):
                continue  # "nausea every morning" is not how often the dose is taken
            if owner(doc, m.start(), doc.ldn, doc.therapies, window=FREQUENCY_OWNER_WINDOW) == "other":
                continue
            if doc.scopes.has("other_person", m.start()) and role not in THIRD_PARTY_ROLES:
                continue
            if doc.scopes.has("negated", m.start()):
                continue
            ev.cite("dose_frequency", m.start(), m.end(), f"timing.{name}")
            return name
    return None


def ldn_start(doc: Doc, role: str, ev: Evidence) -> str | None:
    """The year (or year-month) LDN was started."""
    rx = patterns()
    month_numbers = lexicon("numbers")["months"]
    context = ldn_context(doc)
    for m in (doc.finditer(rx.date) if doc.find(YEAR) else ()):
        i = doc.sent_of(m.start())
        if i not in context:
            continue
        head = doc.norm[max(doc.sents[i][0], m.start() - START_HEAD_WINDOW):m.start()]
        if _STOPPED_BEFORE.search(head):
            continue
        if rx.diag_cue.search(head):
            continue
        if rx.since_dx.search(head) and not any(
                doc.sents[i][0] <= d.start < m.start() for d in doc.ldn + doc.therapies):
            # "(relapsing-remitting, since 2010)": the course's date; "taking LDN for my MS
            # since 2010" has the drug before it, as disease.diagnosis reads it
            continue
        whose = owner(doc, m.start(), doc.ldn, doc.therapies)
        if whose is None and _IT_SINCE.search(head) and _last_drug_is_ldn(doc, m.start()):
            whose = "ldn"  # "Then my physio mentioned LDN. I've been on it since 2017"
        if whose == "other":
            continue
        if whose is None and not _STARTED.search(head):
            continue
        if whose is None and i not in doc.ldn_sents:
            continue
        if not _START_WORD_BEFORE.search(head + " ") and not rx.ldn.search(head[-25:]):
            continue
        if doc.scopes.has("other_person", m.start()) and role not in THIRD_PARTY_ROLES:
            continue
        y = year_of(m)
        if y is None:
            continue
        q = m.group("q")
        mon = m.group("m")
        ev.cite("ldn_start", m.start(), m.end(), "timing.start_date")
        if mon and not q:
            return f"{y}-{month_numbers[mon]:02d}"
        return y
    return None


#: A start told after its date: "Two years ago she began ...", "A year ago, I started ...".
_AGO_THEN_START = re.compile(r"(?:\s+this\s+(?:week|month))?" + CLAUSE_SUBJECT_AFTER
                             + r"(?:\w+\s+)?(?:started|began|(?:took|swallowed|had|tried)\s+"
                               r"(?:my|her|his|the)\s+(?:very\s+)?first(?:\s+(?:ever\s+)?"
                               r"(?:dose|capsule|pill|tablet|drops?))?(?:\s+of)?)\b")


#: A use of "it" right before a date: "been on it since", "started it in".
_IT_SINCE = re.compile(r"\b(?:on|taking|using|started|began|starting)\s+it\s+(?:since|in|from|back\s+in)"
                       r"\s+(?:early\s+|mid\s+|late\s+)?(?:\w+\s+)?$")


def _last_drug_is_ldn(doc: Doc, pos: int) -> bool:
    """The last drug named before `pos` is LDN: what "it" stands for there."""
    named = [x for x in doc.ldn + doc.therapies if x.start < pos]
    return bool(named) and max(named, key=lambda x: x.start) in doc.ldn


def _starts_ldn(doc: Doc, pos: int) -> bool:
    """LDN is what is started right after `pos`, with no other therapy first."""
    first_ldn = next((m.start for m in doc.ldn if pos <= m.start < pos + 40), None)
    return first_ldn is not None and not any(pos <= t.start < first_ldn for t in doc.therapies)


def duration(doc: Doc, ev: Evidence) -> float | None:
    """How long LDN has been (or was) taken, in months."""
    rx = patterns()
    ldn, therapies = doc.ldn, doc.therapies
    context = ldn_context(doc)
    reviewed_other = doc.drug.name is not None and not doc.drug.is_ldn
    for m in ago(doc):
        i = doc.sent_of(m.start())
        if i not in context:
            continue
        head = doc.norm[max(doc.sents[i][0], m.start() - DURATION_HEAD_WINDOW):m.start()]
        if _STARTED_AGO.search(head) and \
                owner(doc, m.start(), ldn, therapies) != "other" and not rx.diag_cue.search(head):
            ev.cite("ldn_duration_months", m.start(), m.end(), "timing.started_ago")
            return round(months(m.group("n"), m.group("u"), None), 2)
        then = _AGO_THEN_START.match(doc.norm, m.end())
        if then is not None and _starts_ldn(doc, then.end()):
            # "Two years ago she began taking low dose naltrexone"
            ev.cite("ldn_duration_months", m.start(), then.end(), "timing.ago_then_started")
            return round(months(m.group("n"), m.group("u"), None), 2)
    for m in doc.finditer(rx.ordinal_year):
        if m.group("w") in _LDN_WORDS:
            n = to_number(ordinal(m.group("o"))) or 0.0  # an ordinal's number is digits
            ev.cite("ldn_duration_months", m.start(), m.end(), "timing.ordinal_year")
            return float(n * (12 if m.group("u") == "year" else 1))
    for m in doc.finditer(_DAY_N):  # "day 5 of LDN", "week 3 on it"
        if doc.sent_of(m.start()) in context:
            ev.cite("ldn_duration_months", m.start(), m.end(), "timing.day_n")
            return round(months(m.group("n"), m.group("u"), None), 2)
    for m in doc.finditer(_LAST_UNIT):
        i = doc.sent_of(m.start())
        if i in context and owner(doc, m.start(), ldn, therapies) == "ldn":
            ev.cite("ldn_duration_months", m.start(), m.end(), "timing.last_unit")
            return float(lexicon("numbers")["unit_months"][m.group("u")])
    for m in doc.finditer(_FORTNIGHTS):  # "gave up after a fortnight"
        i = doc.sent_of(m.start())
        head = doc.norm[max(doc.sents[i][0], m.start() - DURATION_HEAD_WINDOW):m.start()]
        if i in context and _STOPPED_AFTER.search(head) and _AFTER_BEFORE.search(head) and \
                owner(doc, m.start(), ldn, therapies) != "other":
            ev.cite("ldn_duration_months", m.start(), m.end(), "timing.stopped_after")
            return round((to_number(m.group("n")) or 1.0) * FORTNIGHT_MONTHS, 1)
        if i in context and _AGO_AFTER.match(doc.norm, m.end()) and _STARTED_AGO.search(head) \
                and owner(doc, m.start(), ldn, therapies) != "other" and not rx.diag_cue.search(head):
            ev.cite("ldn_duration_months", m.start(), m.end(), "timing.started_ago")  # "began a fortnight ago"
            return round((to_number(m.group("n")) or 1.0) * FORTNIGHT_MONTHS, 2)
    for m in doc.finditer(rx.length):
        i = doc.sent_of(m.start())
        if i not in context:
            continue
        pre = (m.group("pre") or "").strip()
        told_for = m.group(0).startswith("for ")  # the pre words repeat: group("pre") is the last
        tail = doc.norm[m.end():m.end() + DURATION_TAIL_WINDOW]
        head = doc.norm[max(doc.sents[i][0], m.start() - DURATION_HEAD_WINDOW):m.start()]
        whose = owner(doc, m.start(), ldn, therapies)
        direct_m = _DIRECT_AFTER.match(tail) or (
            _USE_CLAUSE_AFTER.match(tail) if told_for and _CLAUSE_START.search(head) else None)
        taken_m = _TAKEN_BEFORE.search(head)
        if reviewed_other:  # "on this for 3 years" in a review of another drug is that drug's
            direct_m = None if direct_m and _THIS.search(direct_m.group(0)) else direct_m
            taken_m = None if taken_m and _THIS.search(taken_m.group(0)) else taken_m
        direct = direct_m is not None
        stopped_after = _STOPPED_AFTER.search(head)
        right_after_ldn = (rx.ldn.search(head[-12:]) is not None or taken_m is not None
                           or (told_for and _USED_TO_BEFORE.search(head) is not None))
        if not pre and m.group("n") in ("a", "an") and _DOSE_BEFORE.search(head):
            continue  # "4.5 mg a day": how often, not how long
        if (_IN_AFTER.match(tail) and whose != "other" and not pre and _CLAUSE_START.search(head)
                and not _COURSE_BEFORE.search(head)):  # "RRMS, 12 years in": the illness
            ev.cite("ldn_duration_months", m.start(), m.end(), "timing.weeks_in")  # "Eight weeks in, ..."
            return round(months(m.group("n"), m.group("u"), m.group("half")), 2)
        if stopped_after and _AFTER_BEFORE.search(head) and whose != "other":
            ev.cite("ldn_duration_months", m.start(), m.end(), "timing.stopped_after")
            return round(months(m.group("n"), m.group("u"), m.group("half")), 2)
        if _NOT_LENGTH_BEFORE.search(head):
            continue
        following = _NOT_LENGTH_AFTER.search(tail[:8])
        if following and not (following.group(0) in _ENDS_LENGTH and told_for and
                              (direct or right_after_ldn)):
            continue  # "2 years before LDN"; but "had taken LDN for two years before ..."
        if rx.diag_cue.search(head) or _COURSE_FOR.search(head):
            continue
        if pre.startswith("over") and _DOSE_BEFORE.search(head):
            continue
        if _WISHED_BEFORE.search(head):
            continue  # "I was hoping to stay on it for 3 years"
        if direct or right_after_ldn or (whose == "ldn" and _LENGTH_PRE.match(pre)):
            ev.cite("ldn_duration_months", m.start(), m.end(), "timing.length")
            return round(months(m.group("n"), m.group("u"), m.group("half")), 2)
    # Lengths told as time passed, where no length of the use is told outright: a point
    # in the use ("four days into it") says less than "for a week and a half".
    for pattern, rule in ((_BEEN_LENGTH, "timing.its_been"), (_INTO_LENGTH, "timing.into"),
                          (_IN_THE_LENGTH, "timing.in_the")):
        for m in doc.finditer(pattern):
            i = doc.sent_of(m.start())
            if i not in context or owner(doc, m.start(), ldn, therapies) == "other":
                continue
            if pattern is _BEEN_LENGTH and _SINCE_NOT_START.match(doc.norm, m.end()):
                continue  # "it's been two months since I stopped"
            ev.cite("ldn_duration_months", m.start(), m.end(), rule)
            return round(months(m.group("n"), m.group("u"), None), 2)
    return None


class Timing:
    """``dose_frequency`` and ``ldn_start`` (unless no use), ``ldn_duration_months``
    (current or past use only)."""

    fields: tuple[str, ...] = ("dose_frequency", "ldn_start", "ldn_duration_months")
    needs: tuple[str, ...] = ("speaker_role", "ldn_use")

    def __call__(self, doc: Doc, known: Mapping[str, object]) -> Finding:
        ev = Evidence()
        use, role = known["ldn_use"], reading_role(doc, known)
        values = {
            "dose_frequency": frequency(doc, role, ev) if use != "none" else None,
            "ldn_start": ldn_start(doc, role, ev) if use != "none" else None,
            "ldn_duration_months": duration(doc, ev) if use in ("current", "past") else None,
        }
        if doc.experience is not None and use != "none" and values["ldn_start"] is None:
            dated = diary_start(doc.experience)
            if dated:
                values["ldn_start"] = dated[0]
                ev.cite("ldn_start", *dated[1], "timing.diary_start")
        return Finding(values, ev.spans)


TIMING = Timing()
