package dev.linr.serving.workflow;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import com.google.gson.JsonObject;
import java.util.concurrent.CompletableFuture;

/** A registered workflow: its definition and the models it loaded. Closing it closes them. */
public interface Workflow extends AutoCloseable {
  String name();

  /** The version, or null when it has none. */
  String version();

  /** The URL of its JSON file, as given. */
  String url();

  /** Runs the workflow on one request; the future holds {@code out}'s value. */
  CompletableFuture<Output> run(Input input);

  /** A description in the shape of {@link dev.linr.serving.wlm.ModelVersion#describe()}. */
  JsonObject describe();

  @Override
  void close();
}
