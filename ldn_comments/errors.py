"""One exception family with stable codes, in the manner of spaCy's error catalogue.

Every problem that a user can fix (a bad file, a wrong option, an unwritable output)
raises :class:`LdnCommentsError` with a code from :data:`CATALOGUE`. The command line
prints ``ldn-comments: error: <message>`` and exits with code 2; any other exception is a
bug (exit 1).

Examples
--------
>>> err = InputError("E004", "no 'text' column", source="comments.csv", where="line 1")
>>> str(err)
"E004 a required column is missing: no 'text' column, comments.csv line 1"
>>> err.code
'E004'
"""
from __future__ import annotations

import warnings

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
    """

    def __init__(self, code: str, detail: str | None = None, *, source: str | None = None,
                 where: str | None = None):
        if code not in CATALOGUE:
            raise ValueError(f"unknown error code {code!r}")
        self.code = code
        self.detail = detail
        self.source = None if source is None else str(source)
        self.where = where
        super().__init__(str(self))

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
