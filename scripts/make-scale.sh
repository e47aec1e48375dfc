#!/usr/bin/env bash
# Writes a K-times copy of an openb trace (default: the default trace) for scaling runs, as CSV
# and as YAML, with cluster configs set up as the paper runs the traces (shuffled, tuned to
# 1.3x, typical pods 95%, step 1).  Copy k of every node and pod is renamed NAME-kK.  The
# output goes outside the repository (default /tmp/simon-scale-K); ../shared is only read.
# With --csv-only, no YAML (at 100x it is ~440 MB of pods).
#   scripts/make-scale.sh [--csv-only] K [OUTDIR] [TRACE]
#   simon apply -f OUTDIR/scale-csv.yaml -p fgd      (or scale-yaml.yaml)
set -euo pipefail
cd "$(dirname "$0")/.."
csv_only=false
[ "${1:-}" = --csv-only ] && { csv_only=true; shift; }
k=${1:?usage: scripts/make-scale.sh [--csv-only] K [OUTDIR] [TRACE]}
out=${2:-/tmp/simon-scale-$k}
trace=${3:-default}
openb=$PWD/../shared/traces/openb
[ -d "$openb/csv" ] || { echo "make-scale: needs ../shared/traces/openb" >&2; exit 1; }
[[ $k =~ ^[1-9][0-9]*$ ]] || { echo "make-scale: K must be a whole number of at least 1" >&2; exit 2; }
mkdir -p "$out/csv"
$csv_only || mkdir -p "$out/yaml"
# CSV: the header once, then K renamed copies of the rows.
scale_csv() {
	awk -F, -v OFS=, -v k="$k" 'NR == 1 { print; next } { rows[NR] = $0 }
		END { for (c = 0; c < k; c++) for (i = 2; i <= NR; i++) { $0 = rows[i]; $1 = $1 "-k" c; print } }' "$1" >"$2"
}
scale_csv "$openb/csv/openb_node_list_gpu_node.csv" "$out/csv/nodes.csv"
scale_csv "$openb/csv/openb_pod_list_$trace.csv" "$out/csv/pods.csv"
# YAML: K copies of the documents, names (and the hostname label) suffixed.
scale_yaml() {
	for ((c = 0; c < k; c++)); do
		sed -E "s/^(  name: |    kubernetes.io\/hostname: )(openb-[a-z]+-[0-9]+)\$/\1\2-k$c/" "$1"
		printf '\n---\n'
	done >"$2"
}
if ! $csv_only; then
	scale_yaml "$openb/openb_pod_list_$trace/openb_node_list_gpu_node.yaml" "$out/yaml/nodes.yaml"
	scale_yaml "$openb/openb_pod_list_$trace/openb_pod_list_$trace.yaml" "$out/yaml/pods.yaml"
fi
. scripts/paper-config.sh
comment="A ${k}x copy of the openb trace \"$trace\" (scripts/make-scale.sh), set up as the paper runs it."
paper_config "$comment" "openb-$trace-x$k" "[csv/nodes.csv, csv/pods.csv]" >"$out/scale-csv.yaml"
$csv_only || paper_config "$comment" "openb-$trace-x$k" yaml >"$out/scale-yaml.yaml"
echo "make-scale: $(tail -n +2 "$out/csv/nodes.csv" | wc -l) nodes and" \
	"$(tail -n +2 "$out/csv/pods.csv" | wc -l) pods in $out (scale-csv.yaml, scale-yaml.yaml)"
