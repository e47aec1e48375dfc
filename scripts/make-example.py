#!/usr/bin/env python3
"""Writes data/example/cluster/{nodes,pods}.yaml: simon's own small example.

Sixteen heterogeneous nodes (60 GPUs of three models, two CPU-only nodes) and 300 pods shaped
like the openb trace: about 13% CPU-only, 60% sharing a GPU, 20% one whole GPU and a few
2/4/8-GPU pods, 10% pinned to GPU models.  They arrive over one day, most in working hours,
and run for hours, so a replay queues at the daytime peak.  Nodes sit in racks of four
(labels rack, server); about a third of the pods come in jobs of two to four identical pods
(label job-name), so rack-aware policies have something to keep together.
Deterministic (seeded); rerunning it rewrites the same files.
"""
import os
import random

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "example", "cluster")
NODES = [  # name prefix, count, cpus, memory GiB, gpus, model
    ("v100m32", 4, 96, 384, 8, "V100M32"),
    ("v100m16", 4, 64, 256, 4, "V100M16"),
    ("t4", 6, 64, 256, 2, "T4"),
    ("cpu", 2, 96, 384, 0, None),
]
SHARES = [100, 200, 250, 300, 400, 500, 600, 700, 800, 900]


def node_doc(index, name, cpus, mem, gpus, model):
    labels = f"    rack: rack-{index // 4}\n    server: srv-{index % 4}\n"
    labels += f"    alibabacloud.com/gpu-card-model: {model}\n" if model else ""
    gpu = f"    alibabacloud.com/gpu-count: '{gpus}'\n" if gpus else ""
    return (f"apiVersion: v1\nkind: Node\nmetadata:\n  name: {name}\n  labels:\n"
            f"    kubernetes.io/hostname: {name}\n{labels}"
            f"status:\n  allocatable:\n    cpu: '{cpus}'\n    memory: {mem}Gi\n    pods: '110'\n{gpu}")


def pod_shape(rng):
    r = rng.random()
    if r < 0.13:
        return rng.choice([2000, 4000, 8000, 16000]), 0, 0
    if r < 0.73:
        return rng.choice([2000, 4000, 6000, 8000]), 1, rng.choice(SHARES)
    if r < 0.93:
        return rng.choice([4000, 8000, 12000]), 1, 1000
    return rng.choice([16000, 24000, 32000]), rng.choice([2, 2, 4, 4, 8]), 1000


def pod_doc(rng, i, job):
    shape, created, deleted, job_name, model = job
    cpu, count, milli = shape
    mem = cpu // 1000 * 4096
    annos = [f"alibabacloud.com/creation-time: '{created}'", f"alibabacloud.com/deletion-time: '{deleted}'",
             f"alibabacloud.com/qos: '{rng.choice(['LS', 'BE'])}'"]
    if count:
        annos = [f"alibabacloud.com/gpu-milli: '{milli}'", f"alibabacloud.com/gpu-count: '{count}'"] + annos
        if model:
            annos.append(f"alibabacloud.com/gpu-card-model: '{model}'")
    annos_text = "".join(f"    {a}\n" for a in annos)
    labels = f"  labels:\n    job-name: {job_name}\n" if job_name else ""
    return (f"apiVersion: v1\nkind: Pod\nmetadata:\n  name: example-pod-{i:04d}\n  namespace: example\n"
            f"{labels}  annotations:\n{annos_text}spec:\n  containers:\n  - name: main\n    image: tensorflow:latest\n"
            f"    resources:\n      requests:\n        cpu: {cpu}m\n        memory: {mem}Mi\n")


def jobs(rng, n):
    """Per pod: (shape, creation, deletion, job name or None, GPU model list or None);
    a job's pods are identical."""
    out = []
    while len(out) < n:
        shape = pod_shape(rng)
        daytime = rng.random() < 0.7
        created = rng.randrange(9 * 3600, 18 * 3600) if daytime else rng.randrange(0, 86400)
        deleted = created + int(rng.expovariate(1 / 21600)) + 600
        size = rng.choice([2, 3, 4]) if rng.random() < 0.12 else 1
        name = f"job-{len(out):04d}" if size > 1 else None
        model = rng.choice(["T4", "V100M16|V100M32"]) if shape[1] and rng.random() < 0.10 else None
        for _ in range(min(size, n - len(out))):
            out.append((shape, created, deleted, name, model))
    return out


def main():
    rng = random.Random(20231122)
    os.makedirs(ROOT, exist_ok=True)
    nodes = []
    for prefix, count, cpus, mem, gpus, model in NODES:
        for k in range(count):
            nodes.append(node_doc(len(nodes), f"example-{prefix}-{k}", cpus, mem, gpus, model))
    with open(os.path.join(ROOT, "nodes.yaml"), "w") as f:
        f.write("---\n".join(nodes))
    with open(os.path.join(ROOT, "pods.yaml"), "w") as f:
        f.write("---\n".join(pod_doc(rng, i, job) for i, job in enumerate(jobs(rng, 300))))


if __name__ == "__main__":
    main()
