package dev.linr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.archive.ServingProperties;
import dev.linr.index.IndexMetadata;
import dev.linr.rank.DemoRanker;
import dev.linr.rank.FusedMetadata;
import dev.linr.rank.FusedModelBuilder;
import dev.linr.rank.RankerArchiveReader;
import dev.linr.rank.RankerDefinition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo model store {@code linr serve} builds when given none. */
class DemoStoreTest {
  private static final Path CONF_FEED =
      Path.of("..", "conf", "workflows", "feed.json").toAbsolutePath().normalize();
  private static final String TRANSLATOR_JAR = "libs/linr-serving-translator.jar";

  @TempDir static Path cache;
  static Map<String, String> env;
  static Path store;
  static String buildOutput;

  @BeforeAll
  static void prepare() throws IOException {
    env = Map.of("XDG_CACHE_HOME", cache.toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    store = DemoStore.prepare(env, new PrintStream(out, true, StandardCharsets.UTF_8));
    buildOutput = out.toString(StandardCharsets.UTF_8);
  }

  private static byte[] shippedWorkflow() throws IOException {
    try (InputStream in = DemoStore.workflow()) {
      return in.readAllBytes();
    }
  }

  private static List<String> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void shippedWorkflowIsTheConfExampleByteForByte() throws IOException {
    assertArrayEquals(Files.readAllBytes(CONF_FEED), shippedWorkflow());
  }

  @Test
  void storeHoldsTheIndexTheRankerTheWorkflowAndTheFusedModel() throws IOException {
    assertEquals(List.of("feed.json", "feed_fused", "posts", "ranker"), list(store));
    assertArrayEquals(shippedWorkflow(), Files.readAllBytes(store.resolve("feed.json")));
    assertEquals(DemoStore.ITEMS, IndexMetadata.read(store.resolve("posts")).count());

    RankerDefinition expected = DemoRanker.definition(DemoStore.DIMENSION);
    RankerDefinition ranker = RankerArchiveReader.read(store.resolve("ranker"));
    assertEquals(expected.features().toString(), ranker.features().toString());
    assertArrayEquals(expected.mlp().widths(), ranker.mlp().widths());
    for (int layer = 0; layer < expected.mlp().layers(); layer++) {
      assertArrayEquals(expected.mlp().weights(layer), ranker.mlp().weights(layer));
      assertArrayEquals(expected.mlp().biases(layer), ranker.mlp().biases(layer));
    }
    assertEquals("OnnxRuntime", ServingProperties.read(store.resolve("ranker")).get("engine"));

    Path fused = store.resolve("feed_fused");
    assertEquals(
        FusedModelBuilder.SERVING_TRANSLATOR, ServingProperties.read(fused).get("translator"));
    assertArrayEquals(expected.mlp().widths(), FusedMetadata.read(fused).widths());
    assertEquals(DemoStore.ITEMS, IndexMetadata.read(fused).count());

    for (String archive : List.of("posts", "ranker", "feed_fused")) {
      assertTrue(Files.isRegularFile(store.resolve(archive).resolve(TRANSLATOR_JAR)), archive);
    }
  }

  @Test
  void buildLeavesOnlyTheStoreInItsCacheFolder() throws IOException {
    assertEquals(List.of("store"), list(store.getParent()));
    assertEquals(cache.resolve("linr"), store.getParent().getParent());
    assertTrue(buildOutput.startsWith("building the demo models into " + store), buildOutput);
  }

  @Test
  void builtStoreIsReusedWithoutBuildingAgain() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Path again = DemoStore.prepare(env, new PrintStream(out, true, StandardCharsets.UTF_8));
    assertEquals(store, again);
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }
}
