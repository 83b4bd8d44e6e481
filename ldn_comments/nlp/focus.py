"""What the experiencer decides for the fields: the text about the subject, and the
subject's role, question, use status and second-hand flag.

The field extractors read a *focused* text: the comment with every unit that is not about
the subject blanked to spaces (same length, so evidence offsets stay those of the text as
written). People in general, hearsay and unknown third persons are always blanked; a
relative, a reported person or a clinician's patients are blanked when the subject is
someone else. The writer's own sentences stay in a comment about a relative or patients
("I give him his tablet every night", "I see good results").

Each ``decide_*`` function takes the value the field rules found on the focused text and
returns the value after what the experiencer knows, with the span that decided it (None
when the value is unchanged).

Examples
--------
>>> from ldn_comments.nlp.experiencer import analyse
>>> text = "The usual dose is 4.5 mg, but my doctor started me on 1.5 mg."
>>> focus(text, analyse(text))
'                        , but my doctor started me on 1.5 mg.'
"""
from __future__ import annotations

import re
from functools import cache
from typing import cast

from ..rules import alternation, compiled, compiled_keyed, grammar_source, lexicon
from .experiencer import (
    FIRST_HAND,
    GENERAL,
    HEARSAY,
    NOBODY,
    OTHER,
    PATIENTS,
    REPORTED,
    WRITER,
    Entry,
    Experience,
    asks,
    introduced_ages,
    ldn_names,
    question_kind,
    tells_own_use,
    use_status_hint,
    use_units,
    writer_ms_span,
)

#: Unit kinds that never speak of the subject.
_NEVER_SUBJECT = (GENERAL, HEARSAY, OTHER)
#: A clinician's act told in the past: a finished trial or case series.
_GROUP_PAST = re.compile(r"\b(?:treated|gave|enrolled|recruited|randomi[sz]ed|followed|"
                         r"studied|trial (?:gave|ran|lasted)|was|were|took|received|"
                         r"completed|participated)\b")


#: A trial or study that has ended.
_TRIAL_OVER = re.compile(r"\b(?:trial|study|pilot)\b[^.;]{0,20}?\b(?:has |had |is |was )?(?:now )?"
                         r"(?:finished|ended|completed|closed|over|concluded)\b")


def blanked_units(exp: Experience) -> list[int]:
    """Indexes of the units the fields do not read (see the module docstring)."""
    subject = exp.subject.kind
    out = []
    for i, unit in enumerate(exp.units):
        kind = unit.who.kind
        if "?" in exp.norm[unit.start:unit.end]:
            continue  # a question is the writer's own act (is_question reads it)
        if kind in _NEVER_SUBJECT:
            out.append(i)
        elif subject in FIRST_HAND and kind in FIRST_HAND and kind != subject and kind != WRITER:
            out.append(i)
    return out


def focus(text: str, exp: Experience) -> str:
    """`text` with the units not about the subject blanked (line breaks kept).

    A comment that is only about people in general is returned whole: its fields are
    cleared by :func:`decide_use` instead, so that nothing is lost where the experiencer
    is wrong about a short comment.
    """
    if exp.subject.kind == NOBODY:
        return text
    chars = list(text)
    for i in blanked_units(exp):
        unit = exp.units[i]
        # LDN's name is kept: it tells what "it" means in the subject's sentences.
        keep = [m.span() for m in ldn_names(exp.norm, unit.start, unit.end)]
        # and its closing stop, so that sentences do not run together
        if exp.norm[unit.end - 1] in ".!?;":
            keep.append((unit.end - 1, unit.end))
        for k in range(unit.start, unit.end):
            if chars[k] != "\n" and not any(a <= k < b for a, b in keep):
                chars[k] = " "
    return "".join(chars)


#: A unit about the writer that names their course or diagnosis without "I" ("Secondary
#: progressive, by the way.", "MS for 8 years.", "Diagnosed 2009.").
_OWN_COURSE = re.compile(r"\W*(?:ms|rrms|ppms|spms|cis|relapsing[- ]remitting|secondary progressive|"
                         r"primary progressive|diagnosed|dx'?d?)\b")


def decide_role(role: str, exp: Experience, cited: tuple[int, int] | None = None
                ) -> tuple[str, tuple[int, int] | None]:
    """The speaker role: a clinician known by what they do, a carer by whom they write
    about; the writer of a story about a named person states no role of their own; a
    role read from a general sentence (`cited`, the words the field rules cited) on a
    page about nobody is no role.

    Examples
    --------
    >>> from ldn_comments.nlp.experiencer import analyse
    >>> decide_role("unknown", analyse("We treated 20 patients with LDN."))[0]
    'clinician'
    >>> decide_role("patient", analyse("Ann Lee, 50, has MS and takes LDN."))[0]
    'unknown'
    """
    subject = exp.subject
    span = subject.evidence[0] if subject.evidence else None
    if subject.role == "clinician":
        return "clinician", span
    if subject.kind == REPORTED and role == "patient":
        return "unknown", None
    if role in ("patient", "caregiver") and cited is not None and subject.kind == NOBODY:
        who = exp.about(cited[0])
        if who is not None and (who.kind in _NEVER_SUBJECT or (who.kind == WRITER and who.span is None)):
            # "if you live with MS", a heading "LDN for MS: a guide" on an explainer page
            return "unknown", None
    if subject.kind == WRITER and role == "unknown" and any(
            exp.units[i].who.span for i in subject.units):
        # a writer who speaks as "I" and adds a telegraphic line about their MS
        for i in subject.units:
            unit = exp.units[i]
            m = _OWN_COURSE.match(exp.norm, unit.start, unit.end)
            if m and not unit.who.span and len(exp.norm[unit.start:unit.end].split()) <= 8:
                return "patient", (unit.start, unit.end)
    if subject.kind == WRITER and role == "caregiver":
        # "Both my husband and I have MS. I take LDN": the writer reports their own use
        # and says they have MS, so they write as a patient.
        own = writer_ms_span(exp)
        if own is not None:
            return "patient", own
    if subject.role == "caregiver" and role in ("unknown", "patient"):
        return "caregiver", span
    return role, None


def decide_question(is_question: bool, exp: Experience) -> tuple[bool, tuple[int, int] | None]:
    """A request for information or advice is a question; a comment whose questions are
    all rhetorical is not; otherwise the field rules' answer stands."""
    asked, span = asks(exp.norm, exp.sents)
    if asked is None:
        return is_question, None
    return asked, span


def decide_use(use: str, exp: Experience) -> tuple[str, tuple[int, int] | None]:
    """The subject's LDN use after the experiencer and tense/aspect.

    - People in general, hearsay, a product text: ``none``.
    - A clinician's patients: the group's use (``past`` for a finished trial).
    - Tense and aspect: "still" makes a narrative past current; an ended use ("in the
      past", "used to", "for a while") makes a present perfect past; "I take it for ..."
      is a present use; a diary's latest entry decides.

    Examples
    --------
    >>> from ldn_comments.nlp.experiencer import analyse
    >>> decide_use("current", analyse("The usual dose is 4.5 mg at night."))[0]
    'none'
    >>> decide_use("past", analyse("I took LDN for a year and I still take it."))[0]
    'current'
    """
    subject = exp.subject
    if subject.kind == NOBODY:
        return ("none", None) if use != "none" else (use, None)
    if subject.kind == WRITER and subject.role == "clinician" and use != "none" and \
            not tells_own_use(exp):
        return "none", None  # a neurologist on doses and advice, who takes none
    if subject.kind == PATIENTS:
        acts = [exp.units[i] for i in subject.units if exp.units[i].who.span]
        first = acts[0] if acts else None
        for unit in (exp.units[i] for i in subject.units):
            body = exp.norm[unit.start:unit.end]
            done = _TRIAL_OVER.search(body)
            if done:  # "our pilot trial has now finished"
                return "past", (unit.start + done.start(), unit.start + done.end())
            if _GROUP_PAST.search(body) and re.search(
                    r"\bfor (?:\w+ ){0,2}(?:weeks?|months?|years?)\b", body):
                return "past", unit.who.span or (unit.start, unit.end)
        if use in ("none", "planned"):
            return "current", first.who.span if first else None
        return use, None
    told = use_units(exp)
    if use in ("current", "past") and told and all(
            _is_request(exp.norm[exp.units[i].start:exp.units[i].end]) for i in told):
        # "Has anyone's daughter tried LDN?": use is only asked about, so it is weighed.
        return "planned", (exp.units[told[0]].start, exp.units[told[0]].end)
    entries = diary(exp)
    if entries:
        hint, span = diary_status(exp, entries)
        if hint is not None and hint != use and use != "none":
            return hint, span  # the latest entry decides, over any earlier telling
    else:
        hint, span = use_status_hint(exp)
    if hint is None or hint == use:
        return use, None
    if hint == "current" and use in ("past", "planned", "none"):
        return "current", span
    if hint == "past" and use in ("current", "none"):
        return "past", span
    return use, None


def _is_request(unit: str) -> bool:
    return "?" in unit and question_kind(unit) == "request"


def decide_second_hand(second_hand: bool, use: str, exp: Experience) -> tuple[bool, tuple[int, int] | None]:
    """First-hand report of someone else's LDN use: the subject is a relative, a
    clinician's patients or a reported person who uses LDN, or the writer also tells of a
    relative's use. Hearsay and people in general are not."""
    subject = exp.subject
    if subject.kind in FIRST_HAND and subject.kind != WRITER:
        value = use != "none"
        return value, (subject.evidence[0] if value and subject.evidence else None)
    if subject.kind == WRITER and subject.second_hand:
        return True, subject.evidence[0] if subject.evidence else None
    if subject.kind == NOBODY:
        return False, None
    return second_hand, None


def field_role(role: str, exp: Experience) -> str:
    """The role the field rules read with: a reported person's sentences are read as a
    third party's, as a carer's are (her age, course and outcome are filled), though the
    writer's own role stays ``unknown``.

    Examples
    --------
    >>> from ldn_comments.nlp.experiencer import analyse
    >>> field_role("unknown", analyse("Jo Reyes, 41, has taken LDN since 2020."))
    'caregiver'
    """
    if exp.subject.kind == REPORTED and role in ("unknown", "patient"):
        return "caregiver"
    return role


_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
                                        "sep", "oct", "nov", "dec"), 1)}


# ---------------------------------------------------------------------------------------
# Diaries: dated entries read in order

@cache
def _entry_line() -> re.Pattern:
    """A line that opens with a date label: the experiencer's labels ("12 March", "Week 3",
    "12/03", "Monday 10th") and also a bare month or a short weekday before ':' or '-'
    ("July:", "Sun 9th -")."""
    labels = alternation(lexicon("experiencer")["diary_labels"])
    more = cast(str, grammar_source("diary_more_labels"))  # one pattern, not a list
    return re.compile(r"^[ \t*\-#>]*(?P<label>" + labels + "|" + more
                      + r")(?![\w/])(?P<sep>\s*[:\-.,)]\s*|\s+)")


@cache
def _diary_piece(name: str) -> re.Pattern:
    return re.compile(cast(str, grammar_source(name)))  # each one pattern, not a list


#: Characters after a stop word searched for the drug it stops.
STOP_OBJECT_WINDOW = 30


def _ldn_stop(body: str) -> re.Match | None:
    """The first stop word of an entry that stops LDN: not one whose object is another
    drug ("stopped Copaxone") or something else ("quit my job", "stopped smoking")."""
    therapy = compiled_keyed("therapies").pattern
    names = compiled("experiencer", "ldn_terms")
    for stop in _diary_piece("diary_stop").finditer(body):
        window = body[stop.end():stop.end() + STOP_OBJECT_WINDOW]
        other, ldn = therapy.search(window), names.search(window)
        if other is not None and (ldn is None or other.start() < ldn.start()):
            continue
        if _diary_piece("diary_stop_other_object").match(window):
            continue
        return stop
    return None


def _opens_entry(m: re.Match) -> bool:
    """A date label with a separator; a bare number or year needs ':' or '-', a slash
    date or a day count may be followed by a space (as the experiencer reads them)."""
    sep = m["sep"].strip()
    if sep:
        return sep in ":-)" or (sep in ".," and not m["label"].isdigit())
    return "/" in m["label"] or m["label"].split()[0] in ("day", "week", "month", "night")


def diary(exp: Experience) -> list[Entry]:
    """The dated entries of a diary, in order: the experiencer's, or, where it found none,
    those whose lines open with any date label, a bare month or a short weekday too
    ("May: began LDN." / "July: stopped."); empty unless two lines open with one.

    Examples
    --------
    >>> from ldn_comments.nlp.experiencer import analyse
    >>> [e.label for e in diary(analyse("May: began LDN.\\nJuly: stopped, nausea."))]
    ['may', 'july']
    >>> diary(analyse("May I ask: has anyone tried LDN?\\nThanks."))
    []
    """
    if exp.diary:
        return exp.diary
    norm = exp.norm
    if norm.count("\n") == 0:
        return []  # one line holds no two entries
    starts = []
    pos = 0
    for line in norm.split("\n"):
        m = _entry_line().match(line)
        if m and _opens_entry(m):
            starts.append((pos + m.start("label"), m["label"]))
        pos += len(line) + 1
    if len(starts) < 2:
        return []
    out = []
    for k, (s, label) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(norm)
        out.append(Entry(s, len(norm[:end].rstrip()), label))
    return out


def _about_subject(exp: Experience, entry: Entry) -> bool:
    return any(exp.units[i].start < entry.end and entry.start < exp.units[i].end
               for i in exp.subject.units)


def diary_status(exp: Experience, entries: list[Entry]) -> tuple[str | None, tuple[int, int] | None]:
    """``(status, span)`` from a diary read in order: the latest entry about the subject
    that tells of stopping (``past``) or of taking it (``current``) decides. An entry that
    only plans a restart ("ordered more, will restart next week") tells of no use: the
    stop before it stands (a restart not yet taken is ``past``).

    Examples
    --------
    >>> from ldn_comments.nlp.experiencer import analyse
    >>> diary_status(*(lambda e: (e, diary(e)))(analyse("Mon 3rd: LDN 1.5 mg.\\nSun 9th: stopped.")))[0]
    'past'
    >>> t = "12/03 started LDN.\\n20/04 stopped it.\\n02/06 restarted at 1 mg."
    >>> diary_status(*(lambda e: (e, diary(e)))(analyse(t)))[0]
    'current'
    """
    norm = exp.norm
    negation, still = compiled("experiencer", "negation"), compiled("experiencer", "still_aspect")
    uses, names = compiled("experiencer", "use_verbs"), compiled("experiencer", "ldn_terms")
    restart, resume = _diary_piece("restart_planned"), _diary_piece("diary_resume")
    for entry in reversed(entries):
        if not _about_subject(exp, entry):
            continue
        body = norm[entry.start:entry.end]
        stop = _ldn_stop(body)
        if stop and not negation.search(body[max(0, stop.start() - 12):stop.start() + 1]) \
                and not still.search(body):
            back = resume.search(body, stop.end())
            if back:  # "stopped for a week, back on it now"
                return "current", (entry.start + back.start(), entry.start + back.end())
            return "past", (entry.start + stop.start(), entry.start + stop.end())
        if restart.search(body):
            continue  # a restart or a dose only planned: no use told in this entry
        use = still.search(body) or uses.search(body) or names.search(body)
        if use:
            return "current", (entry.start + use.start(), entry.start + use.end())
    return None, None


def diary_start(exp: Experience) -> tuple[str, tuple[int, int]] | None:
    """``(YYYY or YYYY-MM, span)`` when a diary's entry that starts LDN is dated with a
    year ("2019: started LDN", "March 2021 - first dose"), else None.

    Examples
    --------
    >>> from ldn_comments.nlp.experiencer import analyse
    >>> diary_start(analyse("Jan 2021 - started LDN.\\nMar 2021 - more energy."))[0]
    '2021-01'
    """
    for entry in diary(exp):
        body = exp.norm[entry.start:entry.end]
        if not re.search(r"\b(?:start|started|starting|began|first (?:dose|night|pill))\b", body):
            continue
        year = re.search(r"\b(?:19|20)\d{2}\b", entry.label)
        if not year:
            return None
        month = re.search(r"\b([a-z]{3})[a-z]*\b", entry.label)
        if month and month.group(1) in _MONTHS:
            return f"{year.group(0)}-{_MONTHS[month.group(1)]:02d}", (entry.start, entry.start + len(entry.label))
        return year.group(0), (entry.start, entry.start + len(entry.label))
    return None


def reported_age(text: str, exp: Experience) -> tuple[int, tuple[int, int]] | None:
    """The age a news story gives its subject where it introduces her ("Mrs Patel, 58,").

    Examples
    --------
    >>> from ldn_comments.nlp.experiencer import analyse
    >>> t = "Tom Ward, 63, has taken LDN for a year."
    >>> reported_age(t, analyse(t))
    (63, (10, 12))
    """
    if exp.subject.kind != REPORTED or exp.subject.label is None:
        return None
    return introduced_ages(text).get(exp.subject.label)
