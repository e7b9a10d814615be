package dev.linr.e2e.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.linr.archive.ServingProperties;
import dev.linr.query.RequestParseException;
import dev.linr.rank.RankerFeatures;
import dev.linr.runtime.LinrFused;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fused archive's Input/Output face, loaded as DJL Serving loads it. */
class FusedServingTest {
  private static final String REQUEST =
      "{\"vector\": [0.5, 0, -1, 0.25], \"k\": 20, \"n\": 5, \"filter\": \"level < 8\"}";

  @TempDir Path dir;
  private Path archive;

  @BeforeEach
  void fuse() throws Exception {
    Path index =
        FusedCorpus.dyadic(111, 120, 4)
            .build(dir, "posts", Metric.DOT, StorageType.FLOAT32)
            .folder();
    archive =
        FusedArchives.fuse(
            index,
            DyadicRankers.of(
                4, RankerFeatures.of(true, true, List.of("level")), new int[] {3}, 112),
            dir.resolve("ranked"));
  }

  /** Loads the archive with no translator given: DJL reads serving.properties. */
  private Output predict(Input in) throws Exception {
    Criteria<Input, Output> criteria =
        Criteria.builder()
            .setTypes(Input.class, Output.class)
            .optModelPath(archive)
            .optEngine("PyTorch")
            .build();
    try (ZooModel<Input, Output> model = criteria.loadModel();
        Predictor<Input, Output> p = model.newPredictor()) {
      return p.predict(in);
    }
  }

  private static Input input(String body, String contentType) {
    Input in = new Input();
    if (contentType != null) {
      in.addProperty("Content-Type", contentType);
    }
    in.add("data", body);
    return in;
  }

  @Test
  void servedArchiveAnswersAsLinrFusedDoes() throws Exception {
    Output out = predict(input(REQUEST, "application/json; charset=utf-8"));

    assertEquals("application/json", out.getProperty("Content-Type", null));
    try (LinrFused fused = LinrFused.open(archive)) {
      assertEquals(fused.rankJson(REQUEST), out.getData().getAsString());
    }
    JsonArray hits =
        JsonParser.parseString(out.getData().getAsString())
            .getAsJsonObject()
            .getAsJsonArray("hits");
    assertEquals(5, hits.size());
    JsonObject first = hits.get(0).getAsJsonObject();
    assertEquals(
        List.of("id", "score", "retrievalScore", "attributes"), List.copyOf(first.keySet()));
  }

  @Test
  void nonJsonContentTypeIsRefused() {
    TranslateException e =
        assertThrows(TranslateException.class, () -> predict(input(REQUEST, "text/plain")));
    assertTrue(
        e.getMessage().contains("Content-Type must be application/json, got: text/plain"),
        e.getMessage());
  }

  @Test
  void badFilterNamesTheField() {
    TranslateException e =
        assertThrows(
            TranslateException.class,
            () ->
                predict(input("{\"vector\": [1, 0, 0, 0], \"filter\": \"colour = 'red'\"}", null)));
    RequestParseException cause = assertInstanceOf(RequestParseException.class, e.getCause());
    assertEquals("filter", cause.field());
  }

  @Test
  void attributesAreLeftOutWhenTheArchiveSaysSo() throws Exception {
    ServingProperties p = ServingProperties.read(archive);
    p.set("includeAttributes", "false").write(archive);

    try (LinrFused fused = LinrFused.open(archive)) {
      JsonArray hits =
          JsonParser.parseString(fused.rankJson(REQUEST)).getAsJsonObject().getAsJsonArray("hits");
      assertEquals(5, hits.size());
      for (var h : hits) {
        assertFalse(h.getAsJsonObject().has("attributes"), h.toString());
      }
    }
  }
}
