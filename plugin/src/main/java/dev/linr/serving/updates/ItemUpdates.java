package dev.linr.serving.updates;

import dev.linr.runtime.UpdateResult;
import dev.linr.schema.IdType;
import java.util.List;

/**
 * The items of one served index, as the update routes change them. Implementations are thread-safe;
 * they apply one batch at a time, and searches of the index see each batch as soon as its call
 * returns. The index's owner closes it; this view owns nothing.
 */
public interface ItemUpdates {
  /**
   * Inserts or replaces items given in the build's JSON Lines item format, one item per string. A
   * refused item is reported with its field and changes nothing; the batch's other items apply.
   */
  UpdateResult upsert(List<String> items);

  /**
   * Deletes items by id: {@code Long} ids for an index of {@link IdType#INT} ids, {@code String}
   * ids otherwise. An id not in the index is reported as an error; the others are deleted.
   */
  UpdateResult delete(List<?> ids);

  /** The type of the index's ids. */
  IdType idType();

  /** How full the index is now, and how far its updates are durable. */
  IndexStatus status();
}
