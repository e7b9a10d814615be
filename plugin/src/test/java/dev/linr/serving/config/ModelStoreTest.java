package dev.linr.serving.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.serving.wlm.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
  @TempDir Path store;

  private void file(String name) throws IOException {
    Files.writeString(store.resolve(name), "x");
  }

  private void folder(String name, boolean empty) throws IOException {
    Path d = Files.createDirectories(store.resolve(name));
    if (!empty) {
      Files.writeString(d.resolve("serving.properties"), "engine=PyTorch\n");
    }
  }

  @Test
  void scanFindsEveryArchiveFormAndWorkflowInNameOrder() throws IOException {
    folder("posts", false);
    file("jobs.zip");
    file("ads.tar.gz");
    file("geo-v2.tgz");
    file("people.tar");
    file("feed.json");
    List<StartupModel> found = ModelStore.scan(store);
    List<String> names = found.stream().map(StartupModel::name).toList();
    assertEquals(List.of("ads", "feed", "geo_v2", "jobs", "people", "posts"), names);
    List<Boolean> workflows = found.stream().map(StartupModel::workflow).toList();
    assertEquals(List.of(false, true, false, false, false, false), workflows);
  }

  @Test
  void scanSkipsHiddenEmptyAndOtherEntries() throws IOException {
    folder(".cache", false);
    folder("empty", true);
    file("README.md");
    file(".hidden.zip");
    folder("posts", false);
    assertEquals(
        List.of("posts"), ModelStore.scan(store).stream().map(StartupModel::name).toList());
  }

  @Test
  void scannedModelsCarryTheirNameAndFileUrl() throws IOException {
    folder("posts", false);
    ModelSpec spec = ModelStore.scan(store).get(0).spec();
    assertEquals("posts", spec.name());
    assertTrue(spec.url().startsWith("file:/"), spec.url());
    assertEquals(store.resolve("posts").toAbsolutePath(), ModelUrls.path(spec.url()));
  }

  @Test
  void missingStoreIsAnError() {
    Path missing = store.resolve("nope");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ModelStore.scan(missing));
    assertEquals("model_store " + missing + " is not a folder", e.getMessage());
  }

  @Test
  void allWithoutAStoreLoadsNothing() throws IOException {
    assertEquals(List.of(), ModelStore.startupModels(ServerConfig.defaults()));
  }

  @Test
  void noneIgnoresTheStore() throws IOException {
    folder("posts", false);
    ServerConfig c =
        ServerConfig.builder().optModelStore(store).optLoadModels(LoadModels.NONE).build();
    assertEquals(List.of(), ModelStore.startupModels(c));
  }

  @Test
  void listedSpecsAreLoadedInsteadOfTheStore() throws IOException {
    folder("posts", false);
    ServerConfig c =
        ServerConfig.builder()
            .optModelStore(store)
            .optLoadModels(LoadModels.parse("a=/m/a.zip,/m/feed.json"))
            .build();
    List<StartupModel> found = ModelStore.startupModels(c);
    assertEquals(
        List.of(
            new StartupModel(new ModelSpec("a", null, "/m/a.zip", null, null, null), false, "a"),
            new StartupModel(ModelSpec.of("/m/feed.json"), true, "feed")),
        found);
  }
}
