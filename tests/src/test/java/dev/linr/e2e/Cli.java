package dev.linr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.linr.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Runs the {@code linr} command line in-process through {@link Main#run}, with standard output,
 * standard error (and optionally standard input) swapped for buffers and restored afterwards.
 */
final class Cli {
  private Cli() {}

  /** What one command-line run did. */
  record Result(int exitCode, String out, String err, List<String> args) {
    /** The lines of standard error that are error JSON ({@code {"code": ...}}). */
    List<String> errorJsonLines() {
      List<String> lines = new ArrayList<>();
      for (String line : err.split("\\R")) {
        if (line.startsWith("{\"code\"")) {
          lines.add(line);
        }
      }
      return lines;
    }

    /** Asserts a successful run and returns it. */
    Result assertOk() {
      assertEquals(0, exitCode, () -> "linr " + args + " failed:\n" + err + "\nstdout:\n" + out);
      return this;
    }

    /**
     * Asserts a user error: exit code 2, exactly one line of error JSON on stderr with code 400, a
     * type and a message, and no stack trace; returns the error JSON.
     */
    JsonObject assertUserError() {
      String context = "linr " + args + "\nstderr:\n" + err + "\nstdout:\n" + out;
      assertEquals(2, exitCode, () -> "exit code of " + context);
      List<String> json = errorJsonLines();
      assertEquals(1, json.size(), () -> "one line of error JSON expected from " + context);
      assertFalse(err.contains("\tat "), () -> "a stack trace from " + context);
      JsonElement e = JsonParser.parseString(json.get(0));
      assertTrue(e.isJsonObject(), context);
      JsonObject o = e.getAsJsonObject();
      assertEquals(400, o.get("code").getAsInt(), context);
      assertTrue(o.has("type") && !o.get("type").getAsString().isBlank(), context);
      assertTrue(o.has("message") && !o.get("message").getAsString().isBlank(), context);
      return o;
    }
  }

  /** Runs {@code linr args...} with an empty standard input. */
  static Result run(String... args) {
    return runWithStdin(new byte[0], args);
  }

  /** Runs {@code linr args...} reading {@code stdin} as standard input. */
  static synchronized Result runWithStdin(byte[] stdin, String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    InputStream oldIn = System.in;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      System.setOut(o);
      System.setErr(e);
      System.setIn(new ByteArrayInputStream(stdin));
      code = Main.run(args);
      o.flush();
      e.flush();
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
      System.setIn(oldIn);
    }
    return new Result(
        code,
        out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8),
        List.of(args));
  }

  /** The names in a folder (hidden ones included), not recursive. */
  static Set<String> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      Set<String> names = new TreeSet<>();
      s.forEach(p -> names.add(p.getFileName().toString()));
      return names;
    }
  }
}
