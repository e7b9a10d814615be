package dev.linr.serving.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelUrlsTest {
  @Test
  void defaultNameDropsTheExtensionAndReplacesNonWordCharacters() {
    assertEquals("my_ranker", ModelUrls.defaultName("file:/models/my-ranker.zip"));
  }

  @Test
  void defaultNameOfAFolderUrlWithATrailingSlash() {
    assertEquals("posts", ModelUrls.defaultName("file:///models/posts/"));
  }

  @Test
  void defaultNameOfAPlainPath() {
    assertEquals("ads", ModelUrls.defaultName("/models/ads.tar.gz"));
  }

  @Test
  void defaultNameOfAWorkflowFile() {
    assertEquals("feed", ModelUrls.defaultName("/models/feed.json"));
  }

  @Test
  void fileUrlIsDecoded() {
    assertEquals(Path.of("/models/my model"), ModelUrls.path("file:/models/my%20model"));
  }

  @Test
  void remoteUrlsAreRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ModelUrls.path("https://example.com/m.zip"));
    assertEquals(
        "only file: URLs and local paths are supported, got: https://example.com/m.zip",
        e.getMessage());
  }
}
