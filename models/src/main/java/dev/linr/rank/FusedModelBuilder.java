package dev.linr.rank;

import dev.linr.archive.ArchiveFormat;
import dev.linr.archive.ArchiveUnpacker;
import dev.linr.archive.FileTrees;
import dev.linr.archive.ServingProperties;
import dev.linr.archive.StagedFolder;
import dev.linr.archive.TranslatorJar;
import dev.linr.index.AttributeColumn;
import dev.linr.index.BufferSpec;
import dev.linr.index.IndexLayout;
import dev.linr.index.IndexMetadata;
import dev.linr.index.IndexProgram;
import dev.linr.schema.AttributeSpec;
import dev.linr.torchscript.TorchScriptArchiveReader;
import dev.linr.torchscript.TorchScriptArchiveWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes a fused retrieval and ranking model: one TorchScript model whose {@code forward} retrieves
 * each query's top k exactly as the index model does (filters, planner, tie rule) and re-ranks
 * those candidates with a ranker MLP in the same graph, returning the best n.
 *
 * <pre>{@code
 * FusedBuildResult r = FusedModelBuilder.builder()
 *     .setIndex(Path.of("models/posts"))        // a built index archive: folder, .zip or .tar.gz
 *     .setRanker(ranker)
 *     .setOutput(Path.of("models/posts_ranked"))
 *     .build()
 *     .run();
 * }</pre>
 *
 * <p>The output is a DJL Serving archive like the index's: {@code <name>.pt} holds the index
 * buffers (copied byte for byte, after their CRC-32s are checked), the ranker's weights as buffers
 * and the program ({@link IndexProgram#source(IndexLayout, dev.linr.index.ProgramStage)} with the
 * ranking stage); the index metadata files, {@code fused.json} ({@link FusedMetadata}) and {@code
 * serving.properties} naming {@value #SERVING_TRANSLATOR} sit beside it, with the index's
 * translator arguments (planner settings) kept. The folder is assembled next to the output and
 * renamed into place, so a failed build leaves nothing behind. Not thread-safe; one build per
 * instance.
 *
 * <p>{@code forward(queries [B, d] float32, k int64 [1] or [B], filter_ops, filter_ints,
 * filter_floats, allow, options, n int64 [1] or [B])} returns {@code (ranker scores [B, n']
 * float32, retrieval scores [B, n'] float32, slots [B, n'] int64, ids [B, n'] int64, matched [B]
 * int64, path [1] int64)}; row b holds {@code min(n[b], k[b], matched[b])} valid hits ordered by
 * ranker score descending, equal scores in retrieval order. The other inputs are the index model's.
 */
public final class FusedModelBuilder {
  /** The serving translator class named in {@code serving.properties}. */
  public static final String SERVING_TRANSLATOR = "dev.linr.rank.FusedServingTranslator";

  /** Where the self-contained serving translator jar goes inside the archive. */
  public static final String TRANSLATOR_JAR = TranslatorJar.PATH;

  private final Path index;
  private final RankerDefinition ranker;
  private final Path output;
  private final String name;
  private final boolean overwrite;
  private final Supplier<InputStream> translatorJar;

  private FusedModelBuilder(Builder b) {
    this.index = b.index;
    this.ranker = b.ranker;
    this.output = b.output.toAbsolutePath().normalize();
    this.name = b.name != null ? b.name : ArchiveFormat.modelName(output);
    this.overwrite = b.overwrite;
    this.translatorJar = b.translatorJar;
  }

  /**
   * Writes the fused archive.
   *
   * @throws IllegalArgumentException if the output exists (without overwrite), the index archive is
   *     missing, damaged or of another format version, or the ranker does not fit the index (its
   *     feature count, or an attribute feature that is not a single-valued number)
   */
  public FusedBuildResult run() throws IOException {
    if (Files.exists(output) && !overwrite) {
      throw new IllegalArgumentException(
          "output " + output + " already exists; remove it or pass --overwrite");
    }
    if (!Files.exists(index)) {
      throw new IllegalArgumentException("index archive " + index + " does not exist");
    }
    Path unpacked = null;
    try {
      Path indexDir = index;
      if (ArchiveFormat.of(index) != ArchiveFormat.FOLDER) {
        unpacked = Files.createTempDirectory("linr-fuse-");
        indexDir = ArchiveUnpacker.unpack(index, unpacked);
      }
      return write(indexDir);
    } finally {
      if (unpacked != null) {
        FileTrees.deleteTree(unpacked);
      }
    }
  }

  private FusedBuildResult write(Path indexDir) throws IOException {
    IndexMetadata metadata = IndexMetadata.read(indexDir);
    IndexLayout layout = metadata.layout();
    RankerFeatures features = ranker.features();
    RankingStage stage =
        new RankingStage(
            ranker.mlp().widths(), features.product(), features.score(), attributeColumns(layout));
    ServingProperties indexProperties = ServingProperties.read(indexDir);
    Path indexModel = indexDir.resolve(indexModelName(indexDir, indexProperties) + ".pt");
    if (!Files.isRegularFile(indexModel)) {
      throw new IllegalArgumentException("not an index archive: " + indexModel + " is missing");
    }
    try (StagedFolder staged = StagedFolder.beside(output, name, "fusing")) {
      Path work = staged.path();
      writeModel(work.resolve(name + ".pt"), indexModel, layout, stage);
      metadata.write(work);
      new FusedMetadata(ranker).write(work);
      properties(indexProperties)
          .write(
              work,
              "linr fused retrieval and ranking model: DJL Serving loads this folder as a PyTorch model.");
      TranslatorJar.copyInto(translatorJar, work);
      long modelBytes = Files.size(work.resolve(name + ".pt"));
      staged.publish();
      return new FusedBuildResult(output, name, modelBytes);
    }
  }

  /** The attribute features as index columns; each must be a single-valued int or float. */
  private List<AttributeColumn> attributeColumns(IndexLayout layout) {
    int dimension = layout.schema().dimension();
    if (ranker.dimension() != dimension) {
      throw new IllegalArgumentException(
          "the ranker takes vectors of dimension "
              + ranker.dimension()
              + ", but the index holds dimension "
              + dimension);
    }
    List<AttributeColumn> out = new ArrayList<>();
    for (String attribute : ranker.features().attributes()) {
      AttributeSpec spec =
          layout.schema().attributes().stream()
              .filter(a -> a.name().equals(attribute))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "the ranker reads attribute '"
                              + attribute
                              + "', which the index does not have"));
      AttributeColumn column = layout.column(spec.name());
      if (column.encoding() != AttributeColumn.Encoding.NUMBER) {
        throw new IllegalArgumentException(
            "the ranker reads attribute '"
                + attribute
                + "' of type "
                + spec.typeName()
                + "; a fused model reads only single-valued int or float attributes");
      }
      out.add(column);
    }
    return out;
  }

  private static String indexModelName(Path dir, ServingProperties properties) {
    String declared = properties.get("option.modelName");
    return declared != null && !declared.isBlank() ? declared.trim() : dir.getFileName().toString();
  }

  private void writeModel(Path modelFile, Path indexModel, IndexLayout layout, RankingStage stage)
      throws IOException {
    List<BufferSpec> buffers = layout.buffers();
    try (TorchScriptArchiveReader reader = TorchScriptArchiveReader.open(indexModel);
        FileChannel source = FileChannel.open(indexModel, StandardOpenOption.READ)) {
      reader.verify();
      if (reader.storageKeys().size() != buffers.size()) {
        throw new IllegalArgumentException(
            "corrupt index archive: "
                + indexModel
                + " holds "
                + reader.storageKeys().size()
                + " tensors but its metadata describes "
                + buffers.size());
      }
      TorchScriptArchiveWriter writer =
          new TorchScriptArchiveWriter(
              modelFile, name, RankingStage.CLASS_NAME, IndexProgram.source(layout, stage));
      try {
        for (int i = 0; i < buffers.size(); i++) {
          BufferSpec b = buffers.get(i);
          TorchScriptArchiveReader.Entry entry = reader.storage(Integer.toString(i));
          if (entry.size() != b.bytes()) {
            throw new IllegalArgumentException(
                "corrupt index archive: buffer "
                    + b.name()
                    + " has "
                    + entry.size()
                    + " bytes, expected "
                    + b.bytes());
          }
          writer.addTensor(b.name(), b.dtype(), b.shape(), out -> copy(source, entry, out));
        }
        List<BufferSpec> rankerBuffers = stage.buffers();
        RankerMlp mlp = ranker.mlp();
        for (int layer = 0; layer < mlp.layers(); layer++) {
          addFloats(writer, rankerBuffers.get(2 * layer), mlp.weights(layer));
          addFloats(writer, rankerBuffers.get(2 * layer + 1), mlp.biases(layer));
        }
        IndexProgram.addAttributes(writer);
      } catch (IOException | RuntimeException e) {
        writer.abort();
        throw e;
      }
      writer.close();
    }
  }

  private static void copy(
      FileChannel source, TorchScriptArchiveReader.Entry entry, WritableByteChannel out)
      throws IOException {
    long position = entry.dataOffset();
    long end = position + entry.size();
    while (position < end) {
      long n = source.transferTo(position, end - position, out);
      if (n <= 0) {
        throw new IOException("the index model file ended inside " + entry.name());
      }
      position += n;
    }
  }

  private static void addFloats(TorchScriptArchiveWriter writer, BufferSpec spec, float[] values)
      throws IOException {
    writer.addFloat32Tensor(spec.name(), spec.shape(), values);
  }

  /** The index's properties (planner settings and server keys kept) naming the fused model. */
  private ServingProperties properties(ServingProperties indexProperties) {
    ServingProperties out = new ServingProperties();
    Map<String, String> values = indexProperties.asMap();
    ServingProperties defaults = ServingProperties.forIndex(name, SERVING_TRANSLATOR);
    defaults.asMap().forEach((k, v) -> out.set(k, values.getOrDefault(k, v)));
    values.forEach(out::set);
    out.set("option.modelName", name);
    out.set("translator", SERVING_TRANSLATOR);
    return out;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Configures a fused build: {@code set*} is required, {@code opt*} optional. */
  public static final class Builder {
    private Path index;
    private RankerDefinition ranker;
    private Path output;
    private String name;
    private boolean overwrite;
    private Supplier<InputStream> translatorJar;

    private Builder() {}

    /**
     * The index archive: a folder, {@code .zip} or {@code .tar.gz} written by the index builder.
     */
    public Builder setIndex(Path index) {
      this.index = index;
      return this;
    }

    /**
     * The ranker: its dimension must be the index's, and its attribute features single-valued int
     * or float attributes of the index.
     */
    public Builder setRanker(RankerDefinition ranker) {
      this.ranker = ranker;
      return this;
    }

    /** The archive folder to create. */
    public Builder setOutput(Path output) {
      this.output = output;
      return this;
    }

    /** The model name (default: the output folder's name, DJL-style). */
    public Builder optName(String name) {
      this.name = name;
      return this;
    }

    /** Replace an existing output folder. */
    public Builder optOverwrite(boolean overwrite) {
      this.overwrite = overwrite;
      return this;
    }

    /**
     * The serving translator jar to place in {@code libs/}, so DJL Serving can load the archive.
     */
    public Builder optTranslatorJar(Supplier<InputStream> jar) {
      this.translatorJar = jar;
      return this;
    }

    /**
     * Checks the configuration.
     *
     * @throws IllegalArgumentException naming what is missing or invalid
     */
    public FusedModelBuilder build() {
      if (index == null) {
        throw new IllegalArgumentException("an index archive is required");
      }
      if (ranker == null) {
        throw new IllegalArgumentException("a ranker is required");
      }
      if (output == null) {
        throw new IllegalArgumentException("an output folder is required");
      }
      ArchiveFormat.checkModelName(name);
      return new FusedModelBuilder(this);
    }
  }
}
