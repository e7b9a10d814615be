package dev.linr.bench;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import com.google.gson.JsonObject;
import dev.linr.runtime.ModelLoading;
import dev.linr.torchscript.TorchScriptArchiveWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fixed cost of answering through a model on this stack, the limit that a selective search
 * meets before any bandwidth or FLOP/s does: an empty model call through DJL, and each small
 * libtorch operator the model runs. Both probe models take the index model's seven inputs and
 * return five tensors; each call goes as an index search's does, through a new {@link Predictor}
 * whose translator makes the inputs (a B=1 query with a one-predicate filter, no allow mask, four
 * options) and reads every output back. The empty model returns its inputs; the other first runs
 * {@value #OPERATORS} element-wise adds on a two-value tensor, each a dispatch and a fresh output,
 * as most of a selective search's operators are. Both models are written by the project's own
 * TorchScript writer and loaded by the runtime's loader.
 */
final class ModelCallFloor {
  /** Small operators in the second probe model. */
  static final int OPERATORS = 100;

  /** Calls timed per model and round (their median counts), after as many warm-up calls. */
  static final int CALLS = 4000;

  /** Alternating rounds over the two models; the medians over the rounds count. */
  static final int ROUNDS = 5;

  /** The result keys of the floor, in microseconds. */
  static final String CALL_KEY = "model_call_floor_us";

  static final String OPERATOR_KEY = "small_operator_us";

  private static final ProbeTranslator TRANSLATOR = new ProbeTranslator();

  /**
   * @param callUs an empty model call, in microseconds
   * @param operatorUs what each small operator adds to a call, in microseconds
   */
  record Floor(double callUs, double operatorUs) {
    /** Whether a benchmark's result holds the floor (runs before it was measured do not). */
    static boolean in(JsonObject result) {
      return result.has(CALL_KEY);
    }

    /** The floor a benchmark's result holds. */
    static Floor read(JsonObject result) {
      return new Floor(result.get(CALL_KEY).getAsDouble(), result.get(OPERATOR_KEY).getAsDouble());
    }

    /** Adds the floor to a benchmark's result. */
    void write(JsonObject result) {
      result.addProperty(CALL_KEY, callUs);
      result.addProperty(OPERATOR_KEY, operatorUs);
    }

    /** A search's time beyond the floor, counted in small operators. */
    double operatorsBeyond(double searchUs) {
      return (searchUs - callUs) / operatorUs;
    }
  }

  private ModelCallFloor() {}

  /** Measures the floor, writing the two probe models under {@code work}. */
  static Floor measure(Path work) throws Exception {
    try (ZooModel<NDList, NDList> empty = load(work.resolve("floor-empty"), 0);
        ZooModel<NDList, NDList> operators = load(work.resolve("floor-ops"), OPERATORS)) {
      double[] calls = new double[ROUNDS];
      double[] perOperator = new double[ROUNDS];
      for (int round = 0; round < ROUNDS; round++) {
        double emptyUs = medianCallUs(empty, 0);
        calls[round] = emptyUs;
        perOperator[round] = (medianCallUs(operators, OPERATORS) - emptyUs) / OPERATORS;
      }
      return new Floor(Timing.median(calls), Timing.median(perOperator));
    }
  }

  /**
   * The median microseconds of {@link #CALLS} calls of a probe model with {@code operators} adds,
   * after as many warm-up calls, each answer checked.
   */
  private static double medianCallUs(ZooModel<NDList, NDList> model, int operators)
      throws Exception {
    return 1000
        * Timing.medianMs(
            CALLS,
            CALLS,
            i -> {
              if (call(model, new long[] {i, 1}) != i + 1 + 2L * operators) {
                throw new IllegalStateException("floor probe model answered wrongly");
              }
            });
  }

  /**
   * One call of a probe model, as a search calls the index model: a new predictor, the inputs made
   * around the two filter arguments given, every output read back. Answers the sum of the arguments
   * after the model's adds (each argument plus the model's operators).
   */
  static long call(ZooModel<NDList, NDList> model, long[] arguments) throws TranslateException {
    try (Predictor<long[], Long> p = model.newPredictor(TRANSLATOR)) {
      return p.predict(arguments);
    }
  }

  /** Writes a probe model with {@code operators} adds into {@code dir} and loads it. */
  static ZooModel<NDList, NDList> load(Path dir, int operators) throws Exception {
    Files.createDirectories(dir);
    try (TorchScriptArchiveWriter w =
        new TorchScriptArchiveWriter(
            dir.resolve("floor.pt"), "floor", "FloorModel", source(operators))) {
      // nothing but the code and the training flag
    }
    Criteria<NDList, NDList> criteria =
        Criteria.builder()
            .setTypes(NDList.class, NDList.class)
            .optModelPath(dir)
            .optModelName("floor")
            .optEngine("PyTorch")
            .optDevice(Device.cpu())
            .build();
    return ModelLoading.load(criteria);
  }

  /**
   * The probe model's code: the index model's forward signature; {@code operators} adds of 1 to the
   * two filter arguments, then five of the inputs returned (the arguments after the adds).
   */
  static String source(int operators) {
    StringBuilder sb =
        new StringBuilder(
            "class FloorModel(Module):\n"
                + "  __parameters__ = []\n"
                + "  __buffers__ = []\n"
                + "  training : bool\n"
                + "  def forward(self: __torch__.FloorModel,\n"
                + "    queries: Tensor,\n"
                + "    k: Tensor,\n"
                + "    filter_ops: Tensor,\n"
                + "    filter_ints: Tensor,\n"
                + "    filter_floats: Tensor,\n"
                + "    allow: Tensor,\n"
                + "    options: Tensor) -> Tuple[Tensor, Tensor, Tensor, Tensor, Tensor]:\n"
                + "    x = filter_ints\n");
    for (int i = 0; i < operators; i++) {
      sb.append("    x = torch.add(x, 1)\n");
    }
    sb.append("    return (queries, filter_ops, x, k, options)\n");
    return sb.toString();
  }

  /**
   * Makes a B=1 search's seven inputs around the two filter arguments given, and answers the sum of
   * the third output (the arguments after the model's adds), having read all five.
   */
  private static final class ProbeTranslator implements Translator<long[], Long> {
    /** None: the inputs are made whole, as the index's translators make them. */
    @Override
    public Batchifier getBatchifier() {
      return null;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, long[] arguments) {
      NDManager m = ctx.getNDManager();
      return new NDList(
          m.create(new float[128], new Shape(1, 128)),
          m.create(new long[] {10}),
          m.create(new long[] {0, 5, 0, 0, 2, 0, 15, 0, 0, 0}, new Shape(2, 5)),
          m.create(arguments),
          m.create(new double[arguments.length]),
          m.create(new boolean[0]),
          m.create(new double[] {0.05, -1, 0, 1e6}));
    }

    @Override
    public Long processOutput(TranslatorContext ctx, NDList list) {
      long sum = 0;
      for (int i = 0; i < list.size(); i++) {
        if (i == 2) {
          for (long v : list.get(i).toLongArray()) {
            sum += v;
          }
        } else {
          list.get(i).toByteBuffer();
        }
      }
      return sum;
    }
  }
}
