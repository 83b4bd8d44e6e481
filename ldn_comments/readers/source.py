"""Loading an input (a path, ``-`` for standard input, or a file-like buffer) as one str.

This is the only place the readers touch files. Everything after it works on text.

Decoding, in this order:

1. A byte-order mark decides: UTF-8 with BOM, UTF-16 LE or BE (the BOM is dropped).
   Bytes that do not decode under their BOM are refused as not text (E002).
2. NUL bytes (without a UTF-16 BOM) mean a binary file: E002.
3. UTF-8.
4. Otherwise the bytes are read as cp1252 ("Windows Latin-1", what old browsers and
   spreadsheet programs save), **with a warning**, because a patient thread saved years
   ago is far more likely to be cp1252 than binary. The five bytes cp1252 leaves
   undefined are read as latin-1, so every byte decodes. Text that still holds control
   characters other than tab, newline, carriage return and form feed is refused as binary
   (E002): real text never has them.

Line ends: CRLF and a lone CR become LF, so line numbers in error messages are the ones an
editor shows.

Examples
--------
>>> import io
>>> loaded = load(io.BytesIO(b"\\xef\\xbb\\xbfcomment_id,text\\r\\n1,hi\\r\\n"))
>>> loaded.text, loaded.name
('comment_id,text\\n1,hi\\n', '<buffer>')
"""
from __future__ import annotations

import codecs
import sys
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, warn

#: Control characters that never occur in real text (everything below space except
#: tab, LF, FF and CR, plus DEL). Their presence after a lenient decode means binary.
_CONTROL = {chr(c) for c in range(32) if chr(c) not in "\t\n\f\r"} | {"\x7f"}


@dataclass(frozen=True)
class Loaded:
    """A decoded input.

    Attributes
    ----------
    text : str
        The whole input, LF line ends, no BOM.
    name : str
        The file name for the ``source`` column (``"<stdin>"``, ``"<buffer>"``).
    label : str
        How error messages name the input (the path as given).
    """

    text: str
    name: str
    label: str


def load(path_or_buffer) -> Loaded:
    """Read and decode `path_or_buffer` (a path, ``"-"`` or a file-like object).

    Raises
    ------
    InputError
        E008 if the file is missing, a folder or unreadable; E001 if it is empty or only
        whitespace; E002 if it is binary or undecodable.

    Examples
    --------
    >>> import io
    >>> load(io.StringIO("a\\rb\\r\\nc")).text
    'a\\nb\\nc'
    """
    raw, name, label = _read_raw(path_or_buffer)
    text = raw if isinstance(raw, str) else decode(raw, label=label)
    if "\x00" in text:
        raise InputError("E002", "it holds NUL bytes", source=label)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("E001", "nothing but whitespace" if text else None, source=label)
    return Loaded(text=text, name=name, label=label)


def _read_raw(obj):
    if hasattr(obj, "read"):
        name = getattr(obj, "name", None)
        name = Path(name).name if isinstance(name, str) and name else "<buffer>"
        return obj.read(), name, name
    if str(obj) == "-":
        stream = getattr(sys.stdin, "buffer", sys.stdin)
        return stream.read(), "<stdin>", "<stdin>"
    path = Path(obj)
    label = str(obj)
    if path.is_dir():
        raise InputError("E008", "it is a folder, not a file", source=label)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("E008", "no such file", source=label) from None
    except OSError as exc:
        raise InputError("E008", exc.strerror or str(exc), source=label) from None
    return raw, path.name, label


def decode(raw: bytes, *, label: str = "<buffer>") -> str:
    """Decode `raw` by the rules in the module docstring.

    Examples
    --------
    >>> decode("Zoë".encode("utf-16"))
    'Zoë'
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     decode("Zoë takes 4,5 mg".encode("cp1252"))
    'Zoë takes 4,5 mg'
    """
    if not raw:
        return ""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            try:
                return raw[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError("E002", f"not valid {encoding} despite its byte-order mark "
                                 f"(byte {exc.start})", source=label) from None
    if b"\x00" in raw:
        raise InputError("E002", "it holds NUL bytes", source=label)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # cp1252 leaves 0x81 0x8D 0x8F 0x90 0x9D undefined; latin-1 maps them to C1 controls,
    # which is what a browser would show, so nothing is dropped.
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        text = "".join(_cp1252_or_latin1(raw))
    if any(ch in _CONTROL for ch in text):
        raise InputError("E002", "not UTF-8 and it holds control characters", source=label)
    warn(f"{label} is not UTF-8; read it as cp1252 (Windows Latin-1)")
    return text


def _cp1252_or_latin1(raw: bytes):
    for i in range(len(raw)):
        byte = raw[i:i + 1]
        try:
            yield byte.decode("cp1252")
        except UnicodeDecodeError:
            yield byte.decode("latin-1")
