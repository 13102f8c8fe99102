#!/usr/bin/env bash
# Create (or reuse) a virtual environment with a Synapse homeserver for the Matrix end-to-end tests.
# Location: ${BRIEFBOT_SYNAPSE_VENV:-$HOME/.cache/briefbot/synapse-venv}. Prints the venv path on stdout.
set -euo pipefail
venv="${BRIEFBOT_SYNAPSE_VENV:-$HOME/.cache/briefbot/synapse-venv}"
python="${BRIEFBOT_SYNAPSE_PYTHON:-python3}"

works() {
    [ -x "$venv/bin/python" ] && "$venv/bin/python" -m synapse.app.homeserver --help >/dev/null 2>&1
}

if works; then
    echo "synapse venv reused: $venv" >&2
else
    start=$(date +%s)
    echo "installing matrix-synapse into $venv ..." >&2
    rm -rf "$venv"
    mkdir -p "$(dirname "$venv")"
    "$python" -m venv "$venv"
    log="$(mktemp)"
    if ! { "$venv/bin/python" -m pip install --upgrade pip && "$venv/bin/python" -m pip install matrix-synapse; } \
            >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        echo "pip could not install matrix-synapse into $venv (full log: $log)" >&2
        exit 1
    fi
    rm -f "$log"
    if ! works; then
        echo "matrix-synapse installed into $venv but 'python -m synapse.app.homeserver --help' fails" >&2
        exit 1
    fi
    echo "synapse installed in $(( $(date +%s) - start )) s: $venv" >&2
fi
"$venv/bin/python" -c 'import synapse; print("synapse", synapse.__version__)' >&2
echo "$venv"
