"""Load, validate and compile the lexicons in ``ldn_comments/lexicons/``.

Rules are data (JSON files shipped as package data); this module is their strict loader,
in the manner of medspaCy's rule files: an unknown key, a duplicate term, a term that is
not a string or a regex that does not compile is an error (:class:`RulesError`, E011).
Every regex is compiled once per process (cached).

Examples
--------
>>> rx = compiled_keyed("therapies")
>>> m = rx.pattern.search("i was on gilenja then copaxone")
>>> rx.key_of(m)
'fingolimod'
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from .errors import RulesError
from .schema import ADVERSE_EVENTS, BENEFITS

THERAPY_KEYS = [
    "interferon_beta", "glatiramer", "dimethyl_fumarate", "fingolimod", "natalizumab",
    "ocrelizumab", "teriflunomide", "alemtuzumab", "cladribine", "ofatumumab", "siponimod",
    "rituximab", "mitoxantrone", "dmt_unspecified", "baclofen", "tizanidine", "gabapentin",
    "pregabalin", "botulinum_toxin", "citalopram", "ibuprofen", "codeine",
    "opioids_unspecified", "zopiclone", "tramadol", "dalfampridine", "modafinil", "amantadine",
    "cannabis", "steroids", "vitamin_d", "swank_diet", "plant_based_diet", "gluten_free_diet",
    "vegetarian_diet", "lactose_free_diet", "wahls_protocol", "keto_diet", "diet_unspecified",
    "exercise", "ccsvi", "stem_cells", "acupuncture",
]

CUE_KEYS = [
    "ldn", "first_person", "relatives", "relative_subject_after", "clinician",
    "clinician_group", "patient_self", "ldn_current", "ldn_past", "ldn_planned",
    "therapy_current", "therapy_past", "therapy_considering", "therapy_never",
    "dose_context", "dose_planned", "dose_start", "dose_now", "daily", "intermittent",
    "question_request", "question_rhetorical", "hearsay", "third_person_patient",
    "imperative_start",
]
TRIGGER_KEYS = ["negated", "hypothetical", "historical", "other_person", "other_person_short"]
#: Keys of ``experiencer.json`` (who a sentence is about, question kinds, diaries, aspect).
EXPERIENCER_KEYS = [
    "relations", "bare_relations", "first_person", "we", "third_singular", "third_plural",
    "reporting_verbs", "clinician_acts", "product_acts", "clinician_titles", "group_subjects",
    "generic_subjects", "imperatives", "hearsay", "writer_as_object", "ldn_terms", "use_verbs",
    "negation", "request_questions", "rhetorical_questions", "self_answers", "diary_labels",
    "past_aspect", "still_aspect", "narrative_past", "present_reason", "planned_aspect",
    "diary_stop", "hearsay_sources", "third_person_intro", "first_name_verbs", "first_name_acts",
    "not_first_names",
]

#: For each lexicon file: the keys it may hold (None = checked by a function below).
SCHEMA = {
    "therapies": set(THERAPY_KEYS),
    "ms_types": {"precedence", "SPMS", "PPMS", "RRMS", "CIS", "MS"},
    "outcomes": {"benefits", "adverse_events", "positive", "negative", "no_effect",
                 "negated_adverse"},
    "triggers": set(TRIGGER_KEYS) | {"termination"},
    "cues": set(CUE_KEYS),
    "numbers": {"cardinal", "ordinal", "months", "unit_months"},
    "conditions": {"ms", "alcohol_dependence", "opioid_dependence"},
    "experiencer": set(EXPERIENCER_KEYS),
    "grammar": {"lexicon_terms", "patterns"},
    "outcome_grammar": {"pronouns", "drug_nouns", "other_drug_nouns", "not_a_drug", "negators", "irrealis",
                        "scope_breaks",
                        "contrast", "objects", "object_info", "changes", "states",
                        "pre_states", "give_back", "verdicts", "condition_cues",
                        "condition_breaks", "on_drug_times", "before_markers",
                        "off_drug_markers", "anaphora", "abilities", "renewal_markers",
                        "activities", "drug_starts"},
}
_SUBKEYS = {("outcomes", "benefits"): set(BENEFITS),
            ("outcomes", "adverse_events"): set(ADVERSE_EVENTS),
            ("outcome_grammar", "changes"): {"improve", "relieve", "worsen", "cause", "experience",
                                             "increase", "no_effect", "stop_reason"},
            ("outcome_grammar", "states"): {"better", "gone", "back", "worse"},
            ("outcome_grammar", "pre_states"): {"more", "less"},
            ("outcome_grammar", "activities"): {"mobility", "wellbeing"},
            ("outcome_grammar", "verdicts"): {"positive", "negative", "no_effect"}}


def _check_object_info(name, data):
    """Every grammar object has a valence and guide keys (or null) for benefit and harm."""
    info, objects = data.get("object_info"), data.get("objects")
    if not isinstance(info, dict) or not isinstance(objects, dict) or set(info) != set(objects):
        _fail(name, "object_info must describe exactly the objects")
    for obj, spec in info.items():
        if not isinstance(spec, dict) or set(spec) != {"valence", "benefit", "adverse"}:
            _fail(name, f"object_info.{obj} must hold valence, benefit and adverse")
        if spec["valence"] not in ("good", "bad"):
            _fail(name, f"object_info.{obj}.valence must be 'good' or 'bad'")
        if spec["benefit"] is not None and spec["benefit"] not in BENEFITS:
            _fail(name, f"object_info.{obj}.benefit {spec['benefit']!r} is not a guide benefit")
        if spec["adverse"] is not None and spec["adverse"] not in ADVERSE_EVENTS:
            _fail(name, f"object_info.{obj}.adverse {spec['adverse']!r} is not a guide "
                        "adverse event")


def _fail(name, detail):
    raise RulesError("E011", detail, source=f"lexicons/{name}.json")


def _check_terms(name, where, terms, seen):
    if not isinstance(terms, list) or not all(isinstance(t, str) and t for t in terms):
        _fail(name, f"{where} must be a list of non-empty strings")
    for t in terms:
        if t != t.strip():
            _fail(name, f"term {t!r} in {where} has leading or trailing spaces")
        if t in seen:
            _fail(name, f"duplicate term {t!r} in {where} (also in {seen[t]})")
        seen[t] = where
        try:
            re.compile(t)
        except re.error as exc:
            _fail(name, f"term {t!r} in {where} is not a valid pattern ({exc})")


def validate(name: str, data) -> dict:
    """Check one lexicon against its schema; return it unchanged.

    Raises
    ------
    RulesError
        E011 for an unknown key, a duplicate term or a bad pattern.

    Examples
    --------
    >>> validate("therapies", {"baclofen": ["baclofen"], "teleportation": ["x"]})
    Traceback (most recent call last):
    ...
    ldn_comments.errors.RulesError: E011 a lexicon or rule file is invalid: unknown key 'teleportation', lexicons/therapies.json
    """
    if name not in SCHEMA:
        _fail(name, "no such lexicon")
    if not isinstance(data, dict):
        _fail(name, "the file must hold a JSON object")
    for key in data:
        if key != "_doc" and key not in SCHEMA[name]:
            _fail(name, f"unknown key {key!r}")
    if name == "grammar":
        _check_grammar(data)
        return data
    if name == "numbers":
        for key, table in data.items():
            if key == "_doc":
                continue
            if not isinstance(table, dict) or not all(
                    isinstance(v, (int, float)) for v in table.values()):
                _fail(name, f"{key} must map words to numbers")
        return data
    seen: dict[str, str] = {}
    if name == "outcome_grammar":
        _check_object_info(name, data)
    for key, value in data.items():
        if key == "_doc" or (name == "outcome_grammar" and key == "object_info"):
            continue
        if name == "outcome_grammar" and key != "objects":
            seen = {}  # a word may be a change in one category and a state in another
        if name == "ms_types" and key == "precedence":
            if sorted(value) != sorted(SCHEMA["ms_types"] - {"precedence"}):
                _fail(name, "precedence must list each course once")
            continue
        if name == "triggers" and key != "termination":
            if not isinstance(value, dict) or set(value) - {"forward", "backward", "max_forward_chars",
                                                              "counts_as"}:
                _fail(name, f"{key} must hold 'forward' and/or 'backward' lists, 'max_forward_chars' "
                            "and optionally 'counts_as'")
            limit = value.get("max_forward_chars")
            if "max_forward_chars" not in value or not (limit is None or (
                    isinstance(limit, int) and not isinstance(limit, bool) and limit > 0)):
                _fail(name, f"{key}.max_forward_chars must be a positive whole number or null")
            if "counts_as" in value and value["counts_as"] not in TRIGGER_KEYS:
                _fail(name, f"{key}.counts_as must name another trigger category")
            for direction in ("forward", "backward"):
                if direction in value:
                    _check_terms(name, f"{key}.{direction}", value[direction], {})
            continue
        if isinstance(value, dict):
            allowed = _SUBKEYS.get((name, key))
            for sub, terms in value.items():
                if allowed is not None and sub not in allowed:
                    _fail(name, f"unknown key {sub!r} in {key}")
                _check_terms(name, f"{key}.{sub}", terms, seen)
        else:
            # Per-category lists (cues, outcome verdicts) may share a term across
            # categories: uniqueness is checked within each list.
            _check_terms(name, key, value,
                         {} if name in ("cues", "outcomes", "outcome_grammar", "experiencer") else seen)
    return data


@lru_cache(maxsize=None)
def lexicon(name: str) -> dict:
    """The validated lexicon `name` (``therapies``, ``outcomes``, ``cues`` ...)."""
    try:
        text = resources.files("ldn_comments.lexicons").joinpath(f"{name}.json").read_text(
            encoding="utf-8")
    except FileNotFoundError:
        _fail(name, "the file is missing from the package")
    try:
        data = json.loads(text)
    except ValueError as exc:
        _fail(name, f"not valid JSON ({exc})")
    return validate(name, data)


def alternation(terms) -> str:
    """One non-capturing alternation of `terms`, longest first, whitespace made flexible."""
    # dict.fromkeys, not set: terms of equal length keep the lexicon's order in every
    # process (a set's order changes with string hashing), so the compiled pattern, and
    # the cache key of the compiled scan, are the same in every run
    ordered = sorted(dict.fromkeys(_expand_leading_group(terms)), key=len, reverse=True)
    # Group terms by a plain first letter, so the engine tries one branch per position
    # instead of every term (a one-level trie; order within a group is kept).
    groups: dict[str, list[str]] = {}
    rest: list[str] = []
    for t in ordered:
        if len(t) > 1 and t[0] not in _META and t[0] != "'" and t[1] not in "?*+{":
            groups.setdefault(t[0], []).append(_flexible(t[1:]))
        else:
            rest.append(_flexible(t))
    parts = rest + [f"{re.escape(c)}(?:{'|'.join(alts)})" for c, alts in groups.items()]
    return "(?:" + "|".join(parts) + ")"


_META = set("\\.^$*+?{}[]|()")
_MAX_SPELLED = 64


def _leading_group(term: str):
    """Split a term that opens with a non-capturing group: (alternatives, quantifier, rest),
    or None. Escapes and character classes are skipped when looking for the group's end."""
    if not term.startswith("(?:"):
        return None
    depth, i, alts, begin, in_class = 0, 0, [], 3, False
    while i < len(term):
        c = term[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                alts.append(term[begin:i])
                rest = term[i + 1:]
                quant = rest[:1] if rest[:1] in ("?", "*", "+", "{") else ""
                if quant == "?" and rest[1:2] in ("?", "+"):
                    return None  # lazy or possessive: keep as written
                return alts, quant, rest[len(quant):]
        elif c == "|" and depth == 1:
            alts.append(term[begin:i])
            begin = i + 1
        i += 1
    return None


def _expand_leading_group(terms):
    """Spell out a leading group ("(?:am|are) on" -> "am on", "are on"; an optional one,
    "(?:it )?helps" -> "it helps", "helps"), again while the result opens with a group,
    so that most terms start with a plain character and join its first-character group
    of :func:`alternation`. Spelling out keeps the set of matched strings."""
    out = []
    for t in terms:
        todo, done = [t], []
        while todo and len(todo) + len(done) <= _MAX_SPELLED:
            head = todo.pop(0)
            split = _leading_group(head)
            if split is None or split[1] not in ("", "?") or any(not a for a in split[0]):
                done.append(head)
                continue
            alts, quant, rest = split
            todo.extend(a + rest for a in alts)
            if quant == "?":
                todo.append(rest)
        out.extend(done if not todo else [t])  # too many spellings: keep the term
    return out


def _flexible(term: str) -> str:
    """Spaces match any run of white space (" ?" none or more); an apostrophe may be
    left out, as people often do ("dont", "couldnt")."""
    term = term.replace(" ?", "\x00").replace(" ", r"\s+").replace("\x00", r"\s*")
    return re.sub(r"(?<!\\)'(?![?*+])", "'?", term)


def bounded(body: str) -> str:
    """Wrap a pattern so it matches whole words only."""
    return r"(?<![\w])" + body + r"(?![\w])"


class KeyedPattern:
    """One compiled regex over all terms of a ``{key: [terms]}`` lexicon.

    The search runs one flat (trie-grouped) alternation; the key of a match is then
    found from the matched words (a dictionary for plain terms, and for pattern terms a
    full match against each key's own pattern, which runs only on the few matches).
    """

    def __init__(self, mapping: dict):
        self.keys = [k for k, v in mapping.items() if k != "_doc" and isinstance(v, list)]
        terms = [t for k in self.keys for t in mapping[k]]
        self.pattern = re.compile(bounded(alternation(terms)))
        self._literal: dict[str, str] = {}
        self._per_key = []
        for k in self.keys:
            for t in mapping[k]:
                if re.fullmatch(r"[\w' -]+", t):
                    self._literal.setdefault(t, k)
            self._per_key.append((k, re.compile(alternation(mapping[k]))))

    def key_of(self, match: re.Match) -> str:
        """The lexicon key of a match."""
        text = match.group(0)
        key = self._literal.get(" ".join(text.split()))
        if key is None:
            # Match each key's pattern in place, so lookarounds see the same context.
            start, end = match.span()
            key = next((k for k, rx in self._per_key
                        if (m := rx.match(match.string, start)) and m.end() == end), None)
            if key is None:  # a shorter alternative of the right key won in the flat search
                key = next((k for k, rx in self._per_key if rx.match(match.string, start)),
                           self.keys[0])
        return key


def keyed(mapping: dict) -> KeyedPattern:
    """Compile ``{key: [terms]}`` into one :class:`KeyedPattern`."""
    return KeyedPattern(mapping)


@lru_cache(maxsize=None)
def compiled_keyed(name: str, part: str | None = None) -> KeyedPattern:
    """The keyed regex of a lexicon (or of one of its sub-mappings)."""
    data = lexicon(name)
    if part is not None:
        data = data[part]
    if name == "ms_types":
        data = {k: v for k, v in data.items() if k not in ("precedence", "_doc")}
    return keyed(data)


@lru_cache(maxsize=None)
def compiled(name: str, *path: str) -> re.Pattern:
    """One regex for a list of terms: ``compiled("cues", "ldn")``."""
    data = lexicon(name)
    for p in path:
        data = data[p]
    return re.compile(bounded(alternation(data)))


# ---- grammar: named patterns combined through placeholders --------------------------

#: A placeholder: a name in braces. Quantifiers ({2}, {0,3}) hold digits, never letters.
_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


def _lexicon_terms(spec: dict) -> str:
    """The alternation of the lexicon terms a ``lexicon_terms`` entry names."""
    name, _, key = spec["terms"].partition(".")
    data = lexicon(name)
    if key == "*":
        terms = [t for k, v in data.items() if isinstance(v, list) and k not in ("precedence", "_doc")
                 for t in v]
    else:
        terms = list(data[key])
    if spec.get("style") == "escaped":  # plain words, longest first
        words = sorted(terms, key=len, reverse=True)
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return alternation(terms)


def _expand(template: str, pieces: dict, terms: dict, stack: tuple = ()) -> str:
    def one(m):
        key = m.group(1)
        if key in terms:
            return _lexicon_terms(terms[key])
        if key in stack:
            _fail("grammar", f"pattern {stack[0]!r} refers to itself through {key!r}")
        if key not in pieces or isinstance(pieces[key], list):
            _fail("grammar", f"unknown placeholder {{{key}}} in pattern {stack[-1] if stack else template!r}")
        return _expand(pieces[key], pieces, terms, stack + (key,))

    return _PLACEHOLDER.sub(one, template)


def _check_grammar(data: dict) -> None:
    terms, pieces = data.get("lexicon_terms", {}), data.get("patterns", {})
    if not isinstance(terms, dict) or not isinstance(pieces, dict):
        _fail("grammar", "lexicon_terms and patterns must be JSON objects")
    for key, spec in terms.items():
        if not isinstance(spec, dict) or set(spec) - {"terms", "style"} or \
                not isinstance(spec.get("terms"), str) or "." not in spec["terms"] or \
                spec.get("style", "alternation") not in ("alternation", "escaped"):
            _fail("grammar", f"lexicon_terms.{key} must be {{'terms': 'lexicon.key', 'style': ...}}")
        name, _, sub = spec["terms"].partition(".")
        if name not in SCHEMA or name == "grammar" or (sub != "*" and sub not in SCHEMA[name]):
            _fail("grammar", f"lexicon_terms.{key} names unknown terms {spec['terms']!r}")
        if key in pieces:
            _fail("grammar", f"{key!r} is both a pattern and a lexicon placeholder")
    for key, body in pieces.items():
        parts = body if isinstance(body, list) else [body]
        if not parts or not all(isinstance(p, str) and p for p in parts):
            _fail("grammar", f"pattern {key!r} must be a non-empty string or list of strings")

    def visit(key, stack):
        for part in (pieces[key] if isinstance(pieces[key], list) else [pieces[key]]):
            for ref in _PLACEHOLDER.findall(part):
                if ref in terms:
                    continue
                if ref not in pieces or isinstance(pieces[ref], list):
                    _fail("grammar", f"unknown placeholder {{{ref}}} in pattern {key!r}")
                if ref in stack:
                    _fail("grammar", f"pattern {ref!r} refers to itself through {key!r}")
                visit(ref, stack + (ref,))

    for key in pieces:
        visit(key, (key,))


@lru_cache(maxsize=None)
def grammar(name: str) -> re.Pattern | list[re.Pattern]:
    """The grammar piece `name` of ``lexicons/grammar.json``, placeholders expanded and
    compiled (a list of compiled alternatives for a piece written as a list).

    Raises
    ------
    RulesError
        E011 for an unknown piece or placeholder, a cycle, or a pattern that does not compile.

    Examples
    --------
    >>> grammar("dose").match("4.5 mg").group("a", "u")
    ('4.5', 'mg')
    """
    return _compile(name, grammar_source(name))


def _compile(name, source):
    if isinstance(source, list):
        return [_compile(name, s) for s in source]
    try:
        return re.compile(source)
    except re.error as exc:
        _fail("grammar", f"pattern {name!r} does not compile ({exc})")


def grammar_source(name: str) -> str | list[str]:
    """The regex source of grammar piece `name`, placeholders expanded.

    Examples
    --------
    >>> grammar_source("unit_abbrev")
    '(?:mg|ml)'
    """
    data = lexicon("grammar")
    pieces, terms = data["patterns"], data["lexicon_terms"]
    if name not in pieces:
        _fail("grammar", f"no pattern {name!r}")
    body = pieces[name]
    if isinstance(body, list):
        return [_expand(b, pieces, terms, (name,)) for b in body]
    return _expand(body, pieces, terms, (name,))


def expand(template: str) -> str:
    """Fill grammar placeholders into a pattern written in code (``{unit_abbrev}``), so a
    unit or number written in the grammar is written nowhere else.

    Examples
    --------
    >>> expand("{unit_abbrev} a day")
    '(?:mg|ml) a day'
    """
    data = lexicon("grammar")
    return _expand(template, data["patterns"], data["lexicon_terms"])
