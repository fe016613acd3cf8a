#!/usr/bin/env bash
# Bounded soak: the release dashboard against the standalone emulator under faults.
#
# The emulator starts with phase A faults (30 % 5xx, 20 % 429 with Retry-After 2 s, 5 % resets,
# 5 % truncated bodies); every PHASE_SECS the script switches to phase B (2000 ms latency on
# every request) and back, via POST /_emulator/faults. Meanwhile the dashboard runs in a
# 120x40 pty and gets keys: r, j/k, a confirm (filter on the id, c, the last 4 of the deposit
# address, Enter) and a cancel (filter, x, y), on payouts awaiting the operator's confirmation
# picked through the API. At the end: DELETE the faults, wait for a fresh poll, q.
#
# Checks (exit 1 if any fails): the status bar said STALE / "poll failing" during faults and
# "just now" after them; exit status 0; the terminal restored (after the last ?1049h come
# ?1049l and ?25h); the emulator's confirms/cancels never exceed the attempts made; no payout
# has two successful confirm outcomes in the audit file; payouts_created unchanged.
#
# Env: SOAK_SECS (total, default 180), PHASE_SECS (30), PAYOUTS_TUI_BIN (default: the release
# build, made with `cargo build --release --locked` when missing or older than src/).
# Needs python3 only (pty, urllib); the raw pty bytes are searched, no terminal parser.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v python3 >/dev/null 2>&1 || { echo "python3 is needed" >&2; exit 1; }
if [ -z "${PAYOUTS_TUI_BIN:-}" ]; then
    PAYOUTS_TUI_BIN="$PWD/target/release/payouts-tui"
    if [ ! -x "$PAYOUTS_TUI_BIN" ] || [ -n "$(find src Cargo.toml -newer "$PAYOUTS_TUI_BIN" -print -quit)" ]; then
        cargo build --release --locked --bin payouts-tui
    fi
fi
[ -x "$PAYOUTS_TUI_BIN" ] || { echo "not executable: $PAYOUTS_TUI_BIN" >&2; exit 1; }

export PAYOUTS_TUI_BIN
export SOAK_SECS="${SOAK_SECS:-180}"
export PHASE_SECS="${PHASE_SECS:-30}"
exec python3 "$(dirname "$0")/soak.py"
