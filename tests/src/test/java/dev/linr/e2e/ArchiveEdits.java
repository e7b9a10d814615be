package dev.linr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linr.index.BuildResult;
import dev.linr.index.FormatVersion;
import dev.linr.index.IndexMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Built archives changed for a test: a copy whose model code is edited (to run, on CPU, a branch
 * the model takes only on another device), or an archive relabelled as an earlier format version.
 */
final class ArchiveEdits {
  private static final String CODE = "/code/__torch__.py";

  private ArchiveEdits() {}

  /**
   * Copies {@code built}'s folder under {@code parent} with its model code passed through edit. The
   * copy keeps the folder's and the model's names.
   */
  static BuildResult copyWithCode(BuildResult built, Path parent, UnaryOperator<String> edit)
      throws IOException {
    Path folder = Files.createDirectories(parent).resolve(built.folder().getFileName());
    try (Stream<Path> files = Files.walk(built.folder())) {
      for (Path from : (Iterable<Path>) files::iterator) {
        Path to = folder.resolve(built.folder().relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else if (!from.getFileName().toString().equals(built.name() + ".pt")) {
          Files.copy(from, to);
        }
      }
    }
    Path model = folder.resolve(built.name() + ".pt");
    int edited = 0;
    try (InputStream in = Files.newInputStream(built.folder().resolve(built.name() + ".pt"));
        ZipInputStream zin = new ZipInputStream(in);
        OutputStream out = Files.newOutputStream(model);
        ZipOutputStream zout = new ZipOutputStream(out)) {
      for (ZipEntry e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
        byte[] data = zin.readAllBytes();
        if (e.getName().endsWith(CODE)) {
          data =
              edit.apply(new String(data, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
          edited++;
        }
        ZipEntry copy = new ZipEntry(e.getName());
        copy.setMethod(ZipEntry.STORED);
        copy.setSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        copy.setCrc(crc.getValue());
        zout.putNextEntry(copy);
        zout.write(data);
        zout.closeEntry();
      }
    }
    assertEquals(1, edited, "the archive's model code");
    return new BuildResult(
        folder, built.name(), built.count(), built.capacity(), Files.size(model), built.elapsed());
  }

  /**
   * Relabels the archive in {@code folder} (written by this code) as of format {@code version}, in
   * its {@code index.json}: how an archive of that earlier format is read.
   */
  static void relabelFormatVersion(Path folder, int version) throws IOException {
    Path indexFile = folder.resolve(IndexMetadata.INDEX_FILE);
    String current = "\"format_version\": " + FormatVersion.CURRENT;
    String json = Files.readString(indexFile);
    assertTrue(json.contains(current), json);
    Files.writeString(indexFile, json.replace(current, "\"format_version\": " + version));
  }

  /** {@code text} with its one occurrence of {@code from} replaced (fails if not exactly one). */
  static String replaceOnce(String text, String from, String to) {
    int at = text.indexOf(from);
    assertEquals(
        true, at >= 0 && text.indexOf(from, at + 1) < 0, "exactly one occurrence of: " + from);
    return text.substring(0, at) + to + text.substring(at + from.length());
  }
}
