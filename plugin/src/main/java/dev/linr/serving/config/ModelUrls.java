package dev.linr.serving.config;

import dev.linr.archive.ArchiveFormat;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a model or workflow URL says by itself: its path, its default name, its kind. Stateless. */
public final class ModelUrls {
  private static final String WORKFLOW_EXTENSION = ".json";
  private static final Pattern NAME = Pattern.compile("[\\w.-]+");

  private ModelUrls() {}

  /**
   * The local path of a {@code file:} URL or a plain path.
   *
   * @throws IllegalArgumentException for any other URL
   */
  public static Path path(String url) {
    if (url.regionMatches(true, 0, "file:", 0, 5)) {
      try {
        return Path.of(URI.create(url));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("not a valid file URL: " + url, e);
      }
    }
    if (url.matches("^[A-Za-z][A-Za-z0-9+.-]+://.*")) {
      throw new IllegalArgumentException(
          "only file: URLs and local paths are supported, got: " + url);
    }
    return Path.of(url);
  }

  /**
   * Whether a model, workflow or version name is usable in a URL path: letters, digits, {@code _},
   * {@code -} and {@code .} only.
   */
  public static boolean validName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** Whether the URL names a workflow definition ({@code .json}) rather than a model archive. */
  public static boolean isWorkflow(String url) {
    return url.toLowerCase(Locale.ROOT).endsWith(WORKFLOW_EXTENSION);
  }

  /**
   * The name DJL Serving gives a URL: the last path segment, archive or {@code .json} extension
   * dropped, non-word characters replaced by {@code _} ({@code my-ranker.zip} -> {@code
   * my_ranker}).
   */
  public static String defaultName(String url) {
    Path file = path(url).getFileName();
    if (file == null) {
      throw new IllegalArgumentException("no model name in URL: " + url);
    }
    String name = file.toString();
    if (isWorkflow(name)) {
      name = name.substring(0, name.length() - WORKFLOW_EXTENSION.length());
    }
    return ArchiveFormat.modelName(Path.of(name));
  }
}
