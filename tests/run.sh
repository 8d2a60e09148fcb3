#!/usr/bin/env bash
# The project's test command: bash tests/run.sh [extra cargo test args]
#
# Installs Neovim (Debian's `neovim`, for the language-server test with a real client) when
# `nvim` is missing (apt-get, as root or through sudo), installs moto (the Cognito emulator) into .venv when it is missing, starts moto_server on a
# free port of 127.0.0.1, creates an IAM user and access key, turns SigV4/IAM checking on, then
# runs `cargo test --all-targets "$@"` with these exported:
#   POOLER_TEST_ENDPOINT, POOLER_TEST_ACCESS_KEY_ID, POOLER_TEST_SECRET_ACCESS_KEY,
#   POOLER_TEST_REGION
# and `--include-ignored`: the tests that need moto or ../shared/seeds are marked ignored so a
# plain `cargo test` reports them as such; here they run, and fail if what they need is absent.
# The server is stopped on exit, whatever happens. Exit status: cargo's.
#
# Knobs (environment):
#   POOLER_PYTHON=python3.11    the Python that creates .venv (default: python3)
#   POOLER_HARNESS_ONLY=1       start and prepare moto, then run the command given as arguments
#                               (default: print the endpoint) instead of cargo test
#   POOLER_MOTO_WAIT=60         seconds to wait for moto_server to answer
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

VENV="$ROOT/.venv"
MOTO_SPEC='moto[server]>=5,<6'
LOG_DIR="$ROOT/target/moto"
REGION=us-west-2

say() { echo "tests/run.sh: $*" >&2; }
die() {
    say "error: $*"
    exit 1
}

# --- 0. Neovim for tests/lsp/neovim.rs ------------------------------------------------------
if ! command -v nvim >/dev/null 2>&1; then
    SUDO=
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    say "installing neovim (apt-get) for the language-server test"
    { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq neovim; } >&2 ||
        die "could not install neovim (apt-get install neovim); tests/lsp/neovim.rs needs nvim"
fi

# --- 1. the venv with moto -------------------------------------------------------------------
venv_ready() {
    [ -x "$VENV/bin/moto_server" ] &&
        "$VENV/bin/python" -c 'import moto.server, boto3, flask_cors' >/dev/null 2>&1
}

if ! venv_ready; then
    if [ ! -x "$VENV/bin/python" ]; then
        say "creating $VENV"
        "${POOLER_PYTHON:-python3}" -m venv "$VENV" || {
            rm -rf "$VENV"
            die "could not create a venv with ${POOLER_PYTHON:-python3} (on Debian: apt-get install python3-venv)"
        }
    fi
    say "installing $MOTO_SPEC into .venv (once)"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
        "$MOTO_SPEC" || die "pip could not install $MOTO_SPEC"
    venv_ready || die "moto is still not usable from $VENV after pip install"
fi
PY="$VENV/bin/python"

# --- 2. start moto_server, always stop it ----------------------------------------------------
MOTO_PID=
CHILD_PID=
stop_child() {
    if [ -n "$CHILD_PID" ] && kill -0 "$CHILD_PID" 2>/dev/null; then
        # The whole group: cargo and the test binaries it runs.
        kill -TERM -- "-$CHILD_PID" 2>/dev/null || kill "$CHILD_PID" 2>/dev/null || true
        wait "$CHILD_PID" 2>/dev/null || true
    fi
    CHILD_PID=
}
stop_moto() {
    if [ -n "$MOTO_PID" ] && kill -0 "$MOTO_PID" 2>/dev/null; then
        kill "$MOTO_PID" 2>/dev/null || true
        for _ in $(seq 50); do
            kill -0 "$MOTO_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -9 "$MOTO_PID" 2>/dev/null || true
        wait "$MOTO_PID" 2>/dev/null || true
    fi
    MOTO_PID=
}
trap 'stop_child; stop_moto' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$LOG_DIR"
CREDS=
for attempt in 1 2 3; do
    PORT=$("$PY" tests/moto_setup.py free-port)
    ENDPOINT="http://127.0.0.1:$PORT"
    LOG="$LOG_DIR/moto-$PORT.log"
    # moto_setup.py serve execs moto_server -H 127.0.0.1 -p PORT (same pid), log to LOG, and
    # asks the kernel to TERM it if this script dies without running its trap.
    "$PY" tests/moto_setup.py serve "$PORT" "$LOG" </dev/null &
    MOTO_PID=$!
    # --- 3. IAM user + key, then SigV4 checking on (the helper verifies it) ------------------
    if CREDS=$("$PY" tests/moto_setup.py setup "$ENDPOINT" "$MOTO_PID" "${POOLER_MOTO_WAIT:-60}"); then
        break
    fi
    say "moto attempt $attempt on port $PORT failed; last lines of $LOG:"
    tail -n 20 "$LOG" >&2 2>/dev/null || true
    stop_moto
    CREDS=
done
[ -n "$CREDS" ] || die "could not start and prepare moto_server (logs in $LOG_DIR)"
say "moto_server pid $MOTO_PID at $ENDPOINT (log: ${LOG#"$ROOT"/})"

# --- 4. run the tests ------------------------------------------------------------------------
export POOLER_TEST_ENDPOINT="$ENDPOINT"
export POOLER_TEST_ACCESS_KEY_ID="${CREDS%% *}"
export POOLER_TEST_SECRET_ACCESS_KEY="${CREDS#* }"
export POOLER_TEST_REGION="$REGION"
unset CREDS

if [ -n "${POOLER_HARNESS_ONLY:-}" ]; then
    if [ $# -eq 0 ]; then
        set -- echo "POOLER_TEST_ENDPOINT=$POOLER_TEST_ENDPOINT"
    fi
else
    # The ignored tests (moto, the seeds) run here: after the caller's own `--`, or after ours.
    case " $* " in
        *" -- "*) set -- cargo test --all-targets "$@" --include-ignored ;;
        *) set -- cargo test --all-targets "$@" -- --include-ignored ;;
    esac
fi
# In the background (own process group), so that INT/TERM reach the traps at once instead of
# after the command ends, and the traps can stop the command and everything it started.
set -m
"$@" </dev/null &
CHILD_PID=$!
set +m
status=0
wait "$CHILD_PID" || status=$?
CHILD_PID=
exit "$status"
