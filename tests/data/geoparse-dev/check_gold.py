#!/usr/bin/env python3
"""Checks the geoparse development sets: one JSON object per line with id, text and toponyms;
every toponym's text[start:end] == name (code points, end exclusive), toponyms sorted by start
and not overlapping, coordinates in range, geonameid an int or null, a known type, ids unique
across the files, stories of 150-400 words. Prints counts by type.
Usage: python3 check_gold.py [FILE.jsonl ...]   (default: every *.jsonl beside this script;
exit 1 on any problem)"""
import collections, glob, json, os, sys

TYPES = {'Literal', 'Metonymic', 'Demonym', 'Literal_Modifier', 'Non_Literal_Modifier'}
KEYS = {'start', 'end', 'name', 'lat', 'lon', 'geonameid', 'type'}


def check_record(where, d, problems):
    if not isinstance(d.get('id'), str) or not isinstance(d.get('text'), str) or \
            not isinstance(d.get('toponyms'), list):
        problems.append(f'{where}: needs a string id, a string text and a toponyms list')
        return
    words = len(d['text'].split())
    if not 150 <= words <= 400:
        problems.append(f'{where}: {words} words, expected 150-400')
    previous_end = 0
    for i, t in enumerate(d['toponyms']):
        at = f'{where}: toponym {i} "{t.get("name")}"'
        if set(t) != KEYS:
            problems.append(f'{at}: keys {sorted(t)}, expected {sorted(KEYS)}')
            continue
        if not (isinstance(t['start'], int) and isinstance(t['end'], int) and 0 <= t['start'] < t['end']):
            problems.append(f'{at}: bad start/end {t["start"]}/{t["end"]}')
            continue
        if d['text'][t['start']:t['end']] != t['name']:
            problems.append(f'{at}: text[{t["start"]}:{t["end"]}] is "{d["text"][t["start"]:t["end"]]}"')
        if t['name'] != t['name'].strip():
            problems.append(f'{at}: name has surrounding spaces')
        if t['start'] < previous_end:
            problems.append(f'{at}: not sorted, or overlaps the previous toponym')
        previous_end = t['end']
        lat, lon = t['lat'], t['lon']
        if not (isinstance(lat, (int, float)) and isinstance(lon, (int, float)) and
                -90 <= lat <= 90 and -180 <= lon <= 180):
            problems.append(f'{at}: coordinates out of range or missing: {lat}, {lon}')
        if t['geonameid'] is not None and not (isinstance(t['geonameid'], int) and t['geonameid'] > 0):
            problems.append(f'{at}: geonameid must be a positive int or null')
        if t['type'] not in TYPES:
            problems.append(f'{at}: unknown type {t["type"]}')


def main(paths):
    problems, ids = [], collections.Counter()
    for path in paths:
        by_type, docs, n = collections.Counter(), 0, 0
        with_id = 0
        for line_no, line in enumerate(open(path, encoding='utf-8'), 1):
            if not line.strip():
                continue
            where = f'{os.path.basename(path)}:{line_no}'
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:
                problems.append(f'{where}: not JSON: {e}')
                continue
            docs += 1
            ids[d.get('id')] += 1
            check_record(where + f' ({d.get("id")})', d, problems)
            for t in d.get('toponyms', []):
                by_type[t.get('type')] += 1
                with_id += t.get('geonameid') is not None
                n += 1
        print(f'{os.path.basename(path)}: {docs} stories, {n} toponyms ({with_id} with a GeoNames id)')
        for typ, count in by_type.most_common():
            print(f'  {typ:22} {count}')
    for story_id, count in ids.items():
        if count > 1:
            problems.append(f'id {story_id} appears {count} times')
    for p in problems:
        print('problem:', p)
    print('ok' if not problems else f'{len(problems)} problems')
    return 1 if problems else 0


if __name__ == '__main__':
    here = os.path.dirname(os.path.abspath(__file__))
    sys.exit(main(sys.argv[1:] or sorted(glob.glob(os.path.join(here, '*.jsonl')))))
