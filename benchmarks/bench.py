"""Throughput and memory of ``ldn-comments extract`` as a whole process (issue 7).

    python benchmarks/bench.py                       # N = 10k, 100k, 1M
    python benchmarks/bench.py --sizes 10000,100000  # what fits in your time
    python benchmarks/bench.py --quick               # N = 2k, a smoke run

For every N a seeded synthetic corpus (``benchmarks/corpus.py``, ~400 characters per
comment) is written to a temporary folder as CSV; then, each in its own process:

* ``ldn-comments extract corpus.csv -o records.jsonl --jobs 1 --no-progress``,
* the same with ``--jobs 2`` (for N up to ``--jobs-max``),
* NLTK's VADER ``polarity_scores`` over the same texts (the lexicon from the installed
  ``vaderSentiment``, offline) as a reference speed,

timing wall-clock seconds and peak resident memory: the largest single process
(``wait4`` ru_maxrss) and the whole process tree (``/proc`` VmRSS, polled every 50 ms).
It prints a table, checks the issue's targets, and writes ``benchmarks/results.md``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402

VADER = r"""
import csv, sys
csv.field_size_limit(1 << 30)
from ldn_comments.bias.sentiment import analyzer
score = analyzer().polarity_scores
n = 0
with open(sys.argv[1], encoding="utf-8", newline="") as fh:
    for row in csv.DictReader(fh):
        score(row["text"])
        n += 1
print(n)
"""


def _tree_rss_kb(pid: int) -> int:
    """VmRSS of `pid` and its descendants, in kB (0 once gone)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            with open(f"/proc/{p}/task/{p}/children") as fh:
                todo += [int(c) for c in fh.read().split()]
        except (OSError, ValueError):
            pass
    return total


def run(cmd: list[str]) -> dict:
    """Run `cmd`; wall and CPU seconds, peak RSS of the largest process and of the tree (MB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]
    done = threading.Event()

    def poll():
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
            done.wait(0.05)

    t = threading.Thread(target=poll, daemon=True)
    t.start()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    t.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err.decode()[-2000:]}")
    # CPU seconds of the process and the workers it waited for: on a shared virtual
    # machine wall-clock time also counts time the host did not run this one
    cpu = usage.ru_utime + usage.ru_stime
    return {"seconds": seconds, "cpu": cpu, "rss_mb": usage.ru_maxrss / 1024,
            "tree_mb": peak[0] / 1024}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000",
                    help="comma-separated corpus sizes (default: 10000,100000,1000000)")
    ap.add_argument("--quick", action="store_true", help="one small size (2000), a smoke run")
    ap.add_argument("--jobs-max", type=int, default=100000,
                    help="run --jobs 2 for sizes up to this (default 100000)")
    ap.add_argument("--vader-max", type=int, default=1000000,
                    help="run VADER for sizes up to this (default 1000000)")
    ap.add_argument("--chunksize", type=int, default=None)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=str(HERE / "results.md"), help="results file ('' = none)")
    ap.add_argument("--keep", default=None, help="keep the corpora in this folder")
    args = ap.parse_args(argv)
    sizes = [2000] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    exe = shutil.which("ldn-comments", path=str(Path(sys.executable).parent)) or "ldn-comments"
    work = Path(args.keep or tempfile.mkdtemp(prefix="ldn-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        for n in sizes:
            path = work / f"corpus_{n}.csv"
            t0 = time.perf_counter()
            corpus.write(path, n, seed=args.seed)
            mean = path.stat().st_size / n
            print(f"N={n}: corpus written in {time.perf_counter() - t0:.1f}s "
                  f"({path.stat().st_size / 1e6:.0f} MB, ~{mean:.0f} bytes/comment)", flush=True)
            extra = ["--chunksize", str(args.chunksize)] if args.chunksize else []
            for jobs in (1, 2):
                if jobs == 2 and n > args.jobs_max:
                    continue
                cmd = [exe, "extract", str(path), "-o", str(work / "records.jsonl"), "--force",
                       "--jobs", str(jobs), "--no-progress", *extra]
                r = run(cmd)
                rows.append({"run": f"ldn-comments extract --jobs {jobs}", "n": n, "jobs": jobs, **r})
                print(_line(rows[-1]), flush=True)
            if n <= args.vader_max:
                r = run([sys.executable, "-c", VADER, str(path)])
                rows.append({"run": "NLTK VADER polarity_scores", "n": n, "jobs": 1, **r})
                print(_line(rows[-1]), flush=True)
            path.unlink()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    table = _table(rows)
    checks = _checks(rows)
    print("\n" + table + "\n\n" + "\n".join(checks))
    if args.out:
        Path(args.out).write_text(_report(table, checks, sizes), encoding="utf-8")
        print(f"\nwrote {args.out}")
    return 0


def _line(r) -> str:
    return (f"  {r['run']:<34} N={r['n']:>8}  {r['seconds']:8.1f}s  "
            f"{r['n'] / r['seconds']:9.0f}/s  CPU {r['cpu']:7.1f}s  "
            f"peak {r['rss_mb']:6.0f} MB (tree {r['tree_mb']:.0f} MB)")


def _table(rows) -> str:
    out = ["| run | N | seconds | comments/s | CPU seconds | comments per CPU second "
           "| peak RSS, largest process (MB) | peak RSS, all processes (MB) |",
           "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        out.append(f"| {r['run']} | {r['n']:,} | {r['seconds']:.1f} | {r['n'] / r['seconds']:,.0f} "
                   f"| {r['cpu']:.1f} | {r['n'] / r['cpu']:,.0f} "
                   f"| {r['rss_mb']:.0f} | {r['tree_mb']:.0f} |")
    return "\n".join(out)


def _find(rows, prefix, n, jobs=1):
    return next((r for r in rows if r["run"].startswith(prefix) and r["n"] == n
                 and r["jobs"] == jobs), None)


def _checks(rows) -> list[str]:
    out = []

    def verdict(ok):
        return "MET" if ok else "NOT MET"

    e = _find(rows, "ldn-comments", 100000)
    if e:
        rate = 100000 / e["seconds"]
        out.append(f"- 100k comments at >= 10,000 comments/s on one core: "
                   f"{rate:,.0f}/s ({100000 / e['cpu']:,.0f} per CPU second), "
                   f"{verdict(rate >= 10000)}")
        v = _find(rows, "NLTK", 100000)
        if v:
            ratio = v["seconds"] / e["seconds"]
            out.append(f"- at least 4x faster than VADER on the same 100k texts: "
                       f"{ratio:.2f}x, {verdict(ratio >= 4)}")
    else:
        out.append("- 100k throughput and VADER ratio: not measured in this run")
    m = _find(rows, "ldn-comments", 1000000)
    if m:
        out.append(f"- 1M comments with peak RSS under 1 GB: {m['tree_mb']:.0f} MB, "
                   f"{verdict(m['tree_mb'] < 1024)}")
    else:
        big = max((r for r in rows if r["run"].startswith("ldn-comments")),
                  key=lambda r: r["n"], default=None)
        if big:
            out.append(f"- 1M comments under 1 GB: not measured in this run (largest: "
                       f"{big['n']:,} comments, peak {big['tree_mb']:.0f} MB)")
    for n in sorted({r["n"] for r in rows}):
        one, two = _find(rows, "ldn-comments", n, 1), _find(rows, "ldn-comments", n, 2)
        if one and two:
            s = one["seconds"] / two["seconds"]
            out.append(f"- --jobs 2 at least 1.6x --jobs 1 (N={n:,}): {s:.2f}x, {verdict(s >= 1.6)}")
    return out


def _report(table, checks, sizes) -> str:
    cpu = os.cpu_count()
    try:
        load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        load = "?"
    return f"""# Benchmark results

Measured by `python benchmarks/bench.py --sizes {','.join(map(str, sizes))}` on
{dt.date.today().isoformat()}: {platform.platform()}, Python {platform.python_version()},
{cpu} CPU cores (load average after the run: {load}). Whole processes, synthetic corpus of
~400 characters per comment (`benchmarks/corpus.py`, seed 0), CSV in, JSONL out.

{table}

Targets of issue 7:

{chr(10).join(checks)}

Whole-process times include interpreter start-up, the two reading passes of streaming
(the id -> position plan, then the chunks) and writing. "seconds" is wall-clock time;
"CPU seconds" is the user + system time of the process and the workers it waited for.
On a shared virtual machine the wall clock also counts time the host gave to others, so
the CPU column is the steadier of the two; other work on the machine at the same time
slows every row alike.
"""


if __name__ == "__main__":
    sys.exit(main())
