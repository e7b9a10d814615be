/** Side-by-side benchmarks; results land in {@code bench/results/} and BENCHMARKS.md. */
package dev.linr.bench;
