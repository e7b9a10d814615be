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

For each storage type, batch size and filter it times linr's forward (the archive's TorchScript
program, filter evaluation and exact top-k included), optionally other archives (--compare, each
e.g. one built by an earlier version), the plain baseline `q @ E.T`, `masked_fill`, `topk` and the
matmul alone, all on the same tensors; prints ms per batch, queries/s, the path the planner took
and, at B=1, the scan floor (the bytes of E over the read bandwidth measured in the same run);
measures first the floor of an answer through a TorchScript model on the device (an empty call
with a B=1 search's inputs, and what each small operator adds: `call_floor_ms`,
`small_operator_ms`);
checks that every engine returns the baseline's top-k scores and, for the first --check-rows
queries, exactly the slots of the tie rule (score descending, then slot ascending) computed here
from the full score matrix; and writes JSON after every case. Filters are exact shares of the 100
category codes: shared by the batch (`cat IN [c0 .. c24]` is 25%; 1.0 runs without one), or per
query (each query its own codes). Cases whose [B, N] score matrices do not fit the device's free
memory are skipped and reported as such; a case that fails is reported and the others still run.
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
        elif name in ("indexed", "rewritten_count", "soonest"):
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


def query_codes(batch, rate, per_query):
    """Each query's category codes for a pass rate: None without a filter (rate 1.0); the first
    rate * 100 codes for every query, or, per query, rate * 100 codes starting at its own offset."""
    if rate >= 1.0:
        return None
    m = max(1, round(rate * CATEGORIES))
    if not per_query:
        return [list(range(m))] * batch
    return [[(j * m + i) % CATEGORIES for i in range(m)] for j in range(batch)]


def filter_program(column, codes, device, once=False):
    """The compiled filter `cat IN codes[q]` for every query q of the batch, or none (all pass).
    With once (every query has the same codes, and the archive takes it: format version 4 on),
    the program goes once, as query -1's, for every query."""
    rows = []
    ints = []
    programs = [(-1, codes[0])] if once and codes else enumerate(codes or [])
    for q, wanted in programs:
        rows.append([q, 1, column, len(ints), len(wanted)])  # IN over ints[start:start+len]
        rows.append([q, 15, 0, 0, 0])  # END: the query's mask
        ints.extend(wanted)
    ops = torch.tensor(rows, dtype=torch.int64).reshape([-1, 5])
    ints = torch.tensor(ints, dtype=torch.int64)
    floats = torch.zeros([ints.numel()], dtype=torch.float64)
    return ops.to(device), ints.to(device), floats.to(device)


def passing_rows(codes, codes_column, device):
    """[B or 1, N] bool: which rows each query's filter passes (None: all)."""
    if codes is None:
        return None
    rows = codes if any(c != codes[0] for c in codes) else codes[:1]
    table = torch.zeros([len(rows), CATEGORIES], dtype=torch.bool)
    for q, wanted in enumerate(rows):
        table[q, wanted] = True
    return table.to(device)[:, codes_column.long()]


def synchronize(device):
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def time_ms(fn, device, repeats):
    for _ in range(3):  # TorchScript profiles its first calls, then optimises
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


def product(q, emb, metric):
    """q @ E.T as both engines compute it: in the storage type on a GPU, widened on CPU."""
    if metric == "cosine":
        q = q / q.norm(dim=1, keepdim=True).clamp_min(1e-30)
    if emb.dtype == torch.float32:
        return q @ emb.T
    if q.is_cuda:
        return q.to(emb.dtype) @ emb.T
    return q @ emb.float().T  # CPU half matmul is slow or missing


def plain_search(q, emb, passing, k, metric):
    """The baseline: one matmul, masked_fill of the failing rows, topk."""
    scores = product(q, emb, metric).float()
    if passing is not None:
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


def read_bandwidth(emb, device, repeats):
    """Bytes of E per second for one reduction over all of it: the scan floor's rate."""
    flat = emb.view(-1)
    ms, _ = time_ms(lambda: torch.amax(flat), device, repeats)
    return emb.numel() * emb.element_size() / (ms / 1000)


def tie_rule_hits(scores, k):
    """The exact top-k slots of each row of float scores [B, N] under (score descending, slot
    ascending), computed independently of both engines: every slot above the k-th score, then the
    lowest slots equal to it."""
    kth = torch.topk(scores, k, 1).values[:, k - 1:k]
    hits = []
    for r in range(scores.size(0)):
        if not bool(torch.isfinite(kth[r, 0])):
            hits.append(None)
            continue
        above = torch.nonzero(scores[r] > kth[r, 0]).flatten()
        level = torch.nonzero(scores[r] == kth[r, 0]).flatten()[: k - above.numel()]
        chosen = torch.cat([above, level])
        order = sorted(zip((-scores[r, chosen]).tolist(), chosen.tolist()))
        hits.append([slot for _, slot in order])
    return hits


def expected_hits(q, emb, passing, k, metric, rows):
    """The tie rule's slots for the first `rows` queries."""
    scores = product(q[:rows], emb, metric).float()
    if passing is not None:
        scores = scores.masked_fill(~passing[: min(rows, passing.size(0))], float("-inf"))
    return tie_rule_hits(scores, k)


def identical_rows(linr_slots, expected):
    """How many queries got exactly the expected slots, in order (None: fewer than k matches)."""
    same = 0
    for r, hits in enumerate(expected):
        if hits is None or linr_slots[r].tolist()[: len(hits)] == hits:
            same += 1
    return same


def case_label(dtype_name, batch, rate, per_query):
    return "%-8s B=%-4d pass %6.2f%%%s" % (dtype_name, batch, rate * 100, " per query" if per_query else "")


PATHS = {0: "masked", 1: "compact", 2: "indexed"}


def run_case(engines, plain, matmul, device, batch, q, emb, passing, args, dtype, metric):
    """Times every engine and the baseline on one case and checks their top-k against each other."""
    case = {}
    plain_ms, plain_out = time_ms(plain, device, args.repeats)
    matmul_ms, _ = time_ms(matmul, device, args.repeats)
    plain_scores = plain_out[0].float().cpu()
    finite = torch.isfinite(plain_scores)
    scale = float(plain_scores[finite].abs().max()) if bool(finite.any()) else 1.0
    agree_all = True
    expected = expected_hits(q, emb, passing, args.k, metric, min(batch, args.check_rows))
    for name, fn in engines:
        ms, out = time_ms(fn, device, args.repeats)
        scores = out[0].float().cpu()
        diff = (scores - plain_scores).abs()
        same_padding = bool(torch.equal(finite, torch.isfinite(scores)))
        max_diff = float(diff[finite].max()) if bool(finite.any()) else 0.0
        agree = same_padding and max_diff <= tolerance(dtype) * max(1.0, scale)
        agree_all = agree_all and agree
        case[name] = {
            "ms": ms, "qps": batch * 1000 / ms, "path": PATHS.get(int(out[4][0]), "?"),
            "matched_mean": float(out[3].float().mean()), "max_abs_score_diff": max_diff,
            "scores_agree": agree, "rows_checked": len(expected),
            "rows_identical": identical_rows(out[1], expected),
        }
    case.update({"plain": {"ms": plain_ms, "qps": batch * 1000 / plain_ms},
                 "matmul_ms": matmul_ms, "scores_agree": agree_all})
    return case


FLOOR_OPERATORS = 100
FLOOR_REPEATS = 200


def floor_function(operators):
    """A TorchScript function with the index model's forward signature around nothing but
    `operators` adds of 1 to the filter arguments, one line each (a launch each on a GPU, a
    dispatch and a fresh output everywhere); returns five of its inputs, the arguments after the
    adds. Straight-line code, as the Java probe (ModelCallFloor) writes it, compiled on its own."""
    source = (
        "def forward(queries: Tensor, k: Tensor, filter_ops: Tensor, filter_ints: Tensor,"
        " filter_floats: Tensor, allow: Tensor, options: Tensor)"
        " -> Tuple[Tensor, Tensor, Tensor, Tensor, Tensor]:\n"
        "    x = filter_ints\n"
        + "    x = torch.add(x, 1)\n" * operators
        + "    return (queries, filter_ops, x, k, options)\n")
    return torch.jit.CompilationUnit(source).forward


def call_floor(device, inputs):
    """The floor of an answer through a TorchScript model on the device: the milliseconds of an
    empty call with a B=1 search's inputs (until the device is done), and what each small operator
    adds (from a model running FLOOR_OPERATORS of them), medians of FLOOR_REPEATS calls. TorchScript's
    fuser is off meanwhile, where it can be turned off: on a GPU it would merge the adds into one
    kernel, where the index program's gathers, searches and top-k stay apart."""
    fuser = getattr(torch._C, "_jit_texpr_fuser_enabled", None)
    set_fuser = getattr(torch._C, "_jit_set_texpr_fuser_enabled", None)
    was = fuser() if fuser and set_fuser else None
    if was is not None:
        set_fuser(False)
    try:
        ms = []
        for operators in (0, FLOOR_OPERATORS):
            model = floor_function(operators)
            out = model(*inputs)
            if not torch.equal(out[2].cpu(), inputs[3].cpu() + operators):
                raise RuntimeError("the floor probe model answered wrongly")
            ms.append(time_ms(lambda m=model: m(*inputs), device, FLOOR_REPEATS)[0])
    finally:
        if was is not None:
            set_fuser(was)
    return ms[0], (ms[1] - ms[0]) / FLOOR_OPERATORS


def compare_name(i):
    """The results' name for the i-th --compare archive: compare, compare2, ..."""
    return "compare" if i == 0 else "compare%d" % (i + 1)


def profile(fn, device, rows):
    """The operators of one call of fn (after the case's warm-up), most device time first: each
    one's name, calls, device and host milliseconds."""
    activities = [torch.profiler.ProfilerActivity.CPU]
    if device.type == "cuda":
        activities.append(torch.profiler.ProfilerActivity.CUDA)
    synchronize(device)
    with torch.profiler.profile(activities=activities) as prof:
        fn()
        synchronize(device)
    events = prof.key_averages()
    def device_us(e):
        return getattr(e, "self_device_time_total", getattr(e, "self_cuda_time_total", 0))
    ranked = sorted(events, key=lambda e: (device_us(e), e.self_cpu_time_total), reverse=True)
    return [{"op": e.key, "calls": e.count, "device_ms": device_us(e) / 1000,
             "host_ms": e.self_cpu_time_total / 1000} for e in ranked[:rows]]


def save(out, path):
    """Writes the results so far (after every case, so that a run cut short keeps them)."""
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2)
        f.write("\n")
    os.replace(path + ".tmp", path)


def run(args):
    device = torch.device(args.device)
    if device.type == "cuda" and not torch.cuda.is_available():
        sys.exit("--device cuda: CUDA is not available here (use --device cpu for a smoke test)")
    if args.threads:
        torch.set_num_threads(args.threads)
    model, metric, column = load_archive(args.archive, args.attribute)
    models = [("linr", model.to(device))]
    for i, folder in enumerate(args.compare or []):
        other, other_metric, other_column = load_archive(folder, args.attribute)
        if (other_metric, other_column) != (metric, column):
            sys.exit("--compare %s: the archives differ in metric or attribute column" % folder)
        models.append((compare_name(i), other.to(device)))
    g = torch.Generator(device=device)
    g.manual_seed(args.seed + 1)
    batches = [int(b) for b in args.batches.split(",")]
    queries = torch.randn([max(batches), args.dim], generator=g, device=device)
    k_tensor = torch.tensor([args.k], dtype=torch.int64, device=device)
    # (compact threshold, automatic path[, query time]): as the server sends them, the query time
    # only where the archive has expiry times, so the forward checks them as it does in serving
    settings = [args.compact_threshold, -1.0] + ([float(int(time.time()))] if hasattr(model, "expires") else [])
    options = torch.tensor(settings, dtype=torch.float64, device=device)
    no_allow = torch.zeros([0], dtype=torch.bool, device=device)
    out = {
        "torch_version": torch.__version__,
        "device": str(device),
        "device_name": torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu",
        "archive": os.path.abspath(args.archive),
        "compare": os.path.abspath(args.compare[0]) if args.compare else None,
        "compared": {compare_name(i): os.path.abspath(f) for i, f in enumerate(args.compare or [])},
        "items": args.items,
        "dim": args.dim,
        "metric": metric,
        "k": args.k,
        "repeats": args.repeats,
        "seed": args.seed,
        "compact_threshold": args.compact_threshold,
        "read_gb_per_s": {},
        "cases": [],
    }
    floor_program = filter_program(column, query_codes(1, 0.01, False), device)
    floor_ms, operator_ms = call_floor(device, (queries[:1], k_tensor, *floor_program, no_allow, options))
    out["call_floor_ms"] = floor_ms
    out["small_operator_ms"] = operator_ms
    print("an empty TorchScript call with a B=1 search's inputs: %.3f ms; each small operator %.4f ms more" % (
        floor_ms, operator_ms))
    profiled = {int(b) for b in args.profile.split(",") if b}
    specs = [(float(r), False) for r in args.pass_rates.split(",") if r]
    specs += [(float(r), True) for r in args.per_query_rates.split(",") if r]
    all_agree = True
    with torch.no_grad():
        for dtype_name in args.dtypes.split(","):
            dtype = DTYPES[dtype_name]
            buffers = None
            for _, m in models:
                buffers = buffers or seeded_buffers(m, metric, column, args.items, args.dim, dtype, device, args.seed)
                replace_buffers(m, buffers)
                if hasattr(m, "reindex"):
                    m.reindex()
            emb = buffers["emb"]
            codes_column = buffers["a%d_values" % column]
            scan_bytes = args.items * args.dim * emb.element_size()
            bandwidth = read_bandwidth(emb, device, args.repeats)
            out["read_gb_per_s"][dtype_name] = bandwidth / 1e9
            floor_ms = scan_bytes / bandwidth * 1000
            print("%s: E is %.2f GB, read at %.0f GB/s: the B=1 scan floor is %.3f ms" % (
                dtype_name, scan_bytes / 1e9, bandwidth / 1e9, floor_ms))
            for rate, per_query in specs:
                for batch in batches:
                    case = {"dtype": dtype_name, "batch": batch, "pass_rate": rate, "per_query": per_query}
                    label = case_label(dtype_name, batch, rate, per_query)
                    out["cases"].append(case)
                    ok, why = fits(device, args.items, batch)
                    if not ok:
                        case["skipped"] = why
                        print("%s: skipped (%s)" % (label, why))
                        continue
                    q = queries[:batch]
                    codes = query_codes(batch, rate, per_query)
                    # A filter the batch shares goes once to an archive that takes it (format
                    # version 4 on), as the translator sends it; older archives get a program per
                    # query.
                    engines = []
                    for name, m in models:
                        once = getattr(m, "format_version", 0) >= 4 and not per_query
                        program = filter_program(column, codes, device, once)
                        engines.append((name, (lambda m=m, f=program: m(q, k_tensor, *f, no_allow, options))))
                        if name == "linr":
                            case["program_sent_once"] = program[0].numel() > 0 and int(program[0][0, 0]) == -1
                    passing = passing_rows(codes, codes_column, device)
                    try:
                        case.update(run_case(
                            engines, lambda: plain_search(q, emb, passing, args.k, metric),
                            lambda: product(q, emb, metric), device, batch, q, emb, passing, args,
                            dtype, metric))
                    except Exception as e:  # a failing engine must not hide the other cases
                        case["error"] = "%s: %s" % (type(e).__name__, e)
                        case["scores_agree"] = False
                        print("%s: FAILED %s" % (label, case["error"][:2000]))
                        if device.type == "cuda":
                            torch.cuda.empty_cache()
                        all_agree = False
                        continue
                    if batch == 1:
                        case["floor_ms"] = floor_ms
                    all_agree = all_agree and case["scores_agree"]
                    if batch in profiled:
                        try:
                            case["profile"] = profile(engines[0][1], device, args.profile_rows)
                        except Exception as e:  # a profiler that cannot run loses no figures
                            case["profile"] = []
                            print("%s: no profile (%s: %s)" % (label, type(e).__name__, e))
                        for row in case["profile"][:12]:
                            print("    %-40s %5d calls %9.3f ms device %9.3f ms host" % (
                                row["op"][:40], row["calls"], row["device_ms"], row["host_ms"]))
                    line = "%s: plain %8.2f ms (matmul %7.2f)" % (label, case["plain"]["ms"], case["matmul_ms"])
                    for name, _ in models:
                        c = case[name]
                        line += " | %s %8.2f ms %9.0f q/s %5.2fx plain (%s, ids %d/%d%s)" % (
                            name, c["ms"], c["qps"], case["plain"]["ms"] / c["ms"], c["path"],
                            c["rows_identical"], c["rows_checked"],
                            "" if c["scores_agree"] else ", SCORES DIFFER %.3g" % c["max_abs_score_diff"])
                    if batch == 1:
                        line += " | floor %.3f ms" % floor_ms
                    print(line)
                    save(out, args.out)
            for _, m in models:
                replace_buffers(m, {name: torch.zeros([1], dtype=t.dtype, device=device)
                                    for name, t in buffers.items()})
            del buffers, emb, codes_column
            if device.type == "cuda":
                torch.cuda.empty_cache()
    out["all_agree"] = all_agree
    save(out, args.out)
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
    bench.add_argument("--pass-rates", default="1.0,0.25,0.01",
                       help="filters shared by the batch (1.0: none)")
    bench.add_argument("--per-query-rates", default="0.01",
                       help="filters of that pass rate, each query its own categories")
    bench.add_argument("--compare", action="append",
                       help="another archive of the same schema, timed alongside (repeatable)")
    bench.add_argument("--profile", default="",
                       help="batch sizes whose linr call is profiled once per case (e.g. 1,256)")
    bench.add_argument("--profile-rows", type=int, default=25,
                       help="operators kept per profile, most device time first")
    bench.add_argument("--compact-threshold", type=float, default=0.1,
                       help="options[0]: the server's compactThreshold (its default 0.1 was"
                            " measured on CPU)")
    bench.add_argument("--check-rows", type=int, default=16,
                       help="queries per case whose slots are checked against the tie rule")
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
