package dev.linr.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Wire-format bytes, checked against the examples of the protocol buffer encoding guide. */
class ProtoWriterTest {
  static String hex(ProtoWriter p) {
    return HexFormat.ofDelimiter(" ").formatHex(p.toByteArray());
  }

  @Test
  void varintFieldOf150IsTheGuidesExample() {
    assertEquals("08 96 01", hex(new ProtoWriter().int64(1, 150)));
  }

  @Test
  void smallAndMultiByteVarints() {
    assertEquals("08 00", hex(new ProtoWriter().int64(1, 0)));
    assertEquals("08 7f", hex(new ProtoWriter().int64(1, 127)));
    assertEquals("08 80 01", hex(new ProtoWriter().int64(1, 128)));
    assertEquals("08 ac 02", hex(new ProtoWriter().int64(1, 300)));
  }

  @Test
  void negativeIntegersTakeTenBytes() {
    assertEquals("08 ff ff ff ff ff ff ff ff ff 01", hex(new ProtoWriter().int64(1, -1)));
  }

  @Test
  void fieldNumbersFromSixteenTakeTwoTagBytes() {
    assertEquals("a0 01 02", hex(new ProtoWriter().int64(20, 2)));
  }

  @Test
  void stringIsLengthDelimitedUtf8() {
    assertEquals("12 07 74 65 73 74 69 6e 67", hex(new ProtoWriter().string(2, "testing")));
  }

  @Test
  void floatIsFourLittleEndianBytes() {
    assertEquals("15 00 00 80 3f", hex(new ProtoWriter().float32(2, 1f)));
    assertEquals("15 00 00 00 c0", hex(new ProtoWriter().float32(2, -2f)));
  }

  @Test
  void nestedMessageIsLengthDelimited() {
    assertEquals(
        "1a 03 08 96 01", hex(new ProtoWriter().message(3, new ProtoWriter().int64(1, 150))));
  }

  @Test
  void fieldsAreWrittenInCallOrder() {
    assertEquals("10 01 08 02", hex(new ProtoWriter().int64(2, 1).int64(1, 2)));
  }

  @Test
  void fieldNumberZeroIsRejected() {
    assertEquals(
        "field number must be in [1, 2^29 - 1], got: 0",
        assertThrows(IllegalArgumentException.class, () -> new ProtoWriter().int64(0, 1))
            .getMessage());
  }
}
