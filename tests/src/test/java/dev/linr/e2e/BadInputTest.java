package dev.linr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input through the command line: each is one line of error JSON on stderr with exit code 2, a
 * message naming the problem (and the line, for item input), and nothing left behind beside the
 * output or the model.
 */
class BadInputTest {
  private static final int DIM = 3;

  @TempDir Path dir;

  // ---------------------------------------------------------------- build

  @Test
  void malformedJsonlLineIsReportedWithItsLineNumber() throws Exception {
    Path items =
        lines(
            "items.jsonl",
            "{\"id\": 1, \"vector\": [1, 0, 0]}",
            "{\"id\": 2, \"vector\": [0, 1, 0]}",
            "{\"id\": 3, \"vector\": [0, 0, 1]",
            "{\"id\": 4, \"vector\": [1, 1, 0]}");

    String message = buildFails(items);

    assertTrue(message.contains("items.jsonl:3:"), message);
    assertTrue(message.toLowerCase(Locale.ROOT).contains("malformed json"), message);
  }

  @Test
  void vectorOfAnotherDimensionIsReportedWithItsLineNumber() throws Exception {
    Path items =
        lines(
            "items.jsonl",
            "{\"id\": 1, \"vector\": [1, 0, 0]}",
            "{\"id\": 2, \"vector\": [0, 1, 0]}",
            "{\"id\": 3, \"vector\": [0, 0, 1, 5]}");

    String message = buildFails(items);

    assertTrue(message.contains("items.jsonl:3:"), message);
    assertTrue(message.contains("vector") && message.contains("4 values"), message);
    assertTrue(message.contains("expected 3"), message);
  }

  @Test
  void nanInAVectorIsReportedWithItsLineNumber() throws Exception {
    Path items =
        lines(
            "items.jsonl",
            "{\"id\": 1, \"vector\": [1, 0, 0]}",
            "{\"id\": 2, \"vector\": [0, NaN, 0]}");

    String message = buildFails(items);

    assertTrue(message.contains("items.jsonl:2:"), message);
    assertTrue(message.contains("NaN"), message);
    assertTrue(message.contains("element 1"), message);
  }

  @Test
  void duplicateIdIsReportedWithBothLines() throws Exception {
    Path items =
        lines(
            "items.jsonl",
            "{\"id\": \"a\", \"vector\": [1, 0, 0]}",
            "{\"id\": \"b\", \"vector\": [0, 1, 0]}",
            "{\"id\": \"c\", \"vector\": [0, 0, 1]}",
            "{\"id\": \"b\", \"vector\": [1, 1, 1]}");

    String message = buildFails(items);

    assertTrue(message.contains("duplicate id b"), message);
    assertTrue(message.contains("items.jsonl:4:"), message);
    assertTrue(message.contains("first on line 2"), message);
  }

  @Test
  void unknownMetricIsRefusedNamingTheValidOnes() throws Exception {
    String message = buildFails(validItems(), "--metric", "manhattan");

    assertTrue(message.contains("manhattan"), message);
    assertTrue(message.contains("dot") && message.contains("cosine") && message.contains("l2"));
  }

  @Test
  void unknownDtypeIsRefusedNamingTheValidOnes() throws Exception {
    String message = buildFails(validItems(), "--dtype", "int8");

    assertTrue(message.contains("int8"), message);
    assertTrue(message.contains("float32") && message.contains("float16"), message);
  }

  @Test
  void emptyInputFileIsRefused() throws Exception {
    Path items = Files.createFile(dir.resolve("empty.jsonl"));

    String message = buildFails(items);

    assertTrue(message.contains("no items"), message);
    assertTrue(message.contains("empty.jsonl"), message);
  }

  @Test
  void existingOutputFolderIsKeptWithoutOverwrite() throws Exception {
    Path items = validItems();
    Path out = Files.createDirectory(dir.resolve("out"));
    Files.writeString(out.resolve("keep.txt"), "mine");
    Set<String> before = Cli.list(dir);

    JsonObject error =
        Cli.run("build", "--items", items.toString(), "--out", out.toString(), "--quiet")
            .assertUserError();

    String message = error.get("message").getAsString();
    assertTrue(message.contains("already exists"), message);
    assertTrue(message.contains("--overwrite"), message);
    assertEquals(before, Cli.list(dir), "files beside the output");
    assertEquals(Set.of("keep.txt"), Cli.list(out), "the existing folder's content");
    assertEquals("mine", Files.readString(out.resolve("keep.txt")));
  }

  // ---------------------------------------------------------------- query requests

  @ParameterizedTest(name = "k = {0}")
  @ValueSource(ints = {0, -3})
  void nonPositiveKIsRefused(int k) throws Exception {
    Path model = buildModel();

    JsonObject error = queryFails(model, "{\"vector\": [1, 0, 0], \"k\": " + k + "}");

    String message = error.get("message").getAsString();
    assertTrue(message.contains("k must be at least 1"), message);
    assertTrue(message.contains(Integer.toString(k)), message);
    assertEquals("k", error.get("field").getAsString());
  }

  @Test
  void queryVectorOfTheWrongLengthIsRefused() throws Exception {
    Path model = buildModel();

    JsonObject error = queryFails(model, "{\"vector\": [1, 0], \"k\": 2}");

    String message = error.get("message").getAsString();
    assertTrue(message.contains("2 values") && message.contains("expected 3"), message);
    assertEquals("vector", error.get("field").getAsString());
  }

  @Test
  void malformedRequestJsonIsRefused() throws Exception {
    Path model = buildModel();

    JsonObject error = queryFails(model, "{\"vector\": [1, 0, 0], \"k\": 2");

    String message = error.get("message").getAsString();
    assertTrue(message.contains("not valid JSON"), message);
  }

  @Test
  void unknownRequestFieldIsRefusedNamingIt() throws Exception {
    Path model = buildModel();

    JsonObject error = queryFails(model, "{\"vector\": [1, 0, 0], \"k\": 2, \"topk\": 3}");

    String message = error.get("message").getAsString();
    assertTrue(message.contains("unknown field 'topk'"), message);
    assertEquals("topk", error.get("field").getAsString());
  }

  // ---------------------------------------------------------------- broken archives

  @Test
  void truncatedZipArchiveIsReportedAsCorrupt() throws Exception {
    buildModel();
    Path zip = dir.resolve("model.zip");
    byte[] bytes = Files.readAllBytes(zip);
    Path truncated =
        Files.write(dir.resolve("truncated.zip"), Arrays.copyOf(bytes, bytes.length / 2));

    JsonObject error = queryFails(truncated, validRequest());

    assertSaysCorrupt(error);
  }

  @Test
  void truncatedModelFileInFolderIsReportedAsCorrupt() throws Exception {
    Path model = buildModel();
    Path pt = model.resolve("model.pt");
    try (RandomAccessFile f = new RandomAccessFile(pt.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }

    JsonObject error = queryFails(model, validRequest());

    assertSaysCorrupt(error);
  }

  @Test
  void garbageInTheMiddleOfTheModelFileIsReportedAsCorrupt() throws Exception {
    Path model = buildModel(400, 16);
    Path pt = model.resolve("model.pt");
    long size = Files.size(pt);
    byte[] garbage = new byte[512];
    Arrays.fill(garbage, (byte) 0xff);
    try (RandomAccessFile f = new RandomAccessFile(pt.toFile(), "rw")) {
      f.seek(size / 2 - garbage.length / 2);
      f.write(garbage);
    }
    float[] v = new float[16];
    v[0] = 1;

    JsonObject error = queryFails(model, CliRoundTripTest.single(v, 5, false).toString());

    assertSaysCorrupt(error);
  }

  @Test
  void folderMissingIndexJsonIsNotAnIndexArchive() throws Exception {
    Path model = buildModel();
    Files.delete(model.resolve("index.json"));

    JsonObject error = queryFails(model, validRequest());

    assertSaysCorrupt(error);
    assertTrue(error.get("message").getAsString().contains("index.json"), error.toString());
  }

  // ---------------------------------------------------------------- helpers

  private Path lines(String name, String... lines) throws IOException {
    return Files.write(dir.resolve(name), List.of(lines), StandardCharsets.UTF_8);
  }

  private Path validItems() throws IOException {
    return lines(
        "items.jsonl", "{\"id\": 1, \"vector\": [1, 0, 0]}", "{\"id\": 2, \"vector\": [0, 1, 0]}");
  }

  /**
   * Runs {@code linr build} expecting a user error; checks that nothing appeared beside the output
   * (no output folder, no partial or temporary files) and returns the error message.
   */
  private String buildFails(Path items, String... extra) throws IOException {
    Path out = dir.resolve("out");
    Set<String> before = Cli.list(dir);
    String[] args =
        Stream.concat(
                Stream.of("build", "--items", items.toString(), "--out", out.toString(), "--quiet"),
                Stream.of(extra))
            .toArray(String[]::new);

    JsonObject error = Cli.run(args).assertUserError();

    assertFalse(Files.exists(out), "no output folder after a failed build");
    assertEquals(before, Cli.list(dir), "files beside the output after a failed build");
    return error.get("message").getAsString();
  }

  /** A small dot-product index {@code dir/model} (and {@code dir/model.zip}) of 3-d vectors. */
  private Path buildModel() throws IOException {
    return buildModel(50, DIM);
  }

  private Path buildModel(int count, int dimension) throws IOException {
    TestCorpus corpus = TestCorpus.gaussian(99, count, dimension);
    Path items = corpus.writeJsonl(dir.resolve("items.jsonl"));
    Path model = dir.resolve("model");
    Cli.run("build", "--items", items.toString(), "--out", model.toString(), "--zip", "--quiet")
        .assertOk();
    return model;
  }

  private static String validRequest() {
    return "{\"vector\": [0.5, -1, 2], \"k\": 3}";
  }

  /**
   * Runs {@code linr query} expecting a user error; checks that nothing appeared beside the model
   * and returns the error JSON.
   */
  private JsonObject queryFails(Path model, String request) throws IOException {
    Path requests = Files.createDirectories(dir.resolve("requests"));
    Path file = Files.createTempFile(requests, "req-", ".json");
    Files.writeString(file, request, StandardCharsets.UTF_8);
    Set<String> before = Cli.list(model.getParent());

    JsonObject error =
        Cli.run("query", "--model", model.toString(), "--request", file.toString())
            .assertUserError();

    assertEquals(
        before, Cli.list(model.getParent()), "files beside the model after a failed query");
    return error;
  }

  private static void assertSaysCorrupt(JsonObject error) {
    String message = error.get("message").getAsString().toLowerCase(Locale.ROOT);
    assertTrue(
        message.contains("corrupt") || message.contains("not an index archive"),
        "the message should say the archive is corrupt or not an index archive: " + error);
  }
}
