"""What LDN did for the writer: ``effect``, ``benefits`` and ``adverse_events``.

Two readers agree on the outcome. The lexicon's outcome words count only in sentences
about LDN, not negated (unless the word carries its own negation, "no relapses"), not
hypothetical, not about another person, and not credited to another drug named nearer.
The outcome grammar (:mod:`ldn_comments.nlp.outcomes`) reads outcomes in people's own
words, clause by clause ("LDN has really helped my balance", "the headaches are gone",
"a game changer"); its findings for the drug join the lexicon's, and it vetoes lexicon
words in a clause that belongs to another drug ("... but baclofen did wonders") and
symptoms listed as the condition before the drug ("my main problems are headaches").
:func:`outcomes` takes the drug's mentions and the others' as arguments, so the
reviewed-drug fields use the same rules.

Examples
--------
>>> from ldn_comments.nlp.doc import Doc
>>> doc = Doc.make("LDN gave me vivid dreams but my fatigue is much better.")
>>> f = OUTCOME(doc, {"ldn_use": "current", "speaker_role": "patient"})
>>> f.values
{'effect': 'mixed', 'benefits': ['fatigue'], 'adverse_events': ['vivid_dreams']}
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from ..nlp.doc import Doc
from ..nlp.mentions import Mention
from ..nlp.outcomes import (
    SAME_DOMAIN,
    Cause,
    OutcomeReading,
    is_return,
    other_drug_nouns,
    read_outcomes,
)
from ..nlp.outcomes import Finding as OutcomeFinding
from ..nlp.patterns import patterns
from .about import ldn_context
from .base import THIRD_PARTY_ROLES, Evidence, Finding, reading_role
from .common import for_others, owner

__all__ = ["OUTCOME", "Outcome", "outcomes", "grammar_reading", "ldn_reading", "merge_grammar",
           "credited_to_drug"]

#: A cut-down verb with no object after it ("was able to cut right down, and then ...").
_BARE_CUT = re.compile(r"(?:\s+(?:altogether|completely|entirely|a\s+lot|a\s+bit|further))?"
                       r"\s*(?:[,.;!?)\u2013\u2014-]|and\b|$)")

#: Characters looked back from an outcome word for the drug it is credited to.
CREDIT_WINDOW = 120

_PRE_NEGATED = re.compile(r"(?:no|zero|0|never|without|not|haven'?t|hasn'?t|have not|has not|less|"
                          r"fewer|almost no|reduced|lower|aren'?t|isn'?t|are not|is not|stopped|"
                          r"way less|much less|so much less)\b")
_OTHER_PATIENT = re.compile(r"\b(?:client|friend|patient)\b")
_LIST_BREAK = re.compile(r"[;:]")
_CREDIT = re.compile(r"\b(?:thanks|because|due|from|since|with|on|after|by|credit\w*|put\w* down)\b")


def _credits_follow(doc: Doc, m: re.Match, i: int, rest: list[Mention]) -> bool:
    """In a sentence naming another therapy but not the drug, an outcome is kept only when
    the therapy comes after it and is not what the outcome is credited to ('no worsening;
    will go for stem cells' vs 'no relapses thanks to Ocrevus')."""
    s, e = doc.sents[i]
    if [t for t in rest if s <= t.start < m.start()]:
        return False
    after = [t for t in rest if m.end() <= t.start < e]
    if not after:
        return False
    gap = doc.norm[m.end():after[0].start]
    if _LIST_BREAK.search(gap):
        return True
    return _CREDIT.search(gap) is None


#: Words that make a sentence about someone other than the writer ("a client of hers is
#: walking better", "as LDN helped your spasms"): a grammar finding there is not the
#: subject's, unless the writer speaks for others (a caregiver, a clinician).
_HEARSAY_SUBJECT = re.compile(r"\b(?:client|clients|friend|friends|patient|patients|someone|"
                              r"somebody|people|others|she|he|her|his|you|your|u)\b")
#: "Others" that are other drugs tried, not other people ("tried lots of others").
_OTHER_DRUGS_TRIED = re.compile(r"\b(?:tried|taken|used|been on|took)\s+(?:\w+\s+){0,2}others\b")
#: A question put after a statement, about nothing the reader is asked ("it gave me my
#: life back, what more is there to say?"): the statement before it stands.
_TAG_QUESTION = re.compile(r"[,;:\u2013\u2014-]+\s*(?:and |so )?(?:what (?:more|else) (?:can|could|is "
                           r"there to|do i need to|need i) say|what can i say|need i say more|"
                           r"who knew|who would have thought|who knows|right|isn't it|"
                           r"don't you think)\b[^.!?]*\?")
#: In a review, "you" is generic ("it keeps you calm"): only third persons are others.
_HEARSAY_SUBJECT_REVIEW = re.compile(r"\b(?:client|clients|friend|friends|patients|someone|"
                                     r"somebody|people|others|she|he|her|his)\b")


#: A reputation, not an outcome: "everyone made it sound like a miracle", "it's supposed
#: to be amazing", "hyped as a wonder drug".
_REPUTED = re.compile(r"\b(?:sounds?|sounded|made\s+it\s+sound|makes\s+it\s+sound)\s+(?:like|as\s+if)\b|"
                      r"\b(?:supposed\s+to\s+be|hyped(?:\s+up)?(?:\s+as)?|touted\s+as|billed\s+as|"
                      r"marketed\s+as|sold\s+as|claimed\s+to\s+be|called\s+it)\b")
#: Characters looked back from a verdict for a reputation.
REPUTED_WINDOW = 40
#: "you" as the object in a relative clause is anyone ("spasms that wake you at 4am").
_GENERIC_YOU = re.compile(r"\b(?:that|which|who)\s+\w+\s+(?:you|u)\b")


def reputed(doc: Doc, pos: int) -> bool:
    """Whether the verdict at `pos` is what LDN is said to be, not what it did."""
    s, _e = doc.sents[doc.sent_of(pos)]
    return _REPUTED.search(doc.norm, max(s, pos - REPUTED_WINDOW), pos) is not None


def _hearsay(subject: re.Pattern, sent: str) -> bool:
    """True where `sent` is about someone other than the writer; "tried lots of others"
    (other drugs) and a generic "you" in a relative clause do not count."""
    return subject.search(_GENERIC_YOU.sub(" ", _OTHER_DRUGS_TRIED.sub(" ", sent))) is not None


def grammar_reading(doc: Doc, own: list[Mention], rest: list[Mention], *,
                    pronoun_target: bool) -> OutcomeReading:
    """The outcome grammar's reading of `doc`, `own` standing as the target drug."""
    causes = ([Cause(m.start, m.end, "target") for m in own]
              + [Cause(m.start, m.end, "other") for m in rest])
    return read_outcomes(doc.norm, doc.sents, causes, pronoun_target=pronoun_target,
                         default_cause="target", raw=doc.text)


def ldn_reading(doc: Doc) -> OutcomeReading:
    """The grammar's reading with LDN as the target (once per doc)."""
    return doc.memo("outcome_reading.ldn", lambda d: grammar_reading(
        d, d.ldn, d.therapies, pronoun_target=d.drug.is_ldn))


def credited_to_drug(doc: Doc, reading: OutcomeReading, role: str) -> list[OutcomeFinding]:
    """The grammar's findings for the target that are the subject's own: not hypothetical,
    not in a question, not about someone else (unless the writer speaks for others)."""
    third_ok = role in THIRD_PARTY_ROLES
    hearsay = _HEARSAY_SUBJECT_REVIEW if doc.drug.name else _HEARSAY_SUBJECT
    out = []
    for f in reading.findings:
        if f.cause != "target":
            continue
        pos = f.spans[0][0]
        if doc.scopes.has("hypothetical", pos) or reputed(doc, pos):
            continue
        sent = doc.sent_text(doc.sent_of(pos))
        # "tried lots of others": other drugs, not other people
        other_person = doc.scopes.has("other_person", pos) and not _OTHER_DRUGS_TRIED.search(sent)
        if (other_person or for_others(doc, f.spans[-1][1])) and not third_ok:
            continue
        statement = _TAG_QUESTION.sub(".", sent)
        if "?" in statement or (not third_ok and _hearsay(hearsay, statement)):
            continue
        out.append(f)
    return out


def merge_grammar(doc: Doc, role: str, reading: OutcomeReading, effect, benefits, adverse,
                  ev: Evidence) -> tuple[str | None, list[str], list[str]]:
    """The lexicon's outcome and the grammar's findings for the target, together: benefit
    from either and harm from either make ``mixed``; "no effect" only where neither
    reports a benefit or a harm."""
    found = credited_to_drug(doc, reading, role)
    polarities = {f.polarity for f in found}
    good = effect in ("positive", "mixed") or "positive" in polarities
    bad = effect in ("negative", "mixed") or "negative" in polarities
    none = effect == "no_effect" or "no_effect" in polarities
    benefits = sorted(set(benefits) | {f.benefit for f in found if f.benefit})
    adverse = sorted(set(adverse) | {f.adverse for f in found if f.adverse})
    effect = ("mixed" if good and bad else "positive" if good else "negative" if bad
              else "no_effect" if none else None)
    for f in found:
        rule = f"outcome.{f.rule}"
        if (f.polarity == "no_effect") == (effect == "no_effect"):
            for a, b in f.spans:
                ev.cite("effect", a, b, rule)
        if f.benefit:
            ev.cite("benefits", *f.spans[-1], rule)
        if f.adverse:
            ev.cite("adverse_events", *f.spans[-1], rule)
    return effect, benefits, adverse


def outcomes(doc: Doc, context: set[int], own: list[Mention], rest: list[Mention],
             affirmed: set[int], role: str, ev: Evidence,
             reading: OutcomeReading | None = None) -> tuple[str | None, list[str], list[str]]:
    """(effect, benefits, adverse events) of the drug named by `own`, the drugs of `rest`
    standing as the others, in the sentences `context`; `affirmed` are the sentences
    naming the drug (not negated), where another drug named does not take the credit.
    With the grammar's `reading`, lexicon words in another drug's clause, in a symptom
    list before the drug, or naming a harm that went away are left out."""
    rx = patterns()
    third_ok = role in THIRD_PARTY_ROLES
    credited_elsewhere = {m.sent for m in rest} - affirmed

    def ok(m, allow_negated=False, adverse_match=False, cut_object=False):
        i = doc.sent_of(m.start())
        if i not in context:
            return False
        if reading is not None and reading.in_condition(m.start()):
            return False
        if not cut_object and reading is not None and reading.credited_elsewhere(m.start()):
            return False
        if reading is not None and adverse_match and reading.relieved(m.start()):
            return False  # "the headaches are gone": relief, not headaches
        if not cut_object and i in credited_elsewhere and not _credits_follow(doc, m, i, rest):
            return False
        if not allow_negated and doc.scopes.has("negated", m.start()):
            return False
        if doc.scopes.has("hypothetical", m.start()):
            return False
        if (doc.scopes.has("other_person", m.start()) or for_others(doc, m.end())) and not third_ok:
            return False
        if role == "patient" and _OTHER_PATIENT.search(doc.sent_text(i)) is not None:
            return False
        if not cut_object and owner(doc, m.start(), own, rest, window=CREDIT_WINDOW) == "other":
            return False  # "since starting Ocrevus I have had no relapses"
        return True

    def cut_object(m) -> bool:
        # "able to come off baclofen": the drug after a cut-down verb is what was cut, not
        # what the outcome is credited to, unless another drug came first in the sentence
        # ("since starting Ocrevus I could come off my painkillers"); with nothing after
        # the verb, the drug named before is what was cut ("had been on gabapentin for
        # years and was able to cut right down")
        if _BARE_CUT.match(doc.norm, m.end()):
            return True
        s, _e = doc.sents[doc.sent_of(m.start())]
        return not (any(s <= t.start < m.start() for t in rest)
                    or other_drug_nouns().search(doc.norm, s, m.start()))

    negated_ae = [(m.start(), m.end()) for m in doc.finditer(rx.negated_adverse)]
    benefits: dict[str, tuple[int, int]] = {}
    adverse: dict[str, tuple[int, int]] = {}
    for m in doc.finditer(rx.benefit.pattern):
        # "no relapses" carries its own negation; "didn't help my fatigue" is negated
        if ok(m, allow_negated=_PRE_NEGATED.match(m.group(0)) is not None or "free" in m.group(0),
              cut_object=rx.benefit.key_of(m) == "fewer_medicines" and cut_object(m)):
            benefits.setdefault(rx.benefit.key_of(m), (m.start(), m.end()))
    for m in doc.finditer(rx.adverse.pattern):
        if any(a <= m.start() < b for a, b in negated_ae):
            continue
        if ok(m, adverse_match=True):
            key = rx.adverse.key_of(m)
            if key in benefits and benefits[key][0] <= m.start() < benefits[key][1]:
                continue
            adverse.setdefault(key, (m.start(), m.end()))
    # "slept badly ... sleeping well again": the harm passing, not a benefit
    for key, (a, b) in list(benefits.items()):
        harm = adverse.get(SAME_DOMAIN.get(key, ""))
        if harm is not None and harm[0] < a and is_return(doc.norm, a, b):
            del benefits[key]
    pos = [m for m in doc.finditer(rx.positive) if ok(m) and not reputed(doc, m.start())]
    neg = [m for m in doc.finditer(rx.negative) if ok(m) and not reputed(doc, m.start())]
    none = [m for m in doc.finditer(rx.no_effect) if ok(m, allow_negated=True)]
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
    for a, b in benefits.values():
        ev.cite("benefits", a, b, "outcome.benefit")
    for a, b in adverse.values():
        ev.cite("adverse_events", a, b, "outcome.adverse_event")
    for rule, found in (("outcome.positive", pos), ("outcome.negative", neg),
                        ("outcome.no_effect", none if effect == "no_effect" else [])):
        for m in found:
            ev.cite("effect", m.start(), m.end(), rule)
    for a, b in benefits.values():
        ev.cite("effect", a, b, "outcome.benefit")
    for a, b in adverse.values():
        ev.cite("effect", a, b, "outcome.adverse_event")
    return effect, sorted(benefits), sorted(adverse)


class Outcome:
    """LDN's ``effect``, ``benefits``, ``adverse_events`` (for a current or past use)."""

    fields: tuple[str, ...] = ("effect", "benefits", "adverse_events")
    needs: tuple[str, ...] = ("speaker_role", "ldn_use")

    def __call__(self, doc: Doc, known: Mapping[str, object]) -> Finding:
        ev = Evidence()
        if known["ldn_use"] not in ("current", "past"):
            return Finding({"effect": None, "benefits": [], "adverse_events": []})
        affirmed = {m.sent for m in doc.ldn if not doc.scopes.has("negated", m.start)}
        role = reading_role(doc, known)
        reading = ldn_reading(doc)
        effect, benefits, adverse = outcomes(doc, ldn_context(doc), doc.ldn, doc.therapies,
                                             affirmed, role, ev, reading)
        effect, benefits, adverse = merge_grammar(doc, role, reading, effect, benefits,
                                                  adverse, ev)
        return Finding({"effect": effect, "benefits": benefits, "adverse_events": adverse}, ev.spans)


OUTCOME = Outcome()
