#!/usr/bin/env bash
# Brings up a single-node Slurm (munge, slurmctld, slurmd) in a scratch folder, runs a small
# matrix as a 3-task job array with scripts/slurm/compare.sbatch, merges the shards and checks
# the merge equals one unsharded run.  Skips (exit 77) only where Slurm cannot start here.
set -u
simon=$1
root=$(cd "$(dirname "$0")/.." && pwd)
skip() { echo "slurm: $1; skipped"; exit 77; }
for tool in munged slurmctld slurmd sbatch sinfo; do
	command -v "$tool" >/dev/null || skip "$tool is not installed (scripts/deps.sh --test installs Slurm)"
done
[ "$(id -u)" -eq 0 ] || skip "starting slurmd needs root"
work=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	sleep 0.5
	for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
	rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/munge" "$work/state" "$work/spool" "$work/out"
chmod 700 "$work/munge"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none && chmod 400 "$work/munge/munge.key"
munged --force -S "$work/munge/sock" --key-file="$work/munge/munge.key" --pid-file="$work/munge/pid" \
	--log-file="$work/munge/log" --seed-file="$work/munge/seed" 2>"$work/munge/err" || skip "munged did not start: $(cat "$work/munge/err")"
sleep 0.3
[ -f "$work/munge/pid" ] && pids+=("$(cat "$work/munge/pid")")
host=$(hostname -s)
port=$((20000 + RANDOM % 20000))
cat > "$work/slurm.conf" <<CONF
ClusterName=simontest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$work/munge/sock
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MpiDefault=none
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$work/slurm.conf
slurmctld -D -f "$SLURM_CONF" >"$work/ctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" -N "$host" >"$work/d.out" 2>&1 &
pids+=($!)
for _ in $(seq 60); do
	state=$(sinfo -h -N -o %T 2>/dev/null | head -1)
	[ "$state" = idle ] && break
	sleep 0.5
done
if [ "${state:-}" != idle ]; then
	echo "slurm: node state '${state:-none}'; daemons said:"
	tail -5 "$work/slurmctld.log" "$work/slurmd.log" "$work/d.out" 2>/dev/null
	skip "Slurm did not come up on this machine"
fi
cat > "$work/m.yaml" <<YAML
kind: Matrix
traces: [$root/data/example/cluster-config.yaml]
policies: [$root/data/schedulers/fgd.yaml, BestFitScore, RandomScore]
seeds: [1, 2, 3]
YAML
cd "$work"
if ! timeout 300 sbatch --wait --array=1-3 --chdir="$work" "$root/scripts/slurm/compare.sbatch" "$work/m.yaml" \
	"$work/out" "$simon" >"$work/sbatch.out" 2>&1; then
	echo "slurm: the array job failed:"; cat "$work/sbatch.out" "$work"/simon-compare-*.out 2>/dev/null
	echo "slurm: 0 passed, 1 failed"; exit 1
fi
"$simon" compare --merge -q -o "$work/merged" "$work"/out/shard-* &&
	"$simon" compare "$work/m.yaml" -q -o "$work/whole" || { echo "slurm: 0 passed, 1 failed"; exit 1; }
# The same results; only the provenance (the command and date that made them) may differ.
strip() { sed 's/"provenance":{.*},"matrix"/"matrix"/' "$1"; }
if [ "$(strip "$work/merged/results.json")" = "$(strip "$work/whole/results.json")" ] &&
	cmp -s "$work/merged/results.csv" "$work/whole/results.csv" && cmp -s "$work/merged/summary.csv" "$work/whole/summary.csv"; then
	echo "slurm: 3 array tasks ran on Slurm; their merge equals the unsharded run"
	echo "slurm: 1 passed, 0 failed"
	exit 0
fi
echo "slurm: the merged results differ from the unsharded run"
echo "slurm: 0 passed, 1 failed"
exit 1
