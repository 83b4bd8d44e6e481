"""WordPress comments: a saved comments page (HTML) and a WXR export (XML).

HTML: ``ol.commentlist`` (or ``ol.comment-list``) holds ``li.comment`` items; replies sit
in a nested ``ol.children``, so document order is thread order and the enclosing
``li.comment`` is the parent. Author from ``.comment-author .fn`` / ``cite.fn``, date from
``time[datetime]`` or the ``.comment-meta`` link text, text from ``.comment-content`` or the
``.comment-body`` paragraphs; ids from ``li id="comment-123"``. Pingbacks and trackbacks
are not comments. Parsed with BeautifulSoup and the standard library's ``html.parser``.

WXR: every ``wp:comment`` of every ``item``, in file order, with ``wp:comment_parent`` 0
meaning top level; ``comment_approved`` and ``post_id`` are kept as columns. Parsed with
``defusedxml`` so that entity declarations (billion laughs, external entities) are refused
(E014); XML that does not parse (e.g. truncated) is E006 with its line.

Examples
--------
>>> page = ('<ol class="commentlist"><li class="comment" id="comment-5">'
...         '<cite class="fn">Ines</cite><div class="comment-content"><p>4.5 mg</p></div>'
...         '<ol class="children"><li class="comment" id="comment-6"><cite class="fn">Ola'
...         '</cite><div class="comment-content"><p>Same</p></div></li></ol></li></ol>')
>>> [(r["comment_id"], r["parent_key"], r["author"]) for r in read_html(page, source="p.html")[0]]
[('5', None, 'Ines'), ('6', '5', 'Ola')]
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from bs4 import BeautifulSoup
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from ..errors import InputError
from .dates import iso_date
from .registry import Format

_ID_DIGITS = re.compile(r"(\d+)$")
_NOT_COMMENTS = {"pingback", "trackback"}
_WXR_NAMESPACE = "wordpress.org/export/"


# --- HTML ---------------------------------------------------------------------------

def _is_comment(tag) -> bool:
    if getattr(tag, "name", None) != "li":
        return False
    classes = set(tag.get("class") or ())
    return "comment" in classes and not classes & _NOT_COMMENTS


def _own(li, selector: str) -> list:
    """Elements matching `selector` that belong to `li` itself, not to a nested reply."""
    return [el for el in li.select(selector) if el.find_parent(_is_comment) is li]


def _first_text(li, selectors) -> str | None:
    for selector in selectors:
        for el in _own(li, selector):
            text = " ".join(el.get_text(" ").split())
            if text:
                return text
    return None


def _paragraph_text(el) -> str:
    """An element's text, ``<br>`` as a line break, whitespace runs folded."""
    for br in el.find_all("br"):
        br.replace_with("\n")
    lines = (" ".join(line.split()) for line in el.get_text().split("\n"))
    return "\n".join(line for line in lines if line)


def _comment_text(li) -> str:
    containers = _own(li, ".comment-content") or _own(li, ".comment-body")
    if not containers:
        return ""
    box = containers[0]
    skip = (".comment-meta", ".comment-metadata", ".comment-author", ".reply", ".says")
    paragraphs = [p for p in box.find_all("p")
                  if p.find_parent(_is_comment) is li
                  and not any(p.find_parent(class_=s[1:]) for s in skip)]
    if not paragraphs:
        return _paragraph_text(box)
    return "\n\n".join(t for t in (_paragraph_text(p) for p in paragraphs) if t)


def _comment_id(li) -> str | None:
    for candidate in [li] + _own(li, "[id]"):
        match = _ID_DIGITS.search(candidate.get("id") or "")
        if match and "comment" in candidate.get("id", ""):
            return match.group(1)
    return None


def _date(li) -> str | None:
    for el in _own(li, "time[datetime]"):
        return iso_date(el["datetime"])
    return iso_date(_first_text(li, (".comment-meta a", ".comment-metadata a")))


def read_html(text: str, *, source: str, **_options) -> tuple[list[dict], dict]:
    """Read a saved WordPress comments page into thread rows (document order).

    Parameters
    ----------
    text : str
        The page.
    source : str
        The file name (unused; kept for the reader contract).

    Returns
    -------
    rows : list of dict
    attrs : dict
        ``title`` from the page's ``<title>`` where present.
    """
    soup = BeautifulSoup(text, "html.parser")
    lists = soup.select("ol.commentlist, ol.comment-list, ul.commentlist, ul.comment-list")
    if lists:
        items = [li for box in lists if box.find_parent(_is_comment) is None
                 for li in box.find_all(_is_comment)]
    else:  # a theme without the usual list class: every comment item on the page
        items = soup.find_all(_is_comment)
    ids = {}
    for position, li in enumerate(items, 1):
        ids[id(li)] = _comment_id(li) or str(position)
    rows = []
    for li in items:
        parent = li.find_parent(_is_comment)
        rows.append({
            "comment_id": ids[id(li)],
            "parent_id": ids.get(id(parent)) if parent is not None else None,
            "parent_key": ids.get(id(parent)) if parent is not None else None,
            "author": _first_text(li, (".comment-author .fn", "cite.fn", ".fn")),
            "date": _date(li),
            "text": _comment_text(li),
        })
    attrs = {}
    if soup.title and soup.title.get_text(strip=True):
        attrs["title"] = soup.title.get_text(" ", strip=True)
    return rows, attrs


def sniff_html(text: str) -> bool:
    """True for an HTML page (or fragment) with WordPress comment markup."""
    head = text.lstrip()[:2000].lower()
    if head.startswith("<?xml") or "<rss" in head:
        return False
    return head.startswith("<") and ("commentlist" in text or "comment-list" in text
                                     or 'class="comment' in text)


# --- WXR ----------------------------------------------------------------------------

def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _is_wp(tag: str) -> bool:
    return tag.startswith("{") and _WXR_NAMESPACE in tag


def _fields(el) -> dict[str, str]:
    return {_local(child.tag): (child.text or "") for child in el if _is_wp(child.tag)}


def _clean_content(content: str) -> str:
    """WordPress stores comment text with light markup; keep the words and line breaks."""
    if "<" in content or "&" in content:
        soup = BeautifulSoup(content, "html.parser")
        for br in soup.find_all("br"):
            br.replace_with("\n")
        content = soup.get_text()
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", content.strip())]
    return "\n\n".join(p for p in paragraphs if p)


def read_wxr(text: str, *, source: str, **_options) -> tuple[list[dict], dict]:
    """Read the comments of a WordPress WXR export into thread rows (file order).

    Raises
    ------
    InputError
        E014 when the XML declares entities; E006 when it does not parse.

    Examples
    --------
    >>> xml = ('<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>'
    ...        '<wp:comment><wp:comment_id>3</wp:comment_id><wp:comment_author>Ines'
    ...        '</wp:comment_author><wp:comment_content>LDN 3 mg</wp:comment_content>'
    ...        '<wp:comment_parent>0</wp:comment_parent></wp:comment></item></channel></rss>')
    >>> rows, _ = read_wxr(xml, source="e.xml")
    >>> rows[0]["comment_id"], rows[0]["parent_id"], rows[0]["text"]
    ('3', None, 'LDN 3 mg')
    """
    try:
        root = SafeET.fromstring(text)
    except DefusedXmlException as exc:
        raise InputError("E014", f"the XML declares entities ({type(exc).__name__}); "
                         "they are never expanded", source=source) from None
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise InputError("E006", f"not well-formed XML ({str(exc).split(':')[0]})",
                         source=source, where=f"line {line}" if line else None) from None
    rows, titles = [], []
    for item in root.iter("item"):
        post = _fields(item)
        title = (item.findtext("title") or "").strip()
        comments = [c for c in item if _is_wp(c.tag) and _local(c.tag) == "comment"]
        if comments and title:
            titles.append(title)
        for el in comments:
            f = _fields(el)
            if f.get("comment_type", "").strip() in _NOT_COMMENTS:
                continue
            parent_field = f.get("comment_parent", "").strip()
            parent = None if parent_field in ("", "0") else parent_field
            row = {"comment_id": f.get("comment_id"), "parent_id": parent,
                   "author": f.get("comment_author"), "date": iso_date(f.get("comment_date")),
                   "text": _clean_content(f.get("comment_content", ""))}
            if "comment_approved" in f:
                row["comment_approved"] = f["comment_approved"].strip()
            if post.get("post_id"):
                row["post_id"] = post["post_id"].strip()
            rows.append(row)
    attrs = {"title": titles[0]} if len(titles) == 1 else {}
    return rows, attrs


def sniff_wxr(text: str) -> bool:
    """True for XML that uses the WordPress export namespace."""
    head = text.lstrip()[:5000]
    return head.startswith("<") and _WXR_NAMESPACE in head


HTML = Format("wordpress-html", read=read_html, sniff=sniff_html, suffixes=(".html", ".htm"))
WXR = Format("wxr", read=read_wxr, sniff=sniff_wxr, suffixes=(".xml", ".wxr"))
