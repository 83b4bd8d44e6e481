"""How lexicon terms become one compiled alternation (rules.alternation)."""
import re

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

