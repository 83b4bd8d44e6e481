"""Who each part of a comment is about (ConText's *experiencer*), and the comment's subject.

A comment is cut into *units*: its sentences, and inside a sentence the parts after ``;``
and ``but`` (a writer may say what is usual and then what they do: "the usual dose is
4.5 mg, but my doctor started me on 1.5 mg"). Each unit is about one of:

``writer``
    the writer ("I", "my legs"; also a first sentence with no subject: "Started LDN").
``relative``
    a partner, relative or friend of the writer, by relation or name ("my wife", "Dad",
    "my husband Tom" and then "Tom", "she", "he").
``patients``
    the writer's patients or customers, for a clinician who says what they do with LDN
    ("I have prescribed", "we treated 24 patients", "in my practice", "our trial"), and
    then "most of them", "two stopped", "they".
``reported``
    a named person reported on, as in a news story ("Mrs Patel, 58, ..."; her quoted
    words, "she said"; "I" inside her quotation is her).
``general``
    people in general: generic or habitual subjects ("most patients", "users report",
    "the usual dose is", "LDN is safe", "studies show"), instructions to the reader.
``hearsay``
    someone the writer heard or read of ("a friend swears by it", "I read about a woman").
``other``
    a third person with nobody to refer to.

Names and pronouns carry over between units of the same comment, and a unit with no
subject of its own (``"Fatigue scores improved"``) is about whoever the unit before was.
:func:`analyse` then chooses the comment's subject once, from the strongest first-hand
evidence, and tells which units are about it. The module also tells requests from
rhetorical questions (:func:`question_kind`), reads diaries (:func:`diary_entries`) and
reads tense and aspect (:func:`use_status_hint`). Every trigger is data
(``lexicons/experiencer.json``, loaded strictly through :mod:`ldn_comments.rules`); there
is no pandas here.

Examples
--------
>>> e = analyse("My wife has PPMS. She started LDN in March; her legs are less stiff.")
>>> [u.who.kind for u in e.units], e.subject.kind, e.subject.role, e.subject.second_hand
(['relative', 'relative', 'relative'], 'relative', 'caregiver', True)
>>> analyse("The usual dose is 4.5 mg. Most users sleep better.").subject.kind
'nobody'
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache

from ..rules import compiled, compiled_keyed, lexicon
from .text import normalise, sentence_spans

WRITER, RELATIVE, PATIENTS, REPORTED = "writer", "relative", "patients", "reported"
GENERAL, HEARSAY, OTHER, NOBODY = "general", "hearsay", "other", "nobody"
#: Kinds whose LDN use a comment can report first hand.
FIRST_HAND = (WRITER, RELATIVE, PATIENTS, REPORTED)

_CLAUSE_BREAK = re.compile(r";\s*|,?\s+but\s+|,?\s+whereas\s+|"
                           # "I have RRMS, and my mum has PPMS": the mother's own clause
                           r",\s+and\s+(?=(?:my|our) (?:[\w'-]+ )?(?:husband|wife|partner|mum|mom|"
                           r"mother|dad|father|son|daughter|sister|brother|aunt|uncle|cousin|"
                           r"boyfriend|girlfriend|friend|grandmother|grandfather|nan|grandma|grandpa)\b)")
_DOSE = re.compile(r"\b\d+(?:[.,]\d+)?\s*(?:mg|ml|milligrams?)\b")
_MS = re.compile(r"\b(?:ms|rrms|ppms|spms|cis|multiple sclerosis|diagnosed|dx'?d|relapsing|"
                 r"progressive)\b")
# The writer's own MS ("I have RRMS", "my MS", "I was diagnosed"), not "the MS neuro".
_OWN_MS = re.compile(r"\b(?:i|i'm|im|i've|ive|me|my)\b[^.?!;]{0,40}?\b(?:ms|rrms|ppms|spms|cis|"
                     r"multiple sclerosis|diagnosed|dx'?d)\b(?! (?:neuro|nurse|clinic|society|"
                     r"cent(?:re|er)|specialist|drugs|meds|team))")
_IT = re.compile(r"\b(?:it|mine|this drug|this medication|the drug|the pills?|my (?:dose|pills?))\b")
# A named person introduced as in a news story: "Mrs Patel, 58," / "Retired teacher John
# Burke, 67," (on the original text: capitals tell names).
_NAME = r"(?P<title>(?:Mrs|Mr|Ms|Miss|Dr)\.? )?(?P<first>[A-Z][a-z'-]+)(?: (?P<last>[A-Z][a-z'-]+))?"
_OPENS = r"(?:^|[.!?]\s+|\n)\W*"
_REPORTED_INTROS = (
    # "Mrs Patel, 58," / "Retired teacher John Burke, 67," / "Ann Lee (52)"
    re.compile(_OPENS + r"(?:[A-Za-z]+ ){0,3}?" + _NAME
               + r"(?:,\s*(?:aged\s+)?(?P<age>\d{1,3}),|\s+\((?P<age2>\d{1,3})\))"),
    # "Ann Lee, a 52-year-old mother of two,"
    re.compile(_OPENS + _NAME + r",\s*an? (?P<age>\d{1,3})-year-old\b"),
    # "52-year-old Ann Lee"
    re.compile(r"\b(?P<age>\d{1,3})-year-old (?:[a-z]+ ){0,3}" + _NAME + r"\b"),
    # a quoted testimonial signed below or beside it: '"LDN gave me my life back." - Ann, 62'
    re.compile(r"[\"\u201d]\s*(?:[-\u2013\u2014]+|by)\s*" + _NAME + r"(?:,\s*(?P<age>\d{1,3})\b)?"),
    # "Ann Lee was diagnosed ...", "Tom Ward says ...": a full name opening a sentence
    re.compile(_OPENS + r"(?P<title>(?:Mrs|Mr|Ms|Miss|Dr)\.? )?(?P<first>[A-Z][a-z'-]+) "
               r"(?P<last>[A-Z][a-z'-]+),? (?:who )?(?:was diagnosed|has had|has (?:ms|MS|multiple)|"
               r"began|started|takes|took|says|said|told|tells|explains|believes|is \d{1,3}\b|has been "
               r"(?:taking|on))\b"),
)
#: Full names that open a sentence but name no person.
_NOT_PERSONS = {"multiple", "low", "the", "this", "last", "when", "after", "since", "our",
                "my", "in", "at", "on", "for", "national", "ms", "dr"}
_NAME_AFTER_RELATION = r"\b(?:my|our) (?:{relations}),? (?P<name>[A-Z][a-z'-]+)\b"
_NOT_NAMES = {"i", "the", "a", "an", "it", "he", "she", "they", "we", "my", "our", "and",
              "but", "so", "has", "had", "was", "is", "who", "when"}


@dataclass(frozen=True)
class Who:
    """Who a unit is about.

    Attributes
    ----------
    kind : str
        One of the kinds in the module docstring.
    label : str or None
        The person as written, lower case ("my wife", "tom", "mrs patel").
    span : tuple of int or None
        The words that say so (None when carried over or implied).
    carried : bool
        Taken over from an earlier unit (a pronoun, or no subject at all).
    """

    kind: str
    label: str | None = None
    span: tuple[int, int] | None = None
    carried: bool = False


@dataclass(frozen=True)
class Unit:
    """A sentence, or a part of one after ``;`` or ``but``, and who it is about."""

    start: int
    end: int
    sent: int
    who: Who


@dataclass(frozen=True)
class Subject:
    """The person whose LDN use the comment reports.

    Attributes
    ----------
    kind : str
        ``writer``, ``relative``, ``patients``, ``reported`` or ``nobody``.
    label : str or None
        Who, as written.
    units : tuple of int
        Indexes of the units about the subject.
    role : str or None
        ``clinician`` or ``caregiver`` where the experiencer shows it, else None.
    second_hand : bool
        The comment reports, first hand, LDN use of someone other than the writer.
    general : bool
        The comment speaks only of people in general (or of a product): nobody's use.
    product : bool
        A product or formulation text (capsule strengths, fillers, prices).
    evidence : tuple of (int, int)
        Spans that decided the subject and role.
    """

    kind: str
    label: str | None
    units: tuple[int, ...]
    role: str | None
    second_hand: bool
    general: bool = False
    product: bool = False
    evidence: tuple[tuple[int, int], ...] = ()


@dataclass
class Experience:
    """The experiencer analysis of one comment (see :func:`analyse`)."""

    norm: str
    sents: list
    units: list[Unit]
    subject: Subject
    diary: list = field(default_factory=list)

    def subject_spans(self) -> list[tuple[int, int]]:
        """Character spans of the units about the subject."""
        return [(self.units[i].start, self.units[i].end) for i in self.subject.units]

    def subject_sents(self) -> set[int]:
        """Sentences that hold at least one unit about the subject."""
        return {self.units[i].sent for i in self.subject.units}

    def about(self, pos: int) -> Who | None:
        """Who the unit holding character `pos` is about."""
        for unit in self.units:
            if unit.start <= pos < unit.end:
                return unit.who
        return None


# ---------------------------------------------------------------------------------------
# Patterns (compiled once per process, from the lexicon)

@cache
def _rx(key: str) -> re.Pattern:
    return compiled("experiencer", key)


@cache
def _terms(key: str) -> str:
    from ..rules import alternation
    return alternation(lexicon("experiencer")[key])


@cache
def _relation_mention() -> re.Pattern:
    return re.compile(r"(?<!\w)(?:my|our|her|his) (?:(?:\w+|\w+-\w+) )?(?:" + _terms("relations")
                      + r")(?:'?s)?(?!\w)")


@cache
def _bare_relation() -> re.Pattern:
    return re.compile(r"\W*(?:" + _terms("bare_relations") + r")(?!\w)")


@cache
def _quote_attribution() -> tuple[re.Pattern, re.Pattern]:
    """Who said a quotation: right after it ('," she said', '," said Tom') or right
    before it ('Tom says: "')."""
    verbs = _terms("reporting_verbs")
    who = r"[a-z][\w'-]*(?: [a-z][\w'-]*)?"
    after = re.compile(r"\s*,?\s*(?:(?P<who>" + who + r")\s+(?:" + verbs + r")|(?:" + verbs
                       + r")\s+(?P<who2>" + who + r"))\b")
    before = re.compile(r"(?P<who>" + who + r")\s+(?:" + verbs + r")\s*[:,]?\s*$")
    return after, before


@dataclass(frozen=True)
class Quotation:
    """A quotation's span (its quote marks included) and the words that name its speaker
    (``who`` None when nobody is named)."""

    start: int
    end: int
    who: str | None
    who_span: tuple[int, int] | None


def quotations(norm: str) -> list[Quotation]:
    """Every quotation of a comment, with its speaker where one is named beside it. A
    quotation may hold several sentences, so this is read over the whole comment.

    Examples
    --------
    >>> t = '"i could still climb. my wife was amazed," he said. "then i stopped."'
    >>> [(q.who, t[q.start:q.end]) for q in quotations(t)]
    [('he', '"i could still climb. my wife was amazed,"'), (None, '"then i stopped."')]
    """
    if '"' not in norm:
        return []
    after, before = _quote_attribution()
    out = []
    for m in re.finditer(r'"[^"]{2,}"', norm):
        a = after.match(norm, m.end())
        b = None if a else before.search(norm, max(0, m.start() - 60), m.start())
        if a:
            group = "who" if a["who"] else "who2"
            out.append(Quotation(m.start(), m.end(), a[group], a.span(group)))
        elif b:
            out.append(Quotation(m.start(), m.end(), b["who"], b.span("who")))
        else:
            out.append(Quotation(m.start(), m.end(), None, None))
    return out


@cache
def _imperative_start() -> re.Pattern:
    return re.compile(r"\W*(?:\w+ ?[:,-]\s*)?(?:please )?(?:" + _terms("imperatives") + r")(?!\w)")


@cache
def _diary_label() -> re.Pattern:
    return re.compile(r"[ \t*\-#>]*(?P<label>" + _terms("diary_labels") + r")(?P<sep>\s*[:\-.,)]\s*|\s+)")


# ---------------------------------------------------------------------------------------
# Units and who they are about

def units_of(norm: str, sents: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """``(start, end, sentence)`` of each unit: sentences cut at ``;`` and ``but``.

    Examples
    --------
    >>> t = "the usual dose is 4.5 mg, but i take 3 mg; it helps. fine."
    >>> [t[s:e] for s, e, _ in units_of(t, sentence_spans(t))]
    ['the usual dose is 4.5 mg', 'i take 3 mg', 'it helps.', 'fine.']
    """
    out = []
    for i, (s, e) in enumerate(sents):
        start = s
        for m in _CLAUSE_BREAK.finditer(norm, s, e):
            if norm[start:m.start()].strip():
                out.append((start, m.start(), i))
            start = m.end()
        if norm[start:e].strip():
            out.append((start, e, i))
    return out


@dataclass
class _People:
    """What the comment has introduced so far: names and the last person of each kind."""

    names: dict = field(default_factory=dict)  # lower-case name -> Who
    last_single: Who | None = None  # the last individual other than the writer
    last_group: Who | None = None  # patients or people in general
    clinician: bool = False
    treats: bool = False  # the writer has said what they do for patients (not a title only)
    quoting: Who | None = None  # the speaker of an open quotation
    quotes: list = field(default_factory=list)  # the comment's quotations (see quotations)
    previous: Who | None = None  # who the unit before was about


def introduced_ages(text: str) -> dict:
    """``{label: (age, (start, end))}`` of the named persons a news story introduces with
    their age ("Mrs Patel, 58,").

    Examples
    --------
    >>> introduced_ages("Mrs Patel, 58, began LDN. She is well.")
    {'mrs patel': (58, (11, 13))}
    """
    out: dict[str, tuple[int, tuple[int, int]]] = {}
    for m in _reported_intros(text):
        age = m.groupdict().get("age") or m.groupdict().get("age2")
        if age:
            group = "age" if m.groupdict().get("age") else "age2"
            out.setdefault(_person_label(m), (int(age), m.span(group)))
    return out


def _reported_intros(text: str):
    """Matches of the news-story introductions of a named person (see _REPORTED_INTROS)."""
    if not re.search(r"[A-Z][a-z'-]+ ?[A-Z(,]|\d-year-old", text):
        return
    for pattern in _REPORTED_INTROS:
        for m in pattern.finditer(text):
            if m["first"].lower() not in _NOT_NAMES | _NOT_PERSONS:
                yield m


def _person_label(m: re.Match) -> str:
    title = (m["title"] or "").strip()
    return " ".join(p for p in (title, m["first"], m["last"]) if p).lower().replace(".", "")


@cache
def _relation_name_rx() -> re.Pattern:
    return re.compile(_NAME_AFTER_RELATION.format(relations=_terms("relations")), re.I)


def _names(text: str) -> dict:
    """Names introduced in `text` (original case): relatives and reported persons."""
    names: dict = {}
    if not text:
        return names
    for m in _relation_name_rx().finditer(text):
        name = m["name"]
        if name[0].isupper() and name.lower() not in _NOT_NAMES:
            names[name.lower()] = Who(RELATIVE, name.lower(), m.span("name"))
    for m in _reported_intros(text):
        first, last = m["first"], m["last"]
        who = Who(REPORTED, _person_label(m),
                  (m.start("first"), m.end("last") if last else m.end("first")))
        for key in {first.lower(), (last or first).lower()}:
            names.setdefault(key, who)
    found: dict[str, list[re.Match]] = {}
    # A first name alone is family only where the writer shows they care for someone
    # ("we found a doctor", "I give her", dated entries): a forum reply's "Anne said
    # she takes it" names another commenter, and "Dr Shah says" a doctor.
    candidates = list(_first_name_rx().finditer(text))
    caring = bool(candidates) and (_CARING.search(text.lower()) is not None
                                   or len(diary_entries(normalise(text))) >= 2)
    for m in candidates if caring else ():
        name = m["name"].lower()
        if name in names or name in _not_first_names() or _is_drug_word(name) or \
                _HEADER_AFTER.match(text, m.end()) or _TITLE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue
        found.setdefault(name, []).append(m)
    for name, matches in found.items():
        # "Sam was diagnosed in 2015 ... and Sam started on 1.5 mg": a person the writer
        # knows by first name, told of first hand (a carer's partner, a child). A verb
        # that things take too ("Spasms started") needs the word written as a name
        # inside a sentence somewhere in the text.
        written = matches[0]["name"]
        if any(_HEARSAY_BEFORE.search(text, max(0, o.start() - 24), o.start())
               for o in re.finditer(r"\b" + written + r"\b", text)):
            continue  # "a friend, Kate, swears by it ... Kate says": the friend is hearsay
        if any(m["person"] for m in matches) or re.search(
                r"(?<=[a-z,;] )" + written + r"\b", text):
            full = re.search(r"\b" + written + r" (?P<last>[A-Z][a-z'-]+)\b", text)
            if full and full["last"].lower() not in _not_first_names() and \
                    not _is_drug_word(full["last"].lower()):
                # "Jamie Rourke ... Jamie says": a story's named person, not family
                names[name] = Who(REPORTED, f"{name} {full['last'].lower()}", full.span())
            else:
                names[name] = Who(RELATIVE, name, matches[0].span("name"))
    return names


@cache
def _first_name_rx() -> re.Pattern:
    # capitals tell names, so this runs on the text as written
    return re.compile(r"(?<![\w'])(?P<name>[A-Z][a-z]{1,14})(?:'s)? (?i:(?P<person>"
                      + _terms("first_name_verbs") + r")|" + _terms("first_name_acts") + r")(?!\w)")


#: What a carer writes: "we", "us", "I give her", "I look after him", "caring for".
_CARING = re.compile(r"\b(?:we|we're|we've|we'd|our|us)\b|\bi\b[^.!?\n]{0,40}\b(?:her|him)\b|"
                     r"\b(?:carer|caregiver|caring for|care of|look after|looking after)\b")
#: A title before a name: "Dr Shah", "Prof. Lee", "Nurse Kelly" are not family.
_TITLE_BEFORE = re.compile(r"\b(?:dr|doctor|prof|professor|mr|mrs|ms|miss|nurse|sister|rev)\.? $", re.I)
#: "Ann says: ...": a thread's header naming the writer, not a person written about.
_HEADER_AFTER = re.compile(r"\s*:")


@cache
def _not_first_names() -> frozenset:
    return frozenset(lexicon("experiencer")["not_first_names"])


def _is_drug_word(word: str) -> bool:
    """LDN's or another therapy's name ("Tecfidera started to ...")."""
    return bool(_rx("ldn_terms").fullmatch(word) or compiled_keyed("therapies").pattern.fullmatch(word))


#: A name right after a hearsay source is the source's ("a friend, Kate, swears by it").
_HEARSAY_BEFORE = re.compile(r"\b(?:friend|colleague|neighbou?r|woman|lady|man|guy|girl|someone|"
                             r"acquaintance|cousin's \w+)\W{0,3}$")


#: Subject mentions searched once over the whole comment: (lexicon key, kind).
_MENTION_KEYS = (("first_person", WRITER), ("we", "we"), ("third_singular", "she"),
                 ("third_plural", "they"), ("hearsay", HEARSAY),
                 ("third_person_intro", OTHER), ("generic_subjects", GENERAL))


@cache
def _name_rx(name: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)")


@cache
def _mentions_rx():
    """One keyed pattern over every subject-mention list (one scan per comment)."""
    from ..rules import keyed
    data = lexicon("experiencer")
    return keyed({kind: data[key] for key, kind in _MENTION_KEYS})


#: Words without which a trigger list cannot match: a cheap first test of the whole
#: comment before the full patterns run (most comments have none of them).
_PREFILTER = {
    "clinician_acts": re.compile(r"prescrib|dispens|compound|treat|enrol|recruit|randomi|"
                                 r"practice|clinic|pharmacy|surgery|patients|clients|customers|"
                                 r"trial|study|pilot|audit|series|\bput\b|start|switch|moved|"
                                 r"make up|made up|gave|look after|care for|work with|support|"
                                 r"nurse|make|prepar|suppl|formulat|produc"),
    "writer_as_object": re.compile(r"says|said|thinks|notice|reckons|tells? me|told me"),
    "hearsay_sources": re.compile(r"read|heard|saw|seen|came across|come across|story|article|"
                                  r"documentary|video|news|programme|program|report|post|"
                                  r"apparently|say|word of mouth|told"),
    "request_questions": re.compile(r"\?"),
}


class _Scan:
    """Every subject mention of a comment, found in one pass per pattern (not per unit),
    and which optional triggers occur at all (so that a unit skips the absent ones)."""

    def __init__(self, norm: str, people: _People):
        self.norm = norm
        rx = _mentions_rx()
        found = [(m.start(), m.end(), rx.key_of(m), m.group(0)) for m in rx.pattern.finditer(norm)]
        found += [(m.start(), m.end(), RELATIVE, m.group(0))
                  for m in _relation_mention().finditer(norm)]
        for name, who in people.names.items():
            found += [(m.start(), m.end(), who.kind, who.label)
                      for m in _name_rx(name).finditer(norm)]
        self.mentions = sorted(found)
        self.has = {key: (_PREFILTER[key].search(norm) is not None
                          and _rx(key).search(norm) is not None)
                    for key in ("clinician_acts", "writer_as_object", "hearsay_sources",
                                "request_questions")}

    def mentions_in(self, s: int, e: int) -> list:
        i = bisect_left(self.mentions, (s,))
        out = []
        while i < len(self.mentions) and self.mentions[i][0] < e:
            if self.mentions[i][1] <= e:
                out.append(self.mentions[i])
            i += 1
        return out


def _candidates(norm: str, s: int, e: int, people: _People, scan: _Scan):
    """``(start, end, kind, label)`` of every subject mention in the unit (after a diary
    entry's date, which is no subject: "2020: no relapses")."""
    label = _diary_label().match(norm, s, e)
    if label and _is_entry(label):
        s = label.end()
    found = scan.mentions_in(s, e)
    if people.clinician:  # "most of them", "two stopped": a clinician's patients
        for m in _rx("group_subjects").finditer(norm, s, e):
            if len(norm[s:m.start()].split()) <= 2:
                found.append((m.start(), m.end(), "group", m.group(0)))
    bare = _bare_relation().match(norm, s, e)
    if bare:
        found.append((bare.start(), bare.end(), RELATIVE, norm[bare.start():bare.end()].strip(" -,:")))
    if _imperative_start().match(norm, s, e):
        found.append((s, s + 1, GENERAL, "you (instruction)"))
    return found


#: Speakers of a quotation that are people in general, not one person.
_GENERIC_SPEAKERS = re.compile(r"\b(?:customers|users|people|patients|members|reviewers|clients|"
                               r"sufferers|readers|others|many|most|thousands)\b")


def _quote_who(quote: Quotation, people: _People) -> Who | None:
    """Who speaks a quotation: the person named beside it; else the speaker of the
    quotation before it (a news story's quotes run on); else, in a story about a named
    person, that person; else nobody known (None)."""
    if quote.who is not None:
        head = quote.who.split()[0]
        if _GENERIC_SPEAKERS.search(quote.who):
            # "What customers say: '...'", "users tell us": people in general, or a
            # clinician's patients
            return Who(PATIENTS if people.treats else GENERAL, quote.who, quote.who_span)
        if head in ("she", "he", "they"):
            who = _resolve("she" if head != "they" else "they", quote.who, quote.who_span, people)
            return Who(who.kind, who.label, quote.who_span)
        named = people.names.get(quote.who) or people.names.get(head)
        if named is not None:
            return Who(named.kind, named.label, quote.who_span)
        return None
    if people.quoting is not None:
        return Who(people.quoting.kind, people.quoting.label, None, True)
    if people.last_single is not None and people.last_single.kind == REPORTED:
        return Who(REPORTED, people.last_single.label, None, True)
    if (people.last_group is not None and people.last_group.kind == GENERAL) and (
            people.last_single is None or people.last_single.kind in (HEARSAY, OTHER)):
        # a page of general claims quoting nobody named: an anonymous testimonial
        return Who(GENERAL, "a testimonial", None, True)
    return None


def _resolve(kind: str, label: str, span, people: _People) -> Who:
    """A pronoun or group word to the person it refers to."""
    if kind == "she":
        if people.last_single is not None:
            return Who(people.last_single.kind, people.last_single.label, span, True)
        return Who(OTHER, label, span)
    if kind == "they":
        if people.last_group is not None:
            return Who(people.last_group.kind, people.last_group.label, span, True)
        if people.last_single is not None and people.last_single.kind == RELATIVE:
            return Who(RELATIVE, people.last_single.label, span, True)
        if people.clinician:
            return Who(PATIENTS, "my patients", span, True)
        if people.previous is not None:
            # "vivid dreams, then they settled": no people to refer to, so no new subject
            return Who(people.previous.kind, people.previous.label, None, True)
        return Who(GENERAL, label, span)
    if kind == "we":
        if people.clinician:
            return Who(PATIENTS, "our patients", span, True)
        if people.previous is not None and people.previous.kind == RELATIVE:
            # "Our son has CIS. We are thinking about LDN for him": the family, for him.
            return Who(RELATIVE, people.previous.label, span, True)
        return Who(WRITER, label, span)
    if kind == "group":
        return Who(PATIENTS if people.clinician else GENERAL, label, span)
    return Who(kind, label, span)


def _unit_who(norm: str, s: int, e: int, people: _People, first: bool,
              previous: Who | None, scan: _Scan) -> Who:
    unit = norm[s:e]
    # A quotation: its words are the speaker's, whoever "I" is inside it. The unit is
    # inside one, opens with one, or holds one whose speaker is named.
    quote = next((q for q in people.quotes if q.start <= s < q.end - 1 or (
        s <= q.start < e and (q.who is not None or not re.search(r"\w", norm[s:q.start])))), None)
    if quote is not None:
        who = _quote_who(quote, people)
        if who is not None:
            people.quoting = who
            return who
    if unit.lstrip().startswith('"') and people.quoting is not None:
        return Who(people.quoting.kind, people.quoting.label, None, True)
    people.quoting = None
    acts = _rx("clinician_acts").search(unit) if scan.has["clinician_acts"] else None
    if acts and not _negated_before(unit, acts.start()):
        people.clinician = people.treats = True
        return Who(PATIENTS, "my patients", (s + acts.start(), s + acts.end()))
    m = _rx("writer_as_object").search(unit) if scan.has["writer_as_object"] else None
    if m:
        return Who(WRITER, "i", (s + m.start(), s + m.end()))
    source = _rx("hearsay_sources").search(unit) if scan.has["hearsay_sources"] else None
    if source and not _own_use_after(unit, source.end()) and (
            source.group(0).startswith("i ") or not _writer_before(unit, source.start())):
        return Who(HEARSAY, source.group(0), (s + source.start(), s + source.end()))
    if "?" in unit and scan.has["request_questions"] and _rx("request_questions").search(unit):
        # A request is the writer's, for themselves or for whom they write about.
        if previous is not None and previous.kind in (RELATIVE, PATIENTS):
            return Who(previous.kind, previous.label, None, True)
        return Who(WRITER, None, None, True)
    candidates = _candidates(norm, s, e, people, scan)
    found = [c for c in candidates if not (c[2] == WRITER and _EPISTEMIC.match(norm, c[1]))] \
        or candidates
    if not found:
        if previous is not None:
            return Who(previous.kind, previous.label, None, True)
        return Who(WRITER, None, None, True) if first else Who(NOBODY)
    start, end, kind, label = min(found, key=lambda c: (c[0], -(c[1] - c[0])))
    if (kind == GENERAL and previous is not None and previous.kind in (WRITER, RELATIVE, REPORTED)
            and _DRUG_SUBJECT.match(label) and _PAST_EVENT.search(unit, end - s)):
        # A general claim is timeless ("LDN is safe"); "LDN is what finally made a
        # difference" tells of a past event: it goes on about the one just spoken of.
        return Who(previous.kind, previous.label, None, True)
    if kind == "we" or (kind == WRITER and not _rx("use_verbs").match(norm, end + 1, min(e, end + 30))):
        # "We found a doctor and Priya started on 1.5 mg", "the reason I ask: my aunt took
        # LDN": the one who takes it is the relative named as the subject of the use verb.
        for c in found:
            if c[0] > start and c[2] == RELATIVE and _rx("use_verbs").match(
                    norm, c[1] + 1, min(e, c[1] + 40)):
                start, end, kind, label = c
                break
    who = _resolve(kind, label, (start, end), people)
    if who.kind == GENERAL and people.treats and _PEOPLE_GROUP.search(label):
        # a clinician's "the people who do well on it", "most users": their patients
        who = Who(PATIENTS, label, who.span)
    if who.kind == RELATIVE and not who.carried:
        joint = _WITH_WRITER.search(unit)
        if joint:
            # "Both my husband and I have MS": the writer too; "he" later is the husband.
            people.last_single = who
            return Who(WRITER, "i", (s + joint.start(), s + joint.end()))
    if who.kind in (GENERAL, OTHER, HEARSAY) and not who.carried:
        # "LDN was a game changer for me", "a lady introduced me to LDN": a later first
        # person or relative is the subject.
        later = [c for c in found if c[0] > start and c[2] in (WRITER, RELATIVE, "we")
                 and not _inside(c, found, HEARSAY)]
        if later:
            c = later[0]
            who = _resolve(c[2], c[3], (c[0], c[1]), people)
    return who


#: "I think", "I honestly believe": the writer's opinion of what happened to someone else
#: ("I think it did for her pain"), not the writer as the subject.
_EPISTEMIC = re.compile(r" (?:\w+ )?(?:think|thought|believe|reckon|guess|suppose|suspect|doubt|"
                        r"know|am sure|'m sure|feel that|would say|'d say)\b")
#: Words for the people a clinician treats: in a product text, "we" is the pharmacy.
_GROUP_WORDS = re.compile(r"\b(?:patients|people|participants|subjects|clients|customers|women|men|"
                          r"them|they|him|her|most|many|some|few|\d+ (?:of|people|patients))\b")
#: People in general as a clinician speaks of them: their patients.
_PEOPLE_GROUP = re.compile(r"\b(?:people|patients|users|sufferers|pwms|most|many|some|few)\b")
#: The writer telling their own LDN use ("I take", "I've been on", "my dose").
_OWN_USE = re.compile(r"\b(?:i|i'm|i've|i'd|i was|i have|i had|i am)(?: \w+)? (?:take|takes|taking|took|"
                      r"taken|on|started|start|began|tried|use|used|using|stopped|been on|been taking)\b|"
                      r"\bmy (?:dose|ldn)\b")
#: The writer joined to a relative as one subject: "my husband and I", "me and my mum".
_WITH_WRITER = re.compile(r"^\W*(?:both )?(?:my|our) [\w'-]+(?: [\w'-]+)? and (?:i|me|myself)\b|"
                          r"^\W*(?:both )?(?:i|me) and (?:my|our) [\w'-]+")
#: A generic subject that is the drug itself ("ldn is", "it was").
_DRUG_SUBJECT = re.compile(r"(?:ldn|low dose naltrexone|naltrexone|it)\b")
#: A completed event after it: what happened to someone, not what is always so.
_PAST_EVENT = re.compile(r"\b(?:made|helped|worked|gave|changed|improved|eased|stopped|"
                         r"turned|cured|did|has (?:made|helped|worked|changed|improved|given))\b")


def _writer_before(unit: str, pos: int) -> bool:
    """The writer speaks of themselves before `pos` ("my" of "my daughter" does not count)."""
    relations = [m.span() for m in _relation_mention().finditer(unit, 0, pos)]
    return any(not any(a <= m.start() < b for a, b in relations)
               for m in _rx("first_person").finditer(unit, 0, pos))


def _own_use_after(unit: str, pos: int) -> bool:
    """The writer tells their own use after a hearsay source ("I read about it, so I
    started it in May")."""
    first = _rx("first_person").search(unit, pos)
    return first is not None and _rx("use_verbs").search(unit, first.end()) is not None


def _inside(c, found, kind) -> bool:
    return any(o[2] == kind and o[0] <= c[0] and c[1] <= o[1] and o is not c for o in found)


def _negated_before(unit: str, pos: int, window: int = 24) -> bool:
    return _rx("negation").search(unit[max(0, pos - window):pos + 1]) is not None


def experiencers(norm: str, sents: list[tuple[int, int]], text: str | None = None) -> list[Unit]:
    """Every unit of the comment with who it is about (names and pronouns carried over).

    Parameters
    ----------
    norm : str
        The normalised text (:func:`ldn_comments.nlp.text.normalise`).
    sents : list of (int, int)
        Its sentence spans.
    text : str, optional
        The original text (same length), whose capitals tell names.

    Examples
    --------
    >>> t = "My husband Tom has SPMS. Tom says he has more energy. I drive him to clinic."
    >>> n = normalise(t)
    >>> [(u.who.kind, u.who.label) for u in experiencers(n, sentence_spans(n), t)]
    [('relative', 'my husband'), ('relative', 'tom'), ('writer', 'i')]
    """
    people = _People(names=_names(text if text is not None and len(text) == len(norm) else ""),
                     clinician=_clinician_title(norm), quotes=quotations(norm))
    units: list[Unit] = []
    previous: Who | None = None
    scan = _Scan(norm, people)
    for k, (s, e, sent) in enumerate(units_of(norm, sents)):
        who = _unit_who(norm, s, e, people, first=(k == 0), previous=previous, scan=scan)
        if who.kind in (RELATIVE, REPORTED, HEARSAY, OTHER):
            people.last_single = who
        elif who.kind in (PATIENTS, GENERAL):
            people.last_group = who
        units.append(Unit(s, e, sent, who))
        previous = people.previous = who
    units = _signed_quotes(norm, units, people)
    units = _interview_answers(norm, units)
    if people.clinician or _clinician_title(norm):
        # A clinician's case story: "a woman with advanced MS ... she" is their patient.
        units = [Unit(u.start, u.end, u.sent, Who(PATIENTS, "a patient", u.who.span, u.who.carried))
                 if u.who.kind == OTHER else u for u in units]
    return units


def ldn_names(norm: str, start: int = 0, end: int | None = None) -> list[re.Match]:
    """LDN's names in ``norm[start:end]``."""
    return list(_rx("ldn_terms").finditer(norm, start, len(norm) if end is None else end))


_SIGNATURE = re.compile(r"\s*-+\s*(?P<who>[a-z][\w'-]*)")
#: A question put to the person interviewed ("When were you diagnosed?").
_TO_YOU = re.compile(r"\b(?:you|your)\b")


def _interview_answers(norm: str, units: list[Unit]) -> list[Unit]:
    """In an interview with a named person (two or more questions put to "you"), the
    answers' "I" is that person, not the writer."""
    reported = next((u.who for u in units if u.who.kind == REPORTED), None)
    if reported is None:
        return units
    asked = [k for k, u in enumerate(units) if "?" in norm[u.start:u.end]
             and _TO_YOU.search(norm, u.start, u.end)]
    if len(asked) < 2:
        return units
    return [Unit(u.start, u.end, u.sent, Who(REPORTED, reported.label, u.who.span, True))
            if k > asked[0] and u.who.kind == WRITER else u for k, u in enumerate(units)]


def _signed_quotes(norm: str, units: list[Unit], people: _People) -> list[Unit]:
    """A quotation signed on the next line or after its closing stop ('"It gave me my
    life back." - Margaret, 62') is the signer's, and so is the signature."""
    out = list(units)
    for k in range(len(units) - 1):
        quote, sign = units[k], units[k + 1]
        m = _SIGNATURE.match(norm, sign.start, sign.end)
        if not (norm[quote.start:quote.end].lstrip().startswith('"') and m):
            continue
        who = people.names.get(m["who"])
        if who is not None and who.kind == REPORTED:
            span = (m.start("who"), m.end("who"))
            out[k] = Unit(quote.start, quote.end, quote.sent, Who(REPORTED, who.label, span))
            out[k + 1] = Unit(sign.start, sign.end, sign.sent, Who(REPORTED, who.label, span))
    return out


def _clinician_title(norm: str) -> bool:
    return any(not _negated_before(norm, m.start(), 8)
               for m in _rx("clinician_titles").finditer(norm))


# ---------------------------------------------------------------------------------------
# The comment's subject

#: Patients who only ask about LDN, or have read of it, do not take it ("patients ask me
#: about LDN every week"); any other sentence of a clinician's patients that names LDN
#: tells their use ("prescribed LDN", "patients on LDN", "I recommend it").
_GROUP_ASKS = re.compile(r"\b(?:ask|asks|asked|asking|enquir\w*|inquir\w*|question\w*|heard|read|"
                         r"wonder\w*|curious|interested)\b")


def _use_evidence(unit: str, names_ldn: bool, verb_needed: bool = True) -> re.Match | None:
    """The words that tell LDN use in a unit: a dose, or LDN (or "it", in a comment that
    names LDN) with a use verb ("takes", "started", "was on"); a bare mention
    ("researching LDN") is not use. None if none or if negated. For a clinician's
    patients (`verb_needed` False) a clinician's act also tells use ("prescribed LDN",
    "patients on LDN"), but "patients ask me about LDN" does not."""
    m = _DOSE.search(unit)
    if m is None:
        drug = _rx("ldn_terms").search(unit)
        if drug is None and names_ldn:
            drug = _IT.search(unit)
        if drug is not None:
            m = _rx("use_verbs").search(unit)
            if m is None and not verb_needed and not _GROUP_ASKS.search(unit):
                m = drug
    if m is None or _negated_before(unit, m.start()):
        return None
    return m


def use_units(exp: Experience) -> list[int]:
    """The subject's units that tell LDN use (see :func:`_use_evidence`).

    Examples
    --------
    >>> e = analyse("My dad has MS. Has anyone's dad tried LDN?")
    >>> [e.norm[e.units[i].start:e.units[i].end] for i in use_units(e)]
    ["has anyone's dad tried ldn?"]
    """
    names_ldn = _rx("ldn_terms").search(exp.norm) is not None
    return [i for i in exp.subject.units
            if _use_evidence(exp.norm[exp.units[i].start:exp.units[i].end], names_ldn,
                             verb_needed=exp.units[i].who.kind != PATIENTS)]


def tells_own_use(exp: Experience) -> bool:
    """The writer tells their own LDN use in the first person ("I take", "my dose").

    Examples
    --------
    >>> tells_own_use(analyse("I'm a GP. At 4.5 mg the side effects are mild."))
    False
    >>> tells_own_use(analyse("I'm a GP with MS and I take 4.5 mg of LDN."))
    True
    """
    return any(_OWN_USE.search(exp.norm, u.start, u.end) for u in exp.units if u.who.kind == WRITER)


def writer_ms_span(exp: Experience) -> tuple[int, int] | None:
    """Where the writer says they have MS ("I have RRMS", "both my wife and I have MS"),
    in a unit about the writer; None if they do not.

    Examples
    --------
    >>> writer_ms_span(analyse("Both my husband and I have MS. I take LDN."))
    (5, 29)
    """
    for u in exp.units:
        if u.who.kind != WRITER:
            continue
        for m in _OWN_MS.finditer(exp.norm, u.start, u.end):
            # "my daughter (32) was diagnosed" is hers, "my husband and I have MS" both's
            if _relation_mention().search(exp.norm, m.start(), m.end()) and \
                    not _WITH_WRITER.search(exp.norm[u.start:u.end]):
                continue
            return m.span()
    return None


def choose_subject(norm: str, units: list[Unit]) -> Subject:
    """The comment's subject, from the strongest first-hand evidence.

    In order: a clinician's patients (a clinician says what they do with LDN); the
    writer's own LDN use; a relative's, then a reported person's LDN use; a relative said
    to have MS; the writer; anyone else named. A comment whose LDN sentences are only
    about people in general, a product, or hearsay has subject ``nobody``.

    Examples
    --------
    >>> t = "I have SPMS. My brother won't touch LDN. I've taken it for five years."
    >>> n = normalise(t)
    >>> choose_subject(n, experiencers(n, sentence_spans(n), t)).kind
    'writer'
    """
    names_ldn = _rx("ldn_terms").search(norm) is not None
    by_kind: dict[str, list[int]] = {}
    used: dict[str, list[int]] = {}
    titles = [m.span() for m in _rx("clinician_titles").finditer(norm)
              if not _negated_before(norm, m.start(), 8)]
    for i, u in enumerate(units):
        by_kind.setdefault(u.who.kind, []).append(i)
        evidence = _use_evidence(norm[u.start:u.end], names_ldn, verb_needed=u.who.kind != PATIENTS)
        if evidence and titles and u.who.kind == WRITER and not _OWN_USE.search(norm, u.start, u.end):
            # a clinician's "at 4.5 mg the side effects are mild", "what I say to patients:
            # don't stop it for LDN": not their own use, which they tell as "I take", "I'm on"
            continue
        if evidence:
            used.setdefault(u.who.kind, []).append(i)

    def subject(kind, role=None, second=False, **kw):
        chosen = tuple(by_kind.get(kind, ()))
        label = units[chosen[0]].who.label if chosen else None
        evidence = tuple(units[i].who.span for i in chosen if units[i].who.span)
        if role == "clinician" and titles:
            evidence = tuple(titles[:1]) + evidence
        return Subject(kind, label, chosen, role, second, evidence=evidence, **kw)

    if PATIENTS in by_kind:
        product = [i for i in by_kind[PATIENTS]
                   if _rx("product_acts").search(norm[units[i].start:units[i].end])]
        group_use = [i for i in used.get(PATIENTS, ()) if i not in product and (
            not product or _GROUP_WORDS.search(norm, units[i].start, units[i].end))]
        if group_use:
            return subject(PATIENTS, "clinician", True)
        if WRITER in used:
            return subject(WRITER, "clinician")
        return Subject(NOBODY, None, (), "clinician", False, general=True,
                       product=bool(product), evidence=tuple(
                           span for i in by_kind[PATIENTS] if (span := units[i].who.span)))
    role = "clinician" if titles else None
    relative_used = RELATIVE in used
    product_text = any(_rx("product_acts").search(norm[u.start:u.end]) for u in units)
    if product_text and WRITER in used and not any(units[i].who.span for i in by_kind[WRITER]):
        # "LDN 3mg Capsules (60) / In stock": a product's heading, nobody's use
        return Subject(NOBODY, None, (), role, False, general=True, product=True)
    if WRITER in used:
        return subject(WRITER, role, relative_used)
    if relative_used:
        return subject(RELATIVE, role or "caregiver", True)
    if REPORTED in used:
        return subject(REPORTED, role, True)
    relative_ms = [i for i in by_kind.get(RELATIVE, ())
                   if _MS.search(norm[units[i].start:units[i].end])]
    writer_ms = [i for i in by_kind.get(WRITER, ())
                 if _OWN_MS.search(norm[units[i].start:units[i].end])]
    if relative_ms and not writer_ms:
        return subject(RELATIVE, role or "caregiver")
    if WRITER in by_kind and any(units[i].who.span for i in by_kind[WRITER]):
        return subject(WRITER, role)
    if any(k in used for k in (GENERAL, HEARSAY, OTHER)) and not used.get(WRITER):
        return Subject(NOBODY, None, (), role, False, general=True, product=product_text)
    for kind in (RELATIVE, REPORTED):
        if kind in by_kind:
            return subject(kind, role or ("caregiver" if kind == RELATIVE else None))
    if WRITER in by_kind:
        return subject(WRITER, role)
    return Subject(NOBODY, None, (), role, False)


def analyse(text: str, norm: str | None = None,
            sents: list[tuple[int, int]] | None = None) -> Experience:
    """Who each unit of `text` is about, the comment's subject, and its diary entries.

    Parameters
    ----------
    text : str
        The comment as written.
    norm, sents : optional
        Its normalised text and sentence spans, where the caller has them already.

    Examples
    --------
    >>> e = analyse("We treated 24 patients with LDN 4.5 mg. Two stopped because of insomnia.")
    >>> e.subject.kind, e.subject.role, e.subject.second_hand
    ('patients', 'clinician', True)
    """
    norm = normalise(text) if norm is None else norm
    sents = sentence_spans(norm, text) if sents is None else sents
    units = experiencers(norm, sents, text)
    return Experience(norm, sents, units, choose_subject(norm, units), diary_entries(norm))


# ---------------------------------------------------------------------------------------
# Questions

def question_kind(question: str, following: str = "", answered_page: bool = False) -> str | None:
    """``request`` (asks the reader for information or advice), ``rhetorical``, or None
    (a question of neither kind, for the caller to judge).

    A question is rhetorical when it is one of the set phrasings ("who knows", "isn't it
    strange", "why do neurologists ...") or when the writer answers it at once ("Beats
    me.", "Because ...").

    Examples
    --------
    >>> question_kind("why do neurologists still ignore ldn?", "who knows.")
    'rhetorical'
    >>> question_kind("has anyone tried ldn for ppms?"), question_kind("what dose do you take?")
    ('request', 'request')
    >>> question_kind("why did it take so long?", "because nobody funds trials.")
    'rhetorical'
    """
    question = normalise(question)
    following = normalise(following).lstrip(" \"'-")
    if _rx("rhetorical_questions").search(question):
        return "rhetorical"
    answered = re.match(r"(?:" + _terms("self_answers") + r")(?!\w)", following) is not None or (
        0 < len(following.split()) <= 3 and _answers(following))  # "2016." "Not at first."
    if answered and re.match(r"\W*(?:why|how|who|what)\b", question):
        return "rhetorical"
    if following and not _READERS.search(question) and not _YOU.search(question) and (
            answered or _SELF_QUESTION.match(question)):
        # "Has it cured me? Of course not." "Would I recommend it? Talk to your doctor."
        return "rhetorical"
    # "Is that crazy? I'd love to hear from anyone ...": no answer follows
    statement = bool(following) and _answers(following)
    if answered_page and not _READERS.search(question) and not _SIGN_OFF.match(following):
        # an explainer's or an interview's questions, answered in the text
        return "rhetorical"
    if statement and not _READERS.search(question):
        if not _ADVICE.search(question) and not re.search(r"\b(?:you|your|u)\b", question) \
                and (_RECOUNT.match(question) or len(question.split()) <= 3):
            # "Did it help? I think it did." "For me? Nothing changed.": the writer asks
            # what happened and answers it ("Does LDN interact with X? My neuro isn't
            # sure." still asks).
            return "rhetorical"
    if _rx("request_questions").search(question):
        return "request"
    return None


_YOU = re.compile(r"\b(?:you|your|u)\b")
#: The writer asking about themselves, not for advice ("would I ...", "did I ...").
_SELF_QUESTION = re.compile(r"\W*(?:would|did|was|have|had|am|could|do) i\b(?! need| have to)")
#: A question about what happened, told from after it ("did it help?", "what changed?").
_RECOUNT = re.compile(r"\W*(?:(?:so|and|but|well)\W+)?(?:did|has|have|had|was|were|how did|how has|"
                      r"how have|how was|how were|what changed|what happened|what did|what has)\b")
#: The forum's readers, asked for their experience ("has anyone", "any of you").
_READERS = re.compile(r"\b(?:anyone|anybody|any one|any of you|you all|you guys|"
                      r"people here|everyone|folks|guys|y'all|fellow)\b|"
                      r"\b(?:can|could|would|will|does|has|did|is) (?:someone|somebody)\b|"
                      r"\b(?:have|has|do|did|would|could|can|will) others\b|"
                      r"\bany (?:advice|suggestions?|tips|thoughts|ideas|info|feedback|"
                      r"experience|recommendations?)\b")
#: The writer asking what to do ("should I", "is it worth", "do I need").
_ADVICE = re.compile(r"\b(?:should|shall|can|could|may|do|must) (?:i|we)\b|"
                     r"\b(?:should|can|could) (?:she|he|my)\b|\bis it (?:worth|safe|ok|okay|normal|"
                     r"possible|better|best)\b|\bwhat (?:should|can|do) (?:i|we)\b|"
                     r"\bhow (?:do|can|should) (?:i|we)\b|\bwhere (?:can|do|should) (?:i|we)\b|"
                     r"\bwould (?:it|ldn) (?:be|help|work)\b")
#: What ends a request without answering it ("Thanks!", "Any help appreciated.").
_SIGN_OFF = re.compile(r"\W*(?:thanks?|thank you|cheers|ta\b|tia\b|many thanks|x+\b|love\b|"
                       r"best\b|regards|any (?:help|advice|replies)|all (?:help|advice|replies)|"
                       r"appreciate|grateful|much appreciated|\(?edit|p\.?s\b|(?:i'?d |would )?love to hear|"
                       r"(?:please )?let (?:me|us) know|please (?:share|tell|reply)|tell (?:me|us)\b|"
                       r"(?:comment|reply) below|"
                       r"(?:interested|keen|hoping|happy) to hear)")



def _answers(following: str) -> bool:
    """The sentence after a question may answer it: a statement, not a sign-off or a
    call to the readers."""
    return "?" not in following and not _SIGN_OFF.match(following) and \
        not _READERS.search(following)


def asks(norm: str, sents: list[tuple[int, int]]) -> tuple[bool | None, tuple[int, int] | None]:
    """Whether the comment asks the reader something: ``(True, span)`` for a request,
    ``(False, None)`` when every question in it is rhetorical, ``(None, None)`` when
    there is no question or none of a kind this module can tell.

    Examples
    --------
    >>> t = "i have ms. why do neurologists ignore ldn? who knows. i'm on 3 mg."
    >>> asks(t, sentence_spans(t))
    (False, None)
    >>> t = "i'm on 3 mg. is it worth going up to 4.5?"
    >>> asks(t, sentence_spans(t))
    (True, (13, 41))
    """
    kinds = []
    asked = [i for i, (s, e) in enumerate(sents) if "?" in norm[s:e]]
    # A page whose questions are answered one after another (an explainer's FAQ, an
    # interview) asks its readers nothing unless it addresses them as a forum does.
    answered_page = sum(1 for i in asked if i + 1 < len(sents) and _answers(
        norm[sents[i + 1][0]:sents[i + 1][1]])) >= 2
    for i in asked:
        s, e = sents[i]
        sent = norm[s:e]
        following = norm[sents[i + 1][0]:sents[i + 1][1]] if i + 1 < len(sents) else ""
        kind = question_kind(sent, following, answered_page)
        if kind == "request":
            return True, (s, e)
        kinds.append(kind)
    if kinds and all(k == "rhetorical" for k in kinds):
        return False, None
    return None, None


# ---------------------------------------------------------------------------------------
# Diaries

@dataclass(frozen=True)
class Entry:
    """One dated entry of a diary: ``label`` (its date words) and its text span."""

    start: int
    end: int
    label: str


def diary_entries(norm: str) -> list[Entry]:
    """The dated entries of a diary, in order; empty unless at least two lines open with
    a date or a day count ("12 March:", "Week 3 -", "Monday 10th:", "12/03").

    Examples
    --------
    >>> t = normalise("I have RRMS.\\n12 March: first dose.\\n20 March: odd dreams.")
    >>> [(e.label, t[e.start:e.end]) for e in diary_entries(t)]
    [('12 march', '12 march: first dose.'), ('20 march', '20 march: odd dreams.')]
    >>> diary_entries("2019 was hard.\\n2020 was better.")
    []
    """
    starts = []
    pos = 0
    for line in norm.split("\n"):
        m = _diary_label().match(line)
        if m and _is_entry(m):
            lead = len(line) - len(line.lstrip(" \t*-#>"))
            starts.append((pos + lead, m["label"]))
        pos += len(line) + 1
    if len(starts) < 2:
        return []
    entries = []
    for k, (s, label) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(norm)
        entries.append(Entry(s, len(norm[:end].rstrip()), label))
    return entries


def _is_entry(m: re.Match) -> bool:
    """A date label with a separator; a bare number or year needs one (':' or '-'), a
    slash date or a day count may be followed by a space."""
    sep = m["sep"].strip()
    if sep:
        return sep in ":-)" or (sep in ".," and not m["label"].isdigit())
    return "/" in m["label"] or m["label"].split()[0] in ("day", "week", "month", "night")


# ---------------------------------------------------------------------------------------
# Tense and aspect

def _other_drug_object(body: str, end: int) -> bool:
    """Another therapy named right after an aspect marker, before any LDN name."""
    other = compiled_keyed("therapies").pattern.search(body, end, end + 30)
    ldn = _rx("ldn_terms").search(body, end, end + 30)
    return other is not None and (ldn is None or other.start() < ldn.start())


def _other_drug_before(body: str, start: int) -> bool:
    """Another therapy named before an aspect marker in its unit, with no LDN name
    between: "it" in "stopped it" is that drug."""
    others = list(compiled_keyed("therapies").pattern.finditer(body, 0, start))
    return bool(others) and not _rx("ldn_terms").search(body, others[-1].end(), start)


def aspect(unit: str) -> set[str]:
    """The aspect markers of a unit: ``past`` (use that ended: "in the past", "used to",
    "was on it for a while", "came off"), ``still`` (use goes on: "still take", "ever
    since"), ``narrative`` (a past told from a later point: "had been taking ... at that
    point", "by then"), ``reason`` (a present "I take it for the fatigue"), ``planned``.

    Examples
    --------
    >>> sorted(aspect("i have taken ldn in the past"))
    ['past']
    >>> sorted(aspect("by then i had been taking it a month, and i still take it"))
    ['narrative', 'still']
    """
    unit = normalise(unit)
    found = set()
    for key, name in (("past_aspect", "past"), ("still_aspect", "still"),
                      ("narrative_past", "narrative"), ("present_reason", "reason"),
                      ("planned_aspect", "planned")):
        if _rx(key).search(unit):
            found.add(name)
    return found


#: An indirect question before "still": what others ask, not what the writer says.
_ASKED_WHETHER = re.compile(r"\b(?:whether|if|asking|asked|ask|wonder|wondering)\b(?: \w+){0,2} ?$")


def use_status_hint(exp: Experience) -> tuple[str | None, tuple[int, int] | None]:
    """What tense and aspect say of the subject's LDN use: ``(status, span)`` with status
    ``current`` or ``past``, or ``(None, None)`` when they do not decide.

    A diary is read in order: its latest entry that speaks of use or stopping decides.
    Otherwise "still" (after any past telling) means current; an ended use ("in the
    past", "used to", "was on it for a while", "came off") with no "still" means past; a
    present "I take it for ..." means current. A narrative past ("had been taking it at
    that point") decides nothing by itself.

    Examples
    --------
    >>> use_status_hint(analyse("I took LDN for two years. I still take it, now 3 mg."))[0]
    'current'
    >>> use_status_hint(analyse("I was on LDN for a while, then switched to Ocrevus."))[0]
    'past'
    >>> use_status_hint(analyse("I have RRMS.\\n1 May: LDN 1.5 mg.\\n1 June: stopped."))[0]
    'past'
    """
    norm = exp.norm
    wanted = set(exp.subject.units)
    if exp.diary:
        for entry in reversed(exp.diary):
            if not any(exp.units[i].start < entry.end and entry.start < exp.units[i].end
                       for i in wanted):
                continue
            body = norm[entry.start:entry.end]
            stop = _rx("diary_stop").search(body)
            if stop and not _negated_before(body, stop.start(), 12):
                if not _rx("still_aspect").search(body):
                    return "past", (entry.start + stop.start(), entry.start + stop.end())
            use = _rx("still_aspect").search(body) or _rx("use_verbs").search(body) \
                or _rx("ldn_terms").search(body)
            if use:
                return "current", (entry.start + use.start(), entry.start + use.end())
    marks: dict[str, tuple[int, int]] = {}
    keys = [(key, name) for key, name in (("still_aspect", "still"), ("past_aspect", "past"),
                                          ("narrative_past", "narrative"),
                                          ("present_reason", "reason"))
            if _rx(key).search(norm)]  # one whole-text test per key, then per unit
    for i in sorted(wanted) if keys else ():
        unit = exp.units[i]
        body = norm[unit.start:unit.end]
        if "?" in body:
            continue  # "are you still on LDN?" asks, it does not tell
        for key, name in keys:
            m = _rx(key).search(body)
            if m and name == "still" and (_negated_before(body, m.start(), 8) or _rx(
                    "negation").search(" ".join(body[m.end():].split()[:2]))):
                continue  # "now I take nothing", "not still on it"
            if m and name == "still" and compiled_keyed("therapies").pattern.search(body, m.start()):
                continue  # "now I am on Kesimpta": another drug goes on
            if m and name == "still" and _ASKED_WHETHER.search(body, max(0, m.start() - 30), m.start()):
                continue  # "people ask whether I still take it, so: no"
            if m and name == "past" and not _rx("ldn_terms").search(m.group(0)) and (
                    _other_drug_object(body, m.end()) or _other_drug_before(body, m.start())):
                continue  # "I used to take Imovane", "Tecfidera made me flush so I stopped it"
            if m:
                marks.setdefault(name, (unit.start + m.start(), unit.start + m.end()))
    if "still" in marks:
        return "current", marks["still"]
    if "past" in marks:
        return "past", marks["past"]
    if "reason" in marks:
        return "current", marks["reason"]
    return None, None
