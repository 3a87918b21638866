#!/usr/bin/env python3
"""Writes a synthetic GeoNames allCountries-format file (19 tab-separated columns) for
import benchmarks: N rows (default 12,000,000, the size of the real dump) with random
syllable names, 0-3 alternate names (about 1.2 per row, as in the real dump's
alternatenames column), coordinates, feature codes and populations.
Deterministic for a given seed.  Usage: gen_allcountries.py OUT [ROWS] [SEED]"""
import random
import sys

out = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 12_000_000
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 2026)
syll = ["ka", "ra", "zu", "wa", "bel", "tri", "mis", "sa", "ja", "dir", "ben", "gha", "zi",
        "nal", "ut", "yef", "ren", "mar", "kuf", "ha", "al", "do", "ne", "pol", "is", "ton"]
classes = [("P", "PPL"), ("P", "PPL"), ("P", "PPL"), ("H", "STM"), ("T", "MT"), ("S", "HTL"),
           ("L", "AREA"), ("A", "ADM3"), ("V", "FRST"), ("R", "RD")]
countries = ["LY", "TN", "EG", "DZ", "US", "FR", "CN", "IN", "BR", "RU", "NG", "ID"]


def name():
    return "".join(rng.choice(syll) for _ in range(rng.randint(2, 4))).capitalize()


with open(out, "w", encoding="utf-8", buffering=1 << 20) as f:
    for i in range(1, rows + 1):
        n = name()
        alts = ",".join(name() for _ in range(rng.choice((0, 0, 1, 1, 2, 3))))
        fc, code = rng.choice(classes)
        pop = rng.randint(0, 2_000_000) if fc == "P" and rng.random() < 0.3 else 0
        f.write(f"{i}\t{n}\t{n}\t{alts}\t{rng.uniform(-89.9, 89.9):.5f}\t"
                f"{rng.uniform(-179.9, 179.9):.5f}\t{fc}\t{code}\t{rng.choice(countries)}\t\t"
                f"{rng.randint(1, 40):02d}\t\t\t\t{pop}\t\t0\tEtc/UTC\t2025-01-01\n")
