#!/usr/bin/env python3
"""Writes data/pipelines/cluster/{nodes,pods}.yaml: simon's ML pipeline example.

Eight heterogeneous nodes: four CPU-only (16 cores, 64 GiB), two with four T4 GPUs and two
with eight A100s.  Thirty-six ML pipelines are submitted over two hours (seeded exponential
gaps).  Each has one to three preprocessing pods (CPU only, 5 to 20 minutes, with the data
they read as simon.io/data-bytes), then one training pod (1 to 8 whole GPUs, a third of them
on A100s only, 30 to 90 minutes), then one or two evaluation pods (CPU only, 5 to 10 minutes),
linked by simon.io/after and typed by simon.io/task-type.  The training pods alone ask for
about twice the GPU-hours the cluster has over the two hours, so the placers are contended.
Deterministic (seeded); rerunning it rewrites the same files.
"""
import os
import random

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "pipelines", "cluster")
NODES = [  # name prefix, count, cpus, memory GiB, gpus, model
    ("cpu", 4, 16, 64, 0, None),
    ("t4", 2, 32, 128, 4, "T4"),
    ("a100", 2, 64, 512, 8, "A100"),
]
PIPELINES = 36


def node_doc(name, cpus, mem, gpus, model):
    labels = f"  labels:\n    alibabacloud.com/gpu-card-model: {model}\n" if model else ""
    gpu = f"    alibabacloud.com/gpu-count: '{gpus}'\n" if gpus else ""
    return (f"apiVersion: v1\nkind: Node\nmetadata:\n  name: {name}\n{labels}"
            f"status:\n  allocatable:\n    cpu: '{cpus}'\n    memory: {mem}Gi\n    pods: '110'\n{gpu}")


def pod_doc(name, pipeline, kind, after, at, run, cpus, mem_gib, gpus=0, model=None, data_gib=0):
    annos = [f"simon.io/pipeline: {pipeline}", f"simon.io/task-type: {kind}",
             f"alibabacloud.com/creation-time: '{at}'", f"alibabacloud.com/deletion-time: '{at + run}'"]
    if after:
        annos.append(f"simon.io/after: {', '.join(after)}")
    if data_gib:
        annos.append(f"simon.io/data-bytes: {data_gib}Gi")
    if gpus:
        annos += [f"alibabacloud.com/gpu-count: '{gpus}'", "alibabacloud.com/gpu-milli: '1000'"]
    if model:
        annos.append(f"alibabacloud.com/gpu-card-model: {model}")
    lines = "".join(f"    {a}\n" for a in annos)
    return (f"apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  annotations:\n{lines}"
            f"spec:\n  containers:\n  - name: main\n    resources:\n      requests:\n"
            f"        cpu: '{cpus}'\n        memory: {mem_gib}Gi\n")


def pipeline_docs(rng, k, at):
    name = f"pipe-{k:02d}"
    docs, prep = [], []
    for j in range(rng.randint(1, 3)):
        prep.append(f"{name}-prep-{j}")
        docs.append(pod_doc(prep[-1], name, "preprocessing", [], at, rng.randint(5, 20) * 60,
                            rng.choice([4, 8]), rng.choice([8, 16, 32]), data_gib=rng.randint(1, 20)))
    train = f"{name}-train"
    gpus = rng.choice([1, 2, 4, 4, 8])
    model = "A100" if rng.random() < 1 / 3 else None
    docs.append(pod_doc(train, name, "training", prep, at, rng.randint(30, 90) * 60, 4 * gpus, 16 * gpus,
                        gpus=gpus, model=model))
    for j in range(rng.randint(1, 2)):
        docs.append(pod_doc(f"{name}-eval-{j}", name, "evaluation", [train], at, rng.randint(5, 10) * 60,
                            2, 8))
    return docs


def main():
    rng = random.Random(20261123)
    os.makedirs(ROOT, exist_ok=True)
    nodes = [node_doc(f"{prefix}-{i}", cpus, mem, gpus, model)
             for prefix, count, cpus, mem, gpus, model in NODES for i in range(count)]
    pods, at = [], 0
    for k in range(PIPELINES):
        pods += pipeline_docs(rng, k, at)
        at += int(rng.expovariate(PIPELINES / 7200))
    header = "# Written by scripts/make-pipelines.py; rerun it rather than editing.\n"
    with open(os.path.join(ROOT, "nodes.yaml"), "w") as f:
        f.write(header + "---\n".join(nodes))
    with open(os.path.join(ROOT, "pods.yaml"), "w") as f:
        f.write(header + "---\n".join(pods))


if __name__ == "__main__":
    main()
