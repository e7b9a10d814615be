package dev.linr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.linr.index.FormatVersion;
import dev.linr.index.IndexLayout;
import dev.linr.index.IndexMetadata;
import dev.linr.query.Hit;
import dev.linr.query.ParsedResponses;
import dev.linr.query.SearchResponse;
import dev.linr.query.SearchResponseParser;
import dev.linr.schema.IdType;
import dev.linr.schema.IndexSchema;
import dev.linr.schema.StorageType;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line end to end: build, inspect and query archives as a user would. */
class CliRoundTripTest {
  private static final int DIM = 16;
  private static final double TOLERANCE = 1e-4;

  @TempDir Path dir;

  // ---------------------------------------------------------------- build output

  @Test
  void buildWritesAServingFolderWithTranslatorJarAndPackedCopies() throws Exception {
    TestCorpus corpus = TestCorpus.gaussian(1, 200, DIM);
    Path folder = buildCosine(corpus, "posts");

    assertTrue(Files.isRegularFile(dir.resolve("posts.zip")), "posts.zip");
    assertTrue(Files.isRegularFile(dir.resolve("posts.tar.gz")), "posts.tar.gz");
    Properties serving = new Properties();
    try (Reader in = Files.newBufferedReader(folder.resolve("serving.properties"))) {
      serving.load(in);
    }
    assertEquals("PyTorch", serving.getProperty("engine"));
    assertEquals("posts", serving.getProperty("option.modelName"));
    assertEquals("dev.linr.translate.IndexServingTranslator", serving.getProperty("translator"));
    for (String f : List.of("posts.pt", "schema.json", "index.json")) {
      assertTrue(Files.isRegularFile(folder.resolve(f)), f + " in the archive folder");
    }

    Path jar = folder.resolve("libs/linr-serving-translator.jar");
    assertTrue(Files.isRegularFile(jar), "libs/linr-serving-translator.jar");
    try (ZipFile z = new ZipFile(jar.toFile())) {
      assertTrue(
          z.getEntry("dev/linr/translate/IndexServingTranslator.class") != null,
          "the translator jar holds IndexServingTranslator");
      List<String> djl =
          z.stream().map(ZipEntry::getName).filter(n -> n.startsWith("ai/djl/")).toList();
      assertTrue(djl.isEmpty(), "the translator jar must not bundle DJL: " + djl);
    }

    // Both packed copies hold the folder's files under one top-level folder named for the model.
    Set<String> files = new TreeSet<>();
    try (var walk = Files.walk(folder)) {
      walk.filter(Files::isRegularFile)
          .forEach(p -> files.add("posts/" + folder.relativize(p).toString().replace('\\', '/')));
    }
    assertEquals(files, zipEntries(dir.resolve("posts.zip")), "posts.zip entries");
    assertEquals(files, tarGzEntries(dir.resolve("posts.tar.gz")), "posts.tar.gz entries");
  }

  @Test
  void inspectReportsCountsCapacitySchemaAndBuffers() throws Exception {
    TestCorpus corpus = TestCorpus.gaussian(2, 300, DIM);
    Path folder = buildCosine(corpus, "posts");

    Cli.Result r = Cli.run("inspect", "--model", folder.toString()).assertOk();
    JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();

    assertEquals(FormatVersion.CURRENT, o.get("format_version").getAsInt());
    assertEquals(300, o.get("count").getAsLong());
    long capacity = o.get("capacity").getAsLong();
    assertEquals(IndexLayout.capacityFor(300, 0.10, 16), capacity, "default slack capacity");
    assertEquals(capacity - 300, o.get("free_slots").getAsLong());
    JsonObject schema = o.getAsJsonObject("schema");
    assertEquals(DIM, schema.get("dimension").getAsInt());
    assertEquals("cosine", schema.get("metric").getAsString());
    assertEquals("float32", schema.get("dtype").getAsString());
    assertEquals("int", schema.get("id_type").getAsString());

    long memory = o.get("memory_bytes").getAsLong();
    assertTrue(memory > 0, "memory_bytes > 0");
    JsonArray buffers = o.getAsJsonArray("buffers");
    assertFalse(buffers.isEmpty(), "buffers");
    long sum = 0;
    Map<String, JsonObject> byName = new HashMap<>();
    for (JsonElement e : buffers) {
      JsonObject b = e.getAsJsonObject();
      for (String field : List.of("name", "role", "dtype", "shape", "bytes")) {
        assertTrue(b.has(field), "buffer " + b + " lacks " + field);
      }
      assertTrue(b.get("bytes").getAsLong() > 0, "buffer bytes " + b);
      sum += b.get("bytes").getAsLong();
      byName.put(b.get("name").getAsString(), b);
    }
    assertEquals(memory, sum, "memory_bytes is the sum of the buffers");
    JsonObject emb = byName.get("emb");
    assertTrue(emb != null, "an emb buffer: " + byName.keySet());
    assertEquals("[" + capacity + ", " + DIM + "]", emb.get("shape").getAsString());
    assertEquals("float32", emb.get("dtype").getAsString());
    assertEquals(capacity * DIM * 4, emb.get("bytes").getAsLong());
    long attributeBytes = 0;
    Map<String, String> encodings = new java.util.HashMap<>();
    for (JsonElement e : o.getAsJsonArray("attributes")) {
      JsonObject a = e.getAsJsonObject();
      encodings.put(a.get("name").getAsString(), a.get("encoding").getAsString());
      attributeBytes += a.get("bytes").getAsLong() + a.get("index_bytes").getAsLong();
      // Numbers have an attribute index (sorted values and their slots, 16 bytes a slot).
      boolean number = a.get("encoding").getAsString().equals("number");
      assertEquals(number ? 16 * capacity : 0, a.get("index_bytes").getAsLong(), a.toString());
    }
    // TestCorpus: a few geos and skills (bitsets), ints and floats (numbers), a bool (bitset).
    assertEquals("bits", encodings.get("geo"));
    assertEquals("bits", encodings.get("skills"));
    assertEquals("bits", encodings.get("sponsored"));
    assertEquals("number", encodings.get("company"));
    assertEquals("number", encodings.get("quality"));
    long nonAttribute = 0;
    for (String name :
        new String[] {
          "emb",
          "alive",
          "ids",
          "hwm",
          "expires",
          "indexed",
          "rewritten",
          "rewritten_count",
          "soonest"
        }) {
      nonAttribute += byName.get(name).get("bytes").getAsLong();
    }
    assertEquals(memory - nonAttribute, attributeBytes, "attribute bytes per encoding add up");
  }

  // ---------------------------------------------------------------- query

  @Test
  void inspectReportsTheArchivesOwnFormatVersion() throws Exception {
    // An archive of an earlier format (its index.json relabelled) is reported as that format, not
    // as the format this linr writes: the translator sends some inputs by the archive's format.
    Path folder = buildCosine(TestCorpus.gaussian(3, 50, DIM), "older");
    ArchiveEdits.relabelFormatVersion(folder, 3);

    Cli.Result r = Cli.run("inspect", "--model", folder.toString()).assertOk();
    assertEquals(
        3, JsonParser.parseString(r.out()).getAsJsonObject().get("format_version").getAsInt());
  }

  @Test
  void folderZipAndTarGzAnswerByteIdenticallyAndLikeBruteForce() throws Exception {
    TestCorpus corpus = TestCorpus.gaussian(3, 500, DIM);
    Path folder = buildCosine(corpus, "posts");
    float[] q = TestCorpus.gaussianVector(new Random(4), DIM);
    Path request = writeRequest("req.json", single(q, 25, true));

    String fromFolder = queryOk(folder, request);
    String fromZip = queryOk(dir.resolve("posts.zip"), request);
    String fromTarGz = queryOk(dir.resolve("posts.tar.gz"), request);

    assertEquals(fromFolder, fromZip, "folder and .zip answers");
    assertEquals(fromFolder, fromTarGz, "folder and .tar.gz answers");
    BruteForce reference = new BruteForce(corpus, schemaOf(folder));
    SearchResponse got = one(fromFolder);
    HitAssertions.assertSameHits(
        reference, q, reference.search(q, 25, null), got, TOLERANCE, "cosine k=25");
  }

  @Test
  void stringIdsComeBackAsJsonStrings() throws Exception {
    TestCorpus corpus =
        TestCorpus.withStringIds(5, 120, DIM, "post-", "ünïcode-", "日本-", "a b\"c-");
    Path folder = buildCosine(corpus, "strings");
    assertEquals(IdType.STRING, schemaOf(folder).idType());
    float[] q = TestCorpus.gaussianVector(new Random(6), DIM);

    String out = queryOk(folder, writeRequest("req.json", single(q, 120, false)));

    JsonArray hits = JsonParser.parseString(out).getAsJsonObject().getAsJsonArray("hits");
    assertEquals(120, hits.size());
    Set<String> want = new TreeSet<>();
    corpus.items.forEach(i -> want.add((String) i.id()));
    Set<String> got = new TreeSet<>();
    for (JsonElement h : hits) {
      JsonElement id = h.getAsJsonObject().get("id");
      assertTrue(id.isJsonPrimitive() && id.getAsJsonPrimitive().isString(), "id " + id);
      got.add(id.getAsString());
    }
    assertEquals(want, got, "every string id, unchanged");
    BruteForce reference = new BruteForce(corpus, schemaOf(folder));
    HitAssertions.assertSameHits(
        reference, q, reference.search(q, 120, null), one(out), TOLERANCE, "string ids");
  }

  @Test
  void includeAttributesReturnsEachItemsAttributesExactlyAsInput() throws Exception {
    TestCorpus corpus = new TestCorpus(4);
    corpus.add(
        1L,
        new float[] {1, 0, 0, 0},
        attrs(
            "geo",
            "us",
            "n",
            3L,
            "big",
            9_007_199_254_740_993L,
            "q",
            0.5,
            "ok",
            true,
            "skills",
            List.of("java", "go"),
            "codes",
            List.of(7L, -2L)));
    corpus.add(
        2L,
        new float[] {0, 1, 0, 0},
        attrs(
            "geo",
            "dé ünï \"quoted\"",
            "n",
            -4L,
            "big",
            Long.MAX_VALUE,
            "q",
            1.0E-7,
            "ok",
            false,
            "skills",
            List.of("ml"),
            "codes",
            List.of(42L)));
    corpus.add(3L, new float[] {0, 0, 1, 0}, attrs("n", 0L, "big", Long.MIN_VALUE + 1));
    corpus.add(4L, new float[] {0, 0, 0, 1}, attrs());
    corpus.add(
        5L,
        new float[] {1, 1, 0, 0},
        attrs("q", -2.5, "skills", List.of("java", "ml", "sql"), "ok", true));
    Path jsonl = corpus.writeJsonl(dir.resolve("items.jsonl"));
    Path folder = dir.resolve("attrs");
    Cli.run("build", "--items", jsonl.toString(), "--out", folder.toString(), "--quiet").assertOk();

    String out =
        queryOk(folder, writeRequest("req.json", single(new float[] {1, 2, 3, 4}, 5, true)));

    SearchResponse r = one(out);
    assertEquals(5, r.hits().size());
    Map<Object, Map<String, Object>> expected = new HashMap<>();
    corpus.items.forEach(i -> expected.put(i.id(), i.attributes()));
    for (Hit h : r.hits()) {
      assertEquals(expected.get(h.id()), h.attributes(), "attributes of item " + h.id());
    }
    // Item 4 has no attributes: it is written with an empty object, and absent keys stay absent.
    JsonArray hits = JsonParser.parseString(out).getAsJsonObject().getAsJsonArray("hits");
    for (JsonElement e : hits) {
      JsonObject h = e.getAsJsonObject();
      assertTrue(h.has("attributes"), "hit " + h + " lacks attributes");
      if (h.get("id").getAsLong() == 4) {
        assertEquals(new JsonObject(), h.get("attributes"), "item 4's attributes");
      }
      if (h.get("id").getAsLong() == 3) {
        assertEquals(Set.of("n", "big"), h.getAsJsonObject("attributes").keySet());
      }
    }
  }

  @Test
  void batchRequestAnswersEachQueryInOrderWithItsOwnK() throws Exception {
    TestCorpus corpus = TestCorpus.gaussian(7, 400, DIM);
    Path folder = buildCosine(corpus, "posts");
    Random rnd = new Random(8);
    int[] ks = {3, 1, 17, 400};
    List<float[]> queries = new ArrayList<>();
    JsonArray array = new JsonArray();
    for (int k : ks) {
      float[] q = TestCorpus.gaussianVector(rnd, DIM);
      queries.add(q);
      array.add(single(q, k, false));
    }
    JsonObject batch = new JsonObject();
    batch.add("queries", array);

    String out = queryOk(folder, writeRequest("batch.json", batch));

    assertTrue(JsonParser.parseString(out).getAsJsonObject().has("responses"), out);
    ParsedResponses parsed = new SearchResponseParser().parse(out);
    assertTrue(parsed.batch(), "a batch response");
    assertEquals(ks.length, parsed.responses().size());
    BruteForce reference = new BruteForce(corpus, schemaOf(folder));
    for (int i = 0; i < ks.length; i++) {
      SearchResponse got = parsed.responses().get(i);
      assertEquals(ks[i], got.hits().size(), "hits of query " + i);
      HitAssertions.assertSameHits(
          reference,
          queries.get(i),
          reference.search(queries.get(i), ks[i], null),
          got,
          TOLERANCE,
          "batch query " + i + " k=" + ks[i]);
    }
  }

  @Test
  void npyVectorsWithJsonlMetadataAnswerLikeInlineJsonl() throws Exception {
    TestCorpus corpus = TestCorpus.gaussian(9, 350, DIM);
    Path jsonl = corpus.writeJsonl(dir.resolve("items.jsonl"));
    Path npy = corpus.writeNpy(dir.resolve("vectors.npy"));
    Path meta = corpus.writeMetadataJsonl(dir.resolve("meta.jsonl"));
    Path inline = dir.resolve("inline");
    Path fromNpy = dir.resolve("fromnpy");
    Cli.run("build", "--items", jsonl.toString(), "--out", inline.toString(), "--quiet").assertOk();
    Cli.run(
            "build",
            "--vectors",
            npy.toString(),
            "--items",
            meta.toString(),
            "--out",
            fromNpy.toString(),
            "--quiet")
        .assertOk();
    assertEquals(schemaOf(inline), schemaOf(fromNpy), "schemas");
    float[] q = TestCorpus.gaussianVector(new Random(10), DIM);
    Path request = writeRequest("req.json", single(q, 30, true));

    String a = queryOk(inline, request);
    String b = queryOk(fromNpy, request);

    assertEquals(a, b, "answers of the .npy and the inline JSONL index");
    BruteForce reference = new BruteForce(corpus, schemaOf(fromNpy));
    HitAssertions.assertSameHits(
        reference, q, reference.search(q, 30, null), one(b), TOLERANCE, "npy dot k=30");
  }

  @Test
  void float16StorageAnswersLikeBruteForceOnRoundedVectors() throws Exception {
    TestCorpus corpus = TestCorpus.gaussian(11, 400, DIM);
    Path jsonl = corpus.writeJsonl(dir.resolve("items.jsonl"));
    Path folder = dir.resolve("half");
    Cli.run(
            "build",
            "--items",
            jsonl.toString(),
            "--out",
            folder.toString(),
            "--dtype",
            "float16",
            "--metric",
            "l2",
            "--quiet")
        .assertOk();
    IndexSchema schema = schemaOf(folder);
    assertEquals(StorageType.FLOAT16, schema.dtype());
    float[] q = TestCorpus.gaussianVector(new Random(12), DIM);

    String out = queryOk(folder, writeRequest("req.json", single(q, 40, false)));

    BruteForce reference = new BruteForce(corpus, schema);
    HitAssertions.assertSameHits(
        reference, q, reference.search(q, 40, null), one(out), TOLERANCE, "float16 l2 k=40");
  }

  @Test
  void requestFromStandardInputAnswersLikeRequestFile() throws Exception {
    TestCorpus corpus = TestCorpus.gaussian(13, 200, DIM);
    Path folder = buildCosine(corpus, "posts");
    JsonObject request = single(TestCorpus.gaussianVector(new Random(14), DIM), 7, true);
    Path file = writeRequest("req.json", request);

    String fromFile = queryOk(folder, file);
    Cli.Result fromStdin =
        Cli.runWithStdin(
                request.toString().getBytes(StandardCharsets.UTF_8),
                "query",
                "--model",
                folder.toString(),
                "--request",
                "-")
            .assertOk();

    assertEquals(fromFile, fromStdin.out());
    assertEquals(7, one(fromStdin.out()).hits().size());
  }

  @ParameterizedTest(name = "linr {0} --help")
  @ValueSource(strings = {"", "build", "query", "inspect", "demo"})
  void helpExitsZeroAndPrintsUsage(String command) {
    Cli.Result r = command.isEmpty() ? Cli.run("--help") : Cli.run(command, "--help");

    assertEquals(0, r.exitCode(), r.err());
    String usage = command.isEmpty() ? "Usage: linr" : "Usage: linr " + command;
    assertTrue(r.out().contains(usage), "usage in:\n" + r.out());
    assertTrue(r.out().contains("--help"), "options listed in:\n" + r.out());
    assertTrue(r.errorJsonLines().isEmpty(), r.err());
  }

  // ---------------------------------------------------------------- helpers

  /** {@code linr build --metric cosine --zip --tar-gz --quiet} into {@code dir/name}. */
  private Path buildCosine(TestCorpus corpus, String name) throws IOException {
    Path jsonl = corpus.writeJsonl(dir.resolve(name + ".jsonl"));
    Path out = dir.resolve(name);
    Cli.Result r =
        Cli.run(
                "build",
                "--items",
                jsonl.toString(),
                "--out",
                out.toString(),
                "--metric",
                "cosine",
                "--zip",
                "--tar-gz",
                "--quiet")
            .assertOk();
    assertTrue(r.out().contains(corpus.size() + " items"), r.out());
    return out;
  }

  private static String queryOk(Path model, Path request) {
    return Cli.run("query", "--model", model.toString(), "--request", request.toString())
        .assertOk()
        .out();
  }

  private static SearchResponse one(String json) {
    ParsedResponses parsed = new SearchResponseParser().parse(json);
    assertFalse(parsed.batch(), "a single response expected: " + json);
    return parsed.responses().get(0);
  }

  private static IndexSchema schemaOf(Path folder) throws IOException {
    return IndexMetadata.read(folder).schema();
  }

  private Path writeRequest(String name, JsonObject request) throws IOException {
    return Files.writeString(dir.resolve(name), request.toString(), StandardCharsets.UTF_8);
  }

  static JsonObject single(float[] vector, int k, boolean attributes) {
    JsonObject q = new JsonObject();
    JsonArray v = new JsonArray();
    for (float x : vector) {
      v.add(x);
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

  private static Map<String, Object> attrs(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  private static Set<String> zipEntries(Path zip) throws IOException {
    Set<String> names = new TreeSet<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (!e.isDirectory()) {
          names.add(e.getName());
        }
      }
    }
    return names;
  }

  private static Set<String> tarGzEntries(Path tgz) throws IOException {
    Set<String> names = new TreeSet<>();
    try (InputStream raw = Files.newInputStream(tgz);
        TarArchiveInputStream in = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (!e.isDirectory()) {
          names.add(e.getName());
        }
      }
    }
    return names;
  }
}
