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
import dev.linr.index.IndexMetadata;
import dev.linr.query.ParsedRequests;
import dev.linr.query.SearchRequest;
import dev.linr.query.SearchRequestParser;
import dev.linr.query.SearchResponse;
import dev.linr.translate.IndexContext;
import dev.linr.translate.IndexContexts;
import dev.linr.translate.IndexServingTranslator;
import dev.linr.translate.SearchBatch;
import dev.linr.translate.SearchBatchTranslator;
import dev.linr.translate.SearchOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An index model archive loaded on DJL's PyTorch engine, ready to search. Thread-safe: each call
 * uses its own predictor. Close it to free the native model (and any unpacked copy of the archive).
 *
 * <pre>{@code
 * try (LinrIndex index = LinrIndex.open(Path.of("models/posts"))) {
 *   SearchResponse r = index.search(SearchRequest.builder().setVector(v).optK(10).build());
 * }
 * }</pre>
 */
public final class LinrIndex implements AutoCloseable {
  private final ZooModel<NDList, NDList> model;
  private final IndexContext context;
  private final SearchBatchTranslator batchTranslator;
  private final IndexServingTranslator servingTranslator;
  private final ModelFolder folder;

  private final SearchOptions options;

  /** What every search runs in; a {@link LiveIndex} restricts searches to published items. */
  private final SearchScope scope;

  /** Wraps the context an archive opens with (live updates put overlays in it). */
  interface ContextWrapper {
    IndexContext wrap(Path dir, IndexContext opened) throws IOException;
  }

  private LinrIndex(
      ZooModel<NDList, NDList> model,
      IndexContext context,
      Map<String, String> translatorArguments,
      ModelFolder folder,
      SearchScope scope) {
    this.model = model;
    this.scope = scope;
    this.context = context;
    this.servingTranslator = new IndexServingTranslator(context);
    servingTranslator.setArguments(translatorArguments);
    this.options = servingTranslator.options();
    this.batchTranslator = new SearchBatchTranslator(context, options);
    this.folder = folder;
  }

  /** Opens an archive folder, {@code .zip} or {@code .tar.gz} on the CPU. */
  public static LinrIndex open(Path archive) throws IOException {
    return open(archive, Device.cpu());
  }

  /**
   * Opens an archive on a device.
   *
   * @throws IllegalArgumentException if the archive is missing, corrupt or of another format
   *     version
   */
  public static LinrIndex open(Path archive, Device device) throws IOException {
    return open(archive, device, Map.of());
  }

  /**
   * Opens an archive on a device with translator arguments ({@code maxK}, {@code maxBatch}, {@code
   * compactThreshold}, {@code searchPath}, {@code smallWork}) that override the archive's {@code
   * serving.properties}.
   *
   * @throws IllegalArgumentException if the archive is missing, corrupt or of another format
   *     version, or an argument is invalid
   */
  public static LinrIndex open(Path archive, Device device, Map<String, String> argumentOverrides)
      throws IOException {
    return open(archive, device, argumentOverrides, (dir, context) -> context, SearchScope.NONE);
  }

  /**
   * As {@link #open(Path, Device, Map)}, with a wrapped context and a scope every search runs in.
   */
  static LinrIndex open(
      Path archive,
      Device device,
      Map<String, String> argumentOverrides,
      ContextWrapper wrapper,
      SearchScope scope)
      throws IOException {
    ModelFolder folder = ModelFolder.open(archive);
    Path dir = folder.dir();
    try {
      IndexContext context = wrapper.wrap(dir, IndexContexts.open(dir));
      Map<String, String> arguments = ServingProperties.read(dir).translatorArguments();
      arguments.putAll(argumentOverrides);
      ZooModel<NDList, NDList> model = loadModel(dir, device);
      try {
        LinrIndex index = new LinrIndex(model, context, arguments, folder, scope);
        IndexMetadata metadata = context.metadata();
        SmallWorkFirstBlock.wrap(
            model,
            metadata.formatVersion(),
            index.options.smallWork(),
            metadata.capacity() * metadata.schema().dimension());
        return index;
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
    String name = IndexContexts.modelName(dir);
    Criteria<NDList, NDList> criteria =
        Criteria.builder()
            .setTypes(NDList.class, NDList.class)
            .optModelPath(dir)
            .optModelName(name)
            .optEngine("PyTorch")
            .optDevice(device)
            .optTranslator(new NoopTranslator())
            .build();
    try {
      return ModelLoading.load(criteria);
    } catch (ModelNotFoundException | MalformedModelException | RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot load the index model in " + dir + ": " + Causes.rootMessage(e), e);
    }
  }

  public IndexMetadata metadata() {
    return context.metadata();
  }

  public IndexContext context() {
    return context;
  }

  /** Answers one query. */
  public SearchResponse search(SearchRequest request) {
    return search(SearchBatch.of(List.of(request))).get(0);
  }

  /** Answers a batch in one forward pass, responses in request order. */
  public List<SearchResponse> search(SearchBatch batch) {
    return search(batch, batchTranslator);
  }

  /** Answers a batch with other planner options (for example a forced search path). */
  public List<SearchResponse> search(SearchBatch batch, SearchOptions searchOptions) {
    return search(batch, new SearchBatchTranslator(context, searchOptions));
  }

  /** The planner options from the archive's serving.properties. */
  public SearchOptions options() {
    return options;
  }

  /**
   * How many automatic searches ran on one thread within {@link SearchOptions#smallWork} and how
   * many were declined there and ran again on every thread (both 0 where that is off).
   */
  public SmallWorkCounts smallWorkCounts() {
    return SmallWorkFirstBlock.counts(model);
  }

  private List<SearchResponse> search(SearchBatch batch, SearchBatchTranslator translator) {
    try (SearchScope.Search<SearchBatch, List<SearchResponse>> search = scope.begin(translator);
        Predictor<SearchBatch, List<SearchResponse>> p = model.newPredictor(search.translator())) {
      return p.predict(batch);
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
  public String searchJson(String requestJson) {
    try (SearchScope.Search<Input, Output> search = scope.begin(servingTranslator);
        Predictor<Input, Output> p = model.newPredictor(search.translator())) {
      Input in = new Input();
      in.add(requestJson.getBytes(StandardCharsets.UTF_8));
      Output out = p.predict(in);
      return out.getData().getAsString();
    } catch (TranslateException e) {
      throw SearchFailures.unwrap(e);
    }
  }

  /**
   * The parser for request bodies that {@link #searchJson} and the serving translator use: the
   * index's dimension and the archive's {@code maxK} and {@code maxBatch}. Thread-safe.
   */
  public SearchRequestParser requestParser() {
    return servingTranslator.parser();
  }

  /**
   * The serving answer to a parsed request, byte for byte what {@link #searchJson} and the serving
   * translator write: the JSON body, {@code Content-Type: application/json}. A server that answers
   * several parsed requests in one {@link #search(SearchBatch)} writes each with this.
   *
   * @param responses the responses to {@code parsed}'s queries, in order
   */
  public Output servingOutput(ParsedRequests parsed, List<SearchResponse> responses) {
    return servingTranslator.output(parsed, responses);
  }

  /** The loaded model, for live updates of its buffers. */
  ZooModel<NDList, NDList> model() {
    return model;
  }

  /** The serving properties of the archive. */
  public ServingProperties servingProperties() throws IOException {
    return ServingProperties.read(model.getModelPath());
  }

  @Override
  public void close() {
    model.close();
    folder.close();
  }
}
