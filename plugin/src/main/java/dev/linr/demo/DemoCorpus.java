package dev.linr.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic corpus of feed posts: embeddings drawn around topic centroids (so neighbours are
 * meaningful), a few dozen geos, Zipf-distributed companies, languages, multi-valued skills,
 * posting timestamps over 90 days, a quality score and a sponsored flag. Deterministic for a seed.
 */
public final class DemoCorpus {
  /** Geos, most common first. */
  public static final List<String> GEOS =
      List.of(
          "us", "in", "gb", "br", "ca", "de", "fr", "au", "nl", "es", "it", "mx", "sg", "ie", "se",
          "pl", "jp", "ae", "za", "ng", "ch", "be", "dk", "no", "fi", "pt", "ar", "co", "cl", "kr");

  public static final List<String> LANGUAGES = List.of("en", "es", "pt", "de", "fr", "hi", "ja");

  public static final List<String> SKILLS =
      List.of(
          "java",
          "python",
          "ml",
          "sql",
          "kubernetes",
          "react",
          "go",
          "rust",
          "spark",
          "kafka",
          "sales",
          "marketing",
          "design",
          "finance",
          "leadership",
          "recruiting",
          "product",
          "data",
          "security",
          "cloud");

  /** Epoch seconds of the newest post (2025-11-26T00:00:00Z). */
  public static final long NEWEST = 1_764_115_200L;

  private final int dimension;
  private final int topics;
  private final long seed;
  private final float[][] centroids;

  public DemoCorpus(int dimension, int topics, long seed) {
    if (dimension < 1 || topics < 1) {
      throw new IllegalArgumentException("dimension and topics must be at least 1");
    }
    this.dimension = dimension;
    this.topics = topics;
    this.seed = seed;
    SplittableRandom r = new SplittableRandom(seed);
    centroids = new float[topics][];
    for (int t = 0; t < topics; t++) {
      centroids[t] = unit(gaussian(r, dimension, 1.0));
    }
  }

  public int dimension() {
    return dimension;
  }

  /** A query vector near topic {@code topic}, deterministic for {@code salt}. */
  public float[] queryNear(int topic, long salt) {
    SplittableRandom r = new SplittableRandom(seed * 31 + salt);
    float[] noise = gaussian(r, dimension, 0.35 / Math.sqrt(dimension));
    float[] q = centroids[Math.floorMod(topic, topics)].clone();
    for (int i = 0; i < dimension; i++) {
      q[i] += noise[i];
    }
    return q;
  }

  /** Writes {@code count} posts as item JSON Lines. */
  public void writeJsonl(Path file, long count) throws IOException {
    SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StringBuilder line = new StringBuilder(dimension * 12);
      for (long id = 1; id <= count; id++) {
        line.setLength(0);
        appendPost(line, id, r);
        out.write(line.toString());
        out.write('\n');
      }
    }
  }

  /**
   * Writes {@code count} posts as a float32 {@code .npy} of vectors plus JSON Lines of ids and
   * attributes in the same order (the {@code --vectors} input form). Same posts as {@link
   * #writeJsonl}.
   */
  public void writeNpy(Path vectors, Path metadata, long count) throws IOException {
    SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
    float[] v = new float[dimension];
    try (NpyWriter npy = new NpyWriter(vectors, count, dimension);
        BufferedWriter out = Files.newBufferedWriter(metadata, StandardCharsets.UTF_8)) {
      for (long id = 1; id <= count; id++) {
        int topic = nextVector(r, v);
        npy.write(v);
        out.write("{\"id\":" + id + ",\"attributes\":" + attributes(r, topic) + "}\n");
      }
    }
  }

  private int nextVector(SplittableRandom r, float[] into) {
    int topic = r.nextInt(topics);
    float[] noise = gaussian(r, dimension, 0.5 / Math.sqrt(dimension));
    float[] c = centroids[topic];
    for (int i = 0; i < dimension; i++) {
      into[i] = c[i] + noise[i];
    }
    return topic;
  }

  private void appendPost(StringBuilder line, long id, SplittableRandom r) {
    float[] v = new float[dimension];
    int topic = nextVector(r, v);
    line.append("{\"id\":").append(id).append(",\"vector\":[");
    for (int i = 0; i < dimension; i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(Float.toString(v[i]));
    }
    line.append("],\"attributes\":").append(attributes(r, topic)).append('}');
  }

  private JsonObject attributes(SplittableRandom r, int topic) {
    JsonObject a = new JsonObject();
    a.addProperty("geo", GEOS.get(zipf(r, GEOS.size(), 1.1)));
    a.addProperty("company", 1000 + zipf(r, 5000, 1.2));
    a.addProperty("language", LANGUAGES.get(zipf(r, LANGUAGES.size(), 1.5)));
    JsonArray skills = new JsonArray();
    List<String> picked = new ArrayList<>();
    int n = 1 + r.nextInt(4);
    while (picked.size() < n) {
      String s = SKILLS.get((topic * 3 + zipf(r, SKILLS.size(), 0.8)) % SKILLS.size());
      if (!picked.contains(s)) {
        picked.add(s);
        skills.add(s);
      }
    }
    a.add("skills", skills);
    a.addProperty("posted_at", NEWEST - r.nextLong(90L * 86_400));
    a.addProperty("quality", Math.round(r.nextDouble() * 1000) / 1000.0);
    a.addProperty("sponsored", r.nextInt(20) == 0);
    return a;
  }

  /** A Zipf-like rank in [0, n): rank i has weight 1 / (i + 1)^s. */
  private static int zipf(SplittableRandom r, int n, double s) {
    // Inverse transform on the continuous approximation; cheap and good enough for test data.
    double u = r.nextDouble();
    double x =
        s == 1.0
            ? Math.exp(u * Math.log(n + 1.0)) - 1
            : Math.pow(u * (Math.pow(n + 1.0, 1 - s) - 1) + 1, 1 / (1 - s)) - 1;
    return (int) Math.min(n - 1, Math.max(0, Math.floor(x)));
  }

  private static float[] gaussian(SplittableRandom r, int d, double sigma) {
    float[] v = new float[d];
    for (int i = 0; i < d; i++) {
      double u1 = Math.max(1e-12, r.nextDouble());
      double u2 = r.nextDouble();
      v[i] = (float) (sigma * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
    }
    return v;
  }

  private static float[] unit(float[] v) {
    double n = 0;
    for (float x : v) {
      n += (double) x * x;
    }
    double s = n > 0 ? 1 / Math.sqrt(n) : 1;
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (v[i] * s);
    }
    return v;
  }
}
