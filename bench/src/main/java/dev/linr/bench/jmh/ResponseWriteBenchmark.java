package dev.linr.bench.jmh;

import dev.linr.query.Hit;
import dev.linr.query.SearchResponse;
import dev.linr.query.SearchResponseWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Writing the JSON body of a response with 100 hits (ids, scores and three attributes). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ResponseWriteBenchmark {
  private final SearchResponseWriter writer = new SearchResponseWriter();
  private List<SearchResponse> responses;

  /** 100 hits with descending scores and attributes. */
  @Setup
  public void setUp() {
    List<Hit> hits = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Map<String, Object> attributes =
          Map.of("geo", "g" + (i % 20), "posted_at", 1_764_000_000L + i, "nsfw", i % 7 == 0);
      hits.add(new Hit((long) (i + 1), 0.99f - i * 0.001f, attributes));
    }
    responses =
        List.of(
            SearchResponse.builder()
                .setHits(hits)
                .setMatched(5000)
                .optAttributesIncluded(true)
                .build());
  }

  /** One response body as bytes. */
  @Benchmark
  public byte[] write100Hits() {
    return writer.writeBytes(responses, false);
  }
}
