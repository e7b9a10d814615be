package dev.linr.serving.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@code conf/config.properties}, the documented template, against the code's defaults. */
class ConfigTemplateTest {
  private static final Path TEMPLATE = Path.of("..", "conf", "config.properties");

  /** The template's commented-out {@code key=value} lines for the known keys. */
  private static Map<String, String> documentedDefaults() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(TEMPLATE, StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      if (line.startsWith("#") && eq > 1) {
        String key = line.substring(1, eq);
        if (ServerConfig.KEYS.contains(key)) {
          out.put(key, line.substring(eq + 1));
        }
      }
    }
    return out;
  }

  @Test
  void templateDocumentsEveryKey() throws IOException {
    assertEquals(new TreeSet<>(ServerConfig.KEYS), new TreeSet<>(documentedDefaults().keySet()));
  }

  @Test
  void documentedValuesAreTheDefaults() throws IOException {
    ServerConfig documented = ServerConfig.parse(documentedDefaults());
    ServerConfig expected = ServerConfig.builder().optModelStore(Path.of("models")).build();
    assertEquals(expected.toString(), documented.toString());
  }

  @Test
  void templateAsShippedLoadsTheDefaults() throws IOException {
    assertEquals(
        ServerConfig.defaults().toString(), ServerConfig.read(TEMPLATE, Map.of()).toString());
  }
}
