"""Throughput and peak memory on a large invented review file in the Drugs.com layout
(issue 10, item 6).

    python benchmarks/bench_reviews.py                 # 200k reviews
    python benchmarks/bench_reviews.py --n 20000       # what fits in your time
    python benchmarks/bench_reviews.py --no-extract    # reading only

A seeded generator writes ``N`` invented reviews (sentences composed from short
templates written for this benchmark, HTML entities and ``"…"`` wrapping as the public
Drugs.com TSV has them, six drugs, MS and dependence conditions) to a temporary TSV.
Then, each in its own process, timing wall-clock seconds and peak resident memory
(``wait4`` ru_maxrss):

* ``read_review_chunks`` over the file, 5000 reviews per chunk (the chunked reader);
* ``read_comments`` of the whole file;
* ``ldn-comments extract reviews.tsv -o records.jsonl --jobs J --no-progress``.

It prints one Markdown row per step (reviews/s and peak MB). Nothing is written to the
repository.
"""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DRUGS = [("Naltrexone", "Multiple Sclerosis"), ("Naltrexone", "Alcohol Dependence"),
         ("Copaxone", "Multiple Sclerosis"), ("Gilenya", "Multiple Sclerosis"),
         ("Tecfidera", "Multiple Sclerosis"), ("Ampyra", "Multiple Sclerosis"),
         ("Naltrexone", "Opiate Dependence")]
OPENERS = ["I&#039;ve been on this medication for {n} months.", "Started it in {year}.",
           "My wife takes this drug every night.", "Took it for {n} weeks &amp; stopped.",
           "Diagnosed with RRMS in {year}.", "I&#039;m {age} and have SPMS."]
MIDDLES = ["My fatigue is better than it was.", "The side effects were rough at first.",
           "No relapses so far, and my last MRI was stable.",
           "It gave me vivid dreams for a week.", "Walking is a little easier.",
           "Nothing changed for me, not better, not worse.",
           "My doctor said &quot;give it time&quot;."]
CLOSERS = ["Would recommend.", "Switched to Gilenya after that.", "Still taking it.",
           "The dose was {dose} mg.", "Hard to say what is placebo.", ""]
MONTHS = ["January", "March", "May", "July", "September", "November"]


def write_corpus(path: Path, n: int, seed: int = 10) -> None:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\tdrugName\tcondition\treview\trating\tdate\tusefulCount\n")
        for i in range(n):
            drug, cond = DRUGS[rng.randrange(len(DRUGS))]
            fill = {"n": rng.randint(1, 36), "year": rng.randint(2005, 2017),
                    "age": rng.randint(25, 70), "dose": rng.choice([1.5, 3, 4.5, 50])}
            text = " ".join(s.format(**fill) for s in (
                rng.choice(OPENERS), rng.choice(MIDDLES), rng.choice(MIDDLES),
                rng.choice(CLOSERS)) if s)
            date = f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2008, 2017)}"
            fh.write(f'{200000 + i}\t{drug}\t{cond}\t"{text}"\t{rng.randint(1, 10)}.0\t'
                     f"{date}\t{rng.randint(0, 80)}\n")


def run(cmd) -> tuple[float, float]:
    """(seconds, peak resident MB) of `cmd` run as a child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(map(str, cmd))}\n{err}")
    return seconds, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=200_000, help="reviews (default 200000)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--no-extract", action="store_true", help="time reading only")
    args = ap.parse_args(argv)
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "reviews.tsv"
        write_corpus(path, args.n)
        mb = path.stat().st_size / 1e6
        print(f"{args.n} invented reviews, Drugs.com TSV, {mb:.1f} MB; "
              f"{os.cpu_count()} CPUs\n")
        print("| step | reviews | seconds | reviews/s | peak MB |")
        print("|---|---:|---:|---:|---:|")
        steps = [
            ("read_review_chunks (5000 per chunk)",
             [py, "-c", "import sys\nfrom ldn_comments.readers.reviews import "
              "read_review_chunks\nn = sum(len(c) for c in read_review_chunks(sys.argv[1], "
              "chunksize=5000))\nassert n == int(sys.argv[2]), n", str(path), str(args.n)]),
            ("read_comments (whole file)",
             [py, "-c", "import sys, warnings\nwarnings.simplefilter('ignore')\n"
              "from ldn_comments import read_comments\n"
              "assert len(read_comments(sys.argv[1])) == int(sys.argv[2])", str(path),
              str(args.n)]),
        ]
        if not args.no_extract:
            steps.append((f"ldn-comments extract --jobs {args.jobs}",
                          [py, "-m", "ldn_comments", "extract", str(path), "-o",
                           str(Path(tmp) / "records.jsonl"), "--jobs", str(args.jobs),
                           "--no-progress"]))
        for name, cmd in steps:
            seconds, peak = run(cmd)
            print(f"| {name} | {args.n} | {seconds:.1f} | {args.n / seconds:,.0f} | "
                  f"{peak:.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
