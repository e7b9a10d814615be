package dev.linr.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The dot products of one query with float32 rows in native memory, in SIMD registers through the
 * Vector API, each row read once: the streaming scan a hand-written kernel would run, as a peer for
 * libtorch's product in {@link ScanBench}. Loaded only where the {@code jdk.incubator.vector}
 * module is present ({@link ScanBench#SIMD_AVAILABLE}). Stateless.
 */
final class SimdDots {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();

  private SimdDots() {}

  /**
   * Writes {@code out[r] = q . row r} for rows {@code [from, to)} of {@code rows} (float32, {@code
   * d} per row, native byte order, at most 2 GB).
   */
  static void dots(ByteBuffer rows, int d, float[] q, float[] out, int from, int to) {
    int whole = SPECIES.loopBound(d);
    FloatVector[] qv = new FloatVector[whole / LANES];
    for (int v = 0; v < qv.length; v++) {
      qv[v] = FloatVector.fromArray(SPECIES, q, v * LANES);
    }
    ByteOrder order = ByteOrder.nativeOrder();
    int step = LANES * Float.BYTES;
    for (int r = from; r < to; r++) {
      int base = r * d * Float.BYTES;
      FloatVector even = FloatVector.zero(SPECIES);
      FloatVector odd = FloatVector.zero(SPECIES);
      int v = 0;
      for (; v + 1 < qv.length; v += 2) {
        int at = base + v * step;
        even = FloatVector.fromByteBuffer(SPECIES, rows, at, order).fma(qv[v], even);
        odd = FloatVector.fromByteBuffer(SPECIES, rows, at + step, order).fma(qv[v + 1], odd);
      }
      if (v < qv.length) {
        even = FloatVector.fromByteBuffer(SPECIES, rows, base + v * step, order).fma(qv[v], even);
      }
      float sum = even.add(odd).reduceLanes(VectorOperators.ADD);
      for (int j = whole; j < d; j++) {
        sum += rows.getFloat(base + j * Float.BYTES) * q[j];
      }
      out[r] = sum;
    }
  }
}
