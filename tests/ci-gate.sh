#!/usr/bin/env bash
# The CI gate: a small matrix on the default openb trace whose gates state the paper's claim
# (data/matrices/ci-gate.yaml).  simon compare exits 1 with a table when a gate fails.
# Skips (exit 77) without ../shared/traces/openb.
set -u
simon=$1
root=$(cd "$(dirname "$0")/.." && pwd)
[ -d "$root/../shared/traces/openb/openb_pod_list_default" ] || { echo "ci-gate: needs ../shared/traces/openb; skipped"; exit 77; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cd "$root" && "$simon" compare data/matrices/ci-gate.yaml -o "$out"
