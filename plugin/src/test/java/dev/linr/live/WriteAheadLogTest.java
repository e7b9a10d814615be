package dev.linr.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteAheadLogTest {
  @TempDir Path dir;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> replay(WriteAheadLog log, long after) throws IOException {
    List<String> out = new ArrayList<>();
    long[] expected = {after + 1};
    log.replay(
        after,
        r -> {
          assertEquals(expected[0]++, r.sequence());
          out.add(new String(r.payload(), StandardCharsets.UTF_8));
        });
    return out;
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".log")).sorted().toList();
    }
  }

  @Test
  void recordsReadBackInOrderAfterReopenAcrossSegments() throws IOException {
    List<String> written = new ArrayList<>();
    try (WriteAheadLog log = WriteAheadLog.open(dir, 200, 0)) {
      for (int i = 0; i < 40; i++) {
        String p = "record-" + i + "-" + "x".repeat(i % 7);
        written.add(p);
        assertEquals(i + 1, log.appendDurably(bytes(p)));
      }
    }
    assertTrue(segments().size() > 3, "segments " + segments());
    try (WriteAheadLog log = WriteAheadLog.open(dir, 200, 0)) {
      assertEquals(40, log.lastSequence());
      assertEquals(written, replay(log, 0));
      assertEquals(written.subList(25, 40), replay(log, 25));
      assertEquals(41, log.appendDurably(bytes("next")));
    }
  }

  @Test
  void concurrentWritersGetEveryRecordOnceInSequenceOrder() throws Exception {
    int threads = 8;
    int each = 150;
    Map<String, Long> sequences = new ConcurrentHashMap<>();
    try (WriteAheadLog log = WriteAheadLog.open(dir, 4096, 0)) {
      List<Thread> workers = new ArrayList<>();
      List<Throwable> failures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        Thread w =
            new Thread(
                () -> {
                  try {
                    for (int i = 0; i < each; i++) {
                      String p = id + ":" + i;
                      sequences.put(p, log.appendDurably(bytes(p)));
                    }
                  } catch (Throwable e) {
                    synchronized (failures) {
                      failures.add(e);
                    }
                  }
                },
                "wal-test-writer-" + t);
        workers.add(w);
        w.start();
      }
      for (Thread w : workers) {
        w.join();
      }
      assertEquals(List.of(), failures);
    }
    try (WriteAheadLog log = WriteAheadLog.open(dir, 4096, 0)) {
      List<String> all = replay(log, 0);
      assertEquals(threads * each, all.size());
      Map<Integer, Integer> nextOf = new HashMap<>();
      for (int s = 0; s < all.size(); s++) {
        String p = all.get(s);
        assertEquals(s + 1, sequences.get(p), "sequence acknowledged for " + p);
        int writer = Integer.parseInt(p.substring(0, p.indexOf(':')));
        int i = Integer.parseInt(p.substring(p.indexOf(':') + 1));
        assertEquals(nextOf.getOrDefault(writer, 0), i, "writer " + writer + " order");
        nextOf.put(writer, i + 1);
      }
    }
  }

  @Test
  void oneForceMakesEveryRecordAppendedBeforeItDurable() throws IOException {
    try (WriteAheadLog log = WriteAheadLog.open(dir, 1 << 20, 0)) {
      long a = log.append(bytes("a"));
      long b = log.append(bytes("b"));
      long c = log.append(bytes("c"));
      log.awaitDurable(a);
      assertEquals(1, log.forces());
      log.awaitDurable(c);
      log.awaitDurable(b);
      assertEquals(1, log.forces(), "records appended before the force share it");
      log.awaitDurable(log.append(bytes("d")));
      assertEquals(2, log.forces());
    }
  }

  @Test
  void tornLastRecordIsTruncatedOnOpen() throws IOException {
    try (WriteAheadLog log = WriteAheadLog.open(dir, 1 << 20, 0)) {
      for (int i = 1; i <= 5; i++) {
        log.appendDurably(bytes("payload-" + i));
      }
    }
    Path segment = segments().get(0);
    long size = Files.size(segment);
    try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
      f.setLength(size - 3);
    }
    try (WriteAheadLog log = WriteAheadLog.open(dir, 1 << 20, 0)) {
      assertEquals(4, log.lastSequence());
      assertEquals(List.of("payload-1", "payload-2", "payload-3", "payload-4"), replay(log, 0));
      assertEquals(5, log.appendDurably(bytes("again-5")));
    }
    try (WriteAheadLog log = WriteAheadLog.open(dir, 1 << 20, 0)) {
      assertEquals("again-5", replay(log, 4).get(0));
    }
  }

  @Test
  void lastRecordWithBadChecksumIsTruncatedOnOpen() throws IOException {
    try (WriteAheadLog log = WriteAheadLog.open(dir, 1 << 20, 0)) {
      for (int i = 1; i <= 3; i++) {
        log.appendDurably(bytes("payload-" + i));
      }
    }
    Path segment = segments().get(0);
    flipByte(segment, Files.size(segment) - 1);
    try (WriteAheadLog log = WriteAheadLog.open(dir, 1 << 20, 0)) {
      assertEquals(List.of("payload-1", "payload-2"), replay(log, 0));
    }
  }

  @Test
  void corruptRecordBeforeTheTailIsRefused() throws IOException {
    long secondPayload;
    try (WriteAheadLog log = WriteAheadLog.open(dir, 1 << 20, 0)) {
      log.appendDurably(bytes("payload-1"));
      secondPayload = WriteAheadLog.MAGIC.length + 2L * WriteAheadLog.HEADER_BYTES + 9;
      for (int i = 2; i <= 5; i++) {
        log.appendDurably(bytes("payload-" + i));
      }
    }
    flipByte(segments().get(0), secondPayload + 3);
    CorruptLogException e =
        assertThrows(CorruptLogException.class, () -> WriteAheadLog.open(dir, 1 << 20, 0));
    assertTrue(e.getMessage().contains("sequence 2"), e.getMessage());
    assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
  }

  @Test
  void missingSegmentsAfterTheCoveredPositionAreRefused() throws IOException {
    try (WriteAheadLog log = WriteAheadLog.open(dir, 100, 0)) {
      for (int i = 1; i <= 10; i++) {
        log.appendDurably(bytes("payload-" + i));
      }
    }
    Files.delete(segments().get(0));
    assertThrows(CorruptLogException.class, () -> WriteAheadLog.open(dir, 100, 0));
  }

  @Test
  void segmentsCoveredByAPositionAreDeletedAndTheRestReplays() throws IOException {
    try (WriteAheadLog log = WriteAheadLog.open(dir, 1 << 20, 0)) {
      for (int i = 1; i <= 3; i++) {
        log.appendDurably(bytes("a" + i));
      }
      log.roll();
      for (int i = 4; i <= 6; i++) {
        log.appendDurably(bytes("a" + i));
      }
      log.roll();
      log.appendDurably(bytes("a7"));
      assertEquals(3, segments().size());
      assertEquals(1, log.deleteThrough(5));
      assertEquals(1, log.deleteThrough(6));
      assertEquals(0, log.deleteThrough(7), "the segment being written stays");
    }
    try (WriteAheadLog log = WriteAheadLog.open(dir, 1 << 20, 6)) {
      assertEquals(List.of("a7"), replay(log, 6));
      assertEquals(8, log.appendDurably(bytes("a8")));
    }
  }

  private static void flipByte(Path file, long at) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x5a);
    }
  }
}
