package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {
  @TempDir Path dir;

  @Test
  void readsTheShapeAndEveryPixelOfAGzippedImageFile() throws IOException {
    byte[] pixels = new byte[3 * 2 * 4];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 11);
    }
    pixels[5] = (byte) 255;
    IdxFile idx = IdxFile.read(IdxFiles.write(dir.resolve("img.gz"), pixels, 3, 2, 4));
    assertArrayEquals(new int[] {3, 2, 4}, idx.dims());
    assertEquals(3, idx.rows());
    assertEquals(8, idx.rowLength());
    for (int i = 0; i < pixels.length; i++) {
      assertEquals(pixels[i] & 0xff, idx.get(i), "pixel " + i);
    }
    assertEquals(255, idx.get(5));
  }

  @Test
  void readsAnUncompressedLabelFile() throws IOException {
    byte[] labels = {9, 0, 3, 7};
    IdxFile idx = IdxFile.read(IdxFiles.write(dir.resolve("labels"), labels, 4));
    assertArrayEquals(new int[] {4}, idx.dims());
    assertEquals(1, idx.rowLength());
    assertArrayEquals(labels, idx.data());
  }

  @Test
  void aTruncatedFileIsAnErrorNamingIt() throws IOException {
    Path file = IdxFiles.write(dir.resolve("short"), new byte[5], 2, 3);
    IOException e = assertThrows(IOException.class, () -> IdxFile.read(file));
    assertTrue(
        e.getMessage().contains("short") && e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void bytesAfterTheElementsAreAnError() throws IOException {
    Path file = IdxFiles.write(dir.resolve("long"), new byte[7], 2, 3);
    IOException e = assertThrows(IOException.class, () -> IdxFile.read(file));
    assertTrue(e.getMessage().contains("bytes after"), e.getMessage());
  }

  @Test
  void anotherElementTypeIsRefused() throws IOException {
    Path file = dir.resolve("floats");
    byte[] header = {0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0};
    Files.write(file, header);
    IOException e = assertThrows(IOException.class, () -> IdxFile.read(file));
    assertTrue(e.getMessage().contains("unsigned bytes"), e.getMessage());
  }
}
