/** The index schema: dimension, metric, storage type and attribute types. */
package dev.linr.schema;
