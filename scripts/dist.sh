#!/usr/bin/env bash
# Release archives that run on any Linux jump host, x86_64 or ARM:
#   dist/payouts-tui-VERSION-TARGET.tar.gz for each target below, holding the binary, man
#   pages, bash/zsh/fish completions, config.example.toml, README.md and LICENSE.
# The binaries link glibc 2.17 symbols at most (RHEL/CentOS 7 and newer), built with
# cargo-zigbuild: zig links against glibc 2.17's symbol lists whatever glibc this machine
# has, and cross-compiles ring's C for aarch64. Cargo profile `dist` (fat LTO, see
# Cargo.toml). Installs what it needs (pip packages in a venv under the target dir, rustup
# targets), then checks what it built.
# Env: CARGO_TARGET_DIR, CARGO_BUILD_JOBS are honoured; DIST_TARGETS overrides the targets.
set -euo pipefail
cd "$(dirname "$0")/.."

read -r -a targets <<<"${DIST_TARGETS:-x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu}"
glibc_floor=2.17
# Pinned: a new zig can change the linker's behaviour under us.
zigbuild_pin=0.24.1
zig_pin=0.17.1

target_dir=${CARGO_TARGET_DIR:-$PWD/target}
venv=$target_dir/dist-tools/venv
out=$PWD/dist
start=$(date +%s)
log() { printf '\n== %s (+%ss)\n' "$*" "$(( $(date +%s) - start ))"; }
die() { echo "dist: $*" >&2; exit 1; }

log "tools"
command -v cargo >/dev/null || die "cargo is missing: install the Rust toolchain (rustup) first"
command -v rustup >/dev/null || die "rustup is missing: it adds the cross targets"
apt_missing=()
command -v python3 >/dev/null || apt_missing+=(python3)
python3 -c 'import ensurepip, venv' 2>/dev/null || apt_missing+=(python3-venv)
command -v readelf >/dev/null || apt_missing+=(binutils)
command -v cc >/dev/null || apt_missing+=(gcc)  # build scripts are built for this machine
if [ ${#apt_missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null || die "install these first: ${apt_missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${apt_missing[@]}"
fi
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
if ! "$venv/bin/pip" freeze 2>/dev/null | grep -qx "cargo-zigbuild==$zigbuild_pin" ||
   ! "$venv/bin/pip" freeze 2>/dev/null | grep -qx "ziglang==$zig_pin"; then
  "$venv/bin/pip" install -q --disable-pip-version-check \
    "cargo-zigbuild==$zigbuild_pin" "ziglang==$zig_pin"
fi
# cargo-zigbuild finds zig through the venv's python (the ziglang package).
export PATH=$venv/bin:$PATH
echo "cargo-zigbuild $zigbuild_pin, zig $(python3 -m ziglang version)"
rustup target add "${targets[@]}"

version=$(cargo metadata --no-deps --format-version 1 --locked |
  python3 -c 'import json, sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "payouts-tui"))')
if [ "$(git rev-parse --show-toplevel 2>/dev/null)" = "$(pwd -P)" ]; then
  commit=$(git rev-parse --short=10 HEAD)
  export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct HEAD)}
else
  commit=unknown
  export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(date +%s)}
fi
[ -z "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] ||
  echo "note: the work tree has uncommitted changes; --version will say $commit regardless"

host_target=""
for t in "${targets[@]}"; do
  log "build $t (glibc $glibc_floor)"
  cargo zigbuild --profile dist --locked --target "$t.$glibc_floor"
  if [ "${t%%-*}" = "$(uname -m)" ]; then host_target=$t; fi
done
[ -n "$host_target" ] || die "none of ${targets[*]} runs on $(uname -m): cannot generate man pages"

log "check the binaries"
fail=0
check() { if "$@"; then :; else fail=1; fi; }
ok() { printf '  ok   %s\n' "$*"; }
bad() { printf '  FAIL %s\n' "$*"; return 1; }
# Highest GLIBC_x.y the binary asks for (readelf's version-needs section); empty when none.
max_glibc() { readelf -V --wide "$1" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n 1; }
version_le() { [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n 1)" = "$1" ]; }
check_glibc() {
  local bin=$1 max
  if ! readelf -l "$bin" | grep -q 'Requesting program interpreter'; then
    ok "$bin: static"; return
  fi
  max=$(max_glibc "$bin")
  [ -n "$max" ] || { bad "$bin: dynamic, but no GLIBC_ symbol versions found"; return; }
  if version_le "$max" "$glibc_floor"; then ok "$bin: highest symbol GLIBC_$max <= $glibc_floor"
  else bad "$bin: needs GLIBC_$max > $glibc_floor"; fi
}
check_arch() {
  local bin=$1 t=$2 want machine
  case $t in
    x86_64-*) want="Advanced Micro Devices X86-64" ;;
    aarch64-*) want="AArch64" ;;
    *) bad "$t: unknown architecture"; return ;;
  esac
  machine=$(readelf -h "$bin" | sed -n 's/^ *Machine: *//p')
  if [ "$machine" = "$want" ]; then ok "$bin: ELF for $machine"; else bad "$bin: ELF for '$machine', want $want"; fi
}
check_runs() {  # BIN [EMULATOR ARGS...]
  local bin=$1 got want="payouts-tui $version (commit $commit)"
  shift
  local how="${*:+$* }$bin --version"
  got=$("$@" "$bin" --version) || { bad "$how failed"; return; }
  if [ "$got" = "$want" ]; then ok "$how: $got"; else bad "$how: '$got', want '$want'"; fi
}
for t in "${targets[@]}"; do
  bin=$target_dir/$t/dist/payouts-tui
  check check_arch "$bin" "$t"
  check check_glibc "$bin"
  arch=${t%%-*}
  if [ "$t" = "$host_target" ]; then check check_runs "$bin"
  elif command -v "qemu-$arch" >/dev/null && [ -e "/usr/$arch-linux-gnu/lib/libc.so.6" ]; then
    check check_runs "$bin" "qemu-$arch" -L "/usr/$arch-linux-gnu"
  else
    echo "  --   $bin: not run (another architecture; on Debian, qemu-user and libc6-arm64-cross run it)"
  fi
done
[ "$fail" -eq 0 ] || die "a check failed"

log "package"
host_bin=$target_dir/$host_target/dist/payouts-tui
stage=$target_dir/dist-stage
rm -rf "$stage"
mkdir -p "$out" "$stage/common/man" "$stage/common/completions"
# Man pages and completions do not depend on the target: made once by the binary that runs here.
"$host_bin" man --dir "$stage/common/man" >/dev/null
"$host_bin" completions bash >"$stage/common/completions/payouts-tui.bash"
"$host_bin" completions zsh >"$stage/common/completions/_payouts-tui"
"$host_bin" completions fish >"$stage/common/completions/payouts-tui.fish"
cp assets/config.example.toml README.md LICENSE "$stage/common/"
archives=()
for t in "${targets[@]}"; do
  name=payouts-tui-$version-$t
  mkdir -p "$stage/$name"
  cp -R "$stage/common/." "$stage/$name/"
  install -m 755 "$target_dir/$t/dist/payouts-tui" "$stage/$name/payouts-tui"
  # Same inputs, same bytes: sorted entries, fixed owner and times, no gzip timestamp.
  tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner \
    --mtime="@$SOURCE_DATE_EPOCH" -cf - "$name" | gzip -9n >"$out/$name.tar.gz"
  archives+=("$out/$name.tar.gz")
done

log "check the archives"
for a in "${archives[@]}"; do
  name=$(basename "$a" .tar.gz)
  listing=$(tar -tzf "$a")
  for f in payouts-tui man/payouts-tui.1 man/payouts-tui-list.1 completions/payouts-tui.bash \
           completions/_payouts-tui completions/payouts-tui.fish config.example.toml README.md LICENSE; do
    grep -qx "$name/$f" <<<"$listing" || { echo "  FAIL $a lacks $name/$f"; fail=1; }
  done
  if [ "$fail" -eq 0 ]; then
    ok "$(basename "$a"): $(grep -c '[^/]$' <<<"$listing") files, $(grep -c '\.1$' <<<"$listing") man pages"
  fi
done
[ "$fail" -eq 0 ] || die "an archive is incomplete"

(cd "$out" && sha256sum "${archives[@]##*/}" >SHA256SUMS)
log "archives (version $version, commit $commit)"
for a in "${archives[@]}"; do
  t=${a##*/payouts-tui-"$version"-}; t=${t%.tar.gz}
  printf '%s\n  archive %s bytes (%s)  binary %s bytes\n  sha256  %s\n' "$a" \
    "$(stat -c %s "$a")" "$(du -h "$a" | cut -f1)" \
    "$(stat -c %s "$target_dir/$t/dist/payouts-tui")" "$(sha256sum "$a" | cut -d' ' -f1)"
done
echo "checksums: $out/SHA256SUMS"
