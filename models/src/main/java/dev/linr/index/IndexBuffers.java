package dev.linr.index;

import dev.linr.torchscript.TorchScriptArchiveReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The tensor buffers of an index model file, checked against their CRC-32s and the metadata's
 * layout, ready to be memory-mapped by name. The storages are in {@link IndexLayout#buffers()}
 * order. Mappings are read-only, little-endian and stay valid after {@link #close()}, which only
 * closes the file. Not thread-safe; the mappings it returns are safe to read from any thread with
 * absolute positions.
 *
 * <pre>{@code
 * try (IndexBuffers buffers = IndexBuffers.open(modelFile, metadata)) {
 *   AttributeLookup attributes = ArchiveAttributeLookup.of(metadata, buffers);
 *   VectorLookup vectors = ArchiveVectorLookup.of(metadata, buffers);
 * }
 * }</pre>
 */
public final class IndexBuffers implements Closeable {
  /** The largest part mapped at once; rows never straddle two parts. */
  static final long MAX_PART_BYTES = 1L << 30;

  private final Path modelFile;
  private final TorchScriptArchiveReader reader;
  private final Map<String, TorchScriptArchiveReader.Entry> entries;
  private final Map<String, BufferSpec> specs;

  private IndexBuffers(
      Path modelFile,
      TorchScriptArchiveReader reader,
      Map<String, TorchScriptArchiveReader.Entry> entries,
      Map<String, BufferSpec> specs) {
    this.modelFile = modelFile;
    this.reader = reader;
    this.entries = entries;
    this.specs = specs;
  }

  /**
   * Opens {@code modelFile}, checks every storage against its CRC-32 (one sequential read of the
   * file) and the storages' number and sizes against the layout of {@code metadata}.
   *
   * @throws IllegalArgumentException ("corrupt index archive: ...") if the model file is damaged or
   *     does not match the metadata
   */
  public static IndexBuffers open(Path modelFile, IndexMetadata metadata) throws IOException {
    return open(modelFile, metadata, 0);
  }

  /**
   * As {@link #open(Path, IndexMetadata)}, for a model file that holds {@code trailingTensors}
   * further tensors after the index buffers (a fused model's ranker weights): they are checked
   * against their CRC-32s and counted, but not mapped.
   */
  public static IndexBuffers open(Path modelFile, IndexMetadata metadata, int trailingTensors)
      throws IOException {
    TorchScriptArchiveReader reader;
    try {
      reader = TorchScriptArchiveReader.open(modelFile);
    } catch (IOException e) {
      throw corrupt(e);
    }
    try {
      reader.verify();
      List<BufferSpec> layout = metadata.layout().buffers();
      List<String> keys = reader.storageKeys();
      if (keys.size() != layout.size() + trailingTensors) {
        throw new IllegalArgumentException(
            modelFile
                + " holds "
                + keys.size()
                + " tensors but its metadata describes "
                + (layout.size() + trailingTensors));
      }
      Map<String, TorchScriptArchiveReader.Entry> entries = new HashMap<>();
      Map<String, BufferSpec> specs = new HashMap<>();
      for (int i = 0; i < layout.size(); i++) {
        BufferSpec spec = layout.get(i);
        TorchScriptArchiveReader.Entry entry = reader.storage(Integer.toString(i));
        if (entry.size() != spec.bytes()) {
          throw new IllegalArgumentException(
              modelFile
                  + ": buffer "
                  + spec.name()
                  + " has "
                  + entry.size()
                  + " bytes, expected "
                  + spec.bytes());
        }
        entries.put(spec.name(), entry);
        specs.put(spec.name(), spec);
      }
      return new IndexBuffers(modelFile, reader, entries, specs);
    } catch (IOException | NoSuchElementException e) {
      reader.close();
      throw corrupt(e);
    } catch (RuntimeException e) {
      reader.close();
      throw e;
    }
  }

  private static IllegalArgumentException corrupt(Exception e) {
    return new IllegalArgumentException("corrupt index archive: " + e.getMessage(), e);
  }

  /** The layout's description of the buffer {@code name}. */
  public BufferSpec spec(String name) {
    BufferSpec spec = specs.get(name);
    if (spec == null) {
      throw new IllegalArgumentException("the index model has no buffer named '" + name + "'");
    }
    return spec;
  }

  /**
   * Maps the whole buffer {@code name}.
   *
   * @throws IllegalArgumentException if there is no such buffer or it is over 2 GiB (use {@link
   *     #mapRows})
   */
  public ByteBuffer map(String name) throws IOException {
    spec(name);
    return reader.map(entries.get(name)).order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * Maps the buffer {@code name} row by row (a row is the first dimension), in parts of at most 1
   * GiB of whole rows, so that buffers over 2 GiB can be read.
   *
   * @throws IllegalArgumentException if there is no such buffer or it is not at least 1-D
   */
  public MappedRows mapRows(String name) throws IOException {
    return mapRows(name, MAX_PART_BYTES);
  }

  /** {@link #mapRows(String)} with parts of at most {@code maxPartBytes}. */
  MappedRows mapRows(String name, long maxPartBytes) throws IOException {
    BufferSpec spec = spec(name);
    long[] shape = spec.shape();
    if (shape.length == 0) {
      throw new IllegalArgumentException("buffer " + name + " is 0-dimensional; it has no rows");
    }
    long rows = shape[0];
    long rowBytes = rows == 0 ? 0 : spec.bytes() / rows;
    if (rowBytes > maxPartBytes) {
      throw new IllegalArgumentException(
          "buffer " + name + " has rows of " + rowBytes + " bytes, more than one part holds");
    }
    long rowsPerPart = rowBytes == 0 ? Math.max(1, rows) : maxPartBytes / rowBytes;
    int parts = (int) Math.max(1, (rows + rowsPerPart - 1) / rowsPerPart);
    ByteBuffer[] mapped = new ByteBuffer[parts];
    TorchScriptArchiveReader.Entry entry = entries.get(name);
    for (int p = 0; p < parts; p++) {
      long first = p * rowsPerPart;
      long count = Math.min(rowsPerPart, rows - first);
      mapped[p] =
          reader.map(entry, first * rowBytes, count * rowBytes).order(ByteOrder.LITTLE_ENDIAN);
    }
    return new MappedRows(rows, rowBytes, rowsPerPart, mapped);
  }

  /** Closes the model file; the mappings stay valid. */
  @Override
  public void close() throws IOException {
    reader.close();
  }

  @Override
  public String toString() {
    return "IndexBuffers{" + modelFile + "}";
  }
}
