package dev.linr.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One operator application ({@code NodeProto}) of the default ONNX domain: its type ({@code Gemm},
 * {@code Relu}, ...), the names of its inputs and outputs, and its attributes. Immutable.
 *
 * <pre>{@code
 * OnnxNode gemm = OnnxNode.of("Gemm", "layer0", List.of("x", "w0", "b0"), List.of("h0"));
 * }</pre>
 */
public final class OnnxNode {
  private final String opType;
  private final String name;
  private final List<String> inputs;
  private final List<String> outputs;
  private final List<OnnxAttribute> attributes;

  private OnnxNode(
      String opType,
      String name,
      List<String> inputs,
      List<String> outputs,
      List<OnnxAttribute> attributes) {
    this.opType = OnnxNames.require(opType, "op type");
    this.name = OnnxNames.require(name, "node name");
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);
    this.attributes = List.copyOf(attributes);
    this.inputs.forEach(i -> OnnxNames.require(i, "input of node " + name));
    if (this.outputs.isEmpty()) {
      throw new IllegalArgumentException("node " + name + " must have at least one output");
    }
    this.outputs.forEach(o -> OnnxNames.require(o, "output of node " + name));
  }

  /** A node without attributes. */
  public static OnnxNode of(String opType, String name, List<String> inputs, List<String> outputs) {
    return new OnnxNode(opType, name, inputs, outputs, List.of());
  }

  /** This node with one more attribute. */
  public OnnxNode withAttribute(OnnxAttribute attribute) {
    List<OnnxAttribute> a = new ArrayList<>(attributes);
    a.add(Objects.requireNonNull(attribute, "attribute"));
    return new OnnxNode(opType, name, inputs, outputs, a);
  }

  public String opType() {
    return opType;
  }

  public String name() {
    return name;
  }

  public List<String> inputs() {
    return inputs;
  }

  public List<String> outputs() {
    return outputs;
  }

  /** The encoded {@code NodeProto}: input (1), output (2), name (3), op_type (4), attribute (5). */
  ProtoWriter encode() {
    ProtoWriter p = new ProtoWriter();
    inputs.forEach(i -> p.string(1, i));
    outputs.forEach(o -> p.string(2, o));
    p.string(3, name).string(4, opType);
    attributes.forEach(a -> p.message(5, a.encode()));
    return p;
  }
}
