#!/usr/bin/env bash
# scripts/torch-to-simon.py against PyTorch itself: a random MLP (relu, tanh, sigmoid layers)
# saved as a state_dict, converted, and scored by simon's forward pass on random rows, must give
# PyTorch's outputs (float32, to 1e-5); a state_dict of the wrong shape must be refused.
#   tests/torch_converter.sh MLP_EVAL
set -euo pipefail
eval_bin=$1
root=$(cd "$(dirname "$0")/.." && pwd)
py=/usr/bin/python3
if ! "$py" -c 'import torch' 2>/dev/null; then
	echo "torch_converter: skipped: Debian's python3-torch is not installed (scripts/deps.sh --test installs it)"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$py" - "$tmp" <<'PY'
import sys, torch
out = sys.argv[1]
torch.manual_seed(0)
net = torch.nn.Sequential(torch.nn.Linear(25, 12), torch.nn.ReLU(), torch.nn.Linear(12, 6), torch.nn.Tanh(),
                          torch.nn.Linear(6, 3), torch.nn.Sigmoid(), torch.nn.Linear(3, 1))
torch.save(net.state_dict(), f"{out}/net.pt")
x = torch.rand(200, 25) * 2 - 0.5
with torch.no_grad():
    y = net(x)
with open(f"{out}/rows.csv", "w") as f:
    for row in x.tolist():
        f.write(",".join(f"{v:.9g}" for v in row) + "\n")
with open(f"{out}/torch.txt", "w") as f:
    f.write("".join(f"{v:.9g}\n" for v in y[:, 0].tolist()))
wrong = torch.nn.Sequential(torch.nn.Linear(24, 4), torch.nn.ReLU(), torch.nn.Linear(4, 1))
torch.save(wrong.state_dict(), f"{out}/wrong.pt")
PY
"$py" "$root/scripts/torch-to-simon.py" "$tmp/net.pt" "$tmp/net.json" --activations relu,tanh,sigmoid,identity
"$eval_bin" "$tmp/net.json" <"$tmp/rows.csv" >"$tmp/simon.txt"
"$py" - "$tmp" <<'PY'
import sys
out = sys.argv[1]
a = [float(v) for v in open(f"{out}/torch.txt")]
b = [float(v) for v in open(f"{out}/simon.txt")]
assert len(a) == len(b) == 200, (len(a), len(b))
worst = max(abs(x - y) for x, y in zip(a, b))
assert worst < 1e-5, f"simon and PyTorch differ by {worst}"
print(f"torch_converter: 200 rows, largest difference {worst:.2e}")
PY
if "$py" "$root/scripts/torch-to-simon.py" "$tmp/wrong.pt" "$tmp/wrong.json" 2>"$tmp/err"; then
	echo "torch_converter: a 24-input model was converted"; exit 1
fi
grep -q "layer 0: 24 inputs, expected 25" "$tmp/err" || { echo "torch_converter: wrong message: $(cat "$tmp/err")"; exit 1; }
[ ! -e "$tmp/wrong.json" ] || { echo "torch_converter: a refused model left a file"; exit 1; }
echo "torch_converter: passed"
