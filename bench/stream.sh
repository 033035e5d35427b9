#!/usr/bin/env bash
# Streaming benchmark: time to first token and per-chunk forwarding delay added by the gateway, against an upstream
# that emits a chunk every INTERVAL ms (bench/stream.mjs). See bench/README.md.
#
#   mvn -B -DskipTests install      # builds aigw-ear/target/usr
#   bash bench/stream.sh
#
# Environment (all optional): INTERVAL=10 CHUNKS=20 WARMUP_STREAMS=20000 REQUESTS=300 ROUNDS=5 CONCURRENCY=8 STREAM_PORT=9597
#   TEXT_STREAMS=100 (realistic-text streams through output guardrails; 0 = skip the guarded runs)
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
  local guarded=() guarded_id=""
  if [[ ${TEXT_STREAMS:-100} != 0 ]]; then
    admin PUT /admin/guardrails/bench-stream '{"output":[{"type":"pii","entities":["email","phone","credit_card"],"action":"redact"}]}' > /dev/null
    local pair
    pair=$(admin POST /admin/keys '{"name":"bench-guarded","guardrails":["bench-stream"]}' \
      | python3 -c 'import json, sys; k = json.load(sys.stdin); print(k["id"], k["key"])')
    guarded_id=${pair%% *}
    guarded=(--guarded-key "${pair#* }" --text-streams "${TEXT_STREAMS:-100}")
  fi
  node "$ROOT/bench/stream.mjs" --gateway "$GATEWAY" --key "$api_key" --port "$port" "${guarded[@]}" \
    --interval "${INTERVAL:-10}" --chunks "${CHUNKS:-20}" --warmup "${WARMUP_STREAMS:-20000}" \
    --requests "${REQUESTS:-300}" --rounds "${ROUNDS:-5}" --concurrency "${CONCURRENCY:-8}" | tee "$RESULTS/table.md"
  if [[ -n $guarded_id ]]; then
    # how long held-back tails waited, from the guarded key's audit records (details.guardrails.stream)
    curl -s --max-time 60 -H "Authorization: Bearer $ADMIN_KEY" \
      "$GATEWAY/compliance/audit/export?format=jsonl&key_id=$guarded_id" | python3 -c '
import json, statistics, sys
waits, maxes, holds = [], [], 0
for line in sys.stdin:
    s = (json.loads(line).get("details") or {}).get("guardrails", {}).get("stream")
    if s and s["holds"]:
        holds += s["holds"]
        waits.append(s["held_ms_total"] / s["holds"])
        maxes.append(s["held_ms_max"])
if waits:
    q = statistics.quantiles(maxes, n=100)
    print(f"- Held-back tails (gateway audit records of the guarded streams that held text): {holds} holds in {len(waits)} streams; mean wait per hold, median over streams {statistics.median(waits):.1f} ms; longest wait per stream p50 {statistics.median(maxes):.1f} ms, p99 {q[98]:.1f} ms")
else:
    print("- Held-back tails: no guarded stream held text back")
' | tee -a "$RESULTS/table.md"
  fi
  log "results in ${RESULTS#"$ROOT"/}"
}

stream_main "$@"
