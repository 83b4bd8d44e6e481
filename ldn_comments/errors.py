"""One exception family with stable codes, in the manner of spaCy's error catalogue.

Every problem that a user can fix (a bad file, a wrong option, an unwritable output)
raises :class:`LdnCommentsError` with a code from :data:`CATALOGUE`. ``str(err)`` says what
is wrong and where (file, line or row); :meth:`LdnCommentsError.explain` adds what to do
(:data:`HINTS`). The command line prints ``ldn-comments: error: <explain()>`` as one line
and exits with code 2; any other exception is a bug (exit 1).

Examples
--------
>>> err = InputError("E004", "no 'text' column", source="comments.csv", where="line 1")
>>> str(err)
"E004 a required column is missing: no 'text' column, comments.csv line 1"
>>> err.code
'E004'
>>> err.explain().split("; ")[1]
'name the column that holds the comment text with --text-col'
"""
from __future__ import annotations

import contextlib
import signal
import sys
import threading
import warnings
from collections.abc import Iterator

#: Stable error codes and their short meaning. Codes are never reused or renumbered.
CATALOGUE: dict[str, str] = {
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

#: What to do about each code: the end of the command line's error line. A detail that
#: already says what to do (``use --force``, ``name it with --format``) replaces it.
HINTS: dict[str, str] = {
    "E001": "give a file that holds comments",
    "E002": "save the file as UTF-8 text (CSV, JSONL, HTML, XML or the text layout)",
    "E003": "name the format with --format",
    "E004": "name the column that holds the comment text with --text-col",
    "E005": "fix the parent ids so that no comment is its own ancestor",
    "E006": "fix the file at that place or export it again",
    "E007": "give every comment its own comment_id",
    "E008": "check the path and the file's permissions",
    "E009": "choose another output path, or create its folder",
    "E010": "check that the gold file belongs to this thread",
    "E011": "fix the lexicon or rule file",
    "E012": "see ldn-comments --help",
    "E013": "check that this is the thread you meant, or name its format with --format",
    "E014": "remove the DOCTYPE's entity declarations from the file",
    "E015": "check the value's type",
}

#: Words by which a detail shows that it already says what to do.
_INSTRUCTS = ("--", " use ", "(use ", "install ")


class LdnCommentsError(Exception):
    """A problem the user can fix; the command line maps it to exit code 2.

    Parameters
    ----------
    code : str
        A key of :data:`CATALOGUE` (``"E001"`` ...).
    detail : str, optional
        What exactly is wrong, in a few words.
    source : str, optional
        The file (or ``"<stdin>"``) the problem is in.
    where : str, optional
        Line, row or record number, where known (``"line 3"``).
    hint : str, optional
        What to do (default: :data:`HINTS` for the code).
    """

    def __init__(self, code: str, detail: str | None = None, *, source: str | None = None,
                 where: str | None = None, hint: str | None = None):
        if code not in CATALOGUE:
            raise ValueError(f"unknown error code {code!r}")
        self.code = code
        self.detail = detail
        self.source = None if source is None else str(source)
        self.where = where
        self.hint = hint
        super().__init__(str(self))

    def explain(self) -> str:
        """What is wrong, where, and what to do, as one line (the command line's message).

        Examples
        --------
        >>> InputError("E008", "no such file", source="x.csv").explain()
        "E008 the input file cannot be read: no such file, x.csv; check the path and the file's permissions"
        >>> OutputError("E009", "the file exists (use --force to overwrite)", source="o.csv").explain()
        'E009 the output cannot be written: the file exists (use --force to overwrite), o.csv'
        """
        hint = self.hint
        if hint is None:
            detail = f" {self.detail or ''}"
            hint = None if any(w in detail for w in _INSTRUCTS) else HINTS.get(self.code)
        msg = f"{self}; {hint}" if hint else str(self)
        return " ".join(msg.split())

    def __str__(self) -> str:
        msg = f"{self.code} {CATALOGUE[self.code]}"
        if self.detail:
            msg += f": {self.detail}"
        loc = " ".join(x for x in (self.source, self.where) if x)
        if loc:
            msg += f", {loc}"
        return " ".join(msg.split())  # always one line


class InputError(LdnCommentsError, ValueError):
    """The input file or data cannot be used."""


class UsageError(LdnCommentsError, ValueError):
    """An option or argument is invalid."""


class OutputError(LdnCommentsError, OSError):
    """The output cannot be written."""


class RulesError(LdnCommentsError, ValueError):
    """A lexicon or rule file is invalid."""


class LdnCommentsWarning(UserWarning):
    """Something was repaired or skipped in the input; nothing was lost."""


def warn(message: str) -> None:
    """Issue a :class:`LdnCommentsWarning` (the CLI prints it as one line).

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warn("2 comments reply to a missing parent; kept as top level")
    >>> str(caught[0].message)
    '2 comments reply to a missing parent; kept as top level'
    """
    warnings.warn(message, LdnCommentsWarning, stacklevel=2)


# Whether Ctrl-C was pressed inside :func:`remember_interrupts`. A library may swallow the
# KeyboardInterrupt it raises (an optional import that catches whatever its import raised,
# as a "not installed"), so the run would go on and commit its output as if never
# interrupted; the flag outlives the exception and :func:`raise_if_interrupted` re-raises
# it before anything is committed.
_interrupt = {"pressed": False}


@contextlib.contextmanager
def remember_interrupts() -> Iterator[None]:
    """Inside this block SIGINT raises KeyboardInterrupt *and* is remembered.

    Only the main thread can set a signal handler; elsewhere the block changes nothing.
    The previous handler is restored on the way out.

    Examples
    --------
    >>> with remember_interrupts():
    ...     raise_if_interrupted()  # nothing pressed: no exception
    >>> interrupted()
    False
    >>> import os, signal
    >>> with remember_interrupts():
    ...     try:  # a library that swallows the interrupt
    ...         os.kill(os.getpid(), signal.SIGINT)
    ...         for _ in range(1000):
    ...             pass
    ...     except KeyboardInterrupt:
    ...         pass
    ...     interrupted()
    True
    >>> interrupted()  # the block is over
    False
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _interrupt["pressed"] = False

    def on_interrupt(signum, frame):
        _interrupt["pressed"] = True
        raise KeyboardInterrupt

    def unraisable(report):
        # A KeyboardInterrupt raised where Python cannot propagate it (a weakref callback
        # of the import machinery) is printed as "Exception ignored"; it is remembered
        # here, and reported once by the caller.
        if not isinstance(report.exc_value, KeyboardInterrupt):
            previous_hook(report)

    previous_hook = sys.unraisablehook
    previous = signal.signal(signal.SIGINT, on_interrupt)
    sys.unraisablehook = unraisable
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        sys.unraisablehook = previous_hook
        _interrupt["pressed"] = False  # outside the block nothing is remembered


def interrupted() -> bool:
    """True when Ctrl-C was pressed inside the current :func:`remember_interrupts` block."""
    return _interrupt["pressed"]


def raise_if_interrupted() -> None:
    """Raise KeyboardInterrupt if Ctrl-C was pressed, even when a library swallowed it.

    Called just before an output is committed (renamed into place), so an interrupted run
    never leaves output behind.
    """
    if _interrupt["pressed"]:
        raise KeyboardInterrupt
