"""The comment readers: every fixture format, the seed against its gold, and each error code."""
from __future__ import annotations

import io
import json
import warnings
from pathlib import Path

import pandas as pd
import pytest

from ldn_comments.errors import LdnCommentsError, LdnCommentsWarning
from ldn_comments.readers import detect_format, read_comments
from ldn_comments.records import COMMENT_COLUMNS

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seeds" / "001_c6d47190be1a3eee.txt"
SEED_GOLD = SHARED / "gold" / "seed_thread.jsonl"
THREADS = REPO / "tests" / "fixtures" / "threads"

# Every full fixture holds the same invented thread: three top-level comments, one chain of
# replies three deep, and one writer under two spellings.
PARENTS = [None, 1, 2, 3, None, 5, None]
DEPTHS = [0, 1, 2, 3, 0, 1, 0]
NAMES = ["Zoë Brandt", "Priya Nair", "Zoe Brandt", "Tomasz Wiercinski", "Halvard Moe",
         "Rosa Delgado", "Ben Okafor"]
REDDIT_NAMES = ["zoe_brandt", "priya_n", "ZoeBrandt", "tomaszw", "halvard", "rosa_d",
                "bokafor"]
DEEPEST = "Morning dosing is what my pharmacist suggested too. 3 mg works for me."
FIXTURES = {  # file -> (detected format, authors)
    "thread.txt": ("text", NAMES),
    "thread.csv": ("csv", NAMES),
    "thread.jsonl": ("jsonl", NAMES),
    "thread_wordpress.html": ("wordpress-html", NAMES),
    "thread_export.xml": ("wxr", NAMES),
    "thread_reddit.json": ("reddit-json", REDDIT_NAMES),
    "dump_reddit.ndjson": ("reddit-ndjson", REDDIT_NAMES),
}


def read_quietly(*args, **kwargs):
    """read_comments, returning the table and the messages of the warnings it gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = read_comments(*args, **kwargs)
    return table, [str(w.message) for w in caught if issubclass(w.category, LdnCommentsWarning)]


def error_code(*args, **kwargs) -> str:
    with pytest.raises(LdnCommentsError) as info:
        read_quietly(*args, **kwargs)
    return info.value.code


def as_list(series) -> list:
    return [None if pd.isna(v) else v for v in series]


# --- the fixtures ---------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_thread_structure(name):
    fmt, authors = FIXTURES[name]
    table, _ = read_quietly(THREADS / name)
    assert table.attrs["format"] == fmt
    head = table.iloc[:7]  # the NDJSON dump adds one orphan after the shared thread
    assert as_list(head["position"]) == list(range(1, 8))
    assert as_list(head["parent"]) == PARENTS
    assert as_list(head["depth"]) == DEPTHS
    assert as_list(head["author"]) == authors
    assert head["text"].iloc[3] == DEEPEST
    assert head["text"].iloc[0].startswith("Started LDN at 1.5 mg")
    assert "\n\n" in head["text"].iloc[0]  # two paragraphs, one blank line between
    assert list(table.columns[:len(COMMENT_COLUMNS)]) == COMMENT_COLUMNS
    assert set(table["source"]) == {name}
    assert table.attrs["source"] == name
    assert "self-selected" in table.attrs["label"]


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_dtypes(name):
    table, _ = read_quietly(THREADS / name)
    for col in ("position", "parent", "depth"):
        assert str(table[col].dtype) == "Int64"
    for col in ("comment_id", "parent_id", "author", "date", "text", "source"):
        assert str(table[col].dtype) == "string"


@pytest.mark.parametrize("name", sorted(FIXTURES) + ["thread.tsv", "no_article.txt"])
def test_detect_format_from_content_alone(name):
    text = (THREADS / name).read_text(encoding="utf-8")
    expected = {"thread.tsv": "tsv", "no_article.txt": "text"}.get(name) or FIXTURES[name][0]
    assert detect_format(text) == expected


def test_text_layout_details():
    table, warned = read_quietly(THREADS / "thread.txt")
    assert warned == []
    assert table.attrs["title"] == "Living with MS: readers on low-dose naltrexone"
    assert table.loc[0, "text"] == (
        "Started LDN at 1.5 mg in January and went up to 4.5 mg at bedtime by March.\n\n"
        "The fatigue is a little better in the afternoons. Hard to say if that is the LDN.")
    assert table.loc[2, "text"] == ("Yes, the first ten days.\n"
                                    "Taking it in the morning fixed that for me.")
    # "Ben says: ..." at the text's own indentation is text, not a comment
    assert table.loc[4, "text"].startswith("Ben says: ask your neurologist first.")
    # numbering skips 3; the footer after the last comment is not part of it
    assert table.loc[6, "text"] == "No change for me after six months on 4.5 mg. Stopped in March."
    assert as_list(table["comment_id"]) == [str(i) for i in range(1, 8)]
    assert as_list(table["parent_id"]) == [None, "1", "2", "3", None, "5", None]
    assert table["date"].isna().all()


def test_text_without_article():
    table, _ = read_quietly(THREADS / "no_article.txt")
    assert as_list(table["author"]) == ["Ines Vale", "Ola Berg"]
    assert as_list(table["parent"]) == [None, 1]
    assert "title" not in table.attrs


def test_text_with_crlf_and_tabs():
    page = "Title\r\n\r\n  1. Ines says:\r\n\r\n\tLDN 4.5 mg.\r\n\r\n\t• Ola says:\r\n\r\n\t\tSame.\r\n"
    table, _ = read_quietly(io.BytesIO(page.encode("utf-8")), format="text")
    assert as_list(table["depth"]) == [0, 1]
    assert as_list(table["text"]) == ["LDN 4.5 mg.", "Same."]


def test_csv_details():
    table, _ = read_quietly(THREADS / "thread.csv")  # CRLF line ends, quoted line breaks
    assert table.loc[0, "text"].endswith("The fatigue is a little better, in the afternoons.")
    assert table.loc[1, "text"].startswith('Did you get "vivid dreams" at 4.5 mg?')
    assert as_list(table["comment_id"])[:3] == ["c1", "c2", "c3"]
    assert as_list(table["parent_id"])[:3] == [None, "c1", "c2"]
    assert as_list(table["date"])[:6] == ["2021-01-12T21:04:00", "2021-01-13", "2021-03-03",
                                          None, "2021-02-01T08:30:00", "last spring"]
    assert as_list(table["likes"]) == ["4", "1", None, "0", "2", None, "3"]  # extra column kept


def test_tsv_by_suffix_and_content():
    table, _ = read_quietly(THREADS / "thread.tsv")
    assert as_list(table["author"]) == ["Zoë Brandt", "Zoe Brandt", "Ben Okafor"]
    assert as_list(table["parent"]) == [None, 1, None]


def test_csv_parent_after_child_keeps_row_order():
    csv_text = "comment_id,parent_id,text\nb,a,reply first\na,,then the parent\n"
    table, _ = read_quietly(io.StringIO(csv_text))
    assert as_list(table["parent"]) == [2, None]
    assert as_list(table["depth"]) == [1, 0]


def test_jsonl_details():
    table, _ = read_quietly(THREADS / "thread.jsonl")
    assert as_list(table["likes"]) == [4, None, None, None, None, None, None]
    assert table.loc[0, "date"] == "2021-01-12T21:04:00"


def test_wordpress_html_details():
    table, _ = read_quietly(THREADS / "thread_wordpress.html")
    assert as_list(table["comment_id"]) == ["101", "102", "103", "104", "105", "106", "107"]
    assert "Pingback" not in " ".join(table["text"])
    assert table.loc[0, "text"].endswith("The fatigue is a little better\nin the afternoons.")
    assert table.loc[0, "date"] == "2021-01-12T21:04:00+00:00"
    assert table.loc[6, "date"] == "2021-09-30T18:15:00"  # from the .comment-meta link text
    assert pd.isna(table.loc[3, "date"])
    assert table.attrs["title"].startswith("LDN and MS fatigue")


def test_wxr_details():
    table, _ = read_quietly(THREADS / "thread_export.xml")
    assert "110" not in set(table["comment_id"])  # pingback
    assert table.loc[0, "text"] == ("Started LDN at 1.5 mg in January & went up to 4.5 mg at "
                                    "bedtime by March.\n\nThe fatigue is a little better in "
                                    "the afternoons.")
    assert as_list(table["comment_approved"]) == ["1", "1", "1", "0", "1", "1", "1"]
    assert as_list(table["parent_id"])[:4] == [None, "101", "102", "103"]
    assert table.loc[0, "date"] == "2021-01-12T21:04:00"


def test_reddit_thread_details():
    table, warned = read_quietly(THREADS / "thread_reddit.json")
    assert warned == ["2 comments behind 'load more' links are not in the file; skipped"]
    assert table.attrs["title"] == "Anyone on LDN for MS fatigue?"
    assert table.loc[0, "text"].startswith("Started LDN at 1.5 mg & went up")
    assert as_list(table["parent_id"])[:2] == ["t3_p9x", "t1_gk1a"]
    assert table.loc[0, "date"] == "2021-01-12T21:04:00+00:00"


def test_reddit_dump_orphan_is_top_level_with_one_warning():
    table, warned = read_quietly(THREADS / "dump_reddit.ndjson")
    assert warned == ["1 comments reply to a comment not in the file; kept as top level"]
    orphan = table.iloc[7]
    assert pd.isna(orphan["parent"]) and orphan["depth"] == 0
    assert orphan["parent_id"] == "t1_gk00"
    assert set(table["subreddit"]) == {"MultipleSclerosis"}
    assert set(table["link_id"]) == {"t3_p9x"}


def test_missing_parents_counted_in_one_warning():
    csv_text = "comment_id,parent_id,text\n1,,a\n2,gone,b\n3,gone,c\n4,3,d\n"
    table, warned = read_quietly(io.StringIO(csv_text))
    assert warned == ["2 comments reply to a comment not in the file; kept as top level"]
    assert as_list(table["parent"]) == [None, None, None, 3]
    assert as_list(table["parent_id"]) == [None, "gone", "gone", "3"]


def test_long_reply_chain_needs_no_recursion():
    lines = ["comment_id,parent_id,text", "0,,start"]
    lines += [f"{i},{i - 1},reply {i}" for i in range(1, 5000)]
    table, _ = read_quietly(io.StringIO("\n".join(lines)))
    assert table["depth"].iloc[-1] == 4999


# --- the seed and the committed table ------------------------------------------------

def need_seed():
    if not (SEED.exists() and SEED_GOLD.exists()):
        pytest.skip("../shared (the seed thread and its gold) is not beside the repository")


def test_seed_matches_gold_positions_parents_authors():
    need_seed()
    table, warned = read_quietly(SEED)
    gold = [json.loads(line) for line in SEED_GOLD.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    assert len(table) == len(gold) == 39
    assert warned == []
    assert as_list(table["position"]) == [g["position"] for g in gold]
    assert as_list(table["parent"]) == [g["parent"] for g in gold]
    assert as_list(table["author"]) == [g["author"] for g in gold]
    assert table.loc[34, "text"].startswith("Wolfer says: I was diagnosed")
    assert "Leave a Comment" not in table["text"].iloc[-1]


def test_committed_table_is_the_seed_parsed(tmp_path):
    need_seed()
    from ldn_comments.output import write_table

    committed = REPO / "data" / "comments.csv"
    fresh, _ = read_quietly(SEED)
    write_table(fresh, tmp_path / "comments.csv")  # what `ldn-comments parse` writes
    assert (tmp_path / "comments.csv").read_bytes() == committed.read_bytes()
    back, _ = read_quietly(committed)
    for col in ("position", "parent", "author", "text", "depth"):
        assert as_list(back[col]) == as_list(fresh[col]), col


# --- inputs: buffers, stdin, encodings -------------------------------------------------

def test_buffers_of_text_and_bytes(monkeypatch):
    data = (THREADS / "thread.csv").read_bytes()
    from_bytes, _ = read_quietly(io.BytesIO(data))
    from_text, _ = read_quietly(io.StringIO(data.decode("utf-8")))
    assert as_list(from_bytes["author"]) == as_list(from_text["author"]) == NAMES
    assert from_bytes.attrs["source"] == "<buffer>"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    from_stdin, _ = read_quietly("-")
    assert as_list(from_stdin["author"]) == NAMES
    assert from_stdin.attrs["source"] == "<stdin>"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_byte_order_marks(encoding):
    raw = "comment_id,text\n1,Zoë takes 4.5 mg\n".encode(encoding)
    table, warned = read_quietly(io.BytesIO(raw))
    assert table.loc[0, "text"] == "Zoë takes 4.5 mg" and warned == []


def test_lone_cr_line_ends():
    table, _ = read_quietly(io.BytesIO(b"comment_id,text\r1,a\r2,b\r"))
    assert as_list(table["text"]) == ["a", "b"]


def test_cp1252_decodes_with_a_warning():
    raw = 'comment_id,text\n1,"Zoë: 4,5 mg – fine"\n'.encode("cp1252")
    table, warned = read_quietly(io.BytesIO(raw))
    assert table.loc[0, "text"] == "Zoë: 4,5 mg – fine"
    assert len(warned) == 1 and "cp1252" in warned[0]


def test_format_override_and_drug_option():
    text = (THREADS / "thread.csv").read_text(encoding="utf-8")
    table, _ = read_quietly(io.StringIO(text), format="csv", drug="LDN")
    assert table.attrs["drug"] == "LDN"
    assert error_code(io.StringIO(text), format="text") == "E013"


def test_column_options_rename_columns():
    csv_text = "id,reply_to,who,body\n1,,Ines,LDN 3 mg\n"
    table, _ = read_quietly(io.StringIO(csv_text), format="csv", text_col="body", id_col="id",
                            author_col="who")
    assert table.loc[0, "text"] == "LDN 3 mg" and table.loc[0, "author"] == "Ines"
    assert "reply_to" in table.columns


# --- errors ---------------------------------------------------------------------------

@pytest.mark.parametrize("payload, code", [
    (b"", "E001"),
    (b"  \n\t\r\n", "E001"),
    (b"comment_id,text\n1,a\x00b\n", "E002"),
    (b"\xff\xfe\x00\xd8", "E002"),  # UTF-16 BOM, then half a surrogate pair
    (b"\x89PNG\r\n\x1a\n\x01\x02\xff\xfe", "E002"),
    (b"just a note to self\n", "E003"),
    (b"comment_id,body\n1,hello\n", "E004"),
    (b"comment_id,parent_id,text\n1,1,a\n", "E005"),
    (b"comment_id,parent_id,text\n1,,a\n2,3,b\n3,2,c\n", "E005"),
    (b'comment_id,text\n1,"never closed\n2,x\n', "E006"),
    (b"comment_id,text\n1,a,extra\n", "E006"),
    (b"comment_id,text\n1,a\n1,b\n", "E007"),
    (b"comment_id,text\n", "E013"),
])
def test_error_codes(payload, code):
    assert error_code(io.BytesIO(payload)) == code


def test_error_locations():
    with pytest.raises(LdnCommentsError) as info:
        read_comments(io.StringIO("comment_id,body\n1,x\n"))
    assert info.value.where == "line 1"
    with pytest.raises(LdnCommentsError) as info:
        read_comments(io.StringIO('comment_id,text\n1,ok\n2,"never closed\n3,x\n'))
    assert info.value.code == "E006" and info.value.where == "line 3"
    with pytest.raises(LdnCommentsError) as info:
        read_comments(io.StringIO("comment_id,parent_id,text\n7,,a\n8,9,b\n9,8,c\n"))
    assert info.value.code == "E005" and "'8'" in str(info.value)
    with pytest.raises(LdnCommentsError) as info:
        read_comments(io.StringIO("comment_id,text\nx1,a\nx1,b\n"))
    assert "'x1'" in str(info.value) and info.value.where == "line 3"


@pytest.mark.parametrize("lines, where", [
    (['{"text": "a"}', '{"text": '], "line 2"),
    (['{"text": "a"}', "", "[1, 2]"], "line 3"),
    (['"just a string"'], "line 1"),
])
def test_jsonl_bad_lines(lines, where):
    with pytest.raises(LdnCommentsError) as info:
        read_comments(io.StringIO("\n".join(lines)), format="jsonl")
    assert info.value.code == "E006" and info.value.where == where


def test_missing_file_and_folder(tmp_path):
    assert error_code(tmp_path / "nope.csv") == "E008"
    # A folder is read as documents (readers/folder.py); one without any is E013.
    assert error_code(tmp_path) == "E013"


def test_unknown_format_and_misplaced_options():
    text = (THREADS / "thread.csv").read_text(encoding="utf-8")
    assert error_code(io.StringIO(text), format="myspace") == "E012"
    assert error_code(THREADS / "thread.txt", text_col="body") == "E012"
    assert error_code(io.StringIO(text), condition="ms") == "E012"
    with pytest.raises(TypeError):
        read_comments(io.StringIO(text), colour="red")


def test_xml_entity_bomb_is_refused():
    bomb = ('<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
            '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>'
            '<wp:comment><wp:comment_content>&b;</wp:comment_content></wp:comment>'
            '</item></channel></rss>')
    assert error_code(io.StringIO(bomb)) == "E014"


def test_truncated_xml_is_malformed():
    whole = (THREADS / "thread_export.xml").read_text(encoding="utf-8")
    with pytest.raises(LdnCommentsError) as info:
        read_comments(io.StringIO(whole[: len(whole) // 2]))
    assert info.value.code == "E006" and info.value.where.startswith("line ")


def test_pages_without_comments():
    assert error_code(io.StringIO("<html><body><p>No comments yet.</p></body></html>"),
                      format="wordpress-html") == "E013"
    empty_thread = [{"kind": "Listing", "data": {"children": []}},
                    {"kind": "Listing", "data": {"children": []}}]
    assert error_code(io.StringIO(json.dumps(empty_thread))) == "E013"
    assert error_code(io.StringIO('{"kind": "t3"}'), format="reddit-json") == "E006"
