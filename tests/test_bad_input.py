"""The bad-input suite: every way a file can be wrong fails loudly, with one line and no output.

Each error case runs the real command line in-process (``main([...])``) and asserts: exit
code 2, exactly one stderr line ``ldn-comments: error: E0xx ...`` naming the code (and the
input file where there is one), no traceback, and nothing in the output folder (no output
file, no ``.part`` temp file). A handful run through ``python -m ldn_comments`` as well.
The inputs that are odd but valid (encodings, line ends, sizes, missing parents) exit 0
with the right table; the decisions they pin down:

* latin-1/cp1252 is read **with a warning** (one ``ldn-comments: warning:`` line), because
  an old export is far more likely to be cp1252 than binary; UTF-16 needs its BOM (without
  one the NUL bytes make it binary, E002).
* an existing output is never overwritten without ``--force`` (E009), for every command.
"""
from __future__ import annotations

import codecs
import io
import os
import struct
import subprocess
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd
import pytest

from ldn_comments.cli import main

REPO = Path(__file__).resolve().parents[1]
THREADS = REPO / "tests" / "fixtures" / "threads"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

#: Comments in the generated "many tiny comments" input. One million parse in about 20 s
#: on the development machine (measured: 19-22 s for `python -m ldn_comments parse`), which
#: would double the suite; the test uses 200 000 unless LDN_TINY_COMMENTS says otherwise.
TINY_N = int(os.environ.get("LDN_TINY_COMMENTS", "200000"))

CSV_HEAD = "comment_id,parent_id,author,text\n"


def png_bytes() -> bytes:
    """A real 1x1 PNG (signature, IHDR, IDAT, IEND)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
              for i in range(1, 10))
    + ']>\n<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><wp:comment>'
    '<wp:comment_id>1</wp:comment_id><wp:comment_content>&lol9;</wp:comment_content>'
    '</wp:comment></item></channel></rss>\n')

XXE = ('<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
       '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><wp:comment>'
       '<wp:comment_id>1</wp:comment_id><wp:comment_content>&x;</wp:comment_content>'
       '</wp:comment></item></channel></rss>\n')


@dataclass
class Env:
    """An input folder and an empty output folder, both in tmp_path."""

    inp: Path
    out: Path

    def file(self, name: str, data: bytes | str) -> str:
        path = self.inp / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return str(path)


@dataclass
class Case:
    code: str
    argv: Callable[[Env], list[str]]
    names_input: bool = True  # the message names the input file


def _parse(name, data, *extra):
    return lambda env: ["parse", env.file(name, data), "-o", str(env.out / "comments.csv"),
                        *extra]


def _truncated_wxr(env):
    whole = (THREADS / "thread_export.xml").read_text(encoding="utf-8")
    return ["parse", env.file("export.xml", whole[: len(whole) // 2]),
            "-o", str(env.out / "comments.csv")]


def _existing_output(env):
    (env.out / "comments.csv").write_text("precious, hand-edited\n", encoding="utf-8")
    return ["parse", str(THREADS / "thread.csv"), "-o", str(env.out / "comments.csv")]


def _existing_report(env):
    (env.out / "report").mkdir()
    (env.out / "report" / "report.html").write_text("an earlier report", encoding="utf-8")
    return ["report", str(THREADS / "thread.csv"), "-o", str(env.out / "report")]


def _gold_mismatch(env):
    gold = env.file("gold.jsonl", '{"position": 901, "ldn_use": "current"}\n'
                                  '{"position": 902, "ldn_use": "none"}\n')
    return ["evaluate", str(THREADS / "thread.csv"), "--gold", gold]


CASES: dict[str, Case] = {
    "empty file": Case("E001", _parse("empty.csv", b"")),
    "only whitespace": Case("E001", _parse("blank.txt", b"  \n\t\n \r\n\r\n")),
    "binary file": Case("E002", _parse("blob.dat", bytes(range(256)) * 8)),
    "PNG renamed .csv": Case("E002", _parse("picture.csv", png_bytes())),
    "UTF-16 without a BOM": Case("E002", _parse(
        "utf16.csv", (CSV_HEAD + "1,,Ines,LDN 4.5 mg\n").encode("utf-16-le"))),
    "UTF-8 BOM then invalid bytes": Case("E002", _parse(
        "badbom.csv", codecs.BOM_UTF8 + b"comment_id,text\n1,\xff\xfe\xfd\n")),
    "not UTF-8 and control characters": Case("E002", _parse(
        "ctrl.csv", b"comment_id,text\n1,caf\xe9 \x01\x02\x03\n")),
    "unknown format": Case("E003", _parse("notes.dat", "Just notes to self about LDN.\n")),
    "CSV without a text column": Case("E004", _parse(
        "notext.csv", "comment_id,parent_id,author,body\n1,,Ines,LDN\n")),
    "JSONL object without text": Case("E004", _parse(
        "notext.jsonl", '{"comment_id": 1, "text": "a"}\n{"comment_id": 2, "body": "b"}\n')),
    "Reddit dump line without body": Case("E004", _parse(
        "dump.ndjson", '{"id": "a", "parent_id": "t3_p", "author": "x"}\n',
        "--format", "reddit-ndjson")),
    "parent cycle": Case("E005", _parse(
        "cycle.csv", CSV_HEAD + "1,,A,a\n2,4,B,b\n3,2,C,c\n4,3,D,d\n")),
    "own parent": Case("E005", _parse("self.csv", CSV_HEAD + "1,,A,a\n2,2,B,b\n")),
    "malformed CSV (unclosed quote)": Case("E006", _parse(
        "unclosed.csv", CSV_HEAD + '1,,A,"fine"\n2,,B,"never closed\n3,,C,c\n')),
    "CSV row with more cells than columns": Case("E006", _parse(
        "cells.csv", CSV_HEAD + "1,,A,4,5 mg\n")),
    "JSONL line that is not JSON": Case("E006", _parse(
        "bad.jsonl", '{"text": "a"}\n{"text": "b",\n')),
    "JSONL with a list instead of an object": Case("E006", _parse(
        "list.jsonl", '{"text": "a"}\n["text", "b"]\n')),
    "Reddit JSON that is not a listing": Case("E006", _parse(
        "thread.json", '{"kind": "t3", "data": {}}', "--format", "reddit-json")),
    "truncated WXR XML": Case("E006", _truncated_wxr),
    "duplicate comment_id": Case("E007", _parse(
        "dupe.csv", CSV_HEAD + "c1,,A,a\nc2,c1,B,b\nc1,,C,c\n")),
    # A folder is read as documents, one comment per .txt/.md/.html file (folder.py).
    "folder with no documents as INPUT": Case("E013", lambda env: [
        "parse", str(env.inp), "-o", str(env.out / "comments.csv")]),
    "missing file": Case("E008", lambda env: [
        "parse", str(env.inp / "nope.csv"), "-o", str(env.out / "comments.csv")]),
    "output in a missing folder": Case("E009", lambda env: [
        "parse", str(THREADS / "thread.csv"), "-o", str(env.out / "no" / "such" / "c.csv")],
        names_input=False),
    "output that exists (no --force)": Case("E009", _existing_output, names_input=False),
    "report over an existing report (no --force)": Case(
        "E009", _existing_report, names_input=False),
    "report folder that is a file": Case("E009", lambda env: [
        "report", str(THREADS / "thread.csv"), "-o", env.file("report", "a file")],
        names_input=False),
    "unknown output suffix": Case("E009", lambda env: [
        "parse", str(THREADS / "thread.csv"), "-o", str(env.out / "comments.xlsx")],
        names_input=False),
    "gold with positions that do not match": Case("E010", _gold_mismatch, names_input=False),
    "unknown --format": Case("E012", lambda env: [
        "parse", str(THREADS / "thread.csv"), "--format", "myspace",
        "-o", str(env.out / "comments.csv")], names_input=False),
    "option that does not apply to the format": Case("E012", lambda env: [
        "parse", str(THREADS / "thread.txt"), "--text-col", "body",
        "-o", str(env.out / "comments.csv")]),
    "no command": Case("E012", lambda env: [], names_input=False),
    "HTML with no comments": Case("E013", _parse(
        "page.html", "<html><head><title>LDN</title></head><body><p>No comments yet.</p>"
                     "</body></html>\n")),
    "CSV with a header only": Case("E013", _parse("header.csv", CSV_HEAD)),
    "WXR export without comments": Case("E013", _parse(
        "empty.xml", '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>'
                     '<title>LDN</title></item></channel></rss>\n')),
    "XML billion laughs": Case("E014", _parse("bomb.xml", BILLION_LAUGHS)),
    "XML external entity": Case("E014", _parse("xxe.xml", XXE)),
}


def _env(tmp_path) -> Env:
    env = Env(tmp_path / "in", tmp_path / "out")
    env.inp.mkdir()
    env.out.mkdir()
    return env


def _leftovers(folder: Path, before: set) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                  if p.relative_to(folder) not in before)


def _snapshot(folder: Path) -> set:
    return {p.relative_to(folder) for p in folder.rglob("*")}


def assert_one_error_line(err: str, code: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    line = lines[0]
    assert line.startswith(f"ldn-comments: error: {code} "), line
    assert "Traceback" not in err and "File \"" not in err
    return line


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input(name, tmp_path, capsys):
    case = CASES[name]
    env = _env(tmp_path)
    argv = case.argv(env)
    before = _snapshot(env.out)
    capsys.readouterr()
    code = main(argv)
    captured = capsys.readouterr()
    assert code == 2, captured.err
    line = assert_one_error_line(captured.err, case.code)
    assert captured.out == ""
    if case.names_input:
        assert Path(argv[1]).name in line, line
    assert _leftovers(env.out, before) == []
    print(f"{name}: {line}")  # shown with -rP: one clear line per case


def test_suite_covers_every_input_error_code():
    codes = {case.code for case in CASES.values()}
    assert {f"E{n:03d}" for n in range(1, 15)} - {"E011"} <= codes


def test_empty_standard_input(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8"))
    assert main(["parse", "-", "-o", str(tmp_path / "c.csv")]) == 2
    line = assert_one_error_line(capsys.readouterr().err, "E001")
    assert "<stdin>" in line
    assert list(tmp_path.iterdir()) == []


def test_unreadable_file(tmp_path, capsys, monkeypatch):
    env = _env(tmp_path)
    locked = Path(env.file("locked.csv", (THREADS / "thread.csv").read_bytes()))
    locked.chmod(0)
    if IS_ROOT:  # root reads any file: make reading it fail as it would for anyone else
        real = Path.read_bytes

        def read_bytes(self):
            if self == locked:
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)
        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    try:
        assert main(["parse", str(locked), "-o", str(env.out / "c.csv")]) == 2
    finally:
        locked.chmod(0o644)
    line = assert_one_error_line(capsys.readouterr().err, "E008")
    assert "Permission denied" in line and "locked.csv" in line
    assert list(env.out.iterdir()) == []


@pytest.mark.skipif(IS_ROOT, reason="root can write into a read-only folder; see the /sys case")
def test_output_into_a_read_only_folder(tmp_path, capsys):
    env = _env(tmp_path)
    env.out.chmod(0o555)
    try:
        assert main(["parse", str(THREADS / "thread.csv"), "-o", str(env.out / "c.csv")]) == 2
        assert main(["report", str(THREADS / "thread.csv"), "-o", str(env.out / "r")]) == 2
    finally:
        env.out.chmod(0o755)
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and all(line.startswith("ldn-comments: error: E009 ")
                                   for line in lines), lines
    assert list(env.out.iterdir()) == []


@pytest.mark.skipif(not Path("/sys").is_dir(), reason="no /sys (not Linux)")
def test_output_into_a_read_only_filesystem(capsys):
    # sysfs refuses new files even to root: a read-only place on any Linux machine.
    target = Path("/sys/ldn-comments-test.csv")
    assert main(["parse", str(THREADS / "thread.csv"), "-o", str(target)]) == 2
    line = assert_one_error_line(capsys.readouterr().err, "E009")
    assert str(target) in line
    assert not target.exists()


# --- odd but valid: exit 0, the right table, at most a warning ---------------------------

def _parse_ok(tmp_path, capsys, name, data, *extra):
    env = _env(tmp_path)
    out = env.out / "comments.csv"
    capsys.readouterr()
    code = main(["parse", env.file(name, data), "-o", str(out), *extra])
    err = capsys.readouterr().err
    assert code == 0, err
    assert [p.name for p in env.out.iterdir()] == ["comments.csv"]  # no .part left
    table = pd.read_csv(out, dtype={"text": str, "author": str, "comment_id": str},
                        keep_default_na=False)
    return table, err.splitlines()


def test_latin1_is_read_with_one_warning(tmp_path, capsys):
    data = (CSV_HEAD + '1,,Zoë Brandt,"Céline: 4,5 mg – très bien"\n').encode("cp1252")
    table, err = _parse_ok(tmp_path, capsys, "latin1.csv", data)
    assert table.loc[0, "author"] == "Zoë Brandt"
    assert table.loc[0, "text"] == "Céline: 4,5 mg – très bien"
    assert len(err) == 1 and err[0].startswith("ldn-comments: warning: ") and "cp1252" in err[0]


def test_pure_latin1_bytes(tmp_path, capsys):
    data = (CSV_HEAD + "1,,Zoë,naïve façade\n").encode("latin-1")
    table, err = _parse_ok(tmp_path, capsys, "latin1.csv", data)
    assert table.loc[0, "text"] == "naïve façade" and len(err) == 1


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be"])
def test_byte_order_marks(tmp_path, capsys, encoding):
    raw = (CSV_HEAD + "1,,Zoë,LDN 4.5 mg\n").encode(encoding)
    if encoding == "utf-16-be":
        raw = codecs.BOM_UTF16_BE + raw
    table, err = _parse_ok(tmp_path, capsys, "bom.csv", raw)
    assert list(table.columns[:3]) == ["position", "parent", "comment_id"]
    assert table.loc[0, "comment_id"] == "1" and table.loc[0, "text"] == "LDN 4.5 mg"
    assert err == []


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_lone_cr(tmp_path, capsys, newline):
    text = (THREADS / "thread.txt").read_text(encoding="utf-8")
    table, err = _parse_ok(tmp_path, capsys, "thread.txt", text.replace("\n", newline))
    assert len(table) == 7 and err == []
    assert not table["text"].str.contains("\r").any()
    assert table["depth"].tolist() == [0, 1, 2, 3, 0, 1, 0]


def test_a_10_mb_comment(tmp_path, capsys):
    body = ("LDN 4.5 mg, \"quoted\", and more; " * 320_000)[:10_000_000].strip()
    data = CSV_HEAD + f'1,,Ines,"{body.replace(chr(34), chr(34) * 2)}"\n2,1,Ola,short\n'
    table, err = _parse_ok(tmp_path, capsys, "huge.csv", data)
    assert len(table) == 2 and table.loc[0, "text"] == body and err == []


def test_many_tiny_comments(tmp_path, capsys):
    lines = [f"{i},{i - 1 if i % 3 == 0 else ''},u{i % 97},ok\n" for i in range(1, TINY_N + 1)]
    table, err = _parse_ok(tmp_path, capsys, "tiny.csv", CSV_HEAD + "".join(lines))
    assert len(table) == TINY_N  # one record per comment
    assert table["position"].tolist() == list(range(1, TINY_N + 1))
    assert err == []


def test_missing_parent_warns_and_keeps_the_comment(tmp_path, capsys):
    data = CSV_HEAD + "1,,A,a\n2,deleted-99,B,b\n3,2,C,c\n"
    table, err = _parse_ok(tmp_path, capsys, "orphan.csv", data)
    assert table["comment_id"].tolist() == ["1", "2", "3"]
    assert table["parent"].tolist() == ["", "", "2"]
    assert table["depth"].tolist() == [0, 0, 1]
    assert table.loc[1, "parent_id"] == "deleted-99"
    assert err == ["ldn-comments: warning: 1 comments reply to a comment not in the file; "
                   "kept as top level"]


def test_force_overwrites_whole(tmp_path, capsys):
    env = _env(tmp_path)
    out = env.out / "comments.csv"
    out.write_text("old\n", encoding="utf-8")
    assert main(["parse", str(THREADS / "thread.csv"), "-o", str(out), "--force"]) == 0
    assert len(pd.read_csv(out)) == 7
    assert [p.name for p in env.out.iterdir()] == ["comments.csv"]
    report = env.out / "report"
    assert main(["report", str(THREADS / "thread.csv"), "-o", str(report)]) == 0
    assert main(["report", str(THREADS / "thread.csv"), "-o", str(report), "--force"]) == 0
    assert not [p for p in env.out.rglob("*.part")]


def test_overwrite_policy_is_in_the_help(capsys):
    for command in ("parse", "report"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        text = " ".join(capsys.readouterr().out.split())
        assert "never overwritten without --force" in text


# --- the installed entry point: exit code and one stderr line ----------------------------

SUBPROCESS_CASES = ["empty file", "PNG renamed .csv", "XML billion laughs",
                    "output that exists (no --force)", "unknown --format", "parent cycle"]


@pytest.mark.parametrize("name", SUBPROCESS_CASES)
def test_bad_input_through_python_m(name, tmp_path):
    case = CASES[name]
    env = _env(tmp_path)
    argv = case.argv(env)
    before = _snapshot(env.out)
    run = subprocess.run([sys.executable, "-m", "ldn_comments", *argv], capture_output=True,
                         text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert run.returncode == 2, run.stderr
    assert_one_error_line(run.stderr, case.code)
    assert run.stdout == ""
    assert _leftovers(env.out, before) == []
