#!/usr/bin/env bash
# Times whole commands side by side: ROUNDS rounds, each running every command once in turn (so that a change
# in the machine's load falls on all of them alike). Prints, per command, the median wall time and the median
# CPU time (user + system, all threads and children), and the median of the per-round ratios to the first
# command's. On a shared machine the CPU time moves far less with the load than the wall time.
#   infra/bench/alternate.sh ROUNDS 'COMMAND 1' 'COMMAND 2' ...     (each run by bash -c, its output discarded)
set -euo pipefail
rounds="$1"; shift
n=$#
declare -A wall cpu
TIMEFORMAT='%R %U %S'
for r in $(seq "$rounds"); do
  for i in $(seq "$n"); do
    read -r w u s < <({ time bash -c "${!i}" >/dev/null 2>&1; } 2>&1)
    wall[$r,$i]=$(awk -v w="$w" 'BEGIN {printf "%d", w * 1000}')
    cpu[$r,$i]=$(awk -v u="$u" -v s="$s" 'BEGIN {printf "%d", (u + s) * 1000}')
  done
done
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
stat() { # $1 array name, $2 command index
  local -n t="$1"
  local m ratio
  m=$(for r in $(seq "$rounds"); do echo "${t[$r,$2]}"; done | median)
  ratio=$(for r in $(seq "$rounds"); do awk -v a="${t[$r,$2]}" -v b="${t[$r,1]}" 'BEGIN {printf "%.3f\n", a / (b > 0 ? b : 1)}'; done | median)
  printf '%5s ms (x%s)' "$m" "$ratio"
}
for i in $(seq "$n"); do
  printf 'wall %s  cpu %s  %s\n' "$(stat wall "$i")" "$(stat cpu "$i")" "${!i}"
done
