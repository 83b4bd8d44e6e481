"""A folder of documents: one comment per ``.txt``, ``.md`` or saved ``.html`` file.

A researcher who saved forty blog posts, carers' diaries or news pages into one folder
reads them as one comment table: ``comment_id`` is each file's path relative to the
folder (``/``-separated), rows are sorted by it, and every row is top level.

- ``.txt`` and ``.text``: the whole file is the text.
- ``.md`` and ``.markdown``: the whole file, after an optional front matter block
  (``---`` lines around ``title:``, ``author:``, ``date:``), which gives those fields.
- ``.html`` and ``.htm``: the page's main text, title, author and date through
  trafilatura (the ``[web]`` extra). The site's menus, sidebars and footers are left out.
  Without trafilatura, a folder holding an HTML file is refused with E003, naming the file.

Files with other suffixes, hidden files and files with no text are skipped with one
warning each kind; a folder with no readable document is E013. Files are decoded as
every input is (:func:`~ldn_comments.readers.source.load`: BOMs, cp1252 with a warning,
binary refused with E002).

Examples
--------
>>> import pathlib, tempfile
>>> posts = pathlib.Path(tempfile.mkdtemp())
>>> _ = (posts / "b.txt").write_text("I take LDN 3 mg.")
>>> _ = (posts / "a.md").write_text("---\\ntitle: Day one\\nauthor: Ines\\n---\\nFirst dose.")
>>> rows, attrs = read_folder(posts, source=str(posts))
>>> [(r["comment_id"], r["author"], r["title"], r["text"]) for r in rows]
[('a.md', 'Ines', 'Day one', 'First dose.'), ('b.txt', None, None, 'I take LDN 3 mg.')]
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError, warn
from .dates import iso_date
from .registry import Format
from .source import load

#: Suffixes read as plain text, as Markdown and as saved web pages.
TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
DOCUMENT_SUFFIXES = TEXT_SUFFIXES + MARKDOWN_SUFFIXES + HTML_SUFFIXES

#: A Markdown front matter block at the very top of a file.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_FRONT_FIELD = re.compile(r"^(?P<key>title|author|date)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$",
                          re.M | re.I)


def is_folder(path_or_buffer) -> bool:
    """Whether `path_or_buffer` names an existing folder (a buffer or ``-`` is not one).

    Examples
    --------
    >>> import tempfile, io
    >>> is_folder(tempfile.mkdtemp()), is_folder(io.StringIO("x")), is_folder("-")
    (True, False, False)
    """
    if hasattr(path_or_buffer, "read") or str(path_or_buffer) == "-":
        return False
    return Path(path_or_buffer).is_dir()


def document_paths(folder: Path) -> tuple[list[Path], list[Path]]:
    """``(documents, skipped)``: the readable files under `folder`, sorted by relative path,
    and the other non-hidden files.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("z.txt", "sub/a.html", "notes.pdf", ".hidden.txt"):
    ...     (d / name).parent.mkdir(exist_ok=True)
    ...     _ = (d / name).write_text("x")
    >>> docs, skipped = document_paths(d)
    >>> [p.relative_to(d).as_posix() for p in docs], [p.name for p in skipped]
    (['sub/a.html', 'z.txt'], ['notes.pdf'])
    """
    documents: list[Path] = []
    skipped: list[Path] = []
    for path in sorted(folder.rglob("*"), key=lambda p: p.relative_to(folder).as_posix()):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        (documents if path.suffix.lower() in DOCUMENT_SUFFIXES else skipped).append(path)
    return documents, skipped


def read_folder(folder, *, source: str, **_options) -> tuple[list[dict], dict]:
    """Read every document under `folder` into rows for
    :func:`~ldn_comments.readers.thread.build_thread`.

    Parameters
    ----------
    folder : str or Path
        The folder (read recursively).
    source : str
        How error messages name the folder.

    Returns
    -------
    rows : list of dict
        ``comment_id`` (relative path), ``author``, ``date``, ``text``, ``title`` and
        ``source`` (the file's path as given) for each document.
    attrs : dict
        ``title``: the folder's name.

    Raises
    ------
    InputError
        E013 when the folder holds no readable document; E003 when it holds an HTML page
        and trafilatura is not installed; E002 for a binary file.
    """
    folder = Path(folder)
    documents, skipped = document_paths(folder)
    if not documents:  # one error line, not a warning about the skipped files too
        others = f" ({len(skipped)} other files)" if skipped else ""
        raise InputError("E013", f"no .txt, .md or .html document in the folder{others}",
                         source=source)
    if skipped:
        suffixes = sorted({p.suffix.lower() or "(none)" for p in skipped})
        warn(f"{source}: skipped {len(skipped)} files that are not .txt, .md or .html "
             f"({', '.join(suffixes)})")
    rows: list[dict] = []
    empty = 0
    for path in documents:
        relative = path.relative_to(folder).as_posix()
        label = str(path)
        fields = _read_document(path, label)
        if not fields["text"].strip():
            empty += 1
            continue
        rows.append({"comment_id": relative, "parent_id": None,
                     "author": fields.get("author"), "date": iso_date(fields.get("date")),
                     "text": fields["text"].strip(), "title": fields.get("title"),
                     "source": label, "where": relative})
    if empty:
        warn(f"{source}: skipped {empty} documents with no text")
    if not rows:
        raise InputError("E013", "no .txt, .md or .html document with text in the folder",
                         source=source)
    return rows, {"title": folder.name}


def _read_document(path: Path, label: str) -> dict:
    suffix = path.suffix.lower()
    try:
        text = load(path).text
    except InputError as exc:
        if exc.code == "E001":  # an empty file: skipped by the caller, like a blank page
            return {"text": ""}
        raise
    if suffix in HTML_SUFFIXES:
        return html_document(text, label=label)
    if suffix in MARKDOWN_SUFFIXES:
        return markdown_document(text)
    return {"text": text}


def markdown_document(text: str) -> dict:
    """A Markdown file's text and its front matter's ``title``, ``author`` and ``date``.

    Examples
    --------
    >>> markdown_document("---\\nTitle: LDN year one\\ndate: 2023-01-05\\n---\\n\\nBody.")
    {'text': '\\nBody.', 'title': 'LDN year one', 'date': '2023-01-05'}
    >>> markdown_document("No front matter.")
    {'text': 'No front matter.'}
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return {"text": text}
    fields: dict = {"text": text[match.end():]}
    for field in _FRONT_FIELD.finditer(match["body"]):
        value = field["value"].strip().strip("\"'")
        if value:
            fields[field["key"].lower()] = value
    return fields


def html_document(page: str, *, label: str) -> dict:
    """A saved web page's main text, title, author and date, through trafilatura.

    Raises
    ------
    InputError
        E003 when trafilatura (the ``[web]`` extra) cannot be imported.
    """
    try:
        import trafilatura
    except ImportError as exc:
        raise InputError("E003", f"reading saved web pages needs trafilatura ({exc}); "
                         "install it with pip install 'ldn-comments[web]'",
                         source=label) from None
    found = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False,
                                        include_tables=False, favor_precision=True)
    if found is None:
        return {"text": ""}
    if not isinstance(found, dict):  # trafilatura >= 2 returns a Document
        found = found.as_dict()
    return {"text": found.get("text") or "", "title": found.get("title"),
            "author": found.get("author"), "date": found.get("date")}


FORMAT = Format("folder", read=read_folder)
