#!/usr/bin/env bash
# Side by side: `./linr bench quick` with libtorch's idle OpenMP threads sleeping
# (OMP_WAIT_POLICY=PASSIVE, what ./linr sets) and spinning as libgomp does by default
# (OMP_WAIT_POLICY=ACTIVE GOMP_SPINCOUNT=300000: libgomp's spin count when the policy is unset),
# alternated ROUNDS times (default 3) so that the machine's drift hits both alike. Writes
# bench/results/wait-policy.md with the median of each figure per policy, and the ratio.
# Usage: bench/wait-policy.sh [ROUNDS] [quick options...]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${1:-3}"
shift || true
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
for round in $(seq 1 "$ROUNDS"); do
  for policy in passive spin; do
    echo "wait-policy: round $round/$ROUNDS, $policy" >&2
    if [ "$policy" = passive ]; then
      env OMP_WAIT_POLICY=PASSIVE "$ROOT/linr" bench quick --results "$WORK/$policy-$round" "$@" >/dev/null
    else
      env OMP_WAIT_POLICY=ACTIVE GOMP_SPINCOUNT=300000 \
        "$ROOT/linr" bench quick --results "$WORK/$policy-$round" "$@" >/dev/null
    fi
  done
done
python3 - "$WORK" "$ROUNDS" "$ROOT/bench/results/wait-policy.md" <<'EOF'
import glob, json, statistics, sys
work, rounds, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def figures(path):
    r = json.load(open(glob.glob(path + "/quick-*.json")[0]))
    i, f = r["index"], r["filtered"]
    rows = [("unfiltered B=1 ms, %d x %d" % (i["items"], i["dim"]), i["linr_b1_ms"], "ms"),
            ("unfiltered B=32 ms per batch", i["linr_b32_ms"], "ms")]
    for c in f["rates"]:
        l = c["linr"]
        rows += [("%s B=1 ms (%s path)" % (c["label"], l["b1_ran"]), l["b1_ms"], "ms"),
                 ("%s B=32 q/s, one filter" % c["label"], l["b32_qps"], "q/s"),
                 ("%s B=32 q/s, a filter per query" % c["label"], l["own_filters_b32_qps"], "q/s")]
    return rows, r["machine"]
runs = {p: [figures("%s/%s-%d" % (work, p, k)) for k in range(1, rounds + 1)] for p in ("passive", "spin")}
machine = runs["passive"][0][1]
lines = ["# libtorch's idle threads: sleeping (PASSIVE) against spinning", "",
         "`bench/wait-policy.sh %d`: `./linr bench quick` alternated %d times per policy; medians. %s." % (rounds, rounds, machine), "",
         "| figure | sleeping (PASSIVE) | spinning (libgomp default) | sleeping is faster by |", "|---|---|---|---|"]
for j, (name, _, unit) in enumerate(runs["passive"][0][0]):
    p = statistics.median(r[0][j][1] for r in runs["passive"])
    s = statistics.median(r[0][j][1] for r in runs["spin"])
    gain = s / p if unit == "ms" else p / s
    lines.append("| %s | %.2f %s | %.2f %s | %.2fx |" % (name, p, unit, s, unit, gain))
open(out, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
EOF
