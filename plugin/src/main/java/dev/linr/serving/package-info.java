/**
 * The server: DJL Serving's HTTP API over linr index archives and ranking models. {@code config}
 * reads the server configuration, {@code wlm} loads models and runs their jobs in dynamic batches,
 * {@code workflow} chains models and functions, {@code metrics} counts, and {@code http} speaks
 * HTTP. Failures are {@link dev.linr.serving.ServingException}s with their status.
 */
package dev.linr.serving;
