package dev.linr.onnx;

import static dev.linr.onnx.ProtoWriterTest.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ONNX messages' bytes, derived by hand from onnx.proto's field numbers. */
class OnnxMessagesTest {
  @Test
  void intAttribute() {
    // name (1) "transB", i (3) 1, type (20) INT = 2
    assertEquals(
        "0a 06 74 72 61 6e 73 42 18 01 a0 01 02", hex(OnnxAttribute.ofInt("transB", 1).encode()));
  }

  @Test
  void floatAndIntsAttributes() {
    // f (2) 0.5, type FLOAT = 1
    assertEquals(
        "0a 01 61 15 00 00 00 3f a0 01 01", hex(OnnxAttribute.ofFloat("a", 0.5f).encode()));
    // ints (8) 1 and 0, type INTS = 7
    assertEquals("0a 01 70 40 01 40 00 a0 01 07", hex(OnnxAttribute.ofInts("p", 1, 0).encode()));
  }

  @Test
  void floatTensorWithRawData() {
    // dims (1) 2, data_type (2) FLOAT = 1, name (8) "b", raw_data (9) 1.0f -2.0f little-endian
    assertEquals(
        "08 02 10 01 42 01 62 4a 08 00 00 80 3f 00 00 00 c0",
        hex(OnnxTensor.floats("b", new long[] {2}, new float[] {1f, -2f}).encode()));
  }

  @Test
  void int64Tensor() {
    // dims (1) 1, data_type INT64 = 7, name "s", raw_data -1 as eight bytes
    assertEquals(
        "08 01 10 07 42 01 73 4a 08 ff ff ff ff ff ff ff ff",
        hex(OnnxTensor.longs("s", new long[] {1}, new long[] {-1}).encode()));
  }

  @Test
  void valueInfoWithSymbolicBatchDimension() {
    // name "x"; type { tensor_type { elem_type 1; shape { dim {dim_param "N"} dim {dim_value 2} } }
    // }
    assertEquals(
        "0a 01 78 12 0f 0a 0d 08 01 12 09 0a 03 12 01 4e 0a 02 08 02",
        hex(OnnxValueInfo.tensor("x", OnnxDataType.FLOAT, "N", 2L).encode()));
  }

  @Test
  void node() {
    // input (1) "x", output (2) "y", name (3) "r", op_type (4) "Relu"
    assertEquals(
        "0a 01 78 12 01 79 1a 01 72 22 04 52 65 6c 75",
        hex(OnnxNode.of("Relu", "r", List.of("x"), List.of("y")).encode()));
  }

  @Test
  void nodeAttributesFollowTheOpType() {
    assertEquals(
        "0a 01 78 12 01 79 1a 01 72 22 04 52 65 6c 75 2a 08 0a 01 61 18 00 a0 01 02",
        hex(
            OnnxNode.of("Relu", "r", List.of("x"), List.of("y"))
                .withAttribute(OnnxAttribute.ofInt("a", 0))
                .encode()));
  }

  @Test
  void modelHeaderGraphAndOpset() {
    OnnxGraph graph =
        OnnxGraph.builder()
            .setName("g")
            .addInput(OnnxValueInfo.tensor("x", OnnxDataType.FLOAT, 1L))
            .addNode(OnnxNode.of("Relu", "r", List.of("x"), List.of("y")))
            .addOutput(OnnxValueInfo.tensor("y", OnnxDataType.FLOAT, 1L))
            .build();
    String node = "0a 0f 0a 01 78 12 01 79 1a 01 72 22 04 52 65 6c 75";
    String input = "5a 0f 0a 01 78 12 0a 0a 08 08 01 12 04 0a 02 08 01";
    String output = "62 0f 0a 01 79 12 0a 0a 08 08 01 12 04 0a 02 08 01";
    assertEquals(node + " 12 01 67 " + input + " " + output, hex(graph.encode()));

    byte[] model = OnnxModel.builder().setGraph(graph).optMetadata("k", "v").build().toByteArray();
    String graphBytes = hex(graph.encode());
    // ir_version (1) 8, producer_name (2) "linr", graph (7), opset_import (8) {version (2) 13},
    // metadata_props (14) {key (1) "k", value (2) "v"}
    assertEquals(
        "08 08 12 04 6c 69 6e 72 3a 36 " + graphBytes + " 42 02 10 0d 72 06 0a 01 6b 12 01 76",
        HexFormat.ofDelimiter(" ").formatHex(model));
  }

  @Test
  void graphRejectsAnInputThatNothingDefines() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                OnnxGraph.builder()
                    .setName("g")
                    .addNode(OnnxNode.of("Relu", "r", List.of("x"), List.of("y")))
                    .addOutput(OnnxValueInfo.tensor("y", OnnxDataType.FLOAT, 1L))
                    .build());
    assertEquals("node r reads x, which nothing defines before it", e.getMessage());
  }

  @Test
  void graphRejectsAValueDefinedTwice() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                OnnxGraph.builder()
                    .setName("g")
                    .addInput(OnnxValueInfo.tensor("x", OnnxDataType.FLOAT, 1L))
                    .addInitializer(OnnxTensor.floats("x", new long[] {1}, new float[] {1f}))
                    .addOutput(OnnxValueInfo.tensor("x", OnnxDataType.FLOAT, 1L))
                    .build());
    assertEquals("value x is defined twice (again as initializer)", e.getMessage());
  }

  @Test
  void graphRejectsAnOutputThatIsNeverComputed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                OnnxGraph.builder()
                    .setName("g")
                    .addInput(OnnxValueInfo.tensor("x", OnnxDataType.FLOAT, 1L))
                    .addOutput(OnnxValueInfo.tensor("z", OnnxDataType.FLOAT, 1L))
                    .build());
    assertEquals("graph output z is never computed", e.getMessage());
  }

  @Test
  void tensorValuesMustFillTheShape() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> OnnxTensor.floats("w", new long[] {2, 3}, new float[5]));
    assertEquals("tensor w of shape [2, 3] needs 6 values, got 5", e.getMessage());
  }

  @Test
  void namesAreChecked() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> OnnxValueInfo.tensor("two words", OnnxDataType.FLOAT, 1L));
    assertTrue(e.getMessage().startsWith("value name must start with a letter"), e.getMessage());
  }
}
