#!/usr/bin/env bash
# simon's speed, on the real traces: one run of the default openb trace (1,213 nodes, 8,152
# pods tuned to 1.3x) under BestFit and under FGD (median wall time of RUNS runs, peak memory),
# then the paper's whole matrix (17 traces × 6 policies × 10 seeds) with simon compare.
#   scripts/bench.sh [RUNS (default 5)] [--no-matrix]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
[ -d ../shared/traces/openb/openb_pod_list_default ] || { echo "bench: needs ../shared/traces/openb" >&2; exit 1; }
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build -j "$(nproc)" >/dev/null
for policy in bestfit fgd; do
	times=()
	for _ in $(seq "$runs"); do
		start=$(date +%s%N)
		out=$(build/simon apply -f data/openb/default.yaml -s "data/schedulers/$policy.yaml")
		end=$(date +%s%N)
		times+=($(( (end - start) / 1000000 )))
	done
	median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
	echo "bench: default openb trace, $policy: median wall ${median} ms over $runs runs" \
		"(all: ${times[*]} ms); $(echo "$out" | grep -o 'peak memory.*')"
done
[ "${2:-}" = --no-matrix ] && exit 0
start=$(date +%s%N)
build/simon compare data/matrices/atc23.yaml -q -o out/bench-matrix
end=$(date +%s%N)
runs_done=$(grep -c ',true,' out/bench-matrix/results.csv)
echo "bench: the paper's matrix, $runs_done runs on $(nproc) threads: $(( (end - start) / 1000000 )) ms wall"
