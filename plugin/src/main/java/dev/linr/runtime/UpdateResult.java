package dev.linr.runtime;

import java.util.List;

/**
 * What a batch of live updates did: how many of its entries were applied and, for each refused one,
 * why. Refused entries change nothing; the others are applied.
 *
 * @param applied entries applied
 * @param errors refused entries, in batch order
 */
public record UpdateResult(int applied, List<ItemError> errors) {
  public UpdateResult {
    errors = List.copyOf(errors);
  }

  /**
   * A refused entry.
   *
   * @param index its 0-based position in the batch
   * @param field the field at fault ({@code id}, {@code vector}, {@code attributes.geo}, ...)
   * @param message what is wrong
   */
  public record ItemError(int index, String field, String message) {}
}
