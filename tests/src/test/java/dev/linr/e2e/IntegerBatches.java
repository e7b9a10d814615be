package dev.linr.e2e;

import dev.linr.filter.FilterEvaluator;
import dev.linr.filter.FilterParser;
import dev.linr.query.SearchRequest;
import dev.linr.translate.SearchBatch;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

/** Batches of small-integer queries over a {@link TestCorpus}, and the items each filter passes. */
final class IntegerBatches {
  private IntegerBatches() {}

  /** The corpus positions that pass {@code filter} (every item for null). */
  static BitSet passing(TestCorpus corpus, String filter) {
    BitSet set = new BitSet();
    if (filter == null) {
      set.set(0, corpus.size());
      return set;
    }
    var f = FilterParser.parse(filter);
    for (int i = 0; i < corpus.size(); i++) {
      if (FilterEvaluator.matches(f, FilterCorpus.asLists(corpus.items.get(i).attributes()))) {
        set.set(i);
      }
    }
    return set;
  }

  /**
   * One query per filter (null: none), entries in {-1, 0, 1} drawn from {@code seed}, k cycling
   * through {@code ks}.
   */
  static SearchBatch batch(long seed, int dimension, List<String> filters, int... ks) {
    Random r = new Random(seed);
    List<SearchRequest> requests = new ArrayList<>();
    for (int i = 0; i < filters.size(); i++) {
      float[] v = new float[dimension];
      for (int j = 0; j < dimension; j++) {
        v[j] = r.nextInt(3) - 1;
      }
      SearchRequest.Builder b = SearchRequest.builder().setVector(v).optK(ks[i % ks.length]);
      if (filters.get(i) != null) {
        b.optFilter(filters.get(i));
      }
      requests.add(b.build());
    }
    return SearchBatch.of(requests);
  }
}
