#!/usr/bin/env bash
# Fuzzes every loader with libFuzzer under ASan+UBSan (clang): cluster and scheduler configs,
# Node/Pod YAML run end to end, openb CSV lists, matrices, results.json, quantities and
# gen-hier's rewriter.
# Each target starts from its saved corpus (tests/fuzz/corpus/TARGET) and from simon's own
# files in data/; a crash is left as build-fuzz/TARGET/crash-* (copy it into the target's
# saved corpus once fixed: CI replays that corpus as ordinary tests).
#   scripts/fuzz.sh [SECONDS per target (default 60)] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(cluster_config scheduler_config trace csv matrix results quantity hier)
scripts/deps.sh --fuzz
out=build-fuzz
mkdir -p "$out"
flags=(-g -O1 -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DSIMON_VERSION='"fuzz"' -I.
	-fsanitize=address,undefined -fno-sanitize-recover=undefined $(pkg-config --cflags yaml-0.1 libcjson))
libs=($(pkg-config --libs yaml-0.1 libcjson) -lpthread -lm)
sources=(sim/*.c sim/*/*.c policies/*.c tests/fuzz/fuzz_common.c)
# Seeds: simon's own files of each kind.
seed() {
	case $1 in
	cluster_config) echo data/example/cluster-config.yaml data/openb/default.yaml ;;
	scheduler_config) echo data/schedulers/*.yaml ;;
	trace) echo tests/fuzz/corpus/trace/* ;;
	csv) echo tests/fuzz/corpus/csv/* ;;
	matrix) echo data/matrices/*.yaml ;;
	results) echo tests/golden/compare-example/results.json ;;
	quantity) echo ;;
	hier) echo tests/fuzz/corpus/trace/* ;;
	esac
}
for t in "${targets[@]}"; do
	echo "== fuzz $t: ${seconds}s"
	clang "${flags[@]}" -fsanitize=fuzzer "tests/fuzz/fuzz_$t.c" "${sources[@]}" "${libs[@]}" -o "$out/fuzz_$t"
	corpus="$out/corpus/$t"
	mkdir -p "$corpus" "$out/$t"
	cp -n tests/fuzz/corpus/"$t"/* "$corpus/" 2>/dev/null || true
	for f in $(seed "$t"); do cp -n "$f" "$corpus/" 2>/dev/null || true; done
	(cd "$out/$t" && ../fuzz_"$t" -max_total_time="$seconds" -close_fd_mask=2 -rss_limit_mb=2048 \
		-max_len=65536 "../corpus/$t") 2>&1 | grep -E '^(#[0-9]+ *DONE|==[0-9]+==ERROR|SUMMARY|Done)' || true
	ls "$out/$t"/crash-* "$out/$t"/leak-* "$out/$t"/oom-* "$out/$t"/timeout-* 2>/dev/null && exit 1
done
echo "fuzz: no crash in ${#targets[@]} targets × ${seconds}s"
