"""The driver of scripts/soak.sh (read its header). Python 3 standard library only."""

import base64
import fcntl
import json
import os
import pty
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import termios
import time
import urllib.error
import urllib.request

BIN = os.environ["PAYOUTS_TUI_BIN"]
SOAK_SECS = int(os.environ.get("SOAK_SECS", "180"))
PHASE_SECS = int(os.environ.get("PHASE_SECS", "30"))
COLS, ROWS = 120, 40
PHASE_A = {"error_rate": 0.3, "rate_limit_rate": 0.2, "retry_after_secs": 2,
           "reset_rate": 0.05, "truncate_rate": 0.05}
PHASE_B = {"latency_ms": 2000}
SPEC_A = ",".join(f"{k}={v}" for k, v in PHASE_A.items())
# CSI / OSC / two-byte escapes: stripped so cells ratatui writes one after another read as text.
ESCAPES = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78MDEc]")

tmp = tempfile.mkdtemp(prefix="soak.")
start = time.monotonic()
deadline = start + SOAK_SECS
failures = []
emu = None
child_pid = None
master = None
raw = bytearray()


def elapsed():
    return time.monotonic() - start


def log(msg):
    print(f"[{elapsed():6.1f}s] {msg}", flush=True)


def check(ok, what):
    log(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        failures.append(what)


def cleanup():
    if child_pid:
        try:
            os.kill(child_pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    if emu and emu.poll() is None:
        emu.terminate()
        try:
            emu.wait(5)
        except subprocess.TimeoutExpired:
            emu.kill()
    shutil.rmtree(tmp, ignore_errors=True)


def control(method, path, body=None, timeout=10):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url + "/_emulator" + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        text = r.read()
    return json.loads(text) if text.strip() else None


def api_get(path, tries=15):
    """GET a Dfns route with the operator's token, retrying through the injected faults."""
    last = None
    for _ in range(tries):
        req = urllib.request.Request(url + path, headers={"Authorization": "Bearer " + env["DFNS_AUTH_TOKEN"]})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return json.loads(r.read())
        except urllib.error.HTTPError as e:
            if 400 <= e.code < 500 and e.code != 429:
                raise RuntimeError(f"GET {path}: {e.code} {e.read()[:300]!r}") from e
            last = e
            time.sleep(0.5)
        except Exception as e:  # 5xx, 429, resets and truncated JSON are all expected here
            last = e
            time.sleep(0.5)
    raise RuntimeError(f"GET {path} failed {tries} times, last: {last}")


STALE_SEEN = {"A": 0, "B": 0}
PH = {"name": "A", "since": time.monotonic(), "on": True, "switches": 0}


def switch_phase():
    """Alternates the fault phases every PHASE_SECS, also while an action is waited on."""
    if PH["on"] and time.monotonic() - PH["since"] >= PHASE_SECS:
        PH["name"] = "B" if PH["name"] == "A" else "A"
        control("POST", "/faults", PHASE_A if PH["name"] == "A" else PHASE_B)
        PH["since"] = time.monotonic()
        PH["switches"] += 1
        log(f"faults -> phase {PH['name']}")


def pump(seconds):
    """Reads the pty for `seconds` (or until the child closes it)."""
    end = time.monotonic() + seconds
    while True:
        switch_phase()
        left = end - time.monotonic()
        if left <= 0:
            return True
        r, _, _ = select.select([master], [], [], min(left, 0.2))
        if r:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return False
            if not chunk:
                return False
            raw.extend(chunk)
            if PH["on"]:
                text = squash(chunk)
                STALE_SEEN[PH["name"]] += text.count(b"pollfailing") + text.count(b"STALE")


def send(keys, pause=0.3):
    os.write(master, keys.encode())
    pump(pause)


def squash(data):
    """The text a stretch of output draws, escapes and spaces removed: the renderer moves the
    cursor over blank cells instead of writing spaces, so words are compared without them."""
    return ESCAPES.sub(b"", data).replace(b" ", b"")


def text_since(offset):
    return squash(bytes(raw[offset:]))


def wait_any(needles, seconds, offset):
    """Pumps until one of `needles` (squashed) is drawn after byte `offset`; its index, or
    None after `seconds`."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pump(0.25)
        text = text_since(offset)
        for i, n in enumerate(needles):
            if n in text:
                return i
    return None


def set_size(cols, rows):
    fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def overrun(_signum, _frame):
    raise TimeoutError(f"the soak overran SOAK_SECS={SOAK_SECS} by 60 s")


# Whatever hangs (a pty read, an HTTP call), the run ends: the handler raises, cleanup runs.
signal.signal(signal.SIGALRM, overrun)
signal.alarm(SOAK_SECS + 60)

try:
    # ---- the emulator, with phase A faults from the start ----
    creds = os.path.join(tmp, "creds")
    emu = subprocess.Popen([BIN, "emulator", "--listen", "127.0.0.1:0", "--credentials-dir", creds,
                            "--faults", SPEC_A], stdout=subprocess.PIPE, stderr=open(os.path.join(tmp, "emu.err"), "wb"))
    ready, _, _ = select.select([emu.stdout], [], [], 30)
    if not ready:
        raise RuntimeError("the emulator printed nothing in 30 s")
    first = emu.stdout.readline().decode().strip()
    m = re.match(r"listening on (http://\S+)", first)
    if not m:
        raise RuntimeError(f"emulator's first line: {first!r}")
    url = m.group(1)
    # Keep draining its stdout so a chatty emulator never blocks on a full pipe.
    threading.Thread(target=lambda: [None for _ in emu.stdout], daemon=True).start()
    env = {}
    with open(os.path.join(creds, "operator.env")) as f:
        for line in f:
            k, sep, v = line.strip().partition("=")
            if sep:
                env[k] = v.strip().strip("'\"")
    claims = json.loads(base64.urlsafe_b64decode(env["DFNS_AUTH_TOKEN"].split(".")[1] + "=="))
    me = claims["https://custom/app_metadata"]["userId"]
    stats0 = control("GET", "/stats")
    log(f"emulator at {url}, operator {me}, faults A: {SPEC_A}")

    # ---- targets: payouts awaiting the operator's confirmation ----
    page = api_get("/payouts?status=Processing&limit=50")
    targets = [p for p in page.get("items", [])
               if p.get("data", {}).get("executionStatus") == "AwaitingPayoutConfirmation"
               and (p.get("requester") or {}).get("userId") == me and p["data"].get("depositAddress")]
    # Latest deadline first: the seeded soonest ones may expire during a long soak.
    targets.sort(key=lambda p: p["dateCreated"], reverse=True)
    log(f"{len(targets)} payouts await the operator's confirmation")
    check(len(targets) >= 3, "at least 3 payouts to act on")

    # ---- the dashboard in a 120x40 pty ----
    home = os.path.join(tmp, "home")
    os.makedirs(home)
    audit_path = os.path.join(tmp, "audit.jsonl")
    denv = {k: v for k, v in os.environ.items() if not k.startswith(("DFNS_", "PAYOUTS_TUI", "XDG_"))}
    denv.pop("NO_COLOR", None)
    denv.update(env)
    denv.update({"TERM": "xterm-256color", "HOME": home, "PAYOUTS_TUI_LOG": os.path.join(tmp, "tui.log"),
                 "PAYOUTS_TUI_AUDIT": audit_path, "XDG_CONFIG_HOME": os.path.join(home, "config"),
                 "XDG_STATE_HOME": os.path.join(home, "state"), "RUST_BACKTRACE": "1"})
    child_pid, master = pty.fork()
    if child_pid == 0:
        os.chdir(home)
        os.execve(BIN, [BIN], denv)
    set_size(COLS, ROWS)

    # ---- the run: phases, keys, actions ----
    actions = []  # (kind, payout id, sent the final key?)
    plan = []
    if len(targets) >= 1:
        plan.append((0.20, "confirm", targets[0]))
    if len(targets) >= 2:
        plan.append((0.45, "cancel", targets[1]))
    if len(targets) >= 3:
        plan.append((0.70, "confirm", targets[2]))
    PH["since"] = time.monotonic()
    end_of_faults = start + SOAK_SECS - 25  # room for the fresh-state wait and the exit
    nav = "rjjkjkr"
    tick = 0
    while time.monotonic() < end_of_faults:
        if not pump(1.0):
            break
        tick += 1
        if tick % 4 == 0:
            send(nav[(tick // 4) % len(nav)])
        if plan and elapsed() >= plan[0][0] * (end_of_faults - start):
            _, kind, p = plan.pop(0)
            pid = p["id"]
            log(f"{kind} {pid} (phase {PH['name']})")
            send("\x1b\x1b", 0.5)
            send("/", 0.5)
            send(pid, 0.3)
            send("\r", 1.5)
            # Under faults the dialog's re-read can fail ("nothing was sent"): try up to 3 times.
            sent = False
            for attempt in range(3):
                budget = max(1.0, min(25.0, end_of_faults - time.monotonic()))
                mark = len(raw)
                if kind == "confirm":
                    send("c", 0.2)
                    armed = wait_any([b"typethelast4characters", b"nothingwassent"], budget, mark)
                    if armed == 0:
                        send(p["data"]["depositAddress"][-4:], 0.5)
                        send("\r", 0.2)
                else:
                    send("x", 0.2)
                    armed = wait_any([b"Pressytocancelit", b"nothingwassent"], budget, mark)
                    if armed == 0:
                        send("y", 0.2)
                if armed == 0:
                    sent = True
                    break
                log(f"{kind} {pid}: dialog try {attempt + 1} did not arm")
                send(" ", 0.5)
            log(f"{kind} {pid}: " + ("final key sent" if sent else "the dialog never armed; nothing sent"))
            actions.append((kind, pid, sent))
            # The answer may take several retries under faults; then dismiss and unfilter.
            pump(max(1.0, min(15.0, end_of_faults - time.monotonic())))
            send(" ", 0.5)
            send("\x1b\x1b", 0.5)

    # ---- faults off: the board must come back fresh within a poll interval ----
    PH["on"] = False
    control("DELETE", "/faults")
    cleared_at = len(raw)
    log(f"faults cleared at byte {cleared_at}")
    # A poll that succeeds within one interval (5 s) + margin makes the bar say "updated just
    # now". Diffs only carry changed cells (the bar may already have said it), so the state is
    # read from a full redraw, forced by a resize, after that wait.
    pump(8.0)
    incremental = b"justnow" in text_since(cleared_at)
    redraw_at = len(raw)
    set_size(COLS, ROWS + 1)
    pump(1.0)
    set_size(COLS, ROWS)
    pump(2.0)
    tail = text_since(redraw_at)
    redrawn_fresh = b"updatedjustnow" in tail and b"STALE" not in tail and b"pollfailing" not in tail

    # ---- quit ----
    send("\x1b\x1b", 0.5)
    send("q", 0.2)
    status = None
    quit_by = time.monotonic() + 10
    while time.monotonic() < quit_by:
        pump(0.2)
        pid, st = os.waitpid(child_pid, os.WNOHANG)
        if pid:
            status = os.waitstatus_to_exitcode(st)
            child_pid = None
            break
    pump(0.5)
    data = bytes(raw)
    last_enter = data.rfind(b"\x1b[?1049h")
    after = data[last_enter:] if last_enter >= 0 else b""
    restored = last_enter >= 0 and b"\x1b[?1049l" in after and b"\x1b[?25h" in after

    stats = control("GET", "/stats")
    c0, c1 = stats0["counters"], stats["counters"]
    audit = []
    if os.path.exists(audit_path):
        with open(audit_path) as f:
            audit = [json.loads(line) for line in f if line.strip()]
    ok_confirms = {}
    outcomes = {"ok": 0, "refused": 0, "unknown": 0}
    for kind, pid, sent in actions:
        if not sent:
            continue
        lines = [a for a in audit if a.get("payoutId") == pid and a.get("action") == kind]
        outs = [a for a in lines if a.get("phase") == "outcome"]
        if any(a.get("httpStatus") == 200 for a in outs):
            outcomes["ok"] += 1
        elif any(isinstance(a.get("httpStatus"), int) for a in outs):
            outcomes["refused"] += 1
        else:
            outcomes["unknown"] += 1
    for a in audit:
        if a.get("action") == "confirm" and a.get("phase") == "outcome" and a.get("httpStatus") == 200:
            ok_confirms[a.get("payoutId")] = ok_confirms.get(a.get("payoutId"), 0) + 1
    attempts = {k: sum(1 for kind, _, sent in actions if sent and kind == k) for k in ("confirm", "cancel")}
    audit_attempts = sum(1 for a in audit if a.get("phase") == "attempt")

    check(STALE_SEEN["A"] > 0, f"STALE / poll failing shown during phase A ({STALE_SEEN['A']}x)")
    check(redrawn_fresh, "8 s after the faults cleared, a full redraw shows \"updated just now\", no STALE"
          f" (\"just now\" also drawn incrementally: {'yes' if incremental else 'no'})")
    check(status == 0, f"exit status 0 (got {status})")
    check(restored, "after the last ?1049h: ?1049l and ?25h")
    check(c1["confirms"] - c0["confirms"] <= attempts["confirm"],
          f"emulator confirms {c1['confirms'] - c0['confirms']} <= confirm attempts {attempts['confirm']}")
    check(c1["cancels"] - c0["cancels"] <= attempts["cancel"],
          f"emulator cancels {c1['cancels'] - c0['cancels']} <= cancel attempts {attempts['cancel']}")
    check(all(n <= 1 for n in ok_confirms.values()), f"no payout confirmed twice (audit: {ok_confirms})")
    check(audit_attempts <= sum(attempts.values()), f"audit attempts {audit_attempts} <= final keys sent {sum(attempts.values())}")
    check(c1["payouts_created"] == c0["payouts_created"], "payouts_created unchanged")

    plain = squash(data)
    if os.environ.get("SOAK_RAW"):
        # For a post-mortem: the dashboard's bytes, as a terminal received them.
        with open(os.environ["SOAK_RAW"], "wb") as f:
            f.write(data)
    print("\n==== soak summary ====")
    print(f"duration            {elapsed():.1f} s (SOAK_SECS={SOAK_SECS}, phases of {PHASE_SECS} s)")
    print(f"faults injected     {json.dumps(stats.get('faults'))}")
    print(f"poll failing shown  {plain.count(b'pollfailing')} times in the stream "
          f"(STALE/poll failing during A: {STALE_SEEN['A']}, during B: {STALE_SEEN['B']})")
    print(f"actions             started {len(actions)}, final key sent {attempts}, succeeded {outcomes['ok']}, "
          f"refused {outcomes['refused']}, unknown {outcomes['unknown']}")
    print(f"emulator counters   {json.dumps({k: c1[k] - c0[k] for k in c1})} (deltas)")
    print(f"audit lines         {len(audit)}")
    print(f"dashboard bytes     {len(data)}")
    print(f"exit status         {status}")
    print(f"terminal restored   {'yes' if restored else 'no'}")
    print(f"result              {'PASS' if not failures else 'FAIL: ' + '; '.join(failures)}")
    if failures and os.path.exists(os.path.join(tmp, "tui.log")):
        with open(os.path.join(tmp, "tui.log"), "rb") as f:
            print("---- last lines of the dashboard log ----")
            print(b"\n".join(f.read().splitlines()[-20:]).decode(errors="replace"))
except Exception as e:
    failures.append(repr(e))
    print(f"soak aborted: {e!r}", file=sys.stderr)
finally:
    cleanup()
sys.exit(1 if failures else 0)
