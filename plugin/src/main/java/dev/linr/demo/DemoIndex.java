package dev.linr.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.linr.index.BuildProgress;
import dev.linr.index.BuildResult;
import dev.linr.index.IndexBuilder;
import dev.linr.items.ItemFiles;
import dev.linr.runtime.ServingTranslatorJar;
import dev.linr.schema.Metric;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The demo's index and requests, shared by {@code linr demo} and {@code linr serve}: a {@link
 * DemoCorpus} of posts written as JSON Lines and built into a cosine index archive named {@code
 * posts}, and search requests near its topics. Stateless.
 */
public final class DemoIndex {
  /** Topics of the demo corpus. */
  public static final int TOPICS = 24;

  /** The archive's folder name, and so its model name. */
  public static final String NAME = "posts";

  private DemoIndex() {}

  /** The demo corpus for a dimension and seed. */
  public static DemoCorpus corpus(int dimension, long seed) {
    return new DemoCorpus(dimension, TOPICS, seed);
  }

  /**
   * Writes {@code items} posts to {@code dir/posts.jsonl} and builds them into {@code dir/posts}
   * (replacing one that is there), with the serving translator bundled.
   */
  public static BuildResult build(DemoCorpus corpus, Path dir, long items, BuildProgress progress)
      throws IOException {
    Path jsonl = dir.resolve(NAME + ".jsonl");
    corpus.writeJsonl(jsonl, items);
    return IndexBuilder.builder()
        .setItems(ItemFiles.jsonl(jsonl))
        .setOutput(dir.resolve(NAME))
        .optMetric(Metric.COSINE)
        .optOverwrite(true)
        .optProgress(progress)
        .optTranslatorJar(ServingTranslatorJar::open)
        .build()
        .run();
  }

  /**
   * A request {@code {"vector": [...], "k": k}} (with {@code "include": ["attributes"]} when
   * asked), the vector rounded to 4 decimals so that it reads well.
   */
  public static JsonObject query(float[] vector, int k, boolean attributes) {
    JsonObject q = new JsonObject();
    JsonArray v = new JsonArray();
    for (float x : vector) {
      v.add(Math.round(x * 10_000) / 10_000.0);
    }
    q.add("vector", v);
    q.addProperty("k", k);
    if (attributes) {
      JsonArray include = new JsonArray();
      include.add("attributes");
      q.add("include", include);
    }
    return q;
  }
}
