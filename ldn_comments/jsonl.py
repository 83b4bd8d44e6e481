"""JSON Lines parsing with the toolkit's errors: shared by the readers (comment files) and
:func:`ldn_comments.records.read_records` (records read back), below both.
"""
from __future__ import annotations

import json

from .errors import InputError

__all__ = ["json_lines"]


def json_lines(text, *, source: str):
    """Yield ``(line number, object)`` for each non-blank line of JSON Lines `text` (a
    string, or an iterable of lines such as an open file).

    Raises
    ------
    InputError
        E006 naming the line when a line is not JSON or not a JSON object.

    Examples
    --------
    >>> list(json_lines('{"a": 1}\\n\\n{"a": 2}\\n', source="x.jsonl"))
    [(1, {'a': 1}), (3, {'a': 2})]
    """
    lines = text.split("\n") if isinstance(text, str) else text
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError("E006", f"not JSON ({exc.msg})", source=source,
                             where=f"line {number}") from None
        if not isinstance(obj, dict):
            raise InputError("E006", f"a JSON {type(obj).__name__}, not an object",
                             source=source, where=f"line {number}")
        yield number, obj
