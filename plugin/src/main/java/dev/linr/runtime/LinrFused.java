package dev.linr.runtime;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import dev.linr.archive.ServingProperties;
import dev.linr.rank.FusedBatchTranslator;
import dev.linr.rank.FusedContext;
import dev.linr.rank.FusedRequest;
import dev.linr.rank.FusedRequestParser;
import dev.linr.rank.FusedServingTranslator;
import dev.linr.rank.RankedHit;
import dev.linr.translate.IndexContexts;
import dev.linr.translate.IndexServingTranslator;
import dev.linr.translate.SearchOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A fused retrieval and ranking archive (written by {@link dev.linr.rank.FusedModelBuilder}) loaded
 * on DJL's PyTorch engine: each request retrieves its top k exactly as the index does and gets the
 * best n of them by ranker score, in one forward pass. Thread-safe: each call uses its own
 * predictor. Close it to free the native model (and any unpacked copy of the archive).
 *
 * <pre>{@code
 * try (LinrFused fused = LinrFused.open(Path.of("models/posts_ranked"))) {
 *   String answer = fused.rankJson("{\"vector\": [0.1, 0.2], \"k\": 100, \"n\": 10}");
 * }
 * }</pre>
 */
public final class LinrFused implements AutoCloseable {
  private final ZooModel<NDList, NDList> model;
  private final FusedContext context;
  private final FusedServingTranslator servingTranslator;
  private final SearchOptions options;
  private final int maxBatch;
  private final ModelFolder folder;

  private LinrFused(
      ZooModel<NDList, NDList> model,
      FusedContext context,
      Map<String, String> arguments,
      ModelFolder folder) {
    this.model = model;
    this.context = context;
    this.servingTranslator = new FusedServingTranslator(context);
    servingTranslator.setArguments(arguments);
    IndexServingTranslator index = new IndexServingTranslator(context.index());
    index.setArguments(arguments);
    this.options = index.options();
    this.maxBatch = index.parser().maxBatchSize();
    this.folder = folder;
  }

  /** Opens a fused archive folder, {@code .zip} or {@code .tar.gz} on the CPU. */
  public static LinrFused open(Path archive) throws IOException {
    return open(archive, Device.cpu());
  }

  /**
   * Opens a fused archive on a device, with the translator arguments of its {@code
   * serving.properties}.
   *
   * @throws IllegalArgumentException if the archive is missing, is not a fused archive, or is
   *     corrupt or of another format version
   */
  public static LinrFused open(Path archive, Device device) throws IOException {
    return open(archive, device, Map.of());
  }

  /**
   * Opens a fused archive on a device with translator arguments ({@code maxK}, {@code maxBatch},
   * {@code compactThreshold}, {@code searchPath}, {@code includeAttributes}) that override the
   * archive's {@code serving.properties}.
   *
   * @throws IllegalArgumentException if the archive is missing, is not a fused archive, or is
   *     corrupt or of another format version, or an argument is invalid
   */
  public static LinrFused open(Path archive, Device device, Map<String, String> argumentOverrides)
      throws IOException {
    ModelFolder folder = ModelFolder.open(archive);
    Path dir = folder.dir();
    try {
      FusedContext context = FusedContext.open(dir);
      Map<String, String> arguments = ServingProperties.read(dir).translatorArguments();
      arguments.putAll(argumentOverrides);
      ZooModel<NDList, NDList> model = loadModel(dir, device);
      try {
        return new LinrFused(model, context, arguments, folder);
      } catch (RuntimeException e) {
        model.close();
        throw e;
      }
    } catch (RuntimeException | IOException e) {
      folder.close();
      throw e;
    }
  }

  private static ZooModel<NDList, NDList> loadModel(Path dir, Device device) throws IOException {
    Criteria<NDList, NDList> criteria =
        Criteria.builder()
            .setTypes(NDList.class, NDList.class)
            .optModelPath(dir)
            .optModelName(IndexContexts.modelName(dir))
            .optEngine("PyTorch")
            .optDevice(device)
            .optTranslator(new NoopTranslator())
            .build();
    try {
      return ModelLoading.load(criteria);
    } catch (ModelNotFoundException | MalformedModelException | RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot load the fused model in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The index metadata and the ranking stage's description. */
  public FusedContext context() {
    return context;
  }

  /** The planner options from the archive's serving.properties. */
  public SearchOptions options() {
    return options;
  }

  /**
   * The parser for request bodies that {@link #rankJson} and the serving translator use: the
   * index's dimension and the archive's {@code maxK}. Thread-safe.
   */
  public FusedRequestParser requestParser() {
    return servingTranslator.parser();
  }

  /**
   * The most requests a server merges into one {@link #rank(List)}: the archive's {@code maxBatch}
   * translator argument, as for its index.
   */
  public int maxBatch() {
    return maxBatch;
  }

  /**
   * The serving answer to one request, byte for byte what {@link #rankJson} and the serving
   * translator write: the JSON body, {@code Content-Type: application/json}. A server that answers
   * several requests in one {@link #rank(List)} writes each with this.
   *
   * @param hits the request's ranked hits, as {@link #rank(List)} gives them
   */
  public Output servingOutput(List<RankedHit> hits) {
    return servingTranslator.output(hits);
  }

  /** Answers one request: its ranked hits, best first, with the items' attributes. */
  public List<RankedHit> rank(FusedRequest request) {
    return rank(List.of(request)).get(0);
  }

  /** Answers several requests in one forward pass, responses in request order. */
  public List<List<RankedHit>> rank(List<FusedRequest> requests) {
    return rank(requests, options);
  }

  /**
   * Answers several requests in one forward pass, with the given planner options (for example a
   * forced search path); ranked hits carry the items' attributes.
   */
  public List<List<RankedHit>> rank(List<FusedRequest> requests, SearchOptions options) {
    FusedBatchTranslator translator = new FusedBatchTranslator(context, options, true);
    try (Predictor<List<FusedRequest>, List<List<RankedHit>>> p = model.newPredictor(translator)) {
      return p.predict(requests);
    } catch (TranslateException e) {
      throw SearchFailures.unwrap(e);
    }
  }

  /**
   * Answers a JSON request exactly as the serving translator does under DJL Serving.
   *
   * @throws IllegalArgumentException (a {@link dev.linr.query.RequestParseException} for bad
   *     requests) naming the field at fault
   */
  public String rankJson(String requestJson) {
    try (Predictor<Input, Output> p = model.newPredictor(servingTranslator)) {
      Input in = new Input();
      in.add(requestJson.getBytes(StandardCharsets.UTF_8));
      return p.predict(in).getData().getAsString();
    } catch (TranslateException e) {
      throw SearchFailures.unwrap(e);
    }
  }

  @Override
  public void close() {
    model.close();
    folder.close();
  }
}
