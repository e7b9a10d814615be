package dev.linr.torchscript;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipStreamWriterTest {
  @TempDir Path dir;

  @Test
  void storedEntriesAreAlignedAndReadByJavaZipFile() throws IOException {
    Map<String, byte[]> contents = randomContents(new int[] {0, 1, 63, 64, 65, 3000}, 1);
    Path zip = dir.resolve("a.zip");
    try (ZipStreamWriter w = new ZipStreamWriter(zip)) {
      for (Map.Entry<String, byte[]> e : contents.entrySet()) {
        w.writeEntry(e.getKey(), e.getValue());
      }
    }
    assertJavaZipFileReads(zip, contents);
    List<TorchScriptArchiveReader.Entry> entries = directory(zip);
    assertEquals(new ArrayList<>(contents.keySet()), names(entries));
    for (TorchScriptArchiveReader.Entry e : entries) {
      assertEquals(0, e.dataOffset() % ZipStreamWriter.ALIGNMENT, e.name());
      assertTrue(e.stored());
      assertArrayEquals(contents.get(e.name()), slice(zip, e.dataOffset(), e.size()));
    }
  }

  @Test
  void streamsContentWrittenInPiecesOfAnySize() throws IOException {
    Random random = new Random(2);
    byte[] data = new byte[3 * (1 << 20) + 12345];
    random.nextBytes(data);
    Path zip = dir.resolve("pieces.zip");
    try (ZipStreamWriter w = new ZipStreamWriter(zip)) {
      w.writeEntry(
          "x/pieces",
          data.length,
          out -> {
            int pos = 0;
            while (pos < data.length) {
              int n = Math.min(data.length - pos, random.nextInt(4) == 0 ? 1_500_000 : 777);
              out.write(ByteBuffer.wrap(data, pos, n));
              pos += n;
            }
          });
    }
    CRC32 crc = new CRC32();
    crc.update(data);
    try (ZipFile z = new ZipFile(zip.toFile())) {
      ZipEntry e = z.getEntry("x/pieces");
      assertEquals(crc.getValue(), e.getCrc());
      assertArrayEquals(data, z.getInputStream(e).readAllBytes());
    }
  }

  @Test
  void contentLongerThanDeclaredFailsAndCloseDeletesTheFile() throws IOException {
    Path zip = dir.resolve("long.zip");
    ZipStreamWriter w = new ZipStreamWriter(zip);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> w.writeEntry("x/long", 3, out -> out.write(ByteBuffer.allocate(4))));
    assertTrue(e.getMessage().contains("'x/long'"), e.getMessage());
    assertTrue(e.getMessage().contains("longer"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> w.writeEntry("x/next", new byte[1]));
    assertThrows(IOException.class, w::close);
    assertFalse(Files.exists(zip));
  }

  @Test
  void contentShorterThanDeclaredFailsAndAbortDeletesTheFile() throws IOException {
    Path zip = dir.resolve("short.zip");
    ZipStreamWriter w = new ZipStreamWriter(zip);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> w.writeEntry("x/short", 5, out -> out.write(ByteBuffer.allocate(4))));
    assertTrue(e.getMessage().contains("'x/short'"), e.getMessage());
    assertTrue(e.getMessage().contains("4 of 5"), e.getMessage());
    w.abort();
    assertFalse(Files.exists(zip));
    w.close(); // no-op after abort
  }

  @Test
  void abortAfterCloseKeepsTheFile() throws IOException {
    Path zip = dir.resolve("kept.zip");
    ZipStreamWriter w = new ZipStreamWriter(zip);
    w.writeEntry("x/a", new byte[] {1});
    w.close();
    w.abort();
    assertJavaZipFileReads(zip, Map.of("x/a", new byte[] {1}));
  }

  @Test
  void rejectsDuplicateAndEmptyNamesButStaysUsable() throws IOException {
    Path zip = dir.resolve("dup.zip");
    try (ZipStreamWriter w = new ZipStreamWriter(zip)) {
      w.writeEntry("x/a", new byte[] {1});
      assertThrows(IllegalArgumentException.class, () -> w.writeEntry("x/a", new byte[] {2}));
      assertThrows(IllegalArgumentException.class, () -> w.writeEntry("", new byte[] {2}));
      w.writeEntry("x/b", new byte[] {3});
    }
    assertJavaZipFileReads(zip, Map.of("x/a", new byte[] {1}, "x/b", new byte[] {3}));
  }

  @Test
  void emptyZipIsValid() throws IOException {
    Path zip = dir.resolve("empty.zip");
    new ZipStreamWriter(zip).close();
    try (ZipFile z = new ZipFile(zip.toFile())) {
      assertEquals(0, z.size());
    }
  }

  /**
   * Forces zip64 records with a threshold of 1000 bytes; archives really over 4 GiB are exercised
   * by the benchmark.
   */
  @Test
  void forcedZip64IsReadByJavaZipFileAndPythonZipfile() throws Exception {
    Map<String, byte[]> contents = randomContents(new int[] {10, 1500, 0, 999, 1000, 2500}, 3);
    Path zip = dir.resolve("zip64.zip");
    try (ZipStreamWriter w = new ZipStreamWriter(zip, 1000)) {
      for (Map.Entry<String, byte[]> e : contents.entrySet()) {
        w.writeEntry(e.getKey(), e.getValue());
      }
    }
    byte[] file = Files.readAllBytes(zip);
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    int end = file.length - ZipConstants.END_SIZE;
    assertEquals(ZipConstants.END_SIGNATURE, b.getInt(end));
    assertEquals(-1, b.getInt(end + 16), "central directory offset deferred to zip64 record");
    int locator = end - ZipConstants.ZIP64_LOCATOR_SIZE;
    assertEquals(ZipConstants.ZIP64_LOCATOR_SIGNATURE, b.getInt(locator));
    List<TorchScriptArchiveReader.Entry> entries = directory(zip);
    TorchScriptArchiveReader.Entry big = entries.get(1);
    assertEquals(1500, big.size());
    assertEquals(-1, b.getInt((int) big.localHeaderOffset() + 18), "local zip64 sizes");
    assertTrue(entries.get(5).localHeaderOffset() > 1000);
    for (TorchScriptArchiveReader.Entry e : entries) {
      assertEquals(0, e.dataOffset() % ZipStreamWriter.ALIGNMENT, e.name());
      assertArrayEquals(contents.get(e.name()), slice(zip, e.dataOffset(), e.size()));
    }
    assertJavaZipFileReads(zip, contents);

    Python.assumePython();
    String script =
        "import sys, zipfile\n"
            + "z = zipfile.ZipFile(sys.argv[1])\n"
            + "assert z.testzip() is None\n"
            + "for i in z.infolist():\n"
            + "  print(i.filename, i.compress_type, i.header_offset, z.read(i).hex())\n";
    List<String> expected = new ArrayList<>();
    for (TorchScriptArchiveReader.Entry e : entries) {
      expected.add(
          e.name()
              + " 0 "
              + e.localHeaderOffset()
              + " "
              + HexFormat.of().formatHex(contents.get(e.name())));
    }
    assertEquals(expected, Python.run(script, zip.toString()).lines().toList());
  }

  private static Map<String, byte[]> randomContents(int[] sizes, long seed) {
    Random random = new Random(seed);
    Map<String, byte[]> contents = new LinkedHashMap<>();
    for (int i = 0; i < sizes.length; i++) {
      byte[] data = new byte[sizes[i]];
      random.nextBytes(data);
      contents.put("top/" + "n".repeat(i * 7) + "/entry" + i, data);
    }
    return contents;
  }

  static void assertJavaZipFileReads(Path zip, Map<String, byte[]> contents) throws IOException {
    try (ZipFile z = new ZipFile(zip.toFile())) {
      List<String> names = new ArrayList<>();
      for (ZipEntry e : Collections.list(z.entries())) {
        names.add(e.getName());
        assertEquals(ZipEntry.STORED, e.getMethod(), e.getName());
        assertArrayEquals(contents.get(e.getName()), z.getInputStream(e).readAllBytes());
      }
      assertEquals(contents.keySet(), new java.util.HashSet<>(names));
    }
  }

  private static List<TorchScriptArchiveReader.Entry> directory(Path zip) throws IOException {
    try (FileChannel ch = FileChannel.open(zip)) {
      return ZipDirectoryReader.read(ch, zip);
    }
  }

  private static List<String> names(List<TorchScriptArchiveReader.Entry> entries) {
    return entries.stream().map(TorchScriptArchiveReader.Entry::name).toList();
  }

  private static byte[] slice(Path file, long offset, long length) throws IOException {
    byte[] all = Files.readAllBytes(file);
    return java.util.Arrays.copyOfRange(all, (int) offset, (int) (offset + length));
  }
}
