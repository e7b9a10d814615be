package dev.linr.e2e.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.linr.cli.Main;
import dev.linr.demo.DemoCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small index archives built the way users build them: {@code linr build}. */
final class Archives {
  static final int DIMENSION = 8;
  static final int ITEMS = 300;
  static final DemoCorpus CORPUS = new DemoCorpus(DIMENSION, 6, 7);

  private Archives() {}

  /** The corpus as JSON Lines in {@code dir}. */
  static Path items(Path dir) throws IOException {
    Path jsonl = dir.resolve("items.jsonl");
    if (!Files.exists(jsonl)) {
      CORPUS.writeJsonl(jsonl, ITEMS);
    }
    return jsonl;
  }

  /** {@code linr build --items ... --out dir/name [extra...]}: the archive folder. */
  static Path build(Path dir, String name, String... extra) throws IOException {
    Path out = dir.resolve(name);
    String[] args = new String[6 + extra.length];
    args[0] = "build";
    args[1] = "--items";
    args[2] = items(dir).toString();
    args[3] = "--out";
    args[4] = out.toString();
    args[5] = "--quiet";
    System.arraycopy(extra, 0, args, 6, extra.length);
    assertEquals(0, Main.run(args), "linr build " + name);
    return out;
  }

  /** A search request for {@code k} neighbours of a query near a topic. */
  static String query(int topic, int k) {
    JsonObject q = new JsonObject();
    JsonArray v = new JsonArray();
    for (float x : CORPUS.queryNear(topic, topic + 1)) {
      v.add(x);
    }
    q.add("vector", v);
    q.addProperty("k", k);
    return q.toString();
  }
}
