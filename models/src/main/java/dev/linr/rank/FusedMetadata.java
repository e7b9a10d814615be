package dev.linr.rank;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a fused archive records about its ranking stage, in {@code fused.json} beside the index
 * metadata: the format version, the ranker's features ({@link RankerFeatures}) and its layer
 * widths. Immutable.
 *
 * <p>The fused model's file holds the index buffers first (in the index layout's order), then
 * {@link #rankerTensors()} ranker tensors: per layer, weights float32 [in, out] then bias [out].
 */
public final class FusedMetadata {
  /** The file name in the archive folder. */
  public static final String FILE = "fused.json";

  /** The version of the fused stage's program and file layout this code writes and reads. */
  public static final int FORMAT_VERSION = 1;

  private final RankerFeatures features;
  private final int[] widths;

  FusedMetadata(RankerDefinition ranker) {
    this(ranker.features(), ranker.mlp().widths());
  }

  private FusedMetadata(RankerFeatures features, int[] widths) {
    this.features = features;
    this.widths = widths.clone();
  }

  /** The features the ranker reads per candidate. */
  public RankerFeatures features() {
    return features;
  }

  /** Layer widths: the feature count, hidden widths, then 1. */
  public int[] widths() {
    return widths.clone();
  }

  /** Ranker tensors stored after the index buffers: a weight and a bias per layer. */
  public int rankerTensors() {
    return 2 * (widths.length - 1);
  }

  void write(Path dir) throws IOException {
    JsonObject o = new JsonObject();
    o.addProperty("format_version", FORMAT_VERSION);
    JsonArray w = new JsonArray();
    Arrays.stream(widths).forEach(w::add);
    o.add("layer_widths", w);
    o.addProperty("features", features.featuresArgument());
    JsonArray a = new JsonArray();
    features.attributes().forEach(a::add);
    o.add("attributes", a);
    Files.writeString(
        dir.resolve(FILE),
        new GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n",
        StandardCharsets.UTF_8);
  }

  /**
   * Reads {@code fused.json} of an archive folder.
   *
   * @throws IllegalArgumentException naming the file and what is wrong: missing (not a fused
   *     archive), corrupt, or of another format version
   */
  public static FusedMetadata read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    JsonObject o;
    try {
      JsonElement e = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
      if (!e.isJsonObject()) {
        throw new IllegalArgumentException(file + " is not a JSON object");
      }
      o = e.getAsJsonObject();
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("not a fused archive: " + file + " is missing", e);
    } catch (JsonParseException e) {
      throw new IllegalArgumentException(file + " is corrupt: " + e.getMessage(), e);
    }
    int version = ints(o, "format_version", file, 1)[0];
    if (version != FORMAT_VERSION) {
      throw new IllegalArgumentException(
          file
              + ": fused format version "
              + version
              + " is not supported; this linr reads version "
              + FORMAT_VERSION);
    }
    int[] widths = ints(o, "layer_widths", file, -1);
    if (widths.length < 2 || widths[widths.length - 1] != 1) {
      throw new IllegalArgumentException(
          file + ": layer_widths must list at least two widths and end in 1");
    }
    JsonElement f = o.get("features");
    if (f == null || !f.isJsonPrimitive() || !f.getAsJsonPrimitive().isString()) {
      throw new IllegalArgumentException(
          file + ": features must be a string such as \"product,score\"");
    }
    List<String> attributes = new ArrayList<>();
    JsonElement a = o.get("attributes");
    if (a == null || !a.isJsonArray()) {
      throw new IllegalArgumentException(file + ": attributes must be an array of names");
    }
    for (JsonElement x : a.getAsJsonArray()) {
      if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isString()) {
        throw new IllegalArgumentException(file + ": attributes must be an array of names");
      }
      attributes.add(x.getAsString());
    }
    RankerFeatures features;
    try {
      features = RankerFeatures.parse(f.getAsString(), String.join(",", attributes));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
    return new FusedMetadata(features, widths);
  }

  /** A positive int ({@code count} 1) or an array of them ({@code count} -1). */
  private static int[] ints(JsonObject o, String field, Path file, int count) {
    JsonElement e = o.get(field);
    List<JsonElement> values = new ArrayList<>();
    if (count == 1 && e != null && e.isJsonPrimitive()) {
      values.add(e);
    } else if (count != 1 && e != null && e.isJsonArray()) {
      e.getAsJsonArray().forEach(values::add);
    } else {
      throw new IllegalArgumentException(
          file + ": " + field + " must be " + (count == 1 ? "an integer" : "an array of integers"));
    }
    int[] out = new int[values.size()];
    for (int i = 0; i < out.length; i++) {
      JsonElement v = values.get(i);
      try {
        out[i] = v.getAsJsonPrimitive().getAsBigDecimal().intValueExact();
      } catch (ArithmeticException | NumberFormatException | IllegalStateException ex) {
        throw new IllegalArgumentException(file + ": " + field + " must hold integers", ex);
      }
      if (out[i] < 1) {
        throw new IllegalArgumentException(file + ": " + field + " must be at least 1");
      }
    }
    return out;
  }
}
