"""Stock-PyTorch peer of TorchCrossCheckTest and TorchFilterCrossCheckTest: loads index models with
torch.jit.load and runs them.

Usage: python3 torch_peer.py REQUEST.json > RESPONSE.json

The request lists jobs, one per model file:

  {"jobs": [{"name": str, "model": "/abs/name.pt", "inspect": bool,
             "chunk_rows": [int, ...],            # extra runs with self.chunk_rows overridden
             "calls": [{"k": int,                  # the k input (the batch's largest k)
                        "keep": [int, ...],        # per row: the request's own k
                        "dimension": int,
                        "queries": [int, ...],     # float32 bit patterns, row-major [B, d]
                        "allow": null | {"rows": R, "capacity": C, "slots": [[int, ...], ...]},
                        "filter": absent | {"ops": [int, ...],         # filter_ops, row-major [P, 5]
                                            "ints": [int, ...],        # filter_ints [A]
                                            "float_bits": [int, ...]}  # filter_floats [A] as int64 bits
                        }]}]}

Without "filter" the model gets the empty filter program (every query passes its alive items).

Every float crosses the boundary as its bit pattern (float32 as int32, float64 as int64, float16
and bfloat16 as uint16), so nothing is rounded on the way. Each call runs once per variant: the
model as stored, once per chunk_rows override, and, where forward takes an "options" input, once
per forced search path. The answer decodes each output row the way linr's ResultDecoder does: the
first min(keep, k', matched) entries.
"""

import json
import sys

import torch

# Inputs that newer model versions take beyond (queries, k, allow), with values that change nothing.
NEUTRAL = {
    "filter_ops": lambda: torch.zeros([0, 5], dtype=torch.int64),
    "filter_ints": lambda: torch.zeros([0], dtype=torch.int64),
    "filter_floats": lambda: torch.zeros([0], dtype=torch.float64),
}
# options = (compact threshold, forced path): automatic (with the archive's threshold, as DJL
# reads it from serving.properties), forced masked, forced compact, forced indexed.
def option_variants(threshold):
    return [("auto", [threshold, -1.0]), ("masked", [threshold, 0.0]), ("compact", [threshold, 1.0]),
            ("indexed", [threshold, 2.0])]


def float_bits(t):
    """Bit patterns of a floating tensor, flattened, as Python ints."""
    t = t.detach().contiguous().reshape(-1)
    if t.dtype == torch.float32:
        return t.view(torch.int32).tolist()
    if t.dtype == torch.float64:
        return t.view(torch.int64).tolist()
    if t.dtype in (torch.float16, torch.bfloat16):
        return [b & 0xFFFF for b in t.view(torch.int16).tolist()]
    raise ValueError("not a floating tensor: " + str(t.dtype))


def content(t):
    t = t.detach().contiguous()
    if t.is_floating_point():
        return float_bits(t)
    if t.dtype == torch.bool:
        return [1 if v else 0 for v in t.reshape(-1).tolist()]
    return t.reshape(-1).tolist()


def inspect(m):
    out = {
        "original_name": m.original_name,
        "format_version": int(m.format_version),
        "chunk_rows": int(m.chunk_rows),
        "arguments": [a.name for a in m.forward.schema.arguments][1:],
        "buffers": [],
    }
    for name, _ in m.named_buffers():
        b = getattr(m, name)  # what the program reads as self.<name>
        entry = {
            "name": name,
            "dtype": str(b.dtype).replace("torch.", ""),
            "shape": list(b.shape),
            "content": content(b),
        }
        if b.is_floating_point() or b.dtype in (torch.int8, torch.int32, torch.int64, torch.bool):
            # Summaries computed by PyTorch itself, in float64.
            wide = b.detach().to(torch.float64)
            finite = torch.where(torch.isnan(wide), torch.zeros_like(wide), wide)
            entry["sum_bits"] = float_bits(finite.sum().reshape(1))[0]
            entry["nan_count"] = int(torch.isnan(wide).sum())
            if b.dim() == 2:
                entry["row_sum_bits"] = float_bits(finite.sum(1))
        out["buffers"].append(entry)
    # The squared norms as PyTorch computes them from the stored rows.
    if hasattr(m, "sqnorm"):
        sq = (m.emb.detach().to(torch.float64) ** 2).sum(1).to(torch.float32)
        out["sqnorm_recomputed"] = float_bits(sq)
    return out


def inputs_for(m, call, options):
    b = len(call["keep"])
    d = call["dimension"]
    bits = torch.tensor(call["queries"], dtype=torch.int32)
    given = {
        "queries": bits.view(torch.float32).reshape(b, d),
        "k": torch.tensor([call["k"]], dtype=torch.int64),
        "allow": torch.zeros([0], dtype=torch.bool),
    }
    allow = call.get("allow")
    if allow is not None:
        mask = torch.zeros([allow["rows"], allow["capacity"]], dtype=torch.bool)
        for r, slots in enumerate(allow["slots"]):
            if slots:
                mask[r, torch.tensor(slots, dtype=torch.int64)] = True
        given["allow"] = mask
    if options is not None:
        given["options"] = torch.tensor(options, dtype=torch.float64)
    program = call.get("filter")
    if program is not None:
        if "filter_ops" not in [a.name for a in m.forward.schema.arguments]:
            raise ValueError("the call has a filter program but forward takes no filter inputs")
        given["filter_ops"] = torch.tensor(program["ops"], dtype=torch.int64).reshape(-1, 5)
        given["filter_ints"] = torch.tensor(program["ints"], dtype=torch.int64)
        given["filter_floats"] = torch.tensor(program["float_bits"], dtype=torch.int64).view(
            torch.float64
        )
    args = []
    for a in m.forward.schema.arguments[1:]:
        if a.name in given:
            args.append(given[a.name])
        elif a.name in NEUTRAL:
            args.append(NEUTRAL[a.name]())
        else:
            raise ValueError("forward takes an input this peer does not know: " + a.name)
    return args


def decode(outputs, keep):
    scores, slots, ids, matched = outputs[0], outputs[1], outputs[2], outputs[3]
    width = scores.size(1)
    rows = []
    for r, k in enumerate(keep):
        if r >= matched.numel() or r >= scores.size(0):
            # Outputs of the wrong shape are reported, not fatal: the test checks the shapes.
            rows.append({"matched": -1, "slots": [], "ids": [], "scores": []})
            continue
        m = int(matched.reshape(-1)[r])
        valid = min(k, width, m)
        rows.append(
            {
                "matched": m,
                "slots": slots[r, :valid].tolist(),
                "ids": ids[r, :valid].tolist(),
                "scores": float_bits(scores[r, :valid]),
            }
        )
    return {
        "width": width,
        "shapes": [list(t.shape) for t in outputs],
        "dtypes": [str(t.dtype).replace("torch.", "") for t in outputs],
        "path": int(outputs[4].reshape(-1)[0]) if len(outputs) > 4 else None,
        "rows": rows,
    }


def run_job(job):
    m = torch.jit.load(job["model"], map_location="cpu")
    m.eval()
    if hasattr(m, "reindex"):
        # As linr's loader does: build the attribute index before the first search.
        m.reindex()
    names = [a.name for a in m.forward.schema.arguments][1:]
    result = {"name": job["name"], "arguments": names}
    if job.get("inspect"):
        result["inspect"] = inspect(m)
    threshold = float(job.get("compact_threshold", 0.3))
    variants_of_options = option_variants(threshold) if "options" in names else [("stored", None)]
    stored_chunk_rows = int(m.chunk_rows)
    chunk_variants = [None] + list(job.get("chunk_rows", []))
    calls = []
    with torch.no_grad():
        for call in job.get("calls", []):
            variants = []
            for chunk in chunk_variants:
                m.chunk_rows = stored_chunk_rows if chunk is None else int(chunk)
                for label, options in variants_of_options:
                    out = decode(m(*inputs_for(m, call, options)), call["keep"])
                    out["label"] = label + ("" if chunk is None else " chunk_rows=%d" % chunk)
                    variants.append(out)
            m.chunk_rows = stored_chunk_rows
            calls.append({"variants": variants})
    result["calls"] = calls
    return result


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        request = json.load(f)
    torch.set_num_threads(max(1, min(4, torch.get_num_threads())))
    response = {"torch_version": torch.__version__, "jobs": [run_job(j) for j in request["jobs"]]}
    json.dump(response, sys.stdout, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
