#!/usr/bin/env bash
# Benchmark: the compliance API and usage analytics over a large generated audit trail, on the embedded Derby or on PostgreSQL (the
# embedded binaries the tests use, started by this script). See bench/README.md.
#
#   mvn -B -DskipTests install      # builds the layout and aigw-ejb's test classes (the loader)
#   bash bench/compliance.sh
#
# Environment (all optional):
#   RECORDS=1000000    generated requests (two audit events each) bulk-loaded before the server starts
#   DAYS=30            the records spread evenly over this many days before now
#   REPEAT=7           timed repetitions of each query (after 3 discarded ones); the report gives median, min, max
#   HOME_DIR           keep and reuse this data folder (loaded once; a later run finds the records there and skips
#                      loading); by default a temp folder, deleted at the end like the PostgreSQL data
#   LOADER_NODE=bench-loader  the node id the generated records are chained under
#   DATABASE=derby     or postgresql: a fresh PostgreSQL 17 on PG_PORT (9699) in a temp folder, loaded, then the
#                      gateway started on it (HOME_DIR then only keeps the key-hash secret)
#   EXPORT=1           0 skips the full export and the verification (the two long measurements)
set -euo pipefail

RECORDS=${RECORDS:-1000000}
DAYS=${DAYS:-30}
REPEAT=${REPEAT:-7}
EXPORT=${EXPORT:-1}
LOADER_NODE=${LOADER_NODE:-bench-loader}
DATABASE=${DATABASE:-derby}
PG_PORT=${PG_PORT:-9699}
SERVER_NAME=aigw
GATEWAY=http://127.0.0.1:9080
WLP_DIR=aigw-ear/target/liberty/wlp

log() { printf '[compliance %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
port_in_use() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }
http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time "${2:-5}" "$1" || true; }

cd "$(dirname "$0")/.."
ROOT=$(pwd)
export WLP_USER_DIR="$ROOT/aigw-ear/target/usr"
[[ -x $WLP_DIR/bin/server ]] || die "no Liberty layout at $WLP_DIR: run mvn -B -DskipTests install first"
[[ -d aigw-ejb/target/test-classes/io/aigw/policy/audit ]] || die "no aigw-ejb test classes: run mvn -B -DskipTests install first"
port_in_use 9080 && die "something already listens on 127.0.0.1:9080"

ts=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS=$ROOT/bench/results/compliance-$ts
mkdir -p "$RESULTS"
TMP=$(mktemp -d /tmp/aigw-compliance.XXXXXX)
HOME_DIR=${HOME_DIR:-$TMP/aigw-home}
mkdir -p "$HOME_DIR"
STARTED=""
PG_PID=""
cleanup() {
  set +e
  if [[ -n $STARTED ]]; then
    timeout 120 "$WLP_DIR/bin/server" stop "$SERVER_NAME" > "$RESULTS/gateway-stop.txt" 2>&1
    cp "$WLP_USER_DIR/servers/$SERVER_NAME/logs/messages.log" "$RESULTS/gateway-messages.log" 2>/dev/null
  fi
  if [[ -n $PG_PID ]]; then
    kill -TERM "$PG_PID"; wait "$PG_PID" 2>/dev/null
    cp "$TMP/postgres.log" "$RESULTS/postgres.log" 2>/dev/null
  fi
  # the generated trail takes gigabytes: kept only in a HOME_DIR given from outside
  rm -rf "$TMP"
}
trap cleanup EXIT

CP="aigw-ejb/target/classes:aigw-ejb/target/test-classes:$WLP_USER_DIR/servers/$SERVER_NAME/aigw/lib/derby/*"
LOADER_PROPS=()
DB_ENV=()
if [[ $DATABASE == postgresql ]]; then
  port_in_use "$PG_PORT" && die "127.0.0.1:$PG_PORT is already in use (set PG_PORT)"
  mvn -B -q -o dependency:build-classpath -pl aigw-ejb -Dmdep.includeScope=test -Dmdep.outputFile="$TMP/test.cp" \
    > "$RESULTS/classpath.txt" 2>&1 || die "cannot resolve aigw-ejb's test classpath (see $RESULTS/classpath.txt)"
  CP="$CP:$(cat "$TMP/test.cp")"
  PG_PASSWORD=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
  mkfifo "$TMP/pg.out"
  java -cp "$CP" io.aigw.policy.testing.BenchPostgres "$TMP/pgdata" "$PG_PORT" "$PG_PASSWORD" > "$TMP/pg.out" 2>"$RESULTS/postgres-launcher.log" &
  PG_PID=$!
  read -r -t 120 ready < "$TMP/pg.out" || true
  [[ ${ready:-} == ready ]] || die "PostgreSQL did not start (see $RESULTS/postgres-launcher.log, $TMP/postgres.log)"
  log "PostgreSQL on 127.0.0.1:$PG_PORT (data in $TMP/pgdata)"
  LOADER_PROPS=(-Daigw.loader.url="jdbc:postgresql://127.0.0.1:$PG_PORT/aigw?reWriteBatchedInserts=true" -Daigw.loader.user=aigw
    -Daigw.loader.password="$PG_PASSWORD")
  DB_ENV=(AIGW_DATABASE=postgresql AIGW_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/aigw" AIGW_DB_USER=aigw
    AIGW_DB_PASSWORD="$PG_PASSWORD")
fi

log "loading $RECORDS generated records over $DAYS days ($DATABASE, secret in $HOME_DIR)"
java -Xmx1g "${LOADER_PROPS[@]}" -cp "$CP" \
  io.aigw.policy.audit.AuditTrailLoader "$HOME_DIR" "$RECORDS" "$LOADER_NODE" "$DAYS" 2>"$RESULTS/loader.log" \
  | tee "$RESULTS/loader.txt" >&2

ADMIN_KEY="bench-admin-$(python3 -c 'import secrets; print(secrets.token_hex(20))')"
log "starting gateway (AIGW_HOME=$HOME_DIR)"
STARTED=1
env "${DB_ENV[@]}" AIGW_BOOTSTRAP_ADMIN_KEY="$ADMIN_KEY" AIGW_HOME="$HOME_DIR" \
  "$WLP_DIR/bin/server" start "$SERVER_NAME" --clean > "$RESULTS/gateway-start.txt" 2>&1 \
  || { cat "$RESULTS/gateway-start.txt" >&2; die "server start failed"; }
end=$((SECONDS + 300))
until [[ $(http_code "$GATEWAY/health" 5) == 200 ]]; do
  ((SECONDS < end)) || die "gateway not healthy within 300 s"
  sleep 1
done
PID=$(cat "$WLP_USER_DIR/servers/.pid/$SERVER_NAME.pid")
log "gateway healthy (pid $PID)"

python3 - "$GATEWAY" "$ADMIN_KEY" "$REPEAT" "$EXPORT" "$PID" "$RESULTS" "$RECORDS" "$(cat "$RESULTS/loader.txt")" "$DATABASE" <<'PY' | tee "$RESULTS/table.md"
import datetime, json, statistics, sys, threading, time, urllib.parse, urllib.request
gateway, key, repeat, export, pid, results, records, loader, database = sys.argv[1:10]
repeat, export = int(repeat), export == "1"
H = {"Authorization": "Bearer " + key}

def get(path, stream_to=None):
    req = urllib.request.Request(gateway + path, headers=H)
    t = time.perf_counter()
    with urllib.request.urlopen(req, timeout=3600) as r:
        if stream_to is None:
            body = r.read()
            return (time.perf_counter() - t) * 1000, json.loads(body)
        n = 0
        while True:
            chunk = r.readline()
            if not chunk:
                break
            n += 1
        return (time.perf_counter() - t) * 1000, n

def timed(path):
    for _ in range(3):
        get(path)
    ms = [get(path)[0] for _ in range(repeat)]
    return statistics.median(ms), min(ms), max(ms)

now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
day = (now - datetime.timedelta(days=3)).date()
q = urllib.parse.quote
queries = [
    ("first page, no filter", "/compliance/audit?limit=100"),
    ("tenant", "/compliance/audit?limit=100&tenant=tenant-07"),
    ("key_id", "/compliance/audit?limit=100&key_id=key-073"),
    ("principal", "/compliance/audit?limit=100&principal=app-073"),
    ("model (requested or resolved)", "/compliance/audit?limit=100&model=" + q("gemini/gemini-2.0-flash")),
    ("model_requested", "/compliance/audit?limit=100&model_requested=" + q("anthropic/claude-sonnet-4")),
    ("model_resolved", "/compliance/audit?limit=100&model_resolved=" + q("openai/gpt-4o")),
    ("connection", "/compliance/audit?limit=100&connection=bedrock"),
    ("status=429", "/compliance/audit?limit=100&status=429"),
    ("status=5xx", "/compliance/audit?limit=100&status=5xx"),
    ("error_code", "/compliance/audit?limit=100&error_code=invalid_request"),
    ("operation", "/compliance/audit?limit=100&operation=embeddings"),
    ("stream=true", "/compliance/audit?limit=100&stream=true"),
    ("state=completed", "/compliance/audit?limit=100&state=completed"),
    ("from (last day)", "/compliance/audit?limit=100&from=" + q((now - datetime.timedelta(days=1)).isoformat())),
    ("tenant + one day", f"/compliance/audit?limit=100&tenant=tenant-07&from={day}&to={day + datetime.timedelta(days=1)}"),
    ("key_id, total=true", "/compliance/audit?limit=100&key_id=key-073&total=true"),
    ("usage: one tenant-day by key, model, hour", f"/compliance/usage?tenant=tenant-07&from={day}&to={day + datetime.timedelta(days=1)}&group_by=key,model,hour"),
    ("usage: 30 days by tenant and day", "/compliance/usage?from=" + q((now - datetime.timedelta(days=30)).isoformat()) + "&group_by=tenant,day"),
    ("analytics: 30 days by model, interval=day", "/admin/analytics?from=" + q((now - datetime.timedelta(days=30)).isoformat()) + "&group_by=model&interval=day"),
    ("analytics: top 10 keys by cost, 30 days", "/admin/analytics?from=" + q((now - datetime.timedelta(days=30)).isoformat()) + "&group_by=key&order_by=cost&limit=10"),
    ("analytics: 30 days by route", "/admin/analytics?from=" + q((now - datetime.timedelta(days=30)).isoformat()) + "&group_by=route"),
    ("analytics: one tenant, 7 days by key, interval=hour", "/admin/analytics?tenant=tenant-07&from=" + q((now - datetime.timedelta(days=7)).isoformat()) + "&group_by=key&interval=hour"),
]
rows = [(name, path) + timed(path) for name, path in queries]

# a page far into a cursor walk: walk 100 pages of 1000 newest-first (100,000 records deep), then time the next one
cursor, walk_ms = None, []
for _ in range(100):
    ms, page = get("/compliance/audit?limit=1000" + ("&cursor=" + q(cursor) if cursor else ""))
    walk_ms.append(ms)
    cursor = page["next_cursor"]
far = timed("/compliance/audit?limit=100&cursor=" + q(cursor))
rows.append(("page 100,001-100,100 of a cursor walk", "/compliance/audit?limit=100&cursor=...") + far)

print(f"## aigw compliance benchmark, {now:%Y-%m-%d %H:%M} UTC")
print()
print(f"- Trail: {records} generated requests (2 events each) on {database}; loader: {loader}")
print(f"- Each query: 3 discarded, then {repeat} timed sequential requests (client wall time, keep-alive off)")
print()
print("| query | median ms | min ms | max ms |")
print("|---|---:|---:|---:|")
for name, path, med, lo, hi in rows:
    print(f"| {name} | {med:.1f} | {lo:.1f} | {hi:.1f} |")
print()
print(f"- Cursor walk, 100 pages of 1,000 records: {sum(walk_ms) / 1000:.1f} s in all, median page "
      f"{statistics.median(walk_ms):.0f} ms, slowest {max(walk_ms):.0f} ms "
      f"({100000 / (sum(walk_ms) / 1000):,.0f} records/s)")

def rss_kib():
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0

def sampled(fn):
    peak, done = [rss_kib()], threading.Event()
    def watch():
        while not done.is_set():
            peak.append(rss_kib())
            time.sleep(0.2)
    t = threading.Thread(target=watch); t.start()
    try:
        return fn(), peak[0], max(peak)
    finally:
        done.set(); t.join()

if export:
    (ms, lines), before, top = sampled(lambda: get("/compliance/audit/export?format=jsonl", stream_to=True))
    print(f"- Export of the whole trail as JSON Lines: {lines:,} records in {ms / 1000:.1f} s "
          f"({lines / (ms / 1000):,.0f} records/s); server RSS {before / 1024:.0f} MiB before, peak {top / 1024:.0f} MiB")
    (res, before, top) = sampled(lambda: get("/compliance/audit/verify"))
    ms, body = res
    print(f"- Verify of every chain: {body['verified']:,} events in {ms / 1000:.1f} s "
          f"({body['verified'] / (ms / 1000):,.0f} events/s), first_break {body['first_break']}; server RSS "
          f"{before / 1024:.0f} MiB before, peak {top / 1024:.0f} MiB")
PY
log "results in ${RESULTS#"$ROOT"/}"
