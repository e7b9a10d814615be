package dev.linr.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.schema.IndexSchema;
import dev.linr.torchscript.TensorDType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgramStageTest {
  private static final IndexLayout LAYOUT =
      IndexLayout.of(
          IndexSchema.fromJson(
              "{\"dimension\": 3, \"metric\": \"cosine\", \"dtype\": \"float16\", \"id_type\":"
                  + " \"int\", \"attributes\": {\"geo\": \"string\", \"rank\": \"int\"}}"),
          8,
          Map.of(),
          Map.of("geo", 2));

  private static final BufferSpec EXTRA =
      new BufferSpec("extra_w", TensorDType.FLOAT32, new long[] {3}, "extra weights");

  private static ProgramStage stage(String className, List<BufferSpec> buffers, String methods) {
    return new ProgramStage() {
      @Override
      public String className() {
        return className;
      }

      @Override
      public List<BufferSpec> buffers() {
        return buffers;
      }

      @Override
      public String methods() {
        return methods;
      }
    };
  }

  private static final String FORWARD =
      "  def forward(self: __torch__.Extended,\n    queries: Tensor) -> Tensor:\n"
          + "    return queries\n";

  @Test
  void plainProgramHasForwardAndNoSearchMethod() {
    String source = IndexProgram.source(LAYOUT);

    assertTrue(source.contains("  def forward(self: __torch__.IndexModel,\n    queries: Tensor,"));
    assertFalse(source.contains("def search("));
  }

  @Test
  void stageRenamesTheSearchEntryAndTheClassAndAppendsItsMethods() {
    String plain = IndexProgram.source(LAYOUT);
    String source = IndexProgram.source(LAYOUT, stage("Extended", List.of(EXTRA), FORWARD));

    assertTrue(source.startsWith("class Extended(Module):\n"));
    assertTrue(source.contains("  def search(self: __torch__.Extended,\n    queries: Tensor,"));
    assertFalse(source.contains("IndexModel"));
    assertTrue(source.endsWith("\n" + FORWARD));
    assertEquals(1, source.split("def forward\\(", -1).length - 1, "one forward");
    String expected =
        plain
                .replace("IndexModel", "Extended")
                .replace("def forward(", "def search(")
                .replace("\"soonest\", ]", "\"soonest\", \"extra_w\", ]")
                .replace("  soonest : Tensor\n", "  soonest : Tensor\n  extra_w : Tensor\n")
            + FORWARD;
    assertEquals(expected, source);
  }

  @Test
  void stageBufferWithAnIndexBufferNameIsRefused() {
    BufferSpec clash = new BufferSpec("emb", TensorDType.FLOAT32, new long[] {3}, "clash");

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> IndexProgram.source(LAYOUT, stage("Extended", List.of(clash), FORWARD)));
    assertEquals("stage buffer 'emb' clashes with a buffer of the index", e.getMessage());
  }

  @Test
  void stageWithoutForwardIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> IndexProgram.source(LAYOUT, stage("Extended", List.of(), "  def other(self)\n")));
    assertEquals("the stage defines no forward of class Extended", e.getMessage());
  }
}
