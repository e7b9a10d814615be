package dev.linr.serving.config;

import dev.linr.serving.wlm.ModelSpec;
import java.util.List;
import java.util.Locale;

/**
 * What to load at start-up ({@code load_models}): everything in the model store ({@code ALL}, the
 * default), nothing ({@code NONE}), or the listed load specs. Immutable.
 *
 * @param kind which of the three
 * @param specs the specs for {@link Kind#LIST}, else empty
 */
public record LoadModels(Kind kind, List<ModelSpec> specs) {
  /** The three forms of {@code load_models}. */
  public enum Kind {
    ALL,
    NONE,
    LIST
  }

  /** Every archive and workflow file in the model store. */
  public static final LoadModels ALL = new LoadModels(Kind.ALL, List.of());

  /** Nothing. */
  public static final LoadModels NONE = new LoadModels(Kind.NONE, List.of());

  public LoadModels {
    specs = List.copyOf(specs);
    if ((kind == Kind.LIST) == specs.isEmpty()) {
      throw new IllegalArgumentException("specs are required for LIST and only for LIST");
    }
  }

  /** The listed specs. */
  public static LoadModels of(List<ModelSpec> specs) {
    return new LoadModels(Kind.LIST, specs);
  }

  /**
   * Parses {@code ALL}, {@code NONE} (any case) or a list of load specs; blank means {@code ALL}.
   *
   * @throws IllegalArgumentException for a bad spec
   */
  public static LoadModels parse(String value) {
    String v = value == null ? "" : value.trim();
    if (v.isEmpty() || v.toUpperCase(Locale.ROOT).equals("ALL")) {
      return ALL;
    }
    if (v.toUpperCase(Locale.ROOT).equals("NONE")) {
      return NONE;
    }
    return of(LoadSpecs.parseList(v));
  }
}
