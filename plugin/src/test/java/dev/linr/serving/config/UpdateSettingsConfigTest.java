package dev.linr.serving.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.linr.serving.updates.KafkaSettings;
import dev.linr.serving.updates.UpdateSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The item update keys of {@code config.properties}: defaults, values and strict parsing. */
class UpdateSettingsConfigTest {
  @Test
  void updatesAreInMemoryByDefault() {
    UpdateSettings s = ServerConfig.defaults().updateSettings();
    assertEquals(new UpdateSettings(null, 300, 60, 0), s);
    assertEquals(false, s.durable());
  }

  @Test
  void updateKeysAreRead() {
    UpdateSettings s =
        ServerConfig.parse(
                Map.of(
                    "index_data_dir", " /var/lib/linr ",
                    "snapshot_interval_seconds", "0",
                    "expiry_sweep_seconds", "5",
                    "snapshot_every_updates", "1000"))
            .updateSettings();
    assertEquals(new UpdateSettings(Path.of("/var/lib/linr"), 0, 5, 1000), s);
    assertEquals(true, s.durable());
  }

  @Test
  void noChangeStreamIsReadByDefault() {
    assertEquals(KafkaSettings.OFF, ServerConfig.defaults().updateSettings().kafka());
    assertEquals(false, KafkaSettings.OFF.enabled());
  }

  @Test
  void kafkaKeysAreReadWhateverTheirOrder() {
    UpdateSettings s =
        ServerConfig.parse(
                Map.of(
                    "kafka_bootstrap_servers", " k1:9092, k2:9093 ",
                    "kafka_topic_prefix", "items.",
                    "kafka_max_poll_records", "50",
                    "index_data_dir", "/data",
                    "snapshot_every_updates", "7"))
            .updateSettings();
    assertEquals(new KafkaSettings("k1:9092, k2:9093", "items.", 50), s.kafka());
    assertEquals(Path.of("/data"), s.dataDir());
    assertEquals(7, s.snapshotEveryUpdates());
    assertEquals("items.posts", s.kafka().topic("posts"));
  }

  @Test
  void aBadKafkaValueIsRefusedNamingTheKey() {
    for (Map.Entry<String, String> bad :
        Map.of(
                "kafka_bootstrap_servers", "localhost",
                "kafka_topic_prefix", "items/",
                "kafka_max_poll_records", "1.7")
            .entrySet()) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> ServerConfig.parse(Map.ofEntries(bad)));
      assertEquals(true, e.getMessage().contains(bad.getKey()), e.getMessage());
    }
  }

  @Test
  void aModelNameThatMakesNoTopicNameIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new KafkaSettings("k:1", "items-").topic("pösts"));
    assertEquals(true, e.getMessage().contains("pösts"), e.getMessage());
  }

  @Test
  void anEmptyDataDirMeansInMemory() {
    assertEquals(
        UpdateSettings.DEFAULTS, ServerConfig.parse(Map.of("index_data_dir", "")).updateSettings());
  }

  @Test
  void aFractionalIntervalIsRefusedNamingTheKey() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServerConfig.parse(Map.of("snapshot_interval_seconds", "1.7")));
    assertEquals(true, e.getMessage().contains("snapshot_interval_seconds"), e.getMessage());
  }

  @Test
  void aNegativeSweepIntervalIsRefusedNamingTheKey() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServerConfig.parse(Map.of("expiry_sweep_seconds", "-1")));
    assertEquals(true, e.getMessage().contains("expiry_sweep_seconds"), e.getMessage());
  }

  @Test
  void growthKeysAreRead() {
    UpdateSettings s =
        ServerConfig.parse(Map.of("index_growth_factor", "1.5", "index_max_capacity", "100000"))
            .updateSettings();
    assertEquals(new UpdateSettings(null, 300, 60, 0, 1.5, 100_000, KafkaSettings.OFF), s);
    assertEquals(100_000, s.maxCapacitySlots());
  }

  @Test
  void growthIsOnWithoutALimitByDefault() {
    UpdateSettings s = ServerConfig.defaults().updateSettings();
    assertEquals(2.0, s.growthFactor());
    assertEquals(Integer.MAX_VALUE, s.maxCapacitySlots());
  }

  @Test
  void aGrowthFactorBelowOneIsRefusedNamingTheKey() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServerConfig.parse(Map.of("index_growth_factor", "0.5")));
    assertEquals("index_growth_factor must be at least 1.0, got: 0.5", e.getMessage());
  }

  @Test
  void aGrowthFactorThatIsNotAPlainDecimalIsRefusedNamingTheKey() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServerConfig.parse(Map.of("index_growth_factor", "1e3")));
    assertEquals("index_growth_factor must be a decimal number, got: 1e3", e.getMessage());
  }

  @Test
  void aFractionalMaxCapacityIsRefusedNamingTheKey() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServerConfig.parse(Map.of("index_max_capacity", "1.7")));
    assertEquals("index_max_capacity must be an integer, got: 1.7", e.getMessage());
  }

  @Test
  void eachModelVersionHasItsOwnDataFolder() {
    UpdateSettings s = new UpdateSettings(Path.of("data"), 300, 60);
    assertEquals(Path.of("data", "posts"), s.dataFolder("posts", null));
    assertEquals(Path.of("data", "posts", "2"), s.dataFolder("posts", " 2 "));
  }

  @Test
  void aModelNameThatLeavesTheDataDirIsRefused() {
    UpdateSettings s = new UpdateSettings(Path.of("data"), 300, 60);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> s.dataFolder("..", null));
    assertEquals(
        "model name '..' cannot name a folder under index_data_dir: it must be a plain folder name",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> s.dataFolder("posts", "../x"));
  }
}
