#!/usr/bin/env bash
# Loads the report.html of `simon compare` in headless Chromium and checks that the page ran
# (its script lists the charts it finds in the contents box) and that every chart is there.
# Skips (exit 77) when Chromium is not installed: scripts/deps.sh --test installs it.
set -u
simon=$1
root=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v chromium >/dev/null; then
	echo "browser: chromium is not installed (scripts/deps.sh --test installs it); skipped"
	exit 77
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cat > "$out/m.yaml" <<YAML
kind: Matrix
traces: [$root/data/example/cluster-config.yaml]
policies: [$root/data/schedulers/fgd.yaml, BestFitScore, RandomScore]
seeds: [1, 2]
YAML
"$simon" compare "$out/m.yaml" -q -o "$out/report" || { echo "browser: simon compare failed"; exit 1; }
flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-background-networking
	--disable-component-update --disable-sync --user-data-dir="$out/profile")
dom=$(timeout 120 chromium "${flags[@]}" --dump-dom "file://$out/report/report.html" 2>/dev/null)
charts=$(grep -o '<svg[^>]*class="chart"' "$out/report/report.html" | wc -l)
found=$(printf '%s' "$dom" | sed -n 's/.*data-charts="\([0-9]*\)".*/\1/p' | head -1)
links=$(printf '%s' "$dom" | grep -o '<li><a href="#chart-' | wc -l)
timeout 120 chromium "${flags[@]}" --window-size=1400,1800 --screenshot="$out/shot.png" \
	"file://$out/report/report.html" >/dev/null 2>&1
shot=$(stat -c %s "$out/shot.png" 2>/dev/null || echo 0)
[ -n "${SIMON_KEEP_SCREENSHOT:-}" ] && cp "$out/shot.png" "$SIMON_KEEP_SCREENSHOT"
page="$out/report/report.html"
# What a researcher keeps: the best policy in bold, whiskers on the bars, the 100% arrived line,
# the provenance line, and the table as Markdown and LaTeX beside the CSVs.
kept=0
grep -q '<table class="pivot">.*' "$page" && grep -q '<b>' "$page" && kept=$((kept + 1))
grep -q 'stroke="#222"' "$page" && kept=$((kept + 1))
grep -q '100% arrived</text>' "$page" && kept=$((kept + 1))
grep -q 'class="provenance"' "$page" && kept=$((kept + 1))
grep -q '^| trace |' "$out/report/summary.md" && grep -q 'begin{tabular}' "$out/report/summary.tex" && kept=$((kept + 1))
echo "browser: $charts charts in the page; the browser's script found ${found:-none} and listed $links;" \
	"screenshot $shot bytes; $kept of 5 features a researcher keeps"
if [ "$charts" -ge 3 ] && [ "${found:-0}" = "$charts" ] && [ "$links" = "$charts" ] && [ "$shot" -gt 20000 ] &&
	[ "$kept" = 5 ]; then
	echo "browser: 1 passed, 0 failed"
	exit 0
fi
echo "browser: 0 passed, 1 failed"
exit 1
