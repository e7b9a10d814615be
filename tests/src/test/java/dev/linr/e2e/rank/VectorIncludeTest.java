package dev.linr.e2e.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.linr.index.BuildResult;
import dev.linr.query.Hit;
import dev.linr.query.Include;
import dev.linr.query.ParsedResponses;
import dev.linr.query.SearchRequest;
import dev.linr.query.SearchResponse;
import dev.linr.query.SearchResponseParser;
import dev.linr.runtime.LinrIndex;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import dev.linr.translate.SearchBatch;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code include: ["vector"]} through {@link LinrIndex}: every hit carries exactly the vector the
 * index stores, which the test derives on its own from the input (rounded to the storage type;
 * normalised first for cosine).
 */
class VectorIncludeTest {
  private static final int DIMENSION = 12;
  private static final int COUNT = 150;

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(StorageType.class)
  void dotIndexReturnsTheInputRoundedToTheStorageType(StorageType dtype) throws Exception {
    RankCorpus corpus = RankCorpus.gaussian(21, COUNT, DIMENSION);
    BuildResult built = corpus.build(dir, Metric.DOT, dtype);
    try (LinrIndex index = LinrIndex.open(built.folder())) {
      SearchResponse r = index.search(everything(corpus.items.get(5).vector()));
      assertEquals(COUNT, r.hits().size());
      for (Hit h : r.hits()) {
        float[] input = corpus.byId(h.id()).vector();
        float[] got = h.vector();
        for (int j = 0; j < DIMENSION; j++) {
          assertBits(round(dtype, input[j]), got[j], h.id() + "[" + j + "]");
        }
      }
    }
  }

  @Test
  void cosineIndexReturnsTheNormalisedVector() throws Exception {
    RankCorpus corpus = RankCorpus.gaussian(22, COUNT, DIMENSION);
    BuildResult built = corpus.build(dir, Metric.COSINE, StorageType.FLOAT16);
    try (LinrIndex index = LinrIndex.open(built.folder())) {
      SearchResponse r = index.search(everything(corpus.items.get(0).vector()));
      assertEquals(COUNT, r.hits().size());
      for (Hit h : r.hits()) {
        float[] input = corpus.byId(h.id()).vector();
        double norm = 0;
        for (float x : input) {
          norm += (double) x * x;
        }
        float[] got = h.vector();
        for (int j = 0; j < DIMENSION; j++) {
          float unit = (float) (input[j] * (1 / Math.sqrt(norm)));
          assertBits(round(StorageType.FLOAT16, unit), got[j], h.id() + "[" + j + "]");
        }
      }
    }
  }

  @Test
  void jsonResponseCarriesTheVectorsAndRoundTrips() throws Exception {
    RankCorpus corpus = RankCorpus.gaussian(23, COUNT, DIMENSION);
    BuildResult built = corpus.build(dir, Metric.DOT, StorageType.BFLOAT16);
    try (LinrIndex index = LinrIndex.open(built.folder())) {
      SearchRequest withVectors =
          SearchRequest.builder()
              .setVector(corpus.items.get(9).vector())
              .optK(20)
              .optInclude(Include.VECTOR, Include.ATTRIBUTES)
              .build();
      SearchRequest plain = withVectors.toBuilder().optInclude(List.of()).build();
      String json =
          index.searchJson(SearchRequest.toBatchJson(List.of(withVectors, plain)).toString());
      ParsedResponses parsed = new SearchResponseParser().parse(json);

      // The same batch, so the same matmul and the same float rounding of the scores.
      assertEquals(index.search(SearchBatch.of(List.of(withVectors, plain))), parsed.responses());
      Hit first = parsed.responses().get(0).hits().get(0);
      float[] input = corpus.byId(first.id()).vector();
      for (int j = 0; j < DIMENSION; j++) {
        assertBits(round(StorageType.BFLOAT16, input[j]), first.vector()[j], "value " + j);
      }
      assertNull(parsed.responses().get(1).hits().get(0).vector());
    }
  }

  private static SearchRequest everything(float[] query) {
    return SearchRequest.builder().setVector(query).optK(COUNT).optInclude(Include.VECTOR).build();
  }

  /** Round half to even to 11 (float16) or 8 (bfloat16) significant bits, via double. */
  private static float round(StorageType dtype, float x) {
    switch (dtype) {
      case FLOAT16:
        // Scaling by 2^24 puts float16's subnormal step at 1; rint rounds half to even.
        double step = Math.max(Math.ulp(Math.abs(x)) * 8192.0, 0x1p-24);
        return (float) (Math.rint(x / step) * step);
      case BFLOAT16:
        double bstep = Math.ulp(Math.abs(x)) * 65536.0;
        return (float) (Math.rint(x / bstep) * bstep);
      default:
        return x;
    }
  }

  private static void assertBits(float expected, float actual, String what) {
    assertEquals(
        Float.floatToRawIntBits(expected),
        Float.floatToRawIntBits(actual),
        what + ": " + expected + " vs " + actual);
  }
}
