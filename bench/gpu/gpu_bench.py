"""linr's index model at scale on a GPU, next to plain PyTorch on the same data in the same run.

Needs Python 3 and PyTorch (CUDA for the real run); no Java. The index model comes from a small
archive built by `linr build`; its buffers are then replaced, on the device, with seeded data of
the requested size, so a 100M-row index needs no 100M-row file.

    # 1. a small input with one categorical attribute `cat` (100 values), and its archive
    python3 gpu_bench.py items small.jsonl --dim 128
    ./linr build --items=small.jsonl --out=small --metric=dot --quiet
    # 2. on the GPU host (copy the folder `small` over)
    python3 gpu_bench.py run small --items 10000000 --dim 128 --out gpu-10m-128.json
    python3 gpu_bench.py run small --items 100000000 --dim 64 --out gpu-100m-64.json
    # smoke test on CPU at a tiny size
    python3 gpu_bench.py run small --device cpu --items 20000 --dim 128 --dtypes float32 \
        --batches 1,32 --repeats 2 --out smoke.json

For each storage type, batch size and pass rate it times linr's forward (the archive's TorchScript
program, filter evaluation and exact top-k included) and the plain baseline `q @ E.T`,
`masked_fill`, `topk` on the same tensors, prints ms per batch, queries/s and effective bandwidth
(bytes of E read per second), checks that both return the same top-k scores, and writes JSON.
Pass rates are exact shares of the 100 category codes (`cat IN [c0 .. c24]` is 25%); 1.0 runs
without a filter. Cases whose [B, N] score matrices do not fit the device's free memory are
skipped and reported as such.
"""
import argparse
import json
import os
import random
import statistics
import sys
import time

import torch

CATEGORIES = 100
DTYPES = {"float32": torch.float32, "float16": torch.float16, "bfloat16": torch.bfloat16}
NEVER = 2**63 - 1


def write_items(args):
    """A small JSON Lines input: seeded vectors and a categorical attribute with 100 values."""
    rng = random.Random(args.seed)
    with open(args.file, "w", encoding="utf-8") as f:
        for i in range(args.items):
            vector = [round(rng.gauss(0, 1), 6) for _ in range(args.dim)]
            item = {"id": i + 1, "vector": vector, "attributes": {"cat": "c%d" % (i % CATEGORIES)}}
            f.write(json.dumps(item) + "\n")


def load_archive(folder, attribute):
    """The archive's model, metric and the categorical column's index and buffer name."""
    with open(os.path.join(folder, "schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    with open(os.path.join(folder, "dictionaries.json"), encoding="utf-8") as f:
        dictionaries = json.load(f)
    models = [n for n in os.listdir(folder) if n.endswith(".pt")]
    if len(models) != 1:
        sys.exit("%s: expected one .pt model file, found %s" % (folder, models))
    metric = schema["metric"]
    if metric not in ("dot", "cosine"):
        sys.exit("metric %s: this benchmark supports dot and cosine archives" % metric)
    names = list(schema["attributes"].keys())
    if attribute not in names:
        sys.exit("attribute %s: not in the archive (it has %s)" % (attribute, names))
    if len(names) != 1:
        sys.exit("the archive must have only the categorical attribute (has %s)" % names)
    values = dictionaries.get(attribute, [])
    if len(values) != CATEGORIES or [("c%d" % i) for i in range(CATEGORIES)] != values:
        sys.exit("attribute %s: expected the %d values c0..c99 in that order (gpu_bench.py items"
                 " writes such an input)" % (attribute, CATEGORIES))
    model = torch.jit.load(os.path.join(folder, models[0]), map_location="cpu")
    column = names.index(attribute)
    code = getattr(model, "column_%d" % column).code
    if "torch.ge(v, 0)" not in code:
        sys.exit("attribute %s: expected a dictionary-coded column" % attribute)
    return model, metric, column


def seeded_buffers(model, metric, column, items, dim, dtype, device, seed):
    """Buffers for `items` rows, consistent with each other: every row alive and never expiring,
    ids 1..N, the high-water mark N, category code i % 100 shuffled by the seed."""
    g = torch.Generator(device=device)
    g.manual_seed(seed)
    emb = torch.empty([items, dim], dtype=dtype, device=device)
    step = 1 << 20
    for start in range(0, items, step):
        end = min(items, start + step)
        rows = torch.randn([end - start, dim], generator=g, device=device)
        if metric == "cosine":
            rows = rows / rows.norm(dim=1, keepdim=True).clamp_min(1e-30)
        emb[start:end] = rows.to(dtype)
    codes_name = "a%d_values" % column
    codes_dtype = getattr(model, codes_name).dtype
    codes = torch.randint(0, CATEGORIES, [items], generator=g, device=device).to(codes_dtype)
    buffers = {
        "emb": emb,
        "alive": torch.ones([items], dtype=torch.bool, device=device),
        "ids": torch.arange(1, items + 1, dtype=torch.int64, device=device),
        "hwm": torch.tensor([items], dtype=torch.int64, device=device),
        codes_name: codes,
    }
    # The attribute index starts empty (the archive's zeros); reindex fills it once the seeded
    # buffers are in place.
    for name, b in model.named_buffers():
        if name.endswith("_keys") or name.endswith("_order") or name == "rewritten":
            buffers[name] = torch.zeros([items], dtype=b.dtype, device=device)
        elif name in ("indexed", "rewritten_count"):
            buffers[name] = torch.zeros([1], dtype=torch.int64, device=device)
    known = set(buffers) | {"expires"}
    for name, b in model.named_buffers():
        if name not in known:
            sys.exit("buffer %s: not handled by this benchmark (dot/cosine archives with one"
                     " categorical attribute)" % name)
    if hasattr(model, "expires"):
        buffers["expires"] = torch.full([items], NEVER, dtype=torch.int64, device=device)
    return buffers


def replace_buffers(model, buffers):
    for name, tensor in buffers.items():
        setattr(model, name, tensor)
    for name, tensor in buffers.items():
        if getattr(model, name) is not tensor and getattr(model, name).data_ptr() != tensor.data_ptr():
            sys.exit("buffer %s: setattr on the script module did not replace it" % name)


def filter_program(batch, column, codes, device):
    """The compiled filter `cat IN codes` for every query of the batch, or none (all pass)."""
    if codes is None:
        ops = torch.zeros([0, 5], dtype=torch.int64)
        ints = torch.zeros([0], dtype=torch.int64)
    else:
        rows = []
        for q in range(batch):
            rows.append([q, 1, column, 0, len(codes)])  # IN over ints[0:len]
            rows.append([q, 15, 0, 0, 0])  # END: the query's mask
        ops = torch.tensor(rows, dtype=torch.int64)
        ints = torch.tensor(codes, dtype=torch.int64)
    floats = torch.zeros([ints.numel()], dtype=torch.float64)
    return ops.to(device), ints.to(device), floats.to(device)


def synchronize(device):
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def time_ms(fn, device, repeats):
    fn()
    synchronize(device)
    times = []
    result = None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        synchronize(device)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def plain_search(q, emb, codes_column, wanted, k, metric):
    """The baseline: one matmul, masked_fill of the failing rows, topk."""
    if metric == "cosine":
        q = q / q.norm(dim=1, keepdim=True).clamp_min(1e-30)
    if emb.dtype == torch.float32:
        scores = q @ emb.T
    elif q.is_cuda:
        scores = (q.to(emb.dtype) @ emb.T).float()
    else:
        scores = q @ emb.float().T  # CPU half matmul is slow or missing
    if wanted is not None:
        passing = torch.isin(codes_column, wanted)
        scores = scores.masked_fill(~passing, float("-inf"))
    return torch.topk(scores, k, 1)


def tolerance(dtype):
    return {torch.float32: 1e-4, torch.float16: 2e-2, torch.bfloat16: 1e-1}[dtype]


def fits(device, items, batch):
    """Whether the cases' [B, N] intermediates (scores, masked copy, masks: ~16 bytes per entry for
    both engines) fit the free device memory."""
    if device.type != "cuda":
        return True, None
    free, _ = torch.cuda.mem_get_info(device)
    need = 16 * items * batch
    if need > 0.8 * free:
        return False, "needs ~%.0f GB for [B, N] intermediates, %.0f GB free" % (need / 1e9, free / 1e9)
    return True, None


def run(args):
    device = torch.device(args.device)
    if device.type == "cuda" and not torch.cuda.is_available():
        sys.exit("--device cuda: CUDA is not available here (use --device cpu for a smoke test)")
    if args.threads:
        torch.set_num_threads(args.threads)
    model, metric, column = load_archive(args.archive, args.attribute)
    model = model.to(device)
    g = torch.Generator(device=device)
    g.manual_seed(args.seed + 1)
    batches = [int(b) for b in args.batches.split(",")]
    queries = torch.randn([max(batches), args.dim], generator=g, device=device)
    k_tensor = torch.tensor([args.k], dtype=torch.int64, device=device)
    # (compact threshold, automatic path[, query time]): as the server sends them, the query time
    # only where the archive has expiry times, so the forward checks them as it does in serving
    settings = [0.3, -1.0] + ([float(int(time.time()))] if hasattr(model, "expires") else [])
    options = torch.tensor(settings, dtype=torch.float64, device=device)
    no_allow = torch.zeros([0], dtype=torch.bool, device=device)
    out = {
        "torch_version": torch.__version__,
        "device": str(device),
        "device_name": torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu",
        "archive": os.path.abspath(args.archive),
        "items": args.items,
        "dim": args.dim,
        "metric": metric,
        "k": args.k,
        "repeats": args.repeats,
        "seed": args.seed,
        "cases": [],
    }
    all_agree = True
    with torch.no_grad():
        for dtype_name in args.dtypes.split(","):
            dtype = DTYPES[dtype_name]
            buffers = seeded_buffers(model, metric, column, args.items, args.dim, dtype, device,
                                     args.seed)
            replace_buffers(model, buffers)
            if hasattr(model, "reindex"):
                model.reindex()
            codes_column = buffers["a%d_values" % column]
            scan_bytes = args.items * args.dim * buffers["emb"].element_size()
            for rate in [float(r) for r in args.pass_rates.split(",")]:
                n_codes = round(rate * CATEGORIES)
                codes = None if rate >= 1.0 else list(range(n_codes))
                for batch in batches:
                    case = {"dtype": dtype_name, "batch": batch, "pass_rate": rate}
                    ok, why = fits(device, args.items, batch)
                    if not ok:
                        case["skipped"] = why
                        out["cases"].append(case)
                        print("%-8s B=%-4d pass %6.2f%%: skipped (%s)" % (dtype_name, batch, rate * 100, why))
                        continue
                    q = queries[:batch]
                    ops, ints, floats = filter_program(batch, column, codes, device)
                    wanted = None if codes is None else torch.tensor(codes, device=device).to(codes_column.dtype)

                    def linr():
                        return model(q, k_tensor, ops, ints, floats, no_allow, options)

                    def plain():
                        return plain_search(q, buffers["emb"], codes_column, wanted, args.k, metric)

                    linr_ms, linr_out = time_ms(linr, device, args.repeats)
                    plain_ms, plain_out = time_ms(plain, device, args.repeats)
                    linr_scores = linr_out[0].float().cpu()
                    plain_scores = plain_out[0].float().cpu()
                    diff = (linr_scores - plain_scores).abs()
                    finite = torch.isfinite(plain_scores)
                    same_padding = bool(torch.equal(finite, torch.isfinite(linr_scores)))
                    max_diff = float(diff[finite].max()) if bool(finite.any()) else 0.0
                    scale = float(plain_scores[finite].abs().max()) if bool(finite.any()) else 1.0
                    agree = same_padding and max_diff <= tolerance(dtype) * max(1.0, scale)
                    all_agree = all_agree and agree
                    case.update({
                        "matched_mean": float(linr_out[3].float().mean()),
                        "linr_path": "compact" if int(linr_out[4][0]) == 1 else "masked",
                        "linr": {"ms": linr_ms, "qps": batch * 1000 / linr_ms,
                                 "gb_per_s": scan_bytes / 1e9 / (linr_ms / 1000)},
                        "plain": {"ms": plain_ms, "qps": batch * 1000 / plain_ms,
                                  "gb_per_s": scan_bytes / 1e9 / (plain_ms / 1000)},
                        "max_abs_score_diff": max_diff,
                        "scores_agree": agree,
                    })
                    out["cases"].append(case)
                    print("%-8s B=%-4d pass %6.2f%%: linr %9.2f ms %10.0f q/s %7.1f GB/s (%s) |"
                          " plain %9.2f ms %10.0f q/s %7.1f GB/s | top-k %s" % (
                              dtype_name, batch, rate * 100, linr_ms, case["linr"]["qps"],
                              case["linr"]["gb_per_s"], case["linr_path"], plain_ms,
                              case["plain"]["qps"], case["plain"]["gb_per_s"],
                              "agree" if agree else "DIFFER (max %.3g)" % max_diff))
            del buffers, codes_column
            if device.type == "cuda":
                torch.cuda.empty_cache()
    out["all_agree"] = all_agree
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2)
        f.write("\n")
    print("wrote %s" % args.out)
    return 0 if all_agree else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    items = sub.add_parser("items", help="write a small JSONL input for `linr build`")
    items.add_argument("file")
    items.add_argument("--items", type=int, default=1000)
    items.add_argument("--dim", type=int, default=128)
    items.add_argument("--seed", type=int, default=7)
    bench = sub.add_parser("run", help="run the archive at scale against plain PyTorch")
    bench.add_argument("archive", help="archive folder written by `linr build`")
    bench.add_argument("--items", type=int, default=10_000_000)
    bench.add_argument("--dim", type=int, default=128)
    bench.add_argument("--dtypes", default="float16,bfloat16")
    bench.add_argument("--batches", default="1,32,256")
    bench.add_argument("--pass-rates", default="1.0,0.25,0.01")
    bench.add_argument("--attribute", default="cat")
    bench.add_argument("--k", type=int, default=100)
    bench.add_argument("--repeats", type=int, default=10)
    bench.add_argument("--seed", type=int, default=7)
    bench.add_argument("--device", default="cuda")
    bench.add_argument("--threads", type=int, default=0, help="CPU threads (0: PyTorch's default)")
    bench.add_argument("--out", default="gpu-bench.json")
    args = parser.parse_args()
    if args.command == "items":
        write_items(args)
        return 0
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
