#!/usr/bin/env bash
# Benchmark: what observability costs. The same gateway, restarted in three modes in interleaved rounds of ONE run:
#   off      metrics off (aigw.metrics.enabled=false), no trace export
#   metrics  metrics on (the default), scraped every 5 s like a Prometheus server would
#   traced   metrics on and scraped, and every request traced and exported over OTLP (sample ratio 1) to a sink
# See bench/README.md.
#
#   mvn -B -DskipTests install      # builds aigw-ear/target/usr
#   bash bench/observability.sh
#
# Environment (all optional):
#   WARMUP=40          warm-up seconds after each start (32 connections)
#   DURATION=20        seconds per measured run
#   ROUNDS=3           rounds; each starts the gateway once per mode and measures at 1, then at 32 connections
#                      (the order of the modes rotates from round to round)
#   UPSTREAM_PORT=9598 port of the canned nginx upstream on 127.0.0.1 (also the trace sink)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/run.sh"

observability_cleanup() {
  local rc=$?
  set +e
  [[ -n ${SCRAPER_PID:-} ]] && kill "$SCRAPER_PID" 2> /dev/null
  stop_gateway
  stop_upstream
  [[ -n ${TMP:-} && -d $TMP ]] && rm -rf "$TMP"
  exit "$rc"
}

# scrapes /metrics every 5 s until killed, counting failures into $RESULTS/scrapes.txt
start_scraper() {
  (
    while true; do
      code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H "Authorization: Bearer $ADMIN_KEY" \
        "$GATEWAY/metrics" || true)
      echo "$code" >> "$RESULTS/scrapes.txt"
      sleep 5
    done
  ) &
  SCRAPER_PID=$!
}

stop_scraper() {
  [[ -n ${SCRAPER_PID:-} ]] || return 0
  kill "$SCRAPER_PID" 2> /dev/null || true
  wait "$SCRAPER_PID" 2> /dev/null || true
  SCRAPER_PID=
}

# measure MODE ROUND: a fresh start in MODE (off|metrics|traced), warm-up, then 1 and 32 connections
measure() {
  local mode=$1 r=$2 pair key
  unset AIGW_TRACING_OTLP_ENDPOINT
  export AIGW_METRICS_ENABLED=true
  case $mode in
    off) export AIGW_METRICS_ENABLED=false ;;
    traced) export AIGW_TRACING_OTLP_ENDPOINT="$UPSTREAM_URL/v1/traces" ;;
  esac
  start_gateway
  pair=$(create_api_key "bench-$mode-$r")
  key=${pair#* }
  [[ $mode != off ]] && start_scraper
  ((WARMUP > 0)) && run_wrk "warmup-$mode-$r" "$GATEWAY/v1/chat/completions" "$key" 2 32 "$WARMUP" > /dev/null
  for c in 1 32; do
    local t=2
    ((c == 1)) && t=1
    run_wrk "r$r-$mode-$c" "$GATEWAY/v1/chat/completions" "$key" "$t" "$c" "$DURATION" > /dev/null
  done
  stop_scraper
  stop_gateway
  STARTED_GATEWAY=
}

report_observability() {
  BENCH_DIR="$ROOT/bench" python3 - "$RESULTS" "$ROUNDS" <<'PY'
import os, sys
sys.path.insert(0, os.environ["BENCH_DIR"])
from wrk_report import spread
import wrk_report
results, rounds = sys.argv[1], int(sys.argv[2])
modes = ("off", "metrics", "traced")
def parse(name):
    return wrk_report.parse(results, name)
rows = [{(m, c): parse(f"r{r}-{m}-{c}") for m in modes for c in (1, 32)} for r in range(1, rounds + 1)]
print("| round | " + " | ".join(f"{m} p50 @1" for m in modes) + " | " + " | ".join(f"{m} req/s @32" for m in modes) + " |")
print("|---" * 7 + "|")
for i, row in enumerate(rows, 1):
    print(f"| {i} | " + " | ".join(f"{row[(m, 1)][1]:.3f} ms" for m in modes) + " | "
          + " | ".join(f"{row[(m, 32)][0]:,.0f}" for m in modes) + " |")
print()
for m in ("metrics", "traced"):
    print(f"- {m}: throughput at 32 connections, share of off: "
          + spread([row[(m, 32)][0] / row[("off", 32)][0] for row in rows], lambda x: f"{x * 100:.1f}%")
          + "; added p50 at 1 connection: "
          + spread([row[(m, 1)][1] - row[("off", 1)][1] for row in rows], lambda x: f"{x:+.3f} ms"))
scrapes = [l.strip() for l in open(f"{results}/scrapes.txt")]
print(f"- Scrapes during the runs: {len(scrapes)}, answered 200: {scrapes.count('200')}")
PY
}

observability_main() {
  cd "$(dirname "${BASH_SOURCE[0]}")/.."
  ROOT=$(pwd)
  export WLP_USER_DIR="$ROOT/aigw-ear/target/usr"
  WARMUP=${WARMUP:-40}
  DURATION=${DURATION:-20}
  ROUNDS=${ROUNDS:-3}
  UPSTREAM_PORT=${UPSTREAM_PORT:-9598}
  UPSTREAM_URL="http://127.0.0.1:$UPSTREAM_PORT"
  GATEWAY=$GATEWAY_DEFAULT_URL
  for cmd in nginx wrk curl python3; do
    command -v "$cmd" > /dev/null || { log "missing command: $cmd (apt-get install -y nginx wrk curl python3)"; exit 2; }
  done
  RESULTS="$ROOT/bench/results/observability-$(date +%Y%m%d-%H%M%S)"
  mkdir -p "$RESULTS"
  : > "$RESULTS/scrapes.txt"
  TMP=$(mktemp -d)
  trap observability_cleanup EXIT
  start_upstream
  ADMIN_KEY="bench-admin-$(python3 -c 'import secrets; print(secrets.token_hex(20))')"
  local modes=(off metrics traced) i
  for ((r = 1; r <= ROUNDS; r++)); do
    # the order rotates, so that no mode always runs first (or on the fullest database)
    for ((i = 0; i < 3; i++)); do
      measure "${modes[(i + r - 1) % 3]}" "$r"
    done
  done
  report_observability | tee "$RESULTS/report.md"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  observability_main "$@"
fi
