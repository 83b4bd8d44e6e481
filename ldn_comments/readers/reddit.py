"""Reddit: a thread saved as JSON, and a comment dump as NDJSON.

Thread JSON is what ``<thread url>.json`` returns: ``[post listing, comment listing]``.
Comments (``kind: "t1"``) are walked depth-first, replies under their parent, so file
order is thread order. ``kind: "more"`` stubs stand for comments that are not in the file;
they are skipped with a warning. The post is not a comment; its title goes to
``attrs["title"]``.

NDJSON dumps hold one comment object per line (``id``, ``parent_id``, ``author``,
``body``, ``created_utc``, ``link_id``, ``subreddit``), in file order. ``parent_id`` keeps
Reddit's prefix as in the source: ``t3_`` (the post) means top level, ``t1_x`` a reply to
comment ``x``. ``created_utc`` (seconds) becomes an ISO 8601 UTC time; Reddit's ``&amp;``
``&lt;`` ``&gt;`` escapes in ``body`` are undone.

Examples
--------
>>> line = ('{"id": "c1", "parent_id": "t3_p", "author": "ines", "body": "3 mg &amp; fine",'
...         ' "created_utc": 1457087000, "subreddit": "MultipleSclerosis"}')
>>> row = read_ndjson(line, source="d.ndjson")[0][0]
>>> row["parent_key"], row["text"], row["date"], row["subreddit"]
(None, '3 mg & fine', '2016-03-04T10:23:20+00:00', 'MultipleSclerosis')
"""
from __future__ import annotations

import html
import json

from ..errors import InputError, warn
from .dates import epoch_date
from .registry import Format
from .tables import first_json_line, json_lines

#: Fields kept as extra columns when the source has them.
KEPT = ("link_id", "subreddit", "score")


def _row(data: dict, where: str | None = None) -> dict:
    parent = data.get("parent_id")
    parent = None if parent in (None, "") else str(parent)
    row = {
        "comment_id": None if data.get("id") is None else str(data["id"]),
        "parent_id": parent,
        # t1_ prefixes a comment id; t3_ is the post, i.e. a top-level comment.
        "parent_key": parent[3:] if parent and parent.startswith("t1_") else None,
        "author": data.get("author"),
        "date": epoch_date(data.get("created_utc")),
        "text": html.unescape(str(data.get("body") or "")).strip(),
    }
    if where:
        row["where"] = where
    for key in KEPT:
        if key in data:
            row[key] = data[key]
    return row


def _listing_children(listing) -> list:
    if not isinstance(listing, dict):
        return []
    data = listing.get("data")
    children = data.get("children") if isinstance(data, dict) else None
    return children if isinstance(children, list) else []


def read_thread_json(text: str, *, source: str, **_options) -> tuple[list[dict], dict]:
    """Read a Reddit thread (``[post listing, comment listing]``) into thread rows.

    Raises
    ------
    InputError
        E006 when the text is not JSON or not a Reddit listing.

    Examples
    --------
    >>> thread = [{"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {
    ...     "title": "LDN and fatigue?"}}]}}, {"kind": "Listing", "data": {"children": [
    ...     {"kind": "t1", "data": {"id": "a", "parent_id": "t3_p", "author": "ines",
    ...      "body": "Helps", "replies": {"kind": "Listing", "data": {"children": [
    ...        {"kind": "t1", "data": {"id": "b", "parent_id": "t1_a", "author": "ola",
    ...         "body": "Not me", "replies": ""}}]}}}}]}}]
    >>> rows, attrs = read_thread_json(json.dumps(thread), source="t.json")
    >>> [(r["comment_id"], r["parent_key"]) for r in rows], attrs["title"]
    ([('a', None), ('b', 'a')], 'LDN and fatigue?')
    """
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError("E006", f"not JSON ({exc.msg})", source=source,
                         where=f"line {exc.lineno}") from None
    if isinstance(doc, dict):  # the comment listing saved on its own
        doc = [doc]
    if not (isinstance(doc, list) and doc and all(_is_listing(x) for x in doc)):
        raise InputError("E006", "not a Reddit thread (a list of Listing objects)",
                         source=source)
    attrs = {}
    for child in _listing_children(doc[0]):
        if isinstance(child, dict) and child.get("kind") == "t3":
            post = child.get("data") or {}
            if post.get("title"):
                attrs["title"] = str(post["title"])
            break
    rows, more = [], 0
    # Depth-first with an explicit stack of iterators: deep reply chains cannot hit
    # Python's recursion limit.
    stack = [iter(_listing_children(listing)) for listing in reversed(doc[1:] or doc)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        kind = child.get("kind") if isinstance(child, dict) else None
        if kind == "more":
            more += max(int((child.get("data") or {}).get("count") or 0), 1)
            continue
        if kind != "t1" or not isinstance(child.get("data"), dict):
            continue
        rows.append(_row(child["data"]))
        replies = child["data"].get("replies")
        if _is_listing(replies):
            stack.append(iter(_listing_children(replies)))
    if more:
        warn(f"{more} comments behind 'load more' links are not in the file; skipped")
    return rows, attrs


def _is_listing(obj) -> bool:
    return isinstance(obj, dict) and obj.get("kind") == "Listing"


def read_ndjson(text: str, *, source: str, **_options) -> tuple[list[dict], dict]:
    """Read a Reddit comment dump (one JSON object per line) into thread rows.

    Raises
    ------
    InputError
        E006 for a line that is not a JSON object; E004 for an object without ``body``.
    """
    return list(ndjson_rows(text, source=source)), {}


def ndjson_rows(text_or_lines, *, source: str, **_options):
    """Yield the thread rows of a Reddit comment dump (a string, or lines such as an open
    file): what :func:`read_ndjson` returns, one row at a time."""
    for number, obj in json_lines(text_or_lines, source=source):
        if "body" not in obj:
            raise InputError("E004", "no 'body' field", source=source, where=f"line {number}",
                             hint="every object of a Reddit comment dump needs its 'body'")
        yield _row(obj, where=f"line {number}")


def sniff_thread_json(text: str) -> bool:
    """True when `text` is a JSON list of Reddit Listings (or one Listing)."""
    start = text.lstrip()[:1]
    if start not in ("[", "{"):
        return False
    try:
        doc = json.loads(text)
    except json.JSONDecodeError:
        return False
    docs = doc if isinstance(doc, list) else [doc]
    return bool(docs) and all(_is_listing(x) for x in docs)


def sniff_ndjson(text: str) -> bool:
    """True when the first line is a Reddit comment object (``body`` and a t1_/t3_ parent)."""
    obj = first_json_line(text)
    return (isinstance(obj, dict) and "body" in obj
            and str(obj.get("parent_id", "")).startswith(("t1_", "t3_")))


THREAD = Format("reddit-json", read=read_thread_json, sniff=sniff_thread_json,
                suffixes=(".json",))
DUMP = Format("reddit-ndjson", read=read_ndjson, sniff=sniff_ndjson)
