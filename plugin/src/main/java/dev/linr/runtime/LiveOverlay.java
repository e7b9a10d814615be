package dev.linr.runtime;

import dev.linr.index.AttributeLookup;
import dev.linr.index.VectorLookup;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The attributes and stored vectors of rows written by live updates, in front of the archive's
 * (which still hold what the build wrote in those slots). Thread-safe.
 */
final class LiveOverlay implements AttributeLookup, VectorLookup {
  private record Row(Map<String, Object> attributes, float[] vector) {}

  private final AttributeLookup archiveAttributes;
  private final VectorLookup archiveVectors;
  private final Map<Long, Row> rows;

  LiveOverlay(AttributeLookup archiveAttributes, VectorLookup archiveVectors) {
    this(archiveAttributes, archiveVectors, new ConcurrentHashMap<>());
  }

  private LiveOverlay(
      AttributeLookup archiveAttributes, VectorLookup archiveVectors, Map<Long, Row> rows) {
    this.archiveAttributes = archiveAttributes;
    this.archiveVectors = archiveVectors;
    this.rows = rows;
  }

  /**
   * A copy that keeps the rows written so far and takes no later ones (call it while no update
   * runs): each row is immutable, so only the map is copied.
   */
  LiveOverlay frozen() {
    return new LiveOverlay(archiveAttributes, archiveVectors, new HashMap<>(rows));
  }

  /** Records a slot's new row (before the slot is published). */
  void put(long slot, Map<String, Object> attributes, float[] vector) {
    rows.put(
        slot,
        new Row(Collections.unmodifiableMap(new LinkedHashMap<>(attributes)), vector.clone()));
  }

  /** Forgets a freed slot's row. */
  void remove(long slot) {
    rows.remove(slot);
  }

  @Override
  public Map<String, Object> attributes(long slot) {
    Row r = rows.get(slot);
    return r == null ? archiveAttributes.attributes(slot) : r.attributes();
  }

  @Override
  public int dimension() {
    return archiveVectors.dimension();
  }

  @Override
  public float[] vector(long slot) {
    Row r = rows.get(slot);
    return r == null ? archiveVectors.vector(slot) : r.vector().clone();
  }
}
