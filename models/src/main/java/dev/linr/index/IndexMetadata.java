package dev.linr.index;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.linr.schema.AttributeSpec;
import dev.linr.schema.AttributeType;
import dev.linr.schema.IndexSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an index archive records beside its model: schema, counts, layout, string dictionaries, the
 * string id table and build information. Immutable once read.
 *
 * <p>Files in the archive folder: {@code schema.json}, {@code index.json} (format version, counts,
 * capacity, multi-valued widths, build info), {@code dictionaries.json} (values of each string
 * attribute by code) and, for string ids, {@code ids.txt} (one JSON string per line, by id row).
 */
public final class IndexMetadata {
  public static final String SCHEMA_FILE = "schema.json";
  public static final String INDEX_FILE = "index.json";
  public static final String DICTIONARIES_FILE = "dictionaries.json";
  public static final String IDS_FILE = "ids.txt";

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  private final IndexSchema schema;
  private final long count;
  private final long capacity;
  private final Map<String, Integer> widths;
  private final Map<String, StringDictionary> dictionaries;
  private final List<String> stringIds;
  private final JsonObject build;
  private final int formatVersion;

  IndexMetadata(
      int formatVersion,
      IndexSchema schema,
      long count,
      long capacity,
      Map<String, Integer> widths,
      Map<String, StringDictionary> dictionaries,
      List<String> stringIds,
      JsonObject build) {
    this.schema = schema;
    this.count = count;
    this.capacity = capacity;
    this.widths = Collections.unmodifiableMap(new LinkedHashMap<>(widths));
    this.dictionaries = Collections.unmodifiableMap(new LinkedHashMap<>(dictionaries));
    this.stringIds = stringIds == null ? List.of() : Collections.unmodifiableList(stringIds);
    this.build = build == null ? new JsonObject() : build.deepCopy();
    this.formatVersion = formatVersion;
  }

  /** The format version of the archive's model (see {@link FormatVersion}). */
  public int formatVersion() {
    return formatVersion;
  }

  public IndexSchema schema() {
    return schema;
  }

  /** Items in the index when it was built. */
  public long count() {
    return count;
  }

  /** Slots allocated (count plus slack). */
  public long capacity() {
    return capacity;
  }

  /** The tensor layout of the model. */
  public IndexLayout layout() {
    return IndexLayout.of(schema, capacity, widths, cardinalities());
  }

  /** Distinct values of each string attribute. */
  public Map<String, Integer> cardinalities() {
    Map<String, Integer> out = new LinkedHashMap<>();
    dictionaries.forEach((name, d) -> out.put(name, d.size()));
    return out;
  }

  /** The dictionary of a string attribute (empty for other types). */
  public StringDictionary dictionary(String attribute) {
    return dictionaries.getOrDefault(attribute, new StringDictionary());
  }

  /** String ids by id row; empty for integer ids. */
  public List<String> stringIds() {
    return stringIds;
  }

  /** Build information (linr version, time, throughput, input files). */
  public JsonObject build() {
    return build.deepCopy();
  }

  /** Writes every metadata file into {@code dir}. */
  public void write(Path dir) throws IOException {
    Files.writeString(dir.resolve(SCHEMA_FILE), schema.toJsonString() + "\n");
    JsonObject index = new JsonObject();
    index.addProperty("format_version", formatVersion);
    index.addProperty("count", count);
    index.addProperty("capacity", capacity);
    JsonObject w = new JsonObject();
    widths.forEach(w::addProperty);
    index.add("multi_valued_widths", w);
    index.add("build", build);
    Files.writeString(dir.resolve(INDEX_FILE), GSON.toJson(index) + "\n");
    JsonObject dicts = new JsonObject();
    for (Map.Entry<String, StringDictionary> e : dictionaries.entrySet()) {
      JsonArray values = new JsonArray();
      e.getValue().values().forEach(values::add);
      dicts.add(e.getKey(), values);
    }
    Files.writeString(dir.resolve(DICTIONARIES_FILE), new Gson().toJson(dicts) + "\n");
    if (!stringIds.isEmpty()) {
      try (var out = Files.newBufferedWriter(dir.resolve(IDS_FILE), StandardCharsets.UTF_8)) {
        Gson plain = new Gson();
        for (String id : stringIds) {
          out.write(plain.toJson(id));
          out.write('\n');
        }
      }
    }
  }

  /**
   * Reads the metadata of an archive folder.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  public static IndexMetadata read(Path dir) throws IOException {
    IndexSchema schema = IndexSchema.fromJson(readObject(dir, SCHEMA_FILE));
    JsonObject index = readObject(dir, INDEX_FILE);
    int version = intField(index, "format_version", dir);
    FormatVersion.check(version, dir.resolve(INDEX_FILE).toString());
    long count = index.get("count").getAsLong();
    long capacity = index.get("capacity").getAsLong();
    Map<String, Integer> widths = new LinkedHashMap<>();
    JsonElement w = index.get("multi_valued_widths");
    if (w != null && w.isJsonObject()) {
      w.getAsJsonObject().entrySet().forEach(e -> widths.put(e.getKey(), e.getValue().getAsInt()));
    }
    Map<String, StringDictionary> dictionaries = new LinkedHashMap<>();
    JsonObject dicts = readObject(dir, DICTIONARIES_FILE);
    for (AttributeSpec a : schema.attributes()) {
      if (a.type() == AttributeType.STRING) {
        JsonElement values = dicts.get(a.name());
        List<String> list = new ArrayList<>();
        if (values != null) {
          values.getAsJsonArray().forEach(v -> list.add(v.getAsString()));
        }
        dictionaries.put(a.name(), StringDictionary.of(list));
      }
    }
    List<String> ids = null;
    if (schema.idType() == dev.linr.schema.IdType.STRING) {
      ids = readStringIds(dir.resolve(IDS_FILE));
    }
    JsonElement build = index.get("build");
    return new IndexMetadata(
        version,
        schema,
        count,
        capacity,
        widths,
        dictionaries,
        ids,
        build != null && build.isJsonObject() ? build.getAsJsonObject() : null);
  }

  private static List<String> readStringIds(Path file) throws IOException {
    List<String> ids = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        ids.add(JsonParser.parseString(line).getAsString());
      }
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("not an index archive: " + file + " is missing", e);
    }
    return ids;
  }

  private static int intField(JsonObject o, String field, Path dir) {
    JsonElement e = o.get(field);
    if (e == null || !e.isJsonPrimitive()) {
      throw new IllegalArgumentException(dir.resolve(INDEX_FILE) + ": '" + field + "' is missing");
    }
    return e.getAsInt();
  }

  private static JsonObject readObject(Path dir, String name) throws IOException {
    Path file = dir.resolve(name);
    try {
      JsonElement e = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
      if (!e.isJsonObject()) {
        throw new IllegalArgumentException(file + " is not a JSON object");
      }
      return e.getAsJsonObject();
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("not an index archive: " + file + " is missing", e);
    } catch (JsonParseException e) {
      throw new IllegalArgumentException(file + " is corrupt: " + e.getMessage(), e);
    }
  }
}
