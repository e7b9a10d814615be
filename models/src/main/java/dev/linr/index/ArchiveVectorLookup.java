package dev.linr.index;

import dev.linr.schema.HalfFloats;
import dev.linr.schema.StorageType;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads item embeddings straight from the {@code emb} buffer of an index model file ({@link
 * IndexLayout#embeddings()}), memory-mapped, so vectors are stored once (in the model) and decoded
 * only for the hits that ask for them. Float16 and bfloat16 values are widened exactly to float32.
 * Thread-safe: reads use absolute positions on read-only mappings.
 */
public final class ArchiveVectorLookup implements VectorLookup {
  private final StorageType dtype;
  private final int dimension;
  private final MappedRows rows;

  private ArchiveVectorLookup(StorageType dtype, int dimension, MappedRows rows) {
    this.dtype = dtype;
    this.dimension = dimension;
    this.rows = rows;
  }

  /** Maps the embedding buffer of a model file that is already open and checked. */
  public static ArchiveVectorLookup of(IndexMetadata metadata, IndexBuffers buffers)
      throws IOException {
    IndexLayout layout = metadata.layout();
    MappedRows rows = buffers.mapRows(layout.embeddings().name());
    return new ArchiveVectorLookup(layout.schema().dtype(), layout.schema().dimension(), rows);
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public float[] vector(long slot) {
    ByteBuffer part = rows.part(slot);
    int at = rows.offset(slot);
    float[] out = new float[dimension];
    switch (dtype) {
      case FLOAT16:
        for (int i = 0; i < dimension; i++) {
          out[i] = HalfFloats.float16ToFloat(part.getShort(at + 2 * i));
        }
        break;
      case BFLOAT16:
        for (int i = 0; i < dimension; i++) {
          out[i] = HalfFloats.bfloat16ToFloat(part.getShort(at + 2 * i));
        }
        break;
      default:
        // One bulk copy of the row (a slice starts big-endian: the mapping's order is restored).
        part.slice(at, 4 * dimension).order(part.order()).asFloatBuffer().get(out);
    }
    return out;
  }
}
