package dev.linr.bench;

import java.util.PriorityQueue;

/**
 * The plain-Java check of linr's filtered answers: double-precision dot products of a unit query
 * with the unit (stored) vectors of the passing items; ties go to the lower slot, like linr.
 */
final class FilteredBruteForce {
  private final FilterCorpus corpus;

  FilteredBruteForce(FilterCorpus corpus) {
    this.corpus = corpus;
  }

  /** Slots of the filtered top k for query {@code qi}, best first. */
  int[] search(int qi, FilterCase filter, int k) {
    float[] q = corpus.unitQuery(qi);
    PriorityQueue<double[]> heap = new PriorityQueue<>(FilteredBruteForce::worseFirst);
    int dim = corpus.dim;
    for (int r = 0; r < corpus.items; r++) {
      if (!filter.passes(corpus.bucket[r])) {
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

  /** Cosine of query {@code q} (unit) with slot {@code r}. */
  double score(float[] q, int r) {
    int base = r * corpus.dim;
    double s = 0;
    for (int i = 0; i < corpus.dim; i++) {
      s += (double) q[i] * corpus.unit[base + i];
    }
    return s;
  }

  private static int worseFirst(double[] a, double[] b) {
    int c = Double.compare(a[0], b[0]);
    return c != 0 ? c : Double.compare(b[1], a[1]);
  }
}
