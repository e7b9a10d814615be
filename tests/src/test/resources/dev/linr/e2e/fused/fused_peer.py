"""Stock-PyTorch peer of FusedTorchPeerTest: loads a fused retrieval and ranking model with
torch.jit.load and runs its forward.

Usage: python3 fused_peer.py REQUEST.json > RESPONSE.json

  {"model": "/abs/name.pt",
   "calls": [{"dimension": int,
              "queries": [int, ...],        # float32 bit patterns, row-major [B, d]
              "k": [int, ...], "n": [int, ...],   # per query
              "filter": {"ops": [int, ...], "ints": [int, ...], "float_bits": [int, ...]},
              "options": [float, float]}]}  # compact threshold, forced path (-1, 0, 1)

Every float crosses as its bit pattern. The answer holds, per call and per query, the first
min(n, k, matched, width) entries of each output row: ranker scores and retrieval scores (float32
bits), slots and ids; plus matched, the path and the outputs' shapes.
"""

import json
import sys

import torch


def bits(t):
    return t.detach().contiguous().reshape(-1).view(torch.int32).tolist()


def run(m, call):
    b = len(call["k"])
    d = call["dimension"]
    queries = torch.tensor(call["queries"], dtype=torch.int32).view(torch.float32).reshape(b, d)
    f = call["filter"]
    ops = torch.tensor(f["ops"], dtype=torch.int64).reshape(-1, 5)
    ints = torch.tensor(f["ints"], dtype=torch.int64)
    floats = torch.tensor(f["float_bits"], dtype=torch.int64).view(torch.float64)
    out = m(
        queries,
        torch.tensor(call["k"], dtype=torch.int64),
        ops,
        ints,
        floats,
        torch.zeros([0], dtype=torch.bool),
        torch.tensor(call["options"], dtype=torch.float64),
        torch.tensor(call["n"], dtype=torch.int64),
    )
    ranked, retrieved, slots, ids, matched, path = out
    width = ranked.size(1)
    rows = []
    for r in range(b):
        valid = min(call["n"][r], call["k"][r], int(matched[r]), width)
        rows.append(
            {
                "matched": int(matched[r]),
                "scores": bits(ranked[r, :valid]),
                "retrieval": bits(retrieved[r, :valid]),
                "slots": slots[r, :valid].tolist(),
                "ids": ids[r, :valid].tolist(),
            }
        )
    return {
        "path": int(path.reshape(-1)[0]),
        "shapes": [list(t.shape) for t in out],
        "dtypes": [str(t.dtype).replace("torch.", "") for t in out],
        "rows": rows,
    }


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        request = json.load(f)
    torch.set_num_threads(max(1, min(4, torch.get_num_threads())))
    m = torch.jit.load(request["model"], map_location="cpu")
    m.eval()
    if hasattr(m, "reindex"):
        # As linr's loader does: build the attribute index before the first search.
        m.reindex()
    with torch.no_grad():
        calls = [run(m, c) for c in request["calls"]]
    response = {
        "torch_version": torch.__version__,
        "class": m.original_name,
        "arguments": [a.name for a in m.forward.schema.arguments][1:],
        "calls": calls,
    }
    json.dump(response, sys.stdout, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
