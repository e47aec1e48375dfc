#!/usr/bin/env bash
# Speed and memory of one run of the default openb trace (1,213 nodes, 8,152 pods tuned to
# 1.3x) under a policy (default BestFit): median wall time of RUNS runs and peak memory.
#   scripts/bench.sh [scheduler-config (default data/schedulers/bestfit.yaml)] [RUNS (default 5)]
set -euo pipefail
cd "$(dirname "$0")/.."
sched=${1:-data/schedulers/bestfit.yaml}
runs=${2:-5}
[ -d ../shared/traces/openb/openb_pod_list_default ] || { echo "bench: needs ../shared/traces/openb" >&2; exit 1; }
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build -j "$(nproc)" >/dev/null
times=()
for _ in $(seq "$runs"); do
	start=$(date +%s%N)
	out=$(build/simon apply -f data/openb/default.yaml -s "$sched")
	end=$(date +%s%N)
	times+=($(( (end - start) / 1000000 )))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
echo "$out" | sed -n '1,6p'
echo "bench: default openb trace, $(basename "$sched" .yaml): median wall ${median} ms over $runs runs" \
	"(all: ${times[*]} ms); $(echo "$out" | grep -o 'peak memory.*')"
