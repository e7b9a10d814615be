package dev.linr.runtime;

/**
 * Searches an index model answered on one intra-op thread within its small-work limit, and those it
 * declined and answered again on every thread (see {@link
 * dev.linr.translate.SearchOptions#smallWork}). Searches that were not tried (a forced path, or no
 * filter on an index over the limit) count in neither.
 *
 * @param answered searches answered on one thread
 * @param declined searches declined there and repeated on every thread
 */
public record SmallWorkCounts(long answered, long declined) {}
