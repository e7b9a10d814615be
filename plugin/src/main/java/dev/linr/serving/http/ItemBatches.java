package dev.linr.serving.http;

import dev.linr.serving.BadRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits an update body into items, each the text of one item in the build's JSON Lines format, so
 * that a bad item can be refused alone: a JSON array of items ({@code application/json}, the
 * default) is split at its top-level commas without parsing the items, and JSON Lines ({@code
 * application/x-ndjson}) at its line ends, blank lines skipped as a build skips them. Stateless and
 * thread-safe.
 */
final class ItemBatches {
  /** The content type of JSON Lines bodies. */
  static final String NDJSON = "application/x-ndjson";

  private static final String JSON = "application/json";

  private ItemBatches() {}

  /**
   * The items of a body.
   *
   * @param contentType the request's Content-Type, or null
   * @throws BadRequestException if the body is not a JSON array (nor JSON Lines with that content
   *     type), or the content type is neither
   */
  static List<String> split(String contentType, String body) {
    String mime = mime(contentType);
    if (mime.equals(NDJSON)) {
      return lines(body);
    }
    if (mime.isEmpty() || mime.equals(JSON)) {
      return array(body);
    }
    throw new BadRequestException(
        "Content-Type "
            + mime
            + " is not supported for items; send a JSON array of items as "
            + JSON
            + " or JSON Lines as "
            + NDJSON);
  }

  private static String mime(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    String mime = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return mime.trim().toLowerCase(Locale.ROOT);
  }

  private static List<String> lines(String body) {
    List<String> items = new ArrayList<>();
    for (String line : body.split("\n", -1)) {
      String item = line.strip();
      if (!item.isEmpty()) {
        items.add(item);
      }
    }
    return items;
  }

  /** The top-level elements of a JSON array, as text; strings and nesting are skipped over. */
  private static List<String> array(String body) {
    int start = skipSpace(body, 0);
    if (start == body.length() || body.charAt(start) != '[') {
      throw notAnArray("it does not start with '['");
    }
    List<String> items = new ArrayList<>();
    int depth = 0;
    boolean inString = false;
    int from = start + 1;
    for (int i = start + 1; i < body.length(); i++) {
      char c = body.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '[' || c == '{') {
        depth++;
      } else if ((c == ']' || c == '}') && depth > 0) {
        depth--;
      } else if (c == ']') {
        String last = body.substring(from, i).strip();
        if (!last.isEmpty() || !items.isEmpty()) {
          items.add(last);
        }
        if (skipSpace(body, i + 1) != body.length()) {
          throw notAnArray("text follows its closing ']'");
        }
        return items;
      } else if (c == '}') {
        throw notAnArray("an unmatched '}' at character " + i);
      } else if (c == ',' && depth == 0) {
        items.add(body.substring(from, i).strip());
        from = i + 1;
      }
    }
    throw notAnArray("it has no closing ']'");
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static BadRequestException notAnArray(String why) {
    return new BadRequestException(
        "the body must be a JSON array of items (or JSON Lines with Content-Type "
            + NDJSON
            + "), but "
            + why);
  }
}
