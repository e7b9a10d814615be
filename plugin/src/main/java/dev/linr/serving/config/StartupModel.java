package dev.linr.serving.config;

import dev.linr.serving.wlm.ModelSpec;

/**
 * One model archive or workflow file to load at start-up.
 *
 * @param spec what to load; for a workflow, its URL and an optional name that overrides the file's
 * @param workflow whether {@code spec.url()} is a workflow definition
 * @param name the name that failures are reported under ({@code /ping})
 */
public record StartupModel(ModelSpec spec, boolean workflow, String name) {
  /** An entry for a spec, its kind and failure name taken from the spec. */
  public static StartupModel of(ModelSpec spec) {
    String name = spec.name() != null ? spec.name() : ModelUrls.defaultName(spec.url());
    return new StartupModel(spec, ModelUrls.isWorkflow(spec.url()), name);
  }
}
