package dev.linr.translate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.linr.index.IndexProgram;

/**
 * Restricts the index model's inputs, as {@link SearchBatchTranslator} and {@link
 * IndexServingTranslator} build them, to a set of slots shared by the whole batch: the {@code
 * allow} input becomes that set, ANDed with the requests' own allow masks when they have any.
 * Stateless and thread-safe.
 */
public final class AllowedSlots {
  private AllowedSlots() {}

  /**
   * The inputs with {@code allow} restricted to {@code allowed}.
   *
   * @param inputs the model's inputs; their {@code allow} array is replaced (it stays attached to
   *     its manager, which closes it)
   * @param allowed bool [1, capacity] on the model's device; not closed and not attached anywhere:
   *     the inputs get a new array (a view of it, or the AND with the requests' masks) attached to
   *     {@code manager}, so closing the inputs leaves {@code allowed} open
   * @param manager the manager of this forward pass (the predictor context's)
   */
  public static NDList restrict(NDList inputs, NDArray allowed, NDManager manager) {
    NDArray requested = inputs.get(IndexProgram.ALLOW_INPUT);
    NDArray restricted =
        requested.size() == 0 ? allowed.reshape(allowed.getShape()) : requested.logicalAnd(allowed);
    restricted.attach(manager);
    NDList out = new NDList(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      out.add(i == IndexProgram.ALLOW_INPUT ? restricted : inputs.get(i));
    }
    return out;
  }
}
