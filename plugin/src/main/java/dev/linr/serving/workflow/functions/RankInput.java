package dev.linr.serving.workflow.functions;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.linr.query.JsonTrees;
import dev.linr.serving.workflow.WorkflowContext;
import dev.linr.serving.workflow.WorkflowFunction;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Merges the workflow request with the index's answer into the ranker's request: {@code {"vector":
 * <the request's vector>, "candidates": <the answer's hits>, "n": <the request's n, default 10>}}.
 * Step: {@code ["rankInput", "in", "candidates"]}, where {@code candidates} is the index's answer
 * to one query ({@code {"hits": [...], "matched": ...}}). Stateless and thread-safe.
 */
public final class RankInput implements WorkflowFunction {
  @Override
  public CompletableFuture<Output> apply(List<Input> args, WorkflowContext context) {
    if (args.size() != 2) {
      throw new IllegalArgumentException(
          "rankInput takes two arguments (the request and the index's answer), got " + args.size());
    }
    FeedRequest request = FeedRequest.parse(args.get(0));
    JsonObject retrieved = JsonBodies.object(args.get(1), "rankInput's second argument");
    JsonElement hits = retrieved.get("hits");
    if (hits == null || !hits.isJsonArray()) {
      throw new IllegalArgumentException(
          "rankInput's second argument must be an index answer to one query, with a hits array;"
              + " got hits: "
              + JsonTrees.describe(hits));
    }
    JsonObject rank = new JsonObject();
    rank.add("vector", request.vector());
    rank.add("candidates", hits);
    rank.addProperty("n", request.n());
    return CompletableFuture.completedFuture(JsonBodies.output(rank));
  }
}
