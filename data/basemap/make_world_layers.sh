#!/usr/bin/env bash
# Rebuilds the coarse world layers of the offline basemap (data/basemap/*_world.geojson.gz)
# from Natural Earth 4.0.0 (public domain) as stored in the shared data sources:
#
#   bash data/basemap/make_world_layers.sh [NATURAL_EARTH_DIR]
#
# 50m land, lakes and coastline (clipped to Web Mercator's latitudes), the 10m land borders
# simplified to about the 50m scale (0.02 degrees), the 50m populated places (name, rank,
# capital only) and one label point per 50m country (on its surface). Coordinates are
# rounded to 3 decimals (about 100 m, below a 50m-scale line's width). About 1 MB in all.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
NE="${1:-$HERE/../../../shared/data-sources/boundaries/natural-earth-4.0.0}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
for f in ne_50m_land ne_50m_lakes ne_50m_coastline ne_10m_admin_0_boundary_lines_land \
    ne_50m_populated_places ne_50m_admin_0_countries; do
    xz -dc "$NE/$f.json.xz" >"$TMP/$f.json"
done
OUT=(-f GeoJSON -lco COORDINATE_PRECISION=3 -lco RFC7946=NO)
MERCATOR=(-clipsrc -180 -85.05 180 85.05)
ogr2ogr "${OUT[@]}" "${MERCATOR[@]}" -select "" "$TMP/land.geojson" "$TMP/ne_50m_land.json"
ogr2ogr "${OUT[@]}" "${MERCATOR[@]}" -select "" "$TMP/lakes.geojson" "$TMP/ne_50m_lakes.json"
ogr2ogr "${OUT[@]}" "${MERCATOR[@]}" -select "" "$TMP/coast.geojson" "$TMP/ne_50m_coastline.json"
ogr2ogr "${OUT[@]}" -select "" -simplify 0.02 "$TMP/borders.geojson" \
    "$TMP/ne_10m_admin_0_boundary_lines_land.json"
ogr2ogr "${OUT[@]}" -spat -180 -85.05 180 85.05 -select "NAME,SCALERANK,ADM0CAP" "$TMP/places.geojson" \
    "$TMP/ne_50m_populated_places.json"
ogr2ogr "${OUT[@]}" -dialect sqlite -sql "SELECT NAME, CAST(LABELRANK AS INTEGER) AS LABELRANK, \
ST_PointOnSurface(geometry) AS geometry FROM ne_50m_admin_0_countries" \
    "$TMP/countries.geojson" "$TMP/ne_50m_admin_0_countries.json"
gzip -9 -n -c "$TMP/land.geojson" >"$HERE/ne_50m_land_world.geojson.gz"
gzip -9 -n -c "$TMP/lakes.geojson" >"$HERE/ne_50m_lakes_world.geojson.gz"
gzip -9 -n -c "$TMP/coast.geojson" >"$HERE/ne_50m_coastline_world.geojson.gz"
gzip -9 -n -c "$TMP/borders.geojson" >"$HERE/ne_10m_admin_0_boundary_lines_land_world.geojson.gz"
gzip -9 -n -c "$TMP/places.geojson" >"$HERE/ne_50m_populated_places_world.geojson.gz"
gzip -9 -n -c "$TMP/countries.geojson" >"$HERE/ne_50m_country_labels_world.geojson.gz"
