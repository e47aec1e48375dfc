#!/usr/bin/env python3
"""Writes a large Kubernetes export, as `kubectl get nodes,pods -A -o yaml` writes it, for the
load benchmark (scripts/bench.sh): NODES nodes (half 8-GPU A100s, a tenth MIG-partitioned,
a fifth 4-GPU T4s, the rest CPU-only) and PODS pods with the metadata, env, volumes and status a
real export carries; 60% run bound to a node (never more than it holds), 10% have finished.
Deterministic; usage: make-k8s-export.py OUT.yaml [NODES [PODS]] (default 10000 100000).
"""
import sys

path = sys.argv[1]
N = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
P = int(sys.argv[3]) if len(sys.argv) > 3 else 100000
out = open(path, 'w')
w = out.write
w('apiVersion: v1\nkind: List\nmetadata:\n  resourceVersion: ""\nitems:\n')
kinds = []
for i in range(N):
    t = i % 10
    if t < 5:
        gpus, prod, extra = 8, 'NVIDIA-A100-SXM4-80GB', ''
    elif t < 6:
        gpus, prod, extra = 4, 'NVIDIA-A100-SXM4-80GB', ', nvidia.com/mig-1g.10gb: "14", nvidia.com/mig-3g.40gb: "4"'
    elif t < 8:
        gpus, prod, extra = 4, 'Tesla-T4', ''
    else:
        gpus, prod, extra = 0, None, ''
    kinds.append(gpus)
    labels = f'kubernetes.io/hostname: node-{i}, kubernetes.io/arch: amd64, kubernetes.io/os: linux, topology.kubernetes.io/zone: zone-{i % 3}'
    if prod:
        labels += f', nvidia.com/gpu.product: {prod}, nvidia.com/gpu.count: "{gpus}"'
    gpu = f', nvidia.com/gpu: "{gpus}"' if gpus else ''
    w(f'''- apiVersion: v1
  kind: Node
  metadata:
    name: node-{i}
    uid: 4f1c2a7e-{i:04x}-4b7c-9d1e-0242ac120002
    resourceVersion: "{1000 + i}"
    creationTimestamp: "2026-09-01T08:00:00Z"
    labels: {{{labels}}}
    annotations: {{node.alpha.kubernetes.io/ttl: "0", volumes.kubernetes.io/controller-managed-attach-detach: "true"}}
  spec:
    podCIDR: 10.{i // 250}.{i % 250}.0/24
    providerID: aws:///zone/i-{i:08x}
  status:
    capacity: {{cpu: "96", memory: 1056318Mi, pods: "110", ephemeral-storage: 1800Gi, hugepages-1Gi: "0", hugepages-2Mi: "0"{gpu}{extra}}}
    allocatable: {{cpu: 95500m, memory: 1048576Mi, pods: "110", ephemeral-storage: 1700Gi, hugepages-1Gi: "0", hugepages-2Mi: "0"{gpu}{extra}}}
    conditions:
    - {{type: MemoryPressure, status: "False", lastHeartbeatTime: "2026-12-01T10:00:00Z", reason: KubeletHasSufficientMemory}}
    - {{type: DiskPressure, status: "False", lastHeartbeatTime: "2026-12-01T10:00:00Z", reason: KubeletHasNoDiskPressure}}
    - {{type: Ready, status: "True", lastHeartbeatTime: "2026-12-01T10:00:00Z", reason: KubeletReady}}
    addresses: [{{type: InternalIP, address: 10.0.{i // 250}.{i % 250}}}, {{type: Hostname, address: node-{i}}}]
    nodeInfo: {{kubeletVersion: v1.30.4, containerRuntimeVersion: containerd://1.7.20, osImage: Ubuntu 22.04.4 LTS}}
''')
# Each node holds at most 6 bound pods of 1 GPU / 8 CPU, so no node overruns.
slots = {}
for j in range(P):
    ns = f'team-{j % 40}'
    bound = j % 10 < 6
    node = None
    if bound:
        node = (j * 7919) % N
        if slots.get(node, 0) >= min(6, kinds[node] or 6):
            bound = False
        else:
            slots[node] = slots.get(node, 0) + 1
    gpu = ''
    if node is not None and bound and kinds[node] > 0:
        gpu = ', nvidia.com/gpu: "1"'
    elif not bound and j % 3 == 0:
        gpu = ', nvidia.com/gpu: "2"'
    phase = 'Running' if bound else ('Succeeded' if j % 10 == 9 else 'Pending')
    spec_node = f'\n    nodeName: node-{node}' if bound else ''
    status = f'{{phase: {phase}, startTime: "2026-12-01T0{j % 10}:00:00Z", qosClass: Burstable}}' if phase != 'Succeeded' else \
        f'''
      phase: Succeeded
      startTime: "2026-12-01T01:00:00Z"
      containerStatuses:
      - {{name: main, ready: false, restartCount: 0, image: registry.example.com/app:1, state: {{terminated: {{exitCode: 0, startedAt: "2026-12-01T01:00:05Z", finishedAt: "2026-12-01T02:00:05Z"}}}}}}'''
    w(f'''- apiVersion: v1
  kind: Pod
  metadata:
    name: job-{j}-worker
    namespace: {ns}
    uid: 9b2e4c1a-{j:05x}-4d3e-8f2a-0242ac120003
    resourceVersion: "{200000 + j}"
    creationTimestamp: "2026-12-01T00:{j % 60:02d}:00Z"
    labels: {{app: job-{j % 500}, team: {ns}}}
    annotations: {{kubectl.kubernetes.io/restartedAt: "2026-11-30T12:00:00Z"}}
  spec:{spec_node}
    restartPolicy: Never
    schedulerName: default-scheduler
    serviceAccountName: default
    terminationGracePeriodSeconds: 30
    dnsPolicy: ClusterFirst
    containers:
    - name: main
      image: registry.example.com/app:{j % 17}
      command: [python, train.py, --epochs, "10"]
      env: [{{name: RANK, value: "0"}}, {{name: WORLD_SIZE, value: "1"}}]
      resources:
        requests: {{cpu: "8", memory: 32Gi{gpu}}}
        limits: {{memory: 64Gi{gpu}}}
      volumeMounts: [{{name: kube-api-access, mountPath: /var/run/secrets/kubernetes.io/serviceaccount, readOnly: true}}]
    volumes:
    - name: kube-api-access
      projected: {{sources: [{{serviceAccountToken: {{expirationSeconds: 3607, path: token}}}}]}}
  status: {status}
''')
out.close()
