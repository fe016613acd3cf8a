#!/usr/bin/env bash
# The whole test suite (README's test command). Everything runs against loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --locked --all-targets
