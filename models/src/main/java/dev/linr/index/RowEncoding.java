package dev.linr.index;

import dev.linr.schema.AttributeType;
import dev.linr.schema.IndexSchema;
import dev.linr.schema.Metric;
import dev.linr.schema.StorageType;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/**
 * How one item is stored in the row buffers, shared by the build ({@link RowWriter}) and live
 * updates ({@link LiveRowEncoder}) so that both write the same bytes: the stored vector (and its
 * squared norm for l2), and each attribute column's cells (see {@link AttributeColumn}). Stateless
 * but for the dictionaries it reads.
 */
final class RowEncoding {
  private final IndexSchema schema;
  private final Function<String, StringDictionary> dictionaries;

  /**
   * @param dictionaries the dictionary of a string attribute, by name
   */
  RowEncoding(IndexSchema schema, Function<String, StringDictionary> dictionaries) {
    this.schema = schema;
    this.dictionaries = dictionaries;
  }

  /** Writes a vector in its stored form to {@code emb}, and its squared norm for l2. */
  void vector(float[] stored, Function<String, RowOut> buffers) throws IOException {
    StorageType dtype = schema.dtype();
    RowOut emb = buffers.apply("emb");
    double sqnorm = 0;
    for (float v : stored) {
      sqnorm += (double) v * v;
      if (dtype == StorageType.FLOAT32) {
        emb.putFloat(v);
      } else {
        emb.putShort(dtype.bits(v));
      }
    }
    if (schema.metric() == Metric.L2) {
      buffers.apply("sqnorm").putFloat((float) sqnorm);
    }
  }

  /** Writes one row of a column; {@code values} null or empty for an item without it. */
  void attribute(AttributeColumn c, List<Object> values, Function<String, RowOut> buffers)
      throws IOException {
    RowOut out = buffers.apply(c.valuesName());
    int n = values == null ? 0 : values.size();
    switch (c.encoding()) {
      case BITS:
        long word = 0;
        for (int i = 0; i < n; i++) {
          word |= 1L << code(c, values.get(i));
        }
        out.putInteger(c.valuesType(), word);
        break;
      case LIST:
        for (int i = 0; i < c.width(); i++) {
          Object v = i < n ? values.get(i) : null;
          if (c.spec().type() == AttributeType.FLOAT) {
            out.putDouble(v == null ? 0.0 : ((Number) v).doubleValue());
          } else {
            out.putInteger(c.valuesType(), v == null ? 0 : code(c, v));
          }
        }
        buffers.apply(c.countsName()).putInt(n);
        break;
      case CODES:
        out.putInteger(
            c.valuesType(), n == 0 ? AttributeColumn.MISSING_CODE : code(c, values.get(0)));
        break;
      default:
        Object v = n == 0 ? null : values.get(0);
        if (c.spec().type() == AttributeType.FLOAT) {
          out.putDouble(v == null ? Double.NaN : ((Number) v).doubleValue());
        } else {
          out.putLong(v == null ? 0 : ((Number) v).longValue());
          buffers.apply(c.presentName()).putByte(v == null ? 0 : 1);
        }
    }
  }

  /** The int64 stored for a string, bool or int value. */
  private long code(AttributeColumn c, Object v) {
    switch (c.spec().type()) {
      case STRING:
        int code = dictionaries.apply(c.spec().name()).code((String) v);
        if (code < 0) {
          throw new IllegalStateException("value '" + v + "' is not in the dictionary");
        }
        return code;
      case BOOL:
        return ((Boolean) v) ? 1 : 0;
      default:
        return ((Number) v).longValue();
    }
  }
}
