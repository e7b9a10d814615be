package dev.linr.index;

/** Reads the embedding an index stores for a slot. */
public interface VectorLookup {
  /** The number of values per vector. */
  int dimension();

  /**
   * The stored vector of a slot, widened to float32: the values the index scores with (normalised
   * at build time for cosine indexes, rounded to the storage type). A new array each call.
   *
   * @throws IndexOutOfBoundsException if the slot is outside the index's capacity
   */
  float[] vector(long slot);
}
