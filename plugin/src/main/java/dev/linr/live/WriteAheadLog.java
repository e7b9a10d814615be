package dev.linr.live;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * A write-ahead log of opaque records in segment files {@code <first-sequence>.log} (20 digits) in
 * one folder.
 *
 * <p>Segment format: the 8 bytes {@code LINRWAL1}, then records, each {@code [payload length:
 * int32][CRC-32C of sequence and payload: int32][sequence: int64][payload]}, little-endian.
 * Sequence numbers start at 1 and have no gaps across segments.
 *
 * <p>Durability: {@link #append} writes a record into the operating system's cache and returns its
 * sequence number; {@link #awaitDurable} returns once it is on stable storage. Concurrent callers
 * of {@code awaitDurable} share forces (group commit): one caller forces the segment for every
 * record appended so far while the others wait for it.
 *
 * <p>Recovery ({@link #open}): a torn last record (header or payload cut short, or a bad checksum
 * on the last record or one followed only by zeros) is truncated; any other bad record, a sequence
 * gap or a foreign file is a {@link CorruptLogException}.
 *
 * <p>Thread-safe. Close it to release the segment file.
 */
public final class WriteAheadLog implements AutoCloseable {
  static final byte[] MAGIC = "LINRWAL1".getBytes(StandardCharsets.US_ASCII);
  static final int HEADER_BYTES = 16;

  /** The largest payload accepted, bytes. */
  public static final int MAX_PAYLOAD = 1 << 28;

  private final Path dir;
  private final long segmentBytes;
  private final Object appendLock = new Object();
  private final ReentrantLock syncLock = new ReentrantLock();
  private final Condition synced = syncLock.newCondition();

  // Guarded by appendLock (channel also by syncLock while it changes).
  private FileChannel channel;
  private long segmentFirst;
  private long position;
  private volatile long appended;
  // Guarded by syncLock.
  private long durable;
  private boolean syncing;
  private IOException failure;
  private long forces;

  private WriteAheadLog(Path dir, long segmentBytes, long last) {
    this.dir = dir;
    this.segmentBytes = segmentBytes;
    this.appended = last;
    this.durable = last;
  }

  /**
   * Opens (creating it if needed) the log in {@code dir}, truncating a torn tail.
   *
   * @param dir the folder of segment files
   * @param segmentBytes a segment is closed and a new one started once it holds this many bytes
   * @param after the sequence number already covered elsewhere (a snapshot): an empty log starts at
   *     {@code after + 1}, and a log whose first record is later than that is refused
   * @throws CorruptLogException if a record before the tail is bad or sequence numbers have a gap
   */
  public static WriteAheadLog open(Path dir, long segmentBytes, long after) throws IOException {
    if (segmentBytes < MAGIC.length + HEADER_BYTES) {
      throw new IllegalArgumentException("segmentBytes too small: " + segmentBytes);
    }
    Files.createDirectories(dir);
    List<Segment> segments = segments(dir);
    long last = after;
    long logEnd = after;
    if (!segments.isEmpty()) {
      if (segments.get(0).first > after + 1) {
        throw new CorruptLogException(
            "log starts at sequence "
                + segments.get(0).first
                + " but records after "
                + after
                + " are needed: segments are missing");
      }
      long expected = segments.get(0).first;
      for (int i = 0; i < segments.size(); i++) {
        Segment s = segments.get(i);
        if (s.first != expected) {
          throw new CorruptLogException(
              "segment " + s.path.getFileName() + " should start at sequence " + expected);
        }
        Scan scan = scan(s, i == segments.size() - 1, expected, null);
        expected = scan.next;
      }
      logEnd = expected - 1;
      last = Math.max(after, logEnd);
    }
    WriteAheadLog log = new WriteAheadLog(dir, segmentBytes, last);
    if (segments.isEmpty() || logEnd < last) {
      log.startSegment(last + 1);
    } else {
      Segment tail = segments.get(segments.size() - 1);
      log.channel = FileChannel.open(tail.path, StandardOpenOption.WRITE, StandardOpenOption.READ);
      log.segmentFirst = tail.first;
      log.position = log.channel.size();
    }
    return log;
  }

  private record Segment(Path path, long first) {}

  private record Scan(long next, long validEnd) {}

  private static List<Segment> segments(Path dir) throws IOException {
    List<Segment> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (name.matches("\\d{20}\\.log")) {
          out.add(new Segment(p, Long.parseLong(name.substring(0, 20))));
        }
      }
    }
    out.sort((a, b) -> Long.compare(a.first, b.first));
    return out;
  }

  /**
   * Checks a segment's records from {@code expected} on, handing each to {@code sink} (if any);
   * truncates a torn tail when {@code last}.
   */
  private static Scan scan(Segment s, boolean last, long expected, Consumer<LogRecord> sink)
      throws IOException {
    String where = "log segment " + s.path.getFileName();
    try (FileChannel ch =
        FileChannel.open(s.path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = ch.size();
      ByteBuffer magic = ByteBuffer.allocate(MAGIC.length);
      readFully(ch, magic, 0);
      if (magic.position() < MAGIC.length) {
        if (!last) {
          throw new CorruptLogException(where + ": shorter than its header");
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(MAGIC), 0);
        ch.force(true);
        return new Scan(expected, MAGIC.length);
      }
      if (!Arrays.equals(magic.array(), MAGIC)) {
        throw new CorruptLogException(where + ": not a linr log segment");
      }
      long pos = MAGIC.length;
      ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      while (pos < size) {
        header.clear();
        readFully(ch, header, pos);
        String problem = null;
        boolean cut = false;
        int length = 0;
        long seq = 0;
        byte[] payload = null;
        if (header.position() < HEADER_BYTES) {
          problem = "header cut short";
          cut = true;
        } else {
          header.flip();
          length = header.getInt();
          int crc = header.getInt();
          seq = header.getLong();
          if (length < 0 || length > MAX_PAYLOAD) {
            problem = "bad length " + length;
          } else if (pos + HEADER_BYTES + length > size) {
            problem = "payload cut short";
            cut = true;
          } else {
            ByteBuffer body = ByteBuffer.allocate(length);
            readFully(ch, body, pos + HEADER_BYTES);
            payload = body.array();
            if (crc(seq, payload) != crc) {
              problem = "checksum mismatch";
              cut = pos + HEADER_BYTES + length == size || zerosFrom(ch, pos, size);
            } else if (seq != expected) {
              throw new CorruptLogException(
                  where + " at byte " + pos + ": sequence " + seq + ", expected " + expected);
            }
          }
          if (problem != null && !cut) {
            cut = zerosFrom(ch, pos, size);
          }
        }
        if (problem != null) {
          if (!last || !cut) {
            throw new CorruptLogException(
                where
                    + " at byte "
                    + pos
                    + " (sequence "
                    + expected
                    + "): "
                    + problem
                    + ", and records follow it");
          }
          ch.truncate(pos);
          ch.force(true);
          return new Scan(expected, pos);
        }
        if (sink != null) {
          sink.accept(new LogRecord(seq, payload));
        }
        expected++;
        pos += HEADER_BYTES + length;
      }
      return new Scan(expected, pos);
    }
  }

  private static boolean zerosFrom(FileChannel ch, long pos, long size) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(1 << 16);
    for (long p = pos; p < size; ) {
      b.clear();
      int n = ch.read(b, p);
      if (n <= 0) {
        return true;
      }
      for (int i = 0; i < n; i++) {
        if (b.get(i) != 0) {
          return false;
        }
      }
      p += n;
    }
    return true;
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
    while (b.hasRemaining()) {
      int n = ch.read(b, pos + b.position());
      if (n < 0) {
        return;
      }
    }
  }

  static int crc(long seq, byte[] payload) {
    CRC32C c = new CRC32C();
    ByteBuffer s = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, seq);
    c.update(s);
    c.update(payload);
    return (int) c.getValue();
  }

  /** The sequence number of the last record appended (0 or the open's {@code after} if none). */
  public long lastSequence() {
    return appended;
  }

  /**
   * Hands every record with a sequence number above {@code after} to {@code sink}, in order. Call
   * it before appending (it reads the segments on disk).
   */
  public void replay(long after, Consumer<LogRecord> sink) throws IOException {
    List<Segment> segments = segments(dir);
    for (int i = 0; i < segments.size(); i++) {
      Segment s = segments.get(i);
      long next = i + 1 < segments.size() ? segments.get(i + 1).first : Long.MAX_VALUE;
      if (next - 1 <= after) {
        continue;
      }
      scan(
          s,
          false,
          s.first,
          r -> {
            if (r.sequence() > after) {
              sink.accept(r);
            }
          });
    }
  }

  /**
   * Appends a record (not yet durable: see {@link #awaitDurable}).
   *
   * @return its sequence number
   */
  public long append(byte[] payload) throws IOException {
    if (payload.length > MAX_PAYLOAD) {
      throw new IllegalArgumentException(
          "record of " + payload.length + " bytes exceeds " + MAX_PAYLOAD);
    }
    synchronized (appendLock) {
      checkFailed();
      if (position >= segmentBytes && appended >= segmentFirst) {
        rollLocked();
      }
      long seq = appended + 1;
      ByteBuffer b =
          ByteBuffer.allocate(HEADER_BYTES + payload.length).order(ByteOrder.LITTLE_ENDIAN);
      b.putInt(payload.length).putInt(crc(seq, payload)).putLong(seq).put(payload).flip();
      try {
        while (b.hasRemaining()) {
          position += channel.write(b, position);
        }
      } catch (IOException e) {
        fail(e);
        throw e;
      }
      appended = seq;
      return seq;
    }
  }

  /** Returns once every record up to {@code sequence} is on stable storage. */
  public void awaitDurable(long sequence) throws IOException {
    syncLock.lock();
    try {
      while (durable < sequence) {
        if (failure != null) {
          throw new IOException("the log failed to write earlier", failure);
        }
        if (syncing) {
          synced.awaitUninterruptibly();
          continue;
        }
        syncing = true;
        FileChannel ch = channel;
        long target = appended;
        syncLock.unlock();
        IOException error = null;
        try {
          // fdatasync: also flushes the file size, which appends change.
          ch.force(false);
        } catch (IOException e) {
          error = e;
        }
        syncLock.lock();
        syncing = false;
        if (error != null) {
          failure = error;
        } else {
          durable = Math.max(durable, target);
          forces++;
        }
        synced.signalAll();
      }
    } finally {
      syncLock.unlock();
    }
  }

  /** How many forces {@link #awaitDurable} has made (not counting rolls and close). */
  long forces() {
    syncLock.lock();
    try {
      return forces;
    } finally {
      syncLock.unlock();
    }
  }

  /** Appends a record and waits until it is durable; returns its sequence number. */
  public long appendDurably(byte[] payload) throws IOException {
    long seq = append(payload);
    awaitDurable(seq);
    return seq;
  }

  /**
   * Makes every record durable and starts a new segment at the next sequence number (unless the
   * current segment is empty), so that earlier segments can be deleted once covered.
   */
  public void roll() throws IOException {
    synchronized (appendLock) {
      checkFailed();
      if (appended >= segmentFirst) {
        rollLocked();
      }
    }
  }

  private void rollLocked() throws IOException {
    syncLock.lock();
    try {
      while (syncing) {
        synced.awaitUninterruptibly();
      }
      try {
        channel.force(false);
        channel.close();
        durable = Math.max(durable, appended);
        startSegment(appended + 1);
      } catch (IOException e) {
        failure = e;
        throw e;
      } finally {
        synced.signalAll();
      }
    } finally {
      syncLock.unlock();
    }
  }

  private void startSegment(long first) throws IOException {
    Path file = dir.resolve(String.format("%020d.log", first));
    FileChannel ch =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE,
            StandardOpenOption.READ);
    ch.write(ByteBuffer.wrap(MAGIC), 0);
    ch.force(true);
    Fsync.folder(dir);
    channel = ch;
    segmentFirst = first;
    position = MAGIC.length;
  }

  /**
   * Deletes the segments whose records all have sequence numbers at or below {@code sequence}
   * (never the segment being written).
   *
   * @return how many segments were deleted
   */
  public int deleteThrough(long sequence) throws IOException {
    synchronized (appendLock) {
      List<Segment> segments = segments(dir);
      int deleted = 0;
      for (int i = 0; i + 1 < segments.size(); i++) {
        if (segments.get(i).first >= segmentFirst || segments.get(i + 1).first - 1 > sequence) {
          break;
        }
        Files.delete(segments.get(i).path);
        deleted++;
      }
      if (deleted > 0) {
        Fsync.folder(dir);
      }
      return deleted;
    }
  }

  private void checkFailed() throws IOException {
    syncLock.lock();
    try {
      if (failure != null) {
        throw new IOException("the log failed to write earlier", failure);
      }
    } finally {
      syncLock.unlock();
    }
  }

  private void fail(IOException e) {
    syncLock.lock();
    try {
      failure = e;
      synced.signalAll();
    } finally {
      syncLock.unlock();
    }
  }

  @Override
  public void close() throws IOException {
    synchronized (appendLock) {
      syncLock.lock();
      try {
        while (syncing) {
          synced.awaitUninterruptibly();
        }
        if (channel.isOpen()) {
          if (failure == null) {
            channel.force(false);
            durable = Math.max(durable, appended);
          }
          channel.close();
        }
      } finally {
        syncLock.unlock();
      }
    }
  }
}
