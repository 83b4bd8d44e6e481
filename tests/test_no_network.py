"""Nothing is fetched from the network: the whole pipeline runs with sockets blocked."""
from __future__ import annotations

import socket
import warnings
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED_TABLE = REPO / "data" / "comments.csv"


class NetworkUsed(AssertionError):
    pass


def _refuse(*args, **kwargs):
    raise NetworkUsed(f"network access attempted: {args!r}")


@pytest.fixture
def no_network(monkeypatch):
    for name in ("socket", "create_connection", "getaddrinfo", "gethostbyname",
                 "socketpair", "fromfd"):
        monkeypatch.setattr(socket, name, _refuse)
    with pytest.raises(NetworkUsed):  # the block itself works
        socket.create_connection(("example.org", 80))


def test_pipeline_without_network(no_network, tmp_path):
    from ldn_comments import extract, people, read_comments, summarise, write_report

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        comments = read_comments(SEED_TABLE)
        records = extract(comments)
        assert len(records) == len(comments)
        assert len(people(records)) >= 1
        summary = summarise(records)
        assert "self-selected" in summary.to_text()
        paths = write_report(records, tmp_path / "report", source=SEED_TABLE)
    assert (tmp_path / "report" / "report.html").exists() and "report.md" in paths


def test_cli_report_without_network(no_network, tmp_path, capsys):
    from ldn_comments.cli import main

    assert main(["report", str(SEED_TABLE), "-o", str(tmp_path / "r")]) == 0
    assert (tmp_path / "r" / "report.html").exists()
