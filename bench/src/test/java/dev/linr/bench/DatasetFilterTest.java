package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFilterTest {
  @TempDir Path work;

  @Test
  void everySyntheticFilterPassesTheSameItemsInLuceneAsInJava() throws Exception {
    int items = 5000;
    Dataset d = SyntheticCorpus.generate(work, items, 4, 1, 3).dataset();
    try (LuceneHnsw lucene =
        LuceneHnsw.build(
            d.stored(),
            d.dim(),
            d.luceneSimilarity(),
            d.luceneFields(),
            Files.createDirectory(work.resolve("lucene")))) {
      for (DatasetFilter f : d.filters()) {
        if (f.lucene() != null) {
          assertEquals(f.count(items), lucene.count(f.lucene()), f.label());
        }
      }
    }
  }

  @Test
  void andJoinsTheLinrFiltersAndInQuotesEachValue() {
    DatasetFilter f =
        DatasetFilter.and(
            DatasetFilter.term("geo", "us", s -> true),
            DatasetFilter.in("label", java.util.List.of("T-shirt/top", "it's"), s -> true));
    assertEquals("geo = 'us' AND label IN ('T-shirt/top', 'it''s')", f.linr());
  }

  @Test
  void andPassesOnlyWhereEveryPartPasses() {
    DatasetFilter f =
        DatasetFilter.and(
            DatasetFilter.term("a", "x", s -> s % 2 == 0),
            DatasetFilter.term("b", "y", s -> s % 3 == 0));
    assertEquals(2, f.count(12)); // slots 0 and 6
  }
}
