"""One compiled scan per comment: every whole-text pattern of the extractor at once.

Python's ``re`` tries each pattern at every position of a comment, so each of the ~60
patterns the fields ask about costs 10-25 us per comment even when it finds nothing.
A :class:`Scanner` compiles all of them once into one Hyperscan (Vectorscan) database
and passes over each comment once; a pattern with no hit is then known not to match,
and a pattern with hits is confirmed by ``re`` at the few positions the hits allow.

Exactness comes first: the answers are those of ``re`` itself. Hyperscan has no
look-arounds or back-references, so each Python pattern is compiled as a *superset*
(:func:`hyperscan_superset`): look-arounds are dropped, except that a single-character
look-behind at the start and look-ahead at the end are consumed as one character of
context, and character classes become the exact sets of bytes they accept. Any string
the Python pattern matches, the superset matches too, with a start no later and an end
no earlier; so every match of the Python pattern starts inside a span the scan reports,
and :meth:`Hits.search` only tries ``pattern.match`` there.

Text is mapped one byte per character (Latin-1, with every other character replaced by
:data:`PLACEHOLDER`, which the supersets accept wherever the Python pattern could accept
a non-Latin-1 character), so offsets are character offsets.

Without the ``hyperscan`` wheel, or with ``LDN_COMMENTS_ENGINE=re`` in the environment,
the same answers come from ``re`` alone (the ``re`` engine). The compiled database is
cached on disk (``LDN_COMMENTS_CACHE``, else ``~/.cache/ldn-comments``), keyed by the
package version and a hash of the patterns; the first build is reported on stderr.

Examples
--------
>>> import re
>>> word = re.compile(r"(?<![\\w])ldn(?![\\w])")
>>> number = re.compile(r"\\d+(?:\\.\\d+)?(?=\\s*mg)")
>>> scanner = Scanner([word, number])
>>> hits = scanner.scan("4.5 mg of LDN nightly".lower())
>>> [m.span() for m in hits.finditer(word)], hits.search(number).group(0)
([(10, 13)], '4.5')
>>> hits.search(word, 11) is None
True
>>> Scanner([word], engine="re").scan("ldn").search(word).span()
(0, 3)
"""
from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

try:  # the parser of Python's own regex syntax (a private module, stable since 3.4)
    from re import _constants as _c  # type: ignore[attr-defined, unused-ignore]  # typeshed differs by Python
    from re import _parser as _sre_parse  # type: ignore[attr-defined, unused-ignore]
except ImportError:  # Python 3.10
    import sre_constants as _c  # type: ignore[no-redef, unused-ignore]
    import sre_parse as _sre_parse  # type: ignore[no-redef, unused-ignore]

try:
    import hyperscan as _hs
except (ImportError, OSError):  # no wheel for this platform: the re engine answers
    _hs = None  # type: ignore[assignment]

__all__ = [
    "CACHE_ENV",
    "KEEP_CACHED",
    "ENGINE_ENV",
    "PLACEHOLDER",
    "Hits",
    "Scanner",
    "available_engine",
    "hyperscan_superset",
    "to_bytes",
]

#: Environment variable choosing the engine: ``re`` forces the fallback.
ENGINE_ENV = "LDN_COMMENTS_ENGINE"
#: Environment variable naming the directory of the compiled-database cache.
CACHE_ENV = "LDN_COMMENTS_CACHE"
#: The byte standing for every character outside Latin-1 (ASCII "substitute").
PLACEHOLDER = 0x1A
#: Largest compiled size of one expression; a larger one is simplified (see _fit).
MAX_EXPRESSION_BYTES = 200_000
#: Bump when the translation to supersets changes, so cached databases are rebuilt.
TRANSLATION_VERSION = 4

_ERRORS = "ldn_comments.placeholder"
def _placeholder(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeEncodeError)
    return chr(PLACEHOLDER) * (error.end - error.start), error.end


codecs.register_error(_ERRORS, _placeholder)


def to_bytes(text: str) -> bytes:
    """The text one byte per character: Latin-1, other characters as :data:`PLACEHOLDER`.

    Examples
    --------
    >>> to_bytes("café → ok")
    b'caf\\xe9 \\x1a ok'
    """
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        return text.encode("latin-1", errors=_ERRORS)


def available_engine() -> str:
    """``"hyperscan"`` when the wheel imports and ``LDN_COMMENTS_ENGINE`` is not ``re``."""
    if os.environ.get(ENGINE_ENV, "").strip().lower() == "re" or _hs is None:
        return "re"
    return "hyperscan"


# ----------------------------------------------------------------------------------------
# Python pattern -> Hyperscan superset


class Unsupported(ValueError):
    """A pattern (back-reference, conditional group) with no Hyperscan superset."""


_OP = {name: getattr(_c, name, None) for name in (
    "LITERAL", "NOT_LITERAL", "ANY", "IN", "BRANCH", "SUBPATTERN", "MAX_REPEAT", "MIN_REPEAT",
    "POSSESSIVE_REPEAT", "ATOMIC_GROUP", "AT", "ASSERT", "ASSERT_NOT", "NEGATE", "RANGE",
    "CATEGORY", "AT_BEGINNING_STRING", "AT_BEGINNING")}
_CATEGORY = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_NOT_DIGIT: r"\D", _c.CATEGORY_SPACE: r"\s",
             _c.CATEGORY_NOT_SPACE: r"\S", _c.CATEGORY_WORD: r"\w", _c.CATEGORY_NOT_WORD: r"\W"}
_ATOMS = (_OP["LITERAL"], _OP["NOT_LITERAL"], _OP["ANY"], _OP["IN"])
_CLASS_FLAGS = re.IGNORECASE | re.ASCII | re.DOTALL
_ALL = frozenset(range(256))
_sets: dict[tuple[str, int], frozenset] = {}


def _esc(code: int) -> str:
    return f"\\x{code:02x}" if code < 256 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _atom_source(op, av) -> tuple[str, bool]:
    """Python source of one single-character atom, and whether it may accept a
    character outside Latin-1."""
    if op is _OP["LITERAL"]:
        return _esc(av), av > 255
    if op is _OP["NOT_LITERAL"]:
        return f"[^{_esc(av)}]", True
    if op is _OP["ANY"]:
        return ".", True
    wide, parts, negate = False, [], ""
    for item, value in av:
        if item is _OP["NEGATE"]:
            negate, wide = "^", True
        elif item is _OP["LITERAL"]:
            parts.append(_esc(value))
            wide |= value > 255
        elif item is _OP["RANGE"]:
            parts.append(f"{_esc(value[0])}-{_esc(value[1])}")
            wide |= value[1] > 255
        elif item is _OP["CATEGORY"] and value in _CATEGORY:
            parts.append(_CATEGORY[value])
            wide = True
        else:
            raise Unsupported(f"character class item {item}")
    return f"[{negate}{''.join(parts)}]", wide


def _byteset(op, av, flags: int) -> tuple[frozenset, bool]:
    """The Latin-1 bytes one atom accepts (exactly, as ``re`` decides), and whether it
    may accept a character outside Latin-1 (then the placeholder byte stands for it)."""
    source, wide = _atom_source(op, av)
    flags &= _CLASS_FLAGS
    key = (source, flags)
    found = _sets.get(key)
    if found is None:
        rx = re.compile(source, flags)
        found = _sets[key] = frozenset(b for b in range(256) if rx.match(chr(b)))
    # Case folding can map a character outside Latin-1 onto a Latin-1 letter (K, s).
    return found, wide or bool(flags & re.IGNORECASE)


def _byte(code: int) -> str:
    # letters and digits as themselves keep expressions short (Hyperscan limits length)
    return chr(code) if chr(code).isascii() and chr(code).isalnum() else f"\\x{code:02x}"


def _runs(codes: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted (first, last) runs of consecutive codes."""
    runs: list[tuple[int, int]] = []
    for code in sorted(set(codes)):
        if runs and code == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], code)
        else:
            runs.append((code, code))
    return runs


def _class(accepted: Iterable[int]) -> str:
    """A Hyperscan character class of byte values."""
    if not accepted:
        raise Unsupported("a character class that accepts nothing")
    runs = [_byte(a) if a == b else _byte(a) + _byte(b) if b == a + 1 else f"{_byte(a)}-{_byte(b)}"
            for a, b in _runs(accepted)]
    return "[" + "".join(runs) + "]"


def _atom(op, av, flags: int) -> str:
    accepted, wide = _byteset(op, av, flags)
    if op is _OP["LITERAL"] and not wide and len(accepted) == 1:
        return _byte(av)
    return _class(accepted | {PLACEHOLDER} if wide else accepted)


def _complement(sub, flags: int) -> str | None:
    """For a one-atom look-around body: a class of every byte the atom rejects (plus the
    placeholder, which may stand for a rejected character). None for longer bodies."""
    if len(sub) != 1 or sub[0][0] not in _ATOMS:
        return None
    accepted, _ = _byteset(sub[0][0], sub[0][1], flags)
    return _class((_ALL - accepted) | {PLACEHOLDER})


def _behind_first(av, op, following, flags: int) -> bool:
    """True when `following` is a look-behind ``(?<!BC)`` over the first character A of a
    pattern, with every A also a C: then it only says the character before A is not B."""
    kind, value = following
    if kind is not _OP["ASSERT_NOT"] or value[0] >= 0:
        return False
    body = list(value[1])
    if len(body) != 2 or body[0][0] not in _ATOMS or body[1][0] not in _ATOMS:
        return False
    first, first_wide = _byteset(op, av, flags)
    last, _ = _byteset(body[1][0], body[1][1], flags)
    if not first <= last:
        return False
    if not first_wide:
        return True
    # every character outside Latin-1 that A accepts must be a C too
    a_source, c_source = _atom_source(op, av)[0], _atom_source(*body[1])[0]
    outside = re.compile(f"(?!{c_source}){a_source}", flags & _CLASS_FLAGS)
    return outside.search(_wide_characters()) is None


_WIDE: list[str] = []


def _wide_characters() -> str:
    """Every character outside Latin-1 (surrogates aside), once."""
    if not _WIDE:
        _WIDE.append("".join(chr(c) for c in range(256, 0x110000) if not 0xD800 <= c < 0xE000))
    return _WIDE[0]


def _translate(seq, flags: int, at_start: bool, at_end: bool) -> str:
    out = []
    last = len(seq) - 1
    skip = -1
    for i, (op, av) in enumerate(seq):
        first, final = at_start and i == 0, at_end and i == last
        if i == skip:
            continue
        if op in _ATOMS and first and i < last and _behind_first(av, op, seq[i + 1], flags):
            # "[\\d.](?<![\\d.,][\\d.])" (a look-behind written after the first character
            # so that re skips ahead quickly) is "(?<![\\d.,])[\\d.]": consumed as context
            out.append(f"(?:^|{_complement(list(seq[i + 1][1][1])[:1], flags)})")
            out.append(_atom(op, av, flags))
            skip = i + 1
        elif op in _ATOMS:
            out.append(_atom(op, av, flags))
        elif op is _OP["BRANCH"]:
            alts = [_translate(a, flags, first, final) for a in av[1]]
            out.append("(?:" + "|".join(alts) + ")")
        elif op is _OP["SUBPATTERN"]:
            _, add, remove, sub = av
            out.append("(?:" + _translate(sub, (flags | add) & ~remove, first, final) + ")")
        elif op is _OP["ATOMIC_GROUP"]:
            out.append("(?:" + _translate(av, flags, first, final) + ")")
        elif op in (_OP["MAX_REPEAT"], _OP["MIN_REPEAT"], _OP["POSSESSIVE_REPEAT"]):
            low, high, sub = av
            body = _translate(sub, flags, False, False)
            bound = f"{{{low},}}" if high == _c.MAXREPEAT else f"{{{low},{high}}}"
            out.append(f"(?:{body}){bound}")
        elif op is _OP["AT"]:
            # The string start is exact; every other anchor and word boundary is dropped
            # (a superset), since Python's \b is Unicode-aware.
            begins = (av is _OP["AT_BEGINNING_STRING"] or
                      (av is _OP["AT_BEGINNING"] and not flags & re.MULTILINE))
            out.append("^" if begins and first else "")
        elif op in (_OP["ASSERT"], _OP["ASSERT_NOT"]):
            direction, sub = av
            positive = op is _OP["ASSERT"]
            if direction < 0 and first:
                # consumed as context before the match: the superset starts earlier
                if positive:
                    out.append("(?:" + _translate(sub, flags, False, False) + ")")
                else:
                    other = _complement(sub, flags)
                    out.append(f"(?:^|{other})" if other else "")
            elif direction > 0 and final:
                # consumed as context after the match: the superset ends later
                if positive:
                    out.append("(?:" + _translate(sub, flags, False, False) + ")")
                else:
                    other = _complement(sub, flags)
                    out.append(f"(?:{other}|\\z)" if other else "")
            else:
                out.append("")
        else:
            raise Unsupported(f"regex operation {op}")
    return "".join(out)


def hyperscan_superset(pattern: re.Pattern, compiles=None) -> list[bytes]:
    r"""Hyperscan expressions whose union matches every string `pattern` matches.

    An expression that `compiles` rejects (Hyperscan limits the size of one pattern) is
    split at its first alternation, one expression per alternative, or else cut short at
    the end: a prefix still holds every match's start, which is all the scan needs.

    Parameters
    ----------
    pattern : re.Pattern
        A ``str`` pattern.
    compiles : callable, optional
        ``compiles(expression) -> bool``; default: accept every expression.

    Raises
    ------
    Unsupported
        For a bytes pattern, a back-reference or a conditional group, or a pattern that
        can match the empty string (its hits would not bound its matches).

    Examples
    --------
    >>> hyperscan_superset(re.compile(r"(?<![\w])ms(?![\w])"))[0].startswith(b"(?:^|[")
    True
    >>> hyperscan_superset(re.compile("abc|de"), compiles=lambda e: b"|" not in e)
    [b'abc', b'de']
    >>> hyperscan_superset(re.compile(r"(\w)\1"))
    Traceback (most recent call last):
    ...
    ldn_comments.nlp.scan.Unsupported: regex operation GROUPREF
    """
    if not isinstance(pattern.pattern, str):
        raise Unsupported("a bytes pattern")
    parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
    if parsed.getwidth()[0] == 0:
        raise Unsupported("the pattern can match the empty string")
    found = _fit(list(parsed), parsed.state.flags, parsed.state, compiles or (lambda e: True))
    return list(dict.fromkeys(found))


def _fit(items, flags, state, compiles) -> list[bytes]:
    """The pattern's prefix up to its first repeat of a group that may repeat more than
    once (``(?:\\w+\\s+){0,3}``), if that compiles; else up to its first repeated group;
    else the whole pattern; else one expression per alternative of its first
    alternation; else a shorter prefix. (Prefixes keep the database small and fast;
    precision is not needed, only that every match starts where an expression's match
    starts. A look-ahead that ends a prefix held there in every match, so it is still
    consumed as context.)"""
    tried = []
    for strict in (False, True):
        simple = _simple_prefix(items, strict)
        if _min_width(simple) > 0 and simple not in tried:
            tried.append(simple)
            expression = _translate(simple, flags, True, True).encode("ascii")
            if compiles(expression):
                return [expression]
    expression = _translate(items, flags, True, True).encode("ascii")
    if compiles(expression):
        return [expression]
    for i, (op, av) in enumerate(items):
        if op is _OP["BRANCH"]:  # one expression per alternative
            return [e for alt in av[1]
                    for e in _fit(items[:i] + list(alt) + items[i + 1:], flags, state, compiles)]
    for i, (op, av) in enumerate(items):
        if op is _OP["SUBPATTERN"] and not av[1] and not av[2]:  # open a group
            return _fit(items[:i] + list(av[3]) + items[i + 1:], flags, state, compiles)
    shorter = items[:-1]
    if shorter and _min_width(shorter) > 0:
        return _fit(shorter, flags, state, compiles)
    raise Unsupported("no Hyperscan expression of this pattern compiles")


def _min_width(items) -> int:
    """The fewest characters a parsed sequence consumes."""
    total = 0
    for op, av in items:
        if op in _ATOMS:
            total += 1
        elif op is _OP["BRANCH"]:
            total += min(_min_width(a) for a in av[1])
        elif op is _OP["SUBPATTERN"]:
            total += _min_width(av[3])
        elif op is _OP["ATOMIC_GROUP"]:
            total += _min_width(av)
        elif op in _REPEATS:
            total += av[0] * _min_width(av[2])
    return total


_REPEATS = (_OP["MAX_REPEAT"], _OP["MIN_REPEAT"], _OP["POSSESSIVE_REPEAT"])


def _simple_prefix(items, strict: bool):
    """The items up to the first repeat of a group (``(?:\\w+\\s+){0,3}``; unless
    `strict`, only a group that may repeat more than once), with each alternation cut
    the same way: a superset for the scan's purpose (every match starts where a match of
    the prefix starts) that Hyperscan compiles small and fast."""
    out, _ = _cut(items, strict)
    return out


def _cut(items, strict: bool) -> tuple[list, bool]:
    out: list = []
    for op, av in items:
        if op in _REPEATS:
            if (len(av[2]) != 1 or av[2][0][0] not in _ATOMS) and (strict or av[1] > 1):
                return out, False
            out.append((op, av))
        elif op is _OP["BRANCH"]:
            cut = [_cut(list(a), strict) for a in av[1]]
            out.append((op, (av[0], [a for a, _ in cut])))
            if not all(whole for _, whole in cut):
                return out, False
        elif op is _OP["SUBPATTERN"]:
            inner, whole = _cut(list(av[3]), strict)
            out.append((op, (av[0], av[1], av[2], inner)))
            if not whole:
                return out, False
        elif op is _OP["ATOMIC_GROUP"]:
            inner, whole = _cut(list(av), strict)
            out.append((op, inner))
            if not whole:
                return out, False
        else:
            out.append((op, av))
    return out, True


def _first(items, flags) -> tuple[set, bool, bool]:
    """The Latin-1 codes a match can start with, whether it can start with another
    character, and whether `items` can match the empty string."""
    codes: set = set()
    wide = False
    for op, av in items:
        if op in _ATOMS:
            accepted, w = _byteset(op, av, flags)
            return codes | accepted, wide or w, False
        if op is _OP["BRANCH"]:
            nullable = False
            for alt in av[1]:
                c, w, n = _first(list(alt), flags)
                codes |= c
                wide |= w
                nullable |= n
            if not nullable:
                return codes, wide, False
        elif op is _OP["SUBPATTERN"] or op is _OP["ATOMIC_GROUP"]:
            inner, f = (av[3], (flags | av[1]) & ~av[2]) if op is _OP["SUBPATTERN"] else (av, flags)
            c, w, n = _first(list(inner), f)
            codes |= c
            wide |= w
            if not n:
                return codes, wide, False
        elif op in _REPEATS:
            c, w, n = _first(list(av[2]), flags)
            codes |= c
            wide |= w
            if av[0] > 0 and not n:
                return codes, wide, False
        elif op in (_OP["AT"], _OP["ASSERT"], _OP["ASSERT_NOT"]):
            continue
        else:
            raise Unsupported(f"regex operation {op}")
    return codes, wide, True


def _plain(code: int) -> str:
    return chr(code) if chr(code).isascii() and chr(code).isalnum() else _esc(code)


def lead_source(pattern: re.Pattern) -> str | None:
    r"""A one-character regex that every match of `pattern` starts on: its leading
    one-character look-behind, if any, and the set of its possible first characters.
    Only positions where it matches are tried inside a hit's window. None when no such
    set can be given.

    Examples
    --------
    >>> lead_source(re.compile(r"(?<![\w])(?:ldn|naltrexone)"))
    '(?<![\\w])[ln]'
    """
    parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
    items, flags = list(parsed), parsed.state.flags
    try:
        codes, wide, nullable = _first(items, flags)
    except Unsupported:
        return None
    if nullable or not (codes or wide):
        return None
    ranges = [_plain(a) if a == b else f"{_plain(a)}-{_plain(b)}" for a, b in _runs(codes)]
    if wide:
        ranges.append("\\u0100-\\U0010ffff")
    behind = ""
    op, av = items[0]
    if op is _OP["ASSERT_NOT"] and av[0] < 0 and len(av[1]) == 1 and av[1][0][0] in _ATOMS:
        behind = f"(?<!{_atom_source(*av[1][0])[0]})"
    source = behind + "[" + "".join(ranges) + "]"
    inline = "".join(c for f, c in ((re.IGNORECASE, "i"), (re.ASCII, "a"), (re.DOTALL, "s"))
                     if flags & f)
    return f"(?{inline}){source}" if inline and behind else source


# ----------------------------------------------------------------------------------------
# Per-comment answers


class Hits:
    """The matches of a scanner's patterns in one text, found on demand.

    :meth:`search` and :meth:`finditer` answer as ``pattern.search(text, pos)`` and
    ``list(pattern.finditer(text))`` do, for any compiled pattern; a pattern the scanner
    does not hold is simply run by ``re``.
    """

    __slots__ = ("_found", "_scanner", "_spans", "text")

    def __init__(self, scanner: Scanner, text: str, spans: dict | None):
        self.text = text
        self._scanner = scanner
        self._spans = spans  # hs id -> [(start, end)] of superset hits; None: re engine
        self._found: dict[int, list] = {}

    def _windows(self, pattern):
        """(start, end) windows, sorted by start, holding every possible match start of
        `pattern`; None when the scan does not bound them (``re`` then searches)."""
        if self._spans is None:
            return None
        slot = self._scanner._slot.get(id(pattern))
        if slot is None:
            return None
        spans = self._spans.get(slot)
        if not spans:
            return ()
        if type(spans) is list:  # sorted once, then kept as a tuple
            spans.sort()
            spans = self._spans[slot] = tuple(spans)
        return spans

    def may_match(self, pattern: re.Pattern) -> bool:
        """False when the scan shows that `pattern` matches nowhere in the text."""
        windows = self._windows(pattern)
        return windows is None or bool(windows)

    def _confirm(self, pattern, windows, pos: int, first: bool) -> list:
        """``re`` matches of `pattern` starting at or after `pos` inside `windows`, as
        ``finditer`` finds them (or only the first)."""
        found: list = []
        lead = self._scanner._lead.get(self._scanner._slot[id(pattern)])
        match, text, done = pattern.match, self.text, pos
        for start, end in windows:
            p = max(done, start)
            while p < end:
                if lead is not None and end - p > 2:  # skip to where a match can start
                    c = lead.search(text, p, end)
                    if c is None:
                        break
                    p = c.start()
                m = match(text, p)
                if m is None:
                    p += 1
                    continue
                found.append(m)
                if first:
                    return found
                p = m.end()  # patterns in a scanner never match empty: m.end() > p
                done = max(done, p)
            done = max(done, end)  # every position before `end` was tried or skipped
        return found

    def search(self, pattern: re.Pattern, pos: int = 0):
        """``pattern.search(text, pos)``: the first match starting at or after `pos`."""
        windows = self._windows(pattern)
        if windows is None:
            return pattern.search(self.text, pos)
        found = self._confirm(pattern, windows, pos, True) if windows else ()
        return found[0] if found else None

    def finditer(self, pattern: re.Pattern) -> list:
        """``list(pattern.finditer(text))``, kept for the next caller."""
        key = id(pattern)
        found = self._found.get(key)
        if found is None:
            windows = self._windows(pattern)
            if windows is None:
                found = list(pattern.finditer(self.text))
            else:
                found = self._confirm(pattern, windows, 0, False) if windows else []
            self._found[key] = found
        return found

    def events(self) -> list[tuple[int, int, int, tuple]]:
        """Every match of every pattern of the scanner: (pattern index, start, end,
        groups), by pattern then position (what the two engines must agree on)."""
        return [(i, *m.span(), m.groups()) for i, p in enumerate(self._scanner.patterns)
                for m in self.finditer(p)]


# ----------------------------------------------------------------------------------------
# The scanner


def _cache_dir() -> Path:
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ldn-comments"


#: Compiled databases kept in the cache directory, the most recently used first. Each
#: lexicon change or upgrade makes a new one (about 13 MB) and a process may use a few
#: (one per set of patterns its entry point registers), so the older ones are removed.
KEEP_CACHED = 8


def _prune(directory: Path, keep: Path) -> None:
    """Remove all but the :data:`KEEP_CACHED` most recently used databases (never
    `keep`). A database removed while another process wants it is only built again."""
    try:
        found = sorted(directory.glob("scan-*.hsdb"), key=lambda f: f.stat().st_mtime,
                       reverse=True)
    except OSError:
        return
    for old in found[KEEP_CACHED:]:
        if old != keep:
            try:
                old.unlink()
            except OSError:
                pass


def _package_version() -> str:
    from .. import __version__  # type: ignore[attr-defined, unused-ignore]

    return str(__version__)


class Scanner:
    """All `patterns` compiled into one database; :meth:`scan` passes over a text once.

    Parameters
    ----------
    patterns : sequence of re.Pattern
        Every pattern the callers will ask :class:`Hits` about over whole texts (kept
        in :attr:`patterns` in a canonical order). A pattern with no Hyperscan superset
        is answered by ``re`` alone.
    engine : {"hyperscan", "re"}, optional
        Default: :func:`available_engine` (``re`` without the wheel or when
        ``LDN_COMMENTS_ENGINE=re``).
    cache_dir : path, optional
        Where the compiled database is kept; default ``LDN_COMMENTS_CACHE`` or the user
        cache directory. An unwritable directory only means no cache.
    """

    def __init__(self, patterns: Sequence[re.Pattern], *, engine: str | None = None,
                 cache_dir: str | os.PathLike | None = None):
        # one canonical order, whatever order the callers registered them in, so the
        # database and its cache key are the same for every entry point
        unique = {id(p): p for p in patterns}.values()
        self.patterns = sorted(unique, key=lambda p: (p.pattern, p.flags))
        self.engine = engine or available_engine()
        if self.engine == "hyperscan" and _hs is None:
            self.engine = "re"
        self._slot: dict[int, int] = {}
        self._lead: dict[int, re.Pattern] = {}  # slot -> where a match can start
        self._db: Any = None
        self._local = threading.local()  # Hyperscan scratch space is one per thread
        self.loaded_from: Path | None = None  # the cache file the database came from
        self.build_seconds: float | None = None
        if self.engine == "hyperscan":
            self._load_or_build(Path(cache_dir) if cache_dir is not None else _cache_dir())

    # -- the database
    def _key(self) -> str:
        digest = hashlib.sha256()
        version = getattr(_hs, "__version__", "")
        digest.update(f"{TRANSLATION_VERSION}\0{version}\0{PLACEHOLDER}\0".encode())
        for p in self.patterns:
            digest.update(f"{p.flags}\0{p.pattern}\0\0".encode("utf-8", "surrogatepass"))
        return f"scan-{_package_version()}-{digest.hexdigest()[:24]}.hsdb"

    def _load_or_build(self, directory: Path) -> None:
        path = directory / self._key()
        try:
            blob = path.read_bytes()
            header, _, body = blob.partition(b"\n")
            slots, leads = json.loads(header)
            if len(slots) != len(self.patterns) or len(leads) != len(self.patterns):
                raise ValueError("stale cache")
            db = _hs.loadb(body, _hs.HS_MODE_BLOCK)
        except (OSError, ValueError, TypeError, _hs.error):  # missing or corrupt: build again
            slots, leads, db = self._build()
            self._save(path, slots, leads, db)
        else:
            self.loaded_from = path
            try:  # mark it used, so pruning keeps it
                os.utime(path)
            except OSError:
                pass
        self._db = db
        for index, slot in enumerate(slots):
            if slot is not None:
                self._slot[id(self.patterns[index])] = slot
                if leads[index] is not None:
                    self._lead[slot] = re.compile(leads[index])
        if db is None:  # nothing could be compiled: every pattern goes to re
            self.engine = "re"

    def _build(self):
        started = time.perf_counter()
        flags = _hs.HS_FLAG_SOM_LEFTMOST | _hs.HS_FLAG_DOTALL
        expressions, ids, slots = [], [], []

        def compiles(expression):
            try:
                db = _compile([expression], [0], flags)
            except _hs.error:
                return False
            # a start-of-match expression can grow to megabytes (leading or nested
            # repeats); such an expression is cut down instead
            return len(_hs.dumpb(db)) <= MAX_EXPRESSION_BYTES

        leads = [lead_source(p) for p in self.patterns]
        for slot, pattern in enumerate(self.patterns):
            try:
                found = hyperscan_superset(pattern, compiles)
            except Unsupported:
                slots.append(None)
                continue
            slots.append(slot)
            expressions += found
            ids += [slot] * len(found)
        db = _compile(expressions, ids, flags) if expressions else None
        self.build_seconds = time.perf_counter() - started
        return slots, leads, db

    def _save(self, path: Path, slots, leads, db) -> None:
        stored = "not cached"
        if db is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
                header = json.dumps([slots, leads]).encode()
                tmp.write_bytes(header + b"\n" + _hs.dumpb(db))
                os.replace(tmp, path)
                stored = f"cached in {path}"
                _prune(path.parent, keep=path)
            except OSError:
                pass
        held = sum(s is not None for s in slots)
        print(f"ldn-comments: compiled the scan database ({held} of {len(slots)} patterns) "
              f"in {self.build_seconds:.1f} s, {stored}", file=sys.stderr)

    # -- scanning
    def scan(self, text: str) -> Hits:
        """Pass over `text` once; the :class:`Hits` answer for every pattern."""
        if self._db is None:
            return Hits(self, text, None)
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:  # each thread (dask's threaded scheduler) scans with its own
            scratch = self._local.scratch = _hs.Scratch(self._db)
        spans: dict[int, list] = {}
        self._db.scan(to_bytes(text), match_event_handler=_collect, context=spans,
                      scratch=scratch)
        return Hits(self, text, spans)


def _collect(slot, start, end, flags, spans):
    found = spans.get(slot)
    if found is None:
        spans[slot] = [(start, end)]
    else:
        found.append((start, end))


def _compile(expressions, ids, flags):
    db = _hs.Database(mode=_hs.HS_MODE_BLOCK)
    db.compile(expressions=expressions, ids=ids,
               elements=len(expressions), flags=[flags] * len(expressions))
    return db
