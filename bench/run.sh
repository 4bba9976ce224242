#!/usr/bin/env bash
# Compiles bench/ (with the src/ it imports) into .bench-dist and runs one bench:
#   bench/run.sh redis-vs-redis-benchmark [--seconds N] [--rounds R]
#   bench/run.sh postgres-vs-pgbench [--seconds N] [--rounds R]
#   bench/run.sh simulate-accuracy [--scenario FILE] [--stores embedded|local] [--duration 8s] [--rates 1,2,4] …
# Extra node flags go in NODE_OPTIONS, e.g. NODE_OPTIONS=--cpu-prof to profile.
# .bench-dist is removed afterwards (eslint . would otherwise lint the compiled JavaScript); KEEP_BENCH_DIST=1
# keeps it, e.g. to rerun `node .bench-dist/bench/<name>.js` without compiling again.
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: bench/run.sh <bench name> [--seconds N] [--rounds R]}"
shift
if [[ "${KEEP_BENCH_DIST:-}" != 1 ]]; then trap 'rm -rf .bench-dist' EXIT; fi
npx tsc -p tsconfig.bench.json
node ".bench-dist/bench/${name%.ts}.js" "$@"
