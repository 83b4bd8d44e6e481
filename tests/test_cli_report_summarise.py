"""The report and summarise commands and the global options: the surprises of issue 17.

Bugs 3 (``report -o -``), 4 (``--debug`` after the subcommand), 5 (a header with more
fields than its rows), 6 (``--version``); ``summarise -o`` and ``--unit``; several text
columns, a dose column and the rating scale of review tables.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from ldn_comments import __version__, extract, read_comments
from ldn_comments.cli import main
from ldn_comments.errors import InputError
from ldn_comments.readers.reviews import TEXT_SEPARATOR
from ldn_comments.summarise import summarise

REPO = Path(__file__).resolve().parents[1]
THREAD = REPO / "tests" / "fixtures" / "threads" / "thread.csv"
TWO_DRUGS = REPO / "tests" / "fixtures" / "reviews" / "two_drugs_drugscom.tsv"

# An AskaPatient-style export (invented text): ratings 1-5, side effects and comments in
# two columns, the dose and duration in a third.
ASKA_HEADER = ("RATING\tREASON\tSIDE EFFECTS FOR NALTREXONE\tCOMMENTS\tSEX\tAGE\t"
               "DURATION/DOSAGE\tDATE ADDED\n")
ASKA_ROWS = [
    ("4\tMS\tstrange dreams the first week\tMy legs feel steadier in the evening.\tF\t47\t"
     "4.5mg 1X D\t3/2/2015\n"),
    ("2\tRRMS\tsleep got worse\tNo change in my fatigue after three months.\tM\t39\t"
     "3 mg 1X D\t7/9/2016\n"),
]


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- bug 3: report -o - -----------------------------------------------------------------

def test_report_to_stdout_is_refused_and_makes_no_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["report", str(THREAD), "-o", "-"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ldn-comments: error: E012") and "a report is a folder" in err
    assert err.count("\n") == 1
    assert not (tmp_path / "-").exists()


def test_report_help_says_a_report_is_a_folder(capsys):
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "so '-' is refused" in text


# --- bug 4: --debug after the subcommand -------------------------------------------------

@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_before_or_after_the_subcommand(tmp_path, capsys, where):
    args = ["parse", str(THREAD), "-o", str(tmp_path / "c.csv")]
    argv = ["--debug", *args] if where == "before" else [*args, "--debug"]
    assert main(argv) == 0
    bad = ["parse", str(tmp_path / "missing.csv")]
    argv = ["--debug", *bad] if where == "before" else [*bad, "--debug"]
    assert main(argv) == 2
    assert "Traceback" in capsys.readouterr().err  # --debug took effect


# --- bug 6: --version ----------------------------------------------------------------------

def test_version_prints_the_version():
    done = subprocess.run([sys.executable, "-m", "ldn_comments", "--version"],
                          capture_output=True, text=True, timeout=120, cwd=REPO, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"ldn-comments {__version__}"


# --- bug 5: a header with more fields than its rows ------------------------------------------

def test_header_longer_than_rows_is_refused_not_misread(tmp_path, capsys):
    # Every row lacks one cell (SEX here): reading it would put AGE under SEX, and so on.
    rows = ["\t".join(r.rstrip("\n").split("\t")[:4] + r.rstrip("\n").split("\t")[5:]) + "\n"
            for r in ASKA_ROWS]
    path = _write(tmp_path, "aska.tsv", ASKA_HEADER + "".join(rows))
    with pytest.raises(InputError) as err:
        read_comments(path, text_col="comments")
    assert err.value.code == "E006" and "line 2" in str(err.value)
    assert "7 cells but the header names 8 columns" in str(err.value)
    assert main(["parse", str(path), "--text-col", "COMMENTS", "-o", "-"]) == 2
    assert "which one is missing cannot be told" in capsys.readouterr().err


def test_unnamed_index_column_left_out_of_rows_is_aligned(tmp_path):
    """pandas writes an index column with an empty name; rows without it are aligned, the
    one reading that keeps every named column (texts never read "F")."""
    path = _write(tmp_path, "r.csv", ",drug,text,sex\nLDN,helps my legs,F\nLDN,no change,M\n")
    t = read_comments(path)
    assert t["text"].tolist() == ["helps my legs", "no change"]
    assert t["sex"].tolist() == ["F", "M"]


def test_trailing_delimiter_on_the_header_names_no_column(tmp_path):
    path = _write(tmp_path, "r.csv", "drug,text,\nLDN,helps my legs\n")
    assert read_comments(path)["text"].tolist() == ["helps my legs"]


# --- several text columns, a dose column, the rating scale ----------------------------------

def test_several_text_columns_joined_and_evidence_points_into_text(tmp_path):
    path = _write(tmp_path, "aska.tsv", ASKA_HEADER + "".join(ASKA_ROWS))
    t = read_comments(path, text_col=["SIDE EFFECTS FOR NALTREXONE", "COMMENTS"],
                      drug="LDN")
    assert t.attrs["format"] == "askapatient"
    assert t.loc[0, "text"] == ("strange dreams the first week" + TEXT_SEPARATOR
                                + "My legs feel steadier in the evening.")
    records = extract(t)
    for text, evidence in zip(records["text"], records["evidence"]):
        for spans in evidence.values():
            for start, end, _rule in spans:
                assert 0 <= start < end <= len(text)
    # Each part is shown whole and in the order the columns were named.
    assert records.loc[1, "text"].split(TEXT_SEPARATOR) == [
        "sleep got worse", "No change in my fatigue after three months."]


def test_dose_column_is_read_as_a_stated_dose_with_evidence(tmp_path):
    path = _write(tmp_path, "aska.tsv", ASKA_HEADER + "".join(ASKA_ROWS))
    t = read_comments(path, text_col="COMMENTS", dose_col="DURATION/DOSAGE", drug="LDN")
    assert t.loc[0, "text"].endswith(TEXT_SEPARATOR + "4.5mg 1X D")
    records = extract(t)
    assert records.loc[0, "current_dose"] == 4.5 and records.loc[0, "dose_unit"] == "mg"
    (start, end, rule), = records.loc[0, "evidence"]["dose_values"]
    assert records.loc[0, "text"][start:end].startswith("4.5") and rule.startswith("dose.")
    assert records.loc[1, "current_dose"] == 3.0


def test_rating_scale_of_drugscom_is_1_to_10(capsys):
    assert main(["summarise", str(TWO_DRUGS), "--by", "drug"]) == 0
    out = capsys.readouterr().out
    assert "rating_scale" in out and "1-10" in out


def test_rating_scale_option_and_never_guessed(tmp_path, capsys):
    path = _write(tmp_path, "mine.csv", "medicine,body,rating\nLDN,On 3 mg and better,4\n"
                                        "Copaxone,Sore injections,2\n")
    args = ["summarise", str(path), "--text-col", "body", "--drug-col", "medicine",
            "--by", "drug"]
    assert main([*args, "--rating-scale", "1-5"]) == 0
    out = capsys.readouterr().out
    assert "1-5" in out and "1-10" not in out
    assert main(args) == 0  # no scale given: it is not guessed from the values
    out = capsys.readouterr().out
    assert "scale not stated" in out and "1-10" not in out


def test_askapatient_ratings_are_never_labelled_1_to_10(tmp_path, capsys):
    path = _write(tmp_path, "aska.tsv", ASKA_HEADER + "".join(ASKA_ROWS))
    assert main(["summarise", str(path), "--drug", "LDN", "--by", "drug"]) == 0
    out = capsys.readouterr().out
    assert "1-5" in out and "1-10" not in out


# --- summarise -o and --unit ----------------------------------------------------------------

def test_summarise_writes_a_csv_folder_with_the_label(tmp_path, capsys):
    out = tmp_path / "tables"
    assert main(["summarise", str(THREAD), "-o", str(out)]) == 0
    effect = pd.read_csv(out / "effect.csv")
    assert "persons_denominator" in effect.columns
    readme = (out / "README.txt").read_text(encoding="utf-8")
    assert readme.startswith("Uncontrolled, self-selected reports")
    assert json.loads((out / "metadata.json").read_text())["tables"]["effect"]["unit"] == "person"
    # An existing output is never replaced without --force.
    assert main(["summarise", str(THREAD), "-o", str(out)]) == 2
    assert "E009" in capsys.readouterr().err
    assert main(["summarise", str(THREAD), "-o", str(out), "--force", "--unit",
                 "comment"]) == 0
    assert pd.read_csv(out / "effect.csv").columns[1] == "comments"


def test_summarise_json_and_unit(tmp_path):
    out = tmp_path / "s.json"
    assert main(["summarise", str(THREAD), "-o", str(out), "--unit", "comment"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["unit"] == "comment" and data["label"].startswith("Uncontrolled")
    effect = data["tables"]["effect"]
    assert effect["unit"] == "comment" and effect["columns"][1] == "comments"
    records = extract(read_comments(THREAD))
    expected = summarise(records, unit="comment")["effect"]
    assert [row[1] for row in effect["rows"]] == expected["comments"].tolist()


def test_summarise_unit_changes_the_printed_counts(capsys):
    assert main(["summarise", str(THREAD), "--unit", "comment"]) == 0
    assert "Counts are per comment" in capsys.readouterr().out


# --- report --title and write_report's title ------------------------------------------------

def test_report_title_option(tmp_path):
    out = tmp_path / "r"
    assert main(["report", str(THREAD), "-o", str(out), "--title", "My <b>thread</b>"]) == 0
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<h1>My &lt;b&gt;thread&lt;/b&gt;</h1>" in html


def test_report_on_a_review_table_is_about_its_drugs(tmp_path):
    out = tmp_path / "r"
    assert main(["report", str(TWO_DRUGS), "-o", str(out)]) == 0
    md = (out / "report.md").read_text(encoding="utf-8")
    title = md.splitlines()[2]
    assert title.startswith("# ") and "Copaxone" in title and "thread" not in title
    assert "**Copaxone (glatiramer)**: reviewed by 5 people" in md


def test_report_unit_comment_counts_comments_in_the_headline(tmp_path):
    out = tmp_path / "r"
    assert main(["report", str(THREAD), "-o", str(out), "--unit", "comment"]) == 0
    md = (out / "report.md").read_text(encoding="utf-8")
    headline = md.split("## Contents")[0]
    assert " comments (" in headline and " people (" not in headline
    assert "Counts are per comment" in md
