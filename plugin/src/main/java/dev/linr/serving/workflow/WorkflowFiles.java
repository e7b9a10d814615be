package dev.linr.serving.workflow;

import dev.linr.serving.BadRequestException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/** Where a workflow URL points: a local {@code .json} file. */
final class WorkflowFiles {
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.\\-]+:");

  private WorkflowFiles() {}

  /**
   * The file a workflow URL names.
   *
   * @param url a {@code file:} URL ({@code file:/a/b.json}, {@code file:///a/b.json}, {@code
   *     file:rel/b.json}) or a path; relative paths resolve against the working directory
   * @throws BadRequestException for another scheme, a YAML or other non-JSON file, or a file that
   *     does not exist
   */
  static Path locate(String url) {
    if (url == null || url.isBlank()) {
      throw new BadRequestException(
          "Workflow URL is required: a file: URL or path of a .json file");
    }
    Path path = toPath(url);
    String fileName = path.getFileName() == null ? "" : path.getFileName().toString();
    String lower = fileName.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".yml") || lower.endsWith(".yaml")) {
      throw new BadRequestException(
          "Workflow file "
              + url
              + " is YAML, which this server does not read; write the workflow as JSON (.json)");
    }
    if (!lower.endsWith(".json")) {
      throw new BadRequestException(
          "Workflow file " + url + " must be a .json file (DJL Serving's workflow JSON)");
    }
    if (!Files.isRegularFile(path)) {
      throw new BadRequestException("Workflow file not found: " + url);
    }
    return path;
  }

  private static Path toPath(String url) {
    try {
      if (SCHEME.matcher(url).find()) {
        URI uri = new URI(url);
        if (!"file".equalsIgnoreCase(uri.getScheme())) {
          throw new BadRequestException(
              "Workflow URL "
                  + url
                  + " is not supported: give a file: URL or a path of a local .json file");
        }
        return uri.isOpaque() ? Path.of(uri.getSchemeSpecificPart()) : Path.of(uri);
      }
      return Path.of(url);
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new BadRequestException("Workflow URL " + url + " is not a valid file URL or path", e);
    }
  }
}
