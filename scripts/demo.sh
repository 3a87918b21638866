#!/usr/bin/env bash
# The README's main command: install what is missing, build (which builds the default
# gazetteer from data/), then run Kharita on the embedded default data.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
K="$KHARITA_BUILD_DIR/cli/kharita"
OUT="${KHARITA_OUT:-$KHARITA_ROOT/out}"
mkdir -p "$OUT"

echo "== gazetteer"
"$K" gazetteer info
echo
echo "== geocode: transliteration variants and ambiguous names"
for name in "Zawia" "Albaidha" "Yefren" "Zwara" "Regdaleen" "Ras Jdir" "Abu Salim" \
            "Misurata" "Tripoli" "الزاوية"; do
    "$K" geocode "$name" --limit 1 | sed -n 2p | sed "s/^1  /$(printf '%-10s' "$name") /"
done
echo
echo "== geocode Tripoli --country LB"
"$K" geocode Tripoli --country LB --limit 1 | sed -n 2p
