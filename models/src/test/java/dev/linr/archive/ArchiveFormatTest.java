package dev.linr.archive;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArchiveFormatTest {
  @Test
  void derivedNamesDropTheExtensionAndReplaceNonWordCharacters() {
    assertEquals("posts", ArchiveFormat.modelName(Path.of("/m/posts.tar.gz")));
    assertEquals("my_index_v2", ArchiveFormat.modelName(Path.of("my-index.v2.zip")));
    assertEquals("feed", ArchiveFormat.modelName(Path.of("models/feed")));
  }

  @Test
  void derivedNamesPassTheCheck() {
    assertDoesNotThrow(
        () -> ArchiveFormat.checkModelName(ArchiveFormat.modelName(Path.of("a b-c.tgz"))));
    assertDoesNotThrow(() -> ArchiveFormat.checkModelName(null));
    assertDoesNotThrow(() -> ArchiveFormat.checkModelName("Posts_2"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a-b", "a b", "a.b", "é"})
  void otherNamesAreRefusedByName(String name) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ArchiveFormat.checkModelName(name));
    assertEquals(
        "model name '" + name + "' must use only letters, digits and underscores", e.getMessage());
  }
}
