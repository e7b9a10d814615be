package dev.linr.torchscript;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PickleWriterTest {
  private static final HexFormat HEX = HexFormat.of();

  @ParameterizedTest
  @CsvSource({
    "0, 4b00",
    "255, 4bff",
    "256, 4a00010000",
    "-1, 4affffffff",
    "2147483647, 4affffff7f",
    "-2147483648, 4a00000080",
    "2147483648, 8a080000008000000000",
    "-2147483649, 8a08ffffff7fffffffff",
    "1099511627776, 8a080000000000010000",
    "9223372036854775807, 8a08ffffffffffffff7f",
    "-9223372036854775808, 8a080000000000000080",
  })
  void integersUseBinInt1BinIntOrLong1(long value, String hex) {
    assertEquals(hex, HEX.formatHex(new PickleWriter().integer(value).toByteArray()));
  }

  @Test
  void floatsAreBigEndianBinFloat() {
    assertEquals(
        "47400c000000000000", HEX.formatHex(new PickleWriter().float64(3.5).toByteArray()));
  }

  @Test
  void stringsAreUtf8BinUnicode() {
    assertArrayEquals(
        HEX.parseHex("5806000000c3a978e29c93"), new PickleWriter().string("éx✓").toByteArray());
  }

  @Test
  void pythonUnpicklesIntegersFloatsStringsAndBools() throws Exception {
    Python.assumePython();
    List<Long> ints =
        List.of(
            0L,
            255L,
            256L,
            -1L,
            (long) Integer.MAX_VALUE,
            (long) Integer.MIN_VALUE,
            1L << 31,
            -(1L << 31) - 1,
            1L << 40,
            -(1L << 40),
            Long.MAX_VALUE,
            Long.MIN_VALUE);
    List<Double> floats = List.of(0.0, -0.0, 1e-300, -2.5, Math.PI, Double.MAX_VALUE);
    PickleWriter p = new PickleWriter().proto().mark();
    ints.forEach(p::integer);
    floats.forEach(p::float64);
    p.string("héllo ✓").string("").bool(true).bool(false).tuple().stop();

    String script =
        "import pickle, sys, json, struct\n"
            + "v = pickle.loads(bytes.fromhex(sys.argv[1]))\n"
            + "print(json.dumps([[type(x).__name__,"
            + " struct.pack('>d', x).hex() if type(x) is float else str(x)] for x in v]))\n";
    JsonArray out =
        JsonParser.parseString(Python.run(script, HEX.formatHex(p.toByteArray()))).getAsJsonArray();

    assertEquals(ints.size() + floats.size() + 4, out.size());
    int i = 0;
    for (long v : ints) {
      assertEquals("[\"int\",\"" + v + "\"]", out.get(i++).toString());
    }
    for (double v : floats) {
      String bits = String.format("%016x", Double.doubleToRawLongBits(v));
      assertEquals("[\"float\",\"" + bits + "\"]", out.get(i++).toString());
    }
    assertEquals("[\"str\",\"héllo ✓\"]", out.get(i++).toString());
    assertEquals("[\"str\",\"\"]", out.get(i++).toString());
    assertEquals("[\"bool\",\"True\"]", out.get(i++).toString());
    assertEquals("[\"bool\",\"False\"]", out.get(i).toString());
  }
}
