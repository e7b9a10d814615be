package dev.linr.e2e.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.linr.e2e.TestCorpus;
import dev.linr.index.BuildResult;
import dev.linr.query.Hit;
import dev.linr.query.SearchRequest;
import dev.linr.runtime.LiveIndex;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expiry by {@code expires_at} and by a maximum age on a timestamp attribute. */
class LiveExpiryTest {
  private static final long T0 = 1_800_000_000L;

  @TempDir Path dir;

  private static List<Object> ids(LiveIndex live) {
    return live
        .search(SearchRequest.builder().setVector(new float[] {1, 0}).optK(50).build())
        .hits()
        .stream()
        .map(Hit::id)
        .toList();
  }

  @Test
  void itemsStopMatchingAtTheirExpiryAndTheSweepFreesTheirSlots() throws Exception {
    TestCorpus corpus = new TestCorpus(2);
    corpus.add(1L, new float[] {5, 0}, Map.of("posted_at", T0));
    BuildResult built = LiveIndexes.build(corpus, dir, Metric.DOT, StorageType.FLOAT32, 4);
    AtomicLong clock = new AtomicLong(T0);
    try (LiveIndex live =
        LiveIndex.builder()
            .setArchive(built.folder())
            .optClock(clock::get)
            .optMaxAge("posted_at", 100)
            .build()) {
      String byExpiry =
          new LiveReference.Row(
                  2L, new float[] {4, 0}, Map.of("posted_at", T0), OptionalLong.of(T0 + 10))
              .json();
      String byAge =
          new LiveReference.Row(
                  3L, new float[] {3, 0}, Map.of("posted_at", T0 - 80), OptionalLong.empty())
              .json();
      assertEquals(2, live.upsert(List.of(byExpiry, byAge)).applied());
      assertEquals(List.of(1L, 2L, 3L), ids(live));
      clock.set(T0 + 10);
      assertEquals(List.of(1L, 3L), ids(live));
      clock.set(T0 + 20);
      assertEquals(List.of(1L), ids(live));
      assertEquals(3, live.size());
      assertEquals(2, live.expire(clock.get()));
      assertEquals(1, live.size());
      assertEquals(-1, live.slotOf(2L));
      assertEquals(List.of(1L), ids(live));
    }
  }
}
