package dev.linr.serving.wlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.linr.runtime.LinrIndex;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index whose archive is sound but whose model DJL cannot load (on a GPU this host lacks: the
 * registry refuses that before loading, {@link LinrIndex} itself does not) leaves no native model
 * open.
 */
class IndexLoadFailureTest {
  @TempDir static Path dir;
  private static TestIndex posts;

  @BeforeAll
  static void buildIndex() throws IOException {
    posts = TestIndex.build(dir, "posts", 40, 2);
  }

  /** The first GPU this host does not have: gpu0 on a CPU-only host. */
  private static Device missingGpu() {
    return Device.gpu(Engine.getEngine("PyTorch").getGpuCount());
  }

  @Test
  void indexThatFailsToLoadOnItsDeviceLeavesNoOpenModel() {
    Device gpu = missingGpu();
    // A first failure starts the engine and whatever it keeps for good.
    assertThrows(IllegalArgumentException.class, () -> LinrIndex.open(posts.folder, gpu));
    int before = OpenModels.count();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LinrIndex.open(posts.folder, gpu));
    assertTrue(e.getMessage().startsWith("cannot load the index model in "), e.getMessage());
    assertEquals(before, OpenModels.count(), "native models left open");
  }
}
