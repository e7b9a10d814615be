package dev.linr.rank;

import dev.linr.onnx.OnnxDataType;
import dev.linr.onnx.OnnxGraph;
import dev.linr.onnx.OnnxModel;
import dev.linr.onnx.OnnxNode;
import dev.linr.onnx.OnnxTensor;
import dev.linr.onnx.OnnxValueInfo;
import java.util.List;

/**
 * The ranker as an ONNX graph: input {@value #INPUT} float32 {@code [N, F]}, per layer {@code Gemm}
 * with initializers {@code w<i>} {@code [in, out]} and {@code b<i>} {@code [out]} (Gemm's defaults:
 * alpha and beta 1, no transposes) and {@code Relu} between layers, then {@code Squeeze} of axis 1
 * to output {@value #OUTPUT} float32 {@code [N]}.
 */
final class OnnxRankerModel {
  static final String INPUT = "features";
  static final String OUTPUT = "scores";

  /** The version of the ranker graph's layout, recorded in the model's metadata. */
  static final int FORMAT_VERSION = 1;

  private OnnxRankerModel() {}

  static OnnxModel of(RankerDefinition ranker) {
    RankerMlp mlp = ranker.mlp();
    int[] widths = mlp.widths();
    OnnxGraph.Builder g =
        OnnxGraph.builder()
            .setName("ranker")
            .addInput(OnnxValueInfo.tensor(INPUT, OnnxDataType.FLOAT, "N", (long) widths[0]));
    String x = INPUT;
    for (int i = 0; i < mlp.layers(); i++) {
      String w = "w" + i;
      String b = "b" + i;
      g.addInitializer(OnnxTensor.floats(w, new long[] {widths[i], widths[i + 1]}, mlp.weights(i)));
      g.addInitializer(OnnxTensor.floats(b, new long[] {widths[i + 1]}, mlp.biases(i)));
      String affine = "affine" + i;
      g.addNode(OnnxNode.of("Gemm", "gemm" + i, List.of(x, w, b), List.of(affine)));
      if (i + 1 < mlp.layers()) {
        x = "hidden" + i;
        g.addNode(OnnxNode.of("Relu", "relu" + i, List.of(affine), List.of(x)));
      } else {
        x = affine;
      }
    }
    g.addInitializer(OnnxTensor.longs("squeeze_axes", new long[] {1}, new long[] {1}));
    g.addNode(OnnxNode.of("Squeeze", "squeeze", List.of(x, "squeeze_axes"), List.of(OUTPUT)));
    g.addOutput(OnnxValueInfo.tensor(OUTPUT, OnnxDataType.FLOAT, "N"));
    OnnxModel.Builder m =
        OnnxModel.builder()
            .setGraph(g.build())
            .optDocString(
                "linr ranker: features [N, F] float32 -> scores [N] float32 (" + ranker + ")")
            .optMetadata("linr.ranker.format_version", Integer.toString(FORMAT_VERSION));
    ranker.translatorArguments().forEach((k, v) -> m.optMetadata("linr.ranker." + k, v));
    return m.build();
  }
}
