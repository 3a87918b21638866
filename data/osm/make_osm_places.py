#!/usr/bin/env python3
"""Converts the OpenStreetMap places of Libya (mosabsomaer/Libya-cities-dataset-JSON, OSM
place=city/town/village/hamlet) into the gazetteer's supplement format (data/supplement/
places.tsv: 11 tab-separated columns). Run from the repository root:

    python3 data/osm/make_osm_places.py \
        ../shared/data-sources/gazetteer/osm-libya-places-2025-06-04.json \
        > data/osm/osm-libya-places.tsv

The data is OpenStreetMap's (ODbL 1.0): see data/osm/README.md.
"""
import json
import sys

FEATURE = {"city": "PPL", "town": "PPL", "village": "PPL", "hamlet": "PPL"}
SOURCE = "OpenStreetMap (ODbL) via mosabsomaer/Libya-cities-dataset-JSON@75f7eca"


GENERIC = {"village", "town", "city", "district", "quarter"}


def bare(alternate, name):
    """True when `alternate` is `name` less a generic word ("Saleh" for "Saleh Village"): alone,
    such a word is rather a person's name than the place's."""
    words = name.split()
    kept = [w for w in words if w.lower() not in GENERIC]
    return len(kept) < len(words) and alternate.lower() == " ".join(kept).lower()


def latin(text):
    return all(ord(c) < 0x250 or c in "‘’ʿʾ" for c in text)


def main(path):
    data = json.load(open(path, encoding="utf-8"))["data"]
    seen = set()
    print("# OpenStreetMap places of Libya in the supplement's columns (made by make_osm_places.py):")
    print("# geonameid, name, alternate names, feature class, feature code, country, admin1, lat,")
    print("# lon, population, source of the coordinates. ODbL 1.0: see README.md beside this file.")
    for e in data:
        names = {}
        for group in e.get("name", []):
            names.update(group)
        name = (names.get("en") or "").strip()
        if not name or e.get("type") not in FEATURE:
            continue
        lat, lon = round(float(e["latitude"]), 5), round(float(e["longitude"]), 5)
        key = (name.lower(), round(lat, 2), round(lon, 2))
        if key in seen:  # the source repeats places under several types
            continue
        seen.add(key)
        alternates = []
        for lang in sorted(names):
            value = names[lang].strip().replace("\t", " ").replace("|", " ")
            if (value and value != name and value not in alternates and not bare(value, name)
                    and (latin(value) or lang == "ar")):
                alternates.append(value)
        print("\t".join(["", name, "|".join(alternates), "P", FEATURE[e["type"]], "LY", "",
                         str(lat), str(lon), "0", SOURCE]))


if __name__ == "__main__":
    main(sys.argv[1])
