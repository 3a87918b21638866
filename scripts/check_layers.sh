#!/usr/bin/env bash
# Checks that no layer of core includes a header of a layer above it (docs/architecture.md).
# Each layer lists the layers it may include besides itself; `detail/` (the RAII wrappers)
# is open to every layer. Prints each offending include as file:line and exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."

declare -A ALLOWED=(
    [base]=""
    [text]="base"
    [time]="base text"
    [geo]="base text"
    [document]="base text time"
    [events]="base text time geo document"
    [store]="base text time geo document events"
    [map]="base"
    [exchange]="base text time geo document events store map"
    [render]="base text time geo document events store map"
    [eval]="base text time geo document events"
)

status=0
for layer in "${!ALLOWED[@]}"; do
    for dir in "core/include/kharita/$layer" "core/src/$layer"; do
        [ -d "$dir" ] || continue
        while IFS=: read -r file line include; do
            used="$(sed -E 's|.*"(kharita/)?([a-z_]+)/.*|\2|' <<<"$include")"
            [ "$used" = "$layer" ] || [ "$used" = detail ] && continue
            if [[ " ${ALLOWED[$layer]} " != *" $used "* ]]; then
                echo "$file:$line: layer '$layer' includes '$used' (allowed: ${ALLOWED[$layer]:-none})"
                status=1
            fi
        done < <(grep -rnE '^#include "(kharita/)?[a-z_]+/' "$dir" || true)
    done
done
# The store's interface takes plain records: besides base, it may name places, regions,
# calendar days and the event vocabulary, but include none of the parsing code.
if grep -nE '^#include "kharita/(events/(events|pipeline)|document/|time/timex|geo/(gazetteer|geoparser))' \
    core/include/kharita/store/store.hpp; then
    echo "core/include/kharita/store/store.hpp: the store interface includes parsing code (above)"
    status=1
fi
[ "$status" = 0 ] && echo "layers: every include points down"
exit "$status"
