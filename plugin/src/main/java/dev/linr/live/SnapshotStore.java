package dev.linr.live;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.linr.runtime.LiveState;
import dev.linr.runtime.LoggedProgress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The snapshots of a {@link DurableIndex}: folders {@code <sequence>/} (20 digits) under one root,
 * each holding {@code archive/} (an ordinary index model archive of the items alive at that log
 * position) and {@code snapshot.json} ({@code {"sequence": n}}).
 *
 * <p>A snapshot is written into {@code .tmp-<sequence>/}, every file and folder in it is forced to
 * stable storage, and it is renamed into place atomically, so a crash leaves either no snapshot or
 * a complete one; leftover temporary folders are deleted on {@link #newest}. Not thread-safe: one
 * writer at a time.
 */
final class SnapshotStore {
  static final String ARCHIVE = "archive";
  static final String INFO = "snapshot.json";
  private static final String TMP = ".tmp-";

  /** A complete snapshot, with the source positions it covers (source name to next offset). */
  record Snapshot(long sequence, Path folder, Map<String, Long> positions) {
    Path archive() {
      return folder.resolve(ARCHIVE);
    }
  }

  private final Path root;

  SnapshotStore(Path root) throws IOException {
    this.root = root;
    Files.createDirectories(root);
  }

  /** The complete snapshots, oldest first; deletes leftover temporary folders. */
  List<Snapshot> list() throws IOException {
    List<Snapshot> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path p : (Iterable<Path>) dirs::iterator) {
        String name = p.getFileName().toString();
        if (name.startsWith(TMP)) {
          Fsync.deleteTree(p);
        } else if (name.matches("\\d{20}")) {
          if (Files.isRegularFile(p.resolve(INFO))) {
            out.add(readSnapshot(p));
          } else {
            Fsync.deleteTree(p); // a deletion cut short
          }
        }
      }
    }
    out.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
    return out;
  }

  Optional<Snapshot> newest() throws IOException {
    List<Snapshot> all = list();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  private static Snapshot readSnapshot(Path folder) throws IOException {
    String text = Files.readString(folder.resolve(INFO), StandardCharsets.UTF_8);
    JsonObject o;
    try {
      o = JsonParser.parseString(text).getAsJsonObject();
      long seq = o.get("sequence").getAsLong();
      if (!String.format("%020d", seq).equals(folder.getFileName().toString())) {
        throw new IllegalStateException("sequence " + seq + " does not match the folder name");
      }
      Map<String, Long> positions = new LinkedHashMap<>();
      if (o.has("positions")) {
        for (Map.Entry<String, JsonElement> p : o.getAsJsonObject("positions").entrySet()) {
          long offset = p.getValue().getAsLong();
          if (offset < 0) {
            throw new IllegalStateException("negative position of " + p.getKey());
          }
          positions.put(p.getKey(), offset);
        }
      }
      return new Snapshot(seq, folder, Map.copyOf(positions));
    } catch (RuntimeException e) {
      throw new IOException("bad " + folder.resolve(INFO) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes a snapshot of {@code state} (items, capacity, dictionaries and widths of the live index)
   * covering the log up to {@code sequence}, with no source positions.
   */
  Snapshot write(long sequence, LiveState state) throws IOException {
    return write(sequence, state, Map.of());
  }

  /**
   * Writes a snapshot of {@code state} (items, capacity, dictionaries and widths of the live index)
   * covering the log up to {@code sequence}, and the source positions it covers.
   */
  Snapshot write(long sequence, LiveState state, Map<String, Long> positions) throws IOException {
    return commit(
        sequence,
        positions,
        archive ->
            state.writeArchive(
                archive, new LoggedProgress("snapshot " + sequence + " in " + root)));
  }

  /**
   * Writes a snapshot covering the log up to {@code sequence} as a copy of the archive folder
   * {@code archive} (an index model archive as the build writes it), with no source positions: a
   * file copy, where {@link #write} rebuilds the archive from the items.
   */
  Snapshot copy(long sequence, Path archive) throws IOException {
    return commit(sequence, Map.of(), target -> Fsync.copyTree(archive, target));
  }

  /** Fills a snapshot's archive folder (not yet created) under the snapshot's temporary folder. */
  @FunctionalInterface
  private interface ArchiveWriter {
    void write(Path archive) throws IOException;
  }

  private Snapshot commit(long sequence, Map<String, Long> positions, ArchiveWriter writer)
      throws IOException {
    String name = String.format("%020d", sequence);
    Path tmp = root.resolve(TMP + name);
    Fsync.deleteTree(tmp);
    Files.createDirectories(tmp);
    writer.write(tmp.resolve(ARCHIVE));
    JsonObject info = new JsonObject();
    info.addProperty("sequence", sequence);
    if (!positions.isEmpty()) {
      JsonObject p = new JsonObject();
      new TreeMap<>(positions).forEach(p::addProperty);
      info.add("positions", p);
    }
    Files.writeString(tmp.resolve(INFO), info + "\n", StandardCharsets.UTF_8);
    Fsync.tree(tmp);
    Path target = root.resolve(name);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    Fsync.folder(root);
    return new Snapshot(sequence, target, Map.copyOf(positions));
  }

  /** Deletes every snapshot older than {@code sequence} except {@code keep} (may be null). */
  void deleteOlderThan(long sequence, Path keep) throws IOException {
    boolean any = false;
    for (Snapshot s : list()) {
      if (s.sequence() < sequence && !s.folder().equals(keep)) {
        // Drop the marker first: a crash mid-delete leaves no half snapshot that counts.
        Files.delete(s.folder().resolve(INFO));
        Fsync.deleteTree(s.folder());
        any = true;
      }
    }
    if (any) {
      Fsync.folder(root);
    }
  }
}
