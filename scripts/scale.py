"""The measuring side of scripts/scale.sh (see there for what and why). Python 3, stdlib only."""
import fcntl, json, math, os, pty, re, select, shlex, signal, statistics, struct, subprocess
import sys, termios, time, urllib.request

BIN = os.environ["PAYOUTS_TUI_BIN"]
TMP = os.environ["SCALE_TMP"]
SIZES = [int(s) for s in os.environ["SIZES"].split()]
WINDOW, KEYS = float(os.environ["WINDOW"]), int(os.environ["KEYS"])
COLS, ROWS = int(os.environ["COLS"]), int(os.environ["ROWS"])
LOAD_TIMEOUT = float(os.environ["LOAD_TIMEOUT"])
SEEDED = 62  # payouts the emulator seeds besides --history
PAGE = 50  # the sweep's page size (the API maximum)
TICK = os.sysconf("SC_CLK_TCK")
DONE = re.compile(rb"just(?:\x1b\[[0-9;?]*[A-Za-z]| )*now")
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
        self.tail = (self.tail + data)[-4096:]
        return at, data

    def drain_for(self, seconds):
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            self.pump(left)


def cpu_ticks(pid):
    fields = open(f"/proc/{pid}/stat").read().rpartition(")")[2].split()
    return int(fields[11]) + int(fields[12])  # utime, stime


def rss_mb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(n):
    creds = os.path.join(TMP, f"creds-{n}")
    emu, base = start_emulator(n, creds)
    op = read_env(os.path.join(creds, "operator.env"))
    home = os.path.join(TMP, f"home-{n}")
    os.makedirs(home, exist_ok=True)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TERM": "xterm-256color",
           "HOME": home, "XDG_CONFIG_HOME": os.path.join(home, "config"),
           "XDG_STATE_HOME": os.path.join(home, "state"),
           "PAYOUTS_TUI_LOG": os.path.join(home, "dashboard.log"),
           "PAYOUTS_TUI_AUDIT": os.path.join(home, "audit.jsonl"), **op}
    pages = math.ceil((n + SEEDED) / PAGE)

    t0 = time.monotonic()
    pid, fd = spawn_dashboard(env)
    out = Pty(fd)
    first_output = first_data = full = None
    while full is None:
        if time.monotonic() - t0 > LOAD_TIMEOUT:
            sys.exit(f"N={n}: sweep not finished after {LOAD_TIMEOUT:.0f} s")
        at, data = out.pump(1.0)
        if at is None:
            continue
        first_output = first_output or at
        if first_data is None and ID.search(out.tail):
            first_data = at
        # The status bar turns from "loading…" to "updated just now" when the sweep's last
        # page is in (the cells are diffed, so the space may be a cursor move).
        if DONE.search(out.tail):
            full = at
    fetched = list_requests(base)[0]
    if fetched < pages:
        sys.exit(f"N={n}: loaded after {fetched} list pages, expected at least {pages}")
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
    rss = rss_mb(pid)

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
            "rss": rss, "cpu": cpu, "key_med": statistics.median(lat), "key_max": max(lat),
            "routes": {k: (v["requests"] / per, v["bytes"] / per) for k, v in routes.items()}}


def main():
    rows = []
    try:
        for n in SIZES:
            r = measure(n)
            rows.append(r)
            split = ", ".join(f"{k}: {q:.1f} req {b:.0f} B" for k, (q, b) in r["routes"].items())
            print(f"N={n}: {r['cycles']} poll cycles in the window; per poll: {split}",
                  file=sys.stderr)
    finally:
        stop_all()
    print(f"{COLS}x{ROWS} pty, {WINDOW:.0f} s window; board rebuild: "
          "`cargo bench --bench dashboard`")
    head = ("N", "first out ms", "first frame ms", "full load s", "req/poll", "bytes/poll",
            "RSS MB", "idle CPU %", "key med ms", "key max ms")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in rows:
        print(f"| {r['n']} | {r['first_output_ms']:.0f} | {r['first_frame_ms']:.0f} | "
              f"{r['full_s']:.2f} | {r['req']:.1f} | {r['bytes']:.0f} | {r['rss']:.1f} | "
              f"{r['cpu']:.2f} | {r['key_med']:.1f} | {r['key_max']:.1f} |")


main()
