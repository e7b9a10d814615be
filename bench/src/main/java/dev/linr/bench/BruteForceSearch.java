package dev.linr.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The plain-Java peer: dot products over a row-major float array, split across threads, each
 * keeping a bounded heap, merged at the end. Ties go to the lower slot, like linr.
 */
final class BruteForceSearch {
  private final float[] vectors;
  private final int dim;
  private final int rows;
  private final ExecutorService pool;
  private final int threads;

  BruteForceSearch(float[] vectors, int dim, ExecutorService pool, int threads) {
    this.vectors = vectors;
    this.dim = dim;
    this.rows = vectors.length / dim;
    this.pool = pool;
    this.threads = threads;
  }

  /** Slots of the top k for one query, best first. */
  int[] search(float[] q, int k) throws Exception {
    List<Future<PriorityQueue<long[]>>> parts = new ArrayList<>();
    int step = (rows + threads - 1) / threads;
    for (int t = 0; t < threads; t++) {
      int from = t * step;
      int to = Math.min(rows, from + step);
      parts.add(pool.submit(() -> scan(q, k, from, to)));
    }
    PriorityQueue<long[]> all = new PriorityQueue<>(BruteForceSearch::worseFirst);
    for (Future<PriorityQueue<long[]>> f : parts) {
      for (long[] e : f.get()) {
        offer(all, e, k);
      }
    }
    int[] out = new int[all.size()];
    for (int i = out.length - 1; i >= 0; i--) {
      out[i] = (int) all.poll()[1];
    }
    return out;
  }

  private PriorityQueue<long[]> scan(float[] q, int k, int from, int to) {
    PriorityQueue<long[]> heap = new PriorityQueue<>(BruteForceSearch::worseFirst);
    for (int r = from; r < to; r++) {
      int base = r * dim;
      float s = 0;
      for (int i = 0; i < dim; i++) {
        s += q[i] * vectors[base + i];
      }
      offer(heap, new long[] {Float.floatToIntBits(s), r}, k);
    }
    return heap;
  }

  private static void offer(PriorityQueue<long[]> heap, long[] e, int k) {
    if (heap.size() < k) {
      heap.add(e);
    } else if (worseFirst(heap.peek(), e) < 0) {
      heap.poll();
      heap.add(e);
    }
  }

  /** Orders the worse entry first: lower score, or equal score and higher slot. */
  private static int worseFirst(long[] a, long[] b) {
    int c = Float.compare(Float.intBitsToFloat((int) a[0]), Float.intBitsToFloat((int) b[0]));
    return c != 0 ? c : Long.compare(b[1], a[1]);
  }
}
