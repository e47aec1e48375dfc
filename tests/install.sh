#!/usr/bin/env bash
# cmake --install puts simon in bin/, its man page in man1 and its bash completion where bash
# looks; the installed binary runs the shipped example from anywhere.
set -euo pipefail
build=$1
root=$(cd "$(dirname "$0")/.." && pwd)
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
fail() { echo "install: $1"; exit 1; }
[ -x "$prefix/bin/simon" ] || fail "no bin/simon"
man=$(find "$prefix" -name simon.1)
[ -n "$man" ] && grep -q '^\.TH SIMON 1' "$man" || fail "no man page"
grep -q '^\.SS compare' "$man" || fail "the man page lacks the compare command"
completion="$prefix/share/bash-completion/completions/simon"
[ -f "$completion" ] || fail "no bash completion"
words=$(bash -c "source '$completion'; COMP_WORDS=(simon com); COMP_CWORD=1; _simon; echo \${COMPREPLY[*]}")
[ "$words" = compare ] || fail "completing 'simon com' gave '$words'"
(cd "$prefix" && bin/simon apply -f "$root/data/example/cluster-config.yaml" -p fgd -q) || fail "the installed simon does not run"
echo "install: 5 passed, 0 failed"
