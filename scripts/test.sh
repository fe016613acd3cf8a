#!/usr/bin/env bash
# The whole test suite (README's test command). Everything runs against loopback only.
#   1. cargo test: unit, property, snapshot, client <-> emulator over HTTP, CLI, pty end-to-end
#   2. the official Dfns SDKs (Python dfns-sdk, TypeScript @dfns/sdk) against the emulator
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --locked
bash scripts/sdk-check.sh
