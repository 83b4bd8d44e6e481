"""Assertion scopes (negated, hypothetical, other person) of one comment."""
from ldn_comments.nlp.assertion import Scopes
from ldn_comments.nlp.text import normalise, sentence_spans


def test_scopes_are_found_only_for_the_categories_asked():
    t = normalise("I used to take baclofen. No spasms now.")
    sc = Scopes(t, sentence_spans(t))
    assert sc.has("negated", t.index("spasms"))
    assert set(sc._spans) == {"negated"}  # 'historical' was never computed
    assert sc.triggers("historical") == [(t.index("used to"), t.index("used to") + 7)]
