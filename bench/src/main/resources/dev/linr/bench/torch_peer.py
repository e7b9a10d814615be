"""Stock PyTorch running a linr archive: the same model file, timed side by side.

Usage: torch_peer.py MODEL.pt QUERIES.f32 DIM K THREADS REPEATS
Prints one JSON object: median milliseconds per forward at B=1 and B=32, the top slots of the
first query and of the first (up to) 8 queries, so the caller can check the answers agree.
"""
import json
import statistics
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


if __name__ == "__main__":
    main()
