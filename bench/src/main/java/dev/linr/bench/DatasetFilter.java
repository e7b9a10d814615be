package dev.linr.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * One filter of the dataset benchmark, stated three ways that must agree: linr's filter string, the
 * same filter as a Lucene query, and a plain-Java predicate over slots (the reference for pass
 * counts, the brute force and post-filtering).
 *
 * @param linr linr's filter, or null for no filter
 * @param lucene the Lucene filter query, or null for no filter
 * @param passes whether the item in a slot passes
 */
record DatasetFilter(String linr, Query lucene, IntPredicate passes) {
  /** No filter: every item passes. */
  static final DatasetFilter NONE = new DatasetFilter(null, null, slot -> true);

  /** Equality on a single- or multi-valued string attribute indexed as a Lucene keyword field. */
  static DatasetFilter term(String attribute, String value, IntPredicate passes) {
    return new DatasetFilter(
        attribute + " = " + quote(value), new TermQuery(new Term(attribute, value)), passes);
  }

  /** Any of {@code values} on a string attribute indexed as a Lucene keyword field. */
  static DatasetFilter in(String attribute, List<String> values, IntPredicate passes) {
    BooleanQuery.Builder b = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
    for (String v : values) {
      b.add(new TermQuery(new Term(attribute, v)), BooleanClause.Occur.SHOULD);
    }
    return new DatasetFilter(
        attribute
            + " IN ("
            + values.stream().map(DatasetFilter::quote).collect(Collectors.joining(", "))
            + ")",
        b.build(),
        passes);
  }

  /** Every one of {@code parts} (linr {@code AND}, Lucene {@code FILTER} clauses). */
  static DatasetFilter and(DatasetFilter... parts) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    IntPredicate all = slot -> true;
    for (DatasetFilter p : parts) {
      b.add(p.lucene(), BooleanClause.Occur.FILTER);
      all = all.and(p.passes());
    }
    return new DatasetFilter(
        Arrays.stream(parts).map(DatasetFilter::linr).collect(Collectors.joining(" AND ")),
        b.build(),
        all);
  }

  /** The filter as written in reports: linr's string, or "none". */
  String label() {
    return linr == null ? "none" : linr;
  }

  /** The number of slots in [0, items) that pass. */
  long count(int items) {
    long n = 0;
    for (int slot = 0; slot < items; slot++) {
      if (passes.test(slot)) {
        n++;
      }
    }
    return n;
  }

  /** A linr string literal: single quotes, a quote doubled. */
  static String quote(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
