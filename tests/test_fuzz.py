"""Hypothesis: random texts, authors and thread shapes through every reader, and random
Unicode through the extractor.

Per reader (500 examples each): a generated thread of random shape, written in that
format, reads back to exactly one row per comment with the parents and depths of the shape
(and authors and text where the format keeps them). Garbage of any kind fed to any reader
either reads or raises the error family, never anything else. ``extract_one`` on random
Unicode (NUL, RTL marks, combining marks, emoji, lone surrogates, in memory: surrogates
cannot be written to a UTF-8 file) returns evidence spans inside the text.
"""
from __future__ import annotations

import csv
import html
import io
import json
import warnings
from xml.sax.saxutils import escape as xml_escape

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ldn_comments.errors import LdnCommentsError
from ldn_comments.extract import extract, extract_one
from ldn_comments.readers import read_comments
from ldn_comments.readers.text import HEADER

FUZZ = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TRICKY = ["\u202e", "\u200f", "\u0301", "\u0308\u0323", "\U0001f600", "\U0001f1fa\U0001f1f8",
          "<script>alert(1)</script>", "&amp;", "&#x3C;", "]]>", "|", "`", "=1+1", "says:",
          "\u2028", "\ufeff", "\u00a0", "mg", "LDN 4.5 mg", "\"", "'", ",", "\\", "{}", "[]"]
#: Characters any UTF-8 file can hold and XML 1.0 allows: no surrogates, no C0/C1 controls.
CHARS = st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co"))
PIECE = st.one_of(st.text(CHARS, min_size=1, max_size=12), st.sampled_from(TRICKY))
TEXT = st.lists(PIECE, max_size=8).map(" ".join)
AUTHOR = st.one_of(st.none(), st.lists(PIECE, min_size=1, max_size=3).map(" ".join))


@st.composite
def shapes(draw, max_size=10):
    """Depths of comments in thread order (depth-first): each at most one below the last."""
    raw = draw(st.lists(st.integers(0, 4), min_size=1, max_size=max_size))
    depths = [0]
    for d in raw[1:]:
        depths.append(min(d, depths[-1] + 1))
    parents = []
    for i, d in enumerate(depths):
        parents.append(None if d == 0 else max(j for j in range(i) if depths[j] == d - 1))
    return parents


@st.composite
def threads(draw, text=TEXT, author=AUTHOR):
    parents = draw(shapes())
    n = len(parents)
    return {"parents": parents, "texts": draw(st.lists(text, min_size=n, max_size=n)),
            "authors": draw(st.lists(author, min_size=n, max_size=n))}


def _read(content, fmt):
    data = content.encode("utf-8") if isinstance(content, str) else content
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_comments(io.BytesIO(data), format=fmt)


def _na(v):
    return None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else v


def _check_shape(table, parents, order=None):
    """One row per comment, positions 1..n, parents and depths as generated."""
    n = len(parents)
    assert len(table) == n
    assert table["position"].tolist() == list(range(1, n + 1))
    order = order or list(range(n))  # order[k] = generated index of row k
    row_of = {g: k for k, g in enumerate(order)}
    got = [_na(p) for p in table["parent"]]
    want = [None if parents[g] is None else row_of[parents[g]] + 1 for g in order]
    assert got == want
    depth = {}
    for g in range(n):
        depth[g] = 0 if parents[g] is None else depth[parents[g]] + 1
    assert table["depth"].tolist() == [depth[g] for g in order]


def _clean(value):
    if value is None:
        return None
    return value.strip() or None


def _norm_ws(value):
    return (" ".join(value.split()) or None) if value else None


# --- one generator per format ----------------------------------------------------------

def _csv(thread, order):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["comment_id", "parent_id", "author", "text"])
    for g in order:
        p = thread["parents"][g]
        w.writerow([f"c{g}", "" if p is None else f"c{p}", thread["authors"][g] or "",
                    thread["texts"][g]])
    return buf.getvalue()


def _line_ends(text):
    return text.replace("\r\n", "\n").replace("\r", "\n")


@FUZZ
@given(threads(), st.randoms())
def test_csv_reader(thread, rnd):
    order = list(range(len(thread["parents"])))
    rnd.shuffle(order)  # a parent may come after its reply in a table
    table = _read(_csv(thread, order), "csv")
    _check_shape(table, thread["parents"], order)
    assert [_na(a) for a in table["author"]] == [_clean(thread["authors"][g]) for g in order]
    assert table["text"].tolist() == [_line_ends(thread["texts"][g]).strip() for g in order]


@FUZZ
@given(threads(), st.randoms())
def test_jsonl_reader(thread, rnd):
    order = list(range(len(thread["parents"])))
    rnd.shuffle(order)
    lines = [json.dumps({"comment_id": f"c{g}", "parent_id": None if thread["parents"][g] is None
                         else f"c{thread['parents'][g]}", "author": thread["authors"][g],
                         "text": thread["texts"][g]}, ensure_ascii=False) for g in order]
    table = _read("\n".join(lines) + "\n", "jsonl")
    _check_shape(table, thread["parents"], order)
    assert [_na(a) for a in table["author"]] == [_clean(thread["authors"][g]) for g in order]
    assert table["text"].tolist() == [thread["texts"][g].strip() for g in order]


@FUZZ
@given(threads())
def test_reddit_ndjson_reader(thread):
    lines = []
    for g, p in enumerate(thread["parents"]):
        lines.append(json.dumps({"id": f"c{g}", "parent_id": "t3_post" if p is None else f"t1_c{p}",
                                 "author": thread["authors"][g], "body": thread["texts"][g],
                                 "created_utc": 1457087000 + g}, ensure_ascii=False))
    table = _read("\n".join(lines), "reddit-ndjson")
    _check_shape(table, thread["parents"])
    assert table["text"].tolist() == [html.unescape(t).strip() for t in thread["texts"]]


@FUZZ
@given(threads())
def test_reddit_json_reader(thread):
    parents = thread["parents"]
    nodes = [{"kind": "t1", "data": {"id": f"c{g}", "parent_id": "t3_p" if p is None
                                     else f"t1_c{p}", "author": thread["authors"][g],
                                     "body": thread["texts"][g], "replies": ""}}
             for g, p in enumerate(parents)]
    top = []
    for g, p in enumerate(parents):
        if p is None:
            top.append(nodes[g])
        else:
            data = nodes[p]["data"]
            if not data["replies"]:
                data["replies"] = {"kind": "Listing", "data": {"children": []}}
            data["replies"]["data"]["children"].append(nodes[g])
    doc = [{"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {"title": "T"}}]}},
           {"kind": "Listing", "data": {"children": top}}]
    table = _read(json.dumps(doc, ensure_ascii=False), "reddit-json")
    _check_shape(table, parents)
    assert table["text"].tolist() == [html.unescape(t).strip() for t in thread["texts"]]


def _html_items(thread, g, children):
    author = thread["authors"][g]
    kids = "".join(_html_items(thread, c, children) for c in children[g])
    return (f'<li class="comment" id="comment-{g + 1}"><div class="comment-author">'
            f'<cite class="fn">{html.escape(author or "")}</cite> says:</div>'
            f'<div class="comment-content"><p>{html.escape(thread["texts"][g])}</p></div>'
            + (f'<ol class="children">{kids}</ol>' if kids else "") + "</li>")


def _children(parents):
    kids = {g: [] for g in range(len(parents))}
    for g, p in enumerate(parents):
        if p is not None:
            kids[p].append(g)
    return kids


@FUZZ
@given(threads())
def test_wordpress_html_reader(thread):
    parents = thread["parents"]
    kids = _children(parents)
    items = "".join(_html_items(thread, g, kids) for g, p in enumerate(parents) if p is None)
    page = f'<html><body><ol class="commentlist">{items}</ol></body></html>'
    table = _read(page, "wordpress-html")
    _check_shape(table, parents)
    assert [_na(a) for a in table["author"]] == [_norm_ws(a) for a in thread["authors"]]
    assert table["text"].tolist() == [_norm_ws(t) or "" for t in thread["texts"]]


@FUZZ
@given(threads())
def test_wxr_reader(thread):
    comments = "".join(
        f"<wp:comment><wp:comment_id>{g + 1}</wp:comment_id>"
        f"<wp:comment_author>{xml_escape(a or '')}</wp:comment_author>"
        f"<wp:comment_content>{xml_escape(t)}</wp:comment_content>"
        f"<wp:comment_parent>{0 if p is None else p + 1}</wp:comment_parent></wp:comment>"
        for g, (p, a, t) in enumerate(zip(thread["parents"], thread["authors"], thread["texts"])))
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
           'xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title>T</title>'
           f'<wp:post_id>9</wp:post_id>{comments}</item></channel></rss>\n')
    table = _read(xml, "wxr")
    _check_shape(table, thread["parents"])
    assert [_na(a) for a in table["author"]] == [_clean(a) for a in thread["authors"]]


# The text layout: a header line per comment; words without line breaks or tabs.
WORD = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co", "Zs", "Zl", "Zp")),
               min_size=1, max_size=10)
LINE = st.lists(st.one_of(WORD, st.sampled_from([t for t in TRICKY if not t.isspace()
                                                 and "\u2028" not in t])),
                min_size=1, max_size=6).map(" ".join)
PARAGRAPHS = st.lists(LINE, min_size=1, max_size=3).map("\n\n".join)
NAME = st.lists(WORD, min_size=1, max_size=3).map(" ".join)


@FUZZ
@given(threads(text=PARAGRAPHS, author=NAME))
def test_text_layout_reader(thread):
    out = ["LDN in MS: an article", ""]
    for g, p in enumerate(thread["parents"]):
        depth = 0
        q = p
        while q is not None:
            depth, q = depth + 1, thread["parents"][q]
        pad = "  " + "    " * depth
        marker = f"{g + 1}." if p is None else "•"
        out += [f"{pad}{marker} {thread['authors'][g]} says:", ""]
        for line in thread["texts"][g].split("\n"):
            out.append(f"{pad}  {line}" if line else "")
        out.append("")
    page = "\n".join(out) + "\nFooter\n"
    # A body line shaped like a header would rightly start a comment: not this shape.
    bodies = [line for t in thread["texts"] for line in t.split("\n")]
    if any(HEADER.match(line) for line in bodies):
        return
    table = _read(page, "text")
    _check_shape(table, thread["parents"])
    assert table["author"].tolist() == thread["authors"]
    assert table["text"].tolist() == [t.strip() for t in thread["texts"]]


# --- garbage into every reader ----------------------------------------------------------

READERS = ["text", "csv", "tsv", "jsonl", "wordpress-html", "wxr", "reddit-json", "reddit-ndjson"]
GARBAGE = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.lists(st.sampled_from(['{"text": ', "}", "[", "]", ",", '"', "\n", "<li class=\"comment\">",
                              "<ol class=\"commentlist\">", "</ol>", "comment_id,parent_id,text",
                              "1,1,a", "2,,b", "<!ENTITY a 'x'>", "<!DOCTYPE r [", "&a;",
                              '<rss xmlns:wp="http://wordpress.org/export/1.2/">', "<wp:comment>",
                              "  1. Ines says:", "    • Ola says:", "\x00", "\r", "\t", "\ufeff",
                              '{"kind": "Listing", "data": {"children": ', '"t1"', "says:"]),
             max_size=30).map(lambda parts: "".join(parts).encode("utf-8")),
)


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(GARBAGE, st.sampled_from(READERS + [None]))
def test_garbage_reads_or_raises_the_error_family(data, fmt):
    try:
        table = _read(data, fmt)
    except LdnCommentsError:
        return
    assert len(table) >= 1
    assert table["position"].tolist() == list(range(1, len(table) + 1))
    parents = [_na(p) for p in table["parent"]]
    assert all(p is None or 1 <= p <= len(table) for p in parents)


# --- the extractor on random Unicode ----------------------------------------------------

ANY_CHAR = st.characters(blacklist_categories=())  # surrogates and NUL included
UNICODE = st.lists(st.one_of(st.text(ANY_CHAR, max_size=10), st.sampled_from(
    TRICKY + ["\x00", "\ud800", "\udfff", "I take 4.5 mg LDN", "since 2019", "no relapses",
              "\u05d0\u05dc\u05d3", "\u0627\u0644\u062f\u0648\u0627\u0621", "1,5 mg"])),
    max_size=20).map("".join)


def _spans_inside(text, record):
    for field, spans in record["evidence"].items():
        for start, end, _rule in spans:
            assert 0 <= start < end <= len(text), (field, start, end, len(text))


@FUZZ
@given(UNICODE)
def test_extract_one_random_unicode(text):
    _spans_inside(text, extract_one(text))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(threads())
def test_extract_one_record_per_comment(thread):
    table = _read(_csv(thread, list(range(len(thread["parents"])))), "csv")
    records = extract(table)
    assert len(records) == len(table)
    assert records["position"].tolist() == table["position"].tolist()
    for text, evidence in zip(table["text"], records["evidence"]):
        for spans in (evidence or {}).values():
            for start, end, _rule in spans:
                assert 0 <= start < end <= len(text)


# --- nothing lost: every fixture -----------------------------------------------------

import pathlib  # noqa: E402

import pytest  # noqa: E402

FIXTURE_DIR = pathlib.Path(__file__).resolve().parent / "fixtures"
FIXTURE_FILES = sorted(p for sub in ("threads", "invented", "reviews")
                       for p in (FIXTURE_DIR / sub).glob("*")
                       if p.suffix in (".txt", ".csv", ".tsv", ".jsonl", ".ndjson", ".json",
                                       ".html", ".xml") and ".gold." not in p.name)


#: Fixtures whose columns must be named (as tests/test_reviews.py reads them).
FIXTURE_OPTIONS = {"custom.csv": dict(format="reviews", text_col="body", drug_col="medicine",
                                      condition_col="diagnosis", id_col="review_id",
                                      date_col="posted", author_col="nickname")}


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_fixture_gives_one_record_per_comment(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        comments = read_comments(path, **FIXTURE_OPTIONS.get(path.name, {}))
        records = extract(comments)
    assert len(records) == len(comments) >= 1
    assert records["position"].tolist() == comments["position"].tolist()
