#!/usr/bin/env bash
# simon's speed and memory on the real traces (a benchmark, never a test):
#  - the default openb trace (1,213 nodes, 8,152 pods tuned to 1.3x) under BestFit, FGD and
#    MLPScore, read from its YAML folder and from its CSV form: median wall time of RUNS runs,
#    peak memory; and replayed at 100% offered load with and without preemption;
#  - scaling: K-times copies of it (scripts/make-scale.sh --csv-only, kept in /tmp/simon-scale-K)
#    at K = 1, 10, 100 from CSV, one run each in inflation mode, and replay mode at 100x;
#  - a Kubernetes export of 10,000 nodes and 100,000 pods in one List (scripts/make-k8s-export.py,
#    kept in /tmp/simon-k8s-export): `simon validate` on it, which loads and checks everything;
#  - kube-scheduler's own plugins: 10,000 nodes with taints, zones and racks and 100,000 pods with
#    spread constraints, affinity and tolerations (scripts/make-kube-cluster.py, kept in
#    /tmp/simon-kube), scheduled under data/schedulers/kube-default.yaml;
#  - GA on the default trace: windows of 16 (its default) and of 256 pods, time per window;
#  - the paper's whole matrix (17 traces × 6 policies × 10 seeds) with simon compare;
#  - with --train, `simon train` as it made the shipped MLPScore model (its made_by), into /tmp.
# Times are simon's own ("took"), which excludes process start; wall is measured around it.
#   scripts/bench.sh [RUNS (default 5)] [--no-scale] [--no-k8s] [--no-kube] [--no-ga] [--no-matrix] [--train]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
scale=true k8s=true kube=true ga=true matrix=true train=false
for arg in "${@:2}"; do
	case $arg in
	--no-scale) scale=false ;;
	--no-k8s) k8s=false ;;
	--no-kube) kube=false ;;
	--no-ga) ga=false ;;
	--no-matrix) matrix=false ;;
	--train) train=true ;;
	*) echo "bench: unknown option $arg" >&2; exit 2 ;;
	esac
done
[ -d ../shared/traces/openb/openb_pod_list_default ] || { echo "bench: needs ../shared/traces/openb" >&2; exit 1; }
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build -j "$(nproc)" >/dev/null

# One run: "SECONDS MB" from simon's own report (wall time, in ms, for the matrix).
one_run() {
	local out
	out=$(build/simon "$@")
	echo "$out" | sed -nE 's/.*took +([0-9.]+) s.*peak memory ([0-9.]+) MB.*/\1 \2/p'
}
ms() { awk -v s="$1" 'BEGIN { printf "%d", s * 1000 + 0.5 }'; }

# RUNS runs of simon with these args: sets times (ms), median (ms) and mb (the last run's peak).
timed_runs() {
	local s
	times=()
	for _ in $(seq "$runs"); do
		read -r s mb < <(one_run "$@")
		times+=("$(ms "$s")")
	done
	median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
}

default_trace() {
	local form=$1 config=$2 policy
	for policy in bestfit fgd mlp; do
		timed_runs apply -f "$config" -s "data/schedulers/$policy.yaml"
		echo "bench: default openb trace from $form, $policy: median ${median} ms over $runs runs" \
			"(all: ${times[*]} ms), peak memory $mb MB"
	done
}

scale_copy() {
	local dir=/tmp/simon-scale-$1
	[ -f "$dir/scale-csv.yaml" ] || scripts/make-scale.sh --csv-only "$1" "$dir" >/dev/null
	echo "$dir/scale-csv.yaml"
}

# Replay of the default trace with QoS priorities at 100% offered load: FIFO, PrioritySort +
# DefaultPreemption, and the MLOps rule.
replay_preemption() {
	local policy
	for policy in fgd fgd-preemption fgd-mlops; do
		timed_runs apply -f data/replay/default-qos.yaml -s "data/schedulers/$policy.yaml" -m replay --target-load 100
		echo "bench: default trace replayed at 100% load, $policy: median ${median} ms over $runs runs" \
			"(all: ${times[*]} ms), peak memory $mb MB"
	done
}

default_trace "its YAML folder" data/openb/default.yaml
replay_preemption
default_trace CSV "$(scale_copy 1)"
if $scale; then
	echo "bench: scale (CSV, one run each)   K    nodes     pods   mode       BestFit s     MB     FGD s     MB"
	for k in 1 10 100; do
		config=$(scale_copy "$k")
		nodes=$(( $(wc -l <"/tmp/simon-scale-$k/csv/nodes.csv") - 1 ))
		pods=$(( $(wc -l <"/tmp/simon-scale-$k/csv/pods.csv") - 1 ))
		modes=(inflation)
		[ "$k" = 100 ] && modes+=(replay)
		for mode in "${modes[@]}"; do
			read -r bs bm < <(one_run apply -m "$mode" -f "$config" -s data/schedulers/bestfit.yaml)
			read -r fs fm < <(one_run apply -m "$mode" -f "$config" -s data/schedulers/fgd.yaml)
			printf 'bench: scale                     %4d %8d %8d   %-9s %9.2f %6.0f %9.2f %6.0f\n' \
				"$k" "$nodes" "$pods" "$mode" "$bs" "$bm" "$fs" "$fm"
		done
	done
fi
if $k8s; then
	dir=/tmp/simon-k8s-export
	[ -f "$dir/cluster.yaml" ] || { mkdir -p "$dir" && scripts/make-k8s-export.py "$dir/cluster.yaml"; }
	timed_runs validate -f "$dir" -p FGD
	echo "bench: a kubectl export of 10,000 nodes and 100,000 pods ($(du -m "$dir/cluster.yaml" | cut -f1) MB)," \
		"simon validate: median ${median} ms over $runs runs (all: ${times[*]} ms), peak memory $mb MB"
fi
if $kube; then
	dir=/tmp/simon-kube
	[ -f "$dir/cluster-config.yaml" ] || scripts/make-kube-cluster.py "$dir" >/dev/null
	timed_runs apply -f "$dir/cluster-config.yaml" -s data/schedulers/kube-default.yaml
	echo "bench: kube-default on 10,000 nodes with taints, zones and spread, 100,000 pods:" \
		"median ${median} ms over $runs runs (all: ${times[*]} ms), peak memory $mb MB"
fi
if $ga; then
	pods=$(build/simon apply -f data/openb/default.yaml -s data/schedulers/fgd.yaml | sed -nE 's/.* ([0-9]+) arrived.*/\1/p')
	for window in 16 256; do
		config=/tmp/simon-bench-ga-$window.yaml
		sed "s/^          window: .*/          window: $window/" data/schedulers/ga-offline.yaml | grep -v budget >"$config"
		read -r s mb < <(one_run apply -f data/openb/default.yaml -s "$config")
		echo "bench: GA on the default trace, windows of $window: $s s for $pods pods," \
			"$(awk -v s="$s" -v n="$pods" -v w="$window" 'BEGIN { printf "%.1f", s * 1000 / ((n + w - 1) / w) }') ms" \
			"per window, peak memory $mb MB"
	done
fi
if $matrix; then
	start=$(date +%s%N)
	out=$(build/simon compare data/matrices/atc23.yaml -o out/bench-matrix)
	end=$(date +%s%N)
	runs_done=$(grep -c ',true,' out/bench-matrix/results.csv)
	echo "bench: the paper's matrix, $runs_done runs on $(nproc) threads: $(( (end - start) / 1000000 )) ms wall," \
		"$(echo "$out" | grep -o 'peak memory.*')"
fi
if $train; then
	# The shipped model's own command line, its output sent to /tmp.
	cmd=$(sed -nE 's/^ "made_by": "simon (train .*) -o [^ ]+",$/\1/p' data/models/mlp-default.json)
	[ -n "$cmd" ] || { echo "bench: no made_by in data/models/mlp-default.json" >&2; exit 1; }
	# shellcheck disable=SC2086
	out=$(build/simon $cmd -q -o /tmp/simon-bench-model.json)
	echo "bench: simon $cmd: $(echo "$out" | sed -nE 's/.* in ([0-9.]+ s, peak memory [0-9]+ MB).*/\1/p')"
	cmp -s <(grep -v made_by /tmp/simon-bench-model.json) <(grep -v made_by data/models/mlp-default.json) &&
		echo "bench: the model it wrote is the shipped one, byte for byte (less its made_by line)" ||
		echo "bench: the model it wrote differs from the shipped one"
fi
