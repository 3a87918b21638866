#!/usr/bin/env bash
# The README's test command: install what is missing, build, run every test.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$KHARITA_BUILD_DIR"
QT_QPA_PLATFORM=offscreen ctest -j "${KHARITA_JOBS:-2}" --output-on-failure "$@"
