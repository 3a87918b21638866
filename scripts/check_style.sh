#!/usr/bin/env bash
# What .ci/run checks besides the tests: formatting (.clang-format), the layering of core
# (scripts/check_layers.sh) and clang-tidy (.clang-tidy) on the sources of core, gazetteer,
# cli and viewer. Needs a configured build (compile_commands.json and Qt's generated
# files): run after scripts/test.sh. Exits non-zero on the first kind of problem found.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${KHARITA_BUILD_DIR:-$ROOT/build}"
cd "$ROOT"

for tool in clang-format clang-tidy run-clang-tidy; do
    if ! command -v "$tool" >/dev/null; then
        SUDO=""
        if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
            clang-format clang-tidy >/dev/null
        break
    fi
done

echo "== formatting"
mapfile -t sources < <(git ls-files '*.cpp' '*.hpp' '*.h' | grep -v '^data/')
clang-format --dry-run --Werror "${sources[@]}"
echo "formatting: ${#sources[@]} files as .clang-format says"

echo "== layers"
bash scripts/check_layers.sh

echo "== clang-tidy"
run-clang-tidy -p "$BUILD" -j "${KHARITA_JOBS:-2}" -quiet \
    "^$ROOT/(core|gazetteer|cli|viewer)/.*\.cpp\$" > "$BUILD/clang-tidy.log" 2>&1 || {
    grep -E "(warning|error):" "$BUILD/clang-tidy.log" | sort -u | head -100
    echo "clang-tidy: problems above (whole log: $BUILD/clang-tidy.log)"
    exit 1
}
echo "clang-tidy: no findings"
