package dev.linr.bench.jmh;

import dev.linr.query.ParsedRequests;
import dev.linr.query.SearchRequestParser;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Parsing one search request body with a 128-d vector, k and a filter, as the server does. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RequestParseBenchmark {
  private SearchRequestParser parser;
  private byte[] body;

  /** A 128-d request body with seeded values written as the shortest float decimals. */
  @Setup
  public void setUp() {
    parser = new SearchRequestParser(SmallArchive.DIM, 10_000, 1024);
    Random random = new Random(7);
    StringBuilder sb = new StringBuilder("{\"vector\":[");
    for (int i = 0; i < SmallArchive.DIM; i++) {
      sb.append(i == 0 ? "" : ",").append((float) random.nextGaussian());
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "],\"k\":10,\"filter\":\"%s\",\"include\":[\"attributes\"]}",
            FilterCompileBenchmark.FILTER.get(0)));
    body = sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** One body parsed into a request. */
  @Benchmark
  public ParsedRequests parse128dRequest() {
    return parser.parse(body);
  }
}
