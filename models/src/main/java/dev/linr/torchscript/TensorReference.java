package dev.linr.torchscript;

/**
 * A tensor attribute: {@code torch._utils._rebuild_tensor_v2} over the storage stored in entry
 * {@code data/<storageKey>}, at offset 0, with contiguous strides and {@code requires_grad=False}.
 */
record TensorReference(TensorLayout layout, String storageKey) implements PickleValue {
  @Override
  public void writeTo(PickleWriter p) {
    p.global("torch._utils", "_rebuild_tensor_v2").mark();
    p.mark()
        .string("storage")
        .global("torch", layout.dtype().storageClass())
        .string(storageKey)
        .string("cpu")
        .integer(layout.numel())
        .tuple()
        .binPersId();
    p.integer(0);
    intTuple(p, layout.shape());
    intTuple(p, layout.strides());
    p.bool(false);
    p.global("collections", "OrderedDict").emptyTuple().reduce();
    p.tuple().reduce();
  }

  private static void intTuple(PickleWriter p, long[] values) {
    p.mark();
    for (long v : values) {
      p.integer(v);
    }
    p.tuple();
  }
}
