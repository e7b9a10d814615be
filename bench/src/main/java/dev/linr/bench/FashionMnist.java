package dev.linr.bench;

import dev.linr.demo.NpyWriter;
import dev.linr.schema.Metric;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;

/**
 * Fashion-MNIST (Zalando; Debian's {@code dataset-fashion-mnist}, ann-benchmarks'
 * fashion-mnist-784-euclidean) as a benchmark dataset: the training images are the corpus, the test
 * images the queries, each a 784-dim float vector of pixel / 255, searched by l2 as ann-benchmarks
 * does; the class name is the string attribute {@code label}. Filters: none, one class (10% of the
 * training set each), and two classes (20%).
 */
final class FashionMnist {
  /** Where Debian's package installs the IDX files. */
  static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

  static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
  static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
  static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";

  /** The class names, by label value 0..9. */
  static final List<String> CLASSES =
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");

  private FashionMnist() {}

  /**
   * Reads the first {@code items} training images (all when {@code items} is 0) and the first
   * {@code queryCount} test images from {@code dir}, and writes linr's input ({@code
   * work/vectors.npy}, {@code work/items.jsonl}: ids 1..N, {@code {"label": "<class>"}}).
   *
   * @throws IOException when a file is missing or malformed, or asks for more rows than it has
   */
  static Dataset load(Path dir, Path work, int items, int queryCount) throws IOException {
    IdxFile trainImages = IdxFile.read(dir.resolve(TRAIN_IMAGES));
    IdxFile trainLabels = IdxFile.read(dir.resolve(TRAIN_LABELS));
    IdxFile testImages = IdxFile.read(dir.resolve(TEST_IMAGES));
    checkPair(trainImages, trainLabels, TRAIN_IMAGES, TRAIN_LABELS);
    int n = items == 0 ? trainImages.rows() : items;
    if (n > trainImages.rows()) {
      throw new IOException(
          "asked for " + n + " items, " + TRAIN_IMAGES + " has " + trainImages.rows());
    }
    if (queryCount > testImages.rows()) {
      throw new IOException(
          "asked for " + queryCount + " queries, " + TEST_IMAGES + " has " + testImages.rows());
    }
    int dim = trainImages.rowLength();
    if (testImages.rowLength() != dim) {
      throw new IOException(
          TEST_IMAGES + " has " + testImages.rowLength() + " pixels per image, expected " + dim);
    }
    float[] stored = pixels(trainImages, n);
    int[] label = new int[n];
    for (int i = 0; i < n; i++) {
      label[i] = trainLabels.get(i);
      if (label[i] >= CLASSES.size()) {
        throw new IOException(TRAIN_LABELS + ": label " + label[i] + " at row " + i);
      }
    }
    Path npy = work.resolve("vectors.npy");
    Path metadata = work.resolve("items.jsonl");
    try (NpyWriter out = new NpyWriter(npy, n, dim)) {
      float[] row = new float[dim];
      for (int i = 0; i < n; i++) {
        System.arraycopy(stored, i * dim, row, 0, dim);
        out.write(row);
      }
    }
    try (BufferedWriter out = Files.newBufferedWriter(metadata, StandardCharsets.UTF_8)) {
      for (int i = 0; i < n; i++) {
        out.write("{\"id\":" + (i + 1) + ",\"attributes\":{\"label\":\"" + CLASSES.get(label[i]));
        out.write("\"}}\n");
      }
    }
    float[] q = pixels(testImages, queryCount);
    float[][] queries = new float[queryCount][];
    for (int i = 0; i < queryCount; i++) {
      queries[i] = java.util.Arrays.copyOfRange(q, i * dim, (i + 1) * dim);
    }
    return new Dataset(
        "fashion-mnist",
        n,
        dim,
        Metric.L2,
        npy,
        metadata,
        stored,
        queries,
        filters(label),
        (doc, slot) -> doc.add(new StringField("label", CLASSES.get(label[slot]), Field.Store.NO)));
  }

  /**
   * None, "Trouser" (an easy class), "Shirt" (a class often confused), "Sneaker" or "Ankle boot".
   */
  static List<DatasetFilter> filters(int[] label) {
    return List.of(
        DatasetFilter.NONE,
        labelIs(label, 1),
        labelIs(label, 6),
        DatasetFilter.in(
            "label",
            List.of(CLASSES.get(7), CLASSES.get(9)),
            slot -> label[slot] == 7 || label[slot] == 9));
  }

  private static DatasetFilter labelIs(int[] label, int value) {
    return DatasetFilter.term("label", CLASSES.get(value), slot -> label[slot] == value);
  }

  /** The first {@code rows} images as pixel / 255, row-major. */
  static float[] pixels(IdxFile images, int rows) {
    int dim = images.rowLength();
    float[] out = new float[Math.multiplyExact(rows, dim)];
    for (int i = 0; i < out.length; i++) {
      out[i] = images.get(i) / 255f;
    }
    return out;
  }

  private static void checkPair(IdxFile images, IdxFile labels, String imageName, String labelName)
      throws IOException {
    if (labels.dims().length != 1 || labels.rows() != images.rows()) {
      throw new IOException(
          labelName
              + " has shape "
              + java.util.Arrays.toString(labels.dims())
              + ", expected ["
              + images.rows()
              + "] for "
              + imageName);
    }
  }
}
