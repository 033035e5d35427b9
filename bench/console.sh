#!/usr/bin/env bash
# Benchmark: how fast the admin console loads and moves between pages, in a headless Chromium, on a gateway whose
# usage store holds a generated trail (the overview charts it). See bench/README.md.
#
#   mvn -B -DskipTests install      # builds the layout, aigw-ejb's test classes (the loader) and, in
#                                   # arquillian-tests/target/js, puppeteer-core and its Chromium
#   bash bench/console.sh
#
# Environment (all optional):
#   RECORDS=200000   generated requests bulk-loaded before the server starts, spread over DAYS=30 days before now
#   ROUNDS=5         rounds; each opens a fresh browser context (empty cache), signs in, opens every page, switches
#                    the overview to 30 days and reloads it with a warm cache
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/run.sh"

RECORDS=${RECORDS:-200000}
DAYS=${DAYS:-30}
ROUNDS=${ROUNDS:-5}

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
export WLP_USER_DIR="$ROOT/aigw-ear/target/usr"
GATEWAY=$GATEWAY_DEFAULT_URL
UPSTREAM_URL=http://127.0.0.1:9
[[ -x $WLP_DIR/bin/server ]] || die "no Liberty layout at $WLP_DIR: run mvn -B -DskipTests install first"
[[ -d aigw-ejb/target/test-classes/io/aigw/policy/audit ]] || die "no aigw-ejb test classes: run mvn -B -DskipTests install first"
[[ -d arquillian-tests/target/js/node_modules/puppeteer-core ]] \
  || die "no puppeteer-core in arquillian-tests/target/js: run mvn -B -DskipTests install first"

ts=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS=$ROOT/bench/results/console-$ts
mkdir -p "$RESULTS"
TMP=$(mktemp -d /tmp/aigw-console.XXXXXX)
trap cleanup EXIT

mkdir -p "$TMP/aigw-home"
log "loading $RECORDS generated records over $DAYS days"
java -Xmx1g -cp "aigw-ejb/target/classes:aigw-ejb/target/test-classes:$WLP_USER_DIR/servers/$SERVER_NAME/aigw/lib/derby/*" \
  io.aigw.policy.audit.AuditTrailLoader "$TMP/aigw-home" "$RECORDS" bench-loader "$DAYS" 2>"$RESULTS/loader.log" \
  | tee "$RESULTS/loader.txt" >&2
start_gateway
for i in $(seq 1 20); do
  create_api_key "console-bench-$i" default > /dev/null
done

log "measuring $ROUNDS rounds in a headless Chromium"
node bench/console.mjs "$GATEWAY" "$ADMIN_KEY" "$ROUNDS" "$RESULTS/samples.json" 2> "$RESULTS/browser.log"

python3 - "$RESULTS/samples.json" "$RECORDS" "$ROUNDS" <<'PY' | tee "$RESULTS/table.md"
import json, statistics, sys
samples, records, rounds = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
steps = list(dict.fromkeys(s["step"] for s in samples))
print(f"Console in headless Chromium, {records} generated requests in the usage store, {rounds} rounds "
      "(median, min–max over rounds, ms)\n")
print("| step | total | of which API calls | console's own share |")
print("|---|---|---|---|")
for step in steps:
    rows = [s for s in samples if s["step"] == step]
    total = [s["ms"] for s in rows]
    api = [s["api"] for s in rows]
    own = [s["ms"] - s["api"] for s in rows]
    def cell(v):
        return f"{statistics.median(v):.0f} ({min(v):.0f}–{max(v):.0f})"
    print(f"| {step} | {cell(total)} | {cell(api) if max(api) > 0 else '–'} | {cell(own)} |")
PY
