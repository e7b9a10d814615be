package dev.linr.items;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading lines in place ({@link LineReader#peekLine}, then {@link LineReader#acceptLine} where the
 * caller found the end) gives the same lines, numbers and terminators as {@link
 * LineReader#advance}, around the buffer's edges and at the end of the file.
 */
class LineReaderPeekTest {
  @TempDir Path dir;

  @Test
  void peekedLinesAreTheLinesAdvanceReads() throws IOException {
    Random r = new Random(3);
    int edge = 1 << 16;
    for (int shift = -4; shift <= 4; shift++) {
      for (String term : new String[] {"\r\n", "\r", "\n"}) {
        for (boolean finalTerm : new boolean[] {false, true}) {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
          out.writeBytes("first".getBytes(StandardCharsets.US_ASCII));
          out.writeBytes(term.getBytes(StandardCharsets.US_ASCII));
          out.writeBytes("a".repeat(edge + shift - 10).getBytes(StandardCharsets.US_ASCII));
          for (int i = 0; i < 3000; i++) {
            String t = r.nextInt(3) == 0 ? term : "\n";
            out.writeBytes(t.getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(("é" + "x".repeat(r.nextInt(200))).getBytes(StandardCharsets.UTF_8));
          }
          if (finalTerm) {
            out.writeBytes(term.getBytes(StandardCharsets.US_ASCII));
          }
          Path f = dir.resolve("l.txt");
          Files.write(f, out.toByteArray());
          List<String> expected = new ArrayList<>();
          try (LineReader lr = LineReader.open(f)) {
            while (lr.advance()) {
              expected.add(lr.line() + ":" + lr.text());
            }
          }
          List<String> actual = new ArrayList<>();
          int peeked = 0;
          try (LineReader lr = LineReader.open(f)) {
            while (true) {
              int s = lr.peekLine();
              if (s >= 0 && r.nextInt(4) != 0) {
                byte[] b = lr.bytes();
                int end = s;
                while (b[end] != '\n' && b[end] != '\r') {
                  end++;
                }
                lr.acceptLine(end);
                peeked++;
              } else if (!lr.advance()) {
                break;
              }
              actual.add(lr.line() + ":" + lr.text());
            }
          }
          String what = "shift " + shift + " term " + term.replace("\r", "CR").replace("\n", "LF");
          assertEquals(expected, actual, what);
          assertEquals("1:first", actual.get(0), what);
          assertTrue(peeked > 1000, what + ": " + peeked + " peeked");
        }
      }
    }
  }
}
