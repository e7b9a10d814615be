"""Stock PyTorch running a linr archive: the same model file, timed side by side.

Usage: torch_peer.py MODEL.pt QUERIES.f32 DIM K THREADS REPEATS [FILTERS.json]
Prints one JSON object: median milliseconds per forward at B=1 and B=32, the top slots of the
first query and of the first (up to) 8 queries, so the caller can check the answers agree.
FILTERS.json, when given, is a list of compiled filter programs ({"ops", "ints", "float_bits"},
each compiled for the first 8 queries); for each, the slots of the first 8 queries' filtered top k
(those with a finite score) are printed as "filtered_head_slots".
"""
import json
import statistics
import struct
import sys
import time

import torch


def main():
    model_file, queries_file, dim, k, threads, repeats = sys.argv[1:7]
    dim, k, threads, repeats = int(dim), int(k), int(threads), int(repeats)
    torch.set_num_threads(threads)
    model = torch.jit.load(model_file)
    data = open(queries_file, "rb").read()
    queries = torch.frombuffer(bytearray(data), dtype=torch.float32).reshape(-1, dim)
    no_ops = torch.zeros([0, 5], dtype=torch.int64)
    no_ints = torch.zeros([0], dtype=torch.int64)
    no_floats = torch.zeros([0], dtype=torch.float64)
    no_allow = torch.zeros([0], dtype=torch.bool)
    options = torch.tensor([0.3, -1.0], dtype=torch.float64)
    kt = torch.tensor([k])

    def run(batch):
        return model(batch, kt, no_ops, no_ints, no_floats, no_allow, options)

    result = {"torch_version": torch.__version__, "threads": threads}
    with torch.no_grad():
        first = run(queries[0:1])
        result["first_slots"] = first[1][0].tolist()
        result["head_slots"] = run(queries[0:8])[1].tolist()
        if len(sys.argv) > 7:
            result["filtered_head_slots"] = filtered(model, queries[0:8], kt, no_allow, options)
        for b in (1, 32):
            batch = queries[0:b]
            run(batch)
            times = []
            for r in range(repeats):
                start = time.perf_counter()
                run(queries[(r % (len(queries) - b + 1)):][:b])
                times.append((time.perf_counter() - start) * 1000)
            result["b%d_ms" % b] = statistics.median(times)
    print(json.dumps(result))


def filtered(model, head, kt, no_allow, options):
    with open(sys.argv[7]) as f:
        specs = json.load(f)
    out = []
    for spec in specs:
        ops = torch.tensor(spec["ops"], dtype=torch.int64).reshape(-1, 5)
        ints = torch.tensor(spec["ints"], dtype=torch.int64)
        floats = torch.tensor(
            [struct.unpack("<d", struct.pack("<q", b))[0] for b in spec["float_bits"]],
            dtype=torch.float64)
        r = model(head, kt, ops, ints, floats, no_allow, options)
        rows = []
        for scores, slots in zip(r[0].tolist(), r[1].tolist()):
            rows.append([s for s, v in zip(slots, scores) if v != float("-inf")])
        out.append(rows)
    return out


if __name__ == "__main__":
    main()
