package dev.linr.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.linr.archive.FileTrees;
import dev.linr.demo.DemoCorpus;
import dev.linr.demo.DemoIndex;
import dev.linr.index.BuildResult;
import dev.linr.runtime.LinrIndex;
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
    DemoCorpus corpus = DemoIndex.corpus(dimension, seed);
    System.out.printf(Locale.ROOT, "generating %,d posts (dim %d) in %s%n", items, dimension, dir);
    BuildResult r = DemoIndex.build(corpus, dir, items, new ConsoleProgress(System.err));
    System.out.printf(
        Locale.ROOT,
        "built %s: %,d items, %,.0f items/s, model %s%n%n",
        r.folder(),
        r.count(),
        r.itemsPerSecond(),
        Sizes.human(r.modelBytes()));
    try (LinrIndex index = LinrIndex.open(r.folder())) {
      show(
          index,
          "Top 5 posts for a query near topic 3",
          DemoIndex.query(corpus.queryNear(3, 1), 5, false));
      show(
          index,
          "Top 3 with attributes for a query near topic 7",
          DemoIndex.query(corpus.queryNear(7, 2), 3, true));
      JsonObject recent = DemoIndex.query(corpus.queryNear(5, 3), 5, true);
      long monthAgo = DemoCorpus.NEWEST - 30L * 86_400;
      recent.addProperty(
          "filter", "geo = 'us' AND skills IN ('java', 'ml') AND posted_at >= " + monthAgo);
      show(
          index,
          "Top 5 US posts on java or ml from the last 30 days (filtered before top-k)",
          recent);
      JsonObject rare = DemoIndex.query(corpus.queryNear(5, 3), 5, true);
      rare.addProperty("filter", "company = 1003 AND language = 'de' AND NOT sponsored = true");
      show(
          index,
          "A very selective filter: the attribute index finds the company's posts, and only those"
              + " that pass are scored",
          rare);
      JsonObject batch = new JsonObject();
      JsonArray queries = new JsonArray();
      String[] filters = {"geo IN ('gb', 'ie')", "quality BETWEEN 0.9 AND 1.0", null};
      for (int t = 0; t < 3; t++) {
        JsonObject q = DemoIndex.query(corpus.queryNear(t, 10 + t), 2 + t, false);
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

  private static void show(LinrIndex index, String title, JsonObject request) {
    System.out.println("== " + title);
    System.out.println(index.searchJson(request.toString()));
    System.out.println();
  }
}
