"""ldn-comments: patient comment threads about low-dose naltrexone (LDN) in MS, parsed
into structured records and summarised as what they are: uncontrolled, self-selected
reports, not evidence that LDN works.

The public API is imported lazily, so ``import ldn_comments`` does no work.

Examples
--------
>>> import ldn_comments
>>> "self-selected" in ldn_comments.LABEL
True
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

_API = {
    "LABEL": "label",
    "read_comments": "readers",
    "extract": "run",
    "extract_iter": "run",
    "people": "people",
    "summarise": "summarise",
    "evaluate": "evaluate",
    "write_report": "report",
    "LdnCommentsError": "errors",
}

__all__ = sorted(_API)


def __getattr__(name):
    if name in _API:
        module = importlib.import_module(f".{_API[name]}", __name__)
        value = getattr(module, name)
        if name != _API[name]:
            globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_API))
