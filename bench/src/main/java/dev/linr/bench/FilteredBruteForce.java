package dev.linr.bench;

import java.util.PriorityQueue;
import java.util.function.IntPredicate;

/**
 * The plain-Java check of linr's filtered answers: double-precision scores of a query with the
 * stored vectors of the passing items, by dot product (for unit vectors: cosine) or by negated
 * squared Euclidean distance (l2, as linr scores it); ties go to the lower slot, like linr.
 */
final class FilteredBruteForce {
  private final float[] stored;
  private final int dim;
  private final int items;
  private final boolean l2;
  private final FilterCorpus corpus;

  /** Over the filtered benchmark's unit vectors (cosine). */
  FilteredBruteForce(FilterCorpus corpus) {
    this(corpus.unit, corpus.dim, false, corpus);
  }

  /**
   * Over {@code stored} (row-major, {@code dim} values per item): the values linr stores, i.e. unit
   * vectors for cosine, the input vectors for dot and l2.
   */
  FilteredBruteForce(float[] stored, int dim, boolean l2) {
    this(stored, dim, l2, null);
  }

  private FilteredBruteForce(float[] stored, int dim, boolean l2, FilterCorpus corpus) {
    this.stored = stored;
    this.dim = dim;
    this.items = stored.length / dim;
    this.l2 = l2;
    this.corpus = corpus;
  }

  /** Slots of the filtered top k for the filtered benchmark's query {@code qi}, best first. */
  int[] search(int qi, FilterCase filter, int k) {
    return search(corpus.unitQuery(qi), slot -> filter.passes(corpus.bucket[slot]), k);
  }

  /**
   * Slots of the top k among the items that {@code passes}, best first; {@code q} is the query as
   * linr scores it (unit for cosine).
   */
  int[] search(float[] q, IntPredicate passes, int k) {
    PriorityQueue<double[]> heap = new PriorityQueue<>(FilteredBruteForce::worseFirst);
    for (int r = 0; r < items; r++) {
      if (!passes.test(r)) {
        continue;
      }
      double s = score(q, r);
      double[] e = {s, r};
      if (heap.size() < k) {
        heap.add(e);
      } else if (worseFirst(heap.peek(), e) < 0) {
        heap.poll();
        heap.add(e);
      }
    }
    int[] out = new int[heap.size()];
    for (int i = out.length - 1; i >= 0; i--) {
      out[i] = (int) heap.poll()[1];
    }
    return out;
  }

  /** Score of query {@code q} with slot {@code r}: dot product, or negated squared distance. */
  double score(float[] q, int r) {
    int base = r * dim;
    double s = 0;
    if (l2) {
      for (int i = 0; i < dim; i++) {
        double d = (double) q[i] - stored[base + i];
        s -= d * d;
      }
      return s;
    }
    for (int i = 0; i < dim; i++) {
      s += (double) q[i] * stored[base + i];
    }
    return s;
  }

  private static int worseFirst(double[] a, double[] b) {
    int c = Double.compare(a[0], b[0]);
    return c != 0 ? c : Double.compare(b[1], a[1]);
  }
}
