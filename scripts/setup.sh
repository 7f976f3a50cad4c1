#!/usr/bin/env bash
# Set up briefgen on a fresh Debian or Ubuntu machine: the system libraries WeasyPrint
# prints with (Pango, HarfBuzz's font subsetter) and the fonts the memo uses, then a
# virtual environment in .venv with briefgen installed from this checkout.
#   scripts/setup.sh          install briefgen
#   scripts/setup.sh --test   also install what the tests and linters need
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
[ "${1:-}" = "--test" ] && extras="[test]"

if command -v apt-get >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends \
        git python3 python3-venv python3-pip \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
        fonts-dejavu-core fonts-dejavu-extra >/dev/null
else
    echo "setup: no apt-get here; install Pango, HarfBuzz (subset) and DejaVu fonts yourself" >&2
fi

python="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet --editable ".${extras}"
echo "setup: briefgen installed in .venv ($(.venv/bin/briefgen --version))"
