package dev.linr.torchscript;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;

/**
 * Writes the bytes of one tensor, little-endian, in row-major (contiguous) order: exactly {@code
 * numel * dtype.bytes()} of them. Implementations must not close the channel; writing more or fewer
 * bytes than declared fails the archive.
 */
@FunctionalInterface
public interface TensorContent {
  /** Writes all bytes of the tensor to {@code out}. */
  void writeTo(WritableByteChannel out) throws IOException;
}
