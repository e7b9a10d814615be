package dev.linr.translate;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Batchifier;
import ai.djl.translate.ServingTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import dev.linr.query.ParsedRequests;
import dev.linr.query.SearchRequestParser;
import dev.linr.query.SearchResponse;
import dev.linr.query.SearchResponseWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Input/Output face of the index model, as DJL Serving loads it from an archive's {@code libs/}
 * ({@code translator=dev.linr.translate.IndexServingTranslator} in {@code serving.properties}).
 *
 * <p>The request body is JSON: {@code {"vector": [...], "k": 10}} or {@code {"queries": [...]}} (a
 * {@code Content-Type} other than JSON is rejected); the response is {@code {"hits": [...],
 * "matched": n}} or {@code {"responses": [...]}}. Bad requests raise a {@link TranslateException}
 * (HTTP 400 in DJL Serving) whose cause is a {@link dev.linr.query.RequestParseException} naming
 * the field.
 *
 * <p>Arguments ({@code serving.properties}): {@code maxK} (default 10000), {@code maxBatch}
 * (queries per request, default 1024), and the planner's {@code compactThreshold}, {@code
 * searchPath} and {@code smallWork} (see {@link SearchOptions}). Index metadata is read from the
 * model folder in {@link #prepare}.
 */
public final class IndexServingTranslator implements ServingTranslator {
  private static final String PARSED = "linr.parsed";

  private int maxK = 10_000;
  private int maxBatch = 1024;
  private SearchOptions options = SearchOptions.DEFAULT;
  private volatile SearchBatchTranslator batch;
  private volatile IndexContext context;

  /** For DJL Serving, which creates the translator reflectively; call {@link #prepare} next. */
  public IndexServingTranslator() {}

  /** A translator over an index context that is already open. */
  public IndexServingTranslator(IndexContext context) {
    use(context);
  }

  @Override
  public void setArguments(Map<String, ?> arguments) {
    maxK = TranslatorArguments.positiveInt(arguments, "maxK", maxK);
    maxBatch = TranslatorArguments.positiveInt(arguments, "maxBatch", maxBatch);
    options = TranslatorArguments.searchOptions(arguments, options);
    if (context != null) {
      use(context);
    }
  }

  @Override
  public void prepare(TranslatorContext ctx) throws Exception {
    if (context == null) {
      synchronized (this) {
        if (context == null) {
          Path dir = ctx.getModel().getModelPath();
          use(IndexContexts.open(dir));
        }
      }
    }
  }

  /** The planner options in force. */
  public SearchOptions options() {
    return options;
  }

  private void use(IndexContext context) {
    this.batch = new SearchBatchTranslator(context, options);
    this.context = context;
  }

  /** None: inputs are already batched tensors, which DJL must not stack again. */
  @Override
  public Batchifier getBatchifier() {
    return null;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, Input input) throws TranslateException {
    checkContentType(input);
    ParsedRequests parsed;
    try {
      String body = new String(input.getData().getAsBytes(), StandardCharsets.UTF_8);
      parsed = parser().parse(body);
      ctx.setAttachment(PARSED, parsed);
      return batch.processInput(ctx, SearchBatch.of(parsed.requests()));
    } catch (IllegalArgumentException e) {
      throw new TranslateException(e.getMessage(), e);
    }
  }

  @Override
  public Output processOutput(TranslatorContext ctx, NDList list) {
    ParsedRequests parsed = (ParsedRequests) ctx.getAttachment(PARSED);
    return output(parsed, batch.processOutput(ctx, list));
  }

  /**
   * The answer to a parsed request: its responses written as JSON, with {@code Content-Type:
   * application/json}. A server that runs several requests in one forward pass answers each with
   * this.
   *
   * @param responses the responses to {@code parsed}'s queries, in order
   */
  public Output output(ParsedRequests parsed, List<SearchResponse> responses) {
    Output out = new Output();
    out.addProperty("Content-Type", "application/json");
    out.add(new SearchResponseWriter().write(responses, parsed.batch()));
    return out;
  }

  /**
   * Rejects a request whose {@code Content-Type} property is set and is not JSON: {@code
   * application/json} or any {@code +json} type, parameters such as {@code charset} allowed. A
   * server that parses request bodies without {@link #processInput} calls this first.
   *
   * @throws TranslateException {@code Content-Type must be application/json, got: <type>}
   */
  public static void checkContentType(Input input) throws TranslateException {
    String contentType = input.getProperty("Content-Type", null);
    if (contentType == null || contentType.isBlank()) {
      return;
    }
    String media = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    int slash = media.indexOf('/');
    boolean json =
        media.equals("application/json") || slash > 0 && media.substring(slash).endsWith("+json");
    if (!json) {
      throw new TranslateException(
          "Content-Type must be application/json, got: " + contentType.trim());
    }
  }

  /**
   * The request parser with this translator's limits ({@code maxK}, {@code maxBatch}) and the
   * index's dimension.
   *
   * @throws IllegalStateException before the translator is prepared
   */
  public SearchRequestParser parser() {
    if (context == null) {
      throw new IllegalStateException("the translator is not prepared yet");
    }
    return new SearchRequestParser(context.schema().dimension(), maxK, maxBatch);
  }
}
