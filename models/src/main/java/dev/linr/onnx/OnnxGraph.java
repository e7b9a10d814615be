package dev.linr.onnx;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A computation graph ({@code GraphProto}): inputs, constant initializers, nodes in topological
 * order and outputs. Immutable; {@link Builder#build()} checks that every value is defined once,
 * before it is used, and that every output is computed.
 */
public final class OnnxGraph {
  private final String name;
  private final List<OnnxValueInfo> inputs;
  private final List<OnnxTensor> initializers;
  private final List<OnnxNode> nodes;
  private final List<OnnxValueInfo> outputs;

  private OnnxGraph(Builder b) {
    this.name = b.name;
    this.inputs = List.copyOf(b.inputs);
    this.initializers = List.copyOf(b.initializers);
    this.nodes = List.copyOf(b.nodes);
    this.outputs = List.copyOf(b.outputs);
  }

  public String name() {
    return name;
  }

  public List<OnnxNode> nodes() {
    return nodes;
  }

  public List<OnnxValueInfo> inputs() {
    return inputs;
  }

  public List<OnnxValueInfo> outputs() {
    return outputs;
  }

  /**
   * The encoded {@code GraphProto}: node (1), name (2), initializer (5), input (11), output (12).
   */
  ProtoWriter encode() {
    ProtoWriter p = new ProtoWriter();
    nodes.forEach(n -> p.message(1, n.encode()));
    p.string(2, name);
    initializers.forEach(t -> p.message(5, t.encode()));
    inputs.forEach(i -> p.message(11, i.encode()));
    outputs.forEach(o -> p.message(12, o.encode()));
    return p;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link OnnxGraph}: {@code set*} is required, the lists are filled in order. */
  public static final class Builder {
    private String name;
    private final List<OnnxValueInfo> inputs = new ArrayList<>();
    private final List<OnnxTensor> initializers = new ArrayList<>();
    private final List<OnnxNode> nodes = new ArrayList<>();
    private final List<OnnxValueInfo> outputs = new ArrayList<>();

    private Builder() {}

    /** The graph's name. Required. */
    public Builder setName(String name) {
      this.name = name;
      return this;
    }

    public Builder addInput(OnnxValueInfo input) {
      inputs.add(Objects.requireNonNull(input, "input"));
      return this;
    }

    public Builder addInitializer(OnnxTensor initializer) {
      initializers.add(Objects.requireNonNull(initializer, "initializer"));
      return this;
    }

    /** Appends a node; nodes must come after the nodes that compute their inputs. */
    public Builder addNode(OnnxNode node) {
      nodes.add(Objects.requireNonNull(node, "node"));
      return this;
    }

    public Builder addOutput(OnnxValueInfo output) {
      outputs.add(Objects.requireNonNull(output, "output"));
      return this;
    }

    /**
     * Builds the graph.
     *
     * @throws IllegalArgumentException naming the value: no name, no output, a value defined twice,
     *     a node input that nothing defines before it, an output that nothing computes
     */
    public OnnxGraph build() {
      OnnxNames.require(name, "graph name");
      if (outputs.isEmpty()) {
        throw new IllegalArgumentException("graph " + name + " has no outputs");
      }
      Set<String> defined = new HashSet<>();
      for (OnnxValueInfo i : inputs) {
        define(defined, i.name(), "input");
      }
      for (OnnxTensor t : initializers) {
        define(defined, t.name(), "initializer");
      }
      Set<String> nodeNames = new HashSet<>();
      for (OnnxNode n : nodes) {
        if (!nodeNames.add(n.name())) {
          throw new IllegalArgumentException("two nodes are named " + n.name());
        }
        for (String in : n.inputs()) {
          if (!defined.contains(in)) {
            throw new IllegalArgumentException(
                "node " + n.name() + " reads " + in + ", which nothing defines before it");
          }
        }
        for (String out : n.outputs()) {
          define(defined, out, "output of node " + n.name());
        }
      }
      for (OnnxValueInfo o : outputs) {
        if (!defined.contains(o.name())) {
          throw new IllegalArgumentException("graph output " + o.name() + " is never computed");
        }
      }
      return new OnnxGraph(this);
    }

    private static void define(Set<String> defined, String value, String as) {
      if (!defined.add(value)) {
        throw new IllegalArgumentException(
            "value " + value + " is defined twice (again as " + as + ")");
      }
    }
  }
}
