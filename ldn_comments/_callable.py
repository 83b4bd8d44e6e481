"""Modules that share a name with their main function stay callable.

``ldn_comments.extract`` is both a module and the function ``extract``. Once the module
has been imported (``from ldn_comments.extract import extract_one``), Python binds the
package attribute to the module, so ``ldn_comments.extract(comments)`` would fail. Making
the module callable keeps the public API (DESIGN.md) working whichever was imported first.

Examples
--------
>>> import ldn_comments.extract, ldn_comments
>>> callable(ldn_comments.extract)
True
"""
from __future__ import annotations

import importlib
import sys
import types


class _CallableModule(types.ModuleType):
    def __call__(self, *args, **kwargs):
        home = self.__dict__.get("__call_home__")
        owner = importlib.import_module(home) if home else self
        return getattr(owner, self.__dict__["__call_target__"])(*args, **kwargs)


def make_callable(module_name: str, function_name: str, *, home: str | None = None) -> None:
    """Let the module `module_name` be called as the function `function_name` of the
    module `home` (default: of itself; another module is imported at the first call)."""
    module = sys.modules[module_name]
    module.__call_target__ = function_name  # type: ignore[attr-defined]
    module.__call_home__ = home  # type: ignore[attr-defined]
    module.__class__ = _CallableModule
