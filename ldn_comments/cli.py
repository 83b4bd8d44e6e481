"""The ``ldn-comments`` command line.

Exit codes: 0 done; 2 bad input or usage (one line on stderr, no traceback); 1 a bug;
130 interrupted. Output files are written whole or not at all.
"""
from __future__ import annotations

import argparse
import os
import sys
import traceback
import warnings

from .errors import (
    LdnCommentsError,
    LdnCommentsWarning,
    UsageError,
    interrupted,
    remember_interrupts,
)

PROG = "ldn-comments"


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line and exit code 2."""

    def error(self, message):
        raise UsageError("E012", message)


def _add_input(p: argparse.ArgumentParser) -> None:
    p.add_argument("input", metavar="INPUT", help="a thread or review file; '-' for stdin")
    p.add_argument("--format", dest="fmt", default=None,
                   help="input format (default: chosen from content and suffix): "
                        "text, csv, jsonl, wordpress-html, wxr, reddit-json, reddit-ndjson, "
                        "drugscom, webmd, askapatient, reviews")
    g = p.add_argument_group("review tables (any layout, by naming its columns)")
    g.add_argument("--text-col", dest="text_col", default=None, metavar="NAME",
                   action="append",
                   help="the column holding the text; give it more than once to read "
                        "several columns (e.g. side effects, then comments): their texts "
                        "are joined with a line '· · ·' between them")
    for col in ("drug", "condition", "id", "date", "author"):
        g.add_argument(f"--{col}-col", dest=f"{col}_col", default=None, metavar="NAME",
                       help=f"the column holding the {col}")
    g.add_argument("--dose-col", dest="dose_col", default=None, metavar="NAME",
                   help="a column holding the reviewer's stated dose: its cell is read, as "
                        "written, as the last part of the text (after '· · ·'), so a dose "
                        "found there has evidence like any other value")
    g.add_argument("--rating-scale", dest="rating_scale", default=None, metavar="SCALE",
                   help="the scale of the table's ratings, e.g. 1-5 or 1-10 (default: from "
                        "the layout: Drugs.com 1-10, WebMD and AskaPatient 1-5; otherwise "
                        "not stated)")
    p.add_argument("--condition", default=None, metavar="NAME",
                   help="keep only reviews for this condition (e.g. 'ms')")
    p.add_argument("--drug", default=None, metavar="NAME",
                   help="the drug a whole thread is about ('this drug', 'it' mean it)")
    # Global options are also accepted after the subcommand (the error line says "run
    # again with --debug", and people add it at the end).
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                   help="show tracebacks")


#: The overwrite policy, the same for every command that writes files: an existing output
#: is never replaced unless --force is given (E009 names it otherwise). Standard output
#: (``-o -``) is never refused. With --force the old output stays whole until the new one
#: is complete, because every file is written to a temporary file and renamed.
OVERWRITE_POLICY = ("Existing output is never overwritten without --force (error E009); "
                    "'-o -' (standard output) is always allowed. Outputs are written to a "
                    "temporary file and renamed, so a failed or interrupted run leaves the "
                    "old output whole and no partial file.")


def _add_output(p: argparse.ArgumentParser, default: str | None, help_: str,
                force_help: str = "overwrite an existing output file (default: refuse "
                                  "with E009)") -> None:
    p.add_argument("-o", "--output", default=default, help=help_)
    p.add_argument("--force", action="store_true", help=force_help)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (one subcommand per stage)."""
    parser = _Parser(prog=PROG, description="Patient comment threads about low-dose "
                     "naltrexone in MS, as labelled structured records. The records are "
                     "uncontrolled, self-selected reports, not evidence that LDN works.",
                     epilog="Exit codes: 0 done; 2 bad input or usage (one line "
                     "'ldn-comments: error: E0xx ...'); 1 a bug (traceback with --debug); "
                     "130 interrupted. " + OVERWRITE_POLICY)
    from . import __version__

    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("parse", help="read a thread into a comment table",
                       epilog=OVERWRITE_POLICY)
    _add_input(p)
    _add_output(p, None, "comment table: .csv (default), .jsonl or .parquet; '-' = stdout")

    p = sub.add_parser("extract", help="extract one record per comment")
    _add_input(p)
    _add_output(p, "-", "records: .jsonl (default stdout), .csv or .parquet")
    p.add_argument("--jobs", type=int, default=1, help="worker processes (-1 = all cores)")
    p.add_argument("--chunksize", type=int, default=None,
                   help="comments per chunk (default: 5000; with --jobs, smaller for small "
                        "inputs so that every worker gets chunks)")
    prog = p.add_mutually_exclusive_group()
    prog.add_argument("--progress", dest="progress", action="store_true", default=None,
                      help="show a progress bar on stderr")
    prog.add_argument("--no-progress", dest="progress", action="store_false",
                      help="never show a progress bar")

    p = sub.add_parser("evaluate", help="score records against gold, per field; or check "
                       "the extracted effect against the writers' own ratings")
    _add_input(p)
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--gold", default=None, help="gold records (JSONL): score every field")
    target.add_argument("--rating-col", dest="rating_col", default=None, metavar="COL",
                        help="a review table's rating column: how often the reviewed drug's "
                             "effect is filled and agrees with the writer's rating (the "
                             "middle of the scale is not scored; the scale is --rating-scale "
                             "1-10 or 1-5, else the layout's, else 1-10: low 1-4, high 7-10; "
                             "1-5: low 1-2, high 4-5)")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")

    p = sub.add_parser("summarise", aliases=["summarize"], help="print labelled summary tables",
                       epilog=OVERWRITE_POLICY)
    _add_input(p)
    p.add_argument("--by", default=None, choices=["drug"], help="one row per reviewed drug")
    p.add_argument("--unit", default="person", choices=["person", "comment"],
                   help="what one count is (default: person; the other unit is shown "
                        "beside it)")
    _add_output(p, "-", "where the tables go: '-' prints them as text (default); a name "
                        "ending .json writes one JSON file (label, unit, every table); "
                        "any other name is a folder of CSV files with README.txt and "
                        "metadata.json carrying the label")

    p = sub.add_parser("report", help="write report.html, report.md, figures/ and tables/",
                       epilog=OVERWRITE_POLICY)
    _add_input(p)
    _add_output(p, "reports", "output folder (default: reports/). A report is a folder "
                              "(report.html, report.md, figures/, tables/), so '-' is "
                              "refused (E012); for text on standard output use "
                              "'ldn-comments summarise'",
                force_help="replace a report already in the folder (default: refuse with "
                           "E009 when report.html or report.md is there)")
    p.add_argument("--title", default=None, help="the report's title (default: from the "
                                                "drugs and source in the input)")
    p.add_argument("--unit", default="person", choices=["person", "comment"],
                   help="what one count is in the headline and tables (default: person)")
    return parser


def _read(args):
    from .readers import read_comments

    kwargs = {k: getattr(args, f"{k}_col") for k in ("text", "drug", "condition", "id",
                                                      "date", "author", "dose")}
    kwargs = {f"{k}_col": v for k, v in kwargs.items() if v is not None}
    if kwargs.get("text_col") and len(kwargs["text_col"]) == 1:
        kwargs["text_col"] = kwargs["text_col"][0]
    if args.rating_scale:
        kwargs["rating_scale"] = args.rating_scale
    if args.condition:
        kwargs["condition"] = args.condition
    if args.drug:
        kwargs["drug"] = args.drug
    return read_comments(args.input, format=args.fmt, **kwargs)


def _records(args):
    """Records for INPUT: extracted from a thread, or read back if already extracted."""
    from .records import is_records_file, read_records
    from .run import extract

    if args.input != "-" and is_records_file(args.input):
        return read_records(args.input)
    return extract(_read(args), drug=args.drug)


def _cmd_parse(args) -> int:
    from .output import write_table

    comments = _read(args)
    out = args.output or "comments.csv"
    write_table(comments, out, force=args.force or out == "-")
    return 0


def _cmd_extract(args) -> int:
    from .run import extract_to

    extract_to(args, read=_read)
    return 0


def _cmd_evaluate(args) -> int:
    from .evaluate import evaluate, format_scores, read_gold

    if args.rating_col is not None:
        from .rating_check import format_rating_check, rating_check

        records = _records(args)
        check = rating_check(records, args.rating_col, scale=_rating_scale(args, records))
        sys.stdout.write(format_rating_check(check, as_json=args.json))
        return 0
    gold = read_gold(args.gold)
    scores = evaluate(gold, _records(args))
    sys.stdout.write(format_scores(scores, as_json=args.json))
    return 0


def _rating_scale(args, records) -> str:
    """The scale of --rating-col: --rating-scale, else the layout's (the readers' rating_scale
    column: Drugs.com 1-10, WebMD 1-5), else 1-10."""
    if args.rating_scale:
        return str(args.rating_scale).strip()
    if "rating_scale" in records:
        known = records["rating_scale"].dropna()
        if len(known):
            return str(known.iloc[0])
    return "1-10"


def _cmd_summarise(args) -> int:
    from .summarise import summarise, write_summary

    summary = summarise(_records(args), by=args.by, unit=args.unit)
    if args.output in (None, "-"):
        sys.stdout.write(summary.to_text())
        return 0
    write_summary(summary, args.output, force=args.force)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def _cmd_report(args) -> int:
    from .report import write_report

    if str(args.output).strip() == "-":
        raise UsageError("E012", "a report is a folder (report.html, report.md, figures/, "
                                 "tables/) and cannot go to standard output ('-o -'); name "
                                 "a folder, or print tables with 'ldn-comments summarise'")
    records = _records(args)
    write_report(records, args.output, force=args.force, source=args.input,
                 title=args.title, unit=args.unit)
    out = str(args.output).rstrip("/\\") or "."
    print(f"wrote {out}/report.html, report.md, figures/ and tables/", file=sys.stderr)
    return 0


COMMANDS = {"parse": _cmd_parse, "extract": _cmd_extract, "evaluate": _cmd_evaluate,
            "summarise": _cmd_summarise, "summarize": _cmd_summarise, "report": _cmd_report}


def _show_warning(message, category, filename, lineno, file=None, line=None):
    text = " ".join(str(message).split())
    if issubclass(category, LdnCommentsWarning):
        print(f"{PROG}: warning: {text}", file=sys.stderr)
    else:  # library warnings are not the user's business unless debugging
        if "--debug" in sys.argv:
            print(f"{PROG}: {category.__name__}: {text}", file=sys.stderr)


def _interrupted() -> int:
    """Say the run was interrupted; the exit code for it."""
    print(f"{PROG}: interrupted; no partial output was left", file=sys.stderr)
    return 130


def main(argv=None) -> int:
    """Run the command line; return the exit code.

    Examples
    --------
    >>> main(["parse"])  # doctest: +SKIP
    2
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    debug = "--debug" in argv
    parser = build_parser()
    old_show = warnings.showwarning
    warnings.showwarning = _show_warning
    # The whole of main, handlers included, is inside the block: they ask whether Ctrl-C
    # was pressed, and the block forgets it on the way out.
    with remember_interrupts():
        try:
            args = parser.parse_args(argv)
            code = COMMANDS[args.command](args)
            if interrupted():  # pressed, but a library swallowed the KeyboardInterrupt
                raise KeyboardInterrupt
            return code
        except LdnCommentsError as exc:
            if debug:
                traceback.print_exc()
            print(f"{PROG}: error: {exc.explain()}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            return _interrupted()
        except BrokenPipeError:
            return 0
        except Exception as bug:  # a bug: say so, and show the traceback only when asked
            if interrupted():  # e.g. an import cut short by Ctrl-C fails as an ImportError
                return _interrupted()
            if debug:
                traceback.print_exc()
            else:
                print(f"{PROG}: internal error ({type(bug).__name__}: {bug}); "
                      "run again with --debug for the traceback", file=sys.stderr)
            return 1
        finally:
            warnings.showwarning = old_show


def run() -> None:
    """Entry point of the ``ldn-comments`` script and ``python -m ldn_comments``.

    Exits with :func:`main`'s code. An interrupted run leaves at once, after flushing:
    when a Ctrl-C lands while a library's C code is running Python source (an extension's
    import-time snippet), CPython remembers the KeyboardInterrupt as unhandled even though
    :func:`main` handled it, and at shutdown would kill the process by SIGINT instead of
    exiting with 130 (seen about once in 300 interrupts during the imports).
    """
    code = main()
    if code == 130:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):  # a closed pipe: nothing more can be said
                pass
        os._exit(130)
    sys.exit(code)
