package dev.linr.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.ZooModel;
import dev.linr.index.IndexBuilder;
import dev.linr.items.ItemFiles;
import dev.linr.query.Hit;
import dev.linr.query.SearchRequest;
import dev.linr.query.SearchResponse;
import dev.linr.schema.Metric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index model keeps its dead rows (slots below the high-water mark that are not alive) counted
 * through {@code set_alive}, and an unfiltered search without an allow mask reports its matches
 * from that count: after every update, the search's matches and hits are the live items below the
 * mark, counted here independently of the model.
 */
class DeadRowsTest {
  private static final int ITEMS = 50;
  private static final int DIM = 4;

  @TempDir Path dir;

  @Test
  void unfilteredSearchesCountTheLiveRowsThroughEveryUpdate() throws Exception {
    Path archive = build();
    try (LinrIndex index = LinrIndex.open(archive)) {
      ZooModel<NDList, NDList> model = index.model();
      IndexModelMethods methods =
          new IndexModelMethods(SmallWorkFirstBlock.symbolBlock(model), model.getNDManager());
      boolean[] alive = new boolean[ITEMS];
      Arrays.fill(alive, true);
      check(index, alive, ITEMS);

      // Slots given twice, with the same flag, count once.
      methods.setAlive(new long[] {3, 7, 7, 9}, new boolean[] {false, false, false, false}, ITEMS);
      alive[3] = alive[7] = alive[9] = false;
      check(index, alive, ITEMS);

      // A slot revived, one already dead set dead again, one alive set alive again.
      methods.setAlive(new long[] {3, 9, 10}, new boolean[] {true, false, true}, ITEMS);
      alive[3] = true;
      check(index, alive, ITEMS);

      // The mark moves down over two live slots and a dead one: they leave the count.
      methods.setAlive(new long[] {46}, new boolean[] {false}, ITEMS);
      alive[46] = false;
      methods.setAlive(new long[0], new boolean[0], 45);
      check(index, alive, 45);

      // And back up: the slots it takes in count as they are (46 dead, the others alive).
      methods.setAlive(new long[] {2}, new boolean[] {false}, ITEMS);
      alive[2] = false;
      check(index, alive, ITEMS);

      // Rebuilding the attribute index counts them again, to the same number.
      methods.reindex();
      check(index, alive, ITEMS);
    }
  }

  private static void check(LinrIndex index, boolean[] alive, int hwm) {
    Set<Long> expected = new TreeSet<>();
    for (int s = 0; s < hwm; s++) {
      if (alive[s]) {
        expected.add((long) s);
      }
    }
    SearchResponse r =
        index.search(SearchRequest.builder().setVector(new float[] {1, 2, 3, 4}).optK(100).build());
    assertEquals(expected.size(), r.matched(), "matched at mark " + hwm);
    Set<Long> hits =
        r.hits().stream().map(h -> (Long) h.id()).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(expected, hits, "hits at mark " + hwm);
    for (Hit h : r.hits()) {
      assertFalse(Float.isInfinite(h.score()), "a dead or padding slot was returned: " + h);
    }
  }

  /** 50 items with ids equal to their slots and random vectors, dot product. */
  private Path build() throws Exception {
    Random random = new Random(5);
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < ITEMS; i++) {
      jsonl.append("{\"id\":").append(i).append(",\"vector\":[");
      for (int j = 0; j < DIM; j++) {
        jsonl.append(j > 0 ? "," : "").append(random.nextGaussian());
      }
      jsonl.append("]}\n");
    }
    Path items = dir.resolve("items.jsonl");
    Files.writeString(items, jsonl);
    Path out = dir.resolve("index");
    IndexBuilder.builder()
        .setItems(ItemFiles.jsonl(items))
        .setOutput(out)
        .optMetric(Metric.DOT)
        .build()
        .run();
    return out;
  }
}
