#!/usr/bin/env bash
# Installs what simon needs from Debian's packages, when it is missing: a C11 compiler,
# CMake, pkg-config, libyaml, cJSON and Criterion; with --test also what the whole test suite
# drives: Chromium (the report page in a real browser), Slurm with munge (sharded runs) and
# PyTorch (scripts/torch-to-simon.py against it); with --fuzz clang and its libFuzzer
# (scripts/fuzz.sh).
set -euo pipefail
needed=(gcc make cmake pkg-config libyaml-dev libcjson-dev libcriterion-dev)
for flag in "$@"; do
	case $flag in
	--test) needed+=(chromium slurm-wlm munge python3-torch) ;;
	--fuzz) needed+=(clang libclang-rt-14-dev) ;;
	esac
done
missing=()
for pkg in "${needed[@]}"; do
	dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "deps: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}" >/dev/null
