#!/usr/bin/env bash
# Prove the OFFICIAL Dfns SDKs, unchanged, work against the standalone emulator:
# Python dfns-sdk (PyPI) and TypeScript @dfns/sdk + @dfns/sdk-keysigner (npm), versions pinned
# in sdk-check/requirements.txt and sdk-check/package-lock.json.
# Needs python3 (3.11) with pip, node 20 with npm, cargo, and the PyPI and npm registries the
# first time (later runs reuse sdk-check/.venv and sdk-check/node_modules).
# Exits non-zero if either SDK check fails; the last line sums both: `sdk-check: N passed, M failed`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
sdk=$root/sdk-check

say() { printf '== %s\n' "$*"; }
die() { printf 'sdk-check: %s\n' "$*" >&2; exit 2; }

command -v python3 >/dev/null || die "python3 is missing: install python3 and python3-pip"
command -v node >/dev/null && command -v npm >/dev/null || die "node/npm are missing: install nodejs and npm (node 20)"

say "cargo build --locked"
cargo build --locked --quiet

# A stamp holds the hash of the pin file an install came from: present and equal means done.
stamp_of() { sha256sum "$1" | cut -d' ' -f1; }

venv=$sdk/.venv
want=$(stamp_of "$sdk/requirements.txt")
if [ "$(cat "$venv/.sdk-check-stamp" 2>/dev/null)" != "$want" ]; then
  say "python venv (sdk-check/.venv)"
  rm -rf "$venv"
  if python3 -m venv "$venv" 2>/dev/null; then
    pip=("$venv/bin/python" -m pip)
  else
    # Debian without python3-venv has no ensurepip: make the venv bare and let the system pip
    # install into it (pip >= 22.3 understands --python).
    rm -rf "$venv"
    python3 -m venv --without-pip "$venv" \
      || die "python3 -m venv failed: install python3-venv (apt-get install python3-venv)"
    pip=(python3 -m pip --python "$venv/bin/python")
  fi
  # --no-deps: dfns-sdk 1.0.4 names a certifi newer than the registry has; every package it
  # imports is pinned in requirements.txt instead.
  timeout 600 "${pip[@]}" install --quiet --disable-pip-version-check --no-deps \
    -r "$sdk/requirements.txt" || die "pip install into sdk-check/.venv failed (see above)"
  echo "$want" >"$venv/.sdk-check-stamp"
fi

want=$(stamp_of "$sdk/package-lock.json")
if [ "$(cat "$sdk/node_modules/.sdk-check-stamp" 2>/dev/null)" != "$want" ]; then
  say "npm ci (sdk-check/node_modules)"
  # sdk-check/.npmrc sets legacy-peer-deps: @dfns/sdk-keysigner 0.8.3 peer-pins @dfns/sdk 0.8.3.
  (cd "$sdk" && timeout 600 npm ci --no-audit --no-fund --loglevel=error) \
    || die "npm ci in sdk-check failed (see above)"
  echo "$want" >"$sdk/node_modules/.sdk-check-stamp"
fi

creds=$(mktemp -d)
logs=$(mktemp -d)
emu_pid=
cleanup() {
  if [ -n "$emu_pid" ]; then
    kill "$emu_pid" 2>/dev/null || true
    wait "$emu_pid" 2>/dev/null || true
  fi
  rm -rf "$creds" "$logs"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "emulator (--seed 7)"
"${CARGO_TARGET_DIR:-$root/target}/debug/payouts-tui" emulator --listen 127.0.0.1:0 --credentials-dir "$creds" --seed 7 \
  >"$logs/emulator.out" 2>"$logs/emulator.err" &
emu_pid=$!

url=
for _ in $(seq 100); do # up to 10 s for the first stdout line
  line=$(head -n 1 "$logs/emulator.out" 2>/dev/null || true)
  if [[ $line == "listening on "* ]]; then
    url=${line#listening on }
    break
  fi
  kill -0 "$emu_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$url" ]; then
  cat "$logs/emulator.err" >&2
  die "the emulator printed no 'listening on' line within 10 s (its stderr is above)"
fi
env_url=$(sed -n 's/^DFNS_API_URL=//p' "$creds/operator.env" 2>/dev/null || true)
[ "$env_url" = "$url" ] \
  || die "operator.env has DFNS_API_URL='$env_url' but the emulator listens on $url"
echo "listening on $url"

total_pass=0
total_fail=0
status=0
# run LABEL CMD...: one SDK check, bounded in time; its last line `N passed, M failed` is summed.
run() {
  local label=$1 rc=0
  shift
  say "$label"
  timeout 300 "$@" "$creds" | tee "$logs/out" || rc=$?
  local last p f
  last=$(tail -n 1 "$logs/out")
  if [[ $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    p=${BASH_REMATCH[1]} f=${BASH_REMATCH[2]}
  else
    echo "not ok - $label: ended without a summary line (exit $rc; 124 means it timed out)"
    p=0 f=1
  fi
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  total_pass=$((total_pass + p))
  total_fail=$((total_fail + f))
  [ "$rc" -eq 0 ] || status=1
}

py_ver=$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("dfns-sdk"))')
run "Python dfns-sdk $py_ver" "$venv/bin/python" "$sdk/check.py"
node_ver=$(node -p "require('$sdk/node_modules/@dfns/sdk/package.json').version")
run "TypeScript @dfns/sdk $node_ver" node "$sdk/check.mjs"

echo "sdk-check: $total_pass passed, $total_fail failed"
exit "$status"
