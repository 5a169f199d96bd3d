#!/usr/bin/env bash
# Side-by-side measurements of two commits' feed rendering and cold start (docs/speed-render.md).
#   infra/bench/pair/run.sh OLD_ROOT NEW_ROOT render [PAIRS]   one JVM, each commit's jars in its own class loader,
#                                                              first render (deadlines new to the JVM) and render of deadlines
#                                                              an earlier feed had (new objects) of a 200-event feed, alternated
#   infra/bench/pair/run.sh OLD_ROOT NEW_ROOT render-stored [PAIRS]
#                                                              the same JVM set-up, as the feed function renders from a Query's
#                                                              items: decoded (a stored event text kept) and written; the texts
#                                                              kept and written (decoding untimed); the write alone; and the
#                                                              store's building of the 200 deadline items
#   infra/bench/pair/run.sh OLD_ROOT NEW_ROOT sizes             the shipped notices' DynamoDB items as each commit's store builds
#                                                              them, and the read units of a feed's Query (ItemSizes)
#   infra/bench/pair/run.sh OLD_ROOT NEW_ROOT cold [RUNS]      hello-world / old / new ColdStart processes alternated
#                                                              (-XX:TieredStopAtLevel=1, no archive), wall and user+sys
# Both roots must be built (`mvn -o -q -DskipTests package`). `cold` needs a stack serving the demo data:
# BENCH_DYNAMODB_PORT (default 18000), e.g. the DemoStack that `infra/bench/bench.sh feeds` starts.
set -euo pipefail
old="$1"; new="$2"; what="$3"; n="${4:-}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"; tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
cpof() { echo "$1/infra/local/target/cutoff-local-0.1.0.jar:$1/functions/cutoff/target/cutoff-functions-0.1.0.jar:$(ls "$1"/functions/cutoff/target/lib/*.jar | tr '\n' ':')"; }
if [ "$what" = render ] || [ "$what" = render-stored ]; then
  javac -nowarn -d "$tmp/probe" -cp "$(cpof "$new")" "$here/PairProbe.java" 2>/dev/null
  javac -d "$tmp" "$here/Pair.java"
  cases=first,seen; [ "$what" = render-stored ] && cases=stored,keepWrite,storedWrite,items
  exec java -Dprobe.classes="$tmp/probe/" -Djava.util.logging.config.file=/dev/null -cp "$tmp" Pair "$old" "$new" "${n:-1000}" "$new/infra/local/notices" "$cases"
fi
if [ "$what" = sizes ]; then
  for root in "$old" "$new"; do
    javac -nowarn -d "$tmp/sizes" -cp "$(cpof "$root")" "$here/ItemSizes.java" 2>/dev/null
    echo "== $root"; java -Djava.util.logging.config.file=/dev/null -cp "$tmp/sizes:$(cpof "$root")" ItemSizes "$new/infra/local/notices"
  done
  exit
fi
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > "$tmp/Hello.java"
javac -d "$tmp" "$tmp/Hello.java"
export CUTOFF_TABLE=cutoff-local DYNAMODB_ENDPOINT="http://127.0.0.1:${BENCH_DYNAMODB_PORT:-18000}" AWS_REGION=us-east-1
flags="-XX:TieredStopAtLevel=1"; OLD=$(cpof "$old"); NEW=$(cpof "$new"); runs="${n:-9}"
t() { /usr/bin/time -f "%e %U %S" -o "$tmp/t" "$@" >/dev/null 2>&1 || echo "FAILED: $*" >&2; awk '{printf "%d %d\n", $1*1000, ($2+$3)*1000}' "$tmp/t"; }
hw=(); ow=(); nw=(); hc=(); oc=(); nc=()
for _ in $(seq "$runs"); do
  read -r w c < <(t java $flags -cp "$tmp" Hello); hw+=("$w"); hc+=("$c")
  read -r w c < <(t java $flags -cp "$OLD" cutoff.local.bench.ColdStart 2023-4-82277d-t2); ow+=("$w"); oc+=("$c")
  read -r w c < <(t java $flags -cp "$NEW" cutoff.local.bench.ColdStart 2023-4-82277d-t2); nw+=("$w"); nc+=("$c")
done
med() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
for k in wall cpu; do
  if [ $k = wall ]; then h=("${hw[@]}"); o=("${ow[@]}"); m=("${nw[@]}"); else h=("${hc[@]}"); o=("${oc[@]}"); m=("${nc[@]}"); fi
  H=$(med "${h[@]}"); O=$(med "${o[@]}"); N=$(med "${m[@]}")
  r=(); for i in $(seq 0 $((runs - 1))); do r+=("$(echo "scale=3; ${m[$i]}/${o[$i]}" | bc)"); done
  echo "$k ms: hello ${h[*]} | old ${o[*]} | new ${m[*]}"
  echo "$k median: hello $H, old $O ($(echo "scale=1; $O/$H" | bc)x), new $N ($(echo "scale=1; $N/$H" | bc)x); new/old per run median $(med "${r[@]}")"
done
