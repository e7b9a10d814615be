package dev.linr.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes one bench run's result files: {@code <base>.json} (the results, pretty-printed), {@code
 * <base>.md} (the table) and, where the bench draws one, the chart {@code <base>.png}; then prints
 * the table and the files written.
 */
final class ResultFiles {

  /** Draws a bench's chart into the given PNG file. */
  @FunctionalInterface
  interface Chart {
    void write(Path png) throws IOException;
  }

  private ResultFiles() {}

  /** Writes the JSON and the table, and no chart. */
  static void write(Path results, String base, JsonObject out, String table) throws IOException {
    write(results, base, out, table, null);
  }

  /** Writes the JSON, the table and, when {@code chart} is not null, the chart. */
  static void write(Path results, String base, JsonObject out, String table, Chart chart)
      throws IOException {
    Files.createDirectories(results);
    Files.writeString(
        results.resolve(base + ".json"),
        new GsonBuilder().setPrettyPrinting().create().toJson(out) + "\n",
        StandardCharsets.UTF_8);
    Files.writeString(results.resolve(base + ".md"), table, StandardCharsets.UTF_8);
    if (chart != null) {
      chart.write(results.resolve(base + ".png"));
    }
    System.out.println(table);
    System.out.println(
        "wrote " + results.resolve(base + (chart != null ? ".{json,md,png}" : ".{json,md}")));
  }
}
