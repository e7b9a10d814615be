package dev.linr.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An ONNX model file ({@code ModelProto}) around one graph: IR version {@value #IR_VERSION}, the
 * default operator set at version {@value #OPSET_VERSION}, a producer and optional metadata
 * properties. Immutable; {@link #toByteArray()} is the content of a {@code .onnx} file, which ONNX
 * Runtime loads.
 *
 * <pre>{@code
 * OnnxGraph graph = OnnxGraph.builder()
 *     .setName("relu")
 *     .addInput(OnnxValueInfo.tensor("x", OnnxDataType.FLOAT, "N", 4L))
 *     .addNode(OnnxNode.of("Relu", "relu0", List.of("x"), List.of("y")))
 *     .addOutput(OnnxValueInfo.tensor("y", OnnxDataType.FLOAT, "N", 4L))
 *     .build();
 * OnnxModel.builder().setGraph(graph).build().write(Path.of("relu.onnx"));
 * }</pre>
 */
public final class OnnxModel {
  /** The IR version written: 8 (ONNX 1.10 on), which ONNX Runtime 1.10 and later read. */
  public static final int IR_VERSION = 8;

  /** The version of the default ("ai.onnx") operator set imported: 13. */
  public static final int OPSET_VERSION = 13;

  private final OnnxGraph graph;
  private final String producerName;
  private final String producerVersion;
  private final String docString;
  private final Map<String, String> metadata;

  private OnnxModel(Builder b) {
    this.graph = b.graph;
    this.producerName = b.producerName;
    this.producerVersion = b.producerVersion;
    this.docString = b.docString;
    this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
  }

  public OnnxGraph graph() {
    return graph;
  }

  /** The metadata properties, in insertion order; unmodifiable. */
  public Map<String, String> metadata() {
    return metadata;
  }

  /**
   * The encoded {@code ModelProto}: ir_version (1), producer_name (2), producer_version (3),
   * doc_string (6), graph (7), opset_import (8) with version (2) of the default domain, and
   * metadata_props (14) as key (1) / value (2) entries.
   */
  public byte[] toByteArray() {
    ProtoWriter p = new ProtoWriter().int64(1, IR_VERSION).string(2, producerName);
    if (producerVersion != null) {
      p.string(3, producerVersion);
    }
    if (docString != null) {
      p.string(6, docString);
    }
    p.message(7, graph.encode());
    p.message(8, new ProtoWriter().int64(2, OPSET_VERSION));
    metadata.forEach((k, v) -> p.message(14, new ProtoWriter().string(1, k).string(2, v)));
    return p.toByteArray();
  }

  /** Writes the model to {@code file}, replacing it. */
  public void write(Path file) throws IOException {
    Files.write(file, toByteArray());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link OnnxModel}: {@code set*} is required, {@code opt*} optional. */
  public static final class Builder {
    private OnnxGraph graph;
    private String producerName = "linr";
    private String producerVersion;
    private String docString;
    private final Map<String, String> metadata = new LinkedHashMap<>();

    private Builder() {}

    /** The graph. Required. */
    public Builder setGraph(OnnxGraph graph) {
      this.graph = graph;
      return this;
    }

    /** Who wrote the model; default {@code linr} with no version. */
    public Builder optProducer(String name, String version) {
      this.producerName = Objects.requireNonNull(name, "name");
      this.producerVersion = version;
      return this;
    }

    /** A human-readable description. */
    public Builder optDocString(String docString) {
      this.docString = docString;
      return this;
    }

    /** A metadata property (ONNX Runtime reports them as custom metadata); in insertion order. */
    public Builder optMetadata(String key, String value) {
      metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Builds the model.
     *
     * @throws IllegalArgumentException if the graph is missing
     */
    public OnnxModel build() {
      if (graph == null) {
        throw new IllegalArgumentException("graph is required");
      }
      return new OnnxModel(this);
    }
  }
}
