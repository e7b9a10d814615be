package dev.linr.rank;

import dev.linr.index.AttributeColumn;
import dev.linr.index.BufferSpec;
import dev.linr.index.ProgramStage;
import dev.linr.schema.AttributeType;
import dev.linr.torchscript.TensorDType;
import java.util.ArrayList;
import java.util.List;

/**
 * The ranking stage of a fused model: {@code forward} retrieves each query's top k with the index's
 * own search, builds the ranker's features for those candidates, runs the MLP and returns the best
 * n by ranker score. Immutable.
 *
 * <p>Features per candidate, as {@link RankerFeatures} lists them: the element-wise product of the
 * query as given (not normalised) and the candidate's stored vector (d values, widened to float32),
 * the candidate's retrieval score, then one value per numeric attribute (missing: {@link
 * RankerFeatures#MISSING}). The MLP is {@code x @ W_i + b_i} per layer with ReLU between layers
 * ({@link RankerMlp}'s layout); weights are buffers {@code rank_w<i>} float32 [in, out] and biases
 * {@code rank_b<i>} float32 [out].
 */
final class RankingStage implements ProgramStage {
  static final String CLASS_NAME = "FusedModel";

  private final int[] widths;
  private final boolean product;
  private final boolean score;
  private final List<AttributeColumn> attributes;

  /**
   * @param widths the layer widths: features, hidden widths..., 1
   * @param product whether the query-candidate product is a feature
   * @param score whether the retrieval score is a feature
   * @param attributes the attribute features in order ({@link AttributeColumn.Encoding#NUMBER}
   *     columns)
   */
  RankingStage(int[] widths, boolean product, boolean score, List<AttributeColumn> attributes) {
    this.widths = widths.clone();
    this.product = product;
    this.score = score;
    this.attributes = List.copyOf(attributes);
    for (AttributeColumn c : attributes) {
      if (c.encoding() != AttributeColumn.Encoding.NUMBER) {
        throw new IllegalArgumentException(
            "attribute '" + c.spec().name() + "' is not a single-valued number");
      }
    }
  }

  static String weightName(int layer) {
    return "rank_w" + layer;
  }

  static String biasName(int layer) {
    return "rank_b" + layer;
  }

  int layers() {
    return widths.length - 1;
  }

  @Override
  public String className() {
    return CLASS_NAME;
  }

  @Override
  public List<BufferSpec> buffers() {
    List<BufferSpec> out = new ArrayList<>();
    for (int i = 0; i < layers(); i++) {
      out.add(
          new BufferSpec(
              weightName(i),
              TensorDType.FLOAT32,
              new long[] {widths[i], widths[i + 1]},
              "ranker layer " + i + " weights [in, out]"));
      out.add(
          new BufferSpec(
              biasName(i),
              TensorDType.FLOAT32,
              new long[] {widths[i + 1]},
              "ranker layer " + i + " bias"));
    }
    return out;
  }

  @Override
  public String methods() {
    List<String> lines = new ArrayList<>();
    lines.add("  def forward(self: __torch__." + CLASS_NAME + ",");
    lines.add("    queries: Tensor,");
    lines.add("    k: Tensor,");
    lines.add("    filter_ops: Tensor,");
    lines.add("    filter_ints: Tensor,");
    lines.add("    filter_floats: Tensor,");
    lines.add("    allow: Tensor,");
    lines.add("    options: Tensor,");
    lines.add("    n: Tensor) -> Tuple[Tensor, Tensor, Tensor, Tensor, Tensor, Tensor]:");
    lines.add(
        "    # Retrieves each query's top k with the index's search (filters, planner and all),");
    lines.add(
        "    # ranks those candidates and keeps the best n by ranker score; equal ranker scores");
    lines.add(
        "    # keep the retrieval order. k and n: int64 [1] (every query) or [B] (per query).");
    lines.add(
        "    # Outputs: ranker scores [B, n'] float32, retrieval scores [B, n'], slots [B, n'],");
    lines.add(
        "    # ids [B, n'], matched [B], path [1]. Row b holds min(n[b], k[b], matched[b]) valid");
    lines.add("    # hits, best first; the rest is padding.");
    lines.add("    b = queries.size(0)");
    lines.add("    ks = torch.expand(torch.reshape(k, [-1]), [b])");
    lines.add("    ns = torch.expand(torch.reshape(n, [-1]), [b])");
    lines.add("    kmax = torch.reshape(torch.max(ks), [1])");
    lines.add(
        "    retrieved, slots, ids, matched, path = self.search(queries, kmax, filter_ops,"
            + " filter_ints, filter_floats, allow, options)");
    lines.add("    width = slots.size(1)");
    lines.add("    valid = torch.unsqueeze(torch.minimum(ks, matched), 1)");
    lines.add(
        "    padding = torch.bitwise_not(torch.lt(torch.unsqueeze(torch.arange(width,"
            + " device=slots.device), 0), valid))");
    lines.add("    scores = self.rank(queries, slots, torch.masked_fill(retrieved, padding, 0.0))");
    lines.add("    scores = torch.masked_fill(scores, padding, -inf)");
    lines.add("    # A stable sort: candidates of equal ranker score stay in retrieval order.");
    lines.add("    ranked, order = torch.sort(scores, stable=True, dim=1, descending=True)");
    lines.add("    keep = min(int(torch.max(ns)), width)");
    lines.add("    order = order[:, :keep]");
    lines.add(
        "    return (ranked[:, :keep], torch.gather(retrieved, 1, order), torch.gather(slots, 1,"
            + " order), torch.gather(ids, 1, order), matched, path)");
    lines.add("  def rank(self: __torch__." + CLASS_NAME + ",");
    lines.add("    queries: Tensor,");
    lines.add("    slots: Tensor,");
    lines.add("    retrieved: Tensor) -> Tensor:");
    lines.add(
        "    # Ranker scores [B, W] of the candidates in slots [B, W] with retrieval scores [B, W].");
    lines.add("    b = slots.size(0)");
    lines.add("    w = slots.size(1)");
    lines.add("    rows = torch.reshape(slots, [-1])");
    lines.add("    features = annotate(List[Tensor], [])");
    if (product) {
      lines.add(
          "    stored = torch.reshape(torch.to(torch.index_select(self.emb, 0, rows), 6), [b, w,"
              + " -1])");
      lines.add("    features.append(torch.mul(torch.unsqueeze(torch.to(queries, 6), 1), stored))");
    }
    if (score) {
      lines.add("    features.append(torch.unsqueeze(retrieved, 2))");
    }
    for (AttributeColumn c : attributes) {
      lines.add(
          "    features.append(torch.reshape(self." + featureMethod(c) + "(rows), [b, w, 1]))");
    }
    lines.add("    x = torch.cat(features, 2)");
    for (int i = 0; i < layers(); i++) {
      String affine =
          "torch.add(torch.matmul(x, self." + weightName(i) + "), self." + biasName(i) + ")";
      lines.add("    x = " + (i < layers() - 1 ? "torch.relu(" + affine + ")" : affine));
    }
    lines.add("    return torch.reshape(x, [b, w])");
    for (AttributeColumn c : attributes) {
      lines.addAll(featureMethodLines(c));
    }
    return String.join("\n", lines) + "\n";
  }

  private static String featureMethod(AttributeColumn c) {
    return "feature_" + c.ordinal();
  }

  private static List<String> featureMethodLines(AttributeColumn c) {
    List<String> lines = new ArrayList<>();
    lines.add("  def " + featureMethod(c) + "(self: __torch__." + CLASS_NAME + ",");
    lines.add("    rows: Tensor) -> Tensor:");
    lines.add(
        "    # Attribute "
            + c.ordinal()
            + " of each row as float32; missing: "
            + RankerFeatures.MISSING);
    lines.add("    v = torch.to(torch.index_select(self." + c.valuesName() + ", 0, rows), 6)");
    if (c.spec().type() == AttributeType.INT) {
      lines.add(
          "    missing = torch.bitwise_not(torch.index_select(self."
              + c.presentName()
              + ", 0, rows))");
    } else {
      lines.add("    missing = torch.isnan(v)");
    }
    lines.add("    return torch.masked_fill(v, missing, " + RankerFeatures.MISSING + ")");
    return lines;
  }
}
