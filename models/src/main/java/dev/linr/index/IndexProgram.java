package dev.linr.index;

import dev.linr.schema.Metric;
import dev.linr.torchscript.TensorDType;
import dev.linr.torchscript.TorchScriptArchiveWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Generates the TorchScript source of the index model from a layout.
 *
 * <p>The program ({@code index_model.ts}, in TorchScript's serialized dialect so that Java can
 * write it straight into the archive) has one method per concern, so new storage forms and
 * similarity functions replace one method rather than the whole program:
 *
 * <ul>
 *   <li>{@code forward(queries [B, d] float32, k [1] int64, filter_ops [P, 5] int64, filter_ints
 *       int64, filter_floats float64, allow bool [B or 1, capacity] or empty, options float64 [2 to
 *       4])} returns {@code (scores [B, k'] float32, slots [B, k'] int64, ids [B, k'] int64,
 *       matched [B] int64, path [1] int64)}, with {@code k' = min(k, hwm)}. Row b holds {@code
 *       min(k, matched[b])} valid hits; the rest is padding. With a work limit ({@code options[3]},
 *       format version 3 on) a call over it declines: path {@link #DECLINED}, no hits ({@code
 *       small_limit});
 *   <li>{@code filter_masks}: runs each query's compiled filter program (see {@link FilterOpcodes})
 *       over the attribute columns, one generated method per column ({@link ColumnProgram}); a
 *       program that repeats the previous query's reuses its mask, and a batch sharing one filter
 *       ({@code one_program}, found by whole-tensor comparisons) reads it once and keeps a single
 *       mask row;
 *   <li>{@code reindex}, {@code search_indexed}, {@code indexed_operands}, {@code narrow_pairs},
 *       {@code search_indexed_together}: the attribute index ({@link AttributeIndexProgram}) and
 *       the indexed path: each query's top-level indexed operands found by binary search, the
 *       fewest slots narrowed by the others, the whole filter run on those candidates alone;
 *   <li>{@code use_compact}, {@code search_masked}, {@code search_compact}: the planner and the two
 *       scan paths (score all and mask, or gather the union of the batch's passing rows once and
 *       score the batch against those);
 *   <li>{@code two_level}, {@code block_maxima}, {@code block_columns}: exact top-k of a whole
 *       score matrix in two levels (block maxima, the k best blocks, the k best rows among them,
 *       widened to every block reaching the k-th score when ties spill over): the masked path of an
 *       index that fits one chunk (every index on a GPU), and on a GPU every batch of 8 or more;
 *   <li>{@code search_blocks}, {@code candidate_columns}: the same on CPU for larger indexes, chunk
 *       by chunk, with a bound that proves the answer exact or sends the batch to the full scan;
 *   <li>{@code prepare_queries}: metric-specific query transform (cosine normalises);
 *   <li>{@code score}, {@code raw_scores}, {@code norms_prefix}, {@code norms_at}: metric-specific
 *       scores of a block of rows (raw: a half-precision index's dot products stay half on a GPU);
 *   <li>{@code dot}: the storage-specific matrix product (on CPU: row-major {@code e @ q^T} for
 *       batches up to 64 queries, one query's rows cut into parts multiplied as one batch ({@code
 *       one_query_dot}), and half types widened chunk by chunk);
 *   <li>{@code select}, {@code top_k}, {@code settle}, {@code boundary_ties}, {@code order_hits}:
 *       exact top-k with the tie rule (higher score first, then lower slot), ties at the k-th score
 *       settled for all tied rows at once;
 *   <li>{@code isin}, {@code lookup}: membership in a value list (comparisons for up to 8 values, a
 *       table over the values' span for more integers, else {@code torch.isin});
 *   <li>{@code live_rows}: the alive slots not expired at the query time ({@code options[2]}, epoch
 *       seconds, when given); {@code count_matches}: a search without a filter, allow mask or
 *       expiry check takes its matches from the kept count of dead rows (the {@code dead_rows}
 *       attribute, see {@link #addAttributes}), others count their mask;
 *   <li>{@code write_rows(slots, rows)} and {@code set_alive(slots, flags, hwm)}: in-place live
 *       updates of the buffers (see {@link IndexLayout#rowBuffers()}); {@code set_alive} keeps
 *       {@code dead_rows}.
 * </ul>
 *
 * <p>{@link #source(IndexLayout, ProgramStage)} extends the program with a further stage (a model
 * that ranks what it retrieves): the search entry point above is then emitted as the method {@value
 * #SEARCH_METHOD}, unchanged but for its name, and the stage supplies {@code forward}.
 */
public final class IndexProgram {
  /** The position of {@code filter_ops} among {@code forward}'s inputs. */
  public static final int FILTER_OPS_INPUT = 2;

  /** The position of {@code allow} among {@code forward}'s inputs. */
  public static final int ALLOW_INPUT = 5;

  /** The position of {@code options} among {@code forward}'s inputs. */
  public static final int OPTIONS_INPUT = 6;

  /** The position of {@code path} among {@code forward}'s outputs. */
  public static final int PATH_OUTPUT = 4;

  /** The {@code path} of a call that declined its work (see {@code small_limit}). */
  public static final long DECLINED = -1;

  /** The TorchScript class name; the module is {@code __torch__.IndexModel}. */
  public static final String CLASS_NAME = "IndexModel";

  /** The name of the search entry point in a program extended by a {@link ProgramStage}. */
  public static final String SEARCH_METHOD = "search";

  /**
   * Rows widened per step when scoring half-precision storage on CPU; the two-level search's chunks
   * hold about 32 times as many scores.
   */
  public static final int DEFAULT_CHUNK_ROWS = 65_536;

  /**
   * One query's CPU product ({@code parts_dot}) cuts its rows into at most this many parts of equal
   * size, multiplied as one batch.
   */
  public static final int MAX_QUERY_PARTS = 64;

  /** ... each part of at least this many rows (fewer rows: fewer parts, down to one). */
  public static final int MIN_PART_ROWS = 1024;

  /**
   * Adds the index module's int attributes (declared in the program's class header): the format
   * version, {@code chunk_rows} ({@link #DEFAULT_CHUNK_ROWS}), and {@code dead_rows}, the slots
   * below the high-water mark that are not alive: none in a built archive, whose slots below the
   * mark each hold an item ({@code reindex} counts them again when the model is loaded, and {@code
   * set_alive} keeps the count).
   */
  public static void addAttributes(TorchScriptArchiveWriter writer) {
    writer.addInt("format_version", FormatVersion.CURRENT);
    writer.addInt("chunk_rows", DEFAULT_CHUNK_ROWS);
    writer.addInt("dead_rows", 0);
  }

  private static final String TEMPLATE = loadTemplate();

  private static final String NO_NORMS =
      "    return torch.zeros([0], dtype=6, device=self.alive.device)";

  private IndexProgram() {}

  /** The full class source for the layout. */
  public static String source(IndexLayout layout) {
    return render(layout, layout.buffers(), "forward");
  }

  /**
   * The class source for the layout extended by {@code stage}: class {@link
   * ProgramStage#className()}, the index buffers followed by the stage's, the search entry point
   * named {@value #SEARCH_METHOD}, and the stage's methods after the index's.
   *
   * @throws IllegalArgumentException if a stage buffer reuses an index buffer's name or the stage
   *     defines no {@code forward}
   */
  public static String source(IndexLayout layout, ProgramStage stage) {
    List<BufferSpec> buffers = new ArrayList<>(layout.buffers());
    Set<String> names = new HashSet<>();
    buffers.forEach(b -> names.add(b.name()));
    for (BufferSpec b : stage.buffers()) {
      if (!names.add(b.name())) {
        throw new IllegalArgumentException(
            "stage buffer '" + b.name() + "' clashes with a buffer of the index");
      }
      buffers.add(b);
    }
    String className = stage.className();
    if (className == null || !className.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("invalid stage class name '" + className + "'");
    }
    String methods = stage.methods();
    if (!methods.contains("  def forward(self: __torch__." + className + ",")) {
      throw new IllegalArgumentException("the stage defines no forward of class " + className);
    }
    String index =
        render(layout, buffers, SEARCH_METHOD)
            .replace("class " + CLASS_NAME + "(Module):", "class " + className + "(Module):")
            .replace("__torch__." + CLASS_NAME, "__torch__." + className);
    return index + methods + (methods.endsWith("\n") ? "" : "\n");
  }

  private static String render(IndexLayout layout, List<BufferSpec> buffers, String searchMethod) {
    Map<String, String> parts =
        new HashMap<>(
            Map.of(
                "SEARCH_METHOD",
                searchMethod,
                "BUFFER_NAMES",
                buffers.stream().map(b -> "\"" + b.name() + "\", ").collect(Collectors.joining()),
                "BUFFER_DECLARATIONS",
                buffers.stream().map(BufferSpec::declaration).collect(Collectors.joining("\n")),
                "PREPARE_QUERIES",
                prepareQueries(layout.schema().metric()),
                "SCORE",
                score(layout.schema().metric()),
                "NORMS_PREFIX",
                layout.schema().metric() == Metric.L2 ? "    return self.sqnorm[:n]" : NO_NORMS,
                "NORMS_AT",
                layout.schema().metric() == Metric.L2
                    ? "    return torch.index_select(self.sqnorm, 0, rows)"
                    : NO_NORMS,
                "PREDICATE_DISPATCH",
                ColumnProgram.dispatch(layout.columns()),
                "COLUMN_METHODS",
                layout.columns().stream()
                    .map(ColumnProgram::method)
                    .collect(Collectors.joining("\n")),
                "WRITE_ROWS",
                writeRows(layout)));
    parts.put("RAW_SCORES", rawScores(layout.schema().metric()));
    parts.put("PAIR_SCORE", pairScore(layout.schema().metric()));
    parts.put("INDEX_OF", AttributeIndexProgram.indexOf(layout.columns()));
    parts.put("REINDEX_COLUMNS", AttributeIndexProgram.reindex(layout.columns()));
    parts.put("MAX_QUERY_PARTS", Integer.toString(MAX_QUERY_PARTS));
    parts.put("MIN_PART_ROWS", Integer.toString(MIN_PART_ROWS));
    String out = TEMPLATE;
    for (Map.Entry<String, String> e : parts.entrySet()) {
      out = out.replace("${" + e.getKey() + "}", e.getValue());
    }
    return out;
  }

  /** One in-place copy per row buffer, in {@link IndexLayout#rowBuffers()} order. */
  private static String writeRows(IndexLayout layout) {
    List<String> lines = new ArrayList<>();
    List<BufferSpec> rows = layout.rowBuffers();
    for (int i = 0; i < rows.size(); i++) {
      BufferSpec b = rows.get(i);
      String row = "rows[" + i + "]";
      if (b.dtype() == TensorDType.INT16 || b.dtype() == TensorDType.BFLOAT16) {
        // Passed widened (int32, float32: callers may lack these types); narrowing is exact.
        row = "torch.to(" + row + ", self." + b.name() + ".dtype)";
      }
      lines.add("    w" + i + " = torch.index_copy_(self." + b.name() + ", 0, slots, " + row + ")");
      if (b.name().equals("expires")) {
        lines.add("    self.lower_soonest(rows[" + i + "])");
      }
    }
    return String.join("\n", lines);
  }

  private static String prepareQueries(Metric metric) {
    if (metric == Metric.COSINE) {
      // A zero query stays zero (cosine 0 with every item) instead of dividing by zero.
      return String.join(
          "\n",
          "    q = torch.to(queries, 6)",
          "    norms = torch.sqrt(torch.sum(torch.mul(q, q), [1], True))",
          "    return torch.div(q, torch.clamp_min(norms, 1.0e-30))");
    }
    return "    return torch.to(queries, 6)";
  }

  private static String score(Metric metric) {
    if (metric == Metric.L2) {
      return "    e2u = torch.unsqueeze(e2, 0)\n" + negatedSquaredDistance("self.dot(q, e)", "e2u");
    }
    return "    return self.dot(q, e)";
  }

  /** The end of pair_scores: its float32 dot products ({@code dots}, [b, most]) to scores. */
  private static String pairScore(Metric metric) {
    if (metric == Metric.L2) {
      return "    e2 = torch.reshape(self.norms_at(rows), [b, most])\n"
          + negatedSquaredDistance("dots", "e2");
    }
    return "    return dots";
  }

  /**
   * The l2 score from dot products with the queries {@code q} and the rows' squared norms
   * (precomputed at build time): -|q - e|^2 = 2 q.e - |e|^2 - |q|^2.
   */
  private static String negatedSquaredDistance(String dots, String squaredNorms) {
    return String.join(
        "\n",
        "    qq = torch.sum(torch.mul(q, q), [1], True)",
        "    return torch.sub(torch.sub(torch.mul(" + dots + ", 2.0), " + squaredNorms + "), qq)");
  }

  private static String rawScores(Metric metric) {
    if (metric == Metric.L2) {
      // 2 q.e - |e|^2 - |q|^2 would round differently in half precision: always float32.
      return "    return self.score(q, e, e2)";
    }
    return String.join(
        "\n",
        "    if q.is_cuda and torch.element_size(e) == 2:",
        "      return torch.matmul(torch.to(q, e.dtype), torch.t(e))",
        "    return self.score(q, e, e2)");
  }

  private static String loadTemplate() {
    try (InputStream in = IndexProgram.class.getResourceAsStream("index_model.ts")) {
      if (in == null) {
        throw new IllegalStateException("index_model.ts is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
