package dev.linr.items;

import dev.linr.schema.IndexSchema;

/**
 * What {@link SchemaInference} found.
 *
 * @param schema the inferred schema
 * @param count how many items the input holds (all of them valid against {@code schema})
 */
public record InferredInput(IndexSchema schema, long count) {}
