#!/usr/bin/env bash
# Writes simon's man page (troff) from its own help texts, so the two never disagree.
#   scripts/man-page.sh SIMON > simon.1
set -euo pipefail
simon=$1
version=$("$simon" --version | awk '{ print $2 }')
# Help text as troff: no-fill, backslashes and leading dots escaped.
verbatim() { printf '.nf\n'; sed -e 's/\\/\\e/g' -e 's/^\./\\\&./' -e "s/^'/\\\\\\&'/"; printf '.fi\n'; }
commands=$("$simon" --help | awk '/^commands:/ { on = 1; next } on && NF { print $1 }')
cat <<HEAD
.TH SIMON 1 "" "simon $version" "User Commands"
.SH NAME
simon \- an offline cluster-scheduling simulator for GPU clusters
.SH SYNOPSIS
HEAD
"$simon" --help | verbatim
printf '.SH DESCRIPTION\nsimon replays a cluster (Kubernetes Node YAML) and a workload (Pod YAML with the Alibaba GPU-trace\nannotations) through placement policies and reports GPU allocation, fragmentation and waits.\n'
printf '.SH COMMANDS\n'
for c in $commands; do
	[ "$c" = help ] && continue
	printf '.SS %s\n' "$c"
	"$simon" "$c" --help | verbatim
done
printf '.SH POLICIES\n'
"$simon" help policies | verbatim
printf '.SH EXIT STATUS\n0 success; 1 bad input or a failed run (one line on stderr naming the file, line and column);\n2 bad usage.\n'
