package dev.linr.torchscript;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TorchScriptArchiveWriterTest {
  static final String SOURCE =
      "class IndexModel(Module):\n"
          + "  __parameters__ = []\n"
          + "  __buffers__ = [\"emb\", \"ids\", ]\n"
          + "  emb : Tensor\n"
          + "  ids : Tensor\n"
          + "  training : bool\n"
          + "  def forward(self: __torch__.IndexModel,\n"
          + "    q: Tensor) -> Tensor:\n"
          + "    return self.emb\n";

  @TempDir Path dir;

  @Test
  void writesTheTorchLayoutReadableByJavaZipFile() throws IOException {
    byte[] emb = randomBytes(4 * 3 * 2, 1);
    byte[] ids = randomBytes(4 * 8, 2);
    Path zip = dir.resolve("m.pt");
    try (TorchScriptArchiveWriter w =
        new TorchScriptArchiveWriter(zip, "m", "IndexModel", SOURCE)) {
      w.addTensor("emb", TensorDType.FLOAT16, new long[] {4, 3}, bytes(emb));
      w.addTensor("ids", TensorDType.INT64, new long[] {4}, bytes(ids));
    }
    Map<String, byte[]> expected = new LinkedHashMap<>();
    expected.put("m/data/0", emb);
    expected.put("m/data/1", ids);
    expected.put("m/data.pkl", null); // checked below
    expected.put("m/code/__torch__.py", SOURCE.getBytes(StandardCharsets.UTF_8));
    expected.put("m/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
    expected.put("m/version", "3\n".getBytes(StandardCharsets.UTF_8));

    try (TorchScriptArchiveReader r = TorchScriptArchiveReader.open(zip)) {
      assertEquals("m", r.archiveName());
      assertEquals(
          List.copyOf(expected.keySet()),
          r.entries().stream().map(TorchScriptArchiveReader.Entry::name).toList());
      assertEquals(List.of("0", "1"), r.storageKeys());
      for (TorchScriptArchiveReader.Entry e : r.entries()) {
        assertEquals(0, e.dataOffset() % 64, e.name());
      }
      expected.put("m/data.pkl", r.read(r.entry("data.pkl").orElseThrow()));
      assertArrayEquals(emb, r.read(r.storage("0")));
    }
    ZipStreamWriterTest.assertJavaZipFileReads(zip, expected);
  }

  /** The opcodes of torch 1.13's data.pkl for a half [4,3] buffer, without its memo. */
  @Test
  void dataPklMatchesTorchWithoutMemo() throws IOException {
    Path zip = dir.resolve("m.pt");
    try (TorchScriptArchiveWriter w =
        new TorchScriptArchiveWriter(zip, "m", "IndexModel", SOURCE)) {
      w.addTensor("emb", TensorDType.FLOAT16, new long[] {4, 3}, bytes(new byte[24]));
      w.addInt("n", 5);
    }
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    hex(expected, "8002");
    ascii(expected, "c__torch__\nIndexModel\n)\u0081}(");
    str(expected, "training");
    hex(expected, "89");
    str(expected, "emb");
    ascii(expected, "ctorch._utils\n_rebuild_tensor_v2\n((");
    str(expected, "storage");
    ascii(expected, "ctorch\nHalfStorage\n");
    str(expected, "0");
    str(expected, "cpu");
    hex(expected, "4b0c74514b00284b044b0374284b034b017489");
    ascii(expected, "ccollections\nOrderedDict\n)RtR");
    str(expected, "n");
    hex(expected, "4b05");
    ascii(expected, "ub.");
    try (TorchScriptArchiveReader r = TorchScriptArchiveReader.open(zip)) {
      assertEquals(
          HexFormat.of().formatHex(expected.toByteArray()),
          HexFormat.of().formatHex(r.read(r.entry("data.pkl").orElseThrow())));
    }
  }

  @Test
  void addTensorFromFileCopiesTheFile() throws IOException {
    byte[] data = randomBytes(5 * 7 * 4, 3);
    Path raw = Files.write(dir.resolve("raw.bin"), data);
    Path zip = dir.resolve("m.pt");
    try (TorchScriptArchiveWriter w =
        new TorchScriptArchiveWriter(zip, "m", "IndexModel", SOURCE)) {
      w.addTensorFromFile("emb", TensorDType.FLOAT32, new long[] {5, 7}, raw);
    }
    try (TorchScriptArchiveReader r = TorchScriptArchiveReader.open(zip)) {
      assertArrayEquals(data, r.read(r.storage("0")));
    }
  }

  @Test
  void fileOfTheWrongSizeIsRejected() throws IOException {
    Path raw = Files.write(dir.resolve("raw.bin"), new byte[27]);
    Path zip = dir.resolve("m.pt");
    TorchScriptArchiveWriter w = new TorchScriptArchiveWriter(zip, "m", "IndexModel", SOURCE);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> w.addTensorFromFile("emb", TensorDType.FLOAT32, new long[] {7}, raw));
    assertTrue(e.getMessage().contains("'emb'") && e.getMessage().contains("27"), e.getMessage());
    assertClosingFailsAndDeletes(w, zip);
  }

  @Test
  void contentShorterThanDeclaredNamesTheAttribute() throws IOException {
    Path zip = dir.resolve("m.pt");
    TorchScriptArchiveWriter w = new TorchScriptArchiveWriter(zip, "m", "IndexModel", SOURCE);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> w.addTensor("emb", TensorDType.INT32, new long[] {3}, bytes(new byte[11])));
    assertTrue(e.getMessage().startsWith("tensor 'emb'"), e.getMessage());
    assertTrue(e.getMessage().contains("shorter"), e.getMessage());
    assertClosingFailsAndDeletes(w, zip);
  }

  @Test
  void contentLongerThanDeclaredNamesTheAttribute() throws IOException {
    Path zip = dir.resolve("m.pt");
    TorchScriptArchiveWriter w = new TorchScriptArchiveWriter(zip, "m", "IndexModel", SOURCE);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> w.addTensor("ids", TensorDType.INT8, new long[] {2, 2}, bytes(new byte[5])));
    assertTrue(e.getMessage().startsWith("tensor 'ids'"), e.getMessage());
    assertTrue(e.getMessage().contains("longer"), e.getMessage());
    w.abort();
    assertFalse(Files.exists(zip));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "1a", "a-b", "a b", "é", "class", "None", "training"})
  void invalidAttributeNamesAreRejected(String name) throws IOException {
    Path zip = dir.resolve("m.pt");
    TorchScriptArchiveWriter w = new TorchScriptArchiveWriter(zip, "m", "IndexModel", SOURCE);
    assertThrows(IllegalArgumentException.class, () -> w.addInt(name, 1));
    assertClosingFailsAndDeletes(w, zip);
  }

  @Test
  void invalidTensorNameIsRejectedBeforeWriting() throws IOException {
    Path zip = dir.resolve("m.pt");
    TorchScriptArchiveWriter w = new TorchScriptArchiveWriter(zip, "m", "IndexModel", SOURCE);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            w.addTensor(
                "bad name",
                TensorDType.INT8,
                new long[] {1},
                out -> {
                  throw new AssertionError("content must not be written");
                }));
    assertClosingFailsAndDeletes(w, zip);
  }

  @Test
  void duplicateAttributeNamesAreRejected() throws IOException {
    Path zip = dir.resolve("m.pt");
    TorchScriptArchiveWriter w = new TorchScriptArchiveWriter(zip, "m", "IndexModel", SOURCE);
    w.addTensor("emb", TensorDType.BOOL, new long[] {1}, bytes(new byte[] {1}));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> w.addBool("emb", true));
    assertTrue(e.getMessage().contains("duplicate attribute 'emb'"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> w.addInt("other", 1), "writer has failed");
    assertClosingFailsAndDeletes(w, zip);
  }

  @Test
  void invalidArchiveOrClassNamesAreRejected() {
    Path zip = dir.resolve("m.pt");
    assertThrows(
        IllegalArgumentException.class,
        () -> new TorchScriptArchiveWriter(zip, "a/b", "IndexModel", SOURCE));
    assertThrows(
        IllegalArgumentException.class,
        () -> new TorchScriptArchiveWriter(zip, "", "IndexModel", SOURCE));
    assertThrows(
        IllegalArgumentException.class,
        () -> new TorchScriptArchiveWriter(zip, "m", "Index.Model", SOURCE));
    assertThrows(
        IllegalArgumentException.class,
        () -> new TorchScriptArchiveWriter(zip, "m", "OtherModel", SOURCE));
    assertFalse(Files.exists(zip));
  }

  @Test
  void addAfterCloseFails() throws IOException {
    Path zip = dir.resolve("m.pt");
    TorchScriptArchiveWriter w = new TorchScriptArchiveWriter(zip, "m", "IndexModel", SOURCE);
    w.close();
    assertThrows(IllegalStateException.class, () -> w.addFloat("x", 1));
    w.close();
    w.abort();
    assertTrue(Files.exists(zip), "abort after a completed close keeps the archive");
  }

  private static void assertClosingFailsAndDeletes(TorchScriptArchiveWriter w, Path zip) {
    assertThrows(IOException.class, w::close);
    assertFalse(Files.exists(zip));
  }

  static TensorContent bytes(byte[] data) {
    return out -> out.write(ByteBuffer.wrap(data));
  }

  static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static void hex(ByteArrayOutputStream out, String hex) {
    out.writeBytes(HexFormat.of().parseHex(hex));
  }

  private static void ascii(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static void str(ByteArrayOutputStream out, String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.write('X');
    out.writeBytes(
        ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(utf8.length).array());
    out.writeBytes(utf8);
  }
}
