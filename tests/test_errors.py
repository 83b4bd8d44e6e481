"""The error catalogue and how the command line shows errors and bugs."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ldn_comments import cli
from ldn_comments.cli import main
from ldn_comments.errors import (CATALOGUE, HINTS, InputError, LdnCommentsError, OutputError,
                                 RulesError, UsageError)

REPO = Path(__file__).resolve().parents[1]
THREADS = REPO / "tests" / "fixtures" / "threads"

#: The codes as published. Codes are never renumbered or reused: a new problem gets E016.
PUBLISHED = {
    "E001": "the input is empty",
    "E002": "the input is not text (binary or undecodable)",
    "E003": "the input format is unknown or unsupported",
    "E004": "a required column is missing",
    "E005": "the reply structure is broken (a parent cycle or self-reply)",
    "E006": "the input is malformed",
    "E007": "an id is duplicated",
    "E008": "the input file cannot be read",
    "E009": "the output cannot be written",
    "E010": "the gold file does not match the records",
    "E011": "a lexicon or rule file is invalid",
    "E012": "an option is invalid",
    "E013": "the input holds no comments",
    "E014": "an XML entity declaration was refused",
    "E015": "a value has the wrong type",
}


def test_codes_are_stable():
    for code, meaning in PUBLISHED.items():
        assert CATALOGUE[code] == meaning
    assert list(CATALOGUE) == sorted(CATALOGUE)
    assert set(HINTS) == set(CATALOGUE)  # every code says what to do


def test_unknown_code_is_a_bug():
    with pytest.raises(ValueError):
        InputError("E999", "x")


def test_message_names_what_where_and_what_to_do():
    err = InputError("E006", "an unclosed\nquote", source="t.csv", where="line 7")
    assert str(err) == "E006 the input is malformed: an unclosed quote, t.csv line 7"
    assert err.explain() == (
        "E006 the input is malformed: an unclosed quote, t.csv line 7; "
        "fix the file at that place or export it again")
    assert "\n" not in err.explain()
    assert InputError("E001", hint="try again").explain() == "E001 the input is empty; try again"


def test_family():
    assert issubclass(InputError, ValueError) and issubclass(UsageError, ValueError)
    assert issubclass(OutputError, OSError) and issubclass(RulesError, ValueError)
    for cls in (InputError, UsageError, OutputError, RulesError):
        assert issubclass(cls, LdnCommentsError)
        assert cls("E012").code == "E012"


def test_debug_shows_the_traceback_and_still_one_error_line(tmp_path, capsys):
    missing = str(tmp_path / "nope.csv")
    assert main(["parse", missing, "-o", str(tmp_path / "c.csv")]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert main(["--debug", "parse", missing, "-o", str(tmp_path / "c.csv")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):")
    assert "InputError: E008" in err
    assert err.splitlines()[-1].startswith("ldn-comments: error: E008 ")
    assert list(tmp_path.iterdir()) == []


def _bug(args):
    raise RuntimeError("an invariant broke")


def test_any_other_exception_is_a_bug_exit_1(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(cli.COMMANDS, "parse", _bug)
    argv = ["parse", str(THREADS / "thread.csv"), "-o", str(tmp_path / "c.csv")]
    assert main(argv) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == ["ldn-comments: internal error (RuntimeError: an invariant broke); "
                   "run again with --debug for the traceback"]
    assert main(["--debug", *argv]) == 1
    err = capsys.readouterr().err
    assert "Traceback (most recent call last):" in err and "RuntimeError" in err


def test_debug_through_python_m(tmp_path):
    run = subprocess.run([sys.executable, "-m", "ldn_comments", "--debug", "parse",
                          str(tmp_path / "nope.csv")], capture_output=True, text=True,
                         timeout=120, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert run.returncode == 2
    assert "Traceback (most recent call last):" in run.stderr
    assert run.stderr.splitlines()[-1].startswith("ldn-comments: error: E008 ")
