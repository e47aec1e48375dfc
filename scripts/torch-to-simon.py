#!/usr/bin/env python3
"""Converts a PyTorch state_dict of an MLP into a simon model file (MLPScore's `model`).

  torch-to-simon.py STATE_DICT.pt OUT.json [--activations relu,relu,identity]
                    [--tie-margin X] [--features MODEL.json]

The state_dict is that of a stack of nn.Linear layers (nn.Sequential or named modules, in
registration order): each layer's `weight` (out x in) and `bias` (out).  A state_dict holds no
activations, so they are given: one per layer, each identity, relu, tanh or sigmoid (default:
relu between layers, identity after the last).  The first layer reads simon's pair features,
in simon's order: their names come from a simon model file (default: the shipped one,
data/models/mlp-default.json).  The last layer has one output, the logit MLPScore scores with.
Nothing is written unless every check passes.  Needs Debian's python3-torch.
"""
import argparse
import json
import math
import os
import sys

ACTIVATIONS = ("identity", "relu", "tanh", "sigmoid")


def fail(msg):
    sys.exit(f"torch-to-simon: {msg}")


def layers_of(state):
    """[(name, weight, bias)] in the state_dict's order."""
    names = []
    for key in state:
        prefix, _, kind = key.rpartition(".")
        if kind not in ("weight", "bias"):
            fail(f"{key}: expected only Linear layers' weight and bias")
        if prefix not in names:
            names.append(prefix)
    layers = []
    for name in names:
        w, b = state.get(f"{name}.weight"), state.get(f"{name}.bias")
        if w is None or b is None:
            fail(f"layer {name}: needs both weight and bias")
        if w.dim() != 2 or b.dim() != 1 or b.shape[0] != w.shape[0]:
            fail(f"layer {name}: weight {tuple(w.shape)} and bias {tuple(b.shape)} are not a Linear layer's")
        layers.append((name, w.double().tolist(), b.double().tolist()))
    return layers


def check(layers, activations, features):
    if len(activations) != len(layers):
        fail(f"{len(layers)} layers but {len(activations)} activations")
    inputs = len(features)
    for (name, w, b), act in zip(layers, activations):
        if act not in ACTIVATIONS:
            fail(f"activation {act!r}: expected one of {', '.join(ACTIVATIONS)}")
        if len(w[0]) != inputs:
            fail(f"layer {name}: {len(w[0])} inputs, expected {inputs}")
        if not all(math.isfinite(v) for row in w for v in row) or not all(math.isfinite(v) for v in b):
            fail(f"layer {name}: a weight or bias is not finite")
        inputs = len(w)
    if inputs != 1:
        fail(f"the last layer has {inputs} outputs; expected 1, the score")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("state_dict")
    p.add_argument("output")
    p.add_argument("--activations", help="one per layer (default: relu between, identity last)")
    p.add_argument("--tie-margin", type=float, default=0.0)
    p.add_argument("--features", default=os.path.join(here, "..", "data", "models", "mlp-default.json"))
    a = p.parse_args()
    import torch  # here, so that --help works without it

    state = torch.load(a.state_dict, map_location="cpu")
    if hasattr(state, "state_dict"):
        state = state.state_dict()
    layers = layers_of(state)
    if not layers:
        fail("the state_dict holds no layers")
    acts = a.activations.split(",") if a.activations else ["relu"] * (len(layers) - 1) + ["identity"]
    with open(a.features) as f:
        features = json.load(f)["features"]
    check(layers, acts, features)
    if not (a.tie_margin >= 0 and math.isfinite(a.tie_margin)):
        fail("--tie-margin: expected a finite number of at least 0")
    model = {
        "format": "simon-mlp",
        "version": 1,
        "made_by": "scripts/torch-to-simon.py " + " ".join(sys.argv[1:]),
        "tie_margin": a.tie_margin,
        "features": features,
        "layers": [{"activation": act, "weight": w, "bias": b} for (_, w, b), act in zip(layers, acts)],
    }
    tmp = a.output + ".tmp"
    with open(tmp, "w") as f:
        json.dump(model, f)
        f.write("\n")
    os.replace(tmp, a.output)


if __name__ == "__main__":
    main()
