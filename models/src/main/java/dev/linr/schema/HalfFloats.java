package dev.linr.schema;

/**
 * IEEE 754 binary16 and bfloat16 conversions with round-half-to-even, matching what PyTorch's
 * {@code tensor.half()} and {@code tensor.bfloat16()} produce.
 */
public final class HalfFloats {
  private HalfFloats() {}

  /** Rounds a float to binary16 bits. NaN stays NaN, overflow becomes infinity. */
  public static short floatToFloat16(float value) {
    int f = Float.floatToRawIntBits(value);
    int sign = (f >>> 16) & 0x8000;
    int exp = (f >>> 23) & 0xff;
    int mant = f & 0x7fffff;
    if (exp == 0xff) {
      return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 | (mant >>> 13) : 0));
    }
    int e = exp - 127 + 15;
    if (e >= 0x1f) {
      return (short) (sign | 0x7c00);
    }
    if (e <= 0) {
      if (e < -10) {
        return (short) sign;
      }
      // Subnormal: shift the mantissa (with its implicit bit) and round half to even.
      int m = mant | 0x800000;
      int shift = 14 - e;
      int half = 1 << (shift - 1);
      int rounded = m >>> shift;
      int rest = m & ((1 << shift) - 1);
      if (rest > half || (rest == half && (rounded & 1) == 1)) {
        rounded++;
      }
      return (short) (sign | rounded);
    }
    int rounded = (e << 10) | (mant >>> 13);
    int rest = mant & 0x1fff;
    if (rest > 0x1000 || (rest == 0x1000 && (rounded & 1) == 1)) {
      rounded++; // may carry into the exponent, and up to infinity: both are correct
    }
    return (short) (sign | rounded);
  }

  /** Widens binary16 bits to the float they denote (exactly). */
  public static float float16ToFloat(short bits) {
    int h = bits & 0xffff;
    int sign = (h & 0x8000) << 16;
    int exp = (h >>> 10) & 0x1f;
    int mant = h & 0x3ff;
    if (exp == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
    }
    if (exp == 0) {
      float v = mant * 0x1p-24f;
      return sign != 0 ? -v : v;
    }
    return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
  }

  /** Rounds a float to bfloat16 bits (the top 16 bits of a float, rounded half to even). */
  public static short floatToBFloat16(float value) {
    int f = Float.floatToRawIntBits(value);
    if ((f & 0x7f800000) == 0x7f800000 && (f & 0x7fffff) != 0) {
      return (short) ((f >>> 16) | 0x40);
    }
    int lsb = (f >>> 16) & 1;
    return (short) ((f + 0x7fff + lsb) >>> 16);
  }

  /** Widens bfloat16 bits to the float they denote (exactly). */
  public static float bfloat16ToFloat(short bits) {
    return Float.intBitsToFloat((bits & 0xffff) << 16);
  }
}
