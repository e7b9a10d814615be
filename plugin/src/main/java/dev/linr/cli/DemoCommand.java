package dev.linr.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.linr.archive.FileTrees;
import dev.linr.demo.DemoCorpus;
import dev.linr.index.BuildResult;
import dev.linr.index.IndexBuilder;
import dev.linr.items.ItemFiles;
import dev.linr.runtime.LinrIndex;
import dev.linr.runtime.ServingTranslatorJar;
import dev.linr.schema.Metric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code linr demo}: a synthetic corpus, its index, and example queries, with no setup. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Generates a corpus of posts (clustered embeddings; geo, company, language, skills,"
            + " timestamps), builds its index and answers example queries.")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--items", defaultValue = "20000", description = "Posts to generate.")
  long items;

  @Option(names = "--dim", defaultValue = "64", description = "Embedding dimension.")
  int dimension;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed.")
  long seed;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Keep the corpus and archive here (default: a temporary folder, removed).")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (items < 1 || dimension < 1) {
      throw new IllegalArgumentException("--items and --dim must be at least 1");
    }
    Path dir = out != null ? Files.createDirectories(out) : Files.createTempDirectory("linr-demo-");
    try {
      run(dir);
    } finally {
      if (out == null) {
        FileTrees.deleteTree(dir);
      }
    }
    return 0;
  }

  private void run(Path dir) throws Exception {
    DemoCorpus corpus = new DemoCorpus(dimension, 24, seed);
    Path jsonl = dir.resolve("posts.jsonl");
    System.out.printf(Locale.ROOT, "generating %,d posts (dim %d) in %s%n", items, dimension, dir);
    corpus.writeJsonl(jsonl, items);
    BuildResult r =
        IndexBuilder.builder()
            .setItems(ItemFiles.jsonl(jsonl))
            .setOutput(dir.resolve("posts"))
            .optMetric(Metric.COSINE)
            .optOverwrite(true)
            .optProgress(new ConsoleProgress(System.err))
            .optTranslatorJar(ServingTranslatorJar::open)
            .build()
            .run();
    System.out.printf(
        Locale.ROOT,
        "built %s: %,d items, %,.0f items/s, model %s%n%n",
        r.folder(),
        r.count(),
        r.itemsPerSecond(),
        Sizes.human(r.modelBytes()));
    try (LinrIndex index = LinrIndex.open(r.folder())) {
      show(index, "Top 5 posts for a query near topic 3", single(corpus.queryNear(3, 1), 5, false));
      show(
          index,
          "Top 3 with attributes for a query near topic 7",
          single(corpus.queryNear(7, 2), 3, true));
      JsonObject recent = single(corpus.queryNear(5, 3), 5, true);
      long monthAgo = DemoCorpus.NEWEST - 30L * 86_400;
      recent.addProperty(
          "filter", "geo = 'us' AND skills IN ('java', 'ml') AND posted_at >= " + monthAgo);
      show(
          index,
          "Top 5 US posts on java or ml from the last 30 days (filtered before top-k)",
          recent);
      JsonObject rare = single(corpus.queryNear(5, 3), 5, true);
      rare.addProperty("filter", "company = 1003 AND language = 'de' AND NOT sponsored = true");
      show(index, "A very selective filter: the compact path scores only the passing posts", rare);
      JsonObject batch = new JsonObject();
      JsonArray queries = new JsonArray();
      String[] filters = {"geo IN ('gb', 'ie')", "quality BETWEEN 0.9 AND 1.0", null};
      for (int t = 0; t < 3; t++) {
        JsonObject q = single(corpus.queryNear(t, 10 + t), 2 + t, false);
        if (filters[t] != null) {
          q.addProperty("filter", filters[t]);
        }
        queries.add(q);
      }
      batch.add("queries", queries);
      show(
          index,
          "A batch of 3 queries, each with its own k and filter, in one forward pass",
          batch);
    }
  }

  private static JsonObject single(float[] vector, int k, boolean attributes) {
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

  private static void show(LinrIndex index, String title, JsonObject request) {
    System.out.println("== " + title);
    System.out.println(index.searchJson(request.toString()));
    System.out.println();
  }
}
