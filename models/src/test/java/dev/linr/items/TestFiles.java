package dev.linr.items;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.linr.schema.HalfFloats;
import dev.linr.schema.IndexSchema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes test inputs: text files and .npy arrays (any version, dtype, order or shape). */
final class TestFiles {
  private TestFiles() {}

  /** Writes lines joined by {@code \n} (with a final newline). */
  static Path lines(Path dir, String name, String... lines) throws IOException {
    return text(dir, name, String.join("\n", lines) + "\n");
  }

  static Path text(Path dir, String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, text.getBytes(StandardCharsets.UTF_8));
    return p;
  }

  /** A float32 C-order 2-D array, version 1.0. */
  static Path npyF4(Path dir, String name, float[][] rows) throws IOException {
    return npy(dir, name, 1, "<f4", false, shape(rows), f4(rows));
  }

  /** A float16 C-order 2-D array, version 1.0. */
  static Path npyF2(Path dir, String name, float[][] rows) throws IOException {
    return npy(dir, name, 1, "<f2", false, shape(rows), f2(rows));
  }

  static String shape(float[][] rows) {
    return "(" + rows.length + ", " + (rows.length == 0 ? 0 : rows[0].length) + ")";
  }

  static byte[] f4(float[][] rows) {
    List<Float> all = new ArrayList<>();
    for (float[] r : rows) {
      for (float v : r) {
        all.add(v);
      }
    }
    ByteBuffer b = ByteBuffer.allocate(all.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
    all.forEach(b::putFloat);
    return b.array();
  }

  static byte[] f2(float[][] rows) {
    int n = 0;
    for (float[] r : rows) {
      n += r.length;
    }
    ByteBuffer b = ByteBuffer.allocate(n * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] r : rows) {
      for (float v : r) {
        b.putShort(HalfFloats.floatToFloat16(v));
      }
    }
    return b.array();
  }

  /** Any .npy file, written the way numpy writes it (header padded to 64 bytes, then '\n'). */
  static Path npy(
      Path dir, String name, int major, String descr, boolean fortran, String shape, byte[] data)
      throws IOException {
    String dict =
        "{'descr': '"
            + descr
            + "', 'fortran_order': "
            + (fortran ? "True" : "False")
            + ", 'shape': "
            + shape
            + ", }";
    int prefix = major == 1 ? 10 : 12;
    int total = prefix + dict.length() + 1;
    int padded = (total + 63) / 64 * 64;
    StringBuilder h = new StringBuilder(dict);
    while (prefix + h.length() + 1 < padded) {
      h.append(' ');
    }
    h.append('\n');
    byte[] header = h.toString().getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer b =
        ByteBuffer.allocate(prefix + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII));
    b.put((byte) major).put((byte) 0);
    if (major == 1) {
      b.putShort((short) header.length);
    } else {
      b.putInt(header.length);
    }
    b.put(header).put(data);
    Path p = dir.resolve(name);
    Files.write(p, b.array());
    return p;
  }

  /** Reads every item. */
  static List<Item> readAll(ItemFiles files, IndexSchema schema) throws IOException {
    List<Item> out = new ArrayList<>();
    try (ItemSource s = ItemSources.open(files, schema)) {
      for (Item it = s.next(); it != null; it = s.next()) {
        out.add(it);
      }
    }
    return out;
  }

  /** Reads every item and returns the error it must end in. */
  static ItemInputException failure(ItemFiles files, IndexSchema schema) {
    return assertThrows(ItemInputException.class, () -> readAll(files, schema));
  }

  /** Checks an error's whole message, line and field. */
  static void assertError(ItemInputException e, Path file, int line, String field, String reason) {
    String prefix = file == null ? "" : file + (line > 0 ? ":" + line : "") + ": ";
    if (file == null && line > 0) {
      prefix = "line " + line + ": ";
    }
    assertEquals(prefix + reason, e.getMessage());
    assertEquals(line, e.line(), "line");
    assertEquals(field, e.field(), "field");
    assertEquals(reason, e.reason());
    assertEquals(file == null ? null : file.toString(), e.file());
  }
}
