package dev.linr.index;

import java.util.Arrays;

/**
 * An open-addressing map from long to long without boxing, for id bookkeeping over millions of
 * items. Not thread-safe.
 */
final class LongLongMap {
  private static final long EMPTY = Long.MIN_VALUE;

  private long[] keys;
  private long[] values;
  private boolean hasEmptyKey;
  private long emptyKeyValue;
  private int size;

  LongLongMap(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[cap];
    values = new long[cap];
    Arrays.fill(keys, EMPTY);
  }

  /** Puts the pair unless the key is present; returns the existing value, or {@code missing}. */
  long putIfAbsent(long key, long value, long missing) {
    if (key == EMPTY) {
      if (hasEmptyKey) {
        return emptyKeyValue;
      }
      hasEmptyKey = true;
      emptyKeyValue = value;
      size++;
      return missing;
    }
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int i = slot(key);
    while (keys[i] != EMPTY) {
      if (keys[i] == key) {
        return values[i];
      }
      i = (i + 1) & (keys.length - 1);
    }
    keys[i] = key;
    values[i] = value;
    size++;
    return missing;
  }

  int size() {
    return size;
  }

  private int slot(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & (keys.length - 1);
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new long[oldKeys.length * 2];
    Arrays.fill(keys, EMPTY);
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] != EMPTY) {
        int i = slot(oldKeys[j]);
        while (keys[i] != EMPTY) {
          i = (i + 1) & (keys.length - 1);
        }
        keys[i] = oldKeys[j];
        values[i] = oldValues[j];
      }
    }
  }
}
