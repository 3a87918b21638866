#!/usr/bin/env bash
# Installs the Debian 12 packages Kharita needs (only those missing), then configures and
# builds into build/ (or $KHARITA_BUILD_DIR). Sourced by demo.sh and test.sh.
set -euo pipefail

KHARITA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KHARITA_BUILD_DIR="${KHARITA_BUILD_DIR:-$KHARITA_ROOT/build}"

PACKAGES=(cmake ninja-build g++ pkg-config zlib1g-dev libgdal-dev gdal-bin libproj-dev
          libspatialite-dev libsqlite3-dev libsqlite3-mod-spatialite libicu-dev
          nlohmann-json3-dev libcli11-dev libfmt-dev libgtest-dev libgmock-dev libbenchmark-dev
          qt6-base-dev qt6-svg-dev libgl-dev xvfb wamerican wbritish
          libavcodec-dev libavformat-dev libswscale-dev libavutil-dev
          libpq-dev postgresql-15 postgresql-15-postgis-3)

missing=()
for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
if ((${#missing[@]})); then
    echo "kharita: installing ${missing[*]}" >&2
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
fi

cmake -S "$KHARITA_ROOT" -B "$KHARITA_BUILD_DIR" -G Ninja \
      -DCMAKE_BUILD_TYPE="${KHARITA_BUILD_TYPE:-RelWithDebInfo}" ${KHARITA_CMAKE_ARGS:-} >/dev/null
cmake --build "$KHARITA_BUILD_DIR" -j "${KHARITA_JOBS:-2}"
