package dev.linr.rank;

import dev.linr.torchscript.TorchScriptArchiveWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ranker as a TorchScript module written by {@link TorchScriptArchiveWriter}: class {@value
 * #CLASS_NAME} with buffers {@code w<i>} float32 {@code [in, out]} and {@code b<i>} float32 {@code
 * [out]} and {@code forward(features [N, F] float32) -> scores [N] float32}: per layer {@code
 * torch.matmul} then {@code torch.add} of the bias, {@code torch.relu} between layers.
 */
final class TorchScriptRankerModel {
  static final String CLASS_NAME = "RankerModel";

  /** The version of the module's layout, stored as its {@code format_version} attribute. */
  static final int FORMAT_VERSION = 1;

  private TorchScriptRankerModel() {}

  /** The class source, {@code code/__torch__.py}. */
  static String source(RankerMlp mlp) {
    List<String> lines = new ArrayList<>();
    lines.add("class " + CLASS_NAME + "(Module):");
    lines.add("  __parameters__ = []");
    StringBuilder buffers = new StringBuilder("  __buffers__ = [");
    for (int i = 0; i < mlp.layers(); i++) {
      buffers.append("\"w").append(i).append("\", \"b").append(i).append("\", ");
    }
    lines.add(buffers.append("]").toString());
    for (int i = 0; i < mlp.layers(); i++) {
      lines.add("  w" + i + " : Tensor");
      lines.add("  b" + i + " : Tensor");
    }
    lines.add("  training : bool");
    lines.add("  format_version : int");
    lines.add("  def forward(self: __torch__." + CLASS_NAME + ",");
    lines.add("    features: Tensor) -> Tensor:");
    lines.add("    # features [N, F] float32 -> scores [N] float32");
    lines.add("    x = features");
    for (int i = 0; i < mlp.layers(); i++) {
      String affine = "torch.add(torch.matmul(x, self.w" + i + "), self.b" + i + ")";
      lines.add("    x = " + (i + 1 < mlp.layers() ? "torch.relu(" + affine + ")" : affine));
    }
    lines.add("    return torch.reshape(x, [-1])");
    return String.join("\n", lines) + "\n";
  }

  /** Writes the module to {@code file}, with {@code archiveName} as the zip's top folder. */
  static void write(RankerMlp mlp, Path file, String archiveName) throws IOException {
    int[] widths = mlp.widths();
    TorchScriptArchiveWriter writer =
        new TorchScriptArchiveWriter(file, archiveName, CLASS_NAME, source(mlp));
    try {
      for (int i = 0; i < mlp.layers(); i++) {
        writer.addFloat32Tensor("w" + i, new long[] {widths[i], widths[i + 1]}, mlp.weights(i));
        writer.addFloat32Tensor("b" + i, new long[] {widths[i + 1]}, mlp.biases(i));
      }
      writer.addInt("format_version", FORMAT_VERSION);
      writer.close();
    } catch (IOException | RuntimeException e) {
      writer.abort();
      throw e;
    }
  }
}
