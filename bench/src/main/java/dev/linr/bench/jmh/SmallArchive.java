package dev.linr.bench.jmh;

import dev.linr.index.BuildProgress;
import dev.linr.index.IndexBuilder;
import dev.linr.items.ItemFiles;
import dev.linr.runtime.ServingTranslatorJar;
import dev.linr.schema.Metric;
import dev.linr.translate.IndexContext;
import dev.linr.translate.IndexContexts;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * A small archive for the microbenchmarks' setup: 1,000 items of dimension 128 with a string {@code
 * geo} (20 values), an int {@code posted_at} and a bool {@code nsfw}, built in a temporary folder
 * that {@link #close()} deletes. Not thread-safe; one per benchmark trial.
 */
final class SmallArchive implements AutoCloseable {
  static final int DIM = 128;
  private static final int ITEMS = 1000;

  private final Path dir;
  private final IndexContext context;

  SmallArchive() throws Exception {
    dir = Files.createTempDirectory("linr-jmh-");
    Path items = dir.resolve("items.jsonl");
    writeItems(items);
    Path folder = dir.resolve("jmh");
    IndexBuilder.builder()
        .setItems(ItemFiles.jsonl(items))
        .setOutput(folder)
        .optMetric(Metric.COSINE)
        .optProgress(BuildProgress.NONE)
        .optTranslatorJar(ServingTranslatorJar::open)
        .build()
        .run();
    context = IndexContexts.open(folder);
  }

  IndexContext context() {
    return context;
  }

  private static void writeItems(Path file) throws IOException {
    Random random = new Random(7);
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < ITEMS; i++) {
        StringBuilder sb = new StringBuilder("{\"id\":").append(i + 1).append(",\"vector\":[");
        for (int j = 0; j < DIM; j++) {
          sb.append(j == 0 ? "" : ",")
              .append(String.format(Locale.ROOT, "%.5f", random.nextGaussian()));
        }
        sb.append("],\"attributes\":{\"geo\":\"g")
            .append(i % 20)
            .append("\",\"posted_at\":")
            .append(1_764_000_000L + i * 60L)
            .append(",\"nsfw\":")
            .append(i % 7 == 0)
            .append("}}\n");
        w.write(sb.toString());
      }
    }
  }

  @Override
  public void close() throws IOException {
    dev.linr.archive.FileTrees.deleteTree(dir);
  }
}
