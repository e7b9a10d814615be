package dev.linr.bench;

import java.util.function.IntPredicate;

/**
 * The post-filtering peer: an unfiltered top k' (from linr, so exact) filtered afterwards in Java,
 * keeping the first k passing slots. Its recall is the fraction of the true filtered top k found.
 */
final class PostFilter {
  private PostFilter() {}

  /** The first {@code k} slots of {@code unfiltered} whose bucket passes {@code filter}. */
  static int[] apply(int[] unfiltered, int[] bucket, FilterCase filter, int k) {
    return apply(unfiltered, slot -> filter.passes(bucket[slot]), k);
  }

  /** The first {@code k} slots of {@code unfiltered} that {@code passes}. */
  static int[] apply(int[] unfiltered, IntPredicate passes, int k) {
    int[] out = new int[k];
    int n = 0;
    for (int slot : unfiltered) {
      if (n == k) {
        break;
      }
      if (passes.test(slot)) {
        out[n++] = slot;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /** Mean over queries of |found ∩ truth| / |truth| (queries with an empty truth count as 1). */
  static double recall(int[][] found, int[][] truth) {
    double sum = 0;
    for (int q = 0; q < truth.length; q++) {
      if (truth[q].length == 0) {
        sum += 1;
        continue;
      }
      int hit = 0;
      for (int t : truth[q]) {
        for (int f : found[q]) {
          if (f == t) {
            hit++;
            break;
          }
        }
      }
      sum += (double) hit / truth[q].length;
    }
    return sum / truth.length;
  }
}
