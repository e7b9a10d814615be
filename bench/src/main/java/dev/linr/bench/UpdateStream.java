package dev.linr.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.linr.demo.DemoCorpus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The item updates of the updates benchmark, a deterministic function of a request number {@code
 * r}, for an index of items 1..N built from the {@link DemoCorpus} (the serving benchmarks' index).
 * Requests come in cycles of three, each of {@code batch} items: two upserts and one delete. Per
 * cycle, {@code batch} rewrites of existing ids, {@code batch} new ids and {@code batch} deletes,
 * so the item count stays level:
 *
 * <ul>
 *   <li>rewrites: distinct random ids of 1..N, never a protected id (the sampled queries' reference
 *       hits), so the original items are never deleted and a rewrite always finds its id;
 *   <li>new ids: N + 1, N + 2, ... in cycle order;
 *   <li>deletes: the new ids of the cycle {@value #LAG} cycles earlier (in the first {@value #LAG}
 *       cycles, ids above 2^50 that were never inserted, answered {@code not_found}).
 * </ul>
 *
 * <p>Every upserted vector has norm {@code epsilon}, chosen by the caller below every sampled
 * query's k-th reference score divided by the query's norm, so no upserted item can enter a sampled
 * query's top k and no reference hit is touched: the sampled answers stay exactly those of the
 * index as built while updates go on. The vectors and attributes come from fixed pools (serialised
 * once), so making a request costs the load generator little. Immutable and thread-safe.
 */
final class UpdateStream {
  /** Cycles between the insertion of a new id and its deletion. */
  static final int LAG = 16;

  /** Where the ids of deletes that precede any insertion start. */
  static final long ABSENT_BASE = 1L << 50;

  private static final int POOL = 256;

  private final long items;
  private final int batch;
  private final Set<Long> protectedIds;
  private final long seed;
  private final String[] vectors;
  private final String[] attributes;

  /** One request: an upsert of item JSON lines or a delete of ids. */
  record Batch(long request, List<String> lines, List<Long> deleteIds, int newItems) {
    boolean isDelete() {
      return deleteIds != null;
    }

    /** The HTTP body: JSON Lines for an upsert, {@code {"ids": [...]}} for a delete. */
    byte[] body() {
      if (!isDelete()) {
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
      }
      JsonArray ids = new JsonArray(deleteIds.size());
      deleteIds.forEach(ids::add);
      JsonObject o = new JsonObject();
      o.add("ids", ids);
      return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Items (or ids) in the request. */
    int size() {
      return isDelete() ? deleteIds.size() : lines.size();
    }
  }

  /**
   * @param items N: the index holds ids 1..N when the stream starts
   * @param dim the vector dimension
   * @param batch items per request
   * @param protectedIds ids never rewritten or deleted
   * @param epsilon the norm of every upserted vector (positive)
   * @param seed makes the rewrites' ids and the vectors reproducible
   * @throws IllegalArgumentException if fewer than {@code batch} ids of 1..N are unprotected
   */
  UpdateStream(long items, int dim, int batch, Set<Long> protectedIds, double epsilon, long seed) {
    if (batch < 1 || dim < 1) {
      throw new IllegalArgumentException("batch and dim must be at least 1");
    }
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("epsilon must be positive, got: " + epsilon);
    }
    if (items - protectedIds.size() < batch) {
      throw new IllegalArgumentException(
          "the index has "
              + items
              + " items of which "
              + protectedIds.size()
              + " are protected; at least "
              + batch
              + " others are needed for a batch of rewrites");
    }
    this.items = items;
    this.batch = batch;
    this.protectedIds = Set.copyOf(protectedIds);
    this.seed = seed;
    SplittableRandom r = new SplittableRandom(seed);
    this.vectors = new String[POOL];
    this.attributes = new String[POOL];
    for (int i = 0; i < POOL; i++) {
      vectors[i] = vector(r, dim, epsilon);
      attributes[i] = attributes(r);
    }
  }

  int batchSize() {
    return batch;
  }

  /** The new id of new-item sequence number {@code s} (0, 1, ...). */
  long newId(long s) {
    return items + 1 + s;
  }

  /** Request number {@code r} (0, 1, ...). */
  Batch batch(long r) {
    if (r < 0) {
      throw new IllegalArgumentException("request numbers start at 0, got: " + r);
    }
    long cycle = r / 3;
    int phase = (int) (r % 3);
    int half = batch / 2;
    if (phase == 2) {
      List<Long> ids = new ArrayList<>(batch);
      long from = (cycle - LAG) * batch;
      for (int j = 0; j < batch; j++) {
        ids.add(cycle >= LAG ? newId(from + j) : ABSENT_BASE + cycle * batch + j);
      }
      return new Batch(r, null, List.copyOf(ids), 0);
    }
    long firstNew = cycle * batch + (phase == 0 ? 0 : half);
    int fresh = phase == 0 ? half : batch - half;
    SplittableRandom random = new SplittableRandom(seed ^ (r * 0x9E3779B97F4A7C15L));
    List<String> lines = new ArrayList<>(batch);
    Set<Long> rewritten = new HashSet<>();
    while (rewritten.size() < batch - fresh) {
      long id = 1 + random.nextLong(items);
      if (!protectedIds.contains(id) && rewritten.add(id)) {
        lines.add(line(id, random));
      }
    }
    for (int j = 0; j < fresh; j++) {
      lines.add(line(newId(firstNew + j), random));
    }
    return new Batch(r, List.copyOf(lines), null, fresh);
  }

  private String line(long id, SplittableRandom random) {
    return "{\"id\":"
        + id
        + ",\"vector\":"
        + vectors[random.nextInt(POOL)]
        + ",\"attributes\":"
        + attributes[random.nextInt(POOL)]
        + "}";
  }

  private static String vector(SplittableRandom r, int dim, double epsilon) {
    double[] v = new double[dim];
    double norm = 0;
    for (int i = 0; i < dim; i++) {
      v[i] = r.nextDouble(-1, 1);
      norm += v[i] * v[i];
    }
    // Scaled a little under epsilon so float rounding cannot lift the norm above it.
    double scale = 0.999 * epsilon / Math.sqrt(Math.max(norm, 1e-30));
    StringBuilder sb = new StringBuilder(dim * 14).append('[');
    for (int i = 0; i < dim; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append((float) (v[i] * scale));
    }
    return sb.append(']').toString();
  }

  private static String attributes(SplittableRandom r) {
    return String.format(
        Locale.ROOT,
        "{\"geo\":\"%s\",\"company\":%d,\"language\":\"%s\",\"skills\":[\"%s\"],\"posted_at\":%d,"
            + "\"quality\":%.3f,\"sponsored\":%b}",
        DemoCorpus.GEOS.get(r.nextInt(DemoCorpus.GEOS.size())),
        1000 + r.nextInt(5000),
        DemoCorpus.LANGUAGES.get(r.nextInt(DemoCorpus.LANGUAGES.size())),
        DemoCorpus.SKILLS.get(r.nextInt(DemoCorpus.SKILLS.size())),
        DemoCorpus.NEWEST - r.nextInt(90 * 86_400),
        r.nextDouble(),
        r.nextInt(20) == 0);
  }
}
