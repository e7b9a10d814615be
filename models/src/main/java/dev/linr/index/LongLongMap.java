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

  /** The value of {@code key}, or {@code missing}. */
  long get(long key, long missing) {
    if (key == EMPTY) {
      return hasEmptyKey ? emptyKeyValue : missing;
    }
    int i = slot(key);
    while (keys[i] != EMPTY) {
      if (keys[i] == key) {
        return values[i];
      }
      i = (i + 1) & (keys.length - 1);
    }
    return missing;
  }

  /** Sets the value of {@code key}. */
  void put(long key, long value) {
    if (key == EMPTY) {
      size += hasEmptyKey ? 0 : 1;
      hasEmptyKey = true;
      emptyKeyValue = value;
      return;
    }
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int i = slot(key);
    while (keys[i] != EMPTY) {
      if (keys[i] == key) {
        values[i] = value;
        return;
      }
      i = (i + 1) & (keys.length - 1);
    }
    keys[i] = key;
    values[i] = value;
    size++;
  }

  /** Removes {@code key}; returns whether it was present. */
  boolean remove(long key) {
    if (key == EMPTY) {
      boolean had = hasEmptyKey;
      size -= had ? 1 : 0;
      hasEmptyKey = false;
      return had;
    }
    int mask = keys.length - 1;
    int i = slot(key);
    while (keys[i] != key) {
      if (keys[i] == EMPTY) {
        return false;
      }
      i = (i + 1) & mask;
    }
    // Backward-shift deletion: move later entries of the probe run into the gap so that lookups
    // never stop early at it.
    int gap = i;
    int j = i;
    while (true) {
      j = (j + 1) & mask;
      if (keys[j] == EMPTY) {
        break;
      }
      int home = slot(keys[j]);
      boolean movable = gap <= j ? (home <= gap || home > j) : (home <= gap && home > j);
      if (movable) {
        keys[gap] = keys[j];
        values[gap] = values[j];
        gap = j;
      }
    }
    keys[gap] = EMPTY;
    size--;
    return true;
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
