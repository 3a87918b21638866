#!/usr/bin/env python3
"""Builds <set>.jsonl from <set>.src.txt: stories written with inline gold marks, resolved
against the gazetteer sources in ../shared/data-sources/gazetteer/ (relative to the repo root).

Source format: a line '=== ID' starts a story; its text follows (paragraphs kept as written,
surrounding blank lines trimmed). A toponym is written {Surface|KEY} or {Surface|KEY|TYPE}:
  g:Name,CC[,ADMIN1]  GeoNames cities500 row with that name (or ASCII name), country and
                      admin1 code, the most populous if several; g:#ID picks a row by id
  c:Name,ST           US Census county (e.g. c:Laurel County,KY)
  a:ISO[,Name]        Natural Earth admin-1 unit by ISO 3166-2 code (e.g. a:US-KY, a:SY-ID),
                      and by name where a code has several rows
  r:Name[,CC]         Natural Earth region, sea or territory by name (country code if needed);
                      r:#ID picks a row by id
  k:CC                country: GeoNames country id (countryInfo), point from world-countries
TYPE: L Literal (default), M Metonymic, D Demonym, LM Literal_Modifier,
      NLM Non_Literal_Modifier.
Usage: python3 build_gold.py SRC OUT [--log]   (prints each resolution with --log)"""
import gzip, json, lzma, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
GAZ = os.path.normpath(os.path.join(HERE, '../../../../shared/data-sources/gazetteer'))
REF = os.path.normpath(os.path.join(GAZ, '../reference'))
TYPES = {'L': 'Literal', 'M': 'Metonymic', 'D': 'Demonym', 'LM': 'Literal_Modifier',
         'NLM': 'Non_Literal_Modifier'}
MARK = re.compile(r'\{([^{}|]+)\|([^{}|]+)(?:\|([A-Z]+))?\}')


def tsv_rows(path):
    with gzip.open(path, 'rt', encoding='utf-8') as f:
        header = f.readline().rstrip('\n').split('\t')
        for line in f:
            yield dict(zip(header, line.rstrip('\n').split('\t')))


class Gazetteer:
    def __init__(self, keys):
        self.cities = {}
        self.by_id = {}
        wanted_names = {k[2:].split(',')[0] for k in keys if k.startswith('g:') and not k.startswith('g:#')}
        wanted_ids = {k[3:] for k in keys if k.startswith('g:#')}
        with lzma.open(os.path.join(GAZ, 'geonames-cities500-2023-03-05.txt.xz'), 'rt', encoding='utf-8') as f:
            for line in f:
                c = line.rstrip('\n').split('\t')
                row = (int(c[0]), c[1], float(c[4]), float(c[5]), c[8], c[10], int(c[14] or 0))
                if c[0] in wanted_ids:
                    self.by_id[c[0]] = row
                for n in {c[1], c[2]} & wanted_names:
                    self.cities.setdefault(n, []).append(row)
        self.counties = {}
        for r in tsv_rows(os.path.join(GAZ, 'census-2019-us-counties.tsv.gz')):
            self.counties[(r['name'], r['admin_code'][3:])] = r
        self.admin1 = {}
        for r in tsv_rows(os.path.join(GAZ, 'natural-earth-5-admin1-states-provinces.tsv.gz')):
            self.admin1.setdefault(r['admin_code'], []).append(r)
        self.regions = {}
        for r in tsv_rows(os.path.join(GAZ, 'natural-earth-regions-seas-territories.tsv.gz')):
            self.regions.setdefault(r['name'], []).append(r)
        self.country_ids = {}
        with open(os.path.join(GAZ, 'geonames-countryInfo-2025-11-27.tsv'), encoding='utf-8') as f:
            for line in f:
                if line.strip() and not line.startswith("#"):
                    c = line.rstrip('\n').split('\t')
                    self.country_ids[c[0]] = (c[4], int(c[16]))
        with lzma.open(os.path.join(REF, 'world-countries-5.1.0-countries.json.xz'), 'rt') as f:
            self.country_points = {c['cca2']: c['latlng'] for c in json.load(f)}

    def resolve(self, key):
        """(lat, lon, geonameid, description) for KEY, or raises ValueError."""
        kind, _, arg = key.partition(':')
        parts = [p.strip() for p in arg.split(',')]
        if kind == 'g' and arg.startswith('#'):
            r = self.by_id[arg[1:]]
            return r[2], r[3], r[0], f'geonames {r[0]} {r[1]} {r[4]}.{r[5]} pop {r[6]}'
        if kind == 'g':
            rows = [r for r in self.cities.get(parts[0], []) if r[4] == parts[1] and
                    (len(parts) < 3 or r[5] == parts[2])]
            if not rows:
                raise ValueError(f'no GeoNames row for {key}')
            r = max(rows, key=lambda r: r[6])
            return r[2], r[3], r[0], f'geonames {r[0]} {r[1]} {r[4]}.{r[5]} pop {r[6]} of {len(rows)}'
        if kind == 'c':
            r = self.counties.get((parts[0], parts[1]))
            if not r:
                raise ValueError(f'no county for {key}')
            return float(r['lat']), float(r['lon']), None, f'{r["id"]} {r["name"]} {r["parent"]}'
        if kind == 'a':
            rows = [r for r in self.admin1.get(parts[0], []) if len(parts) < 2 or r['name'] == parts[1]]
            if len(rows) != 1:
                raise ValueError(f'{len(rows)} admin-1 units for {key}')
            r = rows[0]
            return float(r['lat']), float(r['lon']), None, f'{r["id"]} {r["name"]} {r["feature_type"]} {r["parent"]}'
        if kind == 'r' and arg.startswith('#'):
            rows = [r for rs in self.regions.values() for r in rs if r['id'] == arg[1:]]
        elif kind == 'r':
            rows = [r for r in self.regions.get(parts[0], []) if len(parts) < 2 or r['country_code'] == parts[1]]
        if kind == 'r':
            if len(rows) != 1:
                raise ValueError(f'{len(rows)} regions for {key}')
            r = rows[0]
            return float(r['lat']), float(r['lon']), None, f'{r["id"]} {r["name"]} {r["feature_type"]} {r["parent"]}'
        if kind == 'k':
            name, gid = self.country_ids[arg]
            lat, lon = self.country_points[arg]
            return float(lat), float(lon), gid, f'country {arg} {name} {gid}'
        raise ValueError(f'unknown key {key}')


def stories(path):
    story_id, lines = None, []
    for line in open(path, encoding='utf-8').read().split('\n'):
        if line.startswith('=== '):
            if story_id:
                yield story_id, '\n'.join(lines).strip()
            story_id, lines = line[4:].strip(), []
        elif story_id:
            lines.append(line)
    if story_id:
        yield story_id, '\n'.join(lines).strip()


def main():
    src, out = sys.argv[1], sys.argv[2]
    log = '--log' in sys.argv
    items = list(stories(src))
    keys = {m.group(2) for _, body in items for m in MARK.finditer(body)}
    gaz = Gazetteer(keys)
    cache, errors = {}, []
    with open(out, 'w', encoding='utf-8') as f:
        for story_id, body in items:
            text, toponyms, pos = [], [], 0
            for m in MARK.finditer(body):
                text.append(body[pos:m.start()])
                start = sum(len(t) for t in text)
                surface, key, typ = m.group(1), m.group(2), m.group(3) or 'L'
                text.append(surface)
                pos = m.end()
                try:
                    if key not in cache:
                        cache[key] = gaz.resolve(key)
                    lat, lon, gid, desc = cache[key]
                except (ValueError, KeyError) as e:
                    errors.append(f'{story_id}: {surface}: {e}')
                    continue
                if log:
                    print(f'{story_id}\t{surface}\t{TYPES[typ]}\t{lat:.4f},{lon:.4f}\t{desc}')
                toponyms.append({'start': start, 'end': start + len(surface), 'name': surface,
                                 'lat': round(lat, 5), 'lon': round(lon, 5), 'geonameid': gid,
                                 'type': TYPES[typ]})
            text.append(body[pos:])
            record = {'id': story_id, 'text': ''.join(text), 'toponyms': toponyms}
            f.write(json.dumps(record, ensure_ascii=False) + '\n')
    for e in errors:
        print('error:', e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
