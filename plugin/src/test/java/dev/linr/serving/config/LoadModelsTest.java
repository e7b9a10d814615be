package dev.linr.serving.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.linr.serving.wlm.ModelSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadModelsTest {
  @Test
  void blankMeansAll() {
    assertEquals(LoadModels.ALL, LoadModels.parse(" "));
  }

  @Test
  void allAndNoneInAnyCase() {
    assertEquals(LoadModels.ALL, LoadModels.parse("all"));
    assertEquals(LoadModels.NONE, LoadModels.parse("None"));
  }

  @Test
  void specsMakeAList() {
    assertEquals(
        LoadModels.of(List.of(ModelSpec.of("/m/a"), ModelSpec.of("/m/b"))),
        LoadModels.parse("/m/a,/m/b"));
  }
}
