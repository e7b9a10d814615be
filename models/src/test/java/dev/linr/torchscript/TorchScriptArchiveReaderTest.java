package dev.linr.torchscript;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchScriptArchiveReaderTest {
  @TempDir Path dir;

  @Test
  void locatesAndMapsStorages() throws IOException {
    byte[] a = TorchScriptArchiveWriterTest.randomBytes(24, 1);
    byte[] b = TorchScriptArchiveWriterTest.randomBytes(32, 2);
    Path zip = write(a, b);
    try (TorchScriptArchiveReader r = TorchScriptArchiveReader.open(zip)) {
      assertEquals(List.of("0", "1"), r.storageKeys());
      TorchScriptArchiveReader.Entry e = r.storage("1");
      assertEquals(32, e.size());
      assertEquals(0, e.dataOffset() % 64);
      ByteBuffer mapped = r.map(e);
      byte[] copy = new byte[mapped.remaining()];
      mapped.get(copy);
      assertArrayEquals(b, copy);
      assertArrayEquals(
          b,
          Arrays.copyOfRange(
              Files.readAllBytes(zip), (int) e.dataOffset(), (int) e.dataOffset() + 32));
      assertThrows(java.util.NoSuchElementException.class, () -> r.storage("2"));
    }
  }

  @Test
  void rejectsTruncatedArchives() throws IOException {
    Path zip = write(new byte[100], new byte[8]);
    long size = Files.size(zip);
    for (long cut : new long[] {1, 21, 22, 100, size / 2, size - 1}) {
      Path copy = dir.resolve("cut" + cut);
      Files.write(copy, Arrays.copyOf(Files.readAllBytes(zip), (int) (size - cut)));
      assertNotAnArchive(copy);
    }
  }

  @Test
  void rejectsFilesThatAreNotTorchScriptArchives() throws IOException {
    assertNotAnArchive(Files.write(dir.resolve("empty"), new byte[0]));
    assertNotAnArchive(
        Files.write(dir.resolve("random"), TorchScriptArchiveWriterTest.randomBytes(5000, 3)));
    assertNotAnArchive(zipWith("plain.txt"));
    assertNotAnArchive(zipWith("m/version"));
    assertNotAnArchive(zipWith("m/data.pkl", "m/version", "other/x"));
  }

  @Test
  void rejectsCorruptDirectoryAndDetectsCorruptData() throws IOException {
    Path zip = write(new byte[100], new byte[8]);
    byte[] original = Files.readAllBytes(zip);
    long localHeader;
    long dataOffset;
    try (TorchScriptArchiveReader r = TorchScriptArchiveReader.open(zip)) {
      localHeader = r.storage("1").localHeaderOffset();
      dataOffset = r.storage("1").dataOffset();
    }
    byte[] badHeader = original.clone();
    badHeader[(int) localHeader] = 'X';
    assertNotAnArchive(Files.write(dir.resolve("badheader"), badHeader));

    byte[] badData = original.clone();
    badData[(int) dataOffset] ^= 1;
    Path corrupt = Files.write(dir.resolve("baddata"), badData);
    try (TorchScriptArchiveReader r = TorchScriptArchiveReader.open(corrupt)) {
      IOException e = assertThrows(IOException.class, () -> r.read(r.storage("1")));
      assertTrue(e.getMessage().contains("CRC-32"), e.getMessage());
    }
  }

  private Path write(byte[] a, byte[] b) throws IOException {
    Path zip = dir.resolve("m.pt");
    try (TorchScriptArchiveWriter w =
        new TorchScriptArchiveWriter(zip, "m", "IndexModel", TorchScriptArchiveWriterTest.SOURCE)) {
      w.addTensor(
          "emb", TensorDType.UINT8, new long[] {a.length}, TorchScriptArchiveWriterTest.bytes(a));
      w.addTensor(
          "ids", TensorDType.UINT8, new long[] {b.length}, TorchScriptArchiveWriterTest.bytes(b));
    }
    return zip;
  }

  private Path zipWith(String... names) throws IOException {
    Path zip = Files.createTempFile(dir, "zip", ".zip");
    try (OutputStream out = Files.newOutputStream(zip);
        ZipOutputStream z = new ZipOutputStream(out)) {
      for (String name : names) {
        z.putNextEntry(new ZipEntry(name));
        z.write(1);
        z.closeEntry();
      }
    }
    return zip;
  }

  private static void assertNotAnArchive(Path file) {
    IOException e =
        assertThrows(IOException.class, () -> TorchScriptArchiveReader.open(file).close());
    assertTrue(
        e.getMessage().startsWith("not a TorchScript archive: " + file + ": "), e.getMessage());
  }
}
