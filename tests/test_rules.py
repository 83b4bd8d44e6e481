"""How lexicon terms become one compiled alternation (rules.alternation)."""
import re

import pytest

from hypothesis import given, settings
from hypothesis import strategies as st

from ldn_comments.rules import _expand_leading_group, alternation, bounded


def test_leading_groups_are_spelled_out():
    assert _expand_leading_group(["(?:it |ldn )?helps"]) == ["it helps", "ldn helps", "helps"]
    assert _expand_leading_group(["(?:a|(?:b|c)d)e"]) == ["ae", "bde", "cde"]
    # repeated, lazy or empty-alternative groups are left as written
    assert _expand_leading_group(["(?:x )*y", "(?:x )??y", "(?:a|)b"]) == [
        "(?:x )*y", "(?:x )??y", "(?:a|)b"]
    # a class holding ')' or '|' does not end the group early
    assert _expand_leading_group(["(?:[)|]a|b)c"]) == ["[)|]ac", "bc"]


def test_spelled_out_terms_join_first_character_groups():
    # "(?:it |ldn )?helps" becomes three plain terms, none left at the top level
    pattern = alternation(["(?:it |ldn )?helps", "hello"])
    assert "(?:it" not in pattern
    rx = re.compile(bounded(pattern))
    found = [m.group(0) for m in rx.finditer("ldn helps; it  helps; helps; hello; helpsx")]
    assert found == ["ldn helps", "it  helps", "helps", "hello"]


def test_apostrophe_terms_keep_their_optional_apostrophe():
    # "'m on" is not grouped under "'": its apostrophe stays optional, as for every term
    rx = re.compile(bounded(alternation(["'m on", "am on"])))
    assert len(rx.findall("i'm on it, i m on it")) == 2



@given(st.text(alphabet="0123456789.,a -", max_size=40))
def test_digit_led_patterns_match_as_their_plain_forms(text):
    # written with the check behind after the first digit so the engine skips to digits;
    # they must find exactly what the plain forms find
    from ldn_comments.fields.disease import TWO_DIGITS
    from ldn_comments.fields.dose import NUM_START

    for fast, plain in ((NUM_START, r"(?<![\d.,])[\d.]"), (TWO_DIGITS, r"(?<!\d)\d\d(?!\d)")):
        assert [m.span() for m in fast.finditer(text)] == \
            [m.span() for m in re.finditer(plain, text)]


@given(st.text(alphabet="aZ.!? '", max_size=30))
def test_glued_stop_pattern_matches_as_its_plain_form(text):
    from ldn_comments.nlp.text import _GLUED

    plain = r"(?<=[a-z])[.!?](?=[A-Z](?:[a-z]|\s|'))"
    assert [m.span() for m in _GLUED.finditer(text)] == [m.span() for m in re.finditer(plain, text)]


_AGE_TOKENS = ["i am ", "i'm ", "she is ", "aged ", "is ", "turned ", "rrms, ", "f, ", "(",
               "44", "45", "4", "7.", "12", " yrs", " years old", " y/o", " mg", ", ", ". ",
               ")", " and ", " now", " f", "x", "3", "ago", "-", " "]


@settings(deadline=None)  # the first example compiles the extractor's patterns
@given(st.lists(st.sampled_from(_AGE_TOKENS), max_size=14).map("".join))
def test_age_alternation_finds_what_the_joined_pattern_finds(text):
    # the age pattern runs one search per alternative (digit- and bracket-led ones skip
    # ahead fast); it must find the same spans and groups as the plain joined pattern
    from ldn_comments.nlp.patterns import patterns

    plain = re.compile(
        r"(?:(?<![\w])(?:i am|i'm|im|i was|she is|he is|she's|he's|who is|aged?|age of)\s+(?:a\s+|an\s+|now\s+|just\s+)?"
        r"(?P<a>\d{2})(?!\s*(?:mg|ml|%|years? ago|years? since|months|weeks|days|[,.]\d))(?![\w.])"
        r"|(?<![\w.])(?P<b>\d{2})\s*(?:-|\s)?\s*(?:yrs?|years?|y/?o)\b(?:\s*-?\s*old)?(?=\s*(?:old|female|male|woman|man|lady|guy|mum|mom|wife|husband|,|\.|$|with|and|who|diagnosed))"
        r"|(?<![\w])(?:is|'s|turned|just turned)\s+(?P<c>\d{2})(?=\s*(?:and\b|,|\.|now\b|$))"
        r"|(?:(?:rrms|ppms|spms|cis|ms|progressive|remitting|female|male|f|m|woman|man|here),\s*)(?P<d>\d{2})(?=\s*[,;.)])"
        r"|\((?P<e>\d{2})\s*(?:[,;)]|[mf]\b|y/?o\b))")
    got = [(m.span(), m.lastgroup, m.span(m.lastgroup)) for m in patterns().age.finditer(text)]
    want = [(m.span(), m.lastgroup, m.span(m.lastgroup)) for m in plain.finditer(text)]
    assert got == want


# --- the grammar file: named patterns combined through placeholders --------------------

def _grammar(patterns, terms=None):
    return {"lexicon_terms": terms or {}, "patterns": patterns}


def test_grammar_rejects_an_unknown_placeholder():
    from ldn_comments.errors import RulesError
    from ldn_comments.rules import validate

    with pytest.raises(RulesError, match="unknown placeholder {numbr}"):
        validate("grammar", _grammar({"number": r"\d+", "dose": r"{numbr}\s*mg"}))


def test_grammar_rejects_a_cycle():
    from ldn_comments.errors import RulesError
    from ldn_comments.rules import validate

    with pytest.raises(RulesError, match="refers to itself"):
        validate("grammar", _grammar({"a": "x{b}", "b": "y{a}"}))


def test_grammar_rejects_terms_from_an_unknown_lexicon_key():
    from ldn_comments.errors import RulesError
    from ldn_comments.rules import validate

    with pytest.raises(RulesError, match="unknown terms"):
        validate("grammar", _grammar({"a": "{m}"}, {"m": {"terms": "numbers.weekdays"}}))


def test_grammar_quantifiers_are_not_placeholders():
    from ldn_comments.rules import validate

    data = _grammar({"two": r"\d{2}", "range": r"\d{1,3}"})
    assert validate("grammar", data) is data


def test_unit_is_written_once_and_dose_reads_it():
    # the dose pattern is built from the unit piece: every spelling of the unit piece is
    # a dose unit, and the same number with a unit the piece lacks is not a dose
    from ldn_comments.rules import grammar, grammar_source

    from ldn_comments.rules import lexicon

    assert "{unit}" in lexicon("grammar")["patterns"]["dose"]
    assert grammar_source("unit") in grammar_source("dose")
    for unit in ("mg", "milligrams", "ml", "mls", "millilitres"):
        assert grammar("dose").match(f"4.5 {unit}").group("u") == unit
    assert grammar("dose").match("4.5 mcg") is None
