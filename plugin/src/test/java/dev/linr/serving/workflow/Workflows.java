package dev.linr.serving.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Workflow files for tests. */
final class Workflows {
  private Workflows() {}

  /** Writes {@code json} (single quotes become double quotes) to {@code dir/fileName}. */
  static Path write(Path dir, String fileName, String json) {
    Path file = dir.resolve(fileName);
    try {
      Files.createDirectories(dir);
      Files.writeString(file, json.replace('\'', '"'), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /**
   * Parses {@code json} (single quotes become double quotes) as if read from {@code /wf/x.json}.
   */
  static WorkflowDefinition parse(String json) {
    return WorkflowParser.parse(json.replace('\'', '"'), "x.json", Path.of("/wf"), null);
  }
}
