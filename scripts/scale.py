"""The measuring side of scripts/scale.sh (see there for what and why). Python 3, stdlib only."""
import fcntl, json, math, os, pty, re, select, shlex, signal, statistics, struct, subprocess
import sys, termios, time, urllib.request

BIN = os.environ["PAYOUTS_TUI_BIN"]
TMP = os.environ["SCALE_TMP"]
SIZES = [int(s) for s in os.environ["SIZES"].split()]
WINDOW, KEYS = float(os.environ["WINDOW"]), int(os.environ["KEYS"])
COLS, ROWS = int(os.environ["COLS"]), int(os.environ["ROWS"])
LOAD_TIMEOUT = float(os.environ["LOAD_TIMEOUT"])
SEEDED = 63  # payouts the emulator seeds besides --history
PAGE = 50  # the sweep's page size (the API maximum)
TICK = os.sysconf("SC_CLK_TCK")
DUMP = os.environ.get("SCALE_DUMP")  # a file: the raw output, for debugging
ID = re.compile(rb"pyt-[0-9a-z]{5}")  # a payout id on screen: the first page is drawn

children = []  # (pid, kind) of everything started, stopped in `finally`


def stop_all():
    for pid, _ in children:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 5
    alive = {pid for pid, _ in children}
    while alive and time.monotonic() < deadline:
        for pid in list(alive):
            try:
                if os.waitpid(pid, os.WNOHANG)[0] == pid:
                    alive.discard(pid)
            except ChildProcessError:
                alive.discard(pid)
        time.sleep(0.05)
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
    children.clear()


def start_emulator(n, creds):
    p = subprocess.Popen([BIN, "emulator", "--listen", "127.0.0.1:0", "--history", str(n),
                          "--credentials-dir", creds], stdout=subprocess.PIPE, text=True)
    children.append((p.pid, "emulator"))
    line = p.stdout.readline()
    m = re.match(r"listening on (http://\S+)", line)
    if not m:
        sys.exit(f"emulator did not start: {line!r}")
    return p, m.group(1)


def http(method, url):
    req = urllib.request.Request(url, method=method)
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.load(r)


def list_requests(base):
    """(requests, bytes) on GET /payouts, and the overall totals."""
    r = http("GET", base + "/_emulator/stats")["requests"]
    lst = r["routes"].get("GET /payouts", {"requests": 0, "bytes": 0})
    return lst["requests"], r["total"]["requests"], r["total"]["bytes"]


def read_env(path):
    env = {}
    for line in open(path):
        k, _, v = line.strip().partition("=")
        if k:
            env[k] = " ".join(shlex.split(v))
    return env


def spawn_dashboard(env):
    pid, fd = pty.fork()
    if pid == 0:
        # Sized before exec, so the first frame is already 200x50.
        fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        try:
            os.execve(BIN, [BIN], env)
        finally:
            os._exit(127)
    children.append((pid, "dashboard"))
    return pid, fd


class Pty:
    """Drains the dashboard's output (a full pty would stall it) and timestamps it."""

    def __init__(self, fd):
        self.fd, self.tail, self.total, self.last_at = fd, b"", 0, None

    def pump(self, timeout):
        """Reads what is ready within `timeout`; answers (time of the first read, bytes)."""
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not ready:
            return None, b""
        at = time.monotonic()
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:
            data = b""
        if not data:
            sys.exit("the dashboard exited early")
        self.total += len(data)
        if DUMP and self.total < 1 << 20:
            with open(DUMP, "ab") as f:
                f.write(data)
        self.last_at = at
        # The last 4 KB before this read, and all of it: text drawn early in a big frame is
        # followed by more than 4 KB of the same write.
        self.tail = self.tail[-4096:] + data
        return at, data

    def drain_for(self, seconds):
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            self.pump(left)


def cpu_ticks(pid):
    fields = open(f"/proc/{pid}/stat").read().rpartition(")")[2].split()
    return int(fields[11]) + int(fields[12])  # utime, stime


def rss_mb(pid, field="VmRSS:"):
    """VmRSS (or VmHWM, the peak) in MB."""
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(field):
            return int(line.split()[1]) / 1024
    return float("nan")


def settle_rss(pid):
    """VmRSS once it stops moving (two readings 0.5 s apart within 2 %), at most 5 s."""
    last = rss_mb(pid)
    for _ in range(10):
        time.sleep(0.5)
        now = rss_mb(pid)
        if abs(now - last) <= 0.02 * last:
            return now
        last = now
    return last


def baseline():
    """RSS of both processes with no history (the 63 seeded payouts), loaded and settled:
    what the per-payout figures are counted from."""
    creds = os.path.join(TMP, "creds-0")
    emu, base = start_emulator(0, creds)
    pid, fd = spawn_dashboard(dashboard_env(0, creds))
    out = Pty(fd)
    out.drain_for(3.0)  # 63 payouts load in well under a second
    if list_requests(base)[0] < 1:
        sys.exit("N=0: the dashboard asked for no payouts")
    rss = (settle_rss(pid), settle_rss(emu.pid))
    stop_all()
    return rss


def dashboard_env(n, creds):
    op = read_env(os.path.join(creds, "operator.env"))
    home = os.path.join(TMP, f"home-{n}")
    os.makedirs(home, exist_ok=True)
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TERM": "xterm-256color",
            "HOME": home, "XDG_CONFIG_HOME": os.path.join(home, "config"),
            "XDG_STATE_HOME": os.path.join(home, "state"),
            "PAYOUTS_TUI_LOG": os.path.join(home, "dashboard.log"),
            "PAYOUTS_TUI_AUDIT": os.path.join(home, "audit.jsonl"), **op}


def measure(n):
    creds = os.path.join(TMP, f"creds-{n}")
    emu, base = start_emulator(n, creds)
    env = dashboard_env(n, creds)
    pages = math.ceil((n + SEEDED) / PAGE)

    t0 = time.monotonic()
    pid, fd = spawn_dashboard(env)
    out = Pty(fd)
    first_output = first_data = full = None
    outputs = []  # times of the reads since the last list request was seen answered
    served, served_at = 0, t0
    while full is None:
        if time.monotonic() - t0 > LOAD_TIMEOUT:
            sys.exit(f"N={n}: sweep not finished after {LOAD_TIMEOUT:.0f} s")
        at, data = out.pump(0.02)
        if at is not None:
            first_output = first_output or at
            if first_data is None and ID.search(out.tail):
                first_data = at
            outputs.append(at)
        # The sweep is in when the emulator has answered at least its pages and no list
        # request has come for 0.5 s (the next cycle is 5 s away). The status bar cannot
        # tell: "updated just now" may already be on screen, and cells are diffed.
        count, now = list_requests(base)[0], time.monotonic()
        if count > served:
            served, served_at, outputs = count, now, []
        elif served >= pages and now - served_at > 0.5:
            # The frame drawn with the last page (or the moment it was seen served).
            full = outputs[0] if outputs else served_at
    out.drain_for(1.0)  # let the frame settle before the window

    # The poll window: counters reset, bursts of list requests counted as cycles.
    http("DELETE", base + "/_emulator/stats")
    ticks0, w0 = cpu_ticks(pid), time.monotonic()
    cycles, last_seen, quiet_since = 0, 0, None
    while time.monotonic() - w0 < WINDOW:
        out.pump(0.25)
        seen = list_requests(base)[1]
        if seen > last_seen and (quiet_since is None or time.monotonic() - quiet_since > 1.0):
            cycles += 1
        if seen > last_seen:
            quiet_since = time.monotonic()
        last_seen = seen
    elapsed = time.monotonic() - w0
    cpu = (cpu_ticks(pid) - ticks0) / TICK / elapsed * 100
    _, reqs, nbytes = list_requests(base)
    routes = http("GET", base + "/_emulator/stats")["requests"]["routes"]
    rss, emu_rss, peak = rss_mb(pid), rss_mb(emu.pid), rss_mb(pid, "VmHWM:")

    # Key press -> first output bytes back (the frame with the moved selection).
    lat = []
    for _ in range(KEYS):
        out.drain_for(0.2)
        sent = time.monotonic()
        os.write(fd, b"j")
        at = None
        while at is None and time.monotonic() - sent < 2.0:
            at, _ = out.pump(2.0 - (time.monotonic() - sent))
        lat.append(((at or time.monotonic()) - sent) * 1000)

    stop_all()
    per = max(cycles, 1)
    return {"n": n, "first_output_ms": (first_output - t0) * 1000,
            "first_frame_ms": (first_data - t0) * 1000 if first_data else float("nan"),
            "full_s": full - t0, "cycles": cycles, "req": reqs / per, "bytes": nbytes / per,
            "rss": rss, "peak": peak, "emu_rss": emu_rss, "cpu": cpu, "key_med": statistics.median(lat), "key_max": max(lat),
            "routes": {k: (v["requests"] / per, v["bytes"] / per) for k, v in routes.items()}}


def per_payout(rss, base, n):
    """Bytes of RSS per history payout above the no-history baseline."""
    return (rss - base) * 1024 * 1024 / n if n else float("nan")


def main():
    rows = []
    try:
        base_dash, base_emu = baseline()
        print(f"N=0: dashboard {base_dash:.1f} MB, emulator {base_emu:.1f} MB (the baseline)",
              file=sys.stderr)
        for n in SIZES:
            r = measure(n)
            rows.append(r)
            split = ", ".join(f"{k}: {q:.1f} req {b:.0f} B" for k, (q, b) in r["routes"].items())
            print(f"N={n}: {r['cycles']} poll cycles in the window; per poll: {split}",
                  file=sys.stderr)
    finally:
        stop_all()
    print(f"{COLS}x{ROWS} pty, {WINDOW:.0f} s window; board rebuild: "
          "`cargo bench --bench dashboard`; RSS per payout: (RSS - RSS at --history 0) / N, "
          f"baselines {base_dash:.1f} MB (dashboard) and {base_emu:.1f} MB (emulator)")
    head = ("N", "first out ms", "first frame ms", "full load s", "req/poll", "bytes/poll",
            "dash RSS MB", "dash peak MB", "dash B/payout", "emu RSS MB", "emu B/payout", "idle CPU %",
            "key med ms", "key max ms")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in rows:
        n = r["n"]
        print(f"| {n} | {r['first_output_ms']:.0f} | {r['first_frame_ms']:.0f} | "
              f"{r['full_s']:.2f} | {r['req']:.1f} | {r['bytes']:.0f} | {r['rss']:.1f} | "
              f"{r['peak']:.1f} | "
              f"{per_payout(r['rss'], base_dash, n):.0f} | {r['emu_rss']:.1f} | "
              f"{per_payout(r['emu_rss'], base_emu, n):.0f} | "
              f"{r['cpu']:.2f} | {r['key_med']:.1f} | {r['key_max']:.1f} |")


main()
