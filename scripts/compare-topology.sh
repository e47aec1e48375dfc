#!/usr/bin/env bash
# Flat policies against the same combined with TopologyScore, on rack/server copies of openb
# traces (made with simon gen-hier into out/hier-data) and on the shipped example's jobs.
#   scripts/compare-topology.sh [traces...]   (default: default multigpu50)
# Prints, per policy: GPU allocation at 100% arrived (tuned to 1.3x, seeds 42-46), racks in use
# at half load (tuned to 0.5x), and on the example (replay) how many racks its jobs span.
set -euo pipefail
cd "$(dirname "$0")/.."
traces=(${@:-default multigpu50})
[ -d ../shared/traces/openb ] || { echo "compare-topology: needs ../shared/traces/openb" >&2; exit 1; }
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build -j "$(nproc)" >/dev/null
src=out/hier-src data=out/hier-data
rm -rf "$src" && mkdir -p "$src"
for t in "${traces[@]}"; do
	ln -s "$PWD/../shared/traces/openb/openb_pod_list_$t" "$src/"
done
build/simon gen-hier --data-dir "$src" --output "$data"
policies=(fgd fgd-topology bestfit bestfit-topology)
field() { sed -n "s/.*\"$1\":[[:space:]]*\([0-9.]*\).*/\1/p" "$2" | head -1; }
printf '\n%-12s %-18s %14s %16s\n' trace policy "alloc@100%" "racks used@50%"
for t in "${traces[@]}"; do
	cfg="$data/openb_pod_list_$t/simon-config-hier.yaml"
	for p in "${policies[@]}"; do
		alloc=$(for s in 42 43 44 45 46; do
			build/simon apply -q -f "$cfg" -s "data/schedulers/$p.yaml" --seed $s -o "out/topo/$t/$p/$s"
			awk -F, '$1 == 100 { print $2 }' "out/topo/$t/$p/$s/curve.csv"
		done | awk '{ s += $1; n++ } END { printf "%.2f", s / n }')
		racks=$(for s in 42 43 44 45 46; do
			build/simon apply -q -f "$cfg" -s "data/schedulers/$p.yaml" --seed $s --tune-ratio 0.5 -o "out/topo/$t/$p/half-$s"
			field racks_in_use "out/topo/$t/$p/half-$s/summary.json"
		done | awk '{ s += $1; n++ } END { printf "%.1f", s / n }')
		total=$(field racks "out/topo/$t/$p/half-42/summary.json")
		printf '%-12s %-18s %14s %16s\n' "$t" "$p" "$alloc" "$racks of $total"
	done
done
printf '\n%-18s %18s %16s %14s\n' "example (replay)" "racks per job" "jobs in 1 rack" "mean wait s"
for p in "${policies[@]}"; do
	build/simon apply -q -f data/example/cluster-config.yaml -s "data/schedulers/$p.yaml" --mode replay -o "out/topo/example/$p"
	j="out/topo/example/$p/summary.json"
	printf '%-18s %18s %15s%% %14s\n' "$p" "$(field mean_racks_per_job "$j")" "$(field single_rack_jobs_pct "$j")" \
		"$(field mean_wait_s "$j")"
done
