"""The seed's text layout: a blog page saved as text, comments under ``says:`` headers.

Layout::

    Article title and text (optional, unindented) ...

      1. Ines says:

        Top-level comment text, indented under its header.

        • Ola says:

          A reply; deeper indentation is a deeper reply.

    Site footer (unindented, after the last comment)

A header is a line that is blank above, starts with a number (``12.``) or a bullet
(``•``), and ends with ``says:``. Because of the marker and the line end, a line such as
``Smith says: I was diagnosed...`` inside a comment is text. The parent of a comment is
the nearest comment above it whose header is less indented; depth counts those steps.
Numbers are not checked (threads skip numbers when comments are deleted).

The article (before the first header) and the footer (the first unindented line after the
last comment, and all below it) are not comments. The format has no ids and no dates:
``comment_id`` is the position and ``parent_id`` the parent's position, so a table written
by ``parse`` reads back to the same thread.

Examples
--------
>>> page = "Title\\n\\n  1. Ines says:\\n\\n    4.5 mg helps.\\n\\n    • Ola says:\\n\\n      Same.\\n"
>>> rows, attrs = read_text(page, source="p.txt")
>>> [(r["author"], r["parent_id"], r["text"]) for r in rows], attrs["title"]
([('Ines', None, '4.5 mg helps.'), ('Ola', '1', 'Same.')], 'Title')
"""
from __future__ import annotations

import re

from .registry import Format

#: A comment header: indentation, a number or bullet, the name, "says:" ending the line.
HEADER = re.compile(r"^(?P<indent>[ ]*)(?:\d+[.)]|[•◦▪‣·*])[ ]+(?P<author>\S.*?)[ ]+says:[ ]*$")

#: Tabs are expanded so that indentation compares in spaces.
_TAB = 4


def read_text(text: str, *, source: str, **_options) -> tuple[list[dict], dict]:
    """Read the text layout into rows for :func:`~ldn_comments.readers.thread.build_thread`.

    Parameters
    ----------
    text : str
        The decoded page (LF line ends).
    source : str
        The file name (unused here; errors are raised by the thread builder).

    Returns
    -------
    rows : list of dict
    attrs : dict
        ``title`` (the article's first line) where there is an article.

    Examples
    --------
    >>> rows, _ = read_text("  7. Ines says:\\n\\n    One.\\n\\n    Two.\\n", source="p.txt")
    >>> rows[0]["text"]
    'One.\\n\\nTwo.'
    """
    lines = [line.expandtabs(_TAB).rstrip() for line in text.split("\n")]
    headers = find_headers(lines)
    if not headers:
        return [], {}
    top_indent = min(indent for _, indent, _ in headers)
    ends = [start for start, _, _ in headers[1:]] + [_footer_start(lines, headers[-1][0],
                                                                   top_indent)]
    rows: list[dict] = []
    stack: list[tuple[int, int]] = []  # (position, header indent) of the open comments
    for (start, indent, author), end in zip(headers, ends):
        while stack and stack[-1][1] >= indent:
            stack.pop()
        position = len(rows) + 1
        parent = stack[-1][0] if stack else None
        rows.append({"comment_id": str(position),
                     "parent_id": None if parent is None else str(parent),
                     "author": author, "date": None,
                     "text": body_text(lines[start + 1:end]), "where": f"line {start + 1}"})
        stack.append((position, indent))
    attrs = {}
    article = [line.strip() for line in lines[:headers[0][0]] if line.strip()]
    if article:
        attrs["title"] = article[0]
    return rows, attrs


def find_headers(lines: list[str]) -> list[tuple[int, int, str]]:
    """``(line index, indent, author)`` of every comment header in `lines`.

    Examples
    --------
    >>> find_headers(["", "  3. Zoë Brandt says:", "    Smith says: hello", "", "    • Al says:"])
    [(1, 2, 'Zoë Brandt'), (4, 4, 'Al')]
    """
    found = []
    for i, line in enumerate(lines):
        if i and lines[i - 1].strip():
            continue  # a header always follows a blank line (or opens the file)
        match = HEADER.match(line)
        if match:
            found.append((i, len(match["indent"]), match["author"].strip()))
    return found


def _footer_start(lines: list[str], last_header: int, top_indent: int) -> int:
    """Index of the first line after the last comment that is not indented under it."""
    for i in range(last_header + 1, len(lines)):
        line = lines[i]
        if line.strip() and len(line) - len(line.lstrip(" ")) <= top_indent:
            return i
    return len(lines)


def body_text(lines: list[str]) -> str:
    """A comment's text: dedented by its first line's indent, one blank line between
    paragraphs, stripped.

    Examples
    --------
    >>> body_text(["", "    Line one", "    line two", "", "", "      indented", ""])
    'Line one\\nline two\\n\\n  indented'
    """
    filled = [line for line in lines if line.strip()]
    if not filled:
        return ""
    indent = len(filled[0]) - len(filled[0].lstrip(" "))
    out: list[str] = []
    for line in lines:
        if not line.strip():
            if out and out[-1] != "":
                out.append("")
            continue
        lead = len(line) - len(line.lstrip(" "))
        out.append(line[min(lead, indent):])
    return "\n".join(out).strip()


def sniff_text(text: str) -> bool:
    """True when `text` has at least one ``N. Name says:`` or ``• Name says:`` header."""
    return bool(find_headers(text.split("\n")))


FORMAT = Format("text", read=read_text, sniff=sniff_text, suffixes=(".txt", ".text"))
