#!/usr/bin/env bash
# Benchmark: an application's AI call in process (CDI @AiModel client) against the same call over the gateway's
# HTTP API, both from the sample application "shop" deployed beside the gateway, in ONE run. See bench/README.md.
#
#   mvn -B -DskipTests install      # builds aigw-ear/target/usr and examples/aigw-sample-app
#   bash bench/inprocess.sh
#
# Environment (all optional):
#   WARMUP=60          warm-up seconds (both paths, 8 connections)
#   DURATION=20        seconds per measured run
#   ROUNDS=3           interleaved rounds (each: in-process and HTTP at 1, then at 16 connections)
#   UPSTREAM_PORT=9598 port of the canned nginx upstream on 127.0.0.1
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/run.sh"

SHOP_WAR="examples/aigw-sample-app/target/aigw-sample-app.war"

# run_get NAME URL CONNECTIONS SECONDS -> wrk's exit code; output in $RESULTS/NAME.txt
run_get() {
  local name=$1 url=$2 c=$3 d=$4 rc=0 t=2
  ((c < t)) && t=$c
  log "wrk $name: -t$t -c$c -d${d}s $url"
  timeout $((d + 60)) wrk -t"$t" -c"$c" -d"${d}s" --timeout "$WRK_TIMEOUT" --latency "$url" \
    > "$RESULTS/$name.txt" 2>&1 || rc=$?
  echo "$rc"
}

install_shop() {
  local server=$WLP_USER_DIR/servers/$SERVER_NAME
  mkdir -p "$server/dropins" "$server/configDropins/overrides"
  cp "$ROOT/$SHOP_WAR" "$server/dropins/shop.war"
  # the shop's connection "azure" to the canned upstream, with its own credential
  cat > "$server/configDropins/overrides/bench-shop.xml" <<XML
<server>
  <authData id="benchAzureAuth" user="azure" password="sk-bench"/>
  <connectionFactory id="benchAzure" jndiName="eis/aigw/azure" containerAuthDataRef="benchAzureAuth">
    <connectionManager maxPoolSize="100" connectionTimeout="10s" enableContainerAuthForDirectLookups="true"/>
    <properties.aigwjca connectionName="azure" protocol="openai" baseUrl="$UPSTREAM_URL/v1" models="gpt-4o-mini"/>
  </connectionFactory>
</server>
XML
}

uninstall_shop() {
  local server=$WLP_USER_DIR/servers/$SERVER_NAME
  rm -f "$server/dropins/shop.war" "$server/configDropins/overrides/bench-shop.xml"
}

inprocess_cleanup() {
  local rc=$?
  set +e
  stop_gateway
  stop_upstream
  uninstall_shop
  [[ -n ${TMP:-} && -d $TMP ]] && rm -rf "$TMP"
  exit "$rc"
}

report_inprocess() {
  BENCH_DIR="$ROOT/bench" python3 - "$RESULTS" "$ROUNDS" <<'PY'
import os, sys
sys.path.insert(0, os.environ["BENCH_DIR"])
from wrk_report import spread
import wrk_report
results, rounds = sys.argv[1], int(sys.argv[2])
def parse(name):
    return wrk_report.parse(results, name)
rows = []
for r in range(1, rounds + 1):
    rows.append({k: parse(f"r{r}-{k}") for k in ("inprocess-1", "http-1", "inprocess-16", "http-16")})
print("| round | in-process p50 @1 | HTTP p50 @1 | in-process req/s @16 | HTTP req/s @16 |")
print("|---|---|---|---|---|")
for i, row in enumerate(rows, 1):
    print(f"| {i} | {row['inprocess-1'][1]:.3f} ms | {row['http-1'][1]:.3f} ms | {row['inprocess-16'][0]:,.0f} | {row['http-16'][0]:,.0f} |")
print()
print(f"- Saved per call by calling in process, p50 at 1 connection (HTTP minus in-process): "
      + spread([row['http-1'][1] - row['inprocess-1'][1] for row in rows], lambda x: f"{x:.3f} ms"))
print(f"- In-process p50 at 1 connection, share of the HTTP path's: "
      + spread([row['inprocess-1'][1] / row['http-1'][1] for row in rows], lambda x: f"{x * 100:.1f}%"))
print(f"- Throughput at 16 connections, in-process over HTTP: "
      + spread([row['inprocess-16'][0] / row['http-16'][0] for row in rows], lambda x: f"{x:.2f}x"))
PY
}

inprocess_main() {
  cd "$(dirname "${BASH_SOURCE[0]}")/.."
  ROOT=$(pwd)
  export WLP_USER_DIR="$ROOT/aigw-ear/target/usr"
  WARMUP=${WARMUP:-60}
  DURATION=${DURATION:-20}
  ROUNDS=${ROUNDS:-3}
  UPSTREAM_PORT=${UPSTREAM_PORT:-9598}
  UPSTREAM_URL="http://127.0.0.1:$UPSTREAM_PORT"
  GATEWAY=$GATEWAY_DEFAULT_URL
  for cmd in nginx wrk curl python3; do
    command -v "$cmd" > /dev/null || { log "missing command: $cmd (apt-get install -y nginx wrk curl python3)"; exit 2; }
  done
  [[ -f $ROOT/$SHOP_WAR ]] || die "$SHOP_WAR not built: mvn -B -DskipTests install"
  RESULTS="$ROOT/bench/results/inprocess-$(date +%Y%m%d-%H%M%S)"
  mkdir -p "$RESULTS"
  TMP=$(mktemp -d)
  trap inprocess_cleanup EXIT
  start_upstream
  install_shop
  # the shop calls the gateway's HTTP API with the same key its in-process grant uses: the admin key
  export SHOP_GATEWAY_URL=$GATEWAY
  ADMIN_KEY="bench-admin-$(python3 -c 'import secrets; print(secrets.token_hex(20))')"
  export SHOP_GATEWAY_KEY=$ADMIN_KEY
  start_gateway
  wait_for_shop
  local admin_id
  admin_id=$(admin GET /admin/keys '' | python3 -c 'import json, sys; print(json.load(sys.stdin)["data"][0]["id"])')
  admin PUT /admin/applications/shop "{\"key_id\":\"$admin_id\"}" > /dev/null
  local shop="$GATEWAY/shop/api"
  for path in ai/chat http/chat; do
    [[ $(http_code "$shop/$path?q=hello" 30) == 200 ]] || die "$shop/$path does not answer 200"
  done
  if ((WARMUP > 0)); then
    run_get warmup-inprocess "$shop/ai/chat?q=hello" 8 "$WARMUP" > /dev/null
    run_get warmup-http "$shop/http/chat?q=hello" 8 "$WARMUP" > /dev/null
  fi
  for ((r = 1; r <= ROUNDS; r++)); do
    for c in 1 16; do
      run_get "r$r-inprocess-$c" "$shop/ai/chat?q=hello" "$c" "$DURATION" > /dev/null
      run_get "r$r-http-$c" "$shop/http/chat?q=hello" "$c" "$DURATION" > /dev/null
    done
  done
  report_inprocess | tee "$RESULTS/report.md"
}

# waits until the shop, deployed from dropins, answers (200, or 403 before its grant)
wait_for_shop() {
  local end=$((SECONDS + HEALTH_DEADLINE))
  until [[ $(http_code "$GATEWAY/shop/api/ai/models" 5) =~ ^(200|403)$ ]]; do
    ((SECONDS < end)) || die "the shop did not come up within $HEALTH_DEADLINE s"
    sleep 1
  done
  log "shop up at $GATEWAY/shop"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  inprocess_main "$@"
fi
