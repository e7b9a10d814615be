package dev.linr.serving.wlm;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many native resources the PyTorch engine's system manager holds. Every DJL model on PyTorch
 * owns a manager attached to the system manager from the model's creation until it is closed, so a
 * model left open by a failed load shows as one more. DJL states the count only in the manager's
 * {@code toString()} ({@code "... Resource size: N"}); a change of that format fails loudly here
 * rather than passing.
 */
final class OpenModels {
  private static final Pattern SIZE = Pattern.compile("Resource size: (\\d+)$");

  private OpenModels() {}

  /** Resources attached to the PyTorch system manager now. */
  static int count() {
    NDManager system;
    try (NDManager probe = Engine.getEngine("PyTorch").newBaseManager()) {
      system = probe.getParentManager();
    }
    String described = system.toString();
    Matcher m = SIZE.matcher(described);
    if (!m.find()) {
      throw new IllegalStateException("no resource count in " + described);
    }
    return Integer.parseInt(m.group(1));
  }
}
