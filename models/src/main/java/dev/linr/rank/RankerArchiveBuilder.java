package dev.linr.rank;

import dev.linr.archive.ArchiveFormat;
import dev.linr.archive.ServingProperties;
import dev.linr.archive.StagedFolder;
import dev.linr.archive.TranslatorJar;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Writes a ranker as a DJL Serving model archive folder:
 *
 * <pre>
 * ranker/
 *   serving.properties        engine=OnnxRuntime (or PyTorch), option.modelName=ranker,
 *                             translator=dev.linr.rank.RankingServingTranslator,
 *                             dimension=64, features=product,score, attributes=quality
 *   ranker.onnx               (ONNX) or ranker.pt (TorchScript): features [N, F] -> scores [N]
 *   libs/linr-serving-translator.jar   when a translator jar is given
 * </pre>
 *
 * <pre>{@code
 * Path archive = RankerArchiveBuilder.builder()
 *     .setRanker(new RankerDefinition(64, RankerFeatures.parse("product,score", "quality"), mlp))
 *     .setOutput(Path.of("models/ranker"))
 *     .optFormat(RankerFormat.TORCHSCRIPT)
 *     .build()
 *     .write();
 * }</pre>
 *
 * <p>The folder is assembled next to the output and renamed into place, so a failed write leaves
 * nothing behind. Not thread-safe; one write per instance.
 */
public final class RankerArchiveBuilder {
  /** The serving translator class named in {@code serving.properties}. */
  public static final String SERVING_TRANSLATOR = "dev.linr.rank.RankingServingTranslator";

  /** Where the self-contained serving translator jar goes inside an archive. */
  public static final String TRANSLATOR_JAR = TranslatorJar.PATH;

  private final RankerDefinition ranker;
  private final Path output;
  private final String name;
  private final RankerFormat format;
  private final boolean overwrite;
  private final Supplier<InputStream> translatorJar;

  private RankerArchiveBuilder(Builder b) {
    this.ranker = b.ranker;
    this.output = b.output.toAbsolutePath().normalize();
    this.name = b.name != null ? b.name : ArchiveFormat.modelName(output);
    this.format = b.format;
    this.overwrite = b.overwrite;
    this.translatorJar = b.translatorJar;
  }

  /**
   * Writes the archive folder.
   *
   * @return the folder
   * @throws IllegalArgumentException if the output exists and overwriting was not asked for
   */
  public Path write() throws IOException {
    if (Files.exists(output) && !overwrite) {
      throw new IllegalArgumentException(
          "output " + output + " already exists; remove it or allow overwriting");
    }
    try (StagedFolder staged = StagedFolder.beside(output, name, "writing")) {
      Path model = staged.path().resolve(name + format.extension());
      if (format == RankerFormat.ONNX) {
        OnnxRankerModel.of(ranker).write(model);
      } else {
        TorchScriptRankerModel.write(ranker.mlp(), model, name);
      }
      servingProperties()
          .write(
              staged.path(),
              "linr ranker: DJL Serving loads this folder as a " + format.engine() + " model.");
      TranslatorJar.copyInto(translatorJar, staged.path());
      staged.publish();
      return output;
    }
  }

  private ServingProperties servingProperties() {
    ServingProperties p =
        new ServingProperties()
            .set("engine", format.engine())
            .set("option.modelName", name)
            .set("translator", SERVING_TRANSLATOR);
    ranker.translatorArguments().forEach(p::set);
    return p;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Configures an archive: {@code set*} is required, {@code opt*} optional. */
  public static final class Builder {
    private RankerDefinition ranker;
    private Path output;
    private String name;
    private RankerFormat format = RankerFormat.ONNX;
    private boolean overwrite;
    private Supplier<InputStream> translatorJar;

    private Builder() {}

    /** The ranker to write. Required. */
    public Builder setRanker(RankerDefinition ranker) {
      this.ranker = ranker;
      return this;
    }

    /** The archive folder to create. Required. */
    public Builder setOutput(Path output) {
      this.output = output;
      return this;
    }

    /** The model name; default the output folder's name (non-word characters become '_'). */
    public Builder optName(String name) {
      this.name = name;
      return this;
    }

    /** The model file's format; default {@link RankerFormat#ONNX}. */
    public Builder optFormat(RankerFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /** Whether to replace an existing output folder; default false. */
    public Builder optOverwrite(boolean overwrite) {
      this.overwrite = overwrite;
      return this;
    }

    /**
     * The serving translator jar to place in {@code libs/}, so that a stock DJL Serving can load
     * the archive; default none (the server must have the translator on its classpath).
     */
    public Builder optTranslatorJar(Supplier<InputStream> jar) {
      this.translatorJar = jar;
      return this;
    }

    /**
     * Checks the configuration.
     *
     * @throws IllegalArgumentException if the ranker or output is missing or the name is not a word
     *     ({@code [A-Za-z0-9_]+})
     */
    public RankerArchiveBuilder build() {
      if (ranker == null) {
        throw new IllegalArgumentException("ranker is required");
      }
      if (output == null) {
        throw new IllegalArgumentException("output is required");
      }
      ArchiveFormat.checkModelName(name);
      return new RankerArchiveBuilder(this);
    }
  }
}
