#!/usr/bin/env python3
"""Writes a cluster and workload that exercise kube-scheduler's filters and scores, for the
scheduling benchmark (scripts/bench.sh) under data/schedulers/kube-default.yaml:

  NODES nodes (default 10000) of 96 CPUs and 384 GiB over three zones (topology.kubernetes.io/
  zone) and racks of 20; a tenth are 8-GPU A100 nodes tainted nvidia.com/gpu=present:NoSchedule,
  a twentieth dedicated to batch (dedicated=batch:NoSchedule, label pool: batch), one in fifty
  cordoned, one in twenty with a PreferNoSchedule spot taint.
  PODS pending pods (default 100000) of 200 apps: 40% plain; 15% spread over zones (maxSkew 1,
  DoNotSchedule); 10% spread ScheduleAnyway; 10% GPU pods that tolerate the GPU taint and select
  the A100s; 10% preferring a zone; 5% batch pods that tolerate and require the batch pool; 5%
  with required anti-affinity to their app by rack; 5% with preferred affinity to their app by
  zone.

Deterministic.  Usage: make-kube-cluster.py OUTDIR [NODES [PODS]]; writes OUTDIR/cluster/
nodes.yaml and pods.yaml and OUTDIR/cluster-config.yaml (no tuning, pods in name order).
"""
import os
import sys

out_dir = sys.argv[1]
N = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
P = int(sys.argv[3]) if len(sys.argv) > 3 else 100000
os.makedirs(os.path.join(out_dir, 'cluster'), exist_ok=True)

with open(os.path.join(out_dir, 'cluster', 'nodes.yaml'), 'w') as f:
    f.write('apiVersion: v1\nkind: List\nitems:\n')
    for i in range(N):
        labels = f'kubernetes.io/hostname: n{i:05d}, topology.kubernetes.io/zone: zone-{i % 3}, rack: r{i // 20:04d}'
        taints, spec, gpu = [], [], ''
        if i % 10 == 0:
            labels += ', nvidia.com/gpu.product: NVIDIA-A100-SXM4-80GB'
            taints.append('{key: nvidia.com/gpu, value: present, effect: NoSchedule}')
            gpu = ', nvidia.com/gpu: "8"'
        elif i % 20 == 1:
            labels += ', pool: batch'
            taints.append('{key: dedicated, value: batch, effect: NoSchedule}')
        elif i % 20 == 3:
            taints.append('{key: spot, value: "true", effect: PreferNoSchedule}')
        if i % 50 == 7:
            spec.append('unschedulable: true')
            taints.append('{key: node.kubernetes.io/unschedulable, effect: NoSchedule}')
        if taints:
            spec.append('taints: [' + ', '.join(taints) + ']')
        f.write(f'- {{kind: Node, metadata: {{name: n{i:05d}, labels: {{{labels}}}}}, spec: {{{", ".join(spec)}}}, '
                f'status: {{allocatable: {{cpu: "96", memory: 384Gi, pods: "110"{gpu}}}}}}}\n')

with open(os.path.join(out_dir, 'cluster', 'pods.yaml'), 'w') as f:
    f.write('apiVersion: v1\nkind: List\nitems:\n')
    for j in range(P):
        app = f'app-{j % 200:03d}'
        cpu = 1 + j % 4
        kind = j % 20
        spec = ''
        resources = f'{{requests: {{cpu: "{cpu}", memory: {2 * cpu}Gi}}}}'
        if kind < 8:
            pass
        elif kind < 11:
            spec = (f', topologySpreadConstraints: [{{maxSkew: 1, topologyKey: topology.kubernetes.io/zone, '
                    f'whenUnsatisfiable: DoNotSchedule, labelSelector: {{matchLabels: {{app: {app}}}}}}}]')
        elif kind < 13:
            spec = (f', topologySpreadConstraints: [{{maxSkew: 2, topologyKey: topology.kubernetes.io/zone, '
                    f'whenUnsatisfiable: ScheduleAnyway, labelSelector: {{matchLabels: {{app: {app}}}}}}}]')
        elif kind < 15:
            spec = (', tolerations: [{key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}], '
                    'nodeSelector: {nvidia.com/gpu.product: NVIDIA-A100-SXM4-80GB}')
            resources = f'{{limits: {{cpu: "{cpu}", memory: {2 * cpu}Gi, nvidia.com/gpu: "1"}}}}'
        elif kind < 17:
            spec = (f', affinity: {{nodeAffinity: {{preferredDuringSchedulingIgnoredDuringExecution: [{{weight: 50, '
                    f'preference: {{matchExpressions: [{{key: topology.kubernetes.io/zone, operator: In, '
                    f'values: [zone-{j % 3}]}}]}}}}]}}}}')
        elif kind < 18:
            spec = (', tolerations: [{key: dedicated, operator: Equal, value: batch, effect: NoSchedule}], '
                    'affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: '
                    '[{matchExpressions: [{key: pool, operator: In, values: [batch]}]}]}}}')
        elif kind < 19:
            spec = (f', affinity: {{podAntiAffinity: {{requiredDuringSchedulingIgnoredDuringExecution: [{{labelSelector: '
                    f'{{matchLabels: {{app: {app}}}}}, topologyKey: rack}}]}}}}')
        else:
            spec = (f', affinity: {{podAffinity: {{preferredDuringSchedulingIgnoredDuringExecution: [{{weight: 10, '
                    f'podAffinityTerm: {{labelSelector: {{matchLabels: {{app: {app}}}}}, topologyKey: '
                    f'topology.kubernetes.io/zone}}}}]}}}}')
        f.write(f'- {{kind: Pod, metadata: {{name: p{j:06d}, labels: {{app: {app}}}}}, '
                f'spec: {{containers: [{{name: c, resources: {resources}}}]{spec}}}}}\n')

with open(os.path.join(out_dir, 'cluster-config.yaml'), 'w') as f:
    f.write('apiVersion: simon/v1alpha1\nkind: Config\nmetadata:\n  name: kube-cluster\nspec:\n  cluster:\n'
            '    customConfig: cluster\n  customConfig:\n    shufflePod: false\n')
