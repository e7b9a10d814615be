package dev.linr.items;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What a metadata reader parsed from one record; {@code vector} is null when vectors come from a
 * {@code .npy} file. {@code attributes} is unmodifiable and holds only present attributes.
 */
record ItemFields(
    ItemId id, float[] vector, Map<String, List<Object>> attributes, OptionalLong expiresAt) {}
