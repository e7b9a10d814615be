package dev.linr.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.linr.runtime.UpdateResult;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what the update requests of {@link UpdateStream} did, from the server's answers or from
 * in-process results, so that the index's item count can be checked exactly afterwards: {@code N +
 * new items upserted - items deleted}. An upsert must apply every item and a delete may only miss
 * ids (not found); anything else fails the request. Thread-safe.
 */
final class UpdateTally {
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong upserted = new AtomicLong();
  private final AtomicLong newItems = new AtomicLong();
  private final AtomicLong deleted = new AtomicLong();
  private final AtomicLong notFound = new AtomicLong();

  /**
   * Records the server's answer to {@code batch}.
   *
   * @throws IllegalStateException if an item was refused
   */
  void http(UpdateStream.Batch batch, String body) {
    JsonObject o = JsonParser.parseString(body).getAsJsonObject();
    if (o.get("failed").getAsLong() != 0) {
      throw new IllegalStateException(
          "update request " + batch.request() + " refused items: " + HttpLoad.abbreviate(body));
    }
    if (batch.isDelete()) {
      record(batch, o.get("deleted").getAsLong(), o.get("notFound").getAsLong());
    } else {
      record(batch, o.get("upserted").getAsLong(), 0);
    }
  }

  /**
   * Records an in-process result of {@code batch} (where a delete's missing ids are its errors).
   *
   * @throws IllegalStateException if an upserted item was refused
   */
  void local(UpdateStream.Batch batch, UpdateResult result) {
    if (!batch.isDelete() && !result.errors().isEmpty()) {
      throw new IllegalStateException(
          "update request " + batch.request() + " refused items: " + result.errors().get(0));
    }
    record(batch, result.applied(), batch.isDelete() ? result.errors().size() : 0);
  }

  private void record(UpdateStream.Batch batch, long applied, long missing) {
    if (applied + missing != batch.size()) {
      throw new IllegalStateException(
          "update request "
              + batch.request()
              + " of "
              + batch.size()
              + " items: "
              + applied
              + " applied and "
              + missing
              + " not found");
    }
    requests.incrementAndGet();
    if (batch.isDelete()) {
      deleted.addAndGet(applied);
      notFound.addAndGet(missing);
    } else {
      upserted.addAndGet(applied);
      newItems.addAndGet(batch.newItems());
    }
  }

  long requests() {
    return requests.get();
  }

  /** The item count of an index that held {@code start} items before these updates. */
  long expectedItems(long start) {
    return start + newItems.get() - deleted.get();
  }

  JsonObject json() {
    JsonObject o = new JsonObject();
    o.addProperty("requests", requests.get());
    o.addProperty("upserted", upserted.get());
    o.addProperty("new_items", newItems.get());
    o.addProperty("deleted", deleted.get());
    o.addProperty("not_found", notFound.get());
    return o;
  }
}
