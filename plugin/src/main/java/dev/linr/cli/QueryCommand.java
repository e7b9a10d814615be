package dev.linr.cli;

import dev.linr.runtime.LinrFused;
import dev.linr.runtime.LinrIndex;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code linr query}: one JSON request against an index archive or a fused retrieval and ranking
 * archive, response JSON on stdout, as the archive's serving translator answers it.
 */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {
      "Answers a JSON request with an index archive or a fused archive (folder, .zip or .tar.gz).",
      "Index request: {\"vector\": [...], \"k\": 10, \"include\": [\"attributes\"]}"
          + " or {\"queries\": [{...}, ...]}.",
      "Fused request (linr fuse): {\"vector\": [...], \"k\": 100, \"n\": 10, \"filter\":"
          + " \"...\"}; the answer is the best n of the top k by ranker score.",
      "Bad input: exit code 2 and the error JSON on stderr."
    })
final class QueryCommand implements Callable<Integer> {
  @Option(
      names = "--model",
      required = true,
      paramLabel = "ARCHIVE",
      description = "The index or fused archive.")
  Path model;

  @Option(
      names = "--request",
      required = true,
      paramLabel = "FILE",
      description = "Request JSON file, or - for standard input.")
  String request;

  @Override
  public Integer call() throws Exception {
    String body = readRequest();
    try (UnpackedArchive archive = UnpackedArchive.open(model, "model archive")) {
      if (archive.fused()) {
        try (LinrFused fused = LinrFused.open(archive.folder())) {
          System.out.println(fused.rankJson(body));
        }
      } else {
        try (LinrIndex index = LinrIndex.open(archive.folder())) {
          System.out.println(index.searchJson(body));
        }
      }
    }
    return 0;
  }

  private String readRequest() throws java.io.IOException {
    if ("-".equals(request)) {
      InputStream in = System.in;
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    return Files.readString(Path.of(request), StandardCharsets.UTF_8);
  }
}
