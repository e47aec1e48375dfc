#!/usr/bin/env bash
# Runs a test that needs the real traces (../shared/traces/openb beside the repository), or
# reports it Skipped (exit 77, ctest's SKIP_RETURN_CODE) with the reason when they are absent.
#   tests/needs-shared.sh COMMAND [ARGS...]
root=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -d "$root/../shared/traces/openb" ]; then
	echo "skipped: needs ../shared/traces/openb beside the repository ($root/../shared), which is absent"
	exit 77
fi
exec "$@"
