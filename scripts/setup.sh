#!/usr/bin/env bash
# Set up briefgen on a fresh Debian or Ubuntu machine: the system libraries WeasyPrint
# prints with (Pango, HarfBuzz's font subsetter) and the fonts the memo uses, then a
# virtual environment in .venv with briefgen installed from this checkout.
#   scripts/setup.sh          install briefgen
#   scripts/setup.sh --test   also install what the tests and linters need (the exact
#                             versions pinned in pyproject.toml's `test` extra) and
#                             Chromium, the browser the preview's tests drive
# PYTHON names the interpreter to build .venv with (default: python3); it must be
# Python 3.11 or newer.
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
test_packages=()
if [ "${1:-}" = "--test" ]; then
    extras="[test]"
    test_packages=(chromium)
fi
python="${PYTHON:-python3}"

# Fail before any install when the interpreter is too old. A fresh machine may have no
# python3 yet: apt-get installs it below, and the check runs again after.
check_python() {
    local version
    version="$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" \
        || version=""
    if [[ ! "$version" =~ ^3\.([0-9]+)$ ]] || [ "${BASH_REMATCH[1]}" -lt 11 ]; then
        echo "setup: briefgen needs Python 3.11 or newer; '$python' is ${version:-missing or not Python}" \
            "(set PYTHON=/path/to/python3.11 or newer)" >&2
        exit 1
    fi
}
if [ -n "${PYTHON:-}" ] || command -v "$python" >/dev/null 2>&1; then
    check_python
fi

# DPkg::Lock::Timeout makes `apt-get install` wait for the dpkg lock, but `apt-get
# update` (apt 2.6) fails at once on the package lists' lock: retry it while that is why.
apt_update() {
    local waited=0 errors
    until errors="$("${apt[@]}" update -qq 2>&1 >/dev/null)"; do
        if [[ "$errors" != *"Could not get lock"* ]] || [ "$waited" -ge 600 ]; then
            echo "$errors" >&2
            exit 1
        fi
        [ "$waited" -eq 0 ] && echo "setup: waiting for another apt-get to finish" >&2
        sleep 5
        waited=$((waited + 5))
    done
    [ -z "$errors" ] || echo "$errors" >&2  # warnings of an update that worked
}

if command -v apt-get >/dev/null 2>&1; then
    # Another install may hold the dpkg or apt lock (an unattended upgrade, a parallel
    # set-up): wait for it, up to 10 minutes, instead of failing at once. `env` passes
    # the variables through sudo; LC_ALL=C keeps apt's messages in the words apt_update looks for.
    apt=(env DEBIAN_FRONTEND=noninteractive LC_ALL=C apt-get -o DPkg::Lock::Timeout=600)
    if [ "$(id -u)" -ne 0 ]; then apt=(sudo "${apt[@]}"); fi
    apt_update
    "${apt[@]}" install -y -qq --no-install-recommends \
        git python3 python3-venv python3-pip \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
        fonts-dejavu-core fonts-dejavu-extra "${test_packages[@]}" >/dev/null
else
    echo "setup: no apt-get here; install Pango, HarfBuzz (subset) and DejaVu fonts yourself" >&2
fi
check_python

[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet --editable ".${extras}"
echo "setup: briefgen installed in .venv ($(.venv/bin/briefgen --version))"
