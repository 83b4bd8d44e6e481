"""Field extractors composed into :func:`extract`: one record per comment.

Each comment is normalised once (:func:`ldn_comments.text.normalise`, offsets kept), cut
into sentences, and scanned by a fixed set of regexes compiled once per process from the
lexicons. Assertion scopes (negation, hypothetical, other person) come from
:mod:`ldn_comments.assertion`. The field logic then works on the matches only, never on
lexicon entries, and records the character spans that justify each value in ``evidence``.

Examples
--------
>>> import pandas as pd
>>> comments = pd.DataFrame({"text": [
...     "I have RRMS and have been on 4.5mg LDN nightly for 2 years. No relapses since!",
...     "My wife was diagnosed last year; should she try LDN?"]})
>>> r = extract(comments)
>>> r.loc[0, ["speaker_role", "ldn_use", "ms_type", "current_dose", "ldn_duration_months"]].astype(str).tolist()
['patient', 'current', 'RRMS', '4.5', '24.0']
>>> r.loc[0, "benefits"], r.loc[1, "speaker_role"], r.loc[1, "ldn_use"]
(['relapses'], 'caregiver', 'planned')
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from .assertion import Scopes, trigger_patterns
from .errors import InputError
from .nlp.scan import Hits, Scanner
from .people import person_key
from .records import ENUMS, FIELDS, coerce_records, is_records_file, read_records  # noqa: F401
from .rules import alternation, bounded, compiled, compiled_keyed, lexicon
from .text import NUMBER, SentenceIndex, normalise, number_words_pattern, sentence_spans, to_number

__all__ = ["extract", "extract_one", "extract_iter", "is_records_file", "read_records"]

# ----------------------------------------------------------------------------------------
# Compiled patterns (once per process)


@dataclass(frozen=True)
class _Rx:
    ldn: re.Pattern
    therapy: object
    ms: object
    benefit: object
    adverse: object
    positive: re.Pattern
    negative: re.Pattern
    no_effect: re.Pattern
    negated_adverse: re.Pattern
    cue: dict
    first_person: re.Pattern
    caregiver: re.Pattern
    dose: re.Pattern
    bare_dose: re.Pattern
    date: re.Pattern
    length: re.Pattern
    age: object
    question: re.Pattern
    diag_cue: re.Pattern
    since_dx: re.Pattern
    ordinal_year: re.Pattern
    ago: re.Pattern
    recent_dx: re.Pattern
    imperative: re.Pattern


class _Alternation:
    r"""``A|B|...`` searched one alternative at a time, with the joined pattern's matches.

    ``finditer`` yields what ``re.compile("A|B|...").finditer`` yields: the leftmost
    match, and at one position the earlier alternative, going on from its end. An
    alternative that starts with a digit or a literal keeps the engine's quick skip to
    such characters, which the joined pattern loses (it must try every alternative at
    every position).

    Examples
    --------
    >>> alt = _Alternation(r"(?P<x>\d\d) yrs", r"age (?P<y>\d\d)")
    >>> [(m.group(0), m.lastgroup) for m in alt.finditer("age 44, 45 yrs")]
    [('age 44', 'y'), ('45 yrs', 'x')]
    """

    def __init__(self, *alternatives: str):
        self.parts = [re.compile(a) for a in alternatives]

    def finditer(self, text: str, search=None):
        """The joined pattern's matches; `search(part, pos)` stands for
        ``part.search(text, pos)`` (a comment's compiled scan)."""
        if search is None:
            def search(part, pos):
                return part.search(text, pos)
        found = [search(p, 0) for p in self.parts]
        while True:
            best = None
            for m in found:  # ties go to the earlier alternative, as in the engine
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
            if best is None:
                return
            yield best
            pos = best.end() if best.end() > best.start() else best.start() + 1
            found = [m if m is None or m.start() >= pos else search(p, pos)
                     for m, p in zip(found, self.parts)]


@lru_cache(maxsize=1)
def _rx() -> _Rx:
    cues = lexicon("cues")
    cue = {k: compiled("cues", k) for k in cues if k != "_doc"}
    rel = alternation(cues["relatives"])
    after = alternation(cues["relative_subject_after"])
    caregiver = re.compile(bounded(rf"(?:my|our)\s+(?:\w+\s+)?{rel}(?:'s)?\W{{0,3}}(?:\w+\W+){{0,3}}?{after}"))
    words = number_words_pattern()
    num = rf"(?:{NUMBER}|{words})"
    unit = r"(?:mg|milligrams?|ml|mls|millilit(?:re|er)s?)"
    dose = re.compile(
        rf"(?<![\w.,$£€])(?P<a>{NUMBER}|(?<![\w])(?:{words}))(?:\s*(?:-|to|or|/)\s*(?P<b>{NUMBER}))?\s*(?P<u>{unit})"
        rf"(?![\w/])(?!\s*/\s*(?:ml|mg|l)\b)")
    bare_dose = re.compile(
        rf"(?:(?<=\bat )|(?<=\bto )|(?<=\bfrom )|(?<=\bthen )|(?<=\bwith )|(?<=\btaking )|"
        rf"(?<=\bthe )|(?<=\bnow )|(?<=\bof )|(?<=\bon )|(?<=\bwent )|(?<=\bgo )|(?<=\bwas )|"
        rf"(?<=\bup )|(?<=\bdown )|(?<=\btake )|(?<=\bplanning )|(?<=\btry )|(?<=\bldn )|(?<=-> )|"
        rf"(?<=->)|(?<=> ))"
        rf"(?P<a>\d(?:[.,]\d{{1,2}})?)(?![\d.,]*\s*(?:%|x\b|times|years?|yrs?|months?|weeks?|days?|"
        rf"hours?|pills|iu|mcg|units?|am|pm|k\b|/|:|mg|ml|milli))(?![\w])")
    months = alternation(lexicon("numbers")["months"])
    date = re.compile(
        rf"(?<![\w])(?:(?P<q>early|mid|late|end of|beginning of|start of|spring|summer|autumn|"
        rf"fall|winter)(?:[- ]of)?[- ]?)?(?:(?P<m>{months})\.?\s+(?:of\s+)?)?(?:(?P<y>(?:19|20)\d\d)|(?<=\s)'(?P<yy>\d\d))(?![\w])")
    units = alternation(lexicon("numbers")["unit_months"])
    length = re.compile(
        rf"(?<![\w])(?P<pre>(?:for|since|about|over|almost|nearly|around|approx\w*|more than|"
        rf"just over|just under|under|the last|the past|last|past|in the last|in the past|"
        rf"a good|a solid|a full|well over|a little over|a bit over|roughly|coming up (?:on|to))\s+)*"
        rf"(?P<n>{num})\s*(?:\+\s*)?(?P<u>{units})(?P<half>\s+and\s+a\s+half)?(?![\w])")
    # One search per alternative (see _Alternation): the digit- and bracket-led ones then
    # skip straight to digits and brackets instead of trying every alternative everywhere.
    age = _Alternation(
        rf"(?<![\w])(?:i am|i'm|im|i was|she is|he is|she's|he's|who is|aged?|age of)\s+(?:a\s+|an\s+|now\s+|just\s+)?"
        rf"(?P<a>\d{{2}})(?!\s*(?:mg|ml|%|years? ago|years? since|months|weeks|days|[,.]\d))(?![\w.])",
        # (?<![\w.])\d\d, written digit-first
        rf"(?P<b>\d(?<![\w.]\d)\d)\s*(?:-|\s)?\s*(?:yrs?|years?|y/?o)\b(?:\s*-?\s*old)?(?=\s*(?:old|female|male|woman|man|lady|guy|mum|mom|wife|husband|,|\.|$|with|and|who|diagnosed))",
        rf"(?<![\w])(?:is|'s|turned|just turned)\s+(?P<c>\d{{2}})(?=\s*(?:and\b|,|\.|now\b|$))",
        rf"(?:(?:rrms|ppms|spms|cis|ms|progressive|remitting|female|male|f|m|woman|man|here),\s*)(?P<d>\d{{2}})(?=\s*[,;.)])",
        rf"\((?P<e>\d{{2}})\s*(?:[,;)]|[mf]\b|y/?o\b)")
    question = re.compile(r"\?")
    diag_cue = re.compile(r"(?<![\w])(?:dx'?d|dxd|dx|diagnosed|diagnosis|diagnose|onset)(?![\w])")
    ms_all = alternation([t for k, v in lexicon("ms_types").items() if k not in ("precedence", "_doc") for t in v])
    since_dx = re.compile(rf"(?<![\w]){ms_all}\s+(?:since|in|from|dx'?d?|diagnosed(?:\s+in)?)\s*$")
    ordinal = alternation(lexicon("numbers")["ordinal"])
    ordinal_year = re.compile(
        rf"(?<![\w])(?:in\s+)?(?:my|her|his|our|the)\s+(?P<o>{ordinal})\s+(?P<u>year|month)\s+(?:of|with|on|taking|using)\s+(?P<w>\w+)")
    ago = re.compile(
        rf"(?<![\w])(?:(?:about|over|almost|nearly|around|approx\w*|just|some)\s+)?(?P<n>{num})\s+(?P<u>{units})\s+(?:ago|a\s?go|back)(?![\w])")
    recent_dx = re.compile(r"(?<![\w])(?P<w>last week|last month|last year|this year|yesterday|this week|this month|today|recently)(?![\w])")
    imperative = re.compile(r"^(?:(?:hi|hey|hello|dear|ok|so|and|also|well|yes|no)\b[\w\s]{0,20}?[,!.]\s*)?"
                            + alternation(cues["imperative_start"]) + r"(?![\w])")
    o = lexicon("outcomes")
    return _Rx(
        ldn=compiled("cues", "ldn"), therapy=compiled_keyed("therapies"),
        ms=compiled_keyed("ms_types"),
        benefit=compiled_keyed("outcomes", "benefits"),
        adverse=compiled_keyed("outcomes", "adverse_events"),
        positive=re.compile(bounded(alternation(o["positive"]))),
        negative=re.compile(bounded(alternation(o["negative"]))),
        no_effect=re.compile(bounded(alternation(o["no_effect"]))),
        negated_adverse=re.compile(bounded(alternation(o["negated_adverse"]))),
        cue=cue, first_person=compiled("cues", "first_person"), caregiver=caregiver,
        dose=dose, bare_dose=bare_dose, date=date, length=length, age=age, question=question,
        diag_cue=diag_cue, since_dx=since_dx, ordinal_year=ordinal_year, ago=ago,
        recent_dx=recent_dx, imperative=imperative,
    )


@lru_cache(maxsize=1)
def _scanner() -> Scanner:
    """Every pattern scanned over whole comments, in one compiled scan (see
    :mod:`ldn_comments.nlp.scan`)."""
    rx = _rx()
    patterns = [
        rx.ldn, rx.therapy.pattern, rx.ms.pattern, rx.benefit.pattern, rx.adverse.pattern,
        rx.positive, rx.negative, rx.no_effect, rx.negated_adverse, *rx.cue.values(),
        rx.first_person, rx.caregiver, rx.dose, rx.bare_dose, rx.date, rx.length,
        *rx.age.parts, rx.diag_cue, rx.ordinal_year, rx.ago, rx.recent_dx, _IT_USE,
        _context_rx(), _NUM_START, _UNIT_WORD, _dose_starts(), _MS_WORD, _YEAR, _TWO_DIGITS,
        _DAY_N, _LAST_UNIT, _CLIENT, *trigger_patterns(),
    ]
    unique = list({id(p): p for p in patterns}.values())
    return Scanner(unique)


# ----------------------------------------------------------------------------------------
# One comment


@dataclass
class _Doc:
    text: str
    norm: str
    sents: list
    index: SentenceIndex
    scopes: Scopes
    hits: Hits
    evidence: dict = field(default_factory=dict)

    def sent_of(self, pos: int) -> int:
        return self.index.of(pos)

    def sent_text(self, i: int) -> str:
        s, e = self.sents[i]
        return self.norm[s:e]

    def scan(self, pattern: re.Pattern) -> list:
        """Every match of `pattern` over the whole text (``list(pattern.finditer)``),
        found once per comment from the comment's compiled scan."""
        return self.hits.finditer(pattern)

    def search(self, pattern: re.Pattern, pos: int = 0):
        """``pattern.search(norm, pos)``, from the comment's compiled scan."""
        return self.hits.search(pattern, pos)

    def cite(self, name: str, start: int, end: int) -> None:
        spans = self.evidence.setdefault(name, [])
        if [start, end] not in spans:
            spans.append([start, end])


@dataclass
class _Mention:
    start: int
    end: int
    sent: int
    key: str | None = None


def _find(rx, doc, keyed=False):
    out = []
    pattern = rx.pattern if keyed else rx
    for m in doc.scan(pattern):
        key = rx.key_of(m) if keyed else None
        out.append(_Mention(m.start(), m.end(), doc.sent_of(m.start()), key))
    return out


def _finditer(pattern, doc):
    return [(m.start(), m.end(), doc.sent_of(m.start())) for m in doc.scan(pattern)]


def _sents_with(items):
    return {it[2] if isinstance(it, tuple) else it.sent for it in items}


def extract_one(text: str, *, drug: str | None = None, topic: str | None = None,
                condition: str | None = None) -> dict:
    """Extract the guide's subject, LDN, disease, therapy and outcome fields from one text.

    Parameters
    ----------
    text : str
        The comment text.
    drug : str, optional
        The drug the text is known to be about (a review site's drug column); "it",
        "this drug" then refer to it.
    condition : str, optional
        The condition column of a review (naltrexone for alcohol dependence is not LDN).
    topic : {"ldn"}, optional
        What the thread around the comment is about: a reply under a comment that names
        LDN, and which names no drug itself, means LDN by "taking it", "it helped".

    Returns
    -------
    dict
        The guide's fields (without position/parent/author/person) plus ``evidence``.

    Examples
    --------
    >>> r = extract_one("Started at 1.5 then 3, now 4.5 mg every night. No side effects.")
    >>> r["dose_values"], r["current_dose"], r["dose_frequency"], r["adverse_events"]
    ([1.5, 3.0, 4.5], 4.5, 'daily', [])
    """
    rx = _rx()
    text = "" if text is None else str(text)
    norm = _unquote(normalise(text))
    sents = sentence_spans(norm, text)
    hits = _scanner().scan(norm)
    doc = _Doc(text, norm, sents, SentenceIndex(sents), Scopes(norm, sents, hits.finditer), hits)
    from .context import drug_context

    ctx = drug_context(drug, condition)
    rec: dict = {}

    ldn, full_dose = _split_naltrexone(doc, _find(rx.ldn, doc))
    therapies = [m for m in _find(rx.therapy, doc, keyed=True)]
    if ctx.is_ldn:
        ldn += _context_mentions(doc)
    elif topic == "ldn" and not ldn and not ctx.name:
        other = {t.sent for t in therapies}
        ldn += [m for m in _find(_IT_USE, doc) if m.sent not in other]
    elif ctx.therapy_key:
        therapies += [_Mention(m.start, m.end, m.sent, ctx.therapy_key) for m in _context_mentions(doc)]
    _THERAPIES.value = therapies
    _LDN.value = ldn
    ldn_sents = _sents_with(ldn)
    other_sents = _sents_with(therapies)
    fp_sents = _sents_with(_finditer(rx.first_person, doc))
    if ctx.name:  # a review: its writer is the subject of sentences with no other person
        fp_sents |= {i for i in range(len(sents))
                     if not re.search(r"\b(?:she|he|they|you|your)\b", doc.sent_text(i))}

    # ---- who is speaking
    role = _speaker_role(doc, rx)
    rec["speaker_role"] = role
    rec["is_question"] = _is_question(doc, rx)

    # ---- doses (before use: a first-person dose statement is an LDN use)
    has_digit = doc.search(_NUM_START) is not None or doc.search(_UNIT_WORD) is not None
    doses = _doses(doc, rx, ldn, therapies, ctx) if has_digit else []
    dose_sents = {d["sent"] for d in doses}
    anchors = ldn_sents | dose_sents
    if anchors and not other_sents:
        # Nothing else is named: every sentence of the comment may be about LDN.
        context = set(range(len(sents)))
    else:
        context = _ldn_context(len(sents), anchors, other_sents - ldn_sents)

    use = _ldn_use(doc, rx, ldn, context, dose_sents, role, ctx, full_dose)
    rec["ldn_use"] = use
    # ---- disease
    rec["ms_type"] = _ms_type(doc, rx, role)
    rec["age"] = _age(doc, rx, role)
    rec["diagnosis_year"], rec["years_since_diagnosis"] = _diagnosis(doc, rx, role, ldn, therapies)
    # ---- LDN dose and time
    has_use = use in ("current", "past")
    dose_values = sorted({v for d in doses for v in d["values"]})
    rec["dose_values"] = dose_values
    for d in doses:
        doc.cite("dose_values", d["start"], d["end"])
    units = [d["unit"] for d in doses if d["unit"]]
    # the unit stated most often; on a tie the first stated (never set order, which
    # changes with the process's string hashing)
    rec["dose_unit"] = max(units, key=units.count) if units else None
    if rec["dose_unit"]:
        for d in doses:
            if d["unit"]:
                doc.cite("dose_unit", d["start"], d["end"])
    rec["current_dose"] = _current_dose(doc, doses) if use in ("current", "past") else None
    rec["dose_frequency"] = _frequency(doc, rx, anchors, context, role, ldn, therapies) if use != "none" else None
    rec["ldn_start"] = _ldn_start(doc, rx, ldn, therapies, context, role) if use != "none" else None
    rec["ldn_duration_months"] = (_duration(doc, rx, ldn, therapies, context)
                                  if has_use else None)
    # ---- other therapies
    rec["therapies"] = _therapies(doc, rx, therapies, role, fp_sents)
    # ---- outcomes
    if has_use:
        affirmed = {m.sent for m in ldn if not doc.scopes.has("negated", m.start)}
        effect, benefits, adverse = _outcomes(doc, rx, context, other_sents, affirmed, role, ctx)
    else:
        effect, benefits, adverse = None, [], []
    rec["effect"], rec["benefits"], rec["adverse_events"] = effect, benefits, adverse
    rec["second_hand"] = _second_hand(doc, rx, role, use, context)
    if ctx.therapy_key or ctx.is_naltrexone_full:
        rec.update(_reviewed_drug_outcomes(doc, rx, ctx, ldn, full_dose, therapies, role))
    # evidence only for filled fields
    filled = {k for k, v in rec.items() if v not in (None, [], False)}
    rec["evidence"] = {k: sorted(v) for k, v in doc.evidence.items() if k in filled}
    return rec


_FULL_DOSE = re.compile(
    r"^\W{0,3}(?:\w+\W+){0,3}?(?:(?:[2-9]\d|\d{3})\s*mg|for\s+(?:the\s+|my\s+|his\s+|her\s+)?"
    r"(?:alcohol|drink|drinking|opioid|opiate|heroin|addiction|dependence))")


def _split_naltrexone(doc, mentions):
    """Naltrexone at a full dose or for addiction is not LDN: set such mentions apart."""
    keep, full = [], []
    for m in mentions:
        word = doc.norm[m.start:m.end]
        if word.startswith("naltrex") and _FULL_DOSE.match(doc.norm[m.end:m.end + 45]):
            full.append(m)
        else:
            keep.append(m)
    return keep, full


#: "it" as the object or subject of a use or outcome verb (a reply's "I still take it").
_IT_USE = re.compile(
    r"(?<![\w])(?:(?<=take )|(?<=taking )|(?<=took )|(?<=takes )|(?<=on )|(?<=started )|"
    r"(?<=stopped )|(?<=quit )|(?<=tried )|(?<=using )|(?<=use )|(?<=used )|(?<=with )|"
    r"(?<=ordered ))it(?![\w'])"
    r"|(?<![\w])it(?=\s+(?:helps|helped|works|worked|did|didn'?t|does|doesn'?t|gave|gives|made|"
    r"makes|has helped|is helping|really)\b)")


_QUOTED_LINE = re.compile(r"(?m)^[ \t]*>[^\n]*")


def _unquote(norm: str) -> str:
    """Blank out Markdown-quoted lines ("> ..."): they are another writer's words, quoted
    to reply to. Spaces keep every offset in place."""
    if ">" not in norm:
        return norm
    return _QUOTED_LINE.sub(lambda m: " " * len(m.group(0)), norm)


def _context_mentions(doc):
    """'it', 'this drug', 'this medication' as mentions of the drug under review."""
    rx = _context_rx()
    return _find(rx, doc)


@lru_cache(maxsize=1)
def _context_rx():
    return re.compile(bounded(r"(?:this|the|that)\s+(?:medication|medicine|drug|med|pill|stuff|treatment)s?|it"))


def _ldn_context(n: int, anchors: set, blockers: set) -> set:
    """Sentences that speak of LDN: those naming it or a dose, up to two following
    sentences and the one before, unless another therapy is named in between."""
    ctx = set()
    for a in sorted(anchors):
        ctx.add(a)
        for j in (a + 1, a + 2):
            if j >= n or j in anchors:
                break
            ctx.add(j)  # a sentence naming another therapy is kept, but ends the run;
            if j in blockers:  # its outcomes are then checked for whom they credit
                break
        for j in (a - 1, a - 2):
            if j < 0 or j in blockers or j in anchors:
                break
            ctx.add(j)
    return ctx


# ---- speaker ---------------------------------------------------------------------------

def _speaker_role(doc, rx):
    for m in doc.scan(rx.cue["clinician"]):
        if not doc.scopes.has("negated", m.start()) and not doc.scopes.has("hypothetical", m.start()):
            doc.cite("speaker_role", m.start(), m.end())
            return "clinician"
    for m in doc.scan(rx.caregiver):
        if not doc.scopes.has("other_person", m.start()) and not doc.scopes.has("negated", m.start()):
            doc.cite("speaker_role", m.start(), m.end())
            return "caregiver"
    for m in doc.scan(rx.cue["patient_self"]):
        if doc.scopes.has("other_person", m.start()) or doc.scopes.near("negated", m.start(), 14):
            continue
        doc.cite("speaker_role", m.start(), m.end())
        return "patient"
    # A named course in a sentence about the writer ("RRMS here", "I'm RRMS, 34",
    # "SPMS dx 1998") also makes the writer a patient.
    for m in doc.scan(rx.ms.pattern):
        if rx.ms.key_of(m) == "MS":
            continue
        if any(doc.scopes.has(c, m.start()) for c in ("other_person", "negated", "hypothetical")):
            continue
        sent = doc.sent_text(doc.sent_of(m.start()))
        if rx.first_person.search(sent) or re.search(r"\b(?:dx'?d?|diagnosed)\b", sent) or re.search(
                r"\bhere\b|,\s*\d{2}\b(?!\s*-)|\b\d{2},|^\W*\w+\W*\d+\s*(?:yrs?|years?)\b", sent):
            if re.search(r"\b(?:she|he|they|your|you)\b", sent):
                continue
            doc.cite("speaker_role", m.start(), m.end())
            return "patient"
    return "unknown"


def _is_question(doc, rx):
    rhetorical = rx.cue["question_rhetorical"]
    for i, (s, e) in enumerate(doc.sents):
        sent = doc.norm[s:e]
        if "?" in sent:
            if rhetorical.search(sent):
                continue
            # a bare "?" after a quoted or one-word aside is not a request
            if len(re.findall(r"\w+", sent)) < 2:
                continue
            doc.cite("is_question", s, e)
            return True
    for m in doc.scan(rx.cue["question_request"]):
        if doc.scopes.has("negated", m.start()):
            continue
        doc.cite("is_question", m.start(), m.end())
        return True
    return False


# ---- doses -----------------------------------------------------------------------------

_MAX_DOSE = {"mg": 16.0, "ml": 16.0}


def _unit(u: str) -> str:
    return "ml" if u.startswith("m") and ("l" in u[1:3] or u.startswith("millil")) and not u.startswith("mg") and not u.startswith("milligr") else "mg"


def _doses(doc, rx, ldn, therapies, ctx):
    """Every LDN dose stated: unit doses near LDN (or in a dose sentence with no other
    drug), and unit-less decimals in a sentence about LDN doses."""
    out = []
    ldn_pos = [m.start for m in ldn]
    other = [(m.start, m.end) for m in therapies]
    dose_cue = rx.cue["dose_context"]
    for m in _anchored(rx.dose, doc, _dose_starts()):
        sent = doc.sent_of(m.start())
        u = _unit(m.group("u"))
        vals = [to_number(m.group("a"))] + ([to_number(m.group("b"))] if m.group("b") else [])
        if any(v is None or v <= 0 or v > _MAX_DOSE[u] for v in vals):
            continue
        if _owned_by_other(m.start(), m.end(), sent, doc, ldn_pos, other):
            continue
        near_ldn = any(doc.sent_of(p) == sent for p in ldn_pos)
        # A written unit is itself a dose cue; what remains is whose dose it is.
        if ctx.therapy_key and not near_ldn:
            continue  # a review of another drug: its doses are that drug's
        if _advice(doc, rx, sent, m.start()):
            continue
        change = len(vals) > 1 and re.search(r"\bfrom\s*$", doc.norm[max(0, m.start() - 6):m.start()]) \
            is not None
        out.append({"start": m.start(), "end": m.end(), "sent": sent, "values": vals,
                    "unit": u, "range": len(vals) > 1 and not change, "change": change})
    # unit-less doses: only in a sentence that speaks of LDN or of doses
    taken = [(d["start"], d["end"]) for d in out]
    for m in _anchored(rx.bare_dose, doc, _NUM_START):
        if any(a <= m.start() < b for a, b in taken):
            continue
        v = to_number(m.group("a"))
        if v is None or not (0.5 <= v <= 6):
            continue
        sent = doc.sent_of(m.start())
        s, e = doc.sents[sent]
        sent_text = doc.norm[s:e]
        is_decimal = any(c in m.group("a") for c in ".,")
        dosey = dose_cue.search(sent_text) is not None
        in_ldn = any(doc.sent_of(p) == sent for p in ldn_pos) or ctx.is_ldn
        chained = bool(re.search(r"(?:then|to|now)\s*$", doc.norm[max(s, m.start() - 12):m.start()]))
        if not ((is_decimal and (dosey or in_ldn)) or (chained and (dosey or in_ldn) and out + [1])):
            continue
        if not is_decimal and not any(d["sent"] == sent for d in out) and not re.search(
                r"\d(?:[.,]\d)?\s*(?:then|,)?\s*(?:to|then)\s*$", doc.norm[max(s, m.start() - 25):m.start()]):
            continue
        if _owned_by_other(m.start(), m.end(), sent, doc, ldn_pos, other):
            continue
        if _advice(doc, rx, sent, m.start()):
            continue
        out.append({"start": m.start(), "end": m.end(), "sent": sent, "values": [v],
                    "unit": None, "range": False})
    out.sort(key=lambda d: d["start"])
    return out


_MS_WORD = re.compile(r"(?<![\w])(?:ms|rrms|ppms|spms|cis|multiple sclerosis|rr|sp|pp)(?![\w])")
_DOSING_WORD = re.compile(r"\b(?:take|takes|taking|took|dose|doses|dosing|use it|using it|have it|"
                          r"swallow|capsules?|pills?|tablets?|drops?)\b")
# (?<![\d.,])[\d.], with the check behind after the first character so the engine skips
# ahead to digits and dots
_NUM_START = re.compile(r"[\d.](?<![\d.,][\d.])")
_YEAR = re.compile(r"(?:19|20)\d\d|'\d\d")
_UNIT_WORD = re.compile(r"\b(?:mg|ml|milli)")
_CLIENT = re.compile(r"\b(?:a|my|our|one)\s+(?:client|patient)s?\b")


def _year_of(m):
    """The year of a date match: four digits, or "'23" after a month (2023)."""
    if m.group("y"):
        return m.group("y")
    if m.group("yy") and m.group("m"):
        yy = int(m.group("yy"))
        return str(2000 + yy if yy <= 40 else 1900 + yy)
    return None
_TWO_DIGITS = re.compile(r"\d(?<!\d\d)\d(?!\d)")  # (?<!\d)\d\d(?!\d), digit-led for speed


@lru_cache(maxsize=1)
def _dose_starts():
    """Where a dose can begin: a digit, or a number word right before a unit
    ("four and a half milligrams")."""
    return re.compile(rf"[\d.](?<![\d.,][\d.])|(?<![\w])(?:{number_words_pattern()})"
                      rf"(?=\s*(?:mg|ml|milli))")


def _anchored(pattern, doc, starts):
    """Matches of `pattern` that begin where `starts` matches (a fast, literal-led scan),
    instead of trying the whole pattern at every character."""
    if not doc.hits.may_match(pattern):
        return
    end, text = -1, doc.norm
    for s in doc.scan(starts):
        if s.start() < end:
            continue
        m = pattern.match(text, s.start())
        if m:
            end = m.end()
            yield m


def _owned_by_other(start, end, sent, doc, ldn_pos, other):
    """True when the nearest drug named in the sentence around a number is not LDN."""
    s, e = doc.sents[sent]
    best, best_d = None, 10 ** 9
    for a, b in other:
        if s <= a < e:
            d = start - b if b <= start else (a - end if a >= end else 0)
            if b > start:  # a drug named after the number: "10 mg of baclofen"
                d = (a - end) * 2 if a - end < 15 else 10 ** 6
            if 0 <= d < best_d:
                best, best_d = "other", d
    for p in ldn_pos:
        if s <= p < e:
            d = start - p if p <= start else (p - end) * 2
            if 0 <= d < best_d:
                best, best_d = "ldn", d
    return best == "other"


def _advice(doc, rx, sent, pos):
    """Advice to the reader ('stick with 4.5 mg', 'your dose') is not the writer's."""
    s, e = doc.sents[sent]
    if rx.imperative.match(doc.norm[s:e]):
        return not rx.first_person.search(doc.norm[s:pos])
    return doc.scopes.has("other_person", pos)


def _current_dose(doc, doses):
    if not doses:
        return None
    rx = _rx()
    now, planned, started = [], set(), set()
    for i, d in enumerate(doses):
        s, e = doc.sents[d["sent"]]
        before = doc.norm[max(s, d["start"] - 45):d["start"]]
        local = doc.norm[max(s, d["start"] - 30):d["start"]]
        after = doc.norm[d["end"]:min(e, d["end"] + 25)]
        reached = re.search(r"(?:work\w*|built|went|got|worked|titrated|moved) up to\s*$", local)
        chained = i > 0 and (i - 1) in planned and doses[i - 1]["sent"] == d["sent"] and \
            re.fullmatch(r"[\s,]*(?:mg|ml)?[\s,]*(?:then|and|to|,|->|>)[\s\w]{0,8}",
                         doc.norm[doses[i - 1]["end"]:d["start"]]) is not None
        if (not reached and (_ends_with(rx.cue["dose_planned"], local)
                             or doc.scopes.has("hypothetical", d["start"]))) or chained or \
                _PLANNED_AFTER.match(after):
            planned.add(i)
            continue
        if _ends_with(rx.cue["dose_start"], local):
            started.add(i)
        if rx.cue["dose_now"].search(before) or _NOW_AFTER.match(after):
            now.append(i)
    pick = None
    if now:
        pick = doses[now[-1]]
    else:
        taken = [i for i in range(len(doses)) if i not in planned and i not in started]
        if not taken:
            taken = [i for i in range(len(doses)) if i not in planned]
        if taken:
            pick = doses[taken[-1]]
    if pick is None:
        return None
    doc.cite("current_dose", pick["start"], pick["end"])
    if pick.get("change"):
        return pick["values"][-1]  # "dropped from 4.5 to 3 mg": now 3
    return max(pick["values"])


_PRE_NEGATED = re.compile(r"(?:no|zero|0|never|without|not|haven'?t|hasn'?t|have not|has not|less|"
                          r"fewer|almost no|reduced|lower|aren'?t|isn'?t|are not|is not|stopped|"
                          r"way less|much less|so much less)\b")
_PLANNED_AFTER = re.compile(r"\s*(?:mg|ml)?\s*(?:next|tomorrow|soon|from next|on (?:monday|tuesday|"
                            r"wednesday|thursday|friday|saturday|sunday)|in a (?:week|month)|after)\b")
_NOW_AFTER = re.compile(r"\s*(?:mg|ml)?\s*(?:now|at the moment|currently|these days|at present|nowadays)\b")


def _ends_with(rx, text):
    for m in rx.finditer(text):
        if text[m.end():].strip(" ,.-:") == "" or re.fullmatch(r"[\s\w]{0,14}", text[m.end():]):
            return True
    return False


# ---- LDN use ---------------------------------------------------------------------------

class _Holder:
    """The therapy mentions of the comment being extracted (for ownership checks)."""

    value: list = []

    def get(self):
        return self.value


_THERAPIES = _Holder()
_LDN = _Holder()


def _ldn_use(doc, rx, ldn, context, dose_sents, role, ctx, full_dose=()):
    """current / past / planned / none, from use cues in sentences that speak of LDN.

    Order: a stop or restart (past) beats a present-tense use (current), which beats a
    plan; a dose the writer states for themselves is a use when nothing else says so.
    For a clinician the group's present use comes before the few who stopped.
    """
    if not ldn and not dose_sents:
        return "none"  # nothing here speaks of LDN (or of a dose): no cue can apply
    cue = rx.cue
    third_ok = role in ("caregiver", "clinician")
    valid = [m for m in ldn if not doc.scopes.near("negated", m.start, 16)
             and (third_ok or not doc.scopes.has("other_person", m.start))]
    ldn_sents = {m.sent for m in ldn}
    hearsay_sents = {doc.sent_of(m.start()) for m in doc.scan(cue["hearsay"])}
    planned_spans = [(m.start(), m.end()) for m in doc.scan(cue["ldn_planned"])]
    valid_sents = {m.sent for m in valid if not doc.scopes.has("hypothetical", m.start)}

    def in_planned(a):
        return any(s <= a < e + 12 for s, e in planned_spans)

    def past():
        for m in doc.scan(cue["ldn_past"]):
            i = doc.sent_of(m.start())
            if i not in context or i in hearsay_sents:
                continue
            restart = re.search(r"back on|restart|re-?order|again", m.group(0)) is not None
            if doc.scopes.has("other_person", m.start()) or _for_others(doc, m.end()) or (
                    doc.scopes.has("hypothetical", m.start()) and not restart):
                continue
            if _other_drug_object(doc, rx, m) or doc.scopes.near("negated", m.start(), 6):
                continue
            if _owner(doc, m.start(), ldn, _THERAPIES.get(), window=60) == "other" and \
                    not rx.ldn.search(m.group(0)):
                continue  # "I was on Gilenia for three years before ...", "stopped it"
            if any(m.start() <= f.start <= m.end() + 3 for f in full_dose):
                continue
            doc.cite("ldn_use", m.start(), m.end())
            return "past"
        return None

    def current():
        for m in doc.scan(cue["ldn_current"]):
            i = doc.sent_of(m.start())
            if in_planned(m.start()) or doc.scopes.has("negated", m.start()):
                continue
            first = re.match(r"(?:i|we|my|i'?m|i'?ve)\b", m.group(0)) is not None or \
                re.search(r"\b(?:me|my|us)\b", m.group(0)) is not None
            s, _ = doc.sents[i]
            fp_before = first or rx.first_person.search(doc.norm[s:m.start()]) is not None
            if i in valid_sents or (i in dose_sents and fp_before) or \
                    (first and i in ldn_sents | context and i not in hearsay_sents):
                if doc.scopes.has("other_person", m.start()) and not (first or third_ok):
                    continue
                doc.cite("ldn_use", m.start(), m.end())
                return "current"
        return None

    def possessed():
        for m in valid:  # "my LDN", "her LDN"
            if doc.scopes.has("hypothetical", m.start):
                continue
            if re.search(r"\b(?:my|our|her|his)\s+(?:\w+\s+)?$", doc.norm[max(0, m.start - 12):m.start]):
                doc.cite("ldn_use", m.start, m.end)
                return "current"
        return None

    def dosing():
        for name in ("intermittent", "daily"):
            for m in doc.scan(cue[name]):
                i = doc.sent_of(m.start())
                if i in ldn_sents and _owner(doc, m.start(), ldn, _THERAPIES.get(), 60) == "ldn" \
                        and not doc.scopes.has("other_person", m.start()):
                    doc.cite("ldn_use", m.start(), m.end())
                    return "current"
        return None

    def planned():
        for m in doc.scan(cue["ldn_planned"]):
            i = doc.sent_of(m.start())
            if (i in context or i - 1 in ldn_sents) and not doc.scopes.has("negated", m.start()):
                doc.cite("ldn_use", m.start(), m.end())
                return "planned"
        return None

    def stated_dose():
        for i in sorted(dose_sents):
            sent = doc.sent_text(i)
            subjectless = not re.search(r"\b(?:she|he|they|you|your|people|ppl|others|patients|"
                                        r"participants|subjects|trials?|study|studies)\b", sent)
            if (rx.first_person.search(sent) or third_ok or subjectless) and i not in hearsay_sents:
                s, e = doc.sents[i]
                doc.cite("ldn_use", s, e)
                return "current"
        return None

    def asked():
        for m in valid:
            if doc.scopes.has("hypothetical", m.start) and rx.question.search(doc.sent_text(m.sent)):
                doc.cite("ldn_use", m.start, m.end)
                return "planned"
        return None

    order = (current, past, planned, possessed, stated_dose, dosing, asked) if role == "clinician" \
        else (past, current, planned, possessed, stated_dose, dosing, asked)
    for step in order:
        found = step()
        if found:
            return found
    return "none"


def _for_others(doc, end):
    """'did not work for you': the verdict is about someone else."""
    return re.match(r"\s*(?:for|with|on)\s+(?:you|u|them|others|other people|many|some)\b",
                    doc.norm[end:end + 20]) is not None


def _other_drug_object(doc, rx, m):
    """'stopped Copaxone' is not an LDN stop: the cue's object names another therapy."""
    tail = doc.norm[m.start():m.end() + 25]
    t = rx.therapy.pattern.search(tail)
    l = rx.ldn.search(tail)
    return t is not None and (l is None or t.start() < l.start()) and t.start() < len(m.group(0)) + 12


# ---- disease ---------------------------------------------------------------------------

def _ms_type(doc, rx, role):
    if role == "unknown":
        return None
    order = lexicon("ms_types")["precedence"]
    found = {}
    third_ok = role in ("caregiver", "clinician")
    for m in doc.scan(rx.ms.pattern):
        key = rx.ms.key_of(m)
        if doc.scopes.has("negated", m.start()) and key != "MS":
            continue
        if not third_ok and doc.scopes.has("other_person", m.start()):
            continue
        if key != "MS" and doc.scopes.has("hypothetical", m.start()):
            continue
        found.setdefault(key, (m.start(), m.end()))
    for key in order:
        if key in found:
            doc.cite("ms_type", *found[key])
            return key
    return "MS"


def _age(doc, rx, role):
    if role == "unknown" and not doc.search(rx.first_person):
        return None
    if not doc.search(_TWO_DIGITS):
        return None
    for m in rx.age.finditer(doc.norm, doc.search):
        grp = m.lastgroup
        v = int(m.group(grp))
        if not 12 <= v <= 99:
            continue
        head = doc.norm[max(0, m.start() - 12):m.start()]
        if re.search(r"\bat\s*$|\b(?:ms|rrms|ppms|spms|cis|for|since|with|over|about|almost|nearly|"
                     r"past|last|than|on|of)\s*$", head):
            continue
        doc.cite("age", m.start(grp), m.end(grp))
        return v
    return None


def _diagnosis(doc, rx, role, ldn, therapies):
    year, since = None, None
    drugs = sorted([m.start for m in ldn] + [m.start for m in therapies])
    for m in (doc.scan(rx.date) if doc.search(_YEAR) else ()):
        i = doc.sent_of(m.start())
        s, _ = doc.sents[i]
        head = doc.norm[max(s, m.start() - 40):m.start()]
        cue = None
        for cue in rx.diag_cue.finditer(head):
            pass
        ms_since = rx.since_dx.search(doc.norm[max(s, m.start() - 30):m.start()])
        if cue is None and ms_since is None:
            continue
        if cue is None and re.search(r"(?:went|switched|changed|turned|progressed|moved|became)\s+"
                                     r"(?:from|to|into)", head):
            continue  # the year of a change of course is not the year of diagnosis
        anchor = (m.start() - 40 + cue.end()) if cue else m.start() - 10
        if cue is None and any(s <= d < m.start() for d in drugs):
            continue  # "taking LDN for my MS since 2010": the date belongs to the drug
        if any(max(s, anchor) <= d < m.start() for d in drugs):
            continue
        if doc.scopes.has("other_person", m.start()) and role not in ("caregiver", "clinician"):
            continue
        if _year_of(m) is None:
            continue
        year = int(_year_of(m))
        doc.cite("diagnosis_year", m.start(), m.end())
        break
    if not (doc.search(rx.diag_cue) or doc.search(_MS_WORD)):
        return year, since
    for m in _ago(doc, rx):
        head = doc.norm[max(0, m.start() - 45):m.start()]
        if rx.diag_cue.search(head) and not re.search(r"[.!?]", head[head.rfind("diagnos") if "diagnos" in head else 0:]):
            since = _months(m.group("n"), m.group("u"), None) / 12
            doc.cite("years_since_diagnosis", m.start(), m.end())
            return year, round(since, 2)
    for m in doc.scan(rx.length):
        head = doc.norm[max(0, m.start() - 40):m.start()]
        if re.search(r"(?:had|have had|'ve had|has had|with|living with|battling|fighting)\s+(?:\w+\s+){0,2}"
                     r"(?:ms|rrms|ppms|spms|multiple sclerosis|it)\s*$", head) and re.match(r"for\b", (m.group("pre") or "").strip()):
            since = _months(m.group("n"), m.group("u"), m.group("half")) / 12
            doc.cite("years_since_diagnosis", m.start(), m.end())
            return year, round(since, 2)
        if re.search(r"(?:had|have had|'ve had|has had|with)\s+(?:\w+\s+){0,2}(?:ms|rrms|ppms|spms|multiple sclerosis)\s+for\s*$",
                     doc.norm[max(0, m.start() - 40):m.start() + len(m.group("pre") or "")]):
            since = _months(m.group("n"), m.group("u"), m.group("half")) / 12
            doc.cite("years_since_diagnosis", m.start(), m.end())
            return year, round(since, 2)
    for m in doc.scan(rx.length):
        head = doc.norm[max(0, m.start() - 12):m.start()]
        if re.search(r"\b(?:ms|rrms|ppms|spms|cis)[\s,]*$", head) and not m.group("pre") and \
                re.match(r"\s*(?:here|now|in|,|\.|$)", doc.norm[m.end():m.end() + 6] or "."):
            since = _months(m.group("n"), m.group("u"), m.group("half")) / 12
            doc.cite("years_since_diagnosis", m.start(), m.end())
            return year, round(since, 2)
    for m in doc.scan(rx.ordinal_year):
        if m.group("w") in ("ms", "rrms", "ppms", "spms", "multiple", "my", "this", "diagnosis"):
            n = to_number(_ordinal(m.group("o")))
            doc.cite("years_since_diagnosis", m.start(), m.end())
            return year, float(n) if m.group("u") == "year" else round(n / 12, 2)
    for m in doc.scan(rx.recent_dx):
        head = doc.norm[max(0, m.start() - 45):m.start()]
        cue = None
        for cue in rx.diag_cue.finditer(head):
            pass
        if cue is not None and not re.search(r"[.!?;]", head[cue.end():]):
            since = {"last year": 1.0}.get(m.group("w"), 0.0)
            if m.group("w") == "recently":
                continue
            doc.cite("years_since_diagnosis", m.start(), m.end())
            return year, since
    return year, since


def _ago(doc, rx):
    """Matches of "N units ago / back": none without "go" or "back" (a substring test
    is far cheaper than the scan, and most comments have neither)."""
    if "go" not in doc.norm and "back" not in doc.norm:
        return []
    return doc.scan(rx.ago)


def _ordinal(word):
    return str(lexicon("numbers")["ordinal"][word])


def _months(n, unit, half):
    value = to_number(n) or 0.0
    factor = lexicon("numbers")["unit_months"][unit]
    months = value * factor
    if half:
        months += 0.5 * factor
    # weeks and days to one decimal ("3 weeks" = 0.7, "six weeks" = 1.4, as the guide)
    return round(months, 1) if factor < 1 else months


# ---- frequency, start, duration ---------------------------------------------------------

def _frequency(doc, rx, anchors, context, role, ldn, therapies):
    for name in ("intermittent", "daily"):
        for m in doc.scan(rx.cue[name]):
            i = doc.sent_of(m.start())
            if i not in context:
                continue
            if i not in anchors and not _DOSING_WORD.search(doc.sent_text(i)):
                continue  # "nausea every morning" is not how often the dose is taken
            if _owner(doc, m.start(), ldn, therapies, window=60) == "other":
                continue
            if doc.scopes.has("other_person", m.start()) and role not in ("caregiver", "clinician"):
                continue
            if doc.scopes.has("negated", m.start()):
                continue
            doc.cite("dose_frequency", m.start(), m.end())
            return name
    return None


def _owner(doc, pos, ldn, therapies, window=90):
    """The drug named nearest before `pos` in its sentence: 'ldn', 'other' or None."""
    i = doc.sent_of(pos)
    s, _ = doc.sents[i]
    lo = max(s, pos - window)
    best, where = None, -1
    for m in ldn:
        if lo <= m.start < pos and m.start > where:
            best, where = "ldn", m.start
    for m in therapies:
        if lo <= m.start < pos and m.start > where:
            best, where = "other", m.start
    return best


def _ldn_start(doc, rx, ldn, therapies, context, role):
    months = lexicon("numbers")["months"]
    for m in (doc.scan(rx.date) if doc.search(_YEAR) else ()):
        i = doc.sent_of(m.start())
        if i not in context:
            continue
        head = doc.norm[max(doc.sents[i][0], m.start() - 30):m.start()]
        if re.search(r"(?:stopped|quit|came off|gave up|until|till|ended)\s+(?:\w+\s+){0,2}(?:in\s+)?$", head):
            continue
        if rx.diag_cue.search(head):
            continue
        owner = _owner(doc, m.start(), ldn, therapies)
        if owner == "other":
            continue
        if owner is None and not re.search(r"(?:started|began|since|start)\b", head):
            continue
        if owner is None and i not in {x.sent for x in ldn}:
            continue
        if not re.search(r"(?:since|in|from|started|start|began|starting|on|back in|ldn|it|naltrexone)\s*(?:early|mid|late|the )?[- ]?(?:\w+\s+)?$", head + " ") \
                and not rx.ldn.search(head[-25:]):
            continue
        if doc.scopes.has("other_person", m.start()) and role not in ("caregiver", "clinician"):
            continue
        y = _year_of(m)
        if y is None:
            continue
        q = m.group("q")
        mon = m.group("m")
        doc.cite("ldn_start", m.start(), m.end())
        if mon and not q:
            return f"{y}-{months[mon]:02d}"
        return y
    return None


_DAY_N = re.compile(r"(?<![\w])(?P<u>day|week|month|year)\s+(?P<n>\d+)\s+(?:of|on|taking)\s+"
                    r"(?:ldn|it|low[- ]dose)")
_LAST_UNIT = re.compile(r"(?<![\w])(?:in|for|over|during|within)\s+the\s+(?:last|past)\s+(?P<u>year|month|week|decade)(?![\w])")


def _duration(doc, rx, ldn, therapies, context):
    for m in _ago(doc, rx):
        i = doc.sent_of(m.start())
        if i not in context:
            continue
        head = doc.norm[max(doc.sents[i][0], m.start() - 40):m.start()]
        if re.search(r"(?:started|began|start|starting|on)\s+(?:\w+\s+){0,3}$", head) and \
                _owner(doc, m.start(), ldn, therapies) != "other" and not rx.diag_cue.search(head):
            doc.cite("ldn_duration_months", m.start(), m.end())
            return round(_months(m.group("n"), m.group("u"), None), 2)
    for m in doc.scan(rx.ordinal_year):
        if m.group("w") in ("ldn", "it", "naltrexone", "low"):
            n = to_number(_ordinal(m.group("o")))
            doc.cite("ldn_duration_months", m.start(), m.end())
            return float(n * (12 if m.group("u") == "year" else 1))
    for m in doc.scan(_DAY_N):  # "day 5 of LDN", "week 3 on it"
        if doc.sent_of(m.start()) in context:
            doc.cite("ldn_duration_months", m.start(), m.end())
            return round(_months(m.group("n"), m.group("u"), None), 2)
    for m in doc.scan(_LAST_UNIT):
        i = doc.sent_of(m.start())
        if i in context and _owner(doc, m.start(), ldn, therapies) == "ldn":
            doc.cite("ldn_duration_months", m.start(), m.end())
            return float(lexicon("numbers")["unit_months"][m.group("u")])
    for m in doc.scan(rx.length):
        i = doc.sent_of(m.start())
        if i not in context:
            continue
        pre = (m.group("pre") or "").strip()
        tail = doc.norm[m.end():m.end() + 25]
        head = doc.norm[max(doc.sents[i][0], m.start() - 40):m.start()]
        owner = _owner(doc, m.start(), ldn, therapies)
        direct = re.match(r"\s*(?:(?:that\s+)?(?:i'?ve|i have|i'?d|she'?s|he'?s|she has|he has|we'?ve)\s+)?"
                          r"(?:been\s+)?(?:on|of|taking|using)(?:\s+(?:taking|using|being on))?\s+"
                          r"(?:ldn|it|low|naltrexone|\d)", tail) is not None
        stopped_after = re.search(r"(?:quit|stopped|came off|gave up|gave it up|dropped it)\s+(?:\w+\s+){0,2}?(?:after\s+)?$", head)
        right_after_ldn = rx.ldn.search(head[-12:]) is not None or re.search(
            r"(?:took|taken|taking|take|takes|used|using|been on|was on|on|tried)\s+(?:it|ldn|them)\s*$"
            r"|\d\s*(?:mg|ml)\s*$", head) is not None
        if re.match(r"\s+in\b(?!\s+(?:19|20)\d\d|\s+the\b)", tail) and owner != "other" and \
                not pre and re.search(r"(?:^|[.!?,]\s*)$", head):
            doc.cite("ldn_duration_months", m.start(), m.end())  # "Eight weeks in, ..."
            return round(_months(m.group("n"), m.group("u"), m.group("half")), 2)
        if stopped_after and re.search(r"\bafter\s*$", head) and owner != "other":
            doc.cite("ldn_duration_months", m.start(), m.end())
            return round(_months(m.group("n"), m.group("u"), m.group("half")), 2)
        if re.search(r"(?:ago|a go|later|old|before|after|since)\b", tail[:8]) or re.search(r"\b(?:after|within|every|per|a|at)\s*$", head):
            continue
        if rx.diag_cue.search(head) or re.search(r"(?:ms|rrms|ppms|spms)\s+(?:for\s+)?$", head):
            continue
        if direct or right_after_ldn or (owner == "ldn" and re.match(r"(?:for|since|over|in the last|in the past|the last|the past|almost|nearly|about)", pre)):
            months = _months(m.group("n"), m.group("u"), m.group("half"))
            doc.cite("ldn_duration_months", m.start(), m.end())
            return round(months, 2)
    return None


# ---- therapies -------------------------------------------------------------------------

_PAST_TENSE = re.compile(r"\b(?:was|were|did|tried|took|used|went|(?:19|20)\d\d\s*(?:-|to)\s*"
                         r"(?:19|20)?\d\d)\b")
_PRESENT_TENSE = re.compile(r"\b(?:am|'m|is|are|now|just|currently|still|take|takes|taking|using|"
                            r"on it|these days|at the moment)\b")
_STATUS_PRIORITY = {"current": 3, "considering": 2, "past": 1, "never": 0}
_CUE_ORDER = ["never", "past", "considering", "current"]


def _therapies(doc, rx, therapies, role, fp_sents):
    if not therapies:
        return []
    third_ok = role in ("caregiver", "clinician")
    cues = []
    for name in _CUE_ORDER:
        for m in doc.scan(rx.cue[f"therapy_{name}"]):
            cues.append((m.start(), m.end(), name))
    status: dict[str, tuple[str, int, int]] = {}
    for t in therapies:
        s, e = doc.sents[t.sent]
        if doc.scopes.has("other_person", t.start) and not third_ok:
            continue
        if _advice(doc, rx, t.sent, t.start):
            continue
        if re.search(r"\b(?:what is|what's|what are|heard of|info on|information on)\s+(?:the\s+)?$",
                     doc.norm[max(s, t.start - 20):t.start]):
            continue  # asking what a therapy is says nothing of one's own use
        before = [c for c in cues if s <= c[0] and c[1] <= t.start]
        after = [c for c in cues if t.end <= c[0] < e]
        st = None
        if before:
            best_end = max(c[1] for c in before)
            near = [c for c in before if c[1] == best_end]
            near.sort(key=lambda c: _CUE_ORDER.index(c[2]))
            st = near[0][2]
            # a cue far back in a long sentence, across a termination, is weaker than one after
            gap = doc.norm[best_end:t.start]
            if re.search(r"\b(?:but|however|although)\b|[;.]", gap) and after:
                st = None
            elif re.search(r"\b(?:because|cause|since|as)\b", gap):
                st = None  # "thinking of switching because this drug wrecked my stomach"
            elif st == "never" and re.search(r",|\band\b", gap) and \
                    not re.fullmatch(r"[\w\s-]*(?:,\s*[\w-]+(?:\s+[\w-]+)?)*\s*(?:,|and|or)?\s*", gap):
                st = None  # a negation's scope ends with its clause ("..., I manage with diet")
        own_sentence = t.sent in fp_sents or third_ok or not re.search(
            r"\b(?:she|he|they|you|your|people|others|friend|someone)\b", doc.norm[s:e])
        if st is None and after and own_sentence:
            st = min(after, key=lambda c: c[0])[2]
        if st == "never" and re.match(r"[^.;,]{0,12}\bagain\b", doc.norm[t.end:e]):
            st = "past"  # "won't take steroids again": taken before
        if st is None:
            if t.sent in fp_sents or (third_ok and re.search(r"\b(?:she|he|her|his|they)\b", doc.norm[s:e])):
                # No cue: the sentence's tense decides ("Rebif 2010-2014, then ..." is past)
                st = "past" if _PAST_TENSE.search(doc.norm[s:e]) and not \
                    _PRESENT_TENSE.search(doc.norm[s:e]) else "current"
            else:
                continue
        prev = status.get(t.key)
        if prev is None or _STATUS_PRIORITY[st] > _STATUS_PRIORITY[prev[0]]:
            status[t.key] = (st, t.start, t.end)
        doc.cite("therapies", t.start, t.end)
    return [{"name": k, "status": v[0]} for k, v in sorted(status.items())]


# ---- outcomes --------------------------------------------------------------------------

def _outcomes(doc, rx, context, other_sents, ldn_sents, role, ctx):
    third_ok = role in ("caregiver", "clinician")
    credited_elsewhere = other_sents - ldn_sents

    def ok(m, allow_negated=False):
        i = doc.sent_of(m.start())
        if i not in context:
            return False
        if i in credited_elsewhere and not _credits_follow(doc, m, i):
            return False
        if not allow_negated and doc.scopes.has("negated", m.start()):
            return False
        if doc.scopes.has("hypothetical", m.start()):
            return False
        if (doc.scopes.has("other_person", m.start()) or _for_others(doc, m.end())) and not third_ok:
            return False
        if role == "patient" and re.search(r"\b(?:client|friend|patient)\b", doc.sent_text(i)) is not None:
            return False
        if _owner(doc, m.start(), _LDN.value, _THERAPIES.get(), window=120) == "other":
            return False  # "since starting Ocrevus I have had no relapses"
        return True

    negated_ae = [(m.start(), m.end()) for m in doc.scan(rx.negated_adverse)]
    benefits, adverse = {}, {}
    for m in doc.scan(rx.benefit.pattern):
        # "no relapses" carries its own negation; "didn't help my fatigue" is negated
        if ok(m, allow_negated=_PRE_NEGATED.match(m.group(0)) is not None or "free" in m.group(0)):
            benefits.setdefault(rx.benefit.key_of(m), (m.start(), m.end()))
    for m in doc.scan(rx.adverse.pattern):
        if any(a <= m.start() < b for a, b in negated_ae):
            continue
        if ok(m):
            key = rx.adverse.key_of(m)
            if key in benefits and benefits[key][0] <= m.start() < benefits[key][1]:
                continue
            adverse.setdefault(key, (m.start(), m.end()))
    pos = [m for m in doc.scan(rx.positive) if ok(m)]
    neg = [m for m in doc.scan(rx.negative) if ok(m)]
    none = [m for m in doc.scan(rx.no_effect) if ok(m, allow_negated=True)]
    good = bool(benefits or pos)
    bad = bool(adverse or neg)
    if good and bad:
        effect = "mixed"
    elif good:
        effect = "positive"
    elif bad:
        effect = "negative"
    elif none:
        effect = "no_effect"
    else:
        effect = None
    for k, (a, b) in benefits.items():
        doc.cite("benefits", a, b)
    for k, (a, b) in adverse.items():
        doc.cite("adverse_events", a, b)
    for m in pos + neg + (none if effect == "no_effect" else []):
        doc.cite("effect", m.start(), m.end())
    for k, (a, b) in list(benefits.items()) + list(adverse.items()):
        doc.cite("effect", a, b)
    return effect, sorted(benefits), sorted(adverse)


def _credits_follow(doc, m, i):
    """In a sentence naming another therapy but not LDN, an outcome is kept only when the
    therapy comes after it and is not what the outcome is credited to ('no worsening;
    will go for stem cells' vs 'no relapses thanks to Ocrevus')."""
    s, e = doc.sents[i]
    before = [t for t in _THERAPIES.get() if s <= t.start < m.start()]
    if before:
        return False
    after = [t for t in _THERAPIES.get() if m.end() <= t.start < e]
    if not after:
        return False
    gap = doc.norm[m.end():after[0].start]
    if re.search(r"[;:]", gap):
        return True
    return re.search(r"\b(?:thanks|because|due|from|since|with|on|after|by|credit\w*|put\w* down)\b",
                     gap) is None


def _reviewed_drug_outcomes(doc, rx, ctx, ldn, full_dose, therapies, role):
    """The outcome a review reports for the drug it reviews when that drug is not LDN
    (``drug_effect``, ``drug_benefits``, ``drug_adverse_events``), found with the same
    rules as LDN's, the reviewed drug standing where LDN stands. The guide's outcome
    fields stay LDN's only; these let a by-drug summary set LDN beside other drugs."""
    if ctx.therapy_key:
        own = [t for t in therapies if t.key == ctx.therapy_key]
        rest = [t for t in therapies if t.key != ctx.therapy_key] + list(ldn)
    else:
        own = list(full_dose) + _context_mentions(doc)
        rest = list(therapies) + list(ldn)
    own_sents, rest_sents = _sents_with(own), _sents_with(rest)
    n = len(doc.sents)
    context = set(range(n)) if not rest_sents else _ldn_context(n, own_sents, rest_sents - own_sents)
    saved = (_LDN.value, _THERAPIES.value, doc.evidence)
    _LDN.value, _THERAPIES.value, doc.evidence = own, rest, {}
    try:
        effect, benefits, adverse = _outcomes(doc, rx, context, rest_sents, own_sents, role, ctx)
        evidence = doc.evidence
    finally:
        _LDN.value, _THERAPIES.value, doc.evidence = saved
    for ours, theirs in (("effect", "drug_effect"), ("benefits", "drug_benefits"),
                         ("adverse_events", "drug_adverse_events")):
        if evidence.get(ours):
            doc.evidence[theirs] = evidence[ours]
    return {"drug_effect": effect, "drug_benefits": benefits, "drug_adverse_events": adverse}


def _second_hand(doc, rx, role, use, context):
    if use == "none":
        return False
    if role in ("caregiver", "clinician"):
        return True
    for m in doc.scan(_CLIENT):
        i = doc.sent_of(m.start())
        if doc.scopes.near("negated", m.start(), 6):
            continue
        if doc.scopes.has("other_person", m.start()) and re.search(
                r"\b(?:read|heard)\b", doc.sent_text(i)):
            continue
        if i in context or re.search(r"\b(?:try|tried|on|taking)\s+(?:it|ldn)\b", doc.sent_text(i)):
            doc.cite("second_hand", m.start(), m.end())
            return True
    return False


# ----------------------------------------------------------------------------------------
# Frames


def extract(comments: pd.DataFrame, *, drug: str | None = None) -> pd.DataFrame:
    """One record per comment: the comment table plus the guide's fields and evidence.

    Parameters
    ----------
    comments : DataFrame
        A comment table from :func:`ldn_comments.read_comments` (needs ``text``; uses
        ``position``, ``parent``, ``author`` and ``drug`` where present).
    drug : str, optional
        The drug the whole thread is about; a ``drug`` column overrides it per row.

    Returns
    -------
    DataFrame
        A new frame (the input is not changed), in the input's order, with honest dtypes.

    Examples
    --------
    >>> import pandas as pd
    >>> r = extract(pd.DataFrame({"author": ["Ann B."], "text": ["LDN did nothing for me, stopped after 3 weeks."]}))
    >>> r.loc[0, ["person", "ldn_use", "effect", "ldn_duration_months"]].astype(str).tolist()
    ['ann-b', 'past', 'no_effect', '0.7']
    """
    if not isinstance(comments, pd.DataFrame):
        raise InputError("E015", "extract() takes a comment DataFrame")
    if "text" not in comments.columns:
        raise InputError("E004", "the comment table has no 'text' column")
    out = comments.copy()
    out.attrs = dict(comments.attrs)
    n = len(out)
    if "position" not in out:
        out.insert(0, "position", range(1, n + 1))
    if "parent" not in out:
        out["parent"] = pd.NA
    if "author" not in out:
        out["author"] = pd.NA
    out["person"] = [person_key(a) for a in out["author"]]
    texts = [t if isinstance(t, str) else "" for t in out["text"].tolist()]
    drugs = out["drug"].tolist() if "drug" in out else [drug] * n
    conditions = out["condition"].tolist() if "condition" in out else [None] * n
    if "thread_topic" in out:  # worked out beforehand (a stream whose chunks split threads)
        topics = [t if isinstance(t, str) else None for t in out.pop("thread_topic").tolist()]
    else:
        topics = thread_topics([names_ldn(t) for t in texts], out["position"].tolist(),
                               out["parent"].tolist(), whole_thread="drug" not in out)
    rows = [extract_one(t, drug=d if isinstance(d, str) else drug, topic=tp,
                        condition=c if isinstance(c, str) else None)
            for t, d, tp, c in zip(texts, drugs, topics, conditions)]
    fields = pd.DataFrame(rows, index=out.index)
    for col in fields.columns:
        out[col] = fields[col]
    if "drug" in out or drug or "drug_effect" in out:
        # A source that names the reviewed drug: that drug's outcome where it is not LDN
        # (the columns are always there for such a source, so chunks agree).
        for col in ("drug_effect", "drug_benefits", "drug_adverse_events"):
            if col not in out:
                out[col] = None
        out["drug_effect"] = pd.Categorical(out["drug_effect"].where(out["drug_effect"].notna(), None),
                                            categories=ENUMS["effect"])
        for col in ("drug_benefits", "drug_adverse_events"):
            out[col] = pd.Series([v if isinstance(v, list) else [] for v in out[col]],
                                 index=out.index, dtype=object)
    if not rows:
        for col in FIELDS[4:] + ["evidence"]:
            out[col] = pd.Series([], dtype=object)
    front = [c for c in FIELDS if c in out.columns] + ["evidence"]
    rest = [c for c in out.columns if c not in front]
    out = out[front + rest]
    return coerce_records(out)


def names_ldn(text) -> bool:
    """True when a comment names LDN itself (a cheap scan, for working out thread topics).

    Examples
    --------
    >>> names_ldn("been on low dose naltrexone a year"), names_ldn("it helped")
    (True, False)
    """
    return _rx().ldn.search(normalise(text if isinstance(text, str) else "")) is not None


def thread_topics(names, positions, parents, *, whole_thread: bool = True):
    """'ldn' for a reply that names no drug under a comment (or an ancestor) naming LDN.

    Parameters
    ----------
    names : list of bool
        :func:`names_ldn` of each comment.
    positions, parents : lists
        Thread positions and parent positions (None/NA for top level).
    whole_thread : bool
        The comments are one thread (not independent reviews): when at least
        :data:`THREAD_SHARE` of them name LDN, every comment naming no drug is about LDN.

    Examples
    --------
    >>> thread_topics([True, False, False], [1, 2, 3], [None, 1, 2])
    [None, 'ldn', 'ldn']
    """
    index = {}
    for i, p in enumerate(positions):
        if p is not None and not pd.isna(p):
            index[int(p)] = i
    rows = [None if q is None or pd.isna(q) else index.get(int(q)) for q in parents]
    return ["ldn" if t else None for t in topics_by_row(names, rows, whole_thread=whole_thread)]


def topics_by_row(names, parent_rows, *, whole_thread: bool = True) -> bytearray:
    """The rule of :func:`thread_topics` with parents given as row indices (None for top
    level): 1 where a comment's thread topic is LDN. The streaming reader's plan uses it
    directly, without a position index.

    Examples
    --------
    >>> list(topics_by_row([True, False, False], [None, 0, 1]))
    [0, 1, 1]
    """
    out = bytearray(len(parent_rows))
    for i, parent in enumerate(parent_rows):
        seen = 0
        while not names[i] and parent is not None and seen < 50:
            if names[parent]:
                out[i] = 1
                break
            parent = parent_rows[parent]
            seen += 1
    # A thread where many comments name LDN is about LDN: a top-level comment naming no
    # drug ("I take it every night") is read the way a reply is.
    if whole_thread and len(names) and sum(names) >= THREAD_SHARE * len(names):
        for i, named in enumerate(names):
            if not named:
                out[i] = 1
    return out


#: Share of a thread's comments naming LDN above which the thread is taken to be about LDN.
THREAD_SHARE = 0.3


def extract_iter(chunks, *, drug: str | None = None):
    """Extract chunk by chunk: yields one records frame per comment-table chunk.

    Examples
    --------
    >>> import pandas as pd
    >>> parts = [pd.DataFrame({"text": ["I take LDN"]}), pd.DataFrame({"text": ["hi"]})]
    >>> [len(r) for r in extract_iter(parts)]
    [1, 1]
    """
    from .stream import extract_iter as _stream_extract_iter

    # Positions and parents across chunks are the stream module's job.
    yield from _stream_extract_iter(chunks, drug=drug)


from ._callable import make_callable  # noqa: E402

make_callable(__name__, "extract")
