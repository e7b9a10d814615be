package dev.linr.rank;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dev.linr.query.Hit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Ranks the candidates of several requests in one forward pass of the ranker model: the features of
 * every candidate of every request go in as one float32 tensor {@code [N, F]}; the model returns
 * one score per row ({@code [N]} or {@code [N, 1]}). Each request's candidates come back ordered by
 * ranker score, highest first, candidates of equal score in retrieval order, cut to the request's
 * {@code n}. Thread-safe: it holds no per-call state.
 *
 * <p>Bad requests (a missing or wrong-length vector, attributes the ranker reads but the candidates
 * lack, a non-numeric attribute) are {@link dev.linr.query.RequestParseException}s naming the JSON
 * path, {@code queries[i].} prefixed when {@code batch} is set. A batch with no candidates at all
 * still runs the model, on an empty {@code [0, F]} tensor.
 */
public final class RankingBatchTranslator
    implements Translator<List<RankRequest>, List<List<RankedHit>>> {
  private static final String REQUESTS = "linr.rank.requests";

  private final RankFeatureEncoder encoder;
  private final boolean batch;

  /**
   * A translator for a ranker.
   *
   * @param dimension the query and stored vector length
   * @param features what the ranker reads per candidate
   * @param batch whether error paths are prefixed with {@code queries[i].}
   */
  public RankingBatchTranslator(int dimension, RankerFeatures features, boolean batch) {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be at least 1, got: " + dimension);
    }
    this.encoder = new RankFeatureEncoder(dimension, Objects.requireNonNull(features, "features"));
    this.batch = batch;
  }

  /** None: inputs are already batched tensors, which DJL must not stack again. */
  @Override
  public Batchifier getBatchifier() {
    return null;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, List<RankRequest> requests) {
    float[] features = encoder.encode(requests, batch);
    ctx.setAttachment(REQUESTS, requests);
    int width = encoder.width();
    NDArray x = ctx.getNDManager().create(features, new Shape(features.length / width, width));
    return new NDList(x);
  }

  @Override
  public List<List<RankedHit>> processOutput(TranslatorContext ctx, NDList list) {
    @SuppressWarnings("unchecked")
    List<RankRequest> requests = (List<RankRequest>) ctx.getAttachment(REQUESTS);
    return decode(requests, scores(list, requests));
  }

  private static float[] scores(NDList list, List<RankRequest> requests) {
    int rows = requests.stream().mapToInt(r -> r.candidates().size()).sum();
    if (list.size() != 1) {
      throw new IllegalStateException(
          "the ranker model returned " + list.size() + " outputs, expected 1 (scores)");
    }
    NDArray out = list.get(0);
    if (out.getDataType() != DataType.FLOAT32 || out.size() != rows) {
      throw new IllegalStateException(
          "the ranker model returned "
              + out.getDataType()
              + " "
              + out.getShape()
              + ", expected float32 scores for "
              + rows
              + " candidates");
    }
    return rows == 0 ? new float[0] : out.toFloatArray();
  }

  private static int compareDescending(float x, float y) {
    return x > y ? -1 : x < y ? 1 : 0;
  }

  /** Orders each request's candidates by score, highest first, ties in retrieval order. */
  static List<List<RankedHit>> decode(List<RankRequest> requests, float[] scores) {
    List<List<RankedHit>> out = new ArrayList<>(requests.size());
    int row = 0;
    for (RankRequest r : requests) {
      List<Hit> candidates = r.candidates();
      Integer[] order = new Integer[candidates.size()];
      for (int i = 0; i < order.length; i++) {
        float s = scores[row + i];
        if (!Float.isFinite(s)) {
          throw new IllegalStateException(
              "the ranker model scored candidate "
                  + i
                  + " (id "
                  + candidates.get(i).id()
                  + ") "
                  + s);
        }
        order[i] = i;
      }
      int base = row;
      // A stable sort on the score alone (numeric comparison, so 0.0 and -0.0 tie) keeps equal
      // scores in retrieval order.
      Arrays.sort(order, (a, b) -> compareDescending(scores[base + a], scores[base + b]));
      List<RankedHit> hits = new ArrayList<>(r.limit());
      for (int j = 0; j < r.limit(); j++) {
        int i = order[j];
        hits.add(RankedHit.of(candidates.get(i), scores[base + i]));
      }
      out.add(hits);
      row += candidates.size();
    }
    return out;
  }
}
