package dev.linr.serving.config;

import dev.linr.serving.wlm.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses DJL Serving's load specs, {@code [name[:version[:engine[:devices]]]=]url}, as written in
 * {@code load_models}: {@code posts=file:/models/posts}, {@code retrieval::PyTorch=file:/m/r},
 * {@code ranker:2:OnnxRuntime:cpu=/models/ranker.zip}, or a bare URL. The part before {@code =} may
 * be wrapped in brackets ({@code [posts:1]=...}). Empty fields mean "not given". Stateless.
 */
public final class LoadSpecs {
  private static final Pattern LIST_SEPARATOR = Pattern.compile("[,\\s]+");

  private LoadSpecs() {}

  /**
   * One spec.
   *
   * @throws IllegalArgumentException naming the spec and what is wrong with it
   */
  public static ModelSpec parse(String spec) {
    String s = spec == null ? "" : spec.trim();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("load spec is empty");
    }
    int eq = s.indexOf('=');
    // A '/' or '?' before the first '=' means the '=' belongs to the URL.
    if (eq < 0 || s.substring(0, eq).contains("/") || s.substring(0, eq).contains("?")) {
      return ModelSpec.of(s);
    }
    String endpoint = s.substring(0, eq).trim();
    String url = s.substring(eq + 1).trim();
    if (endpoint.startsWith("[") && endpoint.endsWith("]")) {
      endpoint = endpoint.substring(1, endpoint.length() - 1);
    }
    if (endpoint.isEmpty()) {
      throw new IllegalArgumentException(
          "load spec '"
              + s
              + "' has nothing before '='; expected [name[:version[:engine[:devices]]]=]url");
    }
    if (url.isEmpty()) {
      throw new IllegalArgumentException("load spec '" + s + "' has no url after '='");
    }
    String[] fields = endpoint.split(":", -1);
    if (fields.length > 4) {
      throw new IllegalArgumentException(
          "load spec '"
              + s
              + "' has "
              + fields.length
              + " ':'-separated fields before '='; expected name[:version[:engine[:devices]]]");
    }
    String name = field(fields, 0);
    if (name != null && !ModelUrls.validName(name)) {
      throw new IllegalArgumentException(
          "load spec '"
              + s
              + "': model name '"
              + name
              + "' may contain only letters, digits, '_', '-' and '.'");
    }
    String version = field(fields, 1);
    if (version != null && !ModelUrls.validName(version)) {
      throw new IllegalArgumentException(
          "load spec '"
              + s
              + "': version '"
              + version
              + "' may contain only letters, digits, '_', '-' and '.'");
    }
    String engine = engine(s, field(fields, 2));
    String devices = field(fields, 3);
    return new ModelSpec(name, version, url, engine, devices, Map.of());
  }

  /**
   * A {@code load_models} list: specs separated by commas or white space.
   *
   * @throws IllegalArgumentException for the first bad spec, or a list with no spec
   */
  public static List<ModelSpec> parseList(String specs) {
    List<ModelSpec> out = new ArrayList<>();
    for (String s : LIST_SEPARATOR.split(specs == null ? "" : specs.trim())) {
      if (!s.isEmpty()) {
        out.add(parse(s));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("load spec list is empty");
    }
    return List.copyOf(out);
  }

  private static String field(String[] fields, int i) {
    if (i >= fields.length) {
      return null;
    }
    String f = fields[i].trim();
    return f.isEmpty() ? null : f;
  }

  private static String engine(String spec, String engine) {
    if (engine == null) {
      return null;
    }
    switch (engine.toLowerCase(Locale.ROOT)) {
      case "pytorch":
        return "PyTorch";
      case "onnxruntime":
        return "OnnxRuntime";
      default:
        throw new IllegalArgumentException(
            "load spec '"
                + spec
                + "': unknown engine '"
                + engine
                + "'; expected PyTorch or OnnxRuntime");
    }
  }
}
