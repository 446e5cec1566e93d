#!/usr/bin/env bash
# A release rehearsal on this machine's Node: build, publint + attw, then the consumer test
# (pack every package, npm-install the tarballs outside the workspace, type-check, run the
# doctor and the desk checks over pcscd + vpcd from ESM and CJS). `pnpm test` runs the consumer
# test on Node 20, 22 and 24.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
pnpm exec turbo run build lint --output-logs=errors-only
pnpm exec tsx scripts/check-dist-imports.ts
ONSHIKIT_CONSUMER_NODES=${ONSHIKIT_CONSUMER_NODES:-$(node -p 'process.versions.node.split(".")[0]')} bash scripts/consumer-test.sh
echo "release:dry ok"
