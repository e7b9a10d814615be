package dev.linr.schema;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The element type in which item embeddings are stored in the index model. Scores are always
 * computed from the stored (rounded) values and returned as float32.
 */
public enum StorageType {
  FLOAT32(4),
  FLOAT16(2),
  BFLOAT16(2);

  private final int bytes;

  StorageType(int bytes) {
    this.bytes = bytes;
  }

  /** Bytes per stored element. */
  public int bytes() {
    return bytes;
  }

  /** The name used in schema files and on the command line. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Rounds a float to the nearest value this type can hold (round half to even). */
  public float round(float value) {
    switch (this) {
      case FLOAT16:
        return HalfFloats.float16ToFloat(HalfFloats.floatToFloat16(value));
      case BFLOAT16:
        return HalfFloats.bfloat16ToFloat(HalfFloats.floatToBFloat16(value));
      default:
        return value;
    }
  }

  /** The bit pattern of {@link #round(float)} in this type, as stored little-endian in storages. */
  public int bits(float value) {
    switch (this) {
      case FLOAT16:
        return HalfFloats.floatToFloat16(value) & 0xffff;
      case BFLOAT16:
        return HalfFloats.floatToBFloat16(value) & 0xffff;
      default:
        return Float.floatToRawIntBits(value);
    }
  }

  /** Parses {@code float32}, {@code float16} or {@code bfloat16}, case-insensitively. */
  public static StorageType parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("fp32") || t.equals("f32")) {
      return FLOAT32;
    }
    if (t.equals("fp16") || t.equals("f16") || t.equals("half")) {
      return FLOAT16;
    }
    if (t.equals("bf16")) {
      return BFLOAT16;
    }
    for (StorageType s : values()) {
      if (s.jsonName().equals(t)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown dtype '"
            + text
            + "'; valid dtypes: "
            + Arrays.stream(values()).map(StorageType::jsonName).collect(Collectors.joining(", ")));
  }
}
