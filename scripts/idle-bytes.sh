#!/usr/bin/env bash
# The "over SSH" measure: bytes per second an idle screen costs the link.
#
# In one run, side by side in two 200x50 pseudo-terminals:
#   (a) `payouts-tui demo`, left alone (the default board: its visible countdowns tick);
#   (b) `watch -n1` over a shell loop printing NLINES lines "payout N  <seconds left>",
#       every line's countdown changing each second.
# After a warm-up (the board loads, watch draws its first screen) the bytes each program
# writes to its pty are counted over the window; both figures and their ratio are printed.
#
# Env: WARMUP (s, default 10), WINDOW (s, 60), COLS (200), ROWS (50), NLINES (40),
#      PAYOUTS_TUI_BIN (default: target/debug/payouts-tui, built with `cargo build --offline`).
# Needs python3 (pty, select); installs procps with apt-get when `watch` is missing.
# Bounded: both programs are stopped after the window (TERM, then KILL after 5 s).
set -euo pipefail
cd "$(dirname "$0")/.."

WARMUP="${WARMUP:-10}"
WINDOW="${WINDOW:-60}"
COLS="${COLS:-200}"
ROWS="${ROWS:-50}"
NLINES="${NLINES:-40}"

if ! command -v watch >/dev/null 2>&1; then
    echo "watch not found: installing procps" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq procps >&2
fi
command -v python3 >/dev/null 2>&1 || { echo "python3 is needed" >&2; exit 1; }

if [ -z "${PAYOUTS_TUI_BIN:-}" ]; then
    # Quiet unless it fails (then again, with the errors shown).
    cargo build --offline --quiet --bin payouts-tui 2>/dev/null ||
        cargo build --offline --bin payouts-tui
    PAYOUTS_TUI_BIN="$PWD/target/debug/payouts-tui"
fi
[ -x "$PAYOUTS_TUI_BIN" ] || { echo "not executable: $PAYOUTS_TUI_BIN" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# One countdown per line, all to different deadlines, like the board's LEFT column.
cat >"$tmp/countdowns.sh" <<'EOF'
now=$(date +%s)
i=1
while [ "$i" -le "$NLINES" ]; do
    echo "payout $i  $(( (END + i * 97 - now) ))"
    i=$((i + 1))
done
EOF

export WARMUP WINDOW COLS ROWS NLINES PAYOUTS_TUI_BIN
export END=$(( $(date +%s) + 86400 ))
export COUNTDOWNS="$tmp/countdowns.sh"
export TMPDIR_MEASURE="$tmp"

python3 - <<'EOF'
import fcntl, os, pty, select, signal, struct, sys, termios, time

cols, rows = int(os.environ["COLS"]), int(os.environ["ROWS"])
warmup, window = float(os.environ["WARMUP"]), float(os.environ["WINDOW"])
tmp = os.environ["TMPDIR_MEASURE"]

def spawn(argv, env):
    pid, fd = pty.fork()
    if pid == 0:
        # The size is set on the slave before exec, so the first frame is already 200x50.
        fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        try:
            os.execvpe(argv[0], argv, env)
        finally:
            os._exit(127)
    return pid, fd

base = dict(os.environ, TERM="xterm-256color")
# curses (watch) would take LINES/COLUMNS from the environment over the pty's size.
for var in ("TMUX", "LINES", "COLUMNS"):
    base.pop(var, None)
dash_env = dict(base,
    PAYOUTS_TUI_LOG=os.path.join(tmp, "dashboard.log"),
    PAYOUTS_TUI_AUDIT=os.path.join(tmp, "audit.jsonl"),
    HOME=tmp, XDG_STATE_HOME=os.path.join(tmp, "state"),
    XDG_CONFIG_HOME=os.path.join(tmp, "config"))
procs = {
    "dashboard": spawn([os.environ["PAYOUTS_TUI_BIN"], "demo"], dash_env),
    "watch": spawn(["watch", "-n1", "sh " + os.environ["COUNTDOWNS"]], base),
}
fds = {fd: name for name, (_, fd) in procs.items()}
counted = {name: 0 for name in procs}
total = {name: 0 for name in procs}

start = time.monotonic()
t0, t1 = start + warmup, start + warmup + window
open_fds = set(fds)
while open_fds:
    now = time.monotonic()
    if now >= t1:
        break
    ready, _, _ = select.select(list(open_fds), [], [], min(0.5, t1 - now))
    now = time.monotonic()
    for fd in ready:
        try:
            data = os.read(fd, 65536)
        except OSError:
            data = b""
        if not data:
            open_fds.discard(fd)
            print(f"{fds[fd]} exited early", file=sys.stderr)
            continue
        total[fds[fd]] += len(data)
        if now >= t0:
            counted[fds[fd]] += len(data)

# Stop both; keep reading so a blocked write cannot stall the exit.
for pid, _ in procs.values():
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
deadline = time.monotonic() + 5
alive = {pid for pid, _ in procs.values()}
while alive and time.monotonic() < deadline:
    for fd in list(open_fds):
        if select.select([fd], [], [], 0)[0]:
            try:
                if not os.read(fd, 65536):
                    open_fds.discard(fd)
            except OSError:
                open_fds.discard(fd)
    for pid in list(alive):
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            alive.discard(pid)
    time.sleep(0.05)
for pid in alive:
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)

if any(total[n] == 0 for n in total):
    sys.exit(f"no output from: {[n for n in total if total[n] == 0]}")
d, w = counted["dashboard"] / window, counted["watch"] / window
print(f"{cols}x{rows}, {window:.0f} s after a {warmup:.0f} s warm-up "
      f"(watch: {os.environ['NLINES']} countdown lines)")
print(f"dashboard: {d:.1f} B/s  watch: {w:.1f} B/s  "
      f"ratio dashboard/watch: {d / w if w else float('inf'):.2f}")
EOF
