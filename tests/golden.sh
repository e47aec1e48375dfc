#!/usr/bin/env bash
# Golden tests: a simon command line → expected output files, byte for byte.
# Each folder under tests/golden holds `args` (a simon subcommand and its arguments, run from
# the repository root with -q -o OUT added) and the files expected in OUT.  The provenance's
# date is fixed (SOURCE_DATE_EPOCH=0), and the build's commit and the output folder read as
# COMMIT and OUT, so the files compare across builds; every input's SHA-256 stays as it is.
# SIMON_UPDATE_GOLDEN=1 rewrites them.
set -u
simon=$1
root=$(cd "$(dirname "$0")/.." && pwd)
export SOURCE_DATE_EPOCH=0
commit=$("$simon" --version | sed -n 's/.*(commit \(.*\))$/\1/p')
passed=0 failed=0
for case in "$root"/tests/golden/*/; do
	name=$(basename "$case")
	out=$(mktemp -d)
	(cd "$root" && "$simon" $(cat "$case/args") -q -o "$out") || { echo "FAIL $name: simon failed"; failed=$((failed + 1)); continue; }
	ok=1
	for want in "$case"/*; do
		file=$(basename "$want")
		[ "$file" = args ] && continue
		[ -f "$out/$file" ] && sed -i "s|$commit|COMMIT|g; s|$out|OUT|g" "$out/$file"
		if [ "${SIMON_UPDATE_GOLDEN:-0}" = 1 ]; then
			cp "$out/$file" "$want"
		elif ! cmp -s "$want" "$out/$file"; then
			echo "FAIL $name: $file differs"; diff "$want" "$out/$file" | head -10; ok=0
		fi
	done
	rm -rf "$out"
	if [ $ok = 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "golden: $passed passed, $failed failed"
[ $failed = 0 ]
