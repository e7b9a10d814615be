/**
 * Attribute filters applied before top-k: the {@link dev.linr.filter.Filter} tree, its string
 * language ({@link dev.linr.filter.FilterParser}, {@code Filter.toString()}), its JSON form ({@link
 * dev.linr.filter.FilterJson}), schema checks ({@link dev.linr.filter.FilterValidator}), the
 * plain-Java reference semantics ({@link dev.linr.filter.FilterEvaluator}) and a seeded generator
 * of random filters for property tests ({@link dev.linr.filter.RandomFilters}).
 *
 * <p>Semantics in short: a multi-valued attribute matches a predicate when any of its values does
 * ({@code ALL} needs every listed value); an item without the attribute fails every predicate on
 * it, {@code !=} and {@code NOT IN} included, while the logical {@code NOT} of a predicate is true
 * for it.
 */
package dev.linr.filter;
