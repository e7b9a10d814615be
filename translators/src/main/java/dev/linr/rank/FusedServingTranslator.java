package dev.linr.rank;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Batchifier;
import ai.djl.translate.ServingTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import dev.linr.translate.IndexServingTranslator;
import dev.linr.translate.SearchOptions;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Input/Output face of a fused retrieval and ranking model, as DJL Serving loads it from the
 * archive's {@code libs/} ({@code translator=dev.linr.rank.FusedServingTranslator} in {@code
 * serving.properties}).
 *
 * <p>The request is the retrieval-then-ranking workflow's, {@code {"vector": [...], "k": 100, "n":
 * 10, "filter": "..."}} ({@link FusedRequestParser}); the response is the ranker's, {@code {"hits":
 * [{"id": 42, "score": 1.7, "retrievalScore": 0.93, "attributes": {...}}]}} ({@link
 * RankResponseWriter}): the best n of the top k by ranker score, equal scores in retrieval order.
 * Bad requests raise a {@link TranslateException} (HTTP 400 in DJL Serving) whose cause is a {@link
 * dev.linr.query.RequestParseException} naming the field.
 *
 * <p>Arguments ({@code serving.properties}): the index's {@code maxK} (default 10000), {@code
 * compactThreshold} and {@code searchPath} (see {@link SearchOptions}), and {@code
 * includeAttributes} ({@code true} or {@code false}, default true: hits carry their items'
 * attributes, as the workflow's do). The archive's metadata is read from the model folder in {@link
 * #prepare}. Thread-safe once prepared.
 */
public final class FusedServingTranslator implements ServingTranslator {
  private static final String REQUEST = "linr.fused.request";

  private final Map<String, Object> arguments = new LinkedHashMap<>();
  private volatile State state;

  /** What a prepared translator holds; replaced as a whole when arguments change. */
  private record State(
      FusedContext context,
      FusedRequestParser parser,
      FusedBatchTranslator batch,
      RankRequest shape) {}

  /** For DJL Serving, which creates the translator reflectively; call {@link #prepare} next. */
  public FusedServingTranslator() {}

  /** A translator over a fused context that is already open. */
  public FusedServingTranslator(FusedContext context) {
    use(context);
  }

  /**
   * @throws IllegalArgumentException naming the argument whose value is invalid
   */
  @Override
  public void setArguments(Map<String, ?> arguments) {
    Map<String, Object> merged = new LinkedHashMap<>(this.arguments);
    merged.putAll(arguments);
    new IndexServingTranslator().setArguments(merged); // checks maxK, compactThreshold, searchPath
    includeAttributes(merged);
    this.arguments.clear();
    this.arguments.putAll(merged);
    State s = state;
    if (s != null) {
      use(s.context());
    }
  }

  @Override
  public void prepare(TranslatorContext ctx) throws Exception {
    if (state == null) {
      synchronized (this) {
        if (state == null) {
          use(FusedContext.open(ctx.getModel().getModelPath()));
        }
      }
    }
  }

  private synchronized void use(FusedContext context) {
    IndexServingTranslator index = new IndexServingTranslator(context.index());
    index.setArguments(arguments);
    boolean attributes = includeAttributes(arguments);
    state =
        new State(
            context,
            new FusedRequestParser(context.index().schema().dimension(), index.parser().maxK()),
            new FusedBatchTranslator(context, index.options(), attributes),
            RankRequest.builder()
                .setCandidates(List.of())
                .optAttributesIncluded(attributes)
                .build());
  }

  private static boolean includeAttributes(Map<String, ?> arguments) {
    Object value = arguments.get("includeAttributes");
    if (value == null) {
      return true;
    }
    String text = value.toString().trim();
    if (!text.equals("true") && !text.equals("false")) {
      throw new IllegalArgumentException(
          "translator argument includeAttributes must be true or false, got: '" + text + "'");
    }
    return Boolean.parseBoolean(text);
  }

  /** None: inputs are already batched tensors, which DJL must not stack again. */
  @Override
  public Batchifier getBatchifier() {
    return null;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, Input input) throws TranslateException {
    IndexServingTranslator.checkContentType(input);
    State s = prepared();
    try {
      String body = new String(input.getData().getAsBytes(), StandardCharsets.UTF_8);
      FusedRequest request = s.parser().parse(body);
      ctx.setAttachment(REQUEST, s);
      return s.batch().processInput(ctx, List.of(request));
    } catch (IllegalArgumentException e) {
      throw new TranslateException(e.getMessage(), e);
    }
  }

  @Override
  public Output processOutput(TranslatorContext ctx, NDList list) {
    State s = (State) ctx.getAttachment(REQUEST);
    return output(s, s.batch().processOutput(ctx, list).get(0));
  }

  /**
   * The serving answer to one request whose ranked hits were computed elsewhere (a server that
   * answers several requests in one forward pass writes each with this): byte for byte what {@link
   * #processOutput} writes, {@code Content-Type: application/json}. Hits carry attributes in the
   * answer only when {@code includeAttributes} is true.
   *
   * @param hits the request's ranked hits, best first
   */
  public Output output(List<RankedHit> hits) {
    return output(prepared(), hits);
  }

  private static Output output(State s, List<RankedHit> hits) {
    Output out = new Output();
    out.addProperty("Content-Type", "application/json");
    // The writer reads from each request only whether its hits carry attributes.
    out.add(new RankResponseWriter().write(List.of(s.shape()), List.of(hits), false));
    return out;
  }

  /** The request parser with this translator's limits. */
  public FusedRequestParser parser() {
    return prepared().parser();
  }

  private State prepared() {
    State s = state;
    if (s == null) {
      throw new IllegalStateException("the translator is not prepared yet");
    }
    return s;
  }
}
