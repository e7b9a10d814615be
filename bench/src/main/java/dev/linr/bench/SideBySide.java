package dev.linr.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;

/**
 * Two engines measured in alternating rounds: this machine's speed drifts by up to 2x from one
 * minute to the next, so figures taken minutes apart compare moments as much as engines. Each round
 * measures both, one right after the other (the first to go alternating between rounds), and each
 * comparison is a ratio within one round; the summary is the median over the rounds.
 */
final class SideBySide {
  private SideBySide() {}

  /** One engine's figures for one round, as a JSON object of numbers (nested objects allowed). */
  interface Measure {
    JsonObject round() throws Exception;
  }

  /**
   * Runs {@code rounds} rounds: {@code first} then {@code second} in even rounds, the other way
   * round in odd ones.
   *
   * @return {@code {"first": [round objects], "second": [round objects]}}, in round order
   */
  static JsonObject alternate(int rounds, Measure first, Measure second) throws Exception {
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
    }
    JsonArray a = new JsonArray();
    JsonArray b = new JsonArray();
    for (int r = 0; r < rounds; r++) {
      if (r % 2 == 0) {
        a.add(first.round());
        b.add(second.round());
      } else {
        b.add(second.round());
        a.add(first.round());
      }
    }
    JsonObject out = new JsonObject();
    out.add("first", a);
    out.add("second", b);
    return out;
  }

  /**
   * The median over rounds of every number in the round objects, keeping their nesting; a value
   * that is not a number (a path's name, say) is the first round's.
   */
  static JsonObject median(JsonArray rounds) {
    JsonObject first = rounds.get(0).getAsJsonObject();
    JsonObject out = new JsonObject();
    for (String key : first.keySet()) {
      JsonElement value = first.get(key);
      List<JsonElement> all = new ArrayList<>();
      for (JsonElement round : rounds) {
        JsonElement v = round.getAsJsonObject().get(key);
        if (v != null) {
          all.add(v);
        }
      }
      if (value.isJsonObject()) {
        JsonArray nested = new JsonArray();
        all.forEach(nested::add);
        out.add(key, median(nested));
      } else if (isNumber(value) && all.stream().allMatch(SideBySide::isNumber)) {
        out.addProperty(
            key, Timing.median(all.stream().mapToDouble(JsonElement::getAsDouble).toArray()));
      } else {
        out.add(key, value);
      }
    }
    return out;
  }

  private static boolean isNumber(JsonElement e) {
    return e.isJsonPrimitive() && ((JsonPrimitive) e).isNumber();
  }
}
