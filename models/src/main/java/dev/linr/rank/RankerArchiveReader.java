package dev.linr.rank;

import dev.linr.archive.ServingProperties;
import dev.linr.torchscript.TorchScriptArchiveReader;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads back the ranker of an archive folder written by {@link RankerArchiveBuilder}: its dimension
 * and features from {@code serving.properties}, its weights from the model file, {@code
 * <name>.onnx} (the {@code w<i>} and {@code b<i>} initializers) or {@code <name>.pt} (the buffers
 * {@code w0, b0, w1, b1, ...} in that order). Only files in the layout that builder writes are
 * read; anything else is refused with a message naming the file.
 */
public final class RankerArchiveReader {
  private RankerArchiveReader() {}

  /**
   * The ranker of the archive folder {@code dir}.
   *
   * @throws IllegalArgumentException if {@code dir} is not a ranker archive written by linr, naming
   *     the file and what is wrong
   */
  public static RankerDefinition read(Path dir) throws IOException {
    ServingProperties p;
    try {
      p = ServingProperties.read(dir);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          "not a ranker archive: " + dir.resolve(ServingProperties.FILE) + " is missing", e);
    }
    String translator = p.get("translator");
    if (!RankerArchiveBuilder.SERVING_TRANSLATOR.equals(
        translator == null ? null : translator.trim())) {
      throw new IllegalArgumentException(
          "not a ranker archive: "
              + dir.resolve(ServingProperties.FILE)
              + " names translator "
              + translator
              + ", expected "
              + RankerArchiveBuilder.SERVING_TRANSLATOR);
    }
    int dimension = dimension(p.get(RankerDefinition.DIMENSION), dir);
    RankerFeatures features =
        RankerFeatures.parse(p.get(RankerDefinition.FEATURES), p.get(RankerDefinition.ATTRIBUTES));
    String name = p.get("option.modelName");
    name = name == null || name.isBlank() ? dir.getFileName().toString() : name.trim();
    String engine = p.get("engine") == null ? "" : p.get("engine").trim();
    List<float[]> tensors;
    Path file;
    if (engine.equals(RankerFormat.ONNX.engine())) {
      file = dir.resolve(name + RankerFormat.ONNX.extension());
      tensors = onnxWeights(file);
    } else if (engine.equals(RankerFormat.TORCHSCRIPT.engine())) {
      file = dir.resolve(name + RankerFormat.TORCHSCRIPT.extension());
      tensors = torchScriptWeights(file);
    } else {
      throw new IllegalArgumentException(
          dir.resolve(ServingProperties.FILE)
              + ": engine '"
              + engine
              + "' is not a ranker engine; valid: OnnxRuntime, PyTorch");
    }
    return definition(dimension, features, tensors, file);
  }

  private static int dimension(String text, Path dir) {
    try {
      int d = Integer.parseInt(text == null ? "" : text.trim());
      if (d >= 1) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        dir.resolve(ServingProperties.FILE)
            + ": dimension must be a positive integer, got: '"
            + text
            + "'");
  }

  /** Weights and biases alternate: w0, b0, w1, b1, ...; widths follow from their sizes. */
  private static RankerDefinition definition(
      int dimension, RankerFeatures features, List<float[]> tensors, Path file) {
    if (tensors.isEmpty() || tensors.size() % 2 != 0) {
      throw new IllegalArgumentException(
          file
              + ": expected a weight matrix and a bias per layer, found "
              + tensors.size()
              + " tensors");
    }
    int layers = tensors.size() / 2;
    int[] widths = new int[layers + 1];
    widths[0] = features.width(dimension);
    List<float[]> weights = new ArrayList<>();
    List<float[]> biases = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      float[] w = tensors.get(2 * i);
      float[] b = tensors.get(2 * i + 1);
      widths[i + 1] = b.length;
      if (b.length == 0 || w.length != (long) widths[i] * b.length) {
        throw new IllegalArgumentException(
            file
                + ": layer "
                + i
                + " has "
                + w.length
                + " weights and "
                + b.length
                + " biases, which do not fit "
                + widths[i]
                + " inputs");
      }
      weights.add(w);
      biases.add(b);
    }
    return new RankerDefinition(dimension, features, RankerMlp.of(widths, weights, biases));
  }

  private static List<float[]> torchScriptWeights(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("not a ranker archive: " + file + " is missing");
    }
    List<float[]> out = new ArrayList<>();
    try (TorchScriptArchiveReader reader = TorchScriptArchiveReader.open(file)) {
      for (String key : reader.storageKeys()) {
        out.add(floats(reader.read(reader.storage(key))));
      }
    }
    return out;
  }

  /** The float32 initializers {@code w<i>} and {@code b<i>} of the model's graph, by layer. */
  private static List<float[]> onnxWeights(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("not a ranker archive: " + file + " is missing");
    }
    Map<String, float[]> initializers = new HashMap<>();
    try {
      ByteBuffer model = ByteBuffer.wrap(Files.readAllBytes(file));
      for (Field graph : Field.all(model)) {
        if (graph.number == 7) {
          for (Field f : Field.all(graph.bytes())) {
            if (f.number == 5) {
              tensor(f.bytes(), initializers, file);
            }
          }
        }
      }
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException(
          file + " is not a valid ONNX model: its protobuf encoding is cut off or malformed", e);
    }
    List<float[]> out = new ArrayList<>();
    for (int i = 0; initializers.containsKey("w" + i); i++) {
      float[] b = initializers.get("b" + i);
      if (b == null) {
        throw new IllegalArgumentException(file + ": initializer b" + i + " is missing");
      }
      out.add(initializers.get("w" + i));
      out.add(b);
    }
    return out;
  }

  /** One {@code TensorProto}: data_type (2) must be FLOAT (1), values in raw_data (9). */
  private static void tensor(ByteBuffer proto, Map<String, float[]> out, Path file) {
    String name = null;
    long type = -1;
    byte[] raw = null;
    for (Field f : Field.all(proto)) {
      switch (f.number) {
        case 2 -> type = f.varint;
        case 8 -> name = new String(bytes(f.bytes()), StandardCharsets.UTF_8);
        case 9 -> raw = bytes(f.bytes());
        default -> {}
      }
    }
    if (name == null || !name.matches("[wb]\\d+")) {
      return;
    }
    if (type != 1 || raw == null || raw.length % 4 != 0) {
      throw new IllegalArgumentException(
          file + ": initializer " + name + " is not float32 raw data as linr writes it");
    }
    out.put(name, floats(raw));
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  private static float[] floats(byte[] raw) {
    float[] out = new float[raw.length / 4];
    ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }

  /** One protobuf field: its number and, by wire type, a varint or a length-delimited slice. */
  private record Field(int number, long varint, ByteBuffer slice) {
    ByteBuffer bytes() {
      if (slice == null) {
        throw new BufferUnderflowException();
      }
      return slice.duplicate();
    }

    static List<Field> all(ByteBuffer in) {
      ByteBuffer b = in.duplicate();
      List<Field> out = new ArrayList<>();
      while (b.hasRemaining()) {
        long tag = varint(b);
        int number = (int) (tag >>> 3);
        switch ((int) (tag & 7)) {
          case 0 -> out.add(new Field(number, varint(b), null));
          case 1 -> skip(b, 8);
          case 2 -> {
            long length = varint(b);
            if (length < 0 || length > b.remaining()) {
              throw new BufferUnderflowException();
            }
            out.add(new Field(number, 0, b.slice(b.position(), (int) length)));
            skip(b, (int) length);
          }
          case 5 -> skip(b, 4);
          default -> throw new BufferUnderflowException();
        }
      }
      return out;
    }

    private static void skip(ByteBuffer b, int bytes) {
      if (bytes > b.remaining()) {
        throw new BufferUnderflowException();
      }
      b.position(b.position() + bytes);
    }

    private static long varint(ByteBuffer b) {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte x = b.get();
        value |= (long) (x & 0x7f) << shift;
        if ((x & 0x80) == 0) {
          return value;
        }
      }
      throw new BufferUnderflowException();
    }
  }
}
