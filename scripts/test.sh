#!/usr/bin/env bash
# The whole test suite, twice: a normal build, then one with AddressSanitizer and
# UndefinedBehaviorSanitizer; both with -Wall -Wextra -Werror (SIMON_WERROR).  Tests that need
# the real traces in ../shared skip with a message when it is absent.  Then the libFuzzer
# harnesses are built (clang, SIMON_FUZZ), so that they always link; their saved corpus is
# replayed by both suites' fuzz-corpus tests, and scripts/fuzz.sh runs them.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh --test --fuzz
jobs=$(nproc)
for variant in normal sanitize; do
	dir=build-test-$variant
	flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=ON -DSIMON_WERROR=ON)
	[ $variant = sanitize ] && flags+=(-DSIMON_SANITIZE=ON)
	echo "== $variant build"
	cmake -S . -B "$dir" "${flags[@]}" >/dev/null
	cmake --build "$dir" -j "$jobs" >/dev/null
	(cd "$dir" && ctest --output-on-failure -j "$jobs")
done
echo "== fuzz harnesses (built, not run: scripts/fuzz.sh runs them)"
CC=clang cmake -S . -B build-test-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF -DSIMON_FUZZ=ON \
	-DSIMON_WERROR=ON >/dev/null
cmake --build build-test-fuzz -j "$jobs" >/dev/null
echo "fuzz harnesses: $(ls build-test-fuzz/tests/fuzz/fuzz_* | wc -l) built"
