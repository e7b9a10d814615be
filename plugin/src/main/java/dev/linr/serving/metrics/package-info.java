/**
 * The server's metrics: request and batch counters and histograms, model gauges and memory,
 * rendered in Prometheus' text format ({@link dev.linr.serving.metrics.ServerMetrics}).
 */
package dev.linr.serving.metrics;
