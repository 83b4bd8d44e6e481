"""The whole path, read -> extract -> report, on what the readers accept.

Whatever a reader accepts (rather than refusing with an E-code), the report renders: a
2 MB comment, odd encodings (UTF-16 with a byte-order mark, UTF-8 with one, CR line ends),
one row, a review table of one drug, and garbage that happens to parse.
"""
from __future__ import annotations

import io
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ldn_comments import extract, read_comments
from ldn_comments.errors import LdnCommentsError
from ldn_comments.label import LABEL
from ldn_comments.report import write_report

BIG = "I take 4.5 mg LDN at night. " + "x" * (2 * 1024 * 1024) + " No relapses since."
ONE_ROW_REVIEW = ("\tdrugName\tcondition\treview\trating\tdate\tusefulCount\n"
                  '1\tCopaxone\tMultiple Sclerosis\t"Sore sites, no relapses."\t7.0\t'
                  "May 1, 2015\t3\n")

CASES = {
    "2 MB field": ("comment_id,parent_id,author,text\n1,,Ann,\"" + BIG + "\"\n").encode(),
    "one row": b"comment_id,parent_id,author,text\n1,,Ann,LDN 3 mg helps\n",
    "utf-16 with BOM": ("comment_id,parent_id,author,text\n1,,Zo\u00eb,\"LDN \u00e9t\u00e9 4,5 mg\"\n"
                        "2,1,\u674e,\u6211\u670d\u7528LDN\n").encode("utf-16"),
    "utf-8 with BOM and CR": ("\ufeffcomment_id,parent_id,author,text\r1,,Ann,LDN 1.5 mg\r"
                              "2,1,Bo,No change\r").encode("utf-8"),
    "one review of one drug": ONE_ROW_REVIEW.encode(),
    "text layout, one comment": b"  1. Ines says:\n\n    LDN 4.5 mg, no relapses.\n",
    "formula author": b"comment_id,parent_id,author,text\n1,,=HYPERLINK(\"x\"),LDN ok\n",
}


def _whole_path(data: bytes, out, fmt=None):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            comments = read_comments(io.BytesIO(data), format=fmt)
        except LdnCommentsError:
            return None  # refused with an E-code: nothing to report, and that is fine
        records = extract(comments)
        return write_report(records, out)


@pytest.mark.parametrize("name", list(CASES))
def test_report_renders_whatever_the_readers_accept(tmp_path, name):
    paths = _whole_path(CASES[name], tmp_path / "r")
    assert paths is not None, f"{name} should be accepted"
    html = paths["report.html"].read_text(encoding="utf-8")
    assert LABEL in html and 'id="headline"' in html


def test_two_mb_comment_is_in_the_appendix_whole(tmp_path):
    paths = _whole_path(CASES["2 MB field"], tmp_path / "r")
    assert "x" * (2 * 1024 * 1024) in paths["report.html"].read_text(encoding="utf-8")


PIECES = st.sampled_from(["comment_id,parent_id,author,text\n", "1,,Ann,", "2,1,Bo,",
                          "LDN 4.5 mg", "\"a, b\"", "no relapses", "\n", "\r\n", "\ufeff",
                          "=1+1", "<script>x</script>", "|", "\t", "é", "\u202e"])


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(PIECES, min_size=1, max_size=25).map("".join),
       st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_fuzzed_tables_read_or_refuse_never_crash_the_report(tmp_path_factory, text, codec):
    out = tmp_path_factory.mktemp("fuzz") / "r"
    paths = _whole_path(text.encode(codec, "surrogatepass"), out)
    if paths is not None:
        assert paths["report.html"].stat().st_size > 0
