package dev.linr.rank;

/** The model file a ranker archive holds, and the DJL engine that runs it. */
public enum RankerFormat {
  /** {@code <name>.onnx}, run by ONNX Runtime ({@code engine=OnnxRuntime}). */
  ONNX("OnnxRuntime", ".onnx"),
  /** {@code <name>.pt}, TorchScript run by libtorch ({@code engine=PyTorch}). */
  TORCHSCRIPT("PyTorch", ".pt");

  private final String engine;
  private final String extension;

  RankerFormat(String engine, String extension) {
    this.engine = engine;
    this.extension = extension;
  }

  /** The DJL engine name written as {@code engine=} in serving.properties. */
  public String engine() {
    return engine;
  }

  /** The model file's extension, with its dot. */
  public String extension() {
    return extension;
  }
}
