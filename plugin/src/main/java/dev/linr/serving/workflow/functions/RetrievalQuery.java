package dev.linr.serving.workflow.functions;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.linr.serving.workflow.WorkflowContext;
import dev.linr.serving.workflow.WorkflowFunction;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Turns a workflow request ({@link FeedRequest}: {@code {"vector", "k", "n", "filter"}}) into the
 * index request {@code {"vector", "k", "filter", "include": ["vector", "attributes"]}}, so that the
 * ranker gets each candidate's stored vector and attributes. {@code n} is not forwarded (the index
 * rejects unknown fields). Step: {@code ["retrievalQuery", "in"]}. Stateless and thread-safe.
 */
public final class RetrievalQuery implements WorkflowFunction {
  @Override
  public CompletableFuture<Output> apply(List<Input> args, WorkflowContext context) {
    if (args.size() != 1) {
      throw new IllegalArgumentException(
          "retrievalQuery takes one argument (the request, in), got " + args.size());
    }
    FeedRequest request = FeedRequest.parse(args.get(0));
    JsonObject query = new JsonObject();
    query.add("vector", request.vector());
    query.addProperty("k", request.k());
    if (request.filter() != null) {
      query.addProperty("filter", request.filter());
    }
    JsonArray include = new JsonArray();
    include.add("vector");
    include.add("attributes");
    query.add("include", include);
    return CompletableFuture.completedFuture(JsonBodies.output(query));
  }
}
