package dev.linr.serving.workflow;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.ndarray.BytesSupplier;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** How values pass between steps. */
final class StepValues {
  static final String CONTENT_TYPE = "Content-Type";

  private StepValues() {}

  /** The value of a model or function name used as an argument: the name as UTF-8 text. */
  static Output name(String name) {
    Output o = new Output();
    o.addProperty(CONTENT_TYPE, "text/plain; charset=utf-8");
    o.add("data", BytesSupplier.wrap(name));
    return o;
  }

  /**
   * The input of a model step whose argument has this value. The request itself is passed as it
   * came; any other value passes only its data and its {@code Content-Type}, so the request's
   * headers and a previous step's other properties do not flow on (as in DJL Serving).
   */
  static Input modelInput(Input value, Input request) {
    if (value == request) {
      return request;
    }
    return dataOnly(value, new Input());
  }

  /** The workflow's answer: {@code out}'s value, as an {@link Output}. */
  static Output answer(Input value) {
    return value instanceof Output o ? o : dataOnly(value, new Output());
  }

  private static <T extends Input> T dataOnly(Input from, T to) {
    BytesSupplier data = from.getData();
    if (data != null) {
      to.add("data", data);
    }
    String type = from.getProperty(CONTENT_TYPE, null);
    if (type != null) {
      to.addProperty(CONTENT_TYPE, type);
    }
    return to;
  }

  /** The failure a step raised, without the wrappers that futures add around it. */
  static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
