#!/usr/bin/env bash
# Reproduces the ATC'23 comparison with simon compare: openb traces × the six published
# policies × seeds 42–51, each tuned to 1.3x the cluster's GPUs as the paper's run scripts do,
# and prints per trace and policy the mean (± spread) GPU allocation rate at 100% arrived.
#   scripts/reproduce-atc23.sh          the five traces of the README's table (300 runs)
#   scripts/reproduce-atc23.sh --all    all 17 traces of the paper (1,020 runs)
# Every run's results, the summary and report.html land in out/atc23/.
set -euo pipefail
cd "$(dirname "$0")/.."
matrix=data/matrices/atc23-five.yaml
[ "${1:-}" = --all ] && matrix=data/matrices/atc23.yaml
[ -d ../shared/traces/openb ] || { echo "reproduce-atc23: needs ../shared/traces/openb" >&2; exit 1; }
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build -j "$(nproc)" >/dev/null
build/simon compare "$matrix" -o out/atc23 -q || true
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
	{ t = $1; p = $3; if (!(t in seen_t)) { seen_t[t] = 1; traces[++nt] = t }
	  if (!(p in seen_p)) { seen_p[p] = 1; policies[++np] = p }
	  v[t, p] = sprintf("%.2f ±%.2f", $col["alloc_at_100_mean"], $col["alloc_at_100_std"]) }
	END { printf "%-12s", "trace"; for (j = 1; j <= np; j++) printf "%16s", policies[j]; print ""
	      for (i = 1; i <= nt; i++) { printf "%-12s", traces[i]
	          for (j = 1; j <= np; j++) printf "%16s", v[traces[i], policies[j]]; print "" } }' out/atc23/summary.csv
echo
echo "GPU allocation rate (%) at 100% arrived workload, mean ± sample standard deviation over seeds 42-51"
grep -c ',true,' out/atc23/results.csv | sed 's/$/ runs; report: out\/atc23\/report.html/'
