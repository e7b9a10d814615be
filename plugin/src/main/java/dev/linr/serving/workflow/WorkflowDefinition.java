package dev.linr.serving.workflow;

import dev.linr.serving.wlm.ModelSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed and validated workflow file: every name in its expressions resolves, {@code out} is
 * defined, and the variables form no cycle. Nothing is loaded yet. Immutable; maps keep the file's
 * order.
 *
 * @param name the workflow name
 * @param version the version, or null when it has none
 * @param url the URL of the file, as given
 * @param models local model name to what to load ({@link ModelSpec#name()} is the local name)
 * @param functions local function name to the fully-qualified class name
 * @param variables variable name to its expression; holds {@code out}
 */
public record WorkflowDefinition(
    String name,
    String version,
    String url,
    Map<String, ModelSpec> models,
    Map<String, String> functions,
    Map<String, Expression> variables) {
  /** The name of the request. */
  public static final String IN = "in";

  /** The variable whose value the workflow answers. */
  public static final String OUT = "out";

  public WorkflowDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
    functions = Collections.unmodifiableMap(new LinkedHashMap<>(functions));
    variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    if (!variables.containsKey(OUT)) {
      throw new IllegalArgumentException("variables must define " + OUT);
    }
  }

  /** This definition under another name (a registration that overrides the file's name). */
  public WorkflowDefinition withName(String newName) {
    return new WorkflowDefinition(newName, version, url, models, functions, variables);
  }
}
