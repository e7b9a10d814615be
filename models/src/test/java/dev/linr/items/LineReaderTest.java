package dev.linr.items;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Line splitting at every position around the reader's 64 KiB buffer edge. */
class LineReaderTest {
  @TempDir Path dir;

  @Test
  void terminatorsAndMultiByteCharsAcrossTheBufferEdge() throws IOException {
    int edge = 1 << 16;
    for (int shift = -4; shift <= 4; shift++) {
      for (String term : new String[] {"\r\n", "\r", "\n"}) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String first = "a".repeat(edge + shift - 1);
        out.writeBytes(first.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(term.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes("é€x".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(term.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(term.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes("last".getBytes(StandardCharsets.US_ASCII));
        Path f = dir.resolve("l.txt");
        Files.write(f, out.toByteArray());
        List<String> lines = new ArrayList<>();
        try (LineReader r = LineReader.open(f)) {
          for (String s = r.next(); s != null; s = r.next()) {
            lines.add(s);
          }
          assertEquals(4, r.line());
          assertNull(r.next());
        }
        String what = "shift " + shift + " term " + term.replace("\r", "CR").replace("\n", "LF");
        assertEquals(List.of(first, "é€x", "", "last"), lines, what);
        assertEquals(3, ItemCounter.countRecords(f, false), what);
      }
    }
  }
}
