"""A seeded synthetic comment corpus for benchmarks and scale tests.

Comments are recombined from the sentences of the bundled thread (``data/comments.csv``)
and the invented fixture threads (``tests/fixtures/invented``), plus templated sentences,
with varied drugs, doses, names, dates and layouts (paragraphs, lower case, decimal
commas, lists). About 400 characters per comment on average. Replies point at earlier
comments (often far back, so threads span chunks), now and then at a later comment or at
one that is not in the file.

    python benchmarks/corpus.py 100000 corpus.csv     # or .jsonl
"""
from __future__ import annotations

import csv
import json
import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

FIRST = ["Zoë", "Priya", "Tomasz", "Halvard", "Ines", "Ola", "Marguerite", "Kwame", "Aiko",
         "Björn", "Fatima", "Liam", "Siobhan", "Mateus", "Noor", "Dmitri", "Grace", "Juan",
         "Anneke", "Chidi", "Ewa", "Rafael", "Yusuf", "Hannah", "Mei", "Oskar", "Leila"]
LAST = ["Brandt", "Nair", "Wiercinski", "Moe", "Okafor", "Lindqvist", "Rossi", "Tanaka",
        "García", "Dubois", "Kowalski", "Haddad", "Murphy", "Novak", "Silva", "Khan", "Berg"]
DRUGS = ["LDN", "low dose naltrexone", "ldn", "Low Dose Naltrexone", "naltrexone"]
OTHERS = ["Tecfidera", "Copaxone", "Ocrevus", "Tysabri", "Gilenya", "Aubagio", "Kesimpta",
          "vitamin D", "Rebif", "Mavenclad"]
DOSES = ["0.5", "1.5", "1,5", "2", "2.5", "3", "3.0", "4", "4.5", "4,5", "6", "50"]
UNITS = ["mg", " mg", "mg", "ml", " milligrams"]
TEMPLATES = [
    "I have been on {drug} {dose}{unit} for {n} {period} now.",
    "Started {drug} at {dose}{unit} in {month} {year} and my {sym} is better.",
    "My {rel} takes {drug} {dose}{unit} every night, no relapses since {year}.",
    "Diagnosed with {ms} in {year}, I was on {other} before trying {drug}.",
    "{drug} did nothing for me, I stopped after {n} {period}.",
    "Does anyone take {drug} with {other}? My neuro says no.",
    "I'm {age}, {ms} since {year}, {drug} {dose}{unit} in the morning helps my {sym}.",
    "Vivid dreams for the first {n} weeks on {dose}{unit}, then fine.",
    "Thinking about asking my doctor for {drug}, what have I got to lose?",
    "The {sym} came back when I went up to {dose}{unit}, so I dropped to {dose2}{unit}.",
]
MONTHS = ["January", "March", "May", "June", "August", "October", "December", "spring", "late"]
SYMPTOMS = ["fatigue", "spasticity", "pain", "sleep", "brain fog", "balance", "bladder", "mood"]
RELATIVES = ["wife", "husband", "mum", "son", "daughter", "sister", "friend"]
MS_TYPES = ["RRMS", "SPMS", "PPMS", "MS", "relapsing remitting MS", "CIS"]
_SENT = re.compile(r"(?<=[.!?])\s+")
_DOSE = re.compile(r"\b\d+(?:[.,]\d+)?\s?mg\b")


def _seed_sentences() -> list[str]:
    sentences = []
    paths = [REPO / "data" / "comments.csv"]
    for path in paths:
        if path.exists():
            with open(path, encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh):
                    sentences += [s.strip() for s in _SENT.split(row["text"] or "") if s.strip()]
    for path in sorted((REPO / "tests" / "fixtures" / "invented").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if len(line) > 30 and not line.endswith("says:"):
                sentences += [s.strip() for s in _SENT.split(line) if len(s.strip()) > 15]
    return sentences or ["I take LDN 4.5 mg at night."]


def _template(rng: random.Random) -> str:
    return rng.choice(TEMPLATES).format(
        drug=rng.choice(DRUGS), dose=rng.choice(DOSES), dose2=rng.choice(DOSES),
        unit=rng.choice(UNITS), n=rng.choice(["2", "3", "six", "10", "18"]),
        period=rng.choice(["weeks", "months", "years"]), month=rng.choice(MONTHS),
        year=rng.randint(1995, 2024), sym=rng.choice(SYMPTOMS), rel=rng.choice(RELATIVES),
        ms=rng.choice(MS_TYPES), other=rng.choice(OTHERS), age=rng.randint(19, 78))


def comments(n: int, *, seed: int = 0, forward: float = 0.002, missing: float = 0.002):
    """Yield `n` comment dicts (``comment_id, parent_id, author, date, text``).

    Examples
    --------
    >>> rows = list(comments(50, seed=1))
    >>> len(rows), 250 < sum(len(r["text"]) for r in rows) / 50 < 600
    (50, True)
    """
    rng = random.Random(seed)
    pool = _seed_sentences()
    top = set()  # comments a reply points forward to: top level, so there is no cycle
    for i in range(1, n + 1):
        target = rng.choice([100, 200, 300, 350, 400, 500, 650])
        parts, size = [], 0
        while size < target:
            s = _template(rng) if rng.random() < 0.35 else rng.choice(pool)
            s = _DOSE.sub(lambda m: rng.choice(DOSES) + rng.choice(UNITS), s)
            parts.append(s)
            size += len(s) + 1
        layout = rng.random()
        if layout < 0.15:
            text = "\n\n".join(parts)
        elif layout < 0.25:
            text = " ".join(parts).lower()
        elif layout < 0.30:
            text = "\n".join("- " + p for p in parts)
        else:
            text = " ".join(parts)
        r = rng.random()
        if i == 1 or r < 0.4 or i in top:
            parent = None
        elif r < 0.4 + forward and i < n:
            j = rng.randint(i + 1, n)
            top.add(j)
            parent = f"c{j}"
        elif r < 0.4 + forward + missing:
            parent = f"gone{i}"
        else:
            parent = f"c{max(1, i - int(rng.expovariate(1 / 50)) - 1)}"
        yield {"comment_id": f"c{i}", "parent_id": parent,
               "author": f"{rng.choice(FIRST)} {rng.choice(LAST)}" if rng.random() > 0.05 else "",
               "date": f"20{rng.randint(10, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
               "text": text}


def write(path, n: int, *, seed: int = 0, **kw) -> Path:
    """Write `n` comments to `path` (``.csv`` or ``.jsonl``), streaming; returns the path."""
    path = Path(path)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        if path.suffix == ".jsonl":
            for row in comments(n, seed=seed, **kw):
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            w = csv.DictWriter(fh, ["comment_id", "parent_id", "author", "date", "text"])
            w.writeheader()
            for row in comments(n, seed=seed, **kw):
                w.writerow(row)
    return path


if __name__ == "__main__":
    write(sys.argv[2], int(sys.argv[1]))
