#!/usr/bin/env bash
# Cutoff's benchmarks (not tests):
#   infra/bench/bench.sh feeds [RUNS]   cold start as whole processes (default 10) and warm render of a 200-event feed
#   infra/bench/bench.sh dispatch       find and send 1,000 due reminders with 100,000 and 10,000 subscribers
#                                       planned, and the achieved send rate at MaxSendRate 50/s and 200/s through
#                                       a stand-in for SES's rate limit (~3 min)
#                                       (`dispatch rate [ROUNDS [CONCURRENCY]]`: share 1.0 at 50/s and 200/s, ROUNDS times, default 3)
#   infra/bench/bench.sh upload [ROUNDS] a research office's 10,000-row staff CSV (50 malformed) through OfficeHandler
#                                       against DynamoDB Local over HTTP: first upload and the same file again (default 5 rounds)
#   infra/bench/bench.sh welcomes [RATE] the welcome emails of a 10,000-row upload in one staff-queue run at MaxSendRate RATE
#                                       (default 200/s) through the stand-in for SES's rate limit (~1.5 min)
# Each starts what it needs on loopback ports with throw-away data, and stops it afterwards: `dispatch` and
# `upload` take free ports (`dispatch`: BENCH_DYNAMODB_PORT and BENCH_SES_PORT if set); `feeds` uses 18080/18000/18005 unless BENCH_WEB_PORT, BENCH_DYNAMODB_PORT,
# BENCH_SES_PORT say otherwise (for two people benchmarking on one machine).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
what="${1:-feeds}"
if [ "$what" = dispatch ]; then
  mvn -B -q -DskipTests package
  [ -d infra/ses-local/node_modules/aws-ses-v2-local ] || (cd infra/ses-local && npm ci --no-audit --no-fund --silent)
  # http.maxConnections as in template.yaml: the JDK keeps 5 idle connections per host by default.
  exec java -Djava.util.logging.config.file=/dev/null -Dhttp.maxConnections=64 -cp "infra/local/target/classes:infra/local/target/lib/*" \
    cutoff.local.bench.DispatchBench infra/ses-local ${2:-} ${3:-} ${4:-} 2>/dev/null
fi
if [ "$what" = welcomes ]; then
  mvn -B -q -DskipTests package
  [ -d infra/ses-local/node_modules/aws-ses-v2-local ] || (cd infra/ses-local && npm ci --no-audit --no-fund --silent)
  exec java -Djava.util.logging.config.file=/dev/null -Dhttp.maxConnections=64 -cp "infra/local/target/classes:infra/local/target/lib/*" \
    cutoff.local.bench.UploadBench infra/local/notices 0 infra/ses-local "${2:-200}" 2>/dev/null
fi
if [ "$what" = upload ]; then
  mvn -B -q -DskipTests package
  exec java -Djava.util.logging.config.file=/dev/null -cp "infra/local/target/classes:infra/local/target/lib/*" \
    cutoff.local.bench.UploadBench infra/local/notices "${2:-5}" infra/ses-local 2>/dev/null
fi
runs="${2:-10}"
web="${BENCH_WEB_PORT:-18080}"; ddb="${BENCH_DYNAMODB_PORT:-18000}"; sesport="${BENCH_SES_PORT:-18005}"; data="$(mktemp -d)"
mvn -B -q -DskipTests package
java -cp "infra/local/target/classes:infra/local/target/lib/*" cutoff.local.DemoStack \
  --port "$web" --dynamodb-port "$ddb" --ses-port "$sesport" --data "$data" > "$data/stack.log" 2>&1 &
stack=$!
trap 'kill $stack 2>/dev/null; wait $stack 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$web/feeds/all.ics" >/dev/null && break; sleep 0.5; done

# Only the function's jars (no DynamoDB Local) plus the probe class, as on Lambda. Jars, not class
# folders: an AppCDS archive accepts only jars on the class path.
cp="infra/local/target/cutoff-local-0.1.0.jar:functions/cutoff/target/cutoff-functions-0.1.0.jar:$(ls functions/cutoff/target/lib/*.jar | tr '\n' ':')"
export CUTOFF_TABLE=cutoff-local DYNAMODB_ENDPOINT="http://127.0.0.1:$ddb" AWS_REGION=us-east-1
# A dynamic AppCDS archive from one training run (JDK 13+).
java -XX:ArchiveClassesAtExit="$data/cutoff.jsa" -XX:TieredStopAtLevel=1 -cp "$cp" cutoff.local.bench.ColdStart 2023-4-82277d-t2 >/dev/null 2>&1
for opts in "" "-XX:TieredStopAtLevel=1" "-XX:TieredStopAtLevel=1 -XX:SharedArchiveFile=$data/cutoff.jsa"; do
  times=()
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    java $opts -cp "$cp" cutoff.local.bench.ColdStart 2023-4-82277d-t2 >/dev/null
    times+=($(( ($(date +%s%N) - start) / 1000000 )))
  done
  sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  label="${opts:-(default JIT)}"; label="${label//$data\//}"
  echo "cold start $label: median ${sorted[$((runs / 2))]} ms, min ${sorted[0]} ms, max ${sorted[$((runs - 1))]} ms over $runs processes (JVM start to first feed response)"
done
java -cp "$cp" cutoff.local.bench.WarmRender infra/local/notices 2000
