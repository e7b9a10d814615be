"""Stock-PyTorch peer of TorchRankerCrossCheckTest: loads a ranker model with torch.jit.load and
scores rows of features.

Usage: python3 rank_peer.py REQUEST.json > RESPONSE.json

  request:  {"model": "/abs/ranker.pt", "rows": N, "width": F,
             "features": [int, ...]}          # float32 bit patterns as int32, row-major [N, F]
  response: {"torch_version": str, "shape": [int, ...],
             "scores": [int, ...]}            # float32 bit patterns as int32

Floats cross as bit patterns, so nothing is rounded on the way. Exits with code 3 when torch
cannot be imported, so that the test is skipped rather than failed.
"""

import json
import sys

try:
    import torch
except ImportError:
    sys.stderr.write("torch cannot be imported\n")
    sys.exit(3)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        request = json.load(f)
    model = torch.jit.load(request["model"])
    bits = torch.tensor(request["features"], dtype=torch.int32)
    features = bits.view(torch.float32).reshape(request["rows"], request["width"])
    with torch.no_grad():
        scores = model(features)
    json.dump(
        {
            "torch_version": torch.__version__,
            "shape": list(scores.shape),
            "scores": scores.contiguous().reshape(-1).view(torch.int32).tolist(),
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
