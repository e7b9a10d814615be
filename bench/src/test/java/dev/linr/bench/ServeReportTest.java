package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class ServeReportTest {
  private static JsonObject run(long directAgreed, long feedAgreed) {
    return JsonParser.parseString(
            "{\"index\": [{\"batch_size\": 32, \"concurrency\": 8,"
                + " \"http\": {\"answers\": {\"checked\": 4, \"agreed\": 4}},"
                + " \"direct\": {\"answers\": {\"checked\": 4, \"agreed\": "
                + directAgreed
                + ", \"first_mismatch\": \"query 2: hit 0 is id 3, expected 7\"}}}],"
                + " \"feed_vs_fused_answers\": {\"checked\": 16, \"agreed\": "
                + feedAgreed
                + ", \"first_mismatch\": \"query 1: hit 4 is id 8, expected 9\"}}")
        .getAsJsonObject();
  }

  @Test
  void aRunWhoseSampledAnswersAllAgreeHasNoDisagreement() {
    assertNull(ServeReport.disagreement(run(4, 16)));
  }

  @Test
  void aDisagreeingIndexAnswerIsNamedWithItsSideBatchAndConcurrency() {
    assertEquals(
        "direct, batch_size 32, concurrency 8: 1 of 4 disagree, first query 2: hit 0 is id 3,"
            + " expected 7",
        ServeReport.disagreement(run(3, 16)));
  }

  @Test
  void aWorkflowAnswerDifferentFromTheFusedModelsIsADisagreement() {
    assertEquals(
        "workflow against fused model: 1 of 16 disagree, first query 1: hit 4 is id 8, expected 9",
        ServeReport.disagreement(run(4, 15)));
  }
}
