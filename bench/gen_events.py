#!/usr/bin/env python3
"""Synthetic events over North Africa, 2015-2025, six ACLED types, as an ACLED-style CSV.

Shared by the store and viewer benchmarks. Events cluster around the region's towns (from
the GeoNames cities15000 file in data/, weighted by the square root of population) with a
Gaussian spread, so density varies like real conflict data; Libya, the product's focus,
gets half of them. Deterministic for a given seed.

    python3 bench/gen_events.py OUT.csv [COUNT=1000000] [SEED=7]
"""
import csv
import datetime as dt
import gzip
import math
import pathlib
import random
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
COUNTRIES = {"LY": "Libya", "TN": "Tunisia", "DZ": "Algeria", "EG": "Egypt", "MA": "Morocco",
             "SD": "Sudan", "TD": "Chad", "NE": "Niger", "ML": "Mali", "MR": "Mauritania"}
TYPES = [  # event_type, sub_event_type, disorder_type, weight
    ("Battles", "Armed clash", "Political violence", 0.25),
    ("Explosions/Remote violence", "Air/drone strike", "Political violence", 0.15),
    ("Violence against civilians", "Attack", "Political violence", 0.15),
    ("Protests", "Peaceful protest", "Demonstrations", 0.25),
    ("Riots", "Mob violence", "Demonstrations", 0.05),
    ("Strategic developments", "Agreement", "Strategic developments", 0.15),
]
ACTORS = ["Military Forces", "Police Forces", "Protesters", "Rioters", "Militia",
          "Civilians", "Armed Group", "Unidentified Armed Group"]
COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
           "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
           "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region",
           "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
           "geo_precision", "source", "source_scale", "notes", "fatalities", "tags",
           "timestamp"]


def towns():
    path = next((ROOT / "data" / "geonames").glob("cities15000-*.txt.gz"))
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if c[8] in COUNTRIES:
                out.append((c[1], c[8], float(c[4]), float(c[5]), math.sqrt(int(c[14] or 0) + 1)))
    return out


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 7)
    places = towns()
    libya = sum(p[4] for p in places if p[1] == "LY")
    rest = sum(p[4] for p in places if p[1] != "LY")
    weights = [p[4] * (rest / libya if p[1] == "LY" else 1.0) for p in places]
    type_weights = [t[3] for t in TYPES]
    start = dt.date(2015, 1, 1).toordinal()
    days = dt.date(2025, 12, 31).toordinal() - start + 1
    picks = rng.choices(places, weights=weights, k=count)
    kinds = rng.choices(TYPES, weights=type_weights, k=count)
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        for i in range(count):
            name, cc, lat, lon, _ = picks[i]
            etype, sub, disorder, _ = kinds[i]
            lat = min(37.5, max(14.0, lat + rng.gauss(0, 0.25)))
            lon = min(37.0, max(-17.5, lon + rng.gauss(0, 0.25)))
            day = dt.date.fromordinal(start + rng.randrange(days))
            r = rng.random()
            tp = 1 if r < 0.8 else 2 if r < 0.93 else 3
            gp = 1 if rng.random() < 0.75 else 2 if rng.random() < 0.7 else 3
            fatalities = rng.choice((0, 0, 0, 0, 1, 2, 3, 5, 10)) if disorder == "Political violence" else 0
            a1, a2 = rng.sample(ACTORS, 2)
            w.writerow([f"SYN{i + 1}", day.isoformat(), day.year, tp, disorder, etype, sub,
                        f"{a1} of {COUNTRIES[cc]}", "", "", f"{a2} of {COUNTRIES[cc]}", "", "", "",
                        "", "", "Northern Africa", COUNTRIES[cc], "", "", "", name,
                        f"{lat:.4f}", f"{lon:.4f}", gp, "Synthetic", "", f"Synthetic {sub.lower()} near {name}.",
                        fatalities, "", ""])


if __name__ == "__main__":
    main()
