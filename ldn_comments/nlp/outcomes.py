"""The outcome grammar: what a comment says a drug did, clause by clause.

People report outcomes in a few shapes, whatever their words:

* a CAUSE, a CHANGE and an OBJECT: "LDN has really helped my balance", "it took the edge off
  my pain", "this shot gave me headaches" (rule ``cause_change_object``);
* an OBJECT and its new STATE: "my energy came back", "the spasms got worse", "the headaches
  are gone" (``object_state``), or the state first: "more energy", "fewer relapses"
  (``pre_state_object``);
* something given back: "gave me my life back" (``give_back``);
* something the writer can do again, an ABILITY (or a drug just started) and an ACTIVITY:
  "I can garden again", "I started LDN and danced all evening", "I'm back at work"
  (``regained``): an activity of the body is ``mobility``, one of ordinary life that is
  not about moving (work, reading, friends) ``wellbeing``;
* a purpose answered by a bare verdict: "I take it for my spasms and it helps"
  (``purpose_verdict``): the verdict is about what the drug was taken for;
* a general VERDICT with no object: "game changer", "the only thing that has helped",
  "did nothing", "would not recommend" (``verdict``, ``change``).

Objects carry a valence, so that the change's direction gives the polarity: relieving a
bad thing (pain, fatigue, spasms) is a benefit, losing a good thing (energy, sleep,
walking) a harm. A negation in front turns a benefit into "no effect" and drops a harm
("didn't help" vs "didn't make me tired").

Each finding belongs to the cause of its clause. Sentences are cut into clauses at
contrast words ("but", "whereas", "although", ";"), so that "X didn't work, but LDN ..."
credits each drug its own clause. Inside a clause the cause is the nearest named drug
before the change, else after it, else the drug the text was last about (a pronoun or
"this medication" points back to it), else ``default_cause``.

Symptoms listed as the condition before the drug ("my main problems are headaches and poor
sleep", "I started it for my spasms", "before LDN I could barely sleep") are
:attr:`OutcomeReading.conditions`, never findings; a later "they have all eased" refers
back to them.

The vocabulary is data: ``lexicons/outcome_grammar.json``, loaded strictly by
:mod:`ldn_comments.rules`.

Examples
--------
>>> text = "gabapentin did nothing, but ldn took the edge off my pain."
>>> causes = [Cause(0, 10, "other"), Cause(28, 31, "target")]
>>> reading = read_outcomes(text, [(0, len(text))], causes)
>>> [(f.cause, f.polarity, f.benefit, f.rule) for f in reading.findings]
[('other', 'no_effect', None, 'verdict'), ('target', 'positive', 'pain', 'cause_change_object')]
>>> summarise(reading.findings)[:3]
('positive', ['pain'], [])
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..rules import KeyedPattern, alternation, bounded, keyed, lexicon

__all__ = ["Cause", "Finding", "OutcomeReading", "read_outcomes", "summarise", "is_return",
           "other_drug_nouns",
           "SAME_DOMAIN"]

_WORD = re.compile(r"[\w']+")


@dataclass(frozen=True)
class Cause:
    """A drug mention: ``key`` is ``"target"`` (the drug whose outcome is wanted) or any
    other label (``"other"``, a therapy key)."""

    start: int
    end: int
    key: str


@dataclass(frozen=True)
class Finding:
    """One outcome statement.

    Attributes
    ----------
    cause : str or None
        The key of the cause it is credited to (None: no drug in sight).
    polarity : {"positive", "negative", "no_effect"}
    benefit, adverse : str or None
        The guide's benefit key (positive findings) or adverse-event key (negative ones)
        of the object, where there is one.
    spans : tuple of (start, end)
        Evidence: the change (or verdict) and the object.
    rule : str
        Which grammar rule made it.
    clause : (start, end)
    object : str or None
        The grammar's object key (``"pain"``, ``"energy"``).
    """

    cause: str | None
    polarity: str
    benefit: str | None
    adverse: str | None
    spans: tuple[tuple[int, int], ...]
    rule: str
    clause: tuple
    object: str | None = None


@dataclass
class OutcomeReading:
    """What :func:`read_outcomes` found: findings, condition spans and clauses."""

    findings: list = field(default_factory=list)
    conditions: list = field(default_factory=list)
    clauses: list = field(default_factory=list)
    #: Per clause, the keys of the drugs named in it (in order).
    clause_causes: list = field(default_factory=list)

    def in_condition(self, pos: int) -> bool:
        """True where `pos` lies in a span listing the subject's condition before a drug."""
        return any(a <= pos < b for a, b in self.conditions)

    def relieved(self, pos: int, cause: str = "target") -> bool:
        """True where `pos` lies in the object of a benefit credited to `cause`: "the
        headaches are gone" reports relief, not headaches."""
        return any(f.cause == cause and f.polarity == "positive" and a <= pos < b
                   for f in self.findings for a, b in f.spans)

    def credited_elsewhere(self, pos: int, cause: str = "target") -> bool:
        """True where `pos` lies in a clause that names drugs, none of them `cause`: an
        outcome there belongs to another drug ("baclofen did wonders", after a "but")."""
        for (a, b), keys in zip(self.clauses, self.clause_causes):
            if a <= pos < b:
                return bool(keys) and cause not in keys
        return False


@dataclass(frozen=True)
class _Grammar:
    pronoun: re.Pattern
    drug_noun: re.Pattern
    other_drug_noun: re.Pattern
    not_a_drug: frozenset
    negator: re.Pattern
    irrealis: frozenset
    scope_break: frozenset
    contrast: re.Pattern
    objects: KeyedPattern
    info: dict
    changes: KeyedPattern
    states: KeyedPattern
    pre_states: KeyedPattern
    give_back: list
    verdicts: KeyedPattern
    condition_cue: re.Pattern
    condition_break: re.Pattern
    on_drug_time: re.Pattern
    before_marker: re.Pattern
    off_drug_marker: re.Pattern
    anaphora: re.Pattern
    abilities: re.Pattern
    renewal: re.Pattern
    activities: KeyedPattern
    drug_starts: re.Pattern


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    g = lexicon("outcome_grammar")

    def rx(terms):
        return re.compile(bounded(alternation(terms)))

    return _Grammar(
        pronoun=rx(g["pronouns"]), drug_noun=rx(g["drug_nouns"]),
        other_drug_noun=rx(g["other_drug_nouns"]),
        not_a_drug=frozenset(g["not_a_drug"]), negator=rx(g["negators"]),
        irrealis=frozenset(g["irrealis"]),
        scope_break=frozenset(g["scope_breaks"]),
        # a semicolon or a spaced dash starts a new clause too ("it did for her pain - she
        # had been on gabapentin")
        contrast=re.compile(bounded(alternation(g["contrast"])) + r"|;|\s[-\u2013\u2014]{1,2}\s"),
        objects=keyed(g["objects"]), info=g["object_info"], changes=keyed(g["changes"]),
        states=keyed(g["states"]), pre_states=keyed(g["pre_states"]),
        give_back=[re.compile(r"(?<![\w])" + p.replace(" ", r"\s+")) for p in g["give_back"]],
        verdicts=keyed(g["verdicts"]), condition_cue=rx(g["condition_cues"]),
        condition_break=re.compile(
            bounded(alternation(g["condition_breaks"]))
            + r"|(?:,\s*|\s)and\s+(?=(?:now|since|both|they|all|these|those|it|that|then|i|"
              r"i'm|im|we|life)\b)"),
        on_drug_time=rx(g["on_drug_times"]), before_marker=rx(g["before_markers"]),
        off_drug_marker=rx(g["off_drug_markers"]), anaphora=rx(g["anaphora"]),
        abilities=rx(g["abilities"]), renewal=rx(g["renewal_markers"]),
        activities=keyed(g["activities"]), drug_starts=rx(g["drug_starts"]),
    )


# ---------------------------------------------------------------------------- helpers

def other_drug_nouns() -> re.Pattern:
    """The grammar's words for other drugs unnamed ("my other meds", "the old pills")."""
    return _grammar().other_drug_noun


def is_return(norm: str, start: int, end: int) -> bool:
    """True where the benefit told at ``norm[start:end]`` is a return to how things were:
    "sleeping well again", "back to sleeping normally".

    Examples
    --------
    >>> t = "slept badly. now sleeping well again."
    >>> is_return(t, 17, 30), is_return("sleeping well on it", 0, 13)
    (True, False)
    """
    return bool(_RETURN_AFTER.match(norm, end) or _RETURN_BEFORE.search(norm[max(0, start - 20):start]))


def _clauses(norm: str, sentences) -> list[tuple[int, int]]:
    """Sentences cut at contrast words and semicolons."""
    out = []
    g = _grammar()
    for s, e in sentences:
        start = s
        for m in g.contrast.finditer(norm, s, e):
            if norm[start:m.start()].strip():
                out.append((start, m.start()))
            start = m.end() if m.group(0).strip() in (";", "-", "--", "\u2013", "\u2014") else m.start()
        if norm[start:e].strip():
            out.append((start, e))
    return out


def _words_between(norm: str, a: int, b: int) -> list[str]:
    return _WORD.findall(norm[a:b])


#: A drug the writer has left behind: "came off Betaferon", "used to take Copaxone".
_LEFT_BEHIND = re.compile(r"(?:\b(?:came|come|coming|went|gone|got|get|getting)\s+off|\bstopped(?:\s+taking)?|"
                          r"\bquit(?:\s+taking)?|\bused\s+to\s+(?:take|be\s+on|use)|"
                          r"\bswitched\s+(?:over\s+)?from|\bgave\s+up|\b(?:was|were|had\s+been)\s+on)"
                          r"\s+(?:(?:my|the|her|his)\s+)?$")
#: Words in a clause that point back to a drug ("it helped", "this stuff").
_POINTS_BACK = re.compile(r"\b(?:it|they|them|its|this\s+(?:drug|med\w*|pill\w*|stuff|one)|"
                          r"the\s+(?:drug|med\w*|pill\w*|injections?|infusions?)|"
                          # or to the leaving itself: "my fatigue is much worse since"
                          r"since|after\s+that|afterwards|without)\b")


def _in_brackets(norm: str, at: int, limit: int) -> bool:
    """Whether `at` lies inside a bracketed aside that closes before `limit`."""
    opened = norm.rfind("(", 0, at)
    if opened == -1 or norm.rfind(")", opened, at) != -1:
        return False
    closed = norm.find(")", at, limit)
    return closed != -1


def _shares_state(norm: str, end: int, between, state_start: int) -> bool:
    """Whether an object ending at `end` shares the state at `state_start` with the
    objects `between` them, joined as a list ("the pain in my hips and the spasms at night
    are much better")."""
    for o_start, o_end, _key in between:
        if not _COORDINATED.fullmatch(norm, end, o_start):
            return False
        end = o_end
    return _LINK.fullmatch(norm, end, state_start) is not None


def _negated(norm: str, clause_start: int, pos: int, window: int = 4) -> bool:
    """A negator among the `window` words before `pos`, with no scope break between."""
    g = _grammar()
    # only the last few words matter: look back a bounded stretch, not the whole clause
    words = list(_WORD.finditer(norm, max(clause_start, pos - 16 * window), pos))[-window:]
    for m in reversed(words):
        if m.group(0) in g.scope_break:
            return False
        if g.negator.fullmatch(m.group(0)) or m.group(0).endswith("n't"):
            return True
    return False


_SUBJECT_SKIP = {"has", "have", "had", "really", "also", "just", "definitely", "actually",
                 "certainly", "totally", "greatly", "slowly", "finally", "already", "truly",
                 "honestly", "seriously", "literally", "completely", "dramatically", "even",
                 "both", "all", "immediately", "quickly", "instantly", "gradually",
                 "significantly", "noticeably", "still", "only", "has been", "been", "did",
                 "does", "do", "not", "never", "n't", "is", "was", "were", "are", "so",
                 "very", "pretty", "almost", "ever"}
#: Punctuation between a change verb and a noun: the noun is not the verb's object.
_CLAUSE_PUNCT = re.compile(r"[,;:]")
#: After "i have": a change being told, not the condition before the drug.
_NARRATES_CHANGE = re.compile(r"\s+(?:had|been|noticed|seen|felt|got|gotten|experienced|"
                              r"gained|lost|found|started|no\b|not\b)")
#: What may stand between an object and its state: a place ("in my feet") and linking
#: words ("has been so much", "are all").
_LINK = re.compile(r"(?:\s+(?:(?:in|on|of|at)\s+(?:my|her|his|the|both)(?:\s+\w+){1,2}?|"
                   r"at\s+night|during\s+the\s+day))?"
                   # what was measured of it: "fatigue scores were better"
                   r"(?:\s+(?:scores?|levels?|ratings?))?"
                   r"(?:\s+|\s*'(?:s|re|ve)\s+)?(?:(?:is|are|was|were|has|have|had|been|be|to|"
                   r"got|gets|getting|get|feels?|felt|seems?|seemed|became|become|come|came|"
                   r"went|gone|much|so|a|lot|all|really|completely|definitely|also|now|pretty|"
                   r"very|far|way|totally|mostly|almost|finally|slowly|gradually|noticeably|"
                   r"significantly|dramatically|somewhat|bit|little|even|still|already|"
                   r"quite|just|generally|nearly|virtually|entirely|largely|considerably|"
                   r"since|then|soon)\s+)*")
#: Between two objects that share one state: "the pain in my hips and the spasms (are
#: better)", "the tingling, the pain and the spasms (are all better)".
_COORDINATED = re.compile(r"(?:\s+(?:(?:in|on|of|at)\s+(?:my|her|his|the|both)(?:\s+\w+){1,2}?|"
                          r"at\s+night))?\s*(?:,|,?\s*and|&)\s*(?:(?:my|the|her|his|their)\s+)?")
#: A partitive between a quantity and its object: "far less of the burning pain".
_PARTITIVE = re.compile(r"\s+of\s+(?:the|those|these|that|my|her|his|their|our)\s+(?:[\w-]+\s+)?")
#: None of a bad thing named before, since: "(three relapses ...) I've not had one since".
_NONE_SINCE = re.compile(r"(?:\bnot|n't|\bnever)\s+(?:had|experienced|suffered)\s+"
                         r"(?:a\s+single\s+one|one|another|any(?:\s+more)?)\s+"
                         r"(?:since|again|after\s+that)\b")
#: An elliptical answer to "did it help?": "I think it did for my pain", "it does with
#: my fatigue"; the object follows.
_ELLIPTIC = re.compile(r"\b(?:it|ldn|that|this)\s+(?:did|does|do|has)\s+(?:for|with)\s+"
                       r"(?:my|her|his|their|the)\s+(?:[\w-]+\s+)?")
#: A place phrase just before an object: "the spasms in his legs".
_PLACE_BEFORE = re.compile(r"\b(?:in|on|of|at)\s+(?:my|her|his|the|both)\s+$")
#: A verdict's topic: "for my", "in her", "with the".
_ABOUT = re.compile(r"\s+(?:for|with|on|in|to)\s+(?:my|her|his|the|our|their)\s+")
#: Ties an experience to a drug: "since starting ...", "on it", "after taking this".
_TIED = re.compile(r"\b(?:since|after|from|on|with|while on|when i (?:started|took))\s+"
                   r"(?:(?:starting|taking|beginning|using|being on|i started)\s+)?"
                   r"(?P<what>it\b|this\b|the (?:medication|medicine|drug|pill|shot)\b|\w)")
_ANAPHOR_AFTER = re.compile(r"\s+(?:them|it|those|these|that)\b")
#: An outcome tied to something being started or done that is not the drug ("since
#: starting physiotherapy I can cycle again"): it is that thing's.
_TIED_TO = re.compile(r"\b(?:(?:since|after|from) (?:starting|beginning|taking|using|doing|"
                      r"trying|going on|having)|thanks to|because of|due to) (?:the |my |some |a )?"
                      r"(?P<what>[\w-]+)")
#: "Anymore" after a negated object: the thing is gone ("not tired anymore").
_NO_LONGER = re.compile(r"any\s*more|any\s+longer")
#: A verdict told with a copula ("was wonderful"): it needs the drug as its subject.
_COPULA = re.compile(r"(?:is|was|has been|have been|are|were)\b")
#: The time before the drug, in front of an ability ("before LDN I could ...").
_BEFORE_THE_DRUG = re.compile(r"\b(?:before|used to|prior to|until)\b")
#: What joins the items of a list ("fatigue and spasms", "pain, fog").
_LIST_JOIN = re.compile(r"\s*(?:,|and|or|&|/)\s*(?:(?:my|the|her|his)\s+)?")
#: An activity told as done ("danced", "went hiking", "was cycling"): a narrative step.
_DONE = re.compile(r"(?:\w+ed|swam|ran|rode|went|did)\b")
_WAS = re.compile(r"\b(?:was|were)\s+$")
#: A verdict that says the drug works, with no object: it answers a purpose.
_WORKS = re.compile(r"work|help|job|trick|wonders|effective")
#: A benefit told as a return ("sleeping well again", "back to sleeping normally"): after
#: a harm of the same domain, it is the harm passing, not a gain over the baseline.
_RETURN_AFTER = re.compile(r"[\w\s,]{0,12}?\b(?:again|fine now|normal again)\b")
_RETURN_BEFORE = re.compile(r"\bback to (?:\w+ )?$")
#: Benefit keys and the adverse-event key of the same domain.
SAME_DOMAIN = {"sleep": "sleep_disturbance", "fatigue": "fatigue", "pain": "pain",
                "spasticity": "spasticity"}
_PEOPLE = {"i", "we", "you", "he", "she", "they", "doctor", "dr", "neurologist", "neuro",
           "nurse", "gp", "husband", "wife", "mom", "mum", "dad", "doc"}


def _subject(norm: str, clause_start: int, pos: int) -> tuple[str | None, int, int]:
    """The word that stands as the subject just before `pos` (skipping auxiliaries)."""
    for m in reversed(list(_WORD.finditer(norm, max(clause_start, pos - 80), pos))[-5:]):
        w = m.group(0).lower()
        if w in _SUBJECT_SKIP or w.endswith("n't"):
            continue
        return w, m.start(), m.end()
    return None, pos, pos


# ---------------------------------------------------------------------------- main

def read_outcomes(norm: str, sentences, causes, *, pronoun_target: bool = False,
                  default_cause: str | None = None, raw: str | None = None) -> OutcomeReading:
    """Read the outcome statements of one normalised text, clause by clause.

    Parameters
    ----------
    norm : str
        The normalised (lower-cased, offset-keeping) text.
    sentences : list of (start, end)
        Its sentence spans.
    causes : list of Cause
        The drug mentions the caller found (the target drug and any others).
    pronoun_target : bool, keyword-only
        "this medication", "this drug" mean the target (the source names the drug).
    default_cause : str, optional
        The cause of a finding with no drug in sight (the target, for a text known to be
        about it).
    raw : str, optional
        The original text: a capitalised unknown word standing as the subject of a change
        ("Cromolyn did nothing") is taken for another drug.

    Returns
    -------
    OutcomeReading

    Examples
    --------
    >>> t = "my main problems are headaches and poor sleep. on ldn they have all eased."
    >>> r = read_outcomes(t, [(0, 46), (47, len(t))], [Cause(50, 53, "target")])
    >>> sorted(f.benefit for f in r.findings), len(r.conditions)
    (['pain', 'sleep'], 1)
    >>> r = read_outcomes("it made my spasms worse.", [(0, 24)], [], default_cause="target")
    >>> [(f.polarity, f.adverse) for f in r.findings]
    [('negative', 'spasticity')]
    """
    g = _grammar()
    reading = OutcomeReading()
    reading.clauses = clauses = _clauses(norm, sentences)
    named = sorted(causes, key=lambda c: c.start)
    # "the other pills", "my previous meds": other drugs, named or not.
    named = sorted(named + [Cause(m.start(), m.end(), "other") for m in g.other_drug_noun.finditer(norm)
                            if not any(c.start <= m.start() < c.end for c in named)],
                   key=lambda c: c.start)
    # "this medication" is the target where the source names it; else a pronoun.
    refs = [(m.start(), m.end()) for m in g.drug_noun.finditer(norm)
            if not any(c.start <= m.start() < c.end for c in named)]
    if pronoun_target:
        named = sorted(named + [Cause(a, b, "target") for a, b in refs
                                if not any(c.start <= a < c.end for c in named)],
                       key=lambda c: c.start)

    # Unknown capitalised subjects of a change ("Cromolyn did nothing") are other drugs.
    object_words = g.objects
    if raw is not None:
        # Where the text names the target, an unknown drug is another one ("Cromolyn did
        # nothing"); where it names no drug we know, it is most likely the target under a
        # brand name the source did not give (a review of a generic).
        unknown = "other" if any(c.key == "target" for c in causes) or not pronoun_target else "target"
        extra = []
        for m in g.changes.pattern.finditer(norm):
            w, a, b = _subject(norm, 0, m.start())
            if (w is None or w in g.not_a_drug or w in _PEOPLE or object_words.pattern.fullmatch(w)
                    or any(c.start <= a < c.end for c in named)):
                continue
            if raw[a:a + 1].isupper() and len(w) > 3 and w.isalpha():
                extra.append(Cause(a, b, unknown))
        named = sorted(named + extra, key=lambda c: c.start)

    def topic_before(pos: int, bare: bool = False):
        if pronoun_target:
            return "target"  # the source names the drug: "it", a bare clause, mean it
        # a drug named in a bracketed aside ("(Ocrevus came later, and she decided
        # against it)") is not what the sentences after it are about; nor, for a `bare`
        # clause that names no drug and points to none ("the only thing I noticed was a
        # headache"), a drug the writer has left behind ("I came off Betaferon")
        before = [c for c in named if c.start < pos and not _in_brackets(norm, c.start, pos)
                  and not (bare and c.key == "other"
                           and _LEFT_BEHIND.search(norm, max(0, c.start - 30), c.start))]
        return before[-1].key if before else default_cause

    def cause_of(clause, pos: int):
        s, e = clause
        inside = [c for c in named if s <= c.start < e]
        before = [c for c in inside if c.start < pos]
        if before:
            return before[-1].key
        after = [c for c in inside if c.start >= pos]
        if after:
            return after[0].key
        return topic_before(s, bare=not _POINTS_BACK.search(norm, s, e))

    # "the other pills made me worse, LDN made me better": a comma before a drug's name
    # starts that drug's clause.
    split = []
    for a, b in clauses:
        start = a
        for c in named:
            if start < c.start < b and re.search(r",\s*$", norm[start:c.start]):
                split.append((start, c.start))
                start = c.start
        split.append((start, b))
    reading.clauses = clauses = split

    # Condition spans: the subject's symptoms before the drug; purposes ("I take it for my
    # spasms") keep their objects, which a bare verdict after them is about.
    condition_objects: list[tuple[int, int, str]] = []
    purposes: list[tuple[int, int, list[tuple[int, int, str]]]] = []
    for s, e in clauses:
        for m in g.condition_cue.finditer(norm, s, e):
            if any(a <= m.start() < b for a, b in reading.conditions):
                continue
            if _NARRATES_CHANGE.match(norm, m.end()) or g.pre_states.pattern.match(
                    norm, m.end() + 1):
                continue  # "i have had headaches since ...", "i have more energy"
            stop = g.condition_break.search(norm, m.end(), e)
            end = stop.start() if stop else e
            if g.on_drug_time.search(norm, s, e):
                continue  # "i had nausea at the start": a harm on the drug, not a condition
            first = object_words.pattern.search(norm, m.start(), end)  # "i was exhausted"
            purpose = m.group(0).endswith("for") or " for " in m.group(0)
            # "taking it for two weeks": a bare "for" names a purpose only right before it
            gap = 0 if m.group(0).endswith("for") else 3
            if first is None or len(_words_between(norm, m.end(), first.start())) > gap:
                continue  # "i have added ldn and ...": no symptom named, no condition
            if not purpose and g.info[object_words.key_of(first)]["valence"] != "bad":
                continue  # "i have far more energy": a gain being told, not a problem
            if m.group(0).endswith("for"):
                # "prescribed for anxiety, and instead it ...": a bare purpose names only
                # the objects listed right after it
                limit, end = end, first.end()
                for o in object_words.pattern.finditer(norm, first.end(), limit):
                    if not _LIST_JOIN.fullmatch(norm, end, o.start()):
                        break
                    end = o.end()
            if purpose:  # the first object, and others not a place ("pain in my legs")
                named_for = [(o.start(), o.end(), object_words.key_of(o))
                             for o in object_words.pattern.finditer(norm, first.start(), end)
                             if o.start() == first.start()
                             or not _PLACE_BEFORE.search(norm[max(0, o.start() - 20):o.start()])]
                purposes.append((m.start(), end, named_for))
            reading.conditions.append((m.start(), end))
            for o in object_words.pattern.finditer(norm, m.start(), end):
                key = object_words.key_of(o)
                if g.info[key]["valence"] == "bad":  # a condition is a problem, not "legs"
                    condition_objects.append((o.start(), o.end(), key))

    # "his bladder got worse every year until he started LDN": the history before the drug
    for s, e in clauses:
        for m in g.before_marker.finditer(norm, s, e):
            if norm[s:m.start()].strip():
                reading.conditions.append((s, m.start()))
    # "after stopping, my legs stiffened again": a change off the drug tells what it did
    off_drug = [(s, e) for s, e in clauses if g.off_drug_marker.search(norm, s, e)]
    in_condition = reading.in_condition
    reading.clause_causes = [[c.key for c in named if a <= c.start < b] for a, b in clauses]

    found: list[Finding] = []
    all_objects = [(m.start(), m.end(), object_words.key_of(m))
                   for m in object_words.pattern.finditer(norm)]

    def add(clause, pos, polarity, obj, spans, rule, benefit=None):
        if in_condition(pos):
            return
        if clause in off_drug:
            # worse off the drug = it helped; better off it = it was the harm
            polarity = {"negative": "positive", "positive": "negative"}.get(polarity, polarity)
            rule += "_off_drug"
        info = g.info.get(obj) if obj else None
        if info and polarity == "positive":
            benefit = info["benefit"]
        elif polarity != "positive":
            benefit = None
        adverse = info["adverse"] if info and polarity == "negative" else None
        found.append(Finding(cause_of(clause, pos), polarity, benefit, adverse,
                             tuple(sorted(set(spans))), rule, clause, obj))

    def direction(obj: str, raises: bool) -> str:
        """Raising a good thing or lowering a bad one is a benefit."""
        good = g.info[obj]["valence"] == "good"
        return "positive" if raises == good else "negative"

    def flip(polarity: str, negated: bool) -> str | None:
        if not negated:
            return polarity
        return {"positive": "no_effect", "negative": None, "no_effect": "no_effect"}[polarity]

    for clause in clauses:
        s, e = clause
        objs = [(m.start(), m.end(), object_words.key_of(m))
                for m in object_words.pattern.finditer(norm, s, e)]
        anaphors = [(m.start(), m.end()) for m in g.anaphora.finditer(norm, s, e)]
        states = list(g.states.pattern.finditer(norm, s, e))
        used: list[tuple[int, int]] = []  # spans already read as part of a finding

        def taken(a, b, used=used):
            return any(a < y and x < b for x, y in used)

        # verdicts, with what they are about where a preposition names it ("a game changer
        # for my fatigue", "a big improvement in my bladder")
        for m in g.verdicts.pattern.finditer(norm, s, e):
            kind = g.verdicts.key_of(m)
            if _COPULA.match(m.group(0)) and not _WORKS.search(m.group(0)):
                # "Lamictal was wonderful", not "my doctor was wonderful": the praise is
                # the drug's only where the drug (or a pronoun for it) is the subject
                w, a, _b = _subject(norm, s, m.start())
                if not (any(c.start <= a < c.end for c in named)
                        or any(x <= a < y for x, y in refs)
                        or (w is not None and g.pronoun.fullmatch(w))):
                    continue
            pol = flip(kind, _negated(norm, s, m.start()) and kind == "positive")
            if kind == "negative" and "worse" in m.group(0) and _negated(norm, s, m.start()):
                pol = None  # "it has not made things worse"
            about = _ABOUT.match(norm, m.end())
            obj = object_words.pattern.match(norm, about.end()) if about else None
            if obj is None and kind == "negative" and "worse" in m.group(0):
                # "made my spasms ten times worse": what was made worse is inside
                obj = object_words.pattern.search(norm, m.start(), m.end())
            about_key = object_words.key_of(obj) if obj else None
            if pol:
                spans = [(m.start(), m.end())] + ([(obj.start(), obj.end())] if obj else [])
                add(clause, m.start(), pol, about_key, spans, "verdict")
            used.append((m.start(), max(m.end(), obj.end() if obj else 0)))
        # something given back
        for pattern in g.give_back:
            for m in pattern.finditer(norm, s, e):
                inner = object_words.pattern.search(norm, m.start("obj"), m.end("obj"))
                given = object_words.key_of(inner) if inner else "life"
                add(clause, m.start(), "positive" if g.info[given]["valence"] == "good" else "negative",
                    given, [(m.start(), m.end())], "give_back")
                used.append((m.start(), m.end()))
        # what the writer can do again: an ability and an activity ("I can garden again"),
        # or an activity done after the drug was started ("started LDN ... and danced")
        for m in g.activities.pattern.finditer(norm, s, e):
            if taken(m.start(), m.end()):
                continue
            ability = None
            for am in g.abilities.finditer(norm, max(s, m.start() - 60), m.start()):
                if len(_words_between(norm, am.end(), m.start())) <= 2:
                    ability = am
            start = ability.start() if ability else m.start()
            before = _WORD.findall(norm[max(s, start - 25):start])[-3:]
            if any(w in g.irrealis for w in before) or before[-1:] == ["so"] or before[-2:] == [
                    "so", "that"]:
                continue  # "I hope to garden again", "... so I can be myself": a wish
            if _negated(norm, s, m.start(), window=len(_words_between(norm, start, m.start())) + 2):
                continue  # "I still can't walk the dog"
            if ability is not None and _BEFORE_THE_DRUG.search(norm, s, start):
                continue  # "before LDN I could walk the dog": how things were
            target_here = any(c.key == "target" and s <= c.start < e for c in named)
            if ability is not None or m.group(0).startswith("back "):
                if not (ability is None or g.renewal.search(norm, s, e) or target_here):
                    continue  # "I can walk with a stick": how things are, not a change
            else:
                # a narrative step: done, in the sentence that starts the drug
                done = _DONE.match(norm, m.start()) or _WAS.search(norm, max(s, m.start() - 9),
                                                                   m.start())
                sent_start = next((a for a, b in sentences if a <= m.start() < b), s)
                started = [c for c in named if c.key == "target" and sent_start <= c.start < m.start()
                           and g.drug_starts.search(norm, max(sent_start, c.start - 30), c.start)]
                if not (done and started):
                    continue
            tie = next((t for t in _TIED_TO.finditer(norm, s, m.start())), None)
            if tie and not any(c.key == "target" and c.start <= tie.start("what") < c.end
                               for c in named) and tie.group("what") not in g.not_a_drug:
                continue  # "since starting physiotherapy I can cycle again": not the drug's
            add(clause, start, "positive", None, [(start, m.end())], "regained",
                benefit=g.activities.key_of(m))
            used.append((start, m.end()))
        # change verbs, with the object that follows them
        for m in g.changes.pattern.finditer(norm, s, e):
            kind = g.changes.key_of(m)
            if taken(m.start(), m.end()) and kind != "stop_reason":
                continue  # ("had to quit" is a verdict; what it was quit for is more)
            before = _WORD.findall(norm[max(s, m.start() - 25):m.start()])[-3:]
            if kind == "stop_reason" and before[-2:] in (["had", "to"], ["have", "to"]):
                before = before[:-2]  # "had to quit it due to ...": done, not planned
            if any(w in g.irrealis for w in before):
                continue  # "to help with pain", "hoping it will ease": a purpose, not an outcome
            subject = _subject(norm, s, m.start())[0]
            if subject in _PEOPLE and kind not in ("no_effect", "experience", "stop_reason"):
                continue  # "I stopped it", "my doctor reduced the dose"
            # the verb's object follows within five words and no clause word between:
            # "stopped early because of insomnia" gives a reason, not what was stopped
            # (nor a comma: "stopped, headaches" gives the reason)
            after = [o for o in objs if o[0] >= m.end()
                     and len(between := _words_between(norm, m.end(), o[0])) <= 5
                     and not g.scope_break.intersection(between)
                     and not _CLAUSE_PUNCT.search(norm, m.end(), o[0])]
            target = after[0] if after else None
            if (target and target[2] == "other_harm" and len(after) > 1
                    and len(_words_between(norm, target[1], after[1][0])) <= 1):
                target = after[1]  # "gave me awful headaches": the headaches, not "awful"
            if target is None and _ANAPHOR_AFTER.match(norm, m.end()):
                earlier = [o for o in all_objects if o[1] <= m.start()]
                if earlier:  # "calmed them": the last thing named before
                    target = earlier[-1]
            negated = _negated(norm, s, m.start())
            spans = [(m.start(), m.end())] + ([(target[0], target[1])] if target else [])
            if kind == "no_effect":
                pol = "no_effect"
            elif kind == "improve":
                pol = "positive"
            elif kind == "worsen":
                pol = "negative"
            elif target is None:
                continue  # "it stopped", "it caused": a change with no object says nothing
            elif kind == "relieve":
                pol = direction(target[2], raises=False)
            elif kind == "increase":
                pol = direction(target[2], raises=True)
            elif kind == "stop_reason":
                # "stopped because of the nausea": the reason for stopping was a harm
                if g.info[target[2]]["valence"] != "bad":
                    continue
                pol = "negative"
            elif kind == "experience":
                # "I have had headaches since starting LDN": a harm only where the clause
                # ties it to a drug; else it is the writer's story, not an outcome.
                tie = next((t for t in _TIED.finditer(norm, target[1], e)
                            if len(t.group("what")) > 1
                            or any(c.start == t.start("what") for c in named)), None)
                if tie is None or g.info[target[2]]["valence"] != "bad":
                    continue
                pol = "negative"
                spans.append((tie.start(), tie.end()))
            else:  # cause: "gave me headaches", "made me tired"
                pol = "negative" if g.info[target[2]]["valence"] == "bad" else "positive"
            pol = flip(pol, negated)
            if pol:
                add(clause, m.start(), pol, target[2] if target else None, spans,
                    "cause_change_object" if target else "change")
            used.append((m.start(), m.end()))
            if target:
                used.append((target[0], target[1]))
        # objects with a state after them ("my energy came back"), or anaphora
        targets = list(objs) + [(a, b, None) for a, b in anaphors]
        for a, b, thing in sorted(targets):
            if taken(a, b):
                continue
            st = next((x for x in states if x.start() >= b), None)
            if st is None:
                continue
            listed = [o for o in objs if b <= o[0] < st.start()
                      and not _PLACE_BEFORE.search(norm[max(0, o[0] - 20):o[0]])]
            if _LINK.fullmatch(norm, b, st.start()):
                if listed:
                    continue  # another object stands between ("in his legs" is a place)
                if any(w in g.scope_break for w in _words_between(norm, b, st.start())):
                    continue  # "more energy and fewer spasms": "fewer" is not the energy's
            elif not (listed and _shares_state(norm, b, listed, st.start())):
                continue  # "pains in my lower back": "lower" is not the pain's state
            if object_words.pattern.match(norm, st.end() + 1) or g.pre_states.pattern.fullmatch(
                    st.group(0)) and object_words.pattern.match(norm, st.end() + 1):
                continue  # "legs feel less stiff": "less" goes with "stiff"
            kind = g.states.key_of(st)
            negated = (_negated(norm, a, st.start(), window=4)
                       or _negated(norm, s, a, window=4))
            if _NO_LONGER.fullmatch(st.group(0)):
                # "I'm not tired anymore": the negation is what says it went away
                if not negated:
                    continue
                negated = False
            referents = [(thing, (a, b))] if thing else [
                (k, (x, y)) for x, y, k in condition_objects if y <= a]
            if not referents:
                continue
            for key, _span in referents:
                if kind == "better":
                    pol = "positive"
                elif kind == "worse":
                    pol = "negative"
                else:
                    pol = direction(key, raises=kind == "back")
                pol = flip(pol, negated)
                if pol:
                    add(clause, st.start(), pol, key, [(a, b), (st.start(), st.end())],
                        "object_state")
            if listed:  # the state is shared with the objects listed after this one
                used += [(a, b), (st.start(), st.end())]
            else:
                used.append((a, st.end()))
        # a state before its object ("more energy", "fewer relapses")
        for m in g.pre_states.pattern.finditer(norm, s, e):
            # the object right after, or after one word that is not its own negation
            # ("steadier + no relapses" is two findings), or after a partitive
            nxt = [o for o in objs if o[0] >= m.end()
                   and ((len(gap_words := _words_between(norm, m.end(), o[0])) <= 1
                         and not any(g.negator.fullmatch(w) for w in gap_words))
                        or _PARTITIVE.fullmatch(norm, m.end(), o[0]))]
            if not nxt or taken(nxt[0][0], nxt[0][1]):
                continue
            target = nxt[0]
            kind = g.pre_states.key_of(m)
            word = m.group(0)
            pol = ("negative" if word == "worse" else "positive" if word in ("better", "improved")
                   else direction(target[2], raises=kind == "more"))
            # "no longer have ..." carries its own negation
            pol = flip(pol, not word.startswith("no longer") and _negated(norm, s, m.start()))
            if pol:
                add(clause, m.start(), pol, target[2], [(m.start(), m.end()), (target[0], target[1])],
                    "pre_state_object")
        # none of a bad thing named before, since ("three relapses ... not had one since")
        for m in _NONE_SINCE.finditer(norm, s, e):
            earlier = [o for o in all_objects if o[1] <= m.start() and m.start() - o[1] < 300]
            if earlier and g.info[earlier[-1][2]]["valence"] == "bad":
                prior = earlier[-1]
                add(clause, m.start(), "positive", prior[2],
                    [(prior[0], prior[1]), (m.start(), m.end())], "none_since")
        # an elliptical answer: "I think it did for my pain"
        for m in _ELLIPTIC.finditer(norm, s, e):
            obj = object_words.pattern.match(norm, m.end())
            if obj is None or _negated(norm, s, m.start()):
                continue
            key = object_words.key_of(obj)
            if g.info[key]["benefit"]:
                add(clause, m.start(), "positive", key, [(m.start(), obj.end())], "elliptic_answer")
    # "I take it for my spasms and it helps": a bare verdict after a purpose is about it
    for f in list(found):
        if f.polarity != "positive" or f.object or f.rule not in ("verdict", "change"):
            continue
        a, b = f.spans[0]
        if not _WORKS.search(norm, a, b):
            continue
        sent_start = next((x for x, y in sentences if x <= a < y), 0)
        for p_start, p_end, named_for in purposes:
            if sent_start <= p_start and p_end <= a:
                for o_start, o_end, key in named_for:
                    found.append(Finding(f.cause, "positive", g.info[key]["benefit"], None,
                                         ((a, b), (o_start, o_end)), "purpose_verdict",
                                         f.clause, key))
    found.sort(key=lambda f: f.spans[0])
    # A harm the drug caused that went away ("gave me headaches ... headaches gone now") is
    # not a benefit, and a harm with no guide benefit going away says nothing more.
    # A benefit told as a return after a harm of its domain ("slept badly ... sleeping well
    # again") is the harm passing, not a gain.
    harmed = set()
    harmed_domains = set()
    kept = []
    for f in found:
        if f.polarity == "negative" and f.object:
            harmed.add((f.cause, f.object))
        if f.polarity == "negative" and f.adverse:
            harmed_domains.add((f.cause, f.adverse))
        if (f.polarity == "positive" and f.benefit in SAME_DOMAIN
                and (f.cause, SAME_DOMAIN[f.benefit]) in harmed_domains
                and is_return(norm, f.spans[0][0], f.spans[-1][1])):
            continue
        if f.polarity == "positive" and f.object and (
                (f.cause, f.object) in harmed
                or (g.info[f.object]["benefit"] is None and f.object != "symptoms"
                    and g.info[f.object]["valence"] == "bad")):
            continue
        kept.append(f)
    reading.findings = kept
    return reading


def summarise(findings, cause: str = "target"):
    """The effect, benefits, adverse events and evidence spans of one cause's findings.

    Returns
    -------
    (effect, benefits, adverse_events, spans)
        ``effect`` is ``mixed`` (benefit and harm), ``positive``, ``negative``,
        ``no_effect`` (only "did nothing"), or None.

    Examples
    --------
    >>> f = [Finding("target", "positive", "fatigue", None, ((0, 5),), "object_state", (0, 9)),
    ...      Finding("target", "negative", None, "vivid_dreams", ((6, 9),), "object_state", (0, 9)),
    ...      Finding("other", "no_effect", None, None, ((10, 14),), "change", (10, 20))]
    >>> summarise(f)
    ('mixed', ['fatigue'], ['vivid_dreams'], [(0, 5), (6, 9)])
    """
    mine = [f for f in findings if f.cause == cause]
    polarities = {f.polarity for f in mine}
    if {"positive", "negative"} <= polarities:
        effect = "mixed"
    elif "positive" in polarities:
        effect = "positive"
    elif "negative" in polarities:
        effect = "negative"
    elif "no_effect" in polarities:
        effect = "no_effect"
    else:
        effect = None
    benefits = sorted({f.benefit for f in mine if f.benefit and f.polarity == "positive"})
    adverse = sorted({f.adverse for f in mine if f.adverse and f.polarity == "negative"})
    keep = {"positive", "negative"} if effect != "no_effect" else {"no_effect"}
    spans = sorted({s for f in mine if f.polarity in keep for s in f.spans})
    return effect, benefits, adverse, spans
