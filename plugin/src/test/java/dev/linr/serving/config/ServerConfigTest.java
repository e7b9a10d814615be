package dev.linr.serving.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.linr.serving.wlm.ModelSettings;
import dev.linr.serving.wlm.ModelSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {
  @TempDir Path dir;

  private Path write(String text) throws IOException {
    return Files.writeString(dir.resolve("config.properties"), text, StandardCharsets.UTF_8);
  }

  @Test
  void defaultsFollowDjlServing() {
    ServerConfig c = ServerConfig.defaults();
    assertEquals(new ServerAddress("127.0.0.1", 8080), c.inferenceAddress());
    assertEquals(new ServerAddress("127.0.0.1", 8080), c.managementAddress());
    assertNull(c.modelStore());
    assertEquals(LoadModels.ALL, c.loadModels());
    assertEquals(ModelSettings.DEFAULTS, c.modelDefaults());
    assertEquals(6_553_500, c.maxRequestSize());
    assertEquals(0, c.nettyThreads());
  }

  @Test
  void everyKeyIsRead() throws IOException {
    Path file =
        write(
            "inference_address=http://0.0.0.0:9090\n"
                + "management_address=http://127.0.0.1:9091\n"
                + "model_store=/srv/models\n"
                + "load_models=posts=file:/srv/models/posts\n"
                + "job_queue_size=7\n"
                + "batch_size=4\n"
                + "max_batch_delay=25\n"
                + "max_idle_time=30\n"
                + "load_on_devices=gpu0;gpu1\n"
                + "max_request_size=1024\n"
                + "number_of_netty_threads=3\n");
    ServerConfig c = ServerConfig.read(file, Map.of());
    assertEquals(new ServerAddress("0.0.0.0", 9090), c.inferenceAddress());
    assertEquals(new ServerAddress("127.0.0.1", 9091), c.managementAddress());
    assertEquals(Path.of("/srv/models"), c.modelStore());
    assertEquals(
        LoadModels.of(
            List.of(new ModelSpec("posts", null, "file:/srv/models/posts", null, null, null))),
        c.loadModels());
    assertEquals(
        new ModelSettings(4, 25, 7, 30, 1, ModelSettings.BY_DEVICE, "gpu0;gpu1"),
        c.modelDefaults());
    assertEquals(1024, c.maxRequestSize());
    assertEquals(3, c.nettyThreads());
  }

  @Test
  void fileIsReadAsUtf8() throws IOException {
    ServerConfig c = ServerConfig.read(write("model_store=/srv/mödels\n"), Map.of());
    assertEquals(Path.of("/srv/mödels"), c.modelStore());
  }

  @Test
  void decimalIsNotAnInteger() throws IOException {
    Path file = write("batch_size=1.7\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.read(file, Map.of()));
    assertEquals(file + ": batch_size must be an integer, got: 1.7", e.getMessage());
  }

  @Test
  void zeroBatchSizeIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ServerConfig.parse(Map.of("batch_size", "0")));
    assertEquals("batch_size must be at least 1, got: 0", e.getMessage());
  }

  @Test
  void negativeRequestSizeIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServerConfig.parse(Map.of("max_request_size", "-5")));
    assertEquals("max_request_size must be at least 1, got: -5", e.getMessage());
  }

  @Test
  void addressMustBeHttpHostPort() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServerConfig.parse(Map.of("inference_address", "127.0.0.1:8080")));
    assertEquals("inference_address must be http://host:port, got: 127.0.0.1:8080", e.getMessage());
  }

  @Test
  void httpsIsNotSupported() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServerConfig.parse(Map.of("management_address", "https://0.0.0.0:8443")));
    assertEquals(
        "management_address must be http://host:port, got: https://0.0.0.0:8443"
            + " (https is not supported)",
        e.getMessage());
  }

  @Test
  void addressWithAPathIsRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ServerConfig.parse(Map.of("inference_address", "http://127.0.0.1:8080/api")));
  }

  @Test
  void portOutOfRangeIsRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ServerConfig.parse(Map.of("inference_address", "http://127.0.0.1:70000")));
  }

  @Test
  void ipv6AddressKeepsItsBracketsInTheUrl() {
    ServerAddress a =
        ServerConfig.parse(Map.of("inference_address", "http://[::1]:8080")).inferenceAddress();
    assertEquals("::1", a.host());
    assertEquals("http://[::1]:8080", a.url());
  }

  @Test
  void badLoadSpecNamesTheKey() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ServerConfig.parse(Map.of("load_models", "a=")));
    assertEquals("load_models: load spec 'a=' has no url after '='", e.getMessage());
  }

  @Test
  void environmentOverridesTheFile() throws IOException {
    Path file = write("batch_size=4\nmax_batch_delay=25\n");
    ServerConfig c =
        ServerConfig.read(file, Map.of("SERVING_BATCH_SIZE", "8", "SERVING_UNRELATED", "x"));
    assertEquals(8, c.modelDefaults().batchSize());
    assertEquals(25, c.modelDefaults().maxBatchDelayMillis());
  }

  @Test
  void unknownKeysAreIgnored() {
    ServerConfig c = ServerConfig.parse(Map.of("cors_allowed_origin", "*", "batch_size", "2"));
    assertEquals(2, c.modelDefaults().batchSize());
  }

  @Test
  void portOverrideMovesBothAddressesWhenTheyAreEqual() {
    ServerConfig c = ServerConfig.builder().optPort(0).build();
    assertEquals(new ServerAddress("127.0.0.1", 0), c.inferenceAddress());
    assertEquals(c.inferenceAddress(), c.managementAddress());
  }

  @Test
  void portOverrideLeavesADistinctManagementAddress() {
    ServerConfig c =
        ServerConfig.builder()
            .optManagementAddress(new ServerAddress("127.0.0.1", 8081))
            .optPort(9000)
            .build();
    assertEquals(new ServerAddress("127.0.0.1", 9000), c.inferenceAddress());
    assertEquals(new ServerAddress("127.0.0.1", 8081), c.managementAddress());
  }
}
