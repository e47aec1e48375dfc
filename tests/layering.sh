#!/usr/bin/env bash
# The rooms' one-way arrows (README, "Development"): every #include "..." of a room names a
# room it may use.  A forbidden include fails with file, line and the rule it breaks.
#   tests/layering.sh [ROOT]      check the tree at ROOT (default: this repository)
#   tests/layering.sh --self-test check that a tree with a forbidden include fails
set -u

# room (a path prefix) → the rooms its files may include
allowed() {
	case $1 in
	sim/util/*) echo "sim/util/" ;;
	sim/load/*) echo "sim/util/ sim/load/" ;;
	sim/report/*) echo "sim/util/ sim/load/ sim/core sim/report/" ;;
	sim/compare/*) echo "sim/util/ sim/load/ sim/core sim/report/ sim/compare/" ;;
	sim/learn/*) echo "sim/util/ sim/load/ sim/core sim/learn/" ;;
	sim/*) echo "sim/util/ sim/load/ sim/core" ;;
	policies/*) echo "sim/util/ sim/policy.h" ;;
	cmd/*) echo "sim/util/ sim/load/ sim/core sim/report/ sim/compare/ sim/learn/ cmd/" ;;
	tests/*) echo "sim/util/ sim/load/ sim/core sim/report/ sim/compare/ sim/learn/ sim/policy.h tests/" ;;
	esac
}

# "sim/core" stands for the engine core: a header directly in sim/.
matches() {
	local inc=$1 rule=$2
	if [ "$rule" = sim/core ]; then
		[[ $inc == sim/* && $inc != sim/*/* ]]
	else
		[[ $inc == "$rule"* ]]
	fi
}

check() {
	local root=$1 bad=0 file line inc rules ok rule
	cd "$root" || return 2
	while IFS=: read -r file line inc; do
		inc=${inc#*\"}
		inc=${inc%%\"*}
		rules=$(allowed "$file")
		ok=0
		for rule in $rules; do
			matches "$inc" "$rule" && ok=1 && break
		done
		if [ $ok = 0 ]; then
			echo "layering: $file:$line: includes \"$inc\"; ${file%/*}/ may include only: $rules"
			bad=$((bad + 1))
		fi
	done < <(grep -rnH '^#include "' --include='*.c' --include='*.h' sim policies cmd tests 2>/dev/null)
	return $((bad > 0))
}

if [ "${1:-}" = --self-test ]; then
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	mkdir -p "$tmp/sim/load" "$tmp/sim/report"
	printf '#include "sim/util/vec.h"\n#include "sim/load/workload.h"\n' >"$tmp/sim/load/ok.c"
	(check "$tmp") >/dev/null || { echo "layering self-test: an allowed include was refused"; exit 1; }
	printf '#include "sim/report/report.h"\n' >"$tmp/sim/load/bad.c"
	out=$(check "$tmp") && { echo "layering self-test: a loader including a report passed"; exit 1; }
	[[ $out == *"sim/load/bad.c:1: includes \"sim/report/report.h\""* ]] || { echo "layering self-test: wrong message: $out"; exit 1; }
	echo "layering self-test: 2 passed, 0 failed"
	exit 0
fi
check "${1:-$(cd "$(dirname "$0")/.." && pwd)}" && echo "layering: every include follows the arrows"
