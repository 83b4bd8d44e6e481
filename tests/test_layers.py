"""No module imports another module's private names (issue 15): what is shared is
promoted to a public name. The layer contracts themselves are import-linter's
(pyproject.toml, run by .ci/run)."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "ldn_comments"


def _private_imports(source: str) -> list[tuple[int, str]]:
    """(line, name) of each ``from <this package's module> import _name``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("ldn_comments")):
            found += [(node.lineno, a.name) for a in node.names
                      if a.name.startswith("_") and not a.name.startswith("__")]
    return found


def test_the_check_sees_private_imports_and_only_those():
    source = ("from .thread import _clean\nfrom .x import public\n"
              "from ldn_comments.output import _csv_ready\nfrom os import _exit\n")
    assert _private_imports(source) == [(1, "_clean"), (3, "_csv_ready")]


def test_no_module_imports_private_names_of_another():
    offenders = [f"{path.relative_to(PACKAGE.parent)}:{line} {name}"
                 for path in sorted(PACKAGE.rglob("*.py"))
                 for line, name in _private_imports(path.read_text(encoding="utf-8"))]
    assert offenders == []
