package dev.linr.e2e.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.e2e.BruteForce;
import dev.linr.e2e.HitAssertions;
import dev.linr.e2e.TestCorpus;
import dev.linr.index.BuildResult;
import dev.linr.query.Hit;
import dev.linr.query.SearchRequest;
import dev.linr.query.SearchResponse;
import dev.linr.runtime.LiveIndex;
import dev.linr.runtime.UpdateResult;
import dev.linr.schema.IndexSchema;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Searches running while the index grows again and again never fail, and each answers exactly as
 * the reference of one published state answers (ids and scores; equal scores in any order, since a
 * slot freed while a search holds an older state is reused only after it ends, so slot choice, and
 * with it tie order, depends on the searches), never of an older state than the reader saw before.
 * Batch {@code i} inserts item {@code i} and rewrites a stable item to version {@code i}, so a
 * search's answer tells which state it saw: the number of inserted items it holds.
 */
class LiveGrowthConcurrencyTest {
  private static final int DIM = 4;
  private static final int STABLE = 4;
  private static final int CAPACITY = 8;
  private static final int BATCHES = 250;
  private static final int READERS = 2;
  private static final long FIRST_NEW = 1000;

  @TempDir Path dir;

  private static LiveReference.Row stable(long id, int version) {
    float[] v = {version % 5 - 2, id, 1, (version * 7) % 3 - 1};
    return new LiveReference.Row(id, v, Map.of("rank", (long) version), OptionalLong.empty());
  }

  private static LiveReference.Row inserted(int batch) {
    float[] v = {batch % 7 - 3, batch % 3 - 1, (batch * 5) % 4 - 2, 1};
    return new LiveReference.Row(
        FIRST_NEW + batch, v, Map.of("rank", (long) batch), OptionalLong.empty());
  }

  /** Batch {@code i} (1-based). */
  private static List<LiveReference.Row> batch(int i) {
    return List.of(inserted(i), stable(1 + i % STABLE, i));
  }

  @Test
  void searchesDuringGrowthsAnswerAsSomePublishedState() throws Exception {
    TestCorpus corpus = new TestCorpus(DIM);
    for (long id = 1; id <= STABLE; id++) {
      LiveReference.Row row = stable(id, 0);
      corpus.add(id, row.vector(), row.attributes());
    }
    BuildResult built = LiveIndexes.build(corpus, dir, Metric.DOT, StorageType.FLOAT32, CAPACITY);
    try (LiveIndex live = LiveIndex.builder().setArchive(built.folder()).build()) {
      IndexSchema schema = live.schema();
      LiveReaders readers =
          LiveReaders.start(
              READERS,
              "growth-reader-",
              seed -> {
                Random r = new Random(seed);
                LiveReference seen = new LiveReference(schema, 10_000, corpus);
                int[] state = {0};
                return () -> check(live, seen, state, r);
              });
      for (int i = 1; i <= BATCHES && !readers.failed(); i++) {
        UpdateResult result = live.upsert(batch(i).stream().map(LiveReference.Row::json).toList());
        assertEquals(2, result.applied(), result.toString());
      }
      int searches = readers.finish();
      assertTrue(live.growths() >= 4, "grew " + live.growths() + " times");
      assertTrue(searches >= READERS * 3);
    }
  }

  /**
   * One search, against the reference advanced to the state it saw.
   *
   * @param seen the reference at {@code state[0]} batches, advanced here
   */
  private static void check(LiveIndex live, LiveReference seen, int[] state, Random r) {
    float[] q = LiveIndexes.integerVector(r, DIM);
    SearchResponse got = live.search(SearchRequest.builder().setVector(q).optK(1000).build());
    int inserted = 0;
    for (Hit h : got.hits()) {
      if ((Long) h.id() >= FIRST_NEW) {
        inserted++;
      }
    }
    if (inserted < state[0]) {
      throw new AssertionError("a search saw " + inserted + " batches after seeing " + state[0]);
    }
    while (state[0] < inserted) {
      seen.upsert(batch(++state[0]));
    }
    BruteForce.Answer want = seen.search(q, 1000, null, 0);
    HitAssertions.assertSameHitsAnyTieOrder(want, got, "state after " + inserted + " batches");
  }
}
