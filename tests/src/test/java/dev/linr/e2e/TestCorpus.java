package dev.linr.e2e;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Seeded items kept in memory for the reference and written as JSON Lines for the builder. */
public final class TestCorpus {
  /** One item as the test knows it. */
  public record TestItem(Object id, float[] vector, Map<String, Object> attributes) {}

  public final List<TestItem> items = new ArrayList<>();
  public final int dimension;

  public TestCorpus(int dimension) {
    this.dimension = dimension;
  }

  /** Gaussian vectors, unique random int ids (negative and large ones included). */
  static TestCorpus gaussian(long seed, int count, int dimension) {
    Random r = new Random(seed);
    TestCorpus c = new TestCorpus(dimension);
    java.util.Set<Long> used = new java.util.HashSet<>();
    for (int i = 0; i < count; i++) {
      long id;
      do {
        id = i % 7 == 0 ? r.nextLong() : r.nextInt(1_000_000) - 500_000;
      } while (!used.add(id));
      c.add(id, gaussianVector(r, dimension), attributes(r, i));
    }
    return c;
  }

  /** Small-integer vectors: every dot product is exact in float32, so ties are exact. */
  public static TestCorpus integers(long seed, int count, int dimension, int range) {
    Random r = new Random(seed);
    TestCorpus c = new TestCorpus(dimension);
    for (int i = 0; i < count; i++) {
      float[] v = new float[dimension];
      for (int j = 0; j < dimension; j++) {
        v[j] = r.nextInt(2 * range + 1) - range;
      }
      c.add((long) i * 3 + 1, v, attributes(r, i));
    }
    return c;
  }

  static float[] gaussianVector(Random r, int dimension) {
    float[] v = new float[dimension];
    for (int j = 0; j < dimension; j++) {
      v[j] = (float) r.nextGaussian();
    }
    return v;
  }

  private static Map<String, Object> attributes(Random r, int i) {
    Map<String, Object> a = new LinkedHashMap<>();
    String[] geos = {"us", "ca", "de", "in", "br"};
    if (i % 11 != 0) {
      a.put("geo", geos[r.nextInt(geos.length)]);
    }
    a.put("company", (long) (1000 + r.nextInt(50)));
    List<String> skills = new ArrayList<>();
    String[] all = {"java", "ml", "sql", "go", "rust"};
    for (String s : all) {
      if (r.nextInt(3) == 0) {
        skills.add(s);
      }
    }
    if (!skills.isEmpty()) {
      a.put("skills", skills);
    }
    a.put("quality", Math.round(r.nextDouble() * 1000) / 1000.0);
    a.put("sponsored", r.nextInt(5) == 0);
    return a;
  }

  public void add(Object id, float[] vector, Map<String, Object> attributes) {
    items.add(new TestItem(id, vector.clone(), attributes));
  }

  public int size() {
    return items.size();
  }

  /** Gaussian vectors with string ids {@code <prefix><i>} (non-ASCII prefixes welcome). */
  static TestCorpus withStringIds(long seed, int count, int dimension, String... prefixes) {
    Random r = new Random(seed);
    TestCorpus c = new TestCorpus(dimension);
    for (int i = 0; i < count; i++) {
      c.add(prefixes[i % prefixes.length] + i, gaussianVector(r, dimension), attributes(r, i));
    }
    return c;
  }

  /** Writes the items as JSON Lines. */
  public Path writeJsonl(Path file) throws IOException {
    return writeLines(file, true);
  }

  /** Writes ids and attributes as JSON Lines without vectors (the metadata beside a .npy). */
  Path writeMetadataJsonl(Path file) throws IOException {
    return writeLines(file, false);
  }

  private Path writeLines(Path file, boolean withVectors) throws IOException {
    Gson gson = new Gson();
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (TestItem item : items) {
        JsonObject o = new JsonObject();
        if (item.id() instanceof Long l) {
          o.addProperty("id", l);
        } else {
          o.addProperty("id", (String) item.id());
        }
        if (withVectors) {
          JsonArray v = new JsonArray();
          for (float x : item.vector()) {
            v.add(x);
          }
          o.add("vector", v);
        }
        o.add("attributes", gson.toJsonTree(item.attributes()));
        out.write(o.toString());
        out.write('\n');
      }
    }
    return file;
  }

  /**
   * Writes the vectors as a little-endian float32 C-order .npy file, format version 1.0: the magic
   * string, version, a 2-byte header length, the header dict padded with spaces and a newline to a
   * multiple of 64 bytes, then the rows.
   */
  Path writeNpy(Path file) throws IOException {
    String dict =
        "{'descr': '<f4', 'fortran_order': False, 'shape': ("
            + items.size()
            + ", "
            + dimension
            + "), }";
    int unpadded = 10 + dict.length() + 1;
    int padding = (64 - unpadded % 64) % 64;
    String header = dict + " ".repeat(padding) + "\n";
    java.nio.ByteBuffer buf =
        java.nio.ByteBuffer.allocate(10 + header.length() + items.size() * dimension * 4)
            .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    buf.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    buf.putShort((short) header.length());
    buf.put(header.getBytes(StandardCharsets.US_ASCII));
    for (TestItem item : items) {
      for (float x : item.vector()) {
        buf.putFloat(x);
      }
    }
    Files.write(file, buf.array());
    return file;
  }
}
