"""Where the extractor's time goes, in-process (issue 7, item 1).

    python benchmarks/profile_extract.py            # 2000 synthetic comments
    python benchmarks/profile_extract.py --n 5000 --top 25

Prints, for the same seeded synthetic comments as ``bench.py``:

1. the in-process rate of :func:`ldn_comments.extract.extract_one` (best of 3 runs, CPU
   time, so other work on the machine matters less than for wall-clock numbers);
2. the top functions of a cProfile run by own time;
3. the regex scans: one full-text scan of every compiled pattern the extractor holds
   (lexicon alternations, dose/date/length patterns, assertion triggers), timed alone.
   Each scan is a pass of Python's ``re`` engine over ~400 characters; their sum is
   what the scans alone cost per comment, before any field logic runs.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402

from ldn_comments.nlp import assertion  # noqa: E402
from ldn_comments import pipeline as ex  # noqa: E402
from ldn_comments.fields import common, disease, dose, outcome, subject, therapies, timing, use  # noqa: E402
from ldn_comments.nlp import mentions  # noqa: E402
from ldn_comments.nlp.patterns import patterns  # noqa: E402
from ldn_comments.nlp.text import normalise  # noqa: E402


def _patterns() -> dict[str, re.Pattern]:
    """Every compiled pattern of the extractor, by name."""
    out = {}
    rx = patterns()
    for name, value in vars(rx).items():
        if isinstance(value, dict):
            out.update({f"cue.{k}": v for k, v in value.items()})
        elif hasattr(value, "parts"):  # an alternation searched one alternative at a time
            out.update({f"{name}[{i}]": v for i, v in enumerate(value.parts)})
        else:
            out[name] = getattr(value, "pattern", value)
    for module in (common, disease, dose, outcome, subject, therapies, timing, use, mentions):
        name = module.__name__.rsplit(".", 1)[-1]
        out.update({f"{name}.{k}": v for k, v in vars(module).items() if isinstance(v, re.Pattern)})
    fwd, bwd, term, _ = assertion._patterns()
    out.update({f"trigger.{k}": v for k, v in fwd.items()})
    out.update({f"trigger.{k}.backward": v for k, v in bwd.items()})
    out["trigger.termination"] = term
    return {k: v for k, v in out.items() if isinstance(v, re.Pattern)}


def _best(fn, repeat=3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2000, help="synthetic comments (default 2000)")
    ap.add_argument("--top", type=int, default=15, help="cProfile rows to print")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)

    texts = [c["text"] for c in corpus.comments(args.n, seed=args.seed)
             if isinstance(c["text"], str)]
    n = len(texts)
    ex.extract_one("warm up: 4.5 mg LDN nightly since 2019, no relapses")

    def run():
        for t in texts:
            ex.extract_one(t)

    per = _best(run) / n
    print(f"extract_one: {1 / per:,.0f} comments/s, {per * 1e6:,.0f} us per comment "
          f"({n} comments, ~{sum(map(len, texts)) // n} characters, best of 3, CPU time)\n")

    prof = cProfile.Profile()
    prof.runcall(run)
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(args.top)
    print("\n".join(line for line in buf.getvalue().splitlines()
                    if line.strip() and not line.startswith(("   Ordered", "   List"))))

    norms = [normalise(t) for t in texts]
    rows = []
    for name, pattern in _patterns().items():
        seconds = _best(lambda: [list(pattern.finditer(s)) for s in norms], repeat=2)
        rows.append((seconds / n * 1e6, name))
    rows.sort(reverse=True)
    total = sum(us for us, _ in rows)
    print(f"\nregex scans: {len(rows)} patterns, one full-text scan each = {total:,.0f} us "
          f"per comment, against {per * 1e6:,.0f} us for extract_one (an upper bound: "
          f"gates skip some scans, and some patterns only run on short slices)")
    for us, name in rows[:args.top]:
        print(f"  {us:6.1f} us  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
