package dev.linr.e2e;

import dev.linr.index.StoredVectors;
import dev.linr.schema.IndexSchema;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * The plain-Java reference: scores every item in double precision from the stored (rounded)
 * vectors, keeps the allowed ones, and orders by score descending, then slot ascending.
 */
public final class BruteForce {
  /** One expected hit. */
  public record Expected(int slot, Object id, double score) {}

  /** Expected answer for one query. */
  public record Answer(List<Expected> hits, long matched) {}

  private final TestCorpus corpus;
  private final IndexSchema schema;
  private final float[][] stored;
  private final java.util.Map<Object, Integer> slots = new java.util.HashMap<>();

  public BruteForce(TestCorpus corpus, IndexSchema schema) {
    this.corpus = corpus;
    this.schema = schema;
    this.stored = new float[corpus.size()][];
    for (int i = 0; i < corpus.size(); i++) {
      stored[i] = StoredVectors.stored(schema, corpus.items.get(i).vector());
      slots.put(corpus.items.get(i).id(), i);
    }
  }

  /** The slot of an id (slots follow input order). */
  int slotOf(Object id) {
    Integer slot = slots.get(id);
    if (slot == null) {
      throw new AssertionError("the engine returned an unknown id " + id);
    }
    return slot;
  }

  double score(float[] query, int slot) {
    float[] e = stored[slot];
    double dot = 0;
    double qq = 0;
    double ee = 0;
    for (int i = 0; i < e.length; i++) {
      dot += (double) query[i] * e[i];
      qq += (double) query[i] * query[i];
      ee += (double) e[i] * e[i];
    }
    switch (schema.metric()) {
      case COSINE:
        return qq == 0 ? 0 : dot / Math.sqrt(qq);
      case L2:
        return -(qq - 2 * dot + ee);
      default:
        return dot;
    }
  }

  public Answer search(float[] query, int k, BitSet allow) {
    List<Expected> all = new ArrayList<>();
    for (int slot = 0; slot < corpus.size(); slot++) {
      if (allow == null || allow.get(slot)) {
        all.add(new Expected(slot, corpus.items.get(slot).id(), score(query, slot)));
      }
    }
    all.sort(
        Comparator.comparingDouble((Expected e) -> -e.score()).thenComparingInt(Expected::slot));
    return new Answer(all.subList(0, Math.min(k, all.size())), all.size());
  }
}
