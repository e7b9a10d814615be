package dev.linr.torchscript;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TensorLayoutTest {
  @Test
  void rowMajorStrides() {
    TensorLayout l = TensorLayout.contiguous(TensorDType.FLOAT32, new long[] {2, 3, 4});
    assertArrayEquals(new long[] {12, 4, 1}, l.strides());
    assertEquals(24, l.numel());
    assertEquals(96, l.byteSize());
  }

  @Test
  void zeroDimensionsCountAsOneForStridesLikeTorch() {
    TensorLayout l = TensorLayout.contiguous(TensorDType.FLOAT16, new long[] {0, 4});
    assertArrayEquals(new long[] {4, 1}, l.strides());
    assertEquals(0, l.numel());
    assertEquals(0, l.byteSize());
    assertArrayEquals(
        new long[] {1, 1}, TensorLayout.contiguous(TensorDType.INT8, new long[] {4, 0}).strides());
  }

  @Test
  void scalarHasOneElementAndNoStrides() {
    TensorLayout l = TensorLayout.contiguous(TensorDType.INT64, new long[0]);
    assertEquals(1, l.numel());
    assertEquals(8, l.byteSize());
    assertArrayEquals(new long[0], l.strides());
  }

  @Test
  void sizesBeyondIntRange() {
    TensorLayout l = TensorLayout.contiguous(TensorDType.BFLOAT16, new long[] {3_000_000_000L, 2});
    assertEquals(6_000_000_000L, l.numel());
    assertEquals(12_000_000_000L, l.byteSize());
  }

  @Test
  void rejectsNegativeDimensionsAndOverflow() {
    assertThrows(
        IllegalArgumentException.class,
        () -> TensorLayout.contiguous(TensorDType.FLOAT32, new long[] {2, -1}));
    assertThrows(
        IllegalArgumentException.class,
        () -> TensorLayout.contiguous(TensorDType.FLOAT32, new long[] {1L << 31, 1L << 31}));
  }

  @Test
  void dtypeWidthsAndStorageClasses() {
    assertEquals(2, TensorDType.BFLOAT16.bytes());
    assertEquals("BFloat16Storage", TensorDType.BFLOAT16.storageClass());
    assertEquals("CharStorage", TensorDType.INT8.storageClass());
    assertEquals("ByteStorage", TensorDType.UINT8.storageClass());
    assertEquals("LongStorage", TensorDType.INT64.storageClass());
    assertEquals(1, TensorDType.BOOL.bytes());
  }
}
