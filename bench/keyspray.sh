#!/usr/bin/env bash
# Key-spraying benchmark: valid traffic through the gateway with and without a client sending RATE requests/s with
# random unknown keys, interleaved in ROUNDS rounds. See bench/README.md ("Key spraying").
#
#   mvn -B -DskipTests install      # builds aigw-ear/target/usr
#   bash bench/keyspray.sh
#
# Environment (all optional): RATE=1000 ROUNDS=3 DURATION=20 WARMUP=30 UPSTREAM_PORT=9598
#   SPRAYER=wrk (default: wrk with bench/keyspray.lua, RATE/100 + 2 connections paced at 10 ms) or node
#   (bench/keyspray.mjs)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/run.sh"

spray_main() {
  cd "$(dirname "${BASH_SOURCE[0]}")/.."
  ROOT=$(pwd)
  export WLP_USER_DIR="$ROOT/aigw-ear/target/usr"
  WARMUP=${WARMUP:-30}
  DURATION=${DURATION:-20}
  local rounds=${ROUNDS:-3} rate=${RATE:-1000}
  UPSTREAM_PORT=${UPSTREAM_PORT:-9598}
  UPSTREAM_URL="http://127.0.0.1:$UPSTREAM_PORT"
  GATEWAY=$GATEWAY_DEFAULT_URL
  local cmd
  for cmd in nginx wrk node curl python3; do
    command -v "$cmd" > /dev/null || { log "missing command: $cmd"; exit 2; }
  done
  [[ -x $WLP_DIR/bin/server ]] || { log "build first: mvn -B -DskipTests install"; exit 2; }
  RESULTS=$ROOT/bench/results/keyspray-$(date -u +%Y%m%dT%H%M%SZ)
  mkdir -p "$RESULTS"
  TMP=$(mktemp -d /tmp/aigw-bench.XXXXXX)
  trap cleanup EXIT
  start_upstream
  start_gateway
  local pair api_key
  pair=$(create_api_key)
  api_key=${pair#* }
  smoke gateway "$GATEWAY/v1/chat/completions" "$api_key"
  if ((WARMUP > 0)); then
    run_wrk warmup "$GATEWAY/v1/chat/completions" "$api_key" 2 32 "$WARMUP" > /dev/null
  fi
  local records=$RESULTS/records.tsv round c t spray rc p name
  : > "$records"
  for ((round = 1; round <= rounds; round++)); do
    for c in 1 32; do
      if ((c == 1)); then t=1; else t=2; fi
      for spray in off on; do
        name="r$round-c$c-spray-$spray"
        if [[ $spray == on && ${SPRAYER:-wrk} == node ]]; then
          node "$ROOT/bench/keyspray.mjs" --gateway "$GATEWAY" --rate "$rate" --seconds "$DURATION" \
            > "$RESULTS/$name-spray.json" &
        elif [[ $spray == on ]]; then
          # RATE/100 + 2 connections, each pausing 10 ms between requests: RATE plus a fifth, less the answer time
          (SPRAY_DELAY_MS=10 timeout $((DURATION + 30)) wrk -t1 -c$((rate / 100 + 2)) -d"${DURATION}s" --timeout 10s \
            -s "$ROOT/bench/keyspray.lua" "$GATEWAY/v1/chat/completions" > "$RESULTS/$name-spray.txt" 2>&1
           awk '/ requests in /{n=$1} /Non-2xx/{x=$NF} END{printf "{\"sent\":%d,\"rate\":%d,\"non2xx\":%d}\n", n, n/'"$DURATION"', x}' \
             "$RESULTS/$name-spray.txt" > "$RESULTS/$name-spray.json") &
        fi
        rc=$(run_wrk "$name" "$GATEWAY/v1/chat/completions" "$api_key" "$t" "$c" "$DURATION")
        wait
        read -r -a p <<< "$(parse_wrk "$RESULTS/$name.txt")"
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$c" "$spray" "${p[0]}" "${p[1]}" \
          "$(run_status "$rc" "${p[4]}" "${p[5]}" "${p[0]}")" >> "$records"
        log "  $name -> ${p[0]} req/s, p50 ${p[1]} ms $( [[ $spray == on ]] && cat "$RESULTS/$name-spray.json")"
      done
    done
  done
  python3 - "$records" "$rate" <<'PY' | tee "$RESULTS/table.md"
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
rate = sys.argv[2]
print(f"| round | connections | key spraying ({rate}/s) | valid req/s | valid p50 ms |")
print("|---:|---:|---|---:|---:|")
for r, c, s, rps, p50, status in rows:
    print(f"| {r} | {c} | {s} | {rps} | {p50} |" + ("" if status == "ok" else f" {status}"))
def v(r, c, s, i):
    for row in rows:
        if row[0] == r and row[1] == c and row[2] == s:
            return float(row[i])
rounds = sorted({row[0] for row in rows}, key=int)
keep = [v(r, "32", "on", 3) / v(r, "32", "off", 3) for r in rounds]
rise = [v(r, "1", "on", 4) - v(r, "1", "off", 4) for r in rounds]
print()
print(f"- Valid throughput kept at 32 connections under spraying: median {statistics.median(keep) * 100:.1f}% "
      f"(range {min(keep) * 100:.1f}% to {max(keep) * 100:.1f}%)")
print(f"- Valid p50 rise at 1 connection under spraying: median {statistics.median(rise):+.3f} ms "
      f"(range {min(rise):+.3f} to {max(rise):+.3f} ms)")
PY
}

spray_main "$@"
