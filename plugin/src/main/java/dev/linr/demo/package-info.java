/** A realistic synthetic corpus of posts, used by {@code linr demo} and the benchmarks. */
package dev.linr.demo;
