"""The format registry: adding an input format is one :class:`Format` and one ``register``.

A format is a name, a ``read`` function, an optional ``sniff`` that recognises its content,
the file suffixes it claims, and the keyword options it accepts. :func:`detect_format` asks
every sniffer in registration order (most specific first), then falls back to suffixes.

``read(text, *, source, **options)`` gets the decoded text and returns ``(rows, attrs)``:
rows for :func:`~ldn_comments.readers.thread.build_thread` and metadata for
``DataFrame.attrs``.

Examples
--------
>>> fmt = Format("demo", read=lambda text, *, source: ([], {}), suffixes=(".demo",))
>>> fmt.name, fmt.accepts("text_col")
('demo', False)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Callable

from ..errors import InputError, UsageError

#: Options the command line may pass to any reader. Formats list those they use; the
#: others are refused (E012) rather than silently ignored.
KNOWN_OPTIONS = frozenset({"text_col", "drug_col", "condition_col", "id_col", "date_col",
                           "author_col", "condition", "drug", "dose_col", "rating_scale"})
#: Options every format accepts: the drug a whole thread is about goes to ``attrs``.
UNIVERSAL_OPTIONS = frozenset({"drug"})


@dataclass(frozen=True)
class Format:
    """One input format.

    Parameters
    ----------
    name : str
        What ``format=`` and ``--format`` call it.
    read : callable
        ``read(text, *, source, **options) -> (rows, attrs)``.
    sniff : callable, optional
        ``sniff(text) -> bool``: True when the content is surely this format.
    suffixes : tuple of str
        Lower-case suffixes that mean this format when no sniffer recognises the content.
    options : frozenset of str
        Keyword options (of :data:`KNOWN_OPTIONS`) the reader accepts.
    """

    name: str
    read: Callable
    sniff: Callable[[str], bool] | None = None
    suffixes: tuple[str, ...] = ()
    options: frozenset = field(default_factory=frozenset)

    def accepts(self, option: str) -> bool:
        """Whether this format takes keyword `option`."""
        return option in self.options or option in UNIVERSAL_OPTIONS


#: Registered formats by name, in detection order.
FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    """Add `fmt` to :data:`FORMATS` (replacing one of the same name) and return it."""
    FORMATS[fmt.name] = fmt
    return fmt


def get_format(name: str) -> Format:
    """The registered format called `name`; unknown names are E012.

    Examples
    --------
    >>> get_format("no-such-format")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ldn_comments.errors.UsageError: E012 an option is invalid: unknown format 'no-such-format' (known: ...)
    """
    try:
        return FORMATS[name]
    except KeyError:
        known = ", ".join(FORMATS) or "none"
        raise UsageError("E012", f"unknown format {name!r} (known: {known})") from None


def detect_format(text: str, name: str | None = None) -> str:
    """Choose a format for `text` from its content, then from the suffix of `name`.

    Parameters
    ----------
    text : str
        The decoded input.
    name : str, optional
        The file name (only its suffix is used).

    Returns
    -------
    str
        A key of :data:`FORMATS`.

    Raises
    ------
    InputError
        E003 when neither content nor suffix says what the input is.

    Examples
    --------
    >>> from ldn_comments.readers import detect_format
    >>> detect_format("comment_id,parent_id,author,date,text\\n1,,Ines,,hi\\n")
    'csv'
    >>> detect_format("some notes", "thread.html")
    'wordpress-html'
    """
    for fmt in FORMATS.values():
        if fmt.sniff is not None and fmt.sniff(text):
            return fmt.name
    suffix = PurePath(name).suffix.lower() if name else ""
    for fmt in FORMATS.values():
        if suffix and suffix in fmt.suffixes:
            return fmt.name
    raise InputError("E003", "cannot tell the format from the content or the suffix; "
                     "name it with --format", source=name)
