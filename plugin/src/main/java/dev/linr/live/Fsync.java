package dev.linr.live;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Forces files and folders to stable storage. */
final class Fsync {
  private Fsync() {}

  /** Forces a file's data and metadata. */
  static void file(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  /** Forces a folder's entries (names created, renamed or deleted in it). */
  static void folder(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /** Forces every file under {@code root} and then every folder, deepest first. */
  static void tree(Path root) throws IOException {
    List<Path> dirs = new ArrayList<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        if (Files.isDirectory(p)) {
          dirs.add(p);
        } else if (Files.isRegularFile(p)) {
          file(p);
        }
      }
    }
    for (int i = dirs.size() - 1; i >= 0; i--) {
      folder(dirs.get(i));
    }
  }

  /** Copies the files and folders under {@code from} into {@code to} (created; not forced). */
  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  /** Deletes a folder and everything in it (absent is fine). */
  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      List<Path> paths = all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList();
      for (Path p : paths) {
        Files.deleteIfExists(p);
      }
    }
  }
}
