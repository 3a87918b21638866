#!/usr/bin/env python3
"""Checks the development set: each <slug>.gold.json beside its report, places and evidence
verbatim in the text, ISO dates, known enums, coordinates inside the area the set covers.
Usage: python3 check_gold.py [DIR]   (exit 1 on any problem)"""
import datetime, html, json, os, re, sys

VENUES = [(40.714, -74.006), (24.451, 54.397)]  # New York, Abu Dhabi
TYPES = {'meeting', 'clash', 'attack', 'killing', 'protest', 'border', 'mass_grave', 'migration', 'strategic'}
PRECISIONS = {'point', 'region', 'country'}
DATE_PRECISIONS = {'day', 'week', 'month', 'year', 'unknown'}
STATUSES = {'occurred', 'planned', 'ongoing'}


def report_text(path):
    raw = open(path, encoding='utf-8').read()
    if path.endswith('.jsonl'):
        lines = [json.loads(l) for l in raw.splitlines() if l.strip()]
        return '\n'.join(l.get('title', '') + '\n' + l['text'] for l in lines)
    if path.endswith('.html'):
        return html.unescape(re.sub(r'<[^>]+>', ' ', raw))
    return raw


def iso(day):
    return day is None or bool(datetime.date.fromisoformat(day))


def check(directory):
    problems = []
    golds = sorted(f for f in os.listdir(directory) if f.endswith('.gold.json'))
    for gold_name in golds:
        slug = gold_name[:-len('.gold.json')]
        reports = [f for f in os.listdir(directory) if f.startswith(slug + '.') and f != gold_name]
        if len(reports) != 1:
            problems.append(f'{gold_name}: expected one report beside it, found {reports}')
            continue
        text = ' '.join(report_text(os.path.join(directory, reports[0])).split())
        gold = json.load(open(os.path.join(directory, gold_name), encoding='utf-8'))
        datetime.datetime.strptime(gold['retrieved_at_for_this_gold'], '%Y-%m-%dT%H:%M:%SZ')
        for article in gold['articles']:
            iso(article.get('published'))  # aggregator pages give published_relative instead
        for e in gold['events']:
            where = f'{gold_name}: event {e["id"]}'
            if e['type'] not in TYPES or e['precision'] not in PRECISIONS or \
               e['date_precision'] not in DATE_PRECISIONS or e['status'] not in STATUSES:
                problems.append(f'{where}: unknown type, precision, date_precision or status')
            if e['place'] not in text:
                problems.append(f'{where}: place "{e["place"]}" not in the text')
            for piece in e['evidence'].split('; '):
                if ' '.join(piece.split()) not in text:
                    problems.append(f'{where}: evidence "{piece}" not in the text')
            iso(e['date_start'])
            iso(e['date_end'])
            if e['date_start'] and e['date_end'] and e['date_start'] > e['date_end']:
                problems.append(f'{where}: date_start after date_end')
            for lat, lon in [(e['lat'], e['lon'])] + [tuple(a) for a in e.get('alts', [])]:
                # Libya and its neighbours, Europe, and the venues abroad some reports name
                # (New York, the Gulf)
                if not (20 <= lat <= 60 and -5 <= lon <= 40) and \
                        not any(abs(lat - a) < 1 and abs(lon - b) < 1 for a, b in VENUES):
                    problems.append(f'{where}: coordinate {lat},{lon} outside the covered area')
    print(f'{len(golds)} gold files checked, {len(problems)} problems')
    for p in problems:
        print(p)
    return not problems


if __name__ == '__main__':
    sys.exit(0 if check(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))) else 1)
