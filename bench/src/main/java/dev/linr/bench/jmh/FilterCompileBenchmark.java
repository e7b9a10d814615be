package dev.linr.bench.jmh;

import dev.linr.translate.CompiledFilters;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Parsing, validating and compiling a typical filter ({@link CompiledFilters#compile}), as every
 * filtered query does before its forward pass.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FilterCompileBenchmark {
  static final List<String> FILTER =
      List.of("geo IN ('g1', 'g2', 'g3') AND posted_at >= 1764003000 AND NOT nsfw = true");

  private SmallArchive archive;

  /** Builds the small archive the filter is compiled against. */
  @Setup
  public void setUp() throws Exception {
    archive = new SmallArchive();
  }

  /** Deletes the archive. */
  @TearDown
  public void tearDown() throws Exception {
    archive.close();
  }

  /** One filter, parsed, validated and compiled to the model's program. */
  @Benchmark
  public CompiledFilters compileTypicalFilter() {
    return CompiledFilters.compile(archive.context(), FILTER);
  }
}
