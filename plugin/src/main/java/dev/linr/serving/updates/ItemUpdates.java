package dev.linr.serving.updates;

import dev.linr.runtime.UpdateResult;
import dev.linr.schema.IdType;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The items of one served index, as the update routes change them. Implementations are thread-safe;
 * they apply one batch at a time, and searches of the index see each batch as soon as its call
 * returns. The index's owner closes it; this view owns nothing.
 */
public interface ItemUpdates {
  /**
   * Inserts or replaces items given in the build's JSON Lines item format, one item per string. A
   * refused item is reported with its field and changes nothing; the batch's other items apply.
   *
   * @throws IOException if the batch cannot be made durable (it is then not applied)
   */
  UpdateResult upsert(List<String> items) throws IOException;

  /**
   * Deletes items by id: {@code Long} ids for an index of {@link IdType#INT} ids, {@code String}
   * ids otherwise. Only an id not in the index (or given earlier in the batch) is reported as an
   * error; the others are deleted.
   *
   * @throws IOException if the batch cannot be made durable (it is then not applied)
   */
  UpdateResult delete(List<?> ids) throws IOException;

  /**
   * As {@link #upsert(List)}, for a batch read from a change stream: {@code positions} (source name
   * to the next offset to read) are the stream positions the batch advances. A durable
   * implementation logs them with the batch, so that after a restart {@link #positions()} resumes
   * the stream right after the last batch applied; the default (in memory) keeps none.
   */
  default UpdateResult upsert(List<String> items, Map<String, Long> positions) throws IOException {
    return upsert(items);
  }

  /**
   * As {@link #delete(List)}, for a batch read from a change stream (see {@link #upsert(List,
   * Map)}).
   */
  default UpdateResult delete(List<?> ids, Map<String, Long> positions) throws IOException {
    return delete(ids);
  }

  /**
   * The change stream positions recovered and applied (source name to the next offset to read);
   * empty when none are kept (the default: in memory, a stream is read from its start).
   */
  default Map<String, Long> positions() {
    return Map.of();
  }

  /** The type of the index's ids. */
  IdType idType();

  /** How full the index is now, and how far its updates are durable. */
  IndexStatus status();
}
