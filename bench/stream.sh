#!/usr/bin/env bash
# Streaming benchmark: time to first token and per-chunk forwarding delay added by the gateway, against an upstream
# that emits a chunk every INTERVAL ms (bench/stream.mjs). See bench/README.md.
#
#   mvn -B -DskipTests install      # builds aigw-ear/target/usr
#   bash bench/stream.sh
#
# Environment (all optional): INTERVAL=10 CHUNKS=20 WARMUP_STREAMS=20000 REQUESTS=300 ROUNDS=5 CONCURRENCY=8 STREAM_PORT=9597
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/run.sh"

stream_main() {
  cd "$(dirname "${BASH_SOURCE[0]}")/.."
  ROOT=$(pwd)
  export WLP_USER_DIR="$ROOT/aigw-ear/target/usr"
  local port=${STREAM_PORT:-9597}
  UPSTREAM_URL="http://127.0.0.1:$port"
  GATEWAY=$GATEWAY_DEFAULT_URL
  command -v node > /dev/null || { log "missing command: node"; exit 2; }
  [[ -x $WLP_DIR/bin/server ]] || { log "build first: mvn -B -DskipTests install"; exit 2; }
  RESULTS=$ROOT/bench/results/stream-$(date -u +%Y%m%dT%H%M%SZ)
  mkdir -p "$RESULTS"
  TMP=$(mktemp -d /tmp/aigw-bench.XXXXXX)
  trap cleanup EXIT
  port_in_use "$port" && die "127.0.0.1:$port is already in use (set STREAM_PORT)"
  start_gateway
  local api_key
  api_key=$(create_api_key)
  api_key=${api_key#* }
  node "$ROOT/bench/stream.mjs" --gateway "$GATEWAY" --key "$api_key" --port "$port" \
    --interval "${INTERVAL:-10}" --chunks "${CHUNKS:-20}" --warmup "${WARMUP_STREAMS:-20000}" \
    --requests "${REQUESTS:-300}" --rounds "${ROUNDS:-5}" --concurrency "${CONCURRENCY:-8}" | tee "$RESULTS/table.md"
  log "results in ${RESULTS#"$ROOT"/}"
}

stream_main "$@"
