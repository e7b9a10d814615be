package dev.linr.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.linr.demo.DemoCorpus;
import dev.linr.index.BuildResult;
import dev.linr.index.IndexBuilder;
import dev.linr.rank.DemoRanker;
import dev.linr.rank.FusedBuildResult;
import dev.linr.rank.FusedModelBuilder;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The serving benchmark's model store, built from the demo corpus:
 *
 * <pre>
 * store/
 *   posts/          the index: N x d float32, dot (DemoCorpus vectors and attributes)
 *   ranker/         the demo ranker (ONNX Runtime), features product, score and quality
 *   posts_ranked/   the fused model: posts and the same ranker in one TorchScript model
 *   feed.json       the shipped workflow (conf/workflows/feed.json): retrieval, then the ranker
 * </pre>
 *
 * <p>with the queries the load generator sends, as request bodies. Immutable once built.
 *
 * @param dir the store folder
 * @param queries the query vectors
 * @param indexBodies {@code {"vector": q, "k": k}} per query (UTF-8 JSON)
 * @param feedBodies {@code {"vector": q, "k": candidates, "n": n}} per query, for both the workflow
 *     and the fused model
 * @param buildSeconds time to write the index archive
 * @param fuseSeconds time to write the fused archive
 */
record ServeStore(
    Path dir,
    float[][] queries,
    byte[][] indexBodies,
    byte[][] feedBodies,
    double buildSeconds,
    double fuseSeconds) {
  static final String INDEX = "posts";
  static final String RANKER = "ranker";
  static final String FUSED = "posts_ranked";
  static final String WORKFLOW_FILE = "feed.json";

  /** The workflow shipped with the project, relative to the repository root. */
  static final Path SHIPPED_WORKFLOW = Path.of("conf", "workflows", WORKFLOW_FILE);

  /**
   * Builds the store in {@code dir} (which must not exist).
   *
   * @param work a folder for the generated corpus files
   * @throws IllegalArgumentException if the shipped workflow is not found (run from the repository
   *     root)
   */
  static ServeStore build(
      Path dir, Path work, long items, int dim, int queryCount, int k, int candidates, int n)
      throws IOException {
    if (!Files.isRegularFile(SHIPPED_WORKFLOW)) {
      throw new IllegalArgumentException(
          "the workflow "
              + SHIPPED_WORKFLOW
              + " was not found under "
              + Path.of("").toAbsolutePath()
              + "; run the benchmark from the repository root");
    }
    DemoCorpus corpus = corpus(dim);
    BuildResult built = buildIndex(dir.resolve(INDEX), work, corpus, items, 0);
    DemoRanker.write(dir.resolve(RANKER), dim);
    long t0 = System.nanoTime();
    FusedBuildResult fused =
        FusedModelBuilder.builder()
            .setIndex(built.folder())
            .setRanker(DemoRanker.definition(dim))
            .setOutput(dir.resolve(FUSED))
            .build()
            .run();
    double fuseSeconds = (System.nanoTime() - t0) / 1e9;
    if (!fused.name().equals(FUSED)) {
      throw new IllegalStateException("the fused model is named " + fused.name());
    }
    Files.copy(SHIPPED_WORKFLOW, dir.resolve(WORKFLOW_FILE));

    float[][] queries = new float[queryCount][];
    byte[][] indexBodies = new byte[queryCount][];
    byte[][] feedBodies = new byte[queryCount][];
    for (int i = 0; i < queryCount; i++) {
      queries[i] = corpus.queryNear(i % 64, 1000 + i);
      indexBodies[i] = body(queries[i], k, null);
      feedBodies[i] = body(queries[i], candidates, n);
    }
    return new ServeStore(
        dir, queries, indexBodies, feedBodies, built.elapsed().toMillis() / 1000.0, fuseSeconds);
  }

  /** The corpus of the serving benchmarks at dimension {@code dim}: 64 topics, seed 7. */
  static DemoCorpus corpus(int dim) {
    return new DemoCorpus(dim, 64, 7);
  }

  /**
   * Builds the index of the serving benchmarks: items 1..{@code items} of {@code corpus}, float32,
   * dot, with the serving translator.
   *
   * @param out the archive folder (must not exist)
   * @param work a folder for the generated corpus files (deleted once built)
   * @param capacity the slot capacity, or 0 for the build's default slack
   */
  static BuildResult buildIndex(Path out, Path work, DemoCorpus corpus, long items, long capacity)
      throws IOException {
    Path npy = work.resolve("vectors.npy");
    Path meta = work.resolve("items.jsonl");
    corpus.writeNpy(npy, meta, items);
    IndexBuilder.Builder b =
        BenchBuilds.builder(
            npy, meta, out, Metric.DOT, StorageType.FLOAT32, items, BenchBuilds.PROGRESS_ITEMS);
    if (capacity > 0) {
      b.optCapacity(capacity);
    }
    BuildResult built = b.build().run();
    Files.delete(npy);
    Files.delete(meta);
    return built;
  }

  Path index() {
    return dir.resolve(INDEX);
  }

  Path fused() {
    return dir.resolve(FUSED);
  }

  Path workflow() {
    return dir.resolve(WORKFLOW_FILE);
  }

  /** {@code {"vector": vector, "k": k[, "n": n]}} as UTF-8 JSON ({@code n} null: none). */
  static byte[] body(float[] vector, int k, Integer n) {
    JsonObject o = new JsonObject();
    JsonArray v = new JsonArray(vector.length);
    for (float x : vector) {
      v.add(x);
    }
    o.add("vector", v);
    o.addProperty("k", k);
    if (n != null) {
      o.addProperty("n", n);
    }
    return o.toString().getBytes(StandardCharsets.UTF_8);
  }
}
