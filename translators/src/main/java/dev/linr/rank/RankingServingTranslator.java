package dev.linr.rank;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Batchifier;
import ai.djl.translate.ServingTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import dev.linr.query.RequestParseException;
import dev.linr.translate.TranslatorArguments;
import java.util.List;
import java.util.Map;

/**
 * The Input/Output face of a ranker model, as DJL Serving loads it from an archive's {@code libs/}
 * ({@code translator=dev.linr.rank.RankingServingTranslator} in {@code serving.properties}); it
 * works with every engine that runs the ranker ({@code OnnxRuntime}, {@code PyTorch}).
 *
 * <p>The request body is {@code {"vector": [...], "candidates": [...], "n": 10}} or a batch {@code
 * {"queries": [...]}} ({@link RankRequestParser}); the response is {@code {"hits": [{"id", "score",
 * "retrievalScore", "attributes"}]}} or {@code {"responses": [...]}} ({@link RankResponseWriter}),
 * ranked by the model's score, highest first, equal scores in retrieval order, cut to {@code n}. A
 * batch runs in one forward pass. Bad requests raise a {@link TranslateException} (HTTP 400 in DJL
 * Serving) whose cause is a {@link RequestParseException} naming the JSON path.
 *
 * <p>Arguments ({@code serving.properties}): {@value RankerDefinition#DIMENSION} (the vector
 * length; required when the features include the product), {@value RankerDefinition#FEATURES}
 * (default {@code product,score}) and {@value RankerDefinition#ATTRIBUTES} (default none), see
 * {@link RankerFeatures}; {@code maxCandidates} (per request, default 10000) and {@code maxBatch}
 * (requests per body, default 1024). Thread-safe once configured.
 */
public final class RankingServingTranslator implements ServingTranslator {
  private static final String PARSED = "linr.rank.parsed";

  private volatile Config config;

  /** Configuration as set by {@link #setArguments}; replaced as a whole. */
  private record Config(
      RankingBatchTranslator single, RankingBatchTranslator batch, RankRequestParser parser) {}

  /**
   * For DJL Serving, which creates the translator reflectively; call {@link #setArguments} next.
   */
  public RankingServingTranslator() {}

  /**
   * Reads the ranker's arguments.
   *
   * @throws IllegalArgumentException naming the argument that is missing or invalid
   */
  @Override
  public void setArguments(Map<String, ?> arguments) {
    RankerFeatures features =
        RankerFeatures.parse(
            string(
                arguments,
                RankerDefinition.FEATURES,
                RankerFeatures.PRODUCT + "," + RankerFeatures.SCORE),
            string(arguments, RankerDefinition.ATTRIBUTES, ""));
    if (features.product() && arguments.get(RankerDefinition.DIMENSION) == null) {
      throw new IllegalArgumentException(
          "translator argument "
              + RankerDefinition.DIMENSION
              + " is required when the features include "
              + RankerFeatures.PRODUCT);
    }
    int dimension = TranslatorArguments.positiveInt(arguments, RankerDefinition.DIMENSION, 1);
    int maxCandidates =
        TranslatorArguments.positiveInt(
            arguments, "maxCandidates", RankRequestParser.DEFAULT_MAX_CANDIDATES);
    int maxBatch =
        TranslatorArguments.positiveInt(
            arguments, "maxBatch", RankRequestParser.DEFAULT_MAX_BATCH_SIZE);
    config =
        new Config(
            new RankingBatchTranslator(dimension, features, false),
            new RankingBatchTranslator(dimension, features, true),
            new RankRequestParser(maxCandidates, maxBatch));
  }

  private static String string(Map<String, ?> arguments, String key, String defaultValue) {
    Object v = arguments.get(key);
    return v == null ? defaultValue : v.toString();
  }

  private Config config() {
    Config c = config;
    if (c == null) {
      throw new IllegalStateException(
          "the ranking translator has no arguments: serving.properties must give "
              + RankerDefinition.DIMENSION
              + ", "
              + RankerDefinition.FEATURES
              + " and "
              + RankerDefinition.ATTRIBUTES);
    }
    return c;
  }

  /** None: inputs are already batched tensors, which DJL must not stack again. */
  @Override
  public Batchifier getBatchifier() {
    return null;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, Input input) throws TranslateException {
    Config c = config();
    try {
      if (input.getData() == null) {
        throw new RequestParseException("", "request body is missing");
      }
      ParsedRankRequests parsed = c.parser().parse(input.getData().getAsBytes());
      ctx.setAttachment(PARSED, parsed);
      return (parsed.batch() ? c.batch() : c.single()).processInput(ctx, parsed.requests());
    } catch (IllegalArgumentException e) {
      throw new TranslateException(e.getMessage(), e);
    }
  }

  @Override
  public Output processOutput(TranslatorContext ctx, NDList list) {
    Config c = config();
    ParsedRankRequests parsed = (ParsedRankRequests) ctx.getAttachment(PARSED);
    List<List<RankedHit>> ranked = c.single().processOutput(ctx, list);
    Output out = new Output();
    out.addProperty("Content-Type", "application/json");
    out.add(new RankResponseWriter().write(parsed.requests(), ranked, parsed.batch()));
    return out;
  }
}
