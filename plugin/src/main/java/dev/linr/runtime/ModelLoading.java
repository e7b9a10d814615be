package dev.linr.runtime;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.repository.MRL;
import ai.djl.repository.zoo.BaseModelLoader;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelLoader;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ModelZoo;
import ai.djl.repository.zoo.ZooModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads a DJL model as {@link Criteria#loadModel()} does (the same model loader, so the same {@code
 * serving.properties}, options, arguments and translator factory), except that an index model's
 * attribute index is built before the model is returned, and that a load that fails after DJL has
 * created the model closes that model. DJL's own loader leaves it open when the engine refuses the
 * model file (a truncated TorchScript file, say) or no translator can be made: its native resources
 * then stay until the garbage collector finalizes it, and DJL logs {@code Model: <name> was not
 * closed explicitly}. Stateless and thread-safe.
 *
 * <pre>{@code
 * Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
 *     .optModelPath(dir).optEngine("PyTorch").build();
 * try (ZooModel<NDList, NDList> model = ModelLoading.load(criteria)) { ... }
 * }</pre>
 */
public final class ModelLoading {
  /**
   * DJL's switch for libtorch's graph executor optimizations, which DJL applies on every forward
   * pass when set (default: on). Measured on the index model: on, the unfiltered B=1 scan of 200k
   * items takes 13 ms against 17-19 ms off; off, a process that loads many models and runs each
   * with many shapes (the test suite: LivePropertyTest 52 s on, 17 s off) skips the profiling runs.
   * linr leaves DJL's default; the test suite turns it off.
   */
  public static final String GRAPH_OPTIMIZER = "ai.djl.pytorch.graph_optimizer";

  private ModelLoading() {}

  /**
   * Loads the model that {@code criteria} name by path or URL ({@code optModelPath}, {@code
   * optModelUrls}). Fails as {@link Criteria#loadModel()} does, leaving no model open.
   *
   * @return the model, owned by the caller, who closes it
   * @throws IllegalArgumentException if the criteria name no model path or URL
   */
  public static <I, O> ZooModel<I, O> load(Criteria<I, O> criteria)
      throws IOException, ModelNotFoundException, MalformedModelException {
    ModelZoo zoo = criteria.getModelZoo();
    if (zoo == null) {
      throw new IllegalArgumentException("the criteria name no model path or URL: " + criteria);
    }
    ModelNotFoundException notFound = null;
    for (ModelLoader found : zoo.getModelLoaders()) {
      if (found.getClass() != BaseModelLoader.class) {
        // Not DJL's loader for a local path: nothing to hook into; load it as DJL would.
        return indexed(found.loadModel(criteria));
      }
      ClosingLoader loader = new ClosingLoader(found.getMrl());
      try {
        return indexed(loader.loadModel(criteria));
      } catch (ModelNotFoundException e) {
        loader.closeCreated();
        // As in Criteria.loadModel: another loader of the zoo may match.
        notFound = e;
      } catch (IOException | MalformedModelException | RuntimeException | Error e) {
        loader.closeCreated();
        throw e;
      }
    }
    throw new ModelNotFoundException(
        "No model with the specified URI or the matching Input/Output type is found.", notFound);
  }

  /** A loaded model with its attribute index built, if it has one; closed if that fails. */
  private static <I, O> ZooModel<I, O> indexed(ZooModel<I, O> model) {
    try {
      IndexModelMethods.indexLoaded(model);
      return model;
    } catch (RuntimeException | Error e) {
      model.close();
      throw e;
    }
  }

  /** DJL's model loader, remembering the model it creates. One per load; not thread-safe. */
  private static final class ClosingLoader extends BaseModelLoader {
    private Model created;

    ClosingLoader(MRL mrl) {
      super(mrl);
    }

    @Override
    protected Model createModel(
        Path modelPath,
        String name,
        Device device,
        Block block,
        Map<String, Object> arguments,
        String engine)
        throws IOException {
      created = super.createModel(modelPath, name, device, block, arguments, engine);
      return created;
    }

    /** Closes the model created by the failed load, if it got that far. */
    void closeCreated() {
      if (created != null) {
        created.close();
        created = null;
      }
    }
  }
}
