"""SIGINT: an interrupted run exits 130 with one line and leaves no partial output.

The command runs as ``python -m ldn_comments`` on a large generated input. The signal is
sent only once the command is inside its main function: Python's SIGINT handler is
installed (``SigCgt`` in ``/proc/<pid>/status``) and pandas is loaded (the readers import it
lazily, inside main). Two moments are tested: while reading, and while the output is
being written (its ``.part`` temp file or folder exists).
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
THREADS = REPO / "tests" / "fixtures" / "threads"
POLL_LIMIT = 120  # seconds

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(),
                                reason="polls /proc to know when the command has started")


def _start(*argv) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "ldn_comments", *argv],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO)})


def _inside_main(proc: subprocess.Popen) -> bool:
    try:
        status = Path(f"/proc/{proc.pid}/status").read_text()
        maps = Path(f"/proc/{proc.pid}/maps").read_text()
    except OSError:
        return False
    caught = int(next(line.split()[1] for line in status.splitlines()
                      if line.startswith("SigCgt:")), 16)
    return bool(caught & (1 << (signal.SIGINT - 1))) and "/pandas/" in maps


def _wait_for(proc: subprocess.Popen, ready) -> None:
    deadline = time.monotonic() + POLL_LIMIT
    while not ready():
        if proc.poll() is not None:
            pytest.fail(f"the command ended before it could be interrupted: {proc.stderr.read()}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("the command never reached the point to interrupt")
        time.sleep(0.005)


def _interrupt(proc: subprocess.Popen) -> tuple[int, str]:
    proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=POLL_LIMIT)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("the command did not stop after SIGINT")
    return proc.returncode, err


def _assert_interrupted(code: int, err: str, out_dir: Path) -> None:
    assert code == 130, err
    assert err.splitlines() == ["ldn-comments: interrupted; no partial output was left"], err
    assert list(out_dir.iterdir()) == []  # no output, no .part


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory) -> Path:
    """400 000 short comments: several seconds to read and to write."""
    path = tmp_path_factory.mktemp("big") / "big.csv"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("comment_id,parent_id,author,text\n")
        for i in range(1, 400_001):
            fh.write(f"{i},{i - 1 if i % 4 != 1 else ''},writer {i % 503},LDN {i % 7} mg ok\n")
    return path


@pytest.mark.parametrize("moment", ["reading", "writing"])
def test_parse_interrupted(big_csv, tmp_path, moment):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    proc = _start("parse", str(big_csv), "-o", str(out_dir / "comments.csv"))
    _wait_for(proc, lambda: _inside_main(proc))
    if moment == "writing":
        _wait_for(proc, lambda: any(p.name.endswith(".part") for p in out_dir.iterdir()))
    _assert_interrupted(*_interrupt(proc), out_dir)


def test_report_interrupted_while_building(tmp_path):
    # A few thousand real-looking comments: extraction and the figures take seconds.
    import pandas as pd

    one = pd.read_csv(THREADS / "thread.csv", dtype=str)
    many = pd.concat([one.assign(comment_id=one["comment_id"] + f"_{k}",
                                 parent_id=one["parent_id"].map(
                                     lambda p, k=k: None if pd.isna(p) else f"{p}_{k}"))
                      for k in range(300)], ignore_index=True)
    src = tmp_path / "many.csv"
    many.to_csv(src, index=False)
    out_parent = tmp_path / "out"
    out_parent.mkdir()
    proc = _start("report", str(src), "-o", str(out_parent / "report"))
    _wait_for(proc, lambda: any(p.name.endswith(".part") for p in out_parent.iterdir()))
    _assert_interrupted(*_interrupt(proc), out_parent)


def _swallowing_command(out_path: Path):
    """A command whose library swallows the KeyboardInterrupt, then writes its output."""
    from ldn_comments.output import atomic_path

    def command(args) -> int:
        try:  # as an optional import does that catches whatever its import raised
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)  # the handler runs at the next bytecode; never waits this long
        except BaseException:  # noqa: B036 - the library's bug this test is about
            pass
        with atomic_path(out_path) as tmp:
            tmp.write_text("complete, but the user asked to stop\n")
        return 0

    return command


def test_swallowed_interrupt_still_stops_before_output(tmp_path, monkeypatch, capsys):
    from ldn_comments import cli

    out_dir = tmp_path / "out"
    out_dir.mkdir()
    monkeypatch.setitem(cli.COMMANDS, "parse", _swallowing_command(out_dir / "comments.csv"))
    code = cli.main(["parse", "whatever.csv"])
    _assert_interrupted(code, capsys.readouterr().err, out_dir)


def test_swallowed_interrupt_after_output_still_exits_130(tmp_path, monkeypatch, capsys):
    # Output printed to stdout cannot be taken back; the exit code still tells the shell.
    from ldn_comments import cli

    def command(args) -> int:
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)
        except BaseException:  # noqa: B036
            pass
        return 0

    monkeypatch.setitem(cli.COMMANDS, "parse", command)
    assert cli.main(["parse", "whatever.csv"]) == 130
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # restored
    # and forgotten: a later output in the same process is not refused
    from ldn_comments.errors import interrupted
    from ldn_comments.output import atomic_path

    assert not interrupted()
    with atomic_path(tmp_path / "later.txt") as tmp:
        tmp.write_text("written after main returned\n")
    assert (tmp_path / "later.txt").exists()
