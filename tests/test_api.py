"""The public API of DESIGN.md: names resolve to functions whatever was imported first."""
import importlib

import pandas as pd

import ldn_comments


def test_public_names_are_callable_after_submodule_imports():
    for name in ("extract", "people", "summarise", "evaluate"):
        importlib.import_module(f"ldn_comments.{name}")
        assert callable(getattr(ldn_comments, name)), name


def test_public_pipeline_runs_through_package_names():
    comments = pd.DataFrame({"author": ["Ann", "Bo"],
                             "text": ["On LDN 4.5 mg for a year, more energy.", "Thanks!"]})
    records = ldn_comments.extract(comments)
    assert list(records["ldn_use"].astype(str)) == ["current", "none"]
    assert len(ldn_comments.people(records)) == 2
    assert ldn_comments.summarise(records)["effect"].attrs["label"] == ldn_comments.LABEL


def test_import_does_no_work():
    import subprocess
    import sys

    code = "import sys, ldn_comments; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
