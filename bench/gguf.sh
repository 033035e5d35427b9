#!/usr/bin/env bash
# Local GGUF benchmark: tokens/s and time to first token of greedy generations on a random-weight llama GGUF, through
# the gateway (streamed /v1/chat/completions, bench/gguf/client.mjs) vs the same llama binding driven alone with the
# gateway's parameters (bench/gguf/LlamaAlone.java). See bench/README.md.
#
#   mvn -B -DskipTests install      # builds aigw-ear/target/usr and the aigw-jca-ra test jar
#   bash bench/gguf.sh
#
# Environment (all optional): WARMUP_GENERATIONS=5 GATEWAY_WARMUP=10 RUNS=20 BLOCKS=4 MAX_TOKENS=128 SEED=7 CTX=256 THREADS=1
#   SHAPE="288 6 6 768 32000 256" (dim layers heads ffn vocab context-length of the random model)
# RUNS measured generations per side are split into BLOCKS blocks, run alone/gateway alternately (BLOCKS=1: all of
# the runtime alone, then all of the gateway).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/run.sh"

GGUF_SYSTEM="You are a cat."
GGUF_USER="Once upon a time"

# the llama binding from the local Maven repository, else the gateway's own copy
llama_classpath() {
  local m2=${M2_REPO:-$HOME/.m2/repository} served=$WLP_USER_DIR/servers/$SERVER_NAME/aigw/lib/native/llama-4.2.0.jar
  if [[ -f $m2/de/kherud/llama/4.2.0/llama-4.2.0.jar ]]; then
    echo "$m2/de/kherud/llama/4.2.0/llama-4.2.0.jar"
  else
    echo "$served"
  fi
}

# run_alone NAME WARMUP RUNS: the runtime alone in a new JVM; raw log NAME.log, per-run NAME.tsv, summary NAME.json
run_alone() {
  log "runtime alone ($1): $2 warm-up + $3 measured generations of $MAX_TOKENS tokens"
  java -cp "$LLAMA_CP" "$ROOT/bench/gguf/LlamaAlone.java" --model "$MODEL_FILE" --ctx "$CTX" --threads "$THREADS" \
    --warmup "$2" --runs "$3" --max-tokens "$MAX_TOKENS" --seed "$SEED" \
    --system "$GGUF_SYSTEM" --user "$GGUF_USER" --out "$RESULTS/$1.tsv" \
    > "$RESULTS/$1.out" 2> >(tee "$RESULTS/$1.log" >&2) || die "LlamaAlone failed (see $RESULTS/$1.log)"
  tail -n 1 "$RESULTS/$1.out" > "$RESULTS/$1.json"
}

# run_client NAME WARMUP RUNS: streamed requests through the gateway; same files as run_alone
run_client() {
  log "gateway ($1): $2 warm-up + $3 measured streamed requests of $MAX_TOKENS tokens to local/$MODEL_ID"
  node "$ROOT/bench/gguf/client.mjs" --gateway "$GATEWAY" --key "$API_KEY" --model "local/$MODEL_ID" \
    --warmup "$2" --runs "$3" --max-tokens "$MAX_TOKENS" --seed "$SEED" \
    --system "$GGUF_SYSTEM" --user "$GGUF_USER" --out "$RESULTS/$1.tsv" \
    > "$RESULTS/$1.out" 2> >(tee "$RESULTS/$1.log" >&2) || die "the gateway client failed (see $RESULTS/$1.log)"
  tail -n 1 "$RESULTS/$1.out" > "$RESULTS/$1.json"
}

# render_gguf_report BLOCKS: the table from alone-bN / gateway-bN (.json summaries, .tsv per-run figures) in $RESULTS
render_gguf_report() {
  python3 - "$RESULTS" "$1" <<'PY'
import csv, json, os, statistics, sys
res, blocks = sys.argv[1], int(sys.argv[2])
env = os.environ
load = lambda name: json.load(open(f"{res}/{name}.json"))
rows = lambda name: list(csv.DictReader(open(f"{res}/{name}.tsv"), delimiter="\t"))
med = lambda rs, key: statistics.median(float(r[key]) for r in rs)
sides = {"alone": "runtime alone", "gateway": "**gateway** (streamed, client-side)"}
runs = {s: [r for b in range(1, blocks + 1) for r in rows(f"{s}-b{b}")] for s in sides}
summaries = {s: [load(f"{s}-b{b}") for b in range(1, blocks + 1)] for s in sides}
m = {s: {k: med(runs[s], k) for k in ("tokens", "tok_per_s", "ttft_ms", "total_ms", "decode_tok_per_s")} for s in sides}
print(f"## aigw local GGUF benchmark, {env['REPORT_DATE']}")
print()
print(f"- Machine: nproc={env['REPORT_NPROC']}, {env['REPORT_JAVA']}, node {env['REPORT_NODE']}, {env['REPORT_UNAME']}")
print(f"- Model: {env['REPORT_MODEL']}")
print(f"- Runtime alone: {env['REPORT_RUNTIME']}")
print(f"- Gateway: {env['REPORT_GATEWAY']}")
print(f"- Request: {env['REPORT_REQUEST']}")
print(f"- Runs: {env['REPORT_RUNS']}")
print()
print("| side | runs | prompt tokens | tokens | median tok/s | median TTFT ms | median total ms | median decode tok/s |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for s, label in sides.items():
    x = m[s]
    print(f"| {label} | {len(runs[s])} | {summaries[s][0]['prompt_tokens']} | {x['tokens']:.0f} | {x['tok_per_s']:.1f} "
          f"| {x['ttft_ms']:.1f} | {x['total_ms']:.1f} | {x['decode_tok_per_s']:.1f} |")
a, g = m["alone"], m["gateway"]
print(f"| **gateway / alone** | | | | **{g['tok_per_s'] / a['tok_per_s']:.3f}** | **{g['ttft_ms'] / a['ttft_ms']:.3f}** "
      f"| {g['total_ms'] / a['total_ms']:.3f} | {g['decode_tok_per_s'] / a['decode_tok_per_s']:.3f} |")
print()
print(f"- Gateway - alone: TTFT {g['ttft_ms'] - a['ttft_ms']:+.1f} ms, total {g['total_ms'] - a['total_ms']:+.1f} ms per "
      f"generation ({(g['total_ms'] - a['total_ms']) / a['tokens']:+.3f} ms per token)")
shas = {x["text_sha256"] for s in sides for x in summaries[s]}
print("- Same generated text on both sides and in every block (SHA-256 of the text): "
      + ("yes" if len(shas) == 1 else "NO (" + ", ".join(sorted(x[:12] for x in shas)) + ")"))
prompts = {x["prompt_tokens"] for s in sides for x in summaries[s]}
if len(prompts) != 1:
    print(f"- WARNING: prompt token counts differ: {sorted(prompts)}")
if blocks > 1:
    print()
    print("Per block (alone, then gateway; medians of the block's runs):")
    print()
    print("| block | alone tok/s | gateway tok/s | ratio | alone TTFT ms | gateway TTFT ms |")
    print("|---:|---:|---:|---:|---:|---:|")
    for b in range(1, blocks + 1):
        ra, rg = rows(f"alone-b{b}"), rows(f"gateway-b{b}")
        print(f"| {b} | {med(ra, 'tok_per_s'):.1f} | {med(rg, 'tok_per_s'):.1f} "
              f"| {med(rg, 'tok_per_s') / med(ra, 'tok_per_s'):.3f} | {med(ra, 'ttft_ms'):.1f} | {med(rg, 'ttft_ms'):.1f} |")
PY
}

gguf_main() {
  cd "$(dirname "${BASH_SOURCE[0]}")/.."
  ROOT=$(pwd)
  export WLP_USER_DIR="$ROOT/aigw-ear/target/usr"
  WARMUP_GENERATIONS=${WARMUP_GENERATIONS:-5}
  GATEWAY_WARMUP=${GATEWAY_WARMUP:-10}
  RUNS=${RUNS:-20}
  MAX_TOKENS=${MAX_TOKENS:-128}
  SEED=${SEED:-7}
  CTX=${CTX:-256}
  THREADS=${THREADS:-1}
  BLOCKS=${BLOCKS:-4}
  local shape=(${SHAPE:-288 6 6 768 32000 256}) v
  for v in "$WARMUP_GENERATIONS" "$GATEWAY_WARMUP" "$RUNS" "$MAX_TOKENS" "$SEED" "$CTX" "$THREADS" "$BLOCKS" "${shape[@]}"; do
    [[ $v =~ ^[0-9]+$ ]] || { log "WARMUP_GENERATIONS, GATEWAY_WARMUP, RUNS, MAX_TOKENS, SEED, CTX, THREADS, BLOCKS and SHAPE must be whole numbers"; exit 2; }
  done
  ((${#shape[@]} == 6 && BLOCKS > 0 && RUNS >= BLOCKS && MAX_TOKENS > 0 && THREADS > 0)) \
    || { log "SHAPE needs 6 numbers; BLOCKS, MAX_TOKENS, THREADS > 0; RUNS >= BLOCKS"; exit 2; }

  local cmd
  for cmd in java node curl python3; do
    command -v "$cmd" > /dev/null || { log "missing command: $cmd"; exit 2; }
  done
  local tests_jar=$ROOT/aigw-jca-connector/aigw-jca-ra/target/aigw-jca-ra-0.1.0-SNAPSHOT-tests.jar
  if [[ ! -x $WLP_DIR/bin/server || ! -d $WLP_USER_DIR/servers/$SERVER_NAME || ! -f $tests_jar ]]; then
    log "built layout or test jar not found ($WLP_DIR, $WLP_USER_DIR/servers/$SERVER_NAME, ${tests_jar#"$ROOT"/})"
    log "build first: mvn -B -DskipTests install"
    exit 2
  fi
  local served=$WLP_USER_DIR/servers/$SERVER_NAME/aigw/lib/native/llama-4.2.0.jar
  [[ -f $served ]] || { log "the built server has no llama binding ($served): rebuild it"; exit 2; }
  LLAMA_CP=$(llama_classpath)
  [[ -f $LLAMA_CP ]] || { log "llama-4.2.0.jar not found"; exit 2; }
  local same_jar="the gateway's copy"
  [[ $LLAMA_CP == "$served" ]] || { cmp -s "$LLAMA_CP" "$served" && same_jar="identical to the gateway's copy" || same_jar="DIFFERENT from the gateway's copy"; }
  port_in_use 9080 && die "something already listens on 127.0.0.1:9080; stop it first"

  RESULTS=$ROOT/bench/results/gguf-$(date -u +%Y%m%dT%H%M%SZ)
  mkdir -p "$RESULTS"
  TMP=$(mktemp -d /tmp/aigw-bench.XXXXXX)
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  GATEWAY=$GATEWAY_DEFAULT_URL
  UPSTREAM_URL="http://127.0.0.1:9" # start_gateway sets AIGW_OPENAI_BASE_URL from it; nothing here calls OpenAI

  MODEL_ID="random-llama-${shape[0]}d-${shape[1]}l"
  local id=$MODEL_ID
  MODEL_FILE=$TMP/models/$id.gguf
  log "writing the random-weight model $id (dim ${shape[0]}, ${shape[1]} layers, ${shape[2]} heads, ffn ${shape[3]}, vocab ${shape[4]}, context ${shape[5]})"
  java -cp "$tests_jar" "$ROOT/bench/gguf/WriteModel.java" "$MODEL_FILE" "${shape[@]}" | tee "$RESULTS/model.txt" >&2

  export REPORT_DATE REPORT_NPROC REPORT_JAVA REPORT_NODE REPORT_UNAME REPORT_MODEL REPORT_RUNTIME REPORT_GATEWAY \
    REPORT_REQUEST REPORT_RUNS
  REPORT_DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
  REPORT_NPROC=$(nproc)
  REPORT_JAVA=$(java -version 2>&1 | head -n 1)
  REPORT_NODE=$(node --version)
  REPORT_UNAME=$(uname -srm)
  REPORT_MODEL="$id.gguf, $(sed -n 's/^wrote [^:]*: //p' "$RESULTS/model.txt"), F32 random weights (GgufFixture, fixed seed)"
  REPORT_RUNTIME="de.kherud:llama 4.2.0 (${LLAMA_CP/#"$HOME"/\~}, $same_jar), ModelParameters as GgufChatModel: ctx $CTX, parallel 1, threads $THREADS (+ batch), log off, default gpu layers (CPU build)"
  REPORT_GATEWAY="$GATEWAY, started from $WLP_DIR with a fresh AIGW_HOME, AIGW_LOCAL_MODEL_PATH=<the model>, AIGW_LOCAL_CONTEXT_SIZE=$CTX, AIGW_LOCAL_THREADS=$THREADS, AIGW_LOCAL_MAX_POOL_SIZE=1, model local/$id"
  REPORT_REQUEST="system \"$GGUF_SYSTEM\", user \"$GGUF_USER\" (chat template applied by the binding), max_tokens $MAX_TOKENS, temperature 0, seed $SEED (so no prompt cache)"
  REPORT_RUNS="$RUNS measured generations per side, one at a time, in $BLOCKS interleaved blocks (alone, gateway, alone, gateway, ...); the gateway stays up and had $GATEWAY_WARMUP discarded warm-up requests (the first loads the model) before the first block; each alone block is a new JVM with $WARMUP_GENERATIONS discarded warm-up generations"

  export AIGW_LOCAL_MODEL_PATH=$MODEL_FILE AIGW_LOCAL_CONTEXT_SIZE=$CTX AIGW_LOCAL_THREADS=$THREADS AIGW_LOCAL_MAX_POOL_SIZE=1
  start_gateway
  API_KEY=$(create_api_key)
  API_KEY=${API_KEY#* }
  # the gateway warms up once (its first request also loads the model) and stays up; every alone block is a new JVM
  # with its own warm-up
  run_client gateway-warmup "$GATEWAY_WARMUP" 0
  local blk per=$((RUNS / BLOCKS)) extra=$((RUNS % BLOCKS)) n
  for ((blk = 1; blk <= BLOCKS; blk++)); do
    n=$((per + (blk <= extra ? 1 : 0)))
    run_alone "alone-b$blk" "$WARMUP_GENERATIONS" "$n"
    run_client "gateway-b$blk" 0 "$n"
  done
  local loaded
  loaded=$(grep -o 'Loaded local chat model.*' "$WLP_USER_DIR/servers/$SERVER_NAME/logs/messages.log" | tail -n 1 || true)
  [[ -z $loaded ]] || REPORT_GATEWAY+="; its log: \"$loaded\""

  echo
  render_gguf_report "$BLOCKS" | tee "$RESULTS/table.md"
  echo
  log "results in ${RESULTS#"$ROOT"/}"
}

gguf_main "$@"
