#!/usr/bin/env bash
# The rooms' one-way arrows (README, "Development"), checked twice:
#  - includes: every #include "..." of a room names a room it may use;
#  - symbols (nm on the built library): an object uses only what rooms at its level or below
#    define.  A plugin calls into the engine only through the handle its interfaces declare
#    (sim/plugin/*.h: trials, the filters' what-if); the engine reaches plugins only through
#    the registry; and no objects use each other's symbols round a ring.
# A breach fails with file, line or symbol, and the rule it breaks.
#   tests/layering.sh [ROOT]           the includes of the tree at ROOT (default: this repository)
#   tests/layering.sh --symbols LIB    the objects of LIB (libsimcore.a), sources in this repository
#   tests/layering.sh --self-test      a forbidden include and a planted back-call both fail
set -u

# room (a path prefix) → the rooms its files may include
allowed() {
	case $1 in
	sim/util/*) echo "sim/util/" ;;
	sim/load/*) echo "sim/util/ sim/load/" ;;
	sim/model/*) echo "sim/util/ sim/load/ sim/model/" ;;
	sim/plugin/*) echo "sim/util/ sim/load/ sim/model/ sim/plugin/" ;;
	policies/*) echo "sim/util/ sim/load/ sim/model/ sim/plugin/ policies/" ;;
	sim/report/*) echo "sim/util/ sim/load/ sim/model/ sim/plugin/ sim/core sim/report/" ;;
	sim/compare/*) echo "sim/util/ sim/load/ sim/model/ sim/plugin/ sim/core sim/report/ sim/compare/" ;;
	sim/learn/*) echo "sim/util/ sim/load/ sim/model/ sim/plugin/ sim/core sim/learn/" ;;
	sim/*) echo "sim/util/ sim/load/ sim/model/ sim/plugin/ sim/core" ;;
	cmd/*) echo "sim/util/ sim/load/ sim/model/ sim/plugin/ sim/core sim/report/ sim/compare/ sim/learn/ cmd/" ;;
	tests/*) echo "sim/ policies/ tests/" ;;
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

check_includes() {
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
	# headers that include each other, round a ring
	local loop
	loop=$(grep -rH '^#include "' --include='*.h' sim policies 2>/dev/null | sed -E 's/^([^:]*):#include "([^"]*)".*/\1 \2/' |
		tsort 2>&1 >/dev/null | grep -v 'input contains a loop' | sed 's/^tsort: //' | sort -u | tr '\n' ' ')
	if [ -n "$loop" ]; then
		echo "layering: headers include each other round a ring: $loop"
		bad=$((bad + 1))
	fi
	return $((bad > 0))
}

# The library's objects are named by their sources' names, which are unique in the tree.
source_of() {
	local root=$1 object=${2%.o}
	(cd "$root" && find sim policies -name "$object" -print -quit 2>/dev/null)
}

check_symbols() {
	local lib=$1 root=$2 tmp bad=0
	tmp=$(mktemp -d)
	nm -A --defined-only "$lib" 2>/dev/null | awk '$(NF-1) ~ /^[TDBRC]$/ {split($1, p, ":"); print p[2], $NF}' |
		sort -u >"$tmp/defined"
	nm -A -u "$lib" 2>/dev/null | awk '{split($1, p, ":"); print p[2], $NF}' | sort -u >"$tmp/used"
	# the engine's handle for plugins: the functions sim/plugin/*.h declare
	grep -hoE '^[a-z][a-z0-9_ *]*[ *]([a-z_][a-z0-9_]*)\(' "$root"/sim/plugin/*.h 2>/dev/null |
		sed -E 's/.*[ *]([a-z_][a-z0-9_]*)\($/\1/' | sort -u >"$tmp/handle"
	# A source's level (the awk below): what it may use is what is at its level or below.
	for object in $(cut -d' ' -f1 "$tmp/defined" "$tmp/used" | sort -u); do
		printf '%s %s\n' "$object" "$(source_of "$root" "$object")"
	done >"$tmp/sources"
	: >"$tmp/edges"
	# user object, symbol, definer object; the breaches, and the edges (the registry's table of
	# plugins lists them, it does not call them: its edges are left out of the rings)
	join -1 2 -2 2 <(sort -k2 "$tmp/used") <(sort -k2 "$tmp/defined") | awk '{print $2, $1, $3}' | sort |
		awk -v handle="$tmp/handle" -v sources="$tmp/sources" -v edges="$tmp/edges" '
		function level(s) {
			if (s ~ /^sim\/util\//) return 0
			if (s ~ /^sim\/load\//) return 1
			if (s ~ /^sim\/model\// || s == "") return 2   # "": generated data (the default model)
			if (s ~ /^sim\/plugin\//) return 3
			if (s ~ /^policies\//) return 4
			if (s ~ /^sim\/(report|learn)\//) return 6
			if (s ~ /^sim\/compare\//) return 7
			if (s ~ /^sim\//) return 5
			return 9
		}
		BEGIN {
			while ((getline line < handle) > 0) is_handle[line] = 1
			while ((getline line < sources) > 0) { split(line, f, " "); src[f[1]] = f[2] }
		}
		$1 != $3 {
			us = src[$1]; ds = src[$3]; ul = level(us); dl = level(ds)
			if (ds != "policies/registry.c") print $1, $3 > edges
			if (dl > ul && !(ul == 4 && is_handle[$2])) {
				printf "layering: %s uses %s from %s, a room above it%s\n", us, $2, ds,
					ul == 4 ? " (plugins reach the engine only through sim/plugin/*.h)" : ""
				bad++
			} else if (ul >= 5 && dl == 4 && ds != "policies/registry.c") {
				printf "layering: %s uses %s from %s: the engine names plugins only through the registry\n", us, $2, ds
				bad++
			}
		}
		END { exit bad > 0 }' || bad=1
	if [ -s "$tmp/edges" ] && ! tsort "$tmp/edges" >/dev/null 2>"$tmp/loop"; then
		echo "layering: objects use each other's symbols round a ring:" $(grep -v 'input contains a loop' "$tmp/loop" | sed 's/^tsort: //' | sort -u)
		bad=$((bad + 1))
	fi
	rm -rf "$tmp"
	return $((bad > 0))
}

self_test() {
	local tmp out cc=${CC:-cc} failed=0
	tmp=$(mktemp -d)
	trap "rm -rf '$tmp'" EXIT
	mkdir -p "$tmp/sim/load" "$tmp/sim/report" "$tmp/sim/plugin" "$tmp/policies/score"
	printf '#include "sim/util/vec.h"\n#include "sim/load/workload.h"\n' >"$tmp/sim/load/ok.c"
	(check_includes "$tmp") >/dev/null || { echo "layering self-test: an allowed include was refused"; failed=1; }
	printf '#include "sim/report/report.h"\n' >"$tmp/sim/load/bad.c"
	out=$(check_includes "$tmp") && { echo "layering self-test: a loader including a report passed"; failed=1; }
	[[ $out == *"sim/load/bad.c:1: includes \"sim/report/report.h\""* ]] ||
		{ echo "layering self-test: wrong message: $out"; failed=1; }
	rm "$tmp/sim/load/bad.c"
	printf '#include "sim/load/b.h"\n' >"$tmp/sim/load/a.h"
	printf '#include "sim/load/a.h"\n' >"$tmp/sim/load/b.h"
	out=$(check_includes "$tmp") && { echo "layering self-test: headers round a ring passed"; failed=1; }
	[[ $out == *"round a ring: sim/load/a.h sim/load/b.h"* ]] || { echo "layering self-test: wrong message: $out"; failed=1; }
	rm "$tmp/sim/load/a.h" "$tmp/sim/load/b.h"
	# A plugin calling the handle passes; one calling the engine's internals fails.
	printf 'int trial_undo(void *t);\n' >"$tmp/sim/plugin/batch.h"
	printf 'int trial_undo(void *t) { return t != 0; }\nint bind_pod(void *r) { return r != 0; }\n' >"$tmp/sim/trial_part.c"
	printf 'int trial_undo(void *t);\nint toy_place(void *t) { return trial_undo(t); }\n' >"$tmp/policies/score/toy_ok.c"
	printf 'int bind_pod(void *r);\nint toy_bad(void *r) { return bind_pod(r); }\n' >"$tmp/policies/score/toy_bad.c"
	for f in sim/trial_part policies/score/toy_ok policies/score/toy_bad; do
		"$cc" -c "$tmp/$f.c" -o "$tmp/$(basename "$f").c.o" || { echo "layering self-test: $cc failed"; return 1; }
	done
	ar rc "$tmp/good.a" "$tmp/trial_part.c.o" "$tmp/toy_ok.c.o"
	(check_symbols "$tmp/good.a" "$tmp") >/dev/null || { echo "layering self-test: a call through the handle was refused"; failed=1; }
	ar rc "$tmp/bad.a" "$tmp/trial_part.c.o" "$tmp/toy_bad.c.o"
	out=$(check_symbols "$tmp/bad.a" "$tmp") && { echo "layering self-test: a planted back-call passed"; failed=1; }
	[[ $out == *"policies/score/toy_bad.c uses bind_pod from sim/trial_part.c"* ]] ||
		{ echo "layering self-test: wrong message: $out"; failed=1; }
	[ $failed = 0 ] && echo "layering self-test: 5 passed, 0 failed"
	return $failed
}

repo=$(cd "$(dirname "$0")/.." && pwd)
case ${1:-} in
--self-test) self_test ;;
--symbols) check_symbols "$2" "$repo" && echo "layering: every object's symbols follow the arrows" ;;
*) check_includes "${1:-$repo}" && echo "layering: every include follows the arrows" ;;
esac
