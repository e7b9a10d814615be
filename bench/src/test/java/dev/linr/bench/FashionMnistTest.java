package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.linr.schema.Metric;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
  private static final int TRAIN = 20;
  private static final int TEST = 4;
  private static final int PIXELS = 6;

  @TempDir Path dir;
  @TempDir Path work;
  private byte[] trainPixels;
  private byte[] trainLabels;
  private byte[] testPixels;

  @BeforeEach
  void writeIdxFiles() throws IOException {
    trainPixels = new byte[TRAIN * PIXELS];
    for (int i = 0; i < trainPixels.length; i++) {
      trainPixels[i] = (byte) ((i * 37) % 256);
    }
    trainLabels = new byte[TRAIN];
    for (int i = 0; i < TRAIN; i++) {
      trainLabels[i] = (byte) ((i * 3) % 10);
    }
    testPixels = new byte[TEST * PIXELS];
    for (int i = 0; i < testPixels.length; i++) {
      testPixels[i] = (byte) (255 - i);
    }
    IdxFiles.write(dir.resolve(FashionMnist.TRAIN_IMAGES), trainPixels, TRAIN, 2, 3);
    IdxFiles.write(dir.resolve(FashionMnist.TRAIN_LABELS), trainLabels, TRAIN);
    IdxFiles.write(dir.resolve(FashionMnist.TEST_IMAGES), testPixels, TEST, 2, 3);
  }

  @Test
  void storedVectorsAndTheWrittenNpyAreEveryPixelOver255() throws IOException {
    Dataset d = FashionMnist.load(dir, work, 0, 2);
    assertEquals(TRAIN, d.items());
    assertEquals(PIXELS, d.dim());
    assertEquals(Metric.L2, d.metric());
    float[] expected = new float[TRAIN * PIXELS];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = (trainPixels[i] & 0xff) / 255f;
    }
    assertArrayEquals(expected, d.stored());
    assertArrayEquals(expected, NpyReader.read(d.npy(), TRAIN, PIXELS));
  }

  @Test
  void queriesAreTheFirstTestImagesOver255() throws IOException {
    Dataset d = FashionMnist.load(dir, work, 0, 2);
    assertEquals(2, d.queries().length);
    for (int q = 0; q < 2; q++) {
      for (int p = 0; p < PIXELS; p++) {
        assertEquals((testPixels[q * PIXELS + p] & 0xff) / 255f, d.queries()[q][p]);
      }
    }
  }

  @Test
  void eachItemCarriesItsClassNameAsLabel() throws IOException {
    Dataset d = FashionMnist.load(dir, work, 0, 2);
    List<String> lines = Files.readAllLines(d.metadata(), StandardCharsets.UTF_8);
    assertEquals(TRAIN, lines.size());
    for (int i = 0; i < TRAIN; i++) {
      String label = FashionMnist.CLASSES.get(trainLabels[i]);
      assertEquals(
          "{\"id\":" + (i + 1) + ",\"attributes\":{\"label\":\"" + label + "\"}}", lines.get(i));
    }
  }

  @Test
  void labelFiltersPassExactlyTheItemsOfTheirClasses() throws IOException {
    Dataset d = FashionMnist.load(dir, work, 0, 2);
    List<DatasetFilter> filters = d.filters();
    assertEquals("label = 'Trouser'", filters.get(1).linr());
    assertEquals("label IN ('Sneaker', 'Ankle boot')", filters.get(3).linr());
    for (int slot = 0; slot < TRAIN; slot++) {
      int label = trainLabels[slot];
      assertEquals(label == 1, filters.get(1).passes().test(slot));
      assertEquals(label == 6, filters.get(2).passes().test(slot));
      assertEquals(label == 7 || label == 9, filters.get(3).passes().test(slot));
    }
  }

  @Test
  void itemsSelectsTheFirstTrainingImages() throws IOException {
    Dataset d = FashionMnist.load(dir, work, 5, 1);
    assertEquals(5, d.items());
    assertEquals(5 * PIXELS, d.stored().length);
  }

  @Test
  void moreQueriesThanTestImagesIsAnError() {
    IOException e =
        assertThrows(IOException.class, () -> FashionMnist.load(dir, work, 0, TEST + 1));
    assertEquals("asked for 5 queries, " + FashionMnist.TEST_IMAGES + " has 4", e.getMessage());
  }
}
