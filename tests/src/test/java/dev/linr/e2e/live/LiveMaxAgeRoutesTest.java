package dev.linr.e2e.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.e2e.TestCorpus;
import dev.linr.index.BuildResult;
import dev.linr.query.Hit;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A served index's maximum item age, set in its {@code serving.properties} ({@code
 * maxAgeAttribute}, {@code maxAgeSeconds}): upserted items older than the age match no query, and a
 * bad setting refuses the registration with the key named.
 */
class LiveMaxAgeRoutesTest {
  private static final long HOUR = 3600;

  @TempDir Path dir;
  private LiveServer server;
  private BuildResult built;

  @BeforeEach
  void build() throws Exception {
    TestCorpus corpus = new TestCorpus(2);
    long now = Instant.now().getEpochSecond();
    corpus.add(1L, new float[] {1, 0}, Map.of("posted_at", now));
    built = LiveIndexes.build(corpus, dir, Metric.DOT, StorageType.FLOAT32, 8);
    server = LiveServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void setOptions(String... lines) throws Exception {
    Files.writeString(
        built.folder().resolve("serving.properties"),
        "\n" + String.join("\n", lines) + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
  }

  private HttpResponse<String> registerAnswer() {
    return server.post(
        "/models?model_name=idx&url="
            + URLEncoder.encode(built.folder().toUri().toString(), StandardCharsets.UTF_8),
        null,
        "");
  }

  private static String item(long id, float x, long postedAt) {
    return new LiveReference.Row(
            id, new float[] {x, 0}, Map.of("posted_at", postedAt), OptionalLong.empty())
        .json();
  }

  @Test
  void upsertedItemsOlderThanTheMaximumAgeMatchNoQuery() throws Exception {
    setOptions("maxAgeAttribute=posted_at", "maxAgeSeconds=" + HOUR);
    server.register("idx", built.folder());
    long now = Instant.now().getEpochSecond();
    String body =
        String.join(
            "\n", item(2L, 5, now - 2 * HOUR), item(3L, 4, now), item(4L, 3, now - HOUR / 2));

    HttpResponse<String> r = server.post("/indexes/idx/items", "application/x-ndjson", body);

    assertEquals(200, r.statusCode(), r::body);
    List<Object> ids =
        server.search("idx", "{\"vector\": [1, 0], \"k\": 10}").hits().stream()
            .map(Hit::id)
            .toList();
    assertEquals(List.of(3L, 4L, 1L), ids);
  }

  @Test
  void aMaximumAgeThatIsNotAnIntegerRefusesTheRegistrationNamingTheKey() throws Exception {
    setOptions("maxAgeAttribute=posted_at", "maxAgeSeconds=soon");

    HttpResponse<String> r = registerAnswer();

    assertEquals(400, r.statusCode(), r::body);
    assertTrue(r.body().contains("maxAgeSeconds"), r.body());
  }

  @Test
  void aMaximumAgeOnAMissingAttributeRefusesTheRegistrationNamingIt() throws Exception {
    setOptions("maxAgeAttribute=born_at", "maxAgeSeconds=60");

    HttpResponse<String> r = registerAnswer();

    assertEquals(400, r.statusCode(), r::body);
    assertTrue(r.body().contains("born_at"), r.body());
  }
}
