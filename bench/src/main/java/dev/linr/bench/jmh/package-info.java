/**
 * In-process JMH microbenchmarks of linr's own hot paths outside the model: filter compilation,
 * request parsing and response writing. Run with {@code ./linr bench jmh [JMH options]}.
 */
package dev.linr.bench.jmh;
