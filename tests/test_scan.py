"""The compiled scan (ldn_comments.nlp.scan) gives exactly the answers of Python's re.

Three things are checked: the two engines agree match for match on free text (a property
test over text mixing lexicon words, digits, punctuation and non-Latin-1 characters);
records are byte-identical whichever engine produced them, on every fixture; and the
on-disk cache of the compiled database is read back, rebuilt when corrupt, and optional.
"""
from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ldn_comments.run import extract
from ldn_comments.nlp import doc as doc_module
from ldn_comments.nlp import scan
from ldn_comments.nlp.text import normalise
from ldn_comments.output import frame_to_jsonl
from ldn_comments.readers import read_comments
from ldn_comments.rules import lexicon

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"

needs_hyperscan = pytest.mark.skipif(scan._hs is None, reason="the hyperscan wheel is absent")


@pytest.fixture(scope="session")
def engines():
    """The extractor's own pattern set, compiled by each engine (the hyperscan one from
    the same cache as the extractor's, so the suite builds it at most once)."""
    patterns = doc_module.scanner().patterns
    return (scan.Scanner(patterns, engine="hyperscan"), scan.Scanner(patterns, engine="re"))


def _words():
    """Single words of the lexicons, so random text hits the patterns often."""
    words = set()
    for name in ("cues", "outcomes", "therapies", "ms_types", "triggers"):
        stack = [lexicon(name)]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                stack.extend(v for k, v in item.items() if k != "_doc")
            elif isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, str):
                words.update(w for w in re.findall(r"[a-z']+", item) if len(w) > 1)
    return sorted(words)


WORDS = _words()
PIECES = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(["ldn", "4.5", "4,5", "mg", "ml", "2019", "'19", "3 years ago", "(34)",
                     "i'm 45", "rrms", "no", "not", "my wife", "every night", "day 5 of ldn"]),
    st.from_regex(r"\d{1,4}([.,]\d{1,2})?", fullmatch=True),
    st.sampled_from(list(" .,;:!?()[]'\"-/>\n") + ["  ", ". ", "\n\n", "->"]),
    st.sampled_from(["é", "’", "–", "→", "İ", "ж", "日", "😀", "\u00a0", "µ", "ß", "\x1a"]),
    st.text(max_size=3),
)
TEXTS = st.lists(PIECES, max_size=40).map(lambda parts: " ".join(parts))


@needs_hyperscan
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, normalised=st.booleans(), pos=st.integers(0, 400))
def test_engines_give_the_same_events(engines, text, normalised, pos):
    fast, slow = engines
    if normalised:
        text = normalise(text)
    a, b = fast.scan(text), slow.scan(text)
    assert a.events() == b.events()
    for pattern in fast.patterns:
        found, expected = a.search(pattern, pos), pattern.search(text, pos)
        assert (found and (found.span(), found.groups())) == \
            (expected and (expected.span(), expected.groups()))


@needs_hyperscan
def test_every_pattern_of_the_extractor_is_in_the_database(engines):
    fast, _ = engines
    assert fast.engine == "hyperscan"
    assert all(id(p) in fast._slot for p in fast.patterns)


@needs_hyperscan
def test_a_pattern_without_superset_is_answered_by_re(tmp_path):
    backref = re.compile(r"(\w)\1")
    word = re.compile(r"(?<![\w])ok(?![\w])")
    scanner = scan.Scanner([backref, word], engine="hyperscan", cache_dir=tmp_path)
    hits = scanner.scan("look, ok, all good")
    assert [m.span() for m in hits.finditer(backref)] == [(1, 3), (11, 13), (15, 17)]
    assert [m.span() for m in hits.finditer(word)] == [(6, 8)]
    assert id(backref) not in scanner._slot and id(word) in scanner._slot


def _fixture_inputs():
    inputs = [p for p in sorted(FIXTURES.rglob("*"))
              if p.is_file() and p.suffix in (".csv", ".tsv", ".txt", ".jsonl", ".ndjson", ".xml")
              and ".gold" not in p.name]
    return [p for p in inputs if p.name != "README.md"]


#: Fixtures whose columns must be named (as tests/test_reviews.py reads them).
OPTIONS = {"custom.csv": dict(format="reviews", text_col="body", drug_col="medicine",
                              condition_col="diagnosis", id_col="review_id",
                              date_col="posted", author_col="nickname")}


def _records_jsonl(path) -> str:
    comments = read_comments(path, **OPTIONS.get(path.name, {}))
    out = io.StringIO()
    frame_to_jsonl(extract(comments), out)
    return out.getvalue()


@needs_hyperscan
@pytest.mark.parametrize("path", _fixture_inputs(), ids=lambda p: str(p.relative_to(FIXTURES)))
def test_records_are_byte_identical_between_engines(engines, monkeypatch, path):
    fast, slow = engines
    monkeypatch.setattr(doc_module, "scanner", lambda: fast)
    with_hyperscan = _records_jsonl(path)
    monkeypatch.setattr(doc_module, "scanner", lambda: slow)
    with_re = _records_jsonl(path)
    assert with_hyperscan == with_re
    assert with_re.count("\n") >= 1


@needs_hyperscan
def test_the_environment_forces_the_re_engine(engines, tmp_path):
    source = FIXTURES / "threads" / "thread.csv"
    outputs = {}
    for engine in ("re", "hyperscan"):
        env = dict(os.environ, LDN_COMMENTS_ENGINE=engine, PYTHONPATH=str(REPO))
        target = tmp_path / f"{engine}.jsonl"
        code = ("import sys; from ldn_comments.nlp.doc import scanner; print(scanner().engine);"
                "from ldn_comments.cli import main; sys.exit(main(sys.argv[1:]))")
        done = subprocess.run([sys.executable, "-c", code, "extract", str(source), "-o",
                               str(target), "--no-progress"], env=env, capture_output=True,
                              text=True, timeout=300, check=False)
        assert done.returncode == 0, done.stderr
        assert done.stdout.split()[0] == engine
        outputs[engine] = target.read_bytes()
    assert outputs["re"] == outputs["hyperscan"]
    assert len(outputs["re"].splitlines()) == len(read_comments(source))


@needs_hyperscan
def test_threads_scan_at_the_same_time(engines):
    """Hyperscan needs scratch space per thread (dask's threaded scheduler runs extract
    in several threads at once)."""
    from concurrent.futures import ThreadPoolExecutor

    fast, slow = engines
    texts = [f"day {i}: 4.5 mg ldn, no relapses, my wife has rrms since 20{i:02d}" * 20
             for i in range(40)]
    with ThreadPoolExecutor(4) as pool:
        found = list(pool.map(lambda t: fast.scan(t).events(), texts))
    assert found == [slow.scan(t).events() for t in texts]
    assert all(found)


def test_available_engine_reads_the_environment(monkeypatch):
    monkeypatch.setenv(scan.ENGINE_ENV, "re")
    assert scan.available_engine() == "re"
    monkeypatch.delenv(scan.ENGINE_ENV)
    assert scan.available_engine() == ("re" if scan._hs is None else "hyperscan")


def test_without_the_wheel_the_re_engine_answers(monkeypatch, tmp_path):
    monkeypatch.setattr(scan, "_hs", None)
    word = re.compile(r"(?<![\w])ldn(?![\w])")
    scanner = scan.Scanner([word], cache_dir=tmp_path)
    assert scanner.engine == "re"
    assert [m.span() for m in scanner.scan("ldn, not ldnx").finditer(word)] == [(0, 3)]
    assert list(tmp_path.iterdir()) == []


def test_text_maps_one_byte_per_character():
    text = "naïve → 4,5 mg 😀 İ"
    data = scan.to_bytes(text)
    assert len(data) == len(text)
    assert all(data[i] == (ord(c) if ord(c) < 256 else scan.PLACEHOLDER)
               for i, c in enumerate(text))


# ---- the cache -------------------------------------------------------------------------

SMALL = [re.compile(r"(?<![\w])(?:low dose naltrexone|ldn)(?![\w])"),
         re.compile(r"(?P<n>\d+(?:\.\d+)?)\s*mg(?![\w])")]


@needs_hyperscan
def test_second_load_reads_the_cache(tmp_path, capsys):
    first = scan.Scanner(SMALL, cache_dir=tmp_path)
    assert first.loaded_from is None and first.build_seconds is not None
    assert "compiled the scan database" in capsys.readouterr().err
    files = list(tmp_path.glob("scan-*.hsdb"))
    assert len(files) == 1
    second = scan.Scanner(SMALL, cache_dir=tmp_path)
    assert second.loaded_from == files[0] and second.build_seconds is None
    assert capsys.readouterr().err == ""
    text = "ldn 4.5mg, then 3 mg of ldn"
    assert second.scan(text).events() == first.scan(text).events() == \
        scan.Scanner(SMALL, engine="re").scan(text).events()


@needs_hyperscan
def test_old_databases_are_pruned_and_the_used_ones_kept(tmp_path):
    # ten stale databases from earlier versions, and one other file
    for i in range(10):
        old = tmp_path / f"scan-0.0.{i}-{i:024d}.hsdb"
        old.write_bytes(b"stale")
        os.utime(old, (1_000_000 + i, 1_000_000 + i))
    (tmp_path / "notes.txt").write_text("not ours")
    in_use = tmp_path / "scan-0.0.0-000000000000000000000000.hsdb"  # the oldest made ...
    os.utime(in_use, (2_000_000, 2_000_000))  # ... but the most recently used
    built = scan.Scanner(SMALL, cache_dir=tmp_path)
    kept = sorted(tmp_path.glob("scan-*.hsdb"))
    assert len(kept) == scan.KEEP_CACHED
    assert tmp_path / built._key() in kept
    assert in_use in kept
    assert (tmp_path / "notes.txt").exists()
    assert not (tmp_path / "scan-0.0.1-000000000000000000000001.hsdb").exists()


@needs_hyperscan
def test_loading_a_database_marks_it_used(tmp_path):
    path = tmp_path / scan.Scanner(SMALL, cache_dir=tmp_path)._key()
    os.utime(path, (1_000_000, 1_000_000))
    assert scan.Scanner(SMALL, cache_dir=tmp_path).loaded_from == path
    assert path.stat().st_mtime > 1_000_000


@needs_hyperscan
def test_the_cache_key_changes_with_the_patterns(tmp_path):
    scan.Scanner(SMALL, cache_dir=tmp_path)
    scan.Scanner(SMALL[:1], cache_dir=tmp_path)
    assert len(list(tmp_path.glob("scan-*.hsdb"))) == 2


@needs_hyperscan
@pytest.mark.parametrize("garbage", [b"", b"not a database", b"[0, 1]\nxxxx", b"[0]\n"])
def test_a_corrupt_cache_is_rebuilt(tmp_path, capsys, garbage):
    scan.Scanner(SMALL, cache_dir=tmp_path)
    (path,) = tmp_path.glob("scan-*.hsdb")
    path.write_bytes(garbage)
    capsys.readouterr()
    rebuilt = scan.Scanner(SMALL, cache_dir=tmp_path)
    assert rebuilt.loaded_from is None and rebuilt.engine == "hyperscan"
    assert "compiled the scan database" in capsys.readouterr().err
    assert [m.group("n") for m in rebuilt.scan("2 mg and 4.5 mg").finditer(SMALL[1])] == ["2", "4.5"]
    assert scan.Scanner(SMALL, cache_dir=tmp_path).loaded_from == path


@needs_hyperscan
def test_an_unwritable_cache_directory_only_means_no_cache(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    scanner = scan.Scanner(SMALL, cache_dir=blocker / "cache")
    assert scanner.engine == "hyperscan"
    assert "not cached" in capsys.readouterr().err
    assert [m.span() for m in scanner.scan("ldn").finditer(SMALL[0])] == [(0, 3)]


@needs_hyperscan
def test_the_cache_directory_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(scan.CACHE_ENV, str(tmp_path / "here"))
    scan.Scanner(SMALL)
    assert len(list((tmp_path / "here").glob("scan-*.hsdb"))) == 1
