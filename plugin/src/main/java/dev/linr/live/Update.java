package dev.linr.live;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One logged update: the payload of a {@link WriteAheadLog} record for a {@link DurableIndex}.
 *
 * <p>Payload format (big-endian): a type byte, then for {@code 1} (upsert) an item count and each
 * item line as a length-prefixed UTF-8 string; for {@code 2} (delete) an id count and each id as a
 * tag byte ({@code 0} integer, {@code 1} string) and its value; for {@code 3} (expiry sweep) the
 * sweep's time in epoch seconds. An upsert or delete may be followed by the source positions it
 * advances: a count and each position as a length-prefixed UTF-8 source name and the next offset (a
 * long); a payload that ends after the update (every record written before positions existed)
 * advances none.
 */
sealed interface Update {
  byte UPSERT = 1;
  byte DELETE = 2;
  byte EXPIRE = 3;

  /**
   * Item lines in the build's JSON Lines format, and the source positions the batch advances
   * (source name to next offset; empty for none).
   */
  record Upsert(List<String> lines, Map<String, Long> positions) implements Update {
    Upsert(List<String> lines) {
      this(lines, Map.of());
    }
  }

  /** Ids, {@code Long} or {@code String}, and the source positions the batch advances. */
  record Delete(List<Object> ids, Map<String, Long> positions) implements Update {
    Delete(List<Object> ids) {
      this(ids, Map.of());
    }
  }

  /** An expiry sweep at {@code now} (epoch seconds). */
  record Expire(long now) implements Update {}

  /** The record payload of this update. */
  default byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      if (this instanceof Upsert u) {
        out.writeByte(UPSERT);
        out.writeInt(u.lines().size());
        for (String line : u.lines()) {
          writeString(out, line);
        }
        writePositions(out, u.positions());
      } else if (this instanceof Delete d) {
        out.writeByte(DELETE);
        out.writeInt(d.ids().size());
        for (Object id : d.ids()) {
          if (id instanceof String s) {
            out.writeByte(1);
            writeString(out, s);
          } else {
            out.writeByte(0);
            out.writeLong((Long) id);
          }
        }
        writePositions(out, d.positions());
      } else {
        out.writeByte(EXPIRE);
        out.writeLong(((Expire) this).now());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Writes nothing for no positions, so such a record is byte for byte the older format. */
  private static void writePositions(DataOutputStream out, Map<String, Long> positions)
      throws IOException {
    if (positions.isEmpty()) {
      return;
    }
    out.writeInt(positions.size());
    for (Map.Entry<String, Long> p : positions.entrySet()) {
      writeString(out, p.getKey());
      out.writeLong(p.getValue());
    }
  }

  private static Map<String, Long> readPositions(DataInputStream in, int limit) throws IOException {
    if (in.available() == 0) {
      return Map.of();
    }
    int n = count(in, limit);
    Map<String, Long> positions = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String source = readString(in, limit);
      long offset = in.readLong();
      if (offset < 0) {
        throw new IOException("negative offset " + offset + " of source " + source);
      }
      positions.put(source, offset);
    }
    return positions;
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  /**
   * Decodes a record payload.
   *
   * @throws CorruptLogException if the payload is not a valid update
   */
  static Update decode(LogRecord record) throws CorruptLogException {
    byte[] payload = record.payload();
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload))) {
      byte type = in.readByte();
      Update u;
      switch (type) {
        case UPSERT -> {
          int n = count(in, payload.length);
          List<String> lines = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            lines.add(readString(in, payload.length));
          }
          u = new Upsert(lines, readPositions(in, payload.length));
        }
        case DELETE -> {
          int n = count(in, payload.length);
          List<Object> ids = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            byte tag = in.readByte();
            if (tag == 0) {
              ids.add(in.readLong());
            } else if (tag == 1) {
              ids.add(readString(in, payload.length));
            } else {
              throw new IOException("bad id tag " + tag);
            }
          }
          u = new Delete(ids, readPositions(in, payload.length));
        }
        case EXPIRE -> u = new Expire(in.readLong());
        default -> throw new IOException("unknown update type " + type);
      }
      if (in.available() > 0) {
        throw new IOException(in.available() + " bytes after the update");
      }
      return u;
    } catch (IOException e) {
      throw new CorruptLogException(
          "log record " + record.sequence() + " is not a valid update: " + e.getMessage());
    }
  }

  private static int count(DataInputStream in, int limit) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > limit) {
      throw new IOException("bad count " + n);
    }
    return n;
  }

  private static String readString(DataInputStream in, int limit) throws IOException {
    byte[] b = new byte[count(in, limit)];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
