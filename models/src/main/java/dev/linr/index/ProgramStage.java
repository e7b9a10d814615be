package dev.linr.index;

import java.util.List;

/**
 * A further stage compiled into the index program, for a model that does more with what it
 * retrieves (see {@link IndexProgram#source(IndexLayout, ProgramStage)}). The stage's methods call
 * the index's search entry point, {@code self.search(queries, k, filter_ops, filter_ints,
 * filter_floats, allow, options)}, which returns what the plain index model's {@code forward}
 * returns.
 *
 * <p>Implementations are immutable descriptions of generated source.
 */
public interface ProgramStage {
  /** The module's class name in {@code __torch__}; the stage's methods annotate {@code self} so. */
  String className();

  /** The stage's buffers, declared after the index's and written after them in the archive. */
  List<BufferSpec> buffers();

  /**
   * The stage's methods in TorchScript's serialized dialect, indented as class members; must define
   * {@code forward}.
   */
  String methods();
}
