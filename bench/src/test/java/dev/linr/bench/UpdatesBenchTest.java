package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The updates benchmark end to end at a small size: one run, checked from several sides. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpdatesBenchTest {
  private static final int ITEMS = 2000;
  private static final int RESTART_UPDATES = 400;

  private Path results;
  private JsonObject out;

  @BeforeAll
  void runTheScenario(@TempDir Path dir) throws Exception {
    results = dir;
    out =
        UpdatesBench.runAndWrite(
            UpdatesBench.Options.parse(
                new String[] {
                  "--items", Integer.toString(ITEMS),
                  "--dim", "16",
                  "--duration", "2",
                  "--warmup", "1",
                  "--rates", "0,400",
                  "--batch", "20",
                  "--concurrency", "2",
                  "--updaters", "2",
                  "--senders", "2",
                  "--restart-updates", Integer.toString(RESTART_UPDATES),
                  "--queries", "16",
                  "--results", results.toString()
                }));
  }

  @Test
  void theRunWritesJsonMarkdownAndChart() throws Exception {
    for (String ext : new String[] {"json", "md", "png"}) {
      Path file = results.resolve("updates-" + ITEMS + "-16." + ext);
      assertTrue(Files.size(file) > 0, file + " is empty or missing");
    }
    String md = Files.readString(results.resolve("updates-" + ITEMS + "-16.md"));
    assertTrue(md.contains("| 400 |"), md);
    assertTrue(md.contains("| max (2 updaters) |"), md);
    assertTrue(md.contains("restart: snapshot + log"), md);
  }

  @Test
  void everyUpdateLoadHasItsCellWithUpdatesApplied() {
    assertEquals(3, out.getAsJsonArray("cells").size());
    for (JsonElement e : out.getAsJsonArray("cells")) {
      JsonObject c = e.getAsJsonObject();
      if (c.has("updates")) {
        assertTrue(c.getAsJsonObject("updates").get("requests").getAsLong() > 0, c.toString());
        assertTrue(c.get("achieved_updates_per_s").getAsDouble() > 0, c.toString());
      }
    }
    assertTrue(out.getAsJsonObject("updates").get("new_items").getAsLong() > 0);
  }

  @Test
  void sampledQueryAnswersDuringUpdatesAgreeWithTheIndexAsBuilt() {
    for (JsonElement e : out.getAsJsonArray("cells")) {
      JsonObject answers =
          e.getAsJsonObject().getAsJsonObject("queries").getAsJsonObject("answers");
      assertTrue(answers.get("checked").getAsLong() > 0, answers.toString());
      assertEquals(answers.get("checked"), answers.get("agreed"), answers.toString());
    }
    assertNull(UpdatesReport.disagreement(out));
  }

  @Test
  void theServedItemCountIsWhatTheUpdatesImply() {
    JsonObject u = out.getAsJsonObject("updates");
    long expected = ITEMS + u.get("new_items").getAsLong() - u.get("deleted").getAsLong();
    assertEquals(expected, out.getAsJsonObject("status_after_runs").get("items").getAsLong());
  }

  @Test
  void aRestartedServerRecoversEveryUpdateOfTheCells() {
    JsonObject served = out.getAsJsonObject("server_restart");
    assertEquals(
        out.getAsJsonObject("status_after_runs").get("items"),
        served.getAsJsonObject("status").get("items"));
    assertEquals(
        out.getAsJsonObject("updates").get("requests").getAsLong(),
        served.getAsJsonObject("status").get("logPosition").getAsLong());
    JsonObject answers = served.getAsJsonObject("answers");
    assertEquals(ServeBench.SAMPLES, answers.get("checked").getAsLong(), served.toString());
    assertEquals(answers.get("checked"), answers.get("agreed"), served.toString());
  }

  @Test
  void restartsRecoverTheSnapshotAndTheLoggedUpdates() {
    JsonObject r = out.getAsJsonObject("restart");
    assertTrue(r.get("log_item_updates").getAsLong() >= RESTART_UPDATES, r.toString());
    assertEquals(r.get("log_requests").getAsLong(), r.get("log_records").getAsLong(), r.toString());
    JsonObject answers = r.getAsJsonObject("answers");
    assertEquals(3 * ServeBench.SAMPLES, answers.get("checked").getAsLong(), r.toString());
    assertEquals(answers.get("checked"), answers.get("agreed"), r.toString());
  }
}
