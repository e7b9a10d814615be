package dev.linr.serving.wlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.linr.archive.ArchivePacker;
import dev.linr.serving.BadRequestException;
import dev.linr.serving.ConflictException;
import dev.linr.serving.ModelNotFoundException;
import dev.linr.serving.metrics.ServerMetrics;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
  @TempDir static Path shared;
  @TempDir Path dir;

  static TestIndex posts;

  private final ServerMetrics metrics = new ServerMetrics();
  private final ModelRegistry registry = new ModelRegistry(ModelSettings.DEFAULTS, metrics);

  @BeforeAll
  static void buildIndex() throws IOException {
    posts = TestIndex.build(shared, "posts", 120, 1);
  }

  @AfterEach
  void closeRegistry() {
    registry.close();
  }

  private static ModelSpec spec(String name, String version, Path url) {
    return new ModelSpec(name, version, url.toString(), null, null, Map.of());
  }

  private static TestIndex.Answer ask(ModelRegistry r, String name, String version, float[] q)
      throws Exception {
    return TestIndex.parse(
        TestIndex.text(r.invoke(name, version, TestIndex.input(TestIndex.body(q, 5, null))).get()));
  }

  @Test
  void registeredIndexTakesItsNameFromTheUrlAndAnswersLikeTheBruteForce() throws Exception {
    ModelVersion v = registry.register(ModelSpec.of("file:" + posts.folder), false);
    assertEquals("posts", v.name());
    assertEquals("PyTorch", v.engine());
    float[] q = TestIndex.query(new Random(3));
    assertEquals(posts.bruteForce(q, 5, null), ask(registry, "posts", null, q));
  }

  @Test
  void defaultVersionIsTheFirstRegisteredThatIsStillRegistered() {
    registry.register(spec("m", "1", posts.folder), false);
    registry.register(spec("m", "2", posts.folder), false);
    assertEquals("1", registry.get("m", null).version());
    assertEquals(
        List.of("1", "2"), registry.versions("m").stream().map(ModelVersion::version).toList());
    registry.unregister("m", "1");
    assertEquals("2", registry.get("m", null).version());
    assertEquals(List.of("2"), registry.versions("m").stream().map(ModelVersion::version).toList());
  }

  @Test
  void registeringATakenNameAndVersionIsAConflict() {
    registry.register(spec("m", "1", posts.folder), false);
    ConflictException e =
        assertThrows(
            ConflictException.class, () -> registry.register(spec("m", "1", posts.folder), false));
    assertEquals(409, e.status());
    assertEquals(1, registry.versions("m").size());
  }

  @Test
  void unknownModelOrVersionIsNotFound() {
    registry.register(spec("m", "1", posts.folder), false);
    assertEquals(
        404, assertThrows(ModelNotFoundException.class, () -> registry.get("x", null)).status());
    assertThrows(ModelNotFoundException.class, () -> registry.get("m", "9"));
    assertThrows(ModelNotFoundException.class, () -> registry.unregister("m", "9"));
    assertThrows(
        ModelNotFoundException.class, () -> registry.invoke("x", null, TestIndex.input("{}")));
  }

  @Test
  void unregisteringEveryVersionRemovesTheModel() {
    registry.register(spec("m", "1", posts.folder), false);
    registry.register(spec("m", "2", posts.folder), false);
    registry.unregister("m", null);
    assertFalse(registry.contains("m"));
    assertEquals(List.of(), registry.list());
  }

  @Test
  void listIsSortedByNameThenRegistrationOrder() {
    registry.register(spec("b", "1", posts.folder), false);
    registry.register(spec("a", "2", posts.folder), false);
    registry.register(spec("a", "1", posts.folder), false);
    assertEquals(
        List.of("a:2", "a:1", "b:1"),
        registry.list().stream().map(v -> v.name() + ":" + v.version()).toList());
  }

  @Test
  void zipTarGzAndTarArchivesLoadAndAnswerAlike() throws Exception {
    Path zip = dir.resolve("posts.zip");
    Path tgz = dir.resolve("posts.tgz");
    Path tar = dir.resolve("posts.tar");
    ArchivePacker.pack(posts.folder, zip);
    ArchivePacker.pack(posts.folder, dir.resolve("posts.tar.gz"));
    java.nio.file.Files.move(dir.resolve("posts.tar.gz"), tgz);
    TarFiles.write(posts.folder, tar);
    registry.register(spec("zip", null, zip), false);
    registry.register(
        new ModelSpec("tgz", null, tgz.toUri().toString(), null, null, Map.of()), false);
    registry.register(spec("tar", null, tar), false);
    float[] q = TestIndex.query(new Random(5));
    TestIndex.Answer expected = posts.bruteForce(q, 5, null);
    assertEquals(expected, ask(registry, "zip", null, q));
    assertEquals(expected, ask(registry, "tgz", null, q));
    assertEquals(expected, ask(registry, "tar", null, q));
  }

  @Test
  void truncatedModelFileIsABadRequestAndOtherModelsKeepServing() throws Exception {
    registry.register(spec("good", null, posts.folder), false);
    Path broken = posts.copyTo(dir.resolve("broken"));
    Path pt = TestIndex.modelFile(broken);
    try (RandomAccessFile f = new RandomAccessFile(pt.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
    BadRequestException e =
        assertThrows(
            BadRequestException.class,
            () -> registry.register(spec("broken", null, broken), false));
    assertTrue(
        e.getMessage().startsWith("cannot load model broken from " + broken), e.getMessage());
    assertFalse(registry.contains("broken"));
    float[] q = TestIndex.query(new Random(8));
    assertEquals(posts.bruteForce(q, 5, null), ask(registry, "good", null, q));
  }

  /**
   * A PyTorch archive that is not an index (no translator, no index metadata) whose TorchScript
   * file is cut to half its length: it reaches DJL's model loader, which fails after creating the
   * model.
   */
  private Path truncatedTorchScriptArchive(String name) throws IOException {
    Path folder = java.nio.file.Files.createDirectories(dir.resolve(name));
    Path pt = folder.resolve(name + ".pt");
    java.nio.file.Files.copy(TestIndex.modelFile(posts.folder), pt);
    try (RandomAccessFile f = new RandomAccessFile(pt.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
    TestIndex.write(folder.resolve("serving.properties"), "engine=PyTorch\n");
    return folder;
  }

  @Test
  void failedLoadOfATruncatedTorchScriptModelLeavesNoOpenModel() throws Exception {
    Path broken = truncatedTorchScriptArchive("broken");
    // A first failure starts the engine and whatever it keeps for good.
    assertThrows(
        BadRequestException.class, () -> registry.register(spec("warmup", null, broken), false));
    int before = OpenModels.count();
    BadRequestException e =
        assertThrows(
            BadRequestException.class,
            () -> registry.register(spec("broken", null, broken), false));
    assertTrue(
        e.getMessage().startsWith("cannot load model broken from " + broken), e.getMessage());
    assertEquals(before, OpenModels.count(), "native models left open");
  }

  @Test
  void failedLoadOfAZippedTruncatedTorchScriptModelLeavesNoOpenModelNorUnpackedCopy()
      throws Exception {
    String unique = "unpacked_" + System.nanoTime();
    Path zip = dir.resolve(unique + ".zip");
    ArchivePacker.pack(truncatedTorchScriptArchive(unique), zip);
    assertThrows(BadRequestException.class, () -> registry.register(spec("w", null, zip), false));
    int before = OpenModels.count();
    assertThrows(BadRequestException.class, () -> registry.register(spec("z", null, zip), false));
    assertEquals(before, OpenModels.count(), "native models left open");
    assertEquals(List.of(), unpackedCopies(unique));
  }

  @Test
  void tensorWithAFlippedByteFailsItsCrcCheck() throws Exception {
    Path broken = posts.copyTo(dir.resolve("flipped"));
    Path pt = TestIndex.modelFile(broken);
    long offset;
    try (org.apache.commons.compress.archivers.zip.ZipFile zip =
        org.apache.commons.compress.archivers.zip.ZipFile.builder().setPath(pt).get()) {
      org.apache.commons.compress.archivers.zip.ZipArchiveEntry largest = null;
      for (var e : java.util.Collections.list(zip.getEntries())) {
        if (largest == null || e.getSize() > largest.getSize()) {
          largest = e;
        }
      }
      offset = largest.getDataOffset() + largest.getSize() / 2;
    }
    try (RandomAccessFile f = new RandomAccessFile(pt.toFile(), "rw")) {
      f.seek(offset);
      int b = f.read();
      f.seek(offset);
      f.write(b ^ 0x40);
    }
    BadRequestException e =
        assertThrows(
            BadRequestException.class,
            () -> registry.register(spec("flipped", null, broken), false));
    assertTrue(e.getMessage().contains("CRC-32 mismatch"), e.getMessage());
  }

  @Test
  void failedLoadOfAPackedArchiveLeavesNoUnpackedCopy() throws Exception {
    String unique = "unpacked_" + System.nanoTime();
    Path folder = posts.copyTo(dir.resolve(unique));
    TestIndex.setProperties(folder, "engine", "MXNet");
    Path zip = dir.resolve(unique + ".zip");
    ArchivePacker.pack(folder, zip);
    assertThrows(BadRequestException.class, () -> registry.register(spec("x", null, zip), false));
    assertEquals(List.of(), unpackedCopies(unique));
  }

  @Test
  void unregisteringAPackedArchiveDeletesItsUnpackedCopy() throws Exception {
    String unique = "unpacked_" + System.nanoTime();
    Path zip = dir.resolve(unique + ".zip");
    ArchivePacker.pack(posts.copyTo(dir.resolve(unique)), zip);
    registry.register(spec("x", null, zip), false);
    assertEquals(1, unpackedCopies(unique).size());
    registry.unregister("x", null);
    assertEquals(List.of(), unpackedCopies(unique));
  }

  /** Unpacked copies of an archive whose top folder is {@code unique}, in the temp folder. */
  private static List<Path> unpackedCopies(String unique) throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(tmp)) {
      return s.filter(p -> p.getFileName().toString().startsWith("linr-serving-"))
          .map(p -> p.resolve(unique))
          .filter(java.nio.file.Files::exists)
          .toList();
    }
  }

  @Test
  void registrationArgumentsOverrideTheArchivesTranslatorArguments() throws Exception {
    registry.register(
        new ModelSpec("m", null, posts.folder.toString(), null, null, Map.of("maxK", "3")), false);
    float[] q = TestIndex.query(new Random(9));
    java.util.concurrent.ExecutionException e =
        assertThrows(
            java.util.concurrent.ExecutionException.class,
            () -> registry.invoke("m", null, TestIndex.input(TestIndex.body(q, 5, null))).get());
    assertEquals("k must be at most 3, got: 5", e.getCause().getMessage());
    assertEquals(posts.bruteForce(q, 3, null), ask3(registry, q));
  }

  private static TestIndex.Answer ask3(ModelRegistry r, float[] q) throws Exception {
    return TestIndex.parse(
        TestIndex.text(r.invoke("m", null, TestIndex.input(TestIndex.body(q, 3, null))).get()));
  }

  @Test
  void truncatedZipIsABadRequestNamingTheArchive() throws Exception {
    Path zip = dir.resolve("posts.zip");
    ArchivePacker.pack(posts.folder, zip);
    try (RandomAccessFile f = new RandomAccessFile(zip.toFile(), "rw")) {
      f.setLength(f.length() / 3);
    }
    BadRequestException e =
        assertThrows(
            BadRequestException.class, () -> registry.register(spec("z", null, zip), false));
    assertTrue(
        e.getMessage().contains("corrupt or truncated model archive " + zip), e.getMessage());
  }

  @Test
  void missingArchiveIsABadRequest() {
    Path missing = dir.resolve("nothing-here");
    BadRequestException e =
        assertThrows(
            BadRequestException.class, () -> registry.register(spec("x", null, missing), false));
    assertEquals("model archive " + missing + " does not exist", e.getMessage());
  }

  @Test
  void unknownEngineIsABadRequestListingTheValidOnes() throws Exception {
    Path copy = posts.copyTo(dir.resolve("tf"));
    TestIndex.setProperties(copy, "engine", "TensorFlow");
    BadRequestException e =
        assertThrows(
            BadRequestException.class, () -> registry.register(spec("tf", null, copy), false));
    assertEquals(
        "model tf asks for engine 'TensorFlow', which this server does not host; valid: PyTorch,"
            + " OnnxRuntime",
        e.getMessage());
  }

  @Test
  void translatorMissingFromLibsFailsLoudly() throws Exception {
    Path copy = posts.copyTo(dir.resolve("missing"));
    TestIndex.setProperties(copy, "translator", "org.example.NoSuchTranslator");
    BadRequestException e =
        assertThrows(
            BadRequestException.class, () -> registry.register(spec("m", null, copy), false));
    assertEquals(
        "translator org.example.NoSuchTranslator named in serving.properties was not found in libs/"
            + " (libs/linr-serving-translator.jar) nor on the server classpath",
        e.getMessage());
  }

  @Test
  void translatorThatIsNotAServingTranslatorFailsLoudly() throws Exception {
    Path copy = posts.copyTo(dir.resolve("wrong"));
    TestIndex.setProperties(copy, "translator", "java.lang.String");
    BadRequestException e =
        assertThrows(
            BadRequestException.class, () -> registry.register(spec("m", null, copy), false));
    assertEquals(
        "translator java.lang.String named in serving.properties is not an"
            + " ai.djl.translate.ServingTranslator",
        e.getMessage());
    assertFalse(registry.contains("m"));
  }

  @Test
  void gpuTheHostLacksIsABadRequestNamingTheDevice() {
    // gpu0 on a CPU-only host (as in CI); the first missing GPU on a host that has some.
    int gpus = ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount();
    ModelSpec gpu = new ModelSpec("g", null, posts.folder.toString(), null, "gpu" + gpus, Map.of());
    BadRequestException e =
        assertThrows(BadRequestException.class, () -> registry.register(gpu, false));
    String has =
        gpus == 0
            ? "no GPU (only cpu)"
            : gpus + " GPU(s): gpu0" + (gpus > 1 ? "..gpu" + (gpus - 1) : "");
    assertEquals(
        "load_on_devices asks for gpu" + gpus + " but this host has " + has, e.getMessage());
    assertFalse(registry.contains("g"));
  }

  @Test
  void settingsComeFromServingPropertiesThenTheRegistration() throws Exception {
    Path copy = posts.copyTo(dir.resolve("tuned"));
    TestIndex.setProperties(
        copy, "batch_size", "4", "max_batch_delay", "25", "cpu.maxWorkers", "3");
    ModelVersion v =
        registry.register(
            new ModelSpec("tuned", "1", copy.toString(), null, null, Map.of("batch_size", "16")),
            false);
    JsonObject d = v.describe();
    assertEquals(16, d.get("batchSize").getAsInt());
    assertEquals(25, d.get("maxBatchDelayMillis").getAsInt());
    assertEquals(3, d.get("maxWorkers").getAsInt());
    assertEquals(1000, d.get("queueSize").getAsInt());
  }

  @Test
  void badSettingIsABadRequestNamingTheKeyAndValue() {
    ModelSpec bad =
        new ModelSpec("m", null, posts.folder.toString(), null, null, Map.of("batch_size", "1.7"));
    BadRequestException e =
        assertThrows(BadRequestException.class, () -> registry.register(bad, false));
    assertEquals(
        "batch_size in the settings of model m must be an integer, got: '1.7'", e.getMessage());
  }

  @Test
  void describeHasDjlServingsShapeWithCpuWorkers() {
    ModelVersion v = registry.register(spec("posts", "3", posts.folder), true);
    JsonObject d = v.describe();
    assertEquals("posts", d.get("modelName").getAsString());
    assertEquals(posts.folder.toString(), d.get("modelUrl").getAsString());
    assertEquals("3", d.get("version").getAsString());
    assertEquals("PyTorch", d.get("engine").getAsString());
    assertEquals(1, d.get("batchSize").getAsInt());
    assertEquals(10, d.get("maxBatchDelayMillis").getAsInt());
    assertEquals(60, d.get("maxIdleSeconds").getAsInt());
    assertEquals(0, d.get("requestInQueue").getAsInt());
    assertEquals(1, d.get("minWorkers").getAsInt());
    assertEquals("Healthy", d.get("status").getAsString());
    assertTrue(d.get("loadedAtStartup").getAsBoolean());
    assertEquals(120, d.get("items").getAsLong());
    assertEquals(1, d.getAsJsonArray("workers").size());
    JsonObject w = d.getAsJsonArray("workers").get(0).getAsJsonObject();
    assertEquals(1, w.get("id").getAsInt());
    java.time.Instant.parse(w.get("startTime").getAsString());
    assertEquals("READY", w.get("status").getAsString());
    assertEquals("cpu", w.getAsJsonObject("device").get("deviceType").getAsString());
    assertEquals(-1, w.getAsJsonObject("device").get("deviceId").getAsInt());
  }

  @Test
  void registeredVersionsPublishGaugesUntilUnregistered() {
    registry.register(spec("posts", "1", posts.folder), false);
    String r = metrics.render();
    assertTrue(r.contains("linr_queue_depth{model=\"posts\",version=\"1\"} 0\n"), r);
    assertTrue(r.contains("linr_workers{model=\"posts\",version=\"1\"} 1\n"), r);
    assertTrue(r.contains("linr_index_items{model=\"posts\",version=\"1\"} 120\n"), r);
    registry.unregister("posts", "1");
    assertFalse(metrics.render().contains("version=\"1\""), metrics.render());
  }

  @Test
  void itemsReportTheIndexItemCount() {
    assertEquals(
        120, registry.register(spec("posts", null, posts.folder), false).items().getAsLong());
  }

  @Test
  void healthReportsModelsThatFailedToLoad() {
    registry.register(spec("good", null, posts.folder), true);
    assertTrue(registry.healthy());
    registry.recordFailedLoad("bad", new BadRequestException("model archive /x does not exist"));
    assertFalse(registry.healthy());
    assertEquals(
        Map.of("bad", "model archive /x does not exist", "good", "Healthy"), registry.health());
  }
}
