package dev.linr.serving.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class StepValuesTest {
  @Test
  void requestGoesToAModelAsItCame() {
    Input request = new Input();
    request.addProperty("x-trace", "abc");
    assertSame(request, StepValues.modelInput(request, request));
  }

  @Test
  void previousOutputPassesOnlyItsDataAndContentType() {
    Output previous = new Output();
    previous.addProperty("Content-Type", "application/json");
    previous.addProperty("x-trace", "abc");
    previous.add("data", "{\"k\": 1}");
    previous.add("extra", "other");
    Input next = StepValues.modelInput(previous, new Input());
    assertEquals("{\"k\": 1}", next.getData().getAsString());
    assertEquals(1, next.getContent().size());
    assertEquals("application/json", next.getProperty("content-type", null));
    assertNull(next.getProperty("x-trace", null));
  }

  @Test
  void nameValueIsUtf8Text() {
    Output o = StepValues.name("ranker");
    assertEquals("ranker", o.getData().getAsString());
    assertEquals("text/plain; charset=utf-8", o.getProperty("Content-Type", null));
  }

  @Test
  void unwrapRemovesFutureWrappers() {
    IllegalStateException cause = new IllegalStateException("x");
    assertSame(cause, StepValues.unwrap(new CompletionException(new ExecutionException(cause))));
  }
}
