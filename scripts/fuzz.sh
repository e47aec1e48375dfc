#!/usr/bin/env bash
# Fuzzes every loader with libFuzzer under ASan+UBSan (clang): cluster and scheduler configs,
# Node/Pod YAML run end to end, openb CSV lists, matrices, results.json, quantities, gen-hier's
# rewriter, WfFormat and batch_task traces, MLP model files, priority classes and pod groups
# under preemption and gangs, and the later steps' keys (descheduling, export, new workload).
# Each target starts from its saved corpus (tests/fuzz/corpus/TARGET) and from simon's own
# files in data/; a crash is left as build-fuzz/TARGET/crash-* (copy it into the target's
# saved corpus once fixed: CI replays that corpus as ordinary tests).
#   scripts/fuzz.sh [SECONDS per target (default 60)] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=($(cd tests/fuzz && ls fuzz_*.c | sed -e 's/^fuzz_//' -e 's/\.c$//' | grep -v '^common$'))
scripts/deps.sh --fuzz
out=build-fuzz
# simcore and the harnesses, built by CMake as the test suite builds them (tests/fuzz).
CC=clang cmake -S . -B "$out" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF -DSIMON_FUZZ=ON >/dev/null
cmake --build "$out" -j "$(nproc)" >/dev/null
# Seeds: simon's own files of each kind.
seed() {
	case $1 in
	cluster_config) echo data/example/cluster-config.yaml data/openb/default.yaml ;;
	scheduler_config) echo data/schedulers/*.yaml ;;
	matrix) echo data/matrices/*.yaml ;;
	results) echo tests/golden/compare-example/results.json ;;
	mlp_model) echo data/models/*.json ;;
	esac
}
for t in "${targets[@]}"; do
	echo "== fuzz $t: ${seconds}s"
	[ -x "$out/tests/fuzz/fuzz_$t" ] || { echo "fuzz: no harness tests/fuzz/fuzz_$t.c" >&2; exit 2; }
	corpus="$out/corpus/$t"
	mkdir -p "$corpus" "$out/$t"
	cp -n tests/fuzz/corpus/"$t"/* "$corpus/" 2>/dev/null || true
	for f in $(seed "$t"); do cp -n "$f" "$corpus/" 2>/dev/null || true; done
	(cd "$out/$t" && ../tests/fuzz/fuzz_"$t" -max_total_time="$seconds" -close_fd_mask=3 -rss_limit_mb=2048 \
		-max_len=65536 -artifact_prefix="$PWD/" "../corpus/$t") 2>&1 | grep -E '^(#[0-9]+ *DONE|==[0-9]+==ERROR|SUMMARY|Done)' || true
	ls "$out/$t"/crash-* "$out/$t"/leak-* "$out/$t"/oom-* "$out/$t"/timeout-* 2>/dev/null && exit 1
done
echo "fuzz: no crash in ${#targets[@]} targets × ${seconds}s"
