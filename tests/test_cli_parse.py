"""``ldn-comments parse``: exit codes, one-line errors, no partial output, ``-o -``."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from ldn_comments.cli import main

REPO = Path(__file__).resolve().parents[1]
THREADS = REPO / "tests" / "fixtures" / "threads"


def test_parse_writes_a_csv_table(tmp_path, capsys):
    out = tmp_path / "comments.csv"
    assert main(["parse", str(THREADS / "thread_wordpress.html"), "-o", str(out)]) == 0
    table = pd.read_csv(out)
    assert table["author"].tolist()[:3] == ["Zoë Brandt", "Priya Nair", "Zoe Brandt"]
    assert table["depth"].tolist() == [0, 1, 2, 3, 0, 1, 0]
    assert capsys.readouterr().err == ""


def test_parse_to_stdout_is_jsonl(capsys):
    assert main(["parse", str(THREADS / "thread.txt"), "-o", "-"]) == 0
    lines = capsys.readouterr().out.splitlines()
    rows = [json.loads(line) for line in lines]
    assert [r["parent"] for r in rows] == [None, 1, 2, 3, None, 5, None]
    assert rows[0]["author"] == "Zoë Brandt"


def test_format_option_and_warning_line(tmp_path, capsys):
    out = tmp_path / "dump.jsonl"
    code = main(["parse", str(THREADS / "dump_reddit.ndjson"), "--format", "reddit-ndjson",
                 "-o", str(out)])
    assert code == 0 and out.exists()
    err = capsys.readouterr().err.splitlines()
    assert err == ["ldn-comments: warning: 1 comments reply to a comment not in the file; "
                   "kept as top level"]


def _bad_inputs(tmp_path):
    files = {
        "empty.csv": b"",
        "binary.csv": b"comment_id,text\n1,\x00\x00\n",
        "notext.csv": b"comment_id,author\n1,Ines\n",
        "cycle.csv": b"comment_id,parent_id,text\n1,2,a\n2,1,b\n",
        "unclosed.csv": b'comment_id,text\n1,"open\n',
        "dupe.jsonl": b'{"comment_id": 1, "text": "a"}\n{"comment_id": 1, "text": "b"}\n',
        "bad.jsonl": b'{"text": "a"}\nnot json\n',
        "nothing.txt": b"An article and no comments.\n",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    # A folder is read as documents (readers/folder.py): one with none of them is E013.
    (tmp_path / "no_documents").mkdir()
    (tmp_path / "no_documents" / "scan.pdf").write_bytes(b"%PDF")
    return [str(tmp_path / name) for name in files] + [str(tmp_path / "missing.csv"),
                                                        str(tmp_path / "no_documents")]


@pytest.mark.parametrize("index", range(10))
def test_bad_input_exits_2_with_one_line_and_no_output(tmp_path, capsys, index):
    bad = _bad_inputs(tmp_path)[index]
    out = tmp_path / "out" / "comments.csv"
    out.parent.mkdir()
    assert main(["parse", bad, "-o", str(out)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1, err
    assert err[0].startswith("ldn-comments: error: E0")
    assert list(out.parent.iterdir()) == []  # no output file, no temp file left


def test_bad_options_exit_2(tmp_path, capsys):
    out = tmp_path / "comments.csv"
    assert main(["parse", str(THREADS / "thread.csv"), "--format", "myspace",
                 "-o", str(out)]) == 2
    assert main(["parse", str(THREADS / "thread.txt"), "--drug-col", "drug",
                 "-o", str(out)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and all("E012" in line for line in err)
    assert not out.exists()


def test_subprocess_error_and_success(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    missing = subprocess.run([sys.executable, "-m", "ldn_comments", "parse",
                              str(tmp_path / "nope.txt"), "-o", str(tmp_path / "c.csv")],
                             capture_output=True, text=True, env=env, timeout=120)
    assert missing.returncode == 2
    assert missing.stderr.splitlines() == [
        f"ldn-comments: error: E008 the input file cannot be read: no such file, "
        f"{tmp_path / 'nope.txt'}; check the path and the file's permissions"]
    assert not (tmp_path / "c.csv").exists()
    ok = subprocess.run([sys.executable, "-m", "ldn_comments", "parse", "-", "-o", "-"],
                        input=(THREADS / "thread.csv").read_text(encoding="utf-8"),
                        capture_output=True, text=True, env=env, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert len(ok.stdout.splitlines()) == 7
