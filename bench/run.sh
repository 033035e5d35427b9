#!/usr/bin/env bash
# Benchmark: non-streamed chat completions through the aigw gateway vs straight
# to a canned upstream (nginx), measured with wrk in ONE run. See bench/README.md.
#
#   mvn -B -DskipTests install      # builds aigw-ear/target/liberty/wlp
#   bash bench/run.sh
#
# Environment (all optional):
#   WARMUP=60          warm-up seconds against the gateway at 32 connections (0 = skip)
#   DURATION=20        seconds per measured run
#   ROUNDS=3           interleaved rounds (each: direct and gateway at 1, then at 32 connections)
#   UPSTREAM_PORT=9598 port of the canned nginx upstream on 127.0.0.1
#   GATEWAY_URL        use this already-running gateway instead of starting one
#   AIGW_ADMIN_KEY     admin key of that gateway (required with GATEWAY_URL)
set -euo pipefail

BENCH_BODY='{"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"Say hello"}]}'
ROUTE_BODY='{"model":"bench-route","messages":[{"role":"user","content":"Say hello"}]}'
CACHED_BODY='{"model":"bench-cached","messages":[{"role":"user","content":"Say hello"}]}'
# a 2 KB business prompt with one e-mail address and one phone number, for the guardrail targets
PROMPT_2K=$(python3 - <<'PY'
para = ("Please summarise the quarterly review for the regional sales team. Revenue grew in the northern "
        "districts while the southern stores saw flat demand; the new loyalty programme lifted repeat visits "
        "and the logistics partner cut delivery times by two days. ")
text = "Contact the author at jordan.lee@example.com or +1 415 555 0142 for the figures. "
while len(text) < 2000:
    text += para
print(text[:2048])
PY
)
PLAIN_2K_BODY="{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"$PROMPT_2K\"}]}"
GATEWAY_DEFAULT_URL="http://127.0.0.1:9080"
SERVER_NAME="aigw"
WLP_DIR="aigw-ear/target/liberty/wlp"
HEALTH_DEADLINE=180
WRK_TIMEOUT="10s"

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------------------
# wrk output parsing (pure functions; can be used by sourcing this file)
# ---------------------------------------------------------------------------

# parse_wrk FILE
# Prints one line: "<req/s> <p50 ms> <p99 ms> <requests> <non2xx> <socket errors>"
# Missing values are printed as "-". Latencies are converted from wrk's
# us/ms/s/m/h units to milliseconds.
parse_wrk() {
  awk '
    function to_ms(v,   n, u) {
      if (!match(v, /^[0-9]+(\.[0-9]+)?/)) return "-"
      n = substr(v, 1, RLENGTH) + 0
      u = substr(v, RLENGTH + 1)
      if (u == "us") return sprintf("%.3f", n / 1000)
      if (u == "ms") return sprintf("%.3f", n)
      if (u == "s")  return sprintf("%.3f", n * 1000)
      if (u == "m")  return sprintf("%.3f", n * 60000)
      if (u == "h")  return sprintf("%.3f", n * 3600000)
      return "-"
    }
    BEGIN { rps = "-"; p50 = "-"; p99 = "-"; req = "-"; non2xx = 0; sock = 0 }
    /^Requests\/sec:/                 { rps = sprintf("%.2f", $2) }
    /^[ \t]+50%[ \t]/                 { p50 = to_ms($2) }
    /^[ \t]+99%[ \t]/                 { p99 = to_ms($2) }
    / requests in /                   { req = $1 }
    /Non-2xx or 3xx responses:/       { non2xx += $NF }
    /Socket errors:/ {
      for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) { x = $i; sub(/,/, "", x); sock += x }
    }
    END { print rps, p50, p99, req, non2xx, sock }
  ' "$1"
}

# run_status WRK_RC NON2XX SOCKERR RPS -> "ok" or "INVALID: ..."
run_status() {
  local rc=$1 non2xx=$2 sock=$3 rps=$4 why=()
  [[ $rc == 0 ]] || why+=("wrk exit $rc")
  [[ $non2xx == 0 ]] || why+=("$non2xx non-2xx")
  [[ $sock == 0 ]] || why+=("$sock socket errors")
  [[ $rps != "-" ]] || why+=("no Requests/sec in output")
  if ((${#why[@]} == 0)); then echo ok; return; fi
  local out="INVALID: ${why[0]}" w
  for w in "${why[@]:1}"; do out+="; $w"; done
  echo "$out"
}

# render_report RECORDS_FILE
# RECORDS_FILE: tab-separated "round conns target rps p50 p99 requests status" lines.
# Header values come from the REPORT_* variables (all optional).
render_report() {
  local rec=$1
  echo "## aigw benchmark, ${REPORT_DATE:-$(date -u '+%Y-%m-%d %H:%M UTC')}"
  echo
  echo "- Machine: nproc=${REPORT_NPROC:-$(nproc)}, ${REPORT_JAVA:-java: unknown}, ${REPORT_UNAME:-$(uname -srm)}"
  echo "- Gateway: ${REPORT_GATEWAY:-n/a}"
  echo "- Upstream: ${REPORT_UPSTREAM:-n/a}"
  echo "- Runs: ${REPORT_RUNS:-n/a}"
  echo
  python3 - "$rec" <<'PY'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
print("| round | connections | target | req/s | p50 ms | p99 ms |")
print("|---:|---:|---|---:|---:|---:|")
for r, c, t, rps, p50, p99, req, status in rows:
    label = t if status == "ok" else f"{t} ({status})"
    print(f"| {r} | {c} | {label} | {rps} | {p50} | {p99} |")
print()
def val(r, c, t, i):
    for row in rows:
        if row[0] == r and row[1] == c and row[2] == t:
            try:
                return float(row[i])
            except ValueError:
                return None
    return None
rounds = sorted({row[0] for row in rows}, key=int)
def spread(xs, fmt):
    xs = [x for x in xs if x is not None]
    if not xs:
        return "n/a"
    return f"median {fmt(statistics.median(xs))} (range {fmt(min(xs))} to {fmt(max(xs))}, {len(xs)} rounds)"
ratio = [None if val(r, "32", "direct", 3) in (None, 0) or val(r, "32", "gateway", 3) is None
         else val(r, "32", "gateway", 3) / val(r, "32", "direct", 3) for r in rounds]
add50 = [None if val(r, "1", "gateway", 4) is None or val(r, "1", "direct", 4) is None
         else val(r, "1", "gateway", 4) - val(r, "1", "direct", 4) for r in rounds]
add99 = [None if val(r, "1", "gateway", 5) is None or val(r, "1", "direct", 5) is None
         else val(r, "1", "gateway", 5) - val(r, "1", "direct", 5) for r in rounds]
gw32 = [val(r, "32", "gateway", 3) for r in rounds]
bad = any(row[7] != "ok" for row in rows)
print("Derived" + (" (at least one run is INVALID; do not quote these figures)" if bad else "") + ", per round then across rounds:")
print()
print(f"- Gateway throughput at 32 connections, share of direct: {spread(ratio, lambda x: f'{x * 100:.1f}%')}")
print(f"- Gateway req/s at 32 connections: {spread(gw32, lambda x: f'{x:,.0f}')}")
print(f"- Added latency at 1 connection, p50: {spread(add50, lambda x: f'{x:+.3f} ms')}")
print(f"- Added latency at 1 connection, p99: {spread(add99, lambda x: f'{x:+.3f} ms')}")
quota50 = [None if val(r, "1", "gateway", 4) is None or val(r, "1", "gateway-unlimited", 4) is None
           else val(r, "1", "gateway", 4) - val(r, "1", "gateway-unlimited", 4) for r in rounds]
quota32 = [None if val(r, "32", "gateway-unlimited", 3) in (None, 0) or val(r, "32", "gateway", 3) is None
           else val(r, "32", "gateway", 3) / val(r, "32", "gateway-unlimited", 3) for r in rounds]
def diff(t, base, i):
    return [None if val(r, c, t, i) is None or val(r, c, base, i) is None else val(r, c, t, i) - val(r, c, base, i)
            for r in rounds for c in ["1"]]
def share(t, base):
    return [None if val(r, "32", base, 3) in (None, 0) or val(r, "32", t, 3) is None
            else val(r, "32", t, 3) / val(r, "32", base, 3) for r in rounds]
if any(val(r, "1", "gateway-route", 4) is not None for r in rounds):
    print(f"- Route (two weighted targets, retry and breaker on, quota key): added p50 at 1 connection vs direct: {spread(diff('gateway-route', 'direct', 4), lambda x: f'{x:+.3f} ms')}; req/s at 32: {spread([val(r, '32', 'gateway-route', 3) for r in rounds], lambda x: f'{x:,.0f}')}")
    print(f"- Route's own cost at 1 connection, p50 (route minus the same key on a model): {spread(diff('gateway-route', 'gateway', 4), lambda x: f'{x:+.3f} ms')}; throughput at 32, share of the model's: {spread(share('gateway-route', 'gateway'), lambda x: f'{x * 100:.1f}%')}")
if any(val(r, "1", "cache-hit", 4) is not None for r in rounds):
    print(f"- Cache hit p50 at 1 connection: {spread([val(r, '1', 'cache-hit', 4) for r in rounds], lambda x: f'{x:.3f} ms')}; miss (x-aigw-cache: refresh, answered upstream and stored): {spread([val(r, '1', 'cache-miss', 4) for r in rounds], lambda x: f'{x:.3f} ms')}")
    print(f"- Cache hit req/s at 32 connections: {spread([val(r, '32', 'cache-hit', 3) for r in rounds], lambda x: f'{x:,.0f}')}; miss: {spread([val(r, '32', 'cache-miss', 3) for r in rounds], lambda x: f'{x:,.0f}')}")
if any(val(r, "1", "guarded-2k", 4) is not None for r in rounds):
    print(f"- PII (all entities, redacted and restored) and deny rules on a 2 KB prompt: added p50 at 1 connection vs the same prompt unguarded: {spread(diff('guarded-2k', 'plain-2k', 4), lambda x: f'{x:+.3f} ms')}; req/s at 32: {spread([val(r, '32', 'guarded-2k', 3) for r in rounds], lambda x: f'{x:,.0f}')} ({spread(share('guarded-2k', 'plain-2k'), lambda x: f'{x * 100:.1f}%')} of unguarded)")
if any(val(r, "1", "injection-2k", 4) is not None for r in rounds):
    print(f"- Prompt-injection check on the same 2 KB prompt: added p50 at 1 connection: {spread(diff('injection-2k', 'plain-2k', 4), lambda x: f'{x:+.3f} ms')}; req/s at 32: {spread([val(r, '32', 'injection-2k', 3) for r in rounds], lambda x: f'{x:,.0f}')}")
if any(val(r, "1", "injection-2k-unique", 4) is not None for r in rounds):
    print(f"- Prompt-injection check on a new 2 KB prompt every request (every sentence differs: nothing reused): added p50 at 1 connection vs the same unique prompts unguarded: {spread(diff('injection-2k-unique', 'plain-2k-unique', 4), lambda x: f'{x:+.3f} ms')}; req/s at 32: {spread([val(r, '32', 'injection-2k-unique', 3) for r in rounds], lambda x: f'{x:,.0f}')} ({spread(share('injection-2k-unique', 'plain-2k-unique'), lambda x: f'{x * 100:.1f}%')} of unguarded)")
if any(x is not None for x in quota50):
    print(f"- Limits and budget's own cost at 1 connection, p50 (quota key minus unlimited key): {spread(quota50, lambda x: f'{x:+.3f} ms')}")
    print(f"- Throughput at 32 connections with limits and budget, share of the unlimited key's: {spread(quota32, lambda x: f'{x * 100:.1f}%')}")
PY
  if [[ -n ${REPORT_AUDIT:-} ]]; then
    echo "- Audit sanity check: ${REPORT_AUDIT}"
  fi
}

# ---------------------------------------------------------------------------
# Processes: canned nginx upstream and (optionally) the gateway
# ---------------------------------------------------------------------------

port_in_use() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time "${2:-5}" "$1" || true; }

start_upstream() {
  local ngx=$TMP/nginx
  mkdir -p "$ngx"
  port_in_use "$UPSTREAM_PORT" && die "127.0.0.1:$UPSTREAM_PORT is already in use (set UPSTREAM_PORT)"
  python3 - "$ROOT/bench" "$ngx" "$UPSTREAM_PORT" > "$ngx/nginx.conf" <<'PY'
import json, sys
bench, prefix, port = sys.argv[1:4]
def body(name):
    with open(f"{bench}/{name}") as f:
        s = json.dumps(json.load(f), separators=(",", ":"))
    if "$" in s:
        sys.exit(f"{name}: '$' would be read by nginx as a variable")
    return s.replace("\\", "\\\\").replace("'", "\\'")
with open(f"{bench}/nginx.conf.template") as f:
    conf = f.read()
conf = (conf.replace("@PREFIX@", prefix).replace("@PORT@", port)
            .replace("@CHAT_JSON@", body("canned-chat.json"))
            .replace("@MODELS_JSON@", body("canned-models.json")))
sys.stdout.write(conf)
PY
  cp "$ngx/nginx.conf" "$RESULTS/nginx.conf"
  nginx -t -q -c "$ngx/nginx.conf" -p "$ngx/" -e "$ngx/error.log" || die "nginx -t failed (see $ngx/error.log)"
  nginx -c "$ngx/nginx.conf" -p "$ngx/" -e "$ngx/error.log"
  NGINX_PID_FILE=$ngx/nginx.pid
  local end=$((SECONDS + 10))
  until [[ $(http_code "$UPSTREAM_URL/v1/models" 2) == 200 ]]; do
    ((SECONDS < end)) || die "canned upstream did not answer on $UPSTREAM_URL within 10 s"
    sleep 0.2
  done
  log "canned upstream (nginx, pid $(cat "$NGINX_PID_FILE")) on $UPSTREAM_URL"
}

stop_upstream() {
  [[ -n ${NGINX_PID_FILE:-} && -s $NGINX_PID_FILE ]] || return 0
  local pid end
  pid=$(cat "$NGINX_PID_FILE")
  kill -TERM "$pid" 2>/dev/null || true
  end=$((SECONDS + 10))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < end)); do sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  cp "$TMP/nginx/error.log" "$RESULTS/nginx-error.log" 2>/dev/null || true
  log "canned upstream stopped"
}

start_gateway() {
  port_in_use 9080 && die "something already listens on 127.0.0.1:9080; stop it, or benchmark it with GATEWAY_URL=... AIGW_ADMIN_KEY=..."
  ADMIN_KEY=${ADMIN_KEY:-"bench-admin-$(python3 -c 'import secrets; print(secrets.token_hex(20))')"}
  mkdir -p "$TMP/aigw-home"
  log "starting gateway: $WLP_DIR/bin/server start $SERVER_NAME (AIGW_HOME=$TMP/aigw-home)"
  STARTED_GATEWAY=1
  env AIGW_OPENAI_BASE_URL="$UPSTREAM_URL/v1" \
      AIGW_OPENAI_API_KEY=sk-bench \
      AIGW_BOOTSTRAP_ADMIN_KEY="$ADMIN_KEY" \
      AIGW_HOME="$TMP/aigw-home" \
      "$WLP_DIR/bin/server" start "$SERVER_NAME" --clean > "$RESULTS/gateway-start.txt" 2>&1 \
    || { cat "$RESULTS/gateway-start.txt" >&2; die "server start $SERVER_NAME failed"; }
  local end=$((SECONDS + HEALTH_DEADLINE))
  until [[ $(http_code "$GATEWAY/health" 5) == 200 ]]; do
    if ((SECONDS >= end)); then
      tail -n 40 "$WLP_USER_DIR/servers/$SERVER_NAME/logs/messages.log" >&2 2>/dev/null || true
      die "gateway did not answer 200 on $GATEWAY/health within $HEALTH_DEADLINE s"
    fi
    sleep 1
  done
  log "gateway healthy at $GATEWAY"
}

stop_gateway() {
  [[ -n ${STARTED_GATEWAY:-} ]] || return 0
  log "stopping gateway"
  timeout 120 "$WLP_DIR/bin/server" stop "$SERVER_NAME" > "$RESULTS/gateway-stop.txt" 2>&1 || log "server stop returned non-zero (see $RESULTS/gateway-stop.txt)"
  cp "$WLP_USER_DIR/servers/$SERVER_NAME/logs/messages.log" "$RESULTS/gateway-messages.log" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  set +e
  stop_gateway
  stop_upstream
  [[ -n ${TMP:-} && -d $TMP ]] && rm -rf "$TMP"
  exit "$rc"
}

# ---------------------------------------------------------------------------
# Gateway API helpers
# ---------------------------------------------------------------------------

# admin METHOD PATH JSON -> the response body; dies unless the answer is 2xx
admin() {
  local out code body
  out=$(curl -sS --max-time 30 -w '\n%{http_code}' -X "$1" \
        -H "Authorization: Bearer $ADMIN_KEY" -H 'Content-Type: application/json' \
        -d "$3" "$GATEWAY$2") || die "$1 $GATEWAY$2 failed"
  code=${out##*$'\n'}; body=${out%$'\n'*}
  [[ $code == 2?? ]] || die "$1 $GATEWAY$2 answered $code: $body"
  printf '%s' "$body"
}

# create_api_key [NAME] [TENANT] -> "<key id> <secret>" of a new gateway key (default "bench" in "default")
create_api_key() {
  local body
  body=$(admin POST /admin/keys "{\"name\":\"${1:-bench}\",\"tenant\":\"${2:-default}\"}")
  printf '%s' "$body" | python3 -c 'import json, sys; k = json.load(sys.stdin); print(k["id"], k["key"])' \
    || die "no \"key\" field in the POST /admin/keys response: $body"
}

# quota_key -> "<key id> <secret>" of a key held to everything quotas offer, none of which refuses during the run:
# a price for the benchmark's model, a tenant with a monthly money budget, and the key's requests and tokens per
# minute (each request reserves its worst case and settles it)
quota_key() {
  admin PUT /admin/prices '{"model":"openai/gpt-4o-mini","currency":"USD","input_per_million":"0.15","output_per_million":"0.60","cached_input_per_million":"0.075"}' > /dev/null
  admin POST /admin/tenants '{"id":"bench-quotas"}' > /dev/null
  admin PUT /admin/tenants/bench-quotas/budget '{"amount":"10000","currency":"USD","period":"month"}' > /dev/null
  local pair
  pair=$(create_api_key bench-quotas bench-quotas)
  admin PUT "/admin/keys/${pair%% *}/limits" '{"requests_per_minute":1000000,"tokens_per_minute":1000000000}' > /dev/null
  echo "$pair"
}

# routes: "bench-route" splits 50/50 between two priced models of the canned upstream, with retries and a circuit
# breaker on; "bench-cached" answers from the exact response cache
define_routes() {
  admin PUT /admin/prices '{"model":"openai/gpt-4o-mini-b","currency":"USD","input_per_million":"0.15","output_per_million":"0.60"}' > /dev/null
  admin PUT /admin/routes/bench-route '{"strategy":"weighted","targets":[{"model":"openai/gpt-4o-mini","weight":50},{"model":"openai/gpt-4o-mini-b","weight":50}],"retry":{"max_attempts":2,"backoff":"PT0.2S"},"circuit_breaker":{"failure_ratio":0.5,"min_requests":20,"window":"PT30S","open_for":"PT30S"}}' > /dev/null
  admin PUT /admin/routes/bench-cached '{"targets":[{"model":"openai/gpt-4o-mini"}],"cache":{"mode":"exact","ttl":"PT1H"}}' > /dev/null
}

# guarded_keys -> "<pii key secret> <injection key secret>": a key whose requests pass every PII entity (redacted and
# restored) and a deny rule, and a key whose requests are judged for prompt injection (flag, so every run is a 200)
guarded_keys() {
  admin PUT /admin/guardrails/bench-pii '{"input":[{"type":"pii","action":"redact","restore_in_output":true},{"type":"deny","patterns":["(?i)project\\s+falcon","(?i)internal\\s+only"],"action":"block"}],"output":[{"type":"pii","entities":["email","credit_card"],"action":"redact"}]}' > /dev/null
  admin PUT /admin/guardrails/bench-injection '{"input":[{"type":"prompt_injection","action":"flag"}]}' > /dev/null
  local pii inj
  pii=$(admin POST /admin/keys '{"name":"bench-pii","guardrails":["bench-pii"]}' | python3 -c 'import json, sys; print(json.load(sys.stdin)["key"])')
  inj=$(admin POST /admin/keys '{"name":"bench-injection","guardrails":["bench-injection"]}' | python3 -c 'import json, sys; print(json.load(sys.stdin)["key"])')
  echo "$pii $inj"
}

# audit_total -> the requests of the bench keys in GET /compliance/usage (the usage aggregates, which the audit group
# commit writes with the records they summarise), or "n/a": the benchmark's own records only (these reads are
# recorded too, under the admin key)
audit_total() {
  local total=0 n id
  for id in $API_KEY_ID $QUOTA_KEY_ID; do
    n=$(curl -s --max-time 30 -H "Authorization: Bearer $ADMIN_KEY" "$GATEWAY/compliance/usage?key_id=$id" \
      | python3 -c 'import json, sys; d = json.load(sys.stdin)["data"]; print(d[0]["requests"] if d else 0)' \
        2>/dev/null) || { echo "n/a"; return; }
    [[ $n =~ ^[0-9]+$ ]] || { echo "n/a"; return; }
    total=$((total + n))
  done
  echo "$total"
}

# audit_total_settled: re-read until two reads 1 s apart agree (deadline 30 s),
# in case audit rows are written asynchronously.
audit_total_settled() {
  local prev cur end=$((SECONDS + 30))
  prev=$(audit_total)
  while ((SECONDS < end)); do
    sleep 1
    cur=$(audit_total)
    [[ $cur == "$prev" ]] && break
    prev=$cur
  done
  echo "$prev"
}

# smoke NAME URL AUTH: one request, must be 200 with a "choices" array
smoke() {
  local out code
  out=$(curl -s --max-time 30 -o "$RESULTS/smoke-$1.json" -w '%{http_code}' -X POST \
        -H "Authorization: Bearer $3" -H 'Content-Type: application/json' \
        -d "$BENCH_BODY" "$2") || true
  code=$out
  if [[ $code != 200 ]] || ! grep -q '"choices"' "$RESULTS/smoke-$1.json"; then
    cat "$RESULTS/smoke-$1.json" >&2 2>/dev/null || true
    die "smoke request to $1 ($2) answered HTTP $code"
  fi
  log "smoke $1: HTTP 200"
}

# run_wrk NAME URL AUTH THREADS CONNS SECONDS [BODY] [CACHE] -> writes $RESULTS/NAME.txt, echoes wrk rc
# (CACHE: the x-aigw-cache header to send, if any)
run_wrk() {
  local name=$1 url=$2 auth=$3 t=$4 c=$5 d=$6 body=${7:-$BENCH_BODY} cache=${8:-} rc=0 script=chat.lua
  [[ $name == *-unique ]] && script=chat-unique.lua
  log "wrk $name: -t$t -c$c -d${d}s $url ($script)"
  BENCH_AUTH=$auth BENCH_BODY=$body BENCH_CACHE=$cache timeout $((d + 60)) \
    wrk -t"$t" -c"$c" -d"${d}s" --timeout "$WRK_TIMEOUT" --latency -s "$ROOT/bench/$script" "$url" \
    > "$RESULTS/$name.txt" 2>&1 || rc=$?
  echo "$rc"
}

# ---------------------------------------------------------------------------

main() {
  cd "$(dirname "${BASH_SOURCE[0]}")/.."
  ROOT=$(pwd)
  # the gateway's Liberty user folder (servers/aigw, extension/) built by aigw-ear
  export WLP_USER_DIR="$ROOT/aigw-ear/target/usr"
  WARMUP=${WARMUP:-60}
  DURATION=${DURATION:-20}
  ROUNDS=${ROUNDS:-3}
  UPSTREAM_PORT=${UPSTREAM_PORT:-9598}
  [[ $WARMUP =~ ^[0-9]+$ && $DURATION =~ ^[1-9][0-9]*$ && $UPSTREAM_PORT =~ ^[1-9][0-9]*$ ]] \
    || { log "WARMUP, DURATION and UPSTREAM_PORT must be whole numbers (DURATION, UPSTREAM_PORT > 0)"; exit 2; }
  UPSTREAM_URL="http://127.0.0.1:$UPSTREAM_PORT"

  local cmd
  for cmd in nginx wrk curl python3 awk timeout; do
    command -v "$cmd" > /dev/null || { log "missing command: $cmd (apt-get install -y nginx wrk curl python3)"; exit 2; }
  done

  if [[ -n ${GATEWAY_URL:-} ]]; then
    GATEWAY=${GATEWAY_URL%/}
    [[ -n ${AIGW_ADMIN_KEY:-} ]] || { log "GATEWAY_URL is set: AIGW_ADMIN_KEY (that gateway's admin key) is required"; exit 2; }
    ADMIN_KEY=$AIGW_ADMIN_KEY
    REPORT_GATEWAY="$GATEWAY (already running; its upstream must be $UPSTREAM_URL/v1)"
  else
    GATEWAY=$GATEWAY_DEFAULT_URL
    if [[ ! -x $WLP_DIR/bin/server || ! -d $WLP_USER_DIR/servers/$SERVER_NAME ]]; then
      log "built layout not found: $ROOT/$WLP_DIR (server $SERVER_NAME)"
      log "build it first with:  mvn -B -DskipTests install"
      exit 2
    fi
    REPORT_GATEWAY="$GATEWAY, started by run.sh from $WLP_DIR (server $SERVER_NAME), fresh AIGW_HOME"
  fi

  local ts
  ts=$(date -u +%Y%m%dT%H%M%SZ)
  RESULTS=$ROOT/bench/results/$ts
  mkdir -p "$RESULTS"
  TMP=$(mktemp -d /tmp/aigw-bench.XXXXXX)
  set -E
  trap 'log "ERROR: line $LINENO: \"$BASH_COMMAND\" failed"' ERR
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  REPORT_DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
  REPORT_NPROC=$(nproc)
  REPORT_JAVA=$( (java -version 2>&1 || echo "java: not found") | head -n 1)
  REPORT_UNAME=$(uname -srm)
  REPORT_UPSTREAM="nginx $( (nginx -v 2>&1 || true) | sed 's|.*nginx/||'), canned chat.completion at $UPSTREAM_URL, worker_processes 1"
  REPORT_RUNS="wrk $( (wrk -v 2>&1 || true) | head -n 1 | awk '{print $2}'); warm-up ${WARMUP} s gateway @ 32 conns (discarded); ${ROUNDS} rounds, each run ${DURATION} s; -t1 -c1 and -t2 -c32; direct/gateway interleaved in every round; audit write-ahead ${AIGW_AUDIT_WRITE_AHEAD:-false}"

  start_upstream
  [[ -n ${GATEWAY_URL:-} ]] || start_gateway

  local api_key quota_api_key key_pair
  key_pair=$(create_api_key bench)
  API_KEY_ID=${key_pair%% *}
  api_key=${key_pair#* }
  key_pair=$(quota_key)
  QUOTA_KEY_ID=${key_pair%% *}
  quota_api_key=${key_pair#* }
  define_routes
  local guarded pii_key injection_key
  guarded=$(guarded_keys)
  pii_key=${guarded%% *}
  injection_key=${guarded#* }
  log "created guardrail sets bench-pii and bench-injection and a key for each"
  log "created gateway API keys \"bench\" (no limit, no budget) and \"bench-quotas\" (limits, budget, priced model), routes bench-route and bench-cached"
  smoke direct "$UPSTREAM_URL/v1/chat/completions" sk-bench
  smoke gateway "$GATEWAY/v1/chat/completions" "$quota_api_key"
  smoke gateway-unlimited "$GATEWAY/v1/chat/completions" "$api_key"
  BENCH_BODY=$ROUTE_BODY smoke gateway-route "$GATEWAY/v1/chat/completions" "$quota_api_key"
  BENCH_BODY=$CACHED_BODY smoke cache "$GATEWAY/v1/chat/completions" "$quota_api_key"
  BENCH_BODY=$PLAIN_2K_BODY smoke plain-2k "$GATEWAY/v1/chat/completions" "$api_key"
  BENCH_BODY=$PLAIN_2K_BODY smoke guarded-2k "$GATEWAY/v1/chat/completions" "$pii_key"
  BENCH_BODY=$PLAIN_2K_BODY smoke injection-2k "$GATEWAY/v1/chat/completions" "$injection_key"

  local rc p
  if ((WARMUP > 0)); then
    rc=$(run_wrk warmup-gateway-c32 "$GATEWAY/v1/chat/completions" "$quota_api_key" 2 32 "$WARMUP")
    read -r -a p <<< "$(parse_wrk "$RESULTS/warmup-gateway-c32.txt")"
    log "warm-up (discarded): ${p[0]} req/s, $(run_status "$rc" "${p[4]}" "${p[5]}" "${p[0]}")"
  fi

  local audit_before audit_after gw_requests=0 records=$RESULTS/records.tsv c t target url auth status round body cache
  audit_before=$(audit_total_settled)
  : > "$records"
  for ((round = 1; round <= ROUNDS; round++)); do
  for c in 1 32; do
    if ((c == 1)); then t=1; else t=2; fi
    for target in ${TARGETS:-direct gateway-unlimited gateway gateway-route cache-miss cache-hit plain-2k guarded-2k injection-2k plain-2k-unique injection-2k-unique}; do
      body=$BENCH_BODY; cache=""
      case $target in
        direct) url="$UPSTREAM_URL/v1/chat/completions"; auth=sk-bench ;;
        gateway-unlimited) url="$GATEWAY/v1/chat/completions"; auth=$api_key ;;
        gateway-route) url="$GATEWAY/v1/chat/completions"; auth=$quota_api_key; body=$ROUTE_BODY ;;
        cache-miss) url="$GATEWAY/v1/chat/completions"; auth=$quota_api_key; body=$CACHED_BODY; cache=refresh ;;
        cache-hit) url="$GATEWAY/v1/chat/completions"; auth=$quota_api_key; body=$CACHED_BODY ;;
        plain-2k) url="$GATEWAY/v1/chat/completions"; auth=$api_key; body=$PLAIN_2K_BODY ;;
        guarded-2k) url="$GATEWAY/v1/chat/completions"; auth=$pii_key; body=$PLAIN_2K_BODY ;;
        injection-2k) url="$GATEWAY/v1/chat/completions"; auth=$injection_key; body=$PLAIN_2K_BODY ;;
        plain-2k-unique) url="$GATEWAY/v1/chat/completions"; auth=$api_key ;;
        injection-2k-unique) url="$GATEWAY/v1/chat/completions"; auth=$injection_key ;;
        *) url="$GATEWAY/v1/chat/completions"; auth=$quota_api_key ;;
      esac
      rc=$(run_wrk "r$round-c$c-$target" "$url" "$auth" "$t" "$c" "$DURATION" "$body" "$cache")
      read -r -a p <<< "$(parse_wrk "$RESULTS/r$round-c$c-$target.txt")"
      status=$(run_status "$rc" "${p[4]}" "${p[5]}" "${p[0]}")
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$c" "$target" "${p[0]}" "${p[1]}" "${p[2]}" "${p[3]}" "$status" >> "$records"
      log "  -> ${p[0]} req/s, p50 ${p[1]} ms, p99 ${p[2]} ms, ${p[3]} requests, $status"
      if [[ $target != direct && $target != guarded-2k && $target != injection-2k* && ${p[3]} =~ ^[0-9]+$ ]]; then
        gw_requests=$((gw_requests + p[3]))
      fi
    done
  done
  done
  audit_after=$(audit_total_settled)

  if [[ $audit_before =~ ^[0-9]+$ && $audit_after =~ ^[0-9]+$ ]]; then
    REPORT_AUDIT="the bench keys' audited requests (usage aggregates) $audit_before -> $audit_after (+$((audit_after - audit_before))) during the measured runs; wrk reported $gw_requests completed gateway requests (requests still in flight when a run ends can add up to the connection count per run)"
  else
    REPORT_AUDIT="could not read the bench key's requests from GET $GATEWAY/compliance/usage (before=$audit_before, after=$audit_after); wrk reported $gw_requests gateway requests"
  fi

  echo
  render_report "$records" | tee "$RESULTS/table.md"
  echo
  log "raw wrk outputs and table.md in ${RESULTS#"$ROOT"/}"

  if awk -F'\t' '$8 != "ok" { bad = 1 } END { exit !bad }' "$records"; then
    log "at least one measured run was INVALID (non-2xx responses, socket errors or wrk failure)"
    exit 1
  fi
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  main "$@"
fi
