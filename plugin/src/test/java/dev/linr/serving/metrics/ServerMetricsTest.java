package dev.linr.serving.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerMetricsTest {
  @TempDir Path dir;

  private ServerMetrics metrics() throws IOException {
    Path status = dir.resolve("status");
    Files.writeString(
        status, "Name:\tjava\nVmPeak:\t  9999 kB\nVmRSS:\t    1234 kB\n", StandardCharsets.UTF_8);
    return new ServerMetrics(status);
  }

  /** The lines of one metric family: its HELP, TYPE and samples. */
  private static List<String> family(String rendered, String name) {
    return Arrays.stream(rendered.split("\n"))
        .filter(
            l ->
                l.startsWith("# HELP " + name + " ")
                    || l.startsWith("# TYPE " + name + " ")
                    || l.startsWith(name + "{")
                    || l.startsWith(name + "_bucket{")
                    || l.startsWith(name + "_sum{")
                    || l.startsWith(name + "_count{")
                    || l.startsWith(name + " "))
        .collect(Collectors.toList());
  }

  @Test
  void requestsAreCountedByModelAndCodeWithErrorsApart() throws IOException {
    ServerMetrics m = metrics();
    m.requestFinished("posts", 200, 1_000_000);
    m.requestFinished("posts", 200, 2_000_000);
    m.requestFinished("posts", 404, 3_000_000);
    m.requestFinished("", 503, 4_000_000);
    String r = m.render();
    assertEquals(
        List.of(
            "# HELP linr_requests_total HTTP requests by model and status code.",
            "# TYPE linr_requests_total counter",
            "linr_requests_total{model=\"\",code=\"503\"} 1",
            "linr_requests_total{model=\"posts\",code=\"200\"} 2",
            "linr_requests_total{model=\"posts\",code=\"404\"} 1"),
        family(r, "linr_requests_total"));
    assertEquals(
        List.of(
            "# HELP linr_request_errors_total HTTP requests answered with a status of 400 or more.",
            "# TYPE linr_request_errors_total counter",
            "linr_request_errors_total{model=\"\"} 1",
            "linr_request_errors_total{model=\"posts\"} 1"),
        family(r, "linr_request_errors_total"));
  }

  @Test
  void requestLatencyIsAHistogramInSecondsFromHalfAMillisecondToTenSeconds() throws IOException {
    ServerMetrics m = metrics();
    m.requestFinished("posts", 200, 500_000); // 0.5 ms: on the first bound
    m.requestFinished("posts", 200, 1_500_000); // 1.5 ms
    m.requestFinished("posts", 200, 300_000_000); // 0.3 s
    m.requestFinished("posts", 200, 11_000_000_000L); // 11 s: past the last bound
    assertEquals(
        List.of(
            "# HELP linr_request_latency_seconds Time from request received to response written.",
            "# TYPE linr_request_latency_seconds histogram",
            "linr_request_latency_seconds_bucket{model=\"posts\",le=\"0.0005\"} 1",
            "linr_request_latency_seconds_bucket{model=\"posts\",le=\"0.001\"} 1",
            "linr_request_latency_seconds_bucket{model=\"posts\",le=\"0.0025\"} 2",
            "linr_request_latency_seconds_bucket{model=\"posts\",le=\"0.005\"} 2",
            "linr_request_latency_seconds_bucket{model=\"posts\",le=\"0.01\"} 2",
            "linr_request_latency_seconds_bucket{model=\"posts\",le=\"0.025\"} 2",
            "linr_request_latency_seconds_bucket{model=\"posts\",le=\"0.05\"} 2",
            "linr_request_latency_seconds_bucket{model=\"posts\",le=\"0.1\"} 2",
            "linr_request_latency_seconds_bucket{model=\"posts\",le=\"0.25\"} 2",
            "linr_request_latency_seconds_bucket{model=\"posts\",le=\"0.5\"} 3",
            "linr_request_latency_seconds_bucket{model=\"posts\",le=\"1\"} 3",
            "linr_request_latency_seconds_bucket{model=\"posts\",le=\"2.5\"} 3",
            "linr_request_latency_seconds_bucket{model=\"posts\",le=\"5\"} 3",
            "linr_request_latency_seconds_bucket{model=\"posts\",le=\"10\"} 3",
            "linr_request_latency_seconds_bucket{model=\"posts\",le=\"+Inf\"} 4",
            "linr_request_latency_seconds_sum{model=\"posts\"} 11.302",
            "linr_request_latency_seconds_count{model=\"posts\"} 4"),
        family(m.render(), "linr_request_latency_seconds"));
  }

  @Test
  void batchSizesAndLatenciesAreHistogramsPerModel() throws IOException {
    ServerMetrics m = metrics();
    m.batchRan("posts", 1, 2_000_000);
    m.batchRan("posts", 3, 2_000_000);
    m.batchRan("posts", 8, 4_000_000);
    m.batchRan("posts", 2000, 4_000_000);
    assertEquals(
        List.of(
            "# HELP linr_batch_size Jobs per batch run by a model's worker.",
            "# TYPE linr_batch_size histogram",
            "linr_batch_size_bucket{model=\"posts\",le=\"1\"} 1",
            "linr_batch_size_bucket{model=\"posts\",le=\"2\"} 1",
            "linr_batch_size_bucket{model=\"posts\",le=\"4\"} 2",
            "linr_batch_size_bucket{model=\"posts\",le=\"8\"} 3",
            "linr_batch_size_bucket{model=\"posts\",le=\"16\"} 3",
            "linr_batch_size_bucket{model=\"posts\",le=\"32\"} 3",
            "linr_batch_size_bucket{model=\"posts\",le=\"64\"} 3",
            "linr_batch_size_bucket{model=\"posts\",le=\"128\"} 3",
            "linr_batch_size_bucket{model=\"posts\",le=\"256\"} 3",
            "linr_batch_size_bucket{model=\"posts\",le=\"512\"} 3",
            "linr_batch_size_bucket{model=\"posts\",le=\"1024\"} 3",
            "linr_batch_size_bucket{model=\"posts\",le=\"+Inf\"} 4",
            "linr_batch_size_sum{model=\"posts\"} 2012",
            "linr_batch_size_count{model=\"posts\"} 4"),
        family(m.render(), "linr_batch_size"));
    List<String> latency = family(m.render(), "linr_batch_latency_seconds");
    assertTrue(latency.contains("# TYPE linr_batch_latency_seconds histogram"), latency.toString());
    assertTrue(
        latency.contains("linr_batch_latency_seconds_bucket{model=\"posts\",le=\"0.0025\"} 2"),
        latency.toString());
    assertTrue(
        latency.contains("linr_batch_latency_seconds_bucket{model=\"posts\",le=\"0.005\"} 4"),
        latency.toString());
    assertTrue(
        latency.contains("linr_batch_latency_seconds_sum{model=\"posts\"} 0.012"),
        latency.toString());
    assertEquals(4, m.batches("posts"));
  }

  @Test
  void trackedModelsPublishGaugesUntilUntracked() throws IOException {
    ServerMetrics m = metrics();
    m.trackModel("posts", "2", () -> 5, () -> 3, () -> 120);
    m.trackModel("ranker", null, () -> 0, () -> 1, () -> -1);
    String r = m.render();
    assertEquals(
        List.of(
            "# HELP linr_queue_depth Jobs waiting in a model's queue.",
            "# TYPE linr_queue_depth gauge",
            "linr_queue_depth{model=\"posts\",version=\"2\"} 5",
            "linr_queue_depth{model=\"ranker\",version=\"\"} 0"),
        family(r, "linr_queue_depth"));
    assertEquals(
        List.of(
            "# HELP linr_workers Workers serving a model.",
            "# TYPE linr_workers gauge",
            "linr_workers{model=\"posts\",version=\"2\"} 3",
            "linr_workers{model=\"ranker\",version=\"\"} 1"),
        family(r, "linr_workers"));
    assertEquals(
        List.of(
            "# HELP linr_index_items Items in an index model.",
            "# TYPE linr_index_items gauge",
            "linr_index_items{model=\"posts\",version=\"2\"} 120"),
        family(r, "linr_index_items"));
    m.untrackModel("posts", "2");
    assertFalse(m.render().contains("model=\"posts\""));
  }

  @Test
  void labelValuesAreEscaped() throws IOException {
    ServerMetrics m = metrics();
    m.requestFinished("a\"b\\c\nd", 200, 1);
    assertTrue(
        m.render().contains("linr_requests_total{model=\"a\\\"b\\\\c\\nd\",code=\"200\"} 1\n"),
        m.render());
  }

  @Test
  void memoryGaugesCoverHeapNonHeapAndResidentMemory() throws IOException {
    String r = metrics().render();
    List<String> jvm = family(r, "linr_jvm_memory_bytes");
    assertEquals("# TYPE linr_jvm_memory_bytes gauge", jvm.get(1));
    assertTrue(
        jvm.get(2).matches("linr_jvm_memory_bytes\\{area=\"heap\"} [1-9][0-9]*"), jvm.get(2));
    assertTrue(
        jvm.get(3).matches("linr_jvm_memory_bytes\\{area=\"nonheap\"} [1-9][0-9]*"), jvm.get(3));
    assertEquals(
        List.of(
            "# HELP linr_process_resident_memory_bytes Resident memory of the server process (VmRSS).",
            "# TYPE linr_process_resident_memory_bytes gauge",
            "linr_process_resident_memory_bytes 1263616"),
        family(r, "linr_process_resident_memory_bytes"));
  }

  @Test
  void residentMemoryIsLeftOutWithoutAStatusFile() {
    String r = new ServerMetrics(dir.resolve("absent")).render();
    assertFalse(r.contains("linr_process_resident_memory_bytes"), r);
  }

  @Test
  void everySampleFollowsItsFamilysHelpAndTypeLines() throws IOException {
    ServerMetrics m = metrics();
    m.requestFinished("posts", 200, 1);
    m.batchRan("posts", 1, 1);
    m.trackModel("posts", null, () -> 0, () -> 1, () -> 7);
    String current = null;
    for (String line : m.render().split("\n")) {
      if (line.startsWith("# HELP ")) {
        current = line.split(" ")[2];
      } else if (line.startsWith("# TYPE ")) {
        assertEquals(current, line.split(" ")[2]);
      } else {
        assertTrue(line.startsWith(current), line + " outside the family " + current);
      }
    }
  }
}
