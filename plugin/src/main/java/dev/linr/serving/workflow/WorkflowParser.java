package dev.linr.serving.workflow;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.linr.archive.ServingProperties;
import dev.linr.query.JsonTrees;
import dev.linr.serving.BadRequestException;
import dev.linr.serving.wlm.ModelSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads DJL Serving's workflow JSON into a validated {@link WorkflowDefinition}. Stateless and
 * thread-safe; loads nothing (see {@link WorkflowLoader}).
 *
 * <pre>{@code
 * {"name": "feed", "version": "1",
 *  "models": {"retrieval": "{model_dir}/posts",
 *             "ranker": {"modelUrl": "{model_dir}/ranker", "engineName": "OnnxRuntime"}},
 *  "functions": {"rankInput": "dev.linr.serving.workflow.functions.RankInput"},
 *  "workflow": {"candidates": ["retrieval", "in"],
 *               "out": ["ranker", ["rankInput", "in", "candidates"]]}}
 * }</pre>
 *
 * <p>A model is a URL string or an object with DJL's field names: {@code modelUrl} (required),
 * {@code engineName}, {@code version}, {@code loadOnDevices}, {@code batchSize}, {@code
 * maxBatchDelayMillis}, {@code queueSize}, {@code maxIdleSeconds}, {@code minWorkers}, {@code
 * maxWorkers}, {@code arguments} (translator arguments) and {@code options} (engine options, passed
 * as {@code option.<key>}). {@code batchSize}, {@code maxBatchDelayMillis}, {@code queueSize} and
 * {@code maxIdleSeconds} may also be given at the top level, for every model that does not set
 * them. {@code {model_dir}} in a model URL is replaced by the folder that holds the workflow file.
 * {@code configs} is accepted and ignored.
 *
 * <p>An expression is a name ({@code in}, a variable, or a model or function name used as a value)
 * or an array {@code [model-or-function, args...]} whose arguments are expressions. A model step
 * takes exactly one argument. {@code out} is required; variables may not form a cycle.
 *
 * <p>Every problem is a {@link BadRequestException} whose message names the file and the field
 * ({@code workflow.out[1]}), and says what is valid. Duplicate keys are rejected. YAML files are
 * not supported.
 */
public final class WorkflowParser {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]*");
  private static final String MODEL_DIR = "{model_dir}";
  private static final List<String> TOP_FIELDS =
      List.of(
          "name",
          "version",
          "models",
          "functions",
          "workflow",
          "configs",
          "batchSize",
          "maxBatchDelayMillis",
          "queueSize",
          "maxIdleSeconds");
  private static final List<String> MODEL_FIELDS =
      List.of(
          "modelUrl",
          "engineName",
          "version",
          "loadOnDevices",
          "batchSize",
          "maxBatchDelayMillis",
          "queueSize",
          "maxIdleSeconds",
          "minWorkers",
          "maxWorkers",
          "arguments",
          "options");

  /** DJL's field name to the server key of {@link ModelSpec#settings()}, with its least value. */
  private record Setting(String field, String key, int min) {}

  private static final List<Setting> SETTINGS =
      List.of(
          new Setting("batchSize", "batch_size", 1),
          new Setting("maxBatchDelayMillis", "max_batch_delay", 0),
          new Setting("queueSize", "job_queue_size", 1),
          new Setting("maxIdleSeconds", "max_idle_time", 0),
          new Setting("minWorkers", "minWorkers", 0),
          new Setting("maxWorkers", "maxWorkers", 1));

  /** Workflow-wide defaults for models, as DJL Serving reads them. */
  private static final Set<String> TOP_SETTINGS =
      Set.of("batchSize", "maxBatchDelayMillis", "queueSize", "maxIdleSeconds");

  private final String file;

  private WorkflowParser(String url) {
    this.file = url;
  }

  /**
   * Reads a workflow file.
   *
   * @param url a {@code file:} URL or a path of a {@code .json} file
   * @param nameOverride a name that replaces the file's, or null
   * @throws BadRequestException if the file is missing, unreadable, not JSON or invalid
   */
  public static WorkflowDefinition read(String url, String nameOverride) {
    Path path = WorkflowFiles.locate(url);
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .decode(ByteBuffer.wrap(Files.readAllBytes(path)))
              .toString();
    } catch (CharacterCodingException e) {
      throw new BadRequestException("Workflow file " + url + " is not valid UTF-8", e);
    } catch (IOException e) {
      throw new BadRequestException("Workflow file " + url + " cannot be read: " + e, e);
    }
    Path dir = path.toAbsolutePath().normalize().getParent();
    return parse(text, url, dir, nameOverride);
  }

  /**
   * Parses workflow JSON.
   *
   * @param json the file's text
   * @param url where it came from, for {@link WorkflowDefinition#url()} and messages
   * @param modelDir what {@code {model_dir}} in model URLs stands for
   * @param nameOverride a name that replaces the file's, or null
   * @throws BadRequestException if it is not JSON or is invalid
   */
  public static WorkflowDefinition parse(
      String json, String url, Path modelDir, String nameOverride) {
    return new WorkflowParser(url).definition(json, modelDir, nameOverride);
  }

  private WorkflowDefinition definition(String json, Path modelDir, String nameOverride) {
    JsonElement tree;
    try {
      tree = JsonTrees.read(json);
    } catch (JsonTrees.SyntaxError e) {
      throw bad(e.path.isEmpty() ? "the file" : e.path, e.getMessage());
    }
    if (!tree.isJsonObject()) {
      throw bad("the file", "must be a JSON object, got " + JsonTrees.describe(tree));
    }
    JsonObject root = tree.getAsJsonObject();
    for (String key : root.keySet()) {
      if (!TOP_FIELDS.contains(key)) {
        throw bad(key, "is not a workflow field; valid: " + String.join(", ", TOP_FIELDS));
      }
    }
    String name = nameOverride != null ? nameOverride : optString(root, "name");
    if (name == null) {
      throw bad("name", "is required: the workflow's name");
    }
    checkName(nameOverride != null ? "the name given" : "name", name);
    String version = version(root.get("version"));

    Map<String, ModelSpec> models = models(root.get("models"), root, modelDir);
    Map<String, String> functions = functions(root.get("functions"));
    for (String f : functions.keySet()) {
      if (models.containsKey(f)) {
        throw bad("functions." + f, "'" + f + "' is already a model; give each name one meaning");
      }
    }
    JsonElement workflow = root.get("workflow");
    if (workflow == null || workflow.isJsonNull()) {
      throw bad("workflow", "is required: an object of variables that defines out");
    }
    if (!workflow.isJsonObject()) {
      throw bad("workflow", "must be an object of variables, got " + JsonTrees.describe(workflow));
    }
    JsonObject vars = workflow.getAsJsonObject();
    if (!vars.has(WorkflowDefinition.OUT)) {
      throw bad("workflow.out", "is required: the variable whose value the workflow answers");
    }
    for (String v : vars.keySet()) {
      String field = "workflow." + v;
      checkName(field, v);
      if (v.equals(WorkflowDefinition.IN)) {
        throw bad(field, "in is the request and cannot be redefined");
      }
      if (models.containsKey(v) || functions.containsKey(v)) {
        throw bad(
            field,
            "'"
                + v
                + "' is already a "
                + (models.containsKey(v) ? "model" : "function")
                + "; give each name one meaning");
      }
    }
    Names names = new Names(vars.keySet(), models.keySet(), functions.keySet());
    Map<String, Expression> variables = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> v : vars.entrySet()) {
      variables.put(v.getKey(), expression(v.getValue(), "workflow." + v.getKey(), names));
    }
    Cycles.find(variables)
        .ifPresent(
            cycle -> {
              throw bad(
                  "workflow." + cycle.get(0), "is part of a cycle: " + String.join(" -> ", cycle));
            });
    return new WorkflowDefinition(name, version, file, models, functions, variables);
  }

  private record Names(Set<String> variables, Set<String> models, Set<String> functions) {}

  private Expression expression(JsonElement e, String field, Names names) {
    if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
      String n = e.getAsString();
      if (n.equals(WorkflowDefinition.IN)) {
        return new Expression.Request();
      }
      if (names.variables().contains(n)) {
        return new Expression.Variable(n);
      }
      if (names.models().contains(n) || names.functions().contains(n)) {
        return new Expression.Name(n);
      }
      throw bad(field, "unknown name '" + n + "': not in, a variable, a model or a function");
    }
    if (!e.isJsonArray()) {
      throw bad(
          field,
          "must be a name or an array [model-or-function, args...], got " + JsonTrees.describe(e));
    }
    JsonArray a = e.getAsJsonArray();
    if (a.isEmpty()) {
      throw bad(field, "is an empty step; give [model-or-function, args...]");
    }
    JsonElement head = a.get(0);
    String headField = field + "[0]";
    if (!head.isJsonPrimitive() || !head.getAsJsonPrimitive().isString()) {
      throw bad(headField, "must name a model or function, got " + JsonTrees.describe(head));
    }
    String target = head.getAsString();
    List<Expression> args = new ArrayList<>(a.size() - 1);
    for (int i = 1; i < a.size(); i++) {
      args.add(expression(a.get(i), field + "[" + i + "]", names));
    }
    if (names.models().contains(target)) {
      if (args.size() != 1) {
        throw bad(field, "model '" + target + "' takes exactly one argument, got " + args.size());
      }
      return new Expression.ModelStep(target, args.get(0));
    }
    if (names.functions().contains(target)) {
      return new Expression.FunctionStep(target, args);
    }
    if (target.equals(WorkflowDefinition.IN) || names.variables().contains(target)) {
      throw bad(
          headField,
          "'"
              + target
              + "' is a value, not a model or function; a step starts with the model or"
              + " function to run");
    }
    throw bad(headField, "unknown model or function '" + target + "'");
  }

  private Map<String, ModelSpec> models(JsonElement e, JsonObject root, Path modelDir) {
    Map<String, ModelSpec> out = new LinkedHashMap<>();
    if (e == null || e.isJsonNull()) {
      return out;
    }
    if (!e.isJsonObject()) {
      throw bad("models", "must be an object of local name to model, got " + JsonTrees.describe(e));
    }
    for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
      String field = "models." + m.getKey();
      checkLocalName(field, m.getKey());
      out.put(m.getKey(), model(m.getKey(), m.getValue(), field, root, modelDir));
    }
    return out;
  }

  private ModelSpec model(
      String localName, JsonElement e, String field, JsonObject root, Path modelDir) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (Setting s : SETTINGS) {
      if (TOP_SETTINGS.contains(s.field()) && present(root, s.field()) != null) {
        settings.put(s.key(), integer(root.get(s.field()), s.field(), s.min()));
      }
    }
    if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
      return new ModelSpec(
          localName, null, url(e.getAsString(), field, modelDir), null, null, settings);
    }
    if (!e.isJsonObject()) {
      throw bad(
          field, "must be a model URL or an object with modelUrl, got " + JsonTrees.describe(e));
    }
    JsonObject o = e.getAsJsonObject();
    for (String key : o.keySet()) {
      if (!MODEL_FIELDS.contains(key)) {
        throw bad(
            field + "." + key, "is not a model field; valid: " + String.join(", ", MODEL_FIELDS));
      }
    }
    String url = optString(o, "modelUrl", field + ".modelUrl");
    if (url == null) {
      throw bad(field + ".modelUrl", "is required: the model archive's URL or path");
    }
    String engine = optString(o, "engineName", field + ".engineName");
    String version =
        present(o, "version") == null ? null : version(o.get("version"), field + ".version");
    String devices = optString(o, "loadOnDevices", field + ".loadOnDevices");
    for (Setting s : SETTINGS) {
      if (present(o, s.field()) != null) {
        settings.put(s.key(), integer(o.get(s.field()), field + "." + s.field(), s.min()));
      }
    }
    JsonElement arguments = present(o, "arguments");
    if (arguments != null) {
      for (Map.Entry<String, String> a : scalars(arguments, field + ".arguments").entrySet()) {
        if (!isTranslatorArgument(a.getKey())) {
          throw bad(
              field + ".arguments." + a.getKey(),
              "is not a translator argument; give server settings and engine options in their"
                  + " own fields ("
                  + String.join(", ", MODEL_FIELDS)
                  + ")");
        }
        settings.put(a.getKey(), a.getValue());
      }
    }
    JsonElement options = present(o, "options");
    if (options != null) {
      for (Map.Entry<String, String> a : scalars(options, field + ".options").entrySet()) {
        settings.put("option." + a.getKey(), a.getValue());
      }
    }
    return new ModelSpec(
        localName, version, url(url, field + ".modelUrl", modelDir), engine, devices, settings);
  }

  /** Whether serving.properties would read the key as a translator argument (not a server key). */
  private static boolean isTranslatorArgument(String key) {
    return new ServingProperties().set(key, "").translatorArguments().containsKey(key);
  }

  private String url(String url, String field, Path modelDir) {
    if (url.isBlank()) {
      throw bad(field, "must not be blank: give the model archive's URL or path");
    }
    return url.replace(MODEL_DIR, modelDir.toString());
  }

  private Map<String, String> functions(JsonElement e) {
    Map<String, String> out = new LinkedHashMap<>();
    if (e == null || e.isJsonNull()) {
      return out;
    }
    if (!e.isJsonObject()) {
      throw bad(
          "functions",
          "must be an object of local name to class name, got " + JsonTrees.describe(e));
    }
    for (Map.Entry<String, JsonElement> f : e.getAsJsonObject().entrySet()) {
      String field = "functions." + f.getKey();
      checkLocalName(field, f.getKey());
      JsonElement v = f.getValue();
      if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString() || v.getAsString().isBlank()) {
        throw bad(field, "must be a fully-qualified class name, got " + JsonTrees.describe(v));
      }
      out.put(f.getKey(), v.getAsString().trim());
    }
    return out;
  }

  /** Translator arguments or engine options: scalars, kept as their JSON text. */
  private Map<String, String> scalars(JsonElement e, String field) {
    if (!e.isJsonObject()) {
      throw bad(field, "must be an object of key to value, got " + JsonTrees.describe(e));
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> a : e.getAsJsonObject().entrySet()) {
      JsonElement v = a.getValue();
      if (!v.isJsonPrimitive()) {
        throw bad(
            field + "." + a.getKey(),
            "must be a string, number or boolean, got " + JsonTrees.describe(v));
      }
      out.put(a.getKey(), v.getAsString());
    }
    return out;
  }

  private String integer(JsonElement e, String field, int min) {
    try {
      return Integer.toString(JsonInts.parse(e, min, Integer.MAX_VALUE));
    } catch (IllegalArgumentException ex) {
      throw bad(field, ex.getMessage());
    }
  }

  private String version(JsonElement e) {
    return e == null || e.isJsonNull() ? null : version(e, "version");
  }

  private String version(JsonElement e, String field) {
    if (!e.isJsonPrimitive() || e.getAsJsonPrimitive().isBoolean()) {
      throw bad(field, "must be a string or a number, got " + JsonTrees.describe(e));
    }
    String v = e.getAsString();
    checkName(field, v);
    return v;
  }

  private void checkLocalName(String field, String name) {
    checkName(field, name);
    if (name.equals(WorkflowDefinition.IN) || name.equals(WorkflowDefinition.OUT)) {
      throw bad(field, "'" + name + "' is reserved for the request and the answer");
    }
  }

  private void checkName(String field, String name) {
    if (!NAME.matcher(name).matches()) {
      throw bad(
          field,
          "'"
              + name
              + "' is not a valid name: use letters, digits, '_', '.' and '-', starting with a"
              + " letter, digit or '_'");
    }
  }

  private String optString(JsonObject o, String key) {
    return optString(o, key, key);
  }

  private String optString(JsonObject o, String key, String field) {
    JsonElement e = present(o, key);
    if (e == null) {
      return null;
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw bad(field, "must be a string, got " + JsonTrees.describe(e));
    }
    return e.getAsString();
  }

  private static JsonElement present(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e == null || e.isJsonNull() ? null : e;
  }

  private BadRequestException bad(String field, String problem) {
    return InvalidWorkflow.at(file, field, problem);
  }
}
