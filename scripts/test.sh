#!/usr/bin/env bash
# The whole test suite, twice: a normal build, then one with AddressSanitizer and
# UndefinedBehaviorSanitizer; both with -Wall -Wextra -Werror (SIMON_WERROR).  Tests that need
# the real traces in ../shared skip with a message when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh --test
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
