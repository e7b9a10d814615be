package dev.linr.serving.wlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.linr.serving.BadRequestException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsParserTest {
  private static final String SOURCE = "serving.properties of model m";

  @Test
  void absentKeysKeepTheBase() {
    ModelSettings base = new ModelSettings(4, 10, 50, 7, 0, 3, "cpu");
    assertEquals(base, SettingsParser.apply(base, Map.of("topK", "5"), "cpu", SOURCE));
  }

  @Test
  void maxWorkersLeftToTheDeviceFollowDjlServing() {
    int cores = Runtime.getRuntime().availableProcessors();
    ModelSettings cpu = SettingsParser.apply(ModelSettings.DEFAULTS, Map.of(), "cpu", SOURCE);
    assertEquals(new ModelSettings(1, 100, 1000, 60, 1, cores, "cpu"), cpu);
    assertEquals(
        2, SettingsParser.apply(ModelSettings.DEFAULTS, Map.of(), "gpu", SOURCE).maxWorkers());
    ModelSettings many =
        SettingsParser.apply(
            ModelSettings.DEFAULTS, Map.of("minWorkers", "" + (cores + 3)), "cpu", SOURCE);
    assertEquals(cores + 3, many.minWorkers());
    assertEquals(cores + 3, many.maxWorkers());
    ModelSettings set =
        SettingsParser.apply(ModelSettings.DEFAULTS, Map.of("gpu.maxWorkers", "5"), "gpu", SOURCE);
    assertEquals(5, set.maxWorkers());
  }

  @Test
  void everyServerKeyIsApplied() {
    ModelSettings s =
        SettingsParser.apply(
            ModelSettings.DEFAULTS,
            Map.of(
                "batch_size", "32",
                "max_batch_delay", "0",
                "job_queue_size", "7",
                "max_idle_time", "5",
                "minWorkers", "2",
                "maxWorkers", "4",
                "load_on_devices", " gpu0;gpu1 "),
            "cpu",
            SOURCE);
    assertEquals(new ModelSettings(32, 0, 7, 5, 2, 4, "gpu0;gpu1"), s);
  }

  @Test
  void deviceTypePrefixWinsOverThePlainWorkerKeys() {
    Map<String, String> keys =
        Map.of(
            "minWorkers", "1",
            "maxWorkers", "8",
            "cpu.minWorkers", "2",
            "cpu.maxWorkers", "3",
            "gpu.maxWorkers", "6");
    ModelSettings cpu = SettingsParser.apply(ModelSettings.DEFAULTS, keys, "cpu", SOURCE);
    assertEquals(2, cpu.minWorkers());
    assertEquals(3, cpu.maxWorkers());
    ModelSettings gpu = SettingsParser.apply(ModelSettings.DEFAULTS, keys, "gpu", SOURCE);
    assertEquals(1, gpu.minWorkers());
    assertEquals(6, gpu.maxWorkers());
  }

  @Test
  void fractionIsNotAnInteger() {
    BadRequestException e =
        assertThrows(
            BadRequestException.class,
            () ->
                SettingsParser.apply(
                    ModelSettings.DEFAULTS, Map.of("max_batch_delay", "1.7"), "cpu", SOURCE));
    assertEquals(
        "max_batch_delay in serving.properties of model m must be an integer, got: '1.7'",
        e.getMessage());
  }

  @Test
  void wordAndBlankAreNotIntegers() {
    for (String bad : new String[] {"ten", "", "0x10", "99999999999"}) {
      BadRequestException e =
          assertThrows(
              BadRequestException.class,
              () ->
                  SettingsParser.apply(
                      ModelSettings.DEFAULTS, Map.of("job_queue_size", bad), "cpu", SOURCE));
      assertEquals(
          "job_queue_size in serving.properties of model m must be an integer, got: '" + bad + "'",
          e.getMessage());
    }
  }

  @Test
  void batchSizeBelowOneIsRejected() {
    BadRequestException e =
        assertThrows(
            BadRequestException.class,
            () ->
                SettingsParser.apply(
                    ModelSettings.DEFAULTS, Map.of("batch_size", "0"), "cpu", SOURCE));
    assertEquals(
        "batch_size in serving.properties of model m must be at least 1, got: 0", e.getMessage());
  }

  @Test
  void minimumAboveMaximumIsRejected() {
    BadRequestException e =
        assertThrows(
            BadRequestException.class,
            () ->
                SettingsParser.apply(
                    ModelSettings.DEFAULTS,
                    Map.of("minWorkers", "3", "maxWorkers", "2"),
                    "cpu",
                    SOURCE));
    assertEquals(
        "minWorkers (3) in serving.properties of model m must not exceed maxWorkers (2)",
        e.getMessage());
  }
}
