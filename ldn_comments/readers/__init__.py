"""Comment readers: every input format to one comment table.

:func:`read_comments` loads a file (:mod:`.source`: decoding, line ends, E001/E002/E008),
chooses the format (:func:`detect_format`, or ``format=``), lets the format's reader turn
the text into rows, and builds the table with :func:`.thread.build_thread` (positions,
parents, depths; E005/E007/E013). Formats live in :data:`.registry.FORMATS`:

=================  =====================================================  ===============
name               what                                                   module
=================  =====================================================  ===============
``text``           the seed's text layout (``N. Name says:``)             :mod:`.text`
``csv``, ``tsv``   ``comment_id,parent_id,author,date,text`` tables       :mod:`.tables`
``jsonl``          the same keys, one object per line                     :mod:`.tables`
``wordpress-html`` a saved WordPress comments page                        :mod:`.wordpress`
``wxr``            a WordPress export                                     :mod:`.wordpress`
``reddit-json``    a Reddit thread saved as JSON                          :mod:`.reddit`
``reddit-ndjson``  a Reddit comment dump                                  :mod:`.reddit`
=================  =====================================================  ===============

A new format is a module with a ``read(text, *, source, **options) -> (rows, attrs)``
function and a :class:`~.registry.Format` registered below (sniffers are asked in
registration order, so register specific formats before general ones).

Examples
--------
>>> import io
>>> t = read_comments(io.StringIO("comment_id,parent_id,author,text\\n1,,Ines,LDN 4.5 mg\\n"
...                               "2,1,Ola,Which brand?\\n"))
>>> t[["position", "parent", "depth", "author"]].values.tolist()
[[1, <NA>, 0, 'Ines'], [2, 1, 1, 'Ola']]
"""
from __future__ import annotations

import pandas as pd

from . import reddit, reviews, tables, text, wordpress
from .registry import FORMATS, KNOWN_OPTIONS, Format, detect_format, get_format, register
from .source import load
from .thread import build_thread

__all__ = ["read_comments", "detect_format", "register", "Format", "FORMATS"]

# Detection order: the most specific content signatures first, the text layout last.
# Review tables (drugscom, webmd, reviews) are told by their header, before plain tables.
for _fmt in (wordpress.WXR, wordpress.HTML, reddit.THREAD, reddit.DUMP, reviews.DRUGSCOM,
             reviews.WEBMD, reviews.ASKAPATIENT, reviews.REVIEWS, tables.JSONL, tables.CSV, tables.TSV,
             text.FORMAT):
    register(_fmt)


def read_comments(path_or_buffer, format: str | None = None, **options) -> pd.DataFrame:
    """Read a comment thread into the comment table.

    Parameters
    ----------
    path_or_buffer : str, Path or file-like
        The file; ``"-"`` reads standard input; a buffer may give str or bytes.
    format : str, optional
        A name of :data:`~.registry.FORMATS` (default: chosen from content and suffix).
    **options
        ``text_col``, ``id_col``, ``author_col``, ``date_col`` name the columns of a CSV or
        JSONL table; ``drug`` (the drug a whole thread is about) goes to ``attrs["drug"]``.
        Review-table options (``drug_col``, ``condition_col``, ``condition``) and column
        options given to a format without columns are refused (E012).

    Returns
    -------
    DataFrame
        ``position``, ``parent``, ``comment_id``, ``parent_id``, ``author``, ``date``,
        ``depth``, ``text``, ``source``, then extra source columns; ``attrs`` holds
        ``source``, ``format``, ``label`` and, where known, ``title`` and ``drug``.

    Raises
    ------
    LdnCommentsError
        E001 empty, E002 binary, E003 unknown format, E004 no text column, E005 parent
        cycle, E006 malformed, E007 duplicate id, E008 unreadable file, E012 bad option,
        E013 no comments, E014 refused XML entities.

    Examples
    --------
    >>> import io
    >>> page = "  1. Zoë Brandt says:\\n\\n    LDN 1.5 mg, then 3 mg.\\n"
    >>> t = read_comments(io.StringIO(page), format="text")
    >>> t.loc[0, "author"], t.loc[0, "text"], t.attrs["format"]
    ('Zoë Brandt', 'LDN 1.5 mg, then 3 mg.', 'text')
    """
    from ..errors import UsageError

    unknown = set(options) - KNOWN_OPTIONS
    if unknown:
        raise TypeError(f"read_comments() got unexpected options: {sorted(unknown)}")
    fmt = get_format(format) if format is not None else None
    loaded = load(path_or_buffer)
    fmt = fmt or get_format(reviews.prefer_reviews(detect_format(loaded.text, loaded.label),
                                                   options))
    given = {k: v for k, v in options.items() if v is not None}
    refused = sorted(k for k in given if not fmt.accepts(k))
    if refused:
        raise UsageError("E012", f"{', '.join(refused)} does not apply to format "
                         f"{fmt.name!r}", source=loaded.label)
    drug = given.pop("drug", None)
    rows, attrs = fmt.read(loaded.text, source=loaded.label, **given)
    table = build_thread(rows, source=loaded.name, label=loaded.label)
    if fmt.name in reviews.REVIEW_FORMATS:
        table = reviews.finish(table)
    table.attrs.update(attrs)
    table.attrs["format"] = fmt.name
    if drug is not None:
        table.attrs["drug"] = drug
    return table
