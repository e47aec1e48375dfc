#!/usr/bin/env bash
# Reproduces the ATC'23 comparison: openb traces × the six published policies × seeds 42–51,
# each tuned to 1.3x the cluster's GPUs as the paper's run scripts do, and prints per trace and
# policy the mean (and spread) of the GPU allocation rate at 100% arrived workload.
#   scripts/reproduce-atc23.sh [traces...]   (default: default multigpu50 gpushare100 gpuspec33 cpu250)
# Output: a table on stdout, and every run's files under out/atc23/<trace>/<policy>/<seed>/.
set -euo pipefail
cd "$(dirname "$0")/.."
traces=("${@:-default multigpu50 gpushare100 gpuspec33 cpu250}")
read -r -a traces <<< "${traces[*]}"
policies=(random dotprod gpuclustering gpupacking bestfit fgd)
[ -d ../shared/traces/openb ] || { echo "reproduce-atc23: needs ../shared/traces/openb" >&2; exit 1; }
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build -j "$(nproc)" >/dev/null
out=out/atc23
start=$(date +%s)
for t in "${traces[@]}"; do for p in "${policies[@]}"; do for s in $(seq 42 51); do
	echo "$t $p $s"
done; done; done | xargs -P "$(nproc)" -n 3 sh -c \
	'build/simon apply -q -f data/openb/$0.yaml -s data/schedulers/$1.yaml --seed $2 -o '"$out"'/$0/$1/$2'
echo "$(( ${#traces[@]} * ${#policies[@]} * 10 )) runs in $(( $(date +%s) - start )) s"
echo
printf '%-12s' "trace"
for p in "${policies[@]}"; do printf '%16s' "$p"; done
echo
for t in "${traces[@]}"; do
	printf '%-12s' "$t"
	for p in "${policies[@]}"; do
		for s in $(seq 42 51); do
			awk -F, '$1 == 100 { print $2 }' "$out/$t/$p/$s/curve.csv"
		done | awk '{ n++; s += $1; q += $1 * $1 } END { m = s / n; sd = sqrt(q / n - m * m); printf "%10.2f ±%4.2f", m, sd }'
	done
	echo
done
echo
echo "GPU allocation rate (%) at 100% arrived workload, mean ± standard deviation over seeds 42-51"
