package dev.linr.translate;

import dev.linr.query.SearchRequest;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;

/**
 * Queries answered in one forward pass, each optionally restricted to an explicit set of slots.
 *
 * @param requests the queries, in answer order
 * @param allow per query, the slots it may return; empty for no restriction, else one set per query
 */
public record SearchBatch(List<SearchRequest> requests, List<BitSet> allow) {
  public SearchBatch {
    if (requests == null || requests.isEmpty()) {
      throw new IllegalArgumentException("a batch needs at least one request");
    }
    requests = Collections.unmodifiableList(new ArrayList<>(requests));
    List<BitSet> copies = new ArrayList<>();
    for (BitSet b : allow == null ? List.<BitSet>of() : allow) {
      copies.add((BitSet) b.clone());
    }
    if (!copies.isEmpty() && copies.size() != requests.size()) {
      throw new IllegalArgumentException(
          "allow must hold one slot set per request: got "
              + copies.size()
              + " for "
              + requests.size()
              + " requests");
    }
    allow = Collections.unmodifiableList(copies);
  }

  /** A batch without slot restrictions. */
  public static SearchBatch of(List<SearchRequest> requests) {
    return new SearchBatch(requests, List.of());
  }

  public int size() {
    return requests.size();
  }

  /** The largest k of the batch: the model computes that many and each query keeps its own k. */
  public int maxK() {
    int k = 0;
    for (SearchRequest r : requests) {
      k = Math.max(k, r.k());
    }
    return k;
  }
}
