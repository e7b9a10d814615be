package dev.linr.e2e.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.e2e.TestCorpus;
import dev.linr.index.BuildResult;
import dev.linr.query.Hit;
import dev.linr.query.Include;
import dev.linr.query.SearchRequest;
import dev.linr.query.SearchResponse;
import dev.linr.runtime.LiveIndex;
import dev.linr.runtime.UpdateResult;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Searches running while a writer rewrites, deletes and re-inserts items never see an id twice, a
 * stable id missing, or a half-written row: every hit's vector is one of the versions written for
 * its id, its "rank" attribute is the version in that vector, and its score is the exact dot
 * product with that vector.
 */
class LiveConcurrencyTest {
  private static final int DIM = 4;
  private static final int STABLE = 60;
  private static final int READERS = 2;

  @TempDir Path dir;

  /** Version {@code version} of item {@code id}: the vector encodes both. */
  private static float[] vector(long id, int version) {
    return new float[] {version, id % 7, (id * 3) % 5 - 2, 1};
  }

  @Test
  void readersDuringUpdatesSeeWholeRowsAndEveryStableIdOnce() throws Exception {
    TestCorpus corpus = new TestCorpus(DIM);
    for (long id = 1; id <= STABLE; id++) {
      corpus.add(id, vector(id, 0), Map.of("rank", 0L));
    }
    BuildResult built = LiveIndexes.build(corpus, dir, Metric.DOT, StorageType.FLOAT32, 90);
    Map<Long, Set<List<Float>>> written = new ConcurrentHashMap<>();
    for (long id = 1; id <= STABLE; id++) {
      written.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(asList(vector(id, 0)));
    }
    try (LiveIndex live = LiveIndex.builder().setArchive(built.folder()).build()) {
      LiveReaders readers =
          LiveReaders.start(
              READERS,
              "live-reader-",
              seed -> {
                Random r = new Random(seed);
                return () -> check(live, written, r);
              });
      Random r = new Random(42);
      for (int round = 1; round <= 300 && !readers.failed(); round++) {
        List<String> batch = new ArrayList<>();
        Set<Long> ids = new HashSet<>();
        for (int n = 1 + r.nextInt(3); n > 0; n--) {
          long id = 1 + r.nextInt(STABLE);
          if (ids.add(id)) {
            float[] v = vector(id, round);
            written.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(asList(v));
            batch.add(
                new LiveReference.Row(id, v, Map.of("rank", (long) round), OptionalLong.empty())
                    .json());
          }
        }
        long transient_ = 1000 + r.nextInt(5);
        if (live.slotOf(transient_) >= 0) {
          assertEquals(1, live.delete(List.of(transient_)).applied());
        } else {
          float[] v = vector(transient_, round);
          written.computeIfAbsent(transient_, k -> ConcurrentHashMap.newKeySet()).add(asList(v));
          batch.add(
              new LiveReference.Row(
                      transient_, v, Map.of("rank", (long) round), OptionalLong.empty())
                  .json());
        }
        UpdateResult result = live.upsert(batch);
        assertEquals(batch.size(), result.applied(), result.toString());
      }
      int searches = readers.finish();
      assertTrue(searches >= READERS * 3);
    }
  }

  private static void check(LiveIndex live, Map<Long, Set<List<Float>>> written, Random r) {
    float[] q = {1 + r.nextInt(3), r.nextInt(5) - 2, r.nextInt(5) - 2, r.nextInt(3)};
    SearchResponse got =
        live.search(
            SearchRequest.builder()
                .setVector(q)
                .optK(200)
                .optInclude(Include.ATTRIBUTES, Include.VECTOR)
                .build());
    Set<Object> seen = new HashSet<>();
    Map<Object, Hit> byId = new HashMap<>();
    for (Hit h : got.hits()) {
      assertTrue(seen.add(h.id()), "id " + h.id() + " returned twice");
      byId.put(h.id(), h);
      float[] v = h.vector();
      assertTrue(
          written.get((Long) h.id()).contains(asList(v)),
          "id " + h.id() + " has a vector never written: " + Arrays.toString(v));
      assertEquals((long) v[0], h.attributes().get("rank"), "row of id " + h.id());
      double dot = 0;
      for (int i = 0; i < DIM; i++) {
        dot += (double) q[i] * v[i];
      }
      assertEquals((float) dot, h.score(), "score of id " + h.id());
    }
    for (long id = 1; id <= STABLE; id++) {
      assertTrue(byId.containsKey(id), "id " + id + " is missing");
    }
    assertEquals(got.hits().size(), got.matched());
  }

  private static List<Float> asList(float[] v) {
    List<Float> out = new ArrayList<>();
    for (float x : v) {
      out.add(x);
    }
    return out;
  }
}
