package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.ZooModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCallFloorTest {
  @Test
  void eachProbeModelRunsItsOperatorsOnTheArgumentsItIsCalledWith(@TempDir Path dir)
      throws Exception {
    try (ZooModel<NDList, NDList> empty = ModelCallFloor.load(dir.resolve("empty"), 0);
        ZooModel<NDList, NDList> three = ModelCallFloor.load(dir.resolve("three"), 3)) {
      assertEquals(12, ModelCallFloor.call(empty, new long[] {5, 7}));
      assertEquals(12 + 2 * 3, ModelCallFloor.call(three, new long[] {5, 7}));
      assertEquals(-4 + 2 * 3, ModelCallFloor.call(three, new long[] {-3, -1}));
    }
  }

  @Test
  void theProbeSourceHasTheIndexModelsSignatureAndOneLinePerOperator() {
    String source = ModelCallFloor.source(4);
    assertTrue(
        source.contains(
            "    filter_ops: Tensor,\n    filter_ints: Tensor,\n    filter_floats: Tensor,\n"
                + "    allow: Tensor,\n    options: Tensor) -> Tuple[Tensor, Tensor, Tensor, Tensor,"
                + " Tensor]:"),
        source);
    assertEquals(4, source.split("torch.add", -1).length - 1);
    assertFalse(ModelCallFloor.source(0).contains("torch.add"));
  }
}
