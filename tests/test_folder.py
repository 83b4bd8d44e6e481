"""Reading a folder of documents (``extract posts/``): one comment per .txt, .md or saved
.html file, id = the relative path, sorted; an HTML page gives its main text, title, author
and date and never the site's menus. All posts here are invented."""
from __future__ import annotations

import json
import sys

import pandas as pd
import pytest

from ldn_comments import read_comments
from ldn_comments.cli import main
from ldn_comments.readers.folder import read_folder

NAV_WORDS = ("Home", "About me", "Shop", "Popular posts", "Subscribe", "Copyright")

BLOG_PAGE = """<!DOCTYPE html>
<html><head><title>Eight months on LDN | Teodora writes</title>
<meta name="author" content="Teodora Ilic">
<meta property="article:published_time" content="2023-09-14T08:00:00Z"></head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/about">About me</a></li>
<li><a href="/shop">Shop the LDN mugs</a></li></ul></nav></header>
<main><article>
<h1>Eight months on LDN</h1>
<p>I have secondary progressive MS and started low dose naltrexone in January at 1.5 mg,
working up to 4.5 mg taken every night before bed.</p>
<p>Eight months later my legs are far less stiff in the mornings and I sleep through the
night for the first time in years. I still take it every night.</p>
<p>My neurologist shrugged when I told her, but she did not tell me to stop.</p>
</article></main>
<aside><h3>Popular posts</h3><ul><li><a href="/keto">Ten reasons to go keto</a></li>
<li><a href="/swank">Swank diet recipes</a></li></ul></aside>
<footer><p>Copyright 2023 Teodora. Subscribe to the newsletter for weekly posts.</p></footer>
</body></html>
"""

NEWS_PAGE = """<html><head><title>Village baker credits cheap drug | The Courier</title></head>
<body><div class="menu"><a href="/">Home</a> | <a href="/sport">Sport</a> |
<a href="/about">About me</a></div>
<article><h1>Village baker credits cheap drug</h1>
<p>Mrs Okafor, 61, who was diagnosed with MS in 2009, began taking LDN two years ago.</p>
<p>"I can stand at the ovens all morning again," she said. "I had not managed that in
years, and I have had no relapse since."</p>
<p>Her neurologist was not available for comment on the case.</p>
</article>
<div class="sidebar"><h3>Popular posts</h3><p>Subscribe for more local news.</p></div>
<footer>Copyright The Courier</footer></body></html>
"""


@pytest.fixture
def posts(tmp_path):
    folder = tmp_path / "posts"
    (folder / "blog").mkdir(parents=True)
    (folder / "blog" / "teodora.html").write_text(BLOG_PAGE, encoding="utf-8")
    (folder / "news.htm").write_text(NEWS_PAGE, encoding="utf-8")
    (folder / "diary.md").write_text(
        "---\ntitle: Kit's LDN diary\nauthor: Kit\ndate: 2022-04-02\n---\n\n"
        "I have RRMS.\n\n3 March: first dose of LDN tonight, 1.5 mg.\n\n"
        "21 March: the dreams have calmed down and I have more energy.\n", encoding="utf-8")
    (folder / "a_note.txt").write_text(
        "My husband has PPMS. He has taken LDN 3 mg for a year and his walking is better.\n",
        encoding="utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4 not a post")
    (folder / ".draft.txt").write_text("a hidden draft", encoding="utf-8")
    return folder


def test_folder_gives_one_comment_per_document_sorted_by_relative_path(posts):
    with pytest.warns(UserWarning, match="skipped 1 files"):
        table = read_comments(posts)
    assert table["comment_id"].tolist() == ["a_note.txt", "blog/teodora.html", "diary.md",
                                            "news.htm"]
    assert table["position"].tolist() == [1, 2, 3, 4]
    assert table["parent"].isna().all()
    assert table.attrs["format"] == "folder"


def test_html_page_gives_main_text_title_author_date_and_no_menus(posts):
    with pytest.warns(UserWarning):
        table = read_comments(posts).set_index("comment_id")
    blog = table.loc["blog/teodora.html"]
    assert "legs are far less stiff" in blog["text"]
    assert "neurologist shrugged" in blog["text"]
    for word in NAV_WORDS + ("keto", "Swank diet recipes"):
        assert word not in blog["text"], word
    assert blog["title"].startswith("Eight months on LDN")
    assert blog["author"] == "Teodora Ilic"
    assert blog["date"] == "2023-09-14"
    news = table.loc["news.htm"]
    assert "Mrs Okafor, 61" in news["text"]
    for word in NAV_WORDS + ("Sport",):
        assert word not in news["text"], word


def test_markdown_front_matter_gives_title_author_date_not_text(posts):
    with pytest.warns(UserWarning):
        diary = read_comments(posts).set_index("comment_id").loc["diary.md"]
    assert (diary["author"], diary["title"], diary["date"]) == ("Kit", "Kit's LDN diary",
                                                                "2022-04-02")
    assert diary["text"].startswith("I have RRMS.")
    assert "---" not in diary["text"]


def test_txt_is_read_whole(posts):
    with pytest.warns(UserWarning):
        note = read_comments(posts).set_index("comment_id").loc["a_note.txt"]
    assert note["text"].startswith("My husband has PPMS.")
    assert pd.isna(note["author"])  # a plain text file names no author


def test_cli_extract_folder_writes_one_record_per_post(posts, tmp_path, capsys):
    out = tmp_path / "records.jsonl"
    assert main(["extract", str(posts), "-o", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["comment_id"] for r in records] == ["a_note.txt", "blog/teodora.html",
                                                  "diary.md", "news.htm"]
    by_id = {r["comment_id"]: r for r in records}
    assert by_id["a_note.txt"]["speaker_role"] == "caregiver"
    assert by_id["blog/teodora.html"]["ms_type"] == "SPMS"
    assert by_id["blog/teodora.html"]["current_dose"] == 4.5
    assert "skipped 1 files" in capsys.readouterr().err


def test_cli_parse_and_report_take_a_folder(posts, tmp_path, capsys):
    table = tmp_path / "comments.csv"
    assert main(["parse", str(posts), "-o", str(table)]) == 0
    assert table.read_text().count("\n") >= 5
    report = tmp_path / "report"
    assert main(["report", str(posts), "-o", str(report)]) == 0
    assert (report / "report.md").exists()
    assert "uncontrolled" in (report / "report.md").read_text().lower()


def test_missing_trafilatura_is_e003_naming_the_page(posts, tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import now raises ImportError
    out = tmp_path / "records.jsonl"
    assert main(["extract", str(posts), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    errors = [line for line in err if "error" in line]
    assert len(errors) == 1
    assert "E003" in errors[0] and "teodora.html" in errors[0] and "[web]" in errors[0]
    assert "Traceback" not in "\n".join(err)
    assert not out.exists()


def test_missing_trafilatura_does_not_matter_without_html(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "one.txt").write_text("I take LDN.", encoding="utf-8")
    assert read_comments(folder)["text"].tolist() == ["I take LDN."]


def test_folder_without_documents_is_e013(tmp_path, capsys):
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "notes.pdf").write_bytes(b"%PDF")
    assert main(["parse", str(folder), "-o", str(tmp_path / "c.csv")]) == 2
    err = capsys.readouterr().err
    assert "E013" in err and "Traceback" not in err


def test_blank_document_is_skipped_with_a_warning(tmp_path):
    folder = tmp_path / "some"
    folder.mkdir()
    (folder / "blank.txt").write_text("   \n", encoding="utf-8")
    (folder / "post.txt").write_text("Started LDN.", encoding="utf-8")
    with pytest.warns(UserWarning, match="no text"):
        rows, _ = read_folder(folder, source=str(folder))
    assert [r["comment_id"] for r in rows] == ["post.txt"]


def test_binary_document_is_e002_naming_the_file(tmp_path, capsys):
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "ok.txt").write_text("fine", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    assert main(["parse", str(folder), "-o", str(tmp_path / "c.csv")]) == 2
    err = capsys.readouterr().err
    assert "E002" in err and "bad.txt" in err


def test_another_format_for_a_folder_is_e012(posts, tmp_path, capsys):
    assert main(["parse", str(posts), "--format", "csv", "-o", str(tmp_path / "c.csv")]) == 2
    assert "E012" in capsys.readouterr().err


def test_folder_format_on_a_file_is_e008(tmp_path, capsys):
    f = tmp_path / "one.txt"
    f.write_text("x", encoding="utf-8")
    assert main(["parse", str(f), "--format", "folder", "-o", str(tmp_path / "c.csv")]) == 2
    assert "E008" in capsys.readouterr().err
