#!/usr/bin/env bash
# Scale: the dashboard against an emulator holding N extra finished payouts (--history N),
# for N in 1 000, 10 000 and 100 000 (or $SIZES). For each N, in a 200x50 pseudo-terminal:
#   - first frame: spawn -> the first frame drawn after the first page was served (the board
#     shows a payout id), and spawn -> any first output (the empty board);
#   - full load: spawn -> the first frame drawn after the emulator answered the sweep's last
#     page (its count of list requests, read every 20 ms, reached the number of pages and
#     stays put for 0.5 s);
#   - requests and response bytes per poll cycle on the Dfns routes (DELETE then GET
#     /_emulator/stats around a WINDOW-second window; cycles counted as bursts of requests);
#   - RSS (VmRSS) of the dashboard and of the emulator after the window (and the dashboard's
#     peak, VmHWM: what the load cost at its height), and per payout:
#     (RSS - RSS of the same process at --history 0, measured first) / N; idle CPU over the
#     window (utime+stime / CLK_TCK);
#   - key press -> first output bytes: `j` KEYS times, 200 ms apart (median and max).
# Board rebuild time is a divan bench, not measured here: `cargo bench --bench dashboard`; the
# bytes each process allocates per payout (stable where RSS is noisy): `cargo bench --bench
# board_memory` and `cargo bench --bench emulator_memory`.
#
# Env: SIZES ("1000 10000 100000"), WINDOW (s, 31), KEYS (20), COLS (200), ROWS (50),
#      PAYOUTS_TUI_BIN (default target/release/payouts-tui, built with
#      `cargo build --release --locked` when missing). Needs python3 only (pty, select).
# Bounded: every process started is stopped on exit (TERM, then KILL), the load waits at
# most LOAD_TIMEOUT (s, 900) per size.
set -euo pipefail
cd "$(dirname "$0")/.."

export SIZES="${SIZES:-1000 10000 100000}"
export WINDOW="${WINDOW:-31}" KEYS="${KEYS:-20}" COLS="${COLS:-200}" ROWS="${ROWS:-50}"
export LOAD_TIMEOUT="${LOAD_TIMEOUT:-900}"

command -v python3 >/dev/null 2>&1 || { echo "python3 is needed" >&2; exit 1; }
if [ -z "${PAYOUTS_TUI_BIN:-}" ]; then
    PAYOUTS_TUI_BIN="$PWD/target/release/payouts-tui"
    [ -x "$PAYOUTS_TUI_BIN" ] || cargo build --release --locked --bin payouts-tui
fi
[ -x "$PAYOUTS_TUI_BIN" ] || { echo "not executable: $PAYOUTS_TUI_BIN" >&2; exit 1; }
export PAYOUTS_TUI_BIN

tmp="$(mktemp -d)"
export SCALE_TMP="$tmp"
# The python side stops its own children; this catches an interrupted python.
trap 'rm -rf "$tmp"' EXIT

python3 "$(dirname "$0")/scale.py"
