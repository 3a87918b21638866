#!/usr/bin/env bash
# The README's main command: install what is missing, build (which builds the default
# gazetteer from data/), then run Kharita on the embedded default data: geocode names that
# need transliteration or context, parse the bundled sample reports, ingest them into an
# event store (out/events.sqlite), query it, review two events (confirm one, fix another's
# place) and export GeoJSON layers into out/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
K="$KHARITA_BUILD_DIR/cli/kharita"
OUT="${KHARITA_OUT:-$KHARITA_ROOT/out}"
mkdir -p "$OUT"

echo "== gazetteer"
"$K" gazetteer info | sed -n 1,4p
echo
echo "== geocode: transliteration variants and ambiguous names (first candidate)"
for name in "Zawia" "Albaidha" "Yefren" "Zwara" "Regdaleen" "Ras Jdir" "Abu Salim" \
            "Misurata" "Tripoli" "الزاوية"; do
    printf '%-10s -> ' "$name"
    "$K" geocode "$name" --limit 1 | sed -n 2p | cut -c5-
done
printf '%-10s -> ' "Tripoli LB"
"$K" geocode Tripoli --country LB --limit 1 | sed -n 2p | cut -c5-
echo
echo "== parse: articles, places and dates of the sample reports in data/samples/"
SAMPLES=("$KHARITA_ROOT"/data/samples/*.txt "$KHARITA_ROOT"/data/samples/*.html
         "$KHARITA_ROOT"/data/samples/*.jsonl)
for f in "${SAMPLES[@]}"; do
    echo "-- $(basename "$f")"
    # the samples describe June 2025; a fixed retrieval time keeps the demo reproducible
    "$K" parse "$f" --retrieved-at 2025-06-14T12:00 | cut -c1-118
    "$K" parse "$f" --retrieved-at 2025-06-14T12:00 --json > "$OUT/$(basename "$f").json"
done
echo
echo "== ingest: the samples into an event store (a second ingest adds nothing)"
DB="$OUT/events.sqlite"
rm -f "$DB" "$DB-wal" "$DB-shm"
"$K" ingest "${SAMPLES[@]}" --db "$DB" --retrieved-at 2025-06-14T12:00
"$K" ingest "${SAMPLES[@]}" --db "$DB" --retrieved-at 2025-06-14T12:00 2>/dev/null
echo
echo "== query: events in Libya during 2025"
"$K" query --db "$DB" --region Libya --from 2025-01-01 --to 2025-12-31 | cut -c1-140
echo
echo "== review: confirm one event, fix another's place, and parse the reports again"
# the queue opens unreviewed first, least confident first; the analyst's name goes in the
# audit trail (docs/review.md)
export KHARITA_ANALYST=demo
"$K" review list --db "$DB" --limit 3 | cut -c1-118
FIRST=$("$K" review list --db "$DB" --limit 1 | awk '{print $1}')
"$K" review confirm "$FIRST" --db "$DB" --note "checked against the report"
# the mass grave is placed at the Kufra district; the report means the town (Al Jawf)
GRAVE=$("$K" review list --db "$DB" --type mass_grave --text Kufra --limit 1 | awk '{print $1}')
if [ -n "$GRAVE" ]; then
    "$K" review set "$GRAVE" --db "$DB" --place "Al Jawf" --country LY \
        --note "the town of Kufra, not the district"
fi
# a newer parse of the same reports keeps both (the corrections are anchored to the report)
"$K" ingest "${SAMPLES[@]}" --db "$DB" --retrieved-at 2025-06-14T12:00 --reparse 2>/dev/null | tail -1
"$K" review log --db "$DB" | cut -c1-160
"$K" export --db "$DB" --reviewed -o "$OUT/reviewed.geojson"
unset KHARITA_ANALYST
echo
echo "== export: GeoJSON layers (all events; armed clashes and attacks in Tripoli district)"
"$K" export --db "$DB" -o "$OUT/events.geojson"
"$K" export --db "$DB" -o "$OUT/tripoli-violence.geojson" --region LY-TB --type clash,attack,killing
"$K" export --db "$DB" -o "$OUT/events.gpkg"
echo "ogrinfo reads $(ogrinfo -ro -so -al "$OUT/events.geojson" | sed -n 's/^Feature Count: //p') features from events.geojson"
echo
echo "== render: the events on the offline basemap (no display needed)"
if [ -x "$KHARITA_BUILD_DIR/cli/kharita" ] && "$K" render --help >/dev/null 2>&1; then
    QT_QPA_PLATFORM=offscreen "$K" render --db "$DB" -o "$OUT/map.png" --extent 7,18,27,37.5 \
        --title "Kharita: the sample reports" 2>/dev/null
fi
if [ -n "${DISPLAY:-}" ] && [ -x "$KHARITA_BUILD_DIR/viewer/kharita-viewer" ]; then
    echo "opening the viewer on $DB"
    nohup "$KHARITA_BUILD_DIR/viewer/kharita-viewer" "$DB" >/dev/null 2>&1 &
fi
echo
echo "Results written to $OUT/"
