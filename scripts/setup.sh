#!/usr/bin/env bash
# Quick start: install what is missing, build simon, and run the shipped example.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build -j "$(nproc)" >/dev/null
echo "built build/simon; running the shipped example:"
echo "  build/simon apply -f data/example/cluster-config.yaml -s data/schedulers/bestfit.yaml"
echo
build/simon apply -f data/example/cluster-config.yaml -s data/schedulers/bestfit.yaml
