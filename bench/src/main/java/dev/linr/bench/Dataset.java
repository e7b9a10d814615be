package dev.linr.bench;

import dev.linr.schema.Metric;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ObjIntConsumer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * A corpus of the dataset benchmark, ready for every peer: linr's input files (a float32 {@code
 * .npy} of vectors and JSON Lines of ids 1..N and attributes in the same order, so slot = id - 1),
 * the vectors as linr stores them (unit vectors for cosine), the queries, the filters to run, and
 * how a Lucene document gets an item's attributes.
 *
 * @param name the dataset's name in reports and file names ("synthetic", "fashion-mnist")
 * @param items the number of items
 * @param dim the vector dimension
 * @param metric linr's metric (cosine or l2)
 * @param npy the vectors, float32 [items, dim]
 * @param metadata ids and attributes, one JSON object per line
 * @param stored the vectors as linr stores them, row-major
 * @param queries the query vectors as given (not normalised)
 * @param filters the filters to run, the first one usually {@link DatasetFilter#NONE}
 * @param luceneFields adds the attributes of a slot to its Lucene document
 */
record Dataset(
    String name,
    int items,
    int dim,
    Metric metric,
    Path npy,
    Path metadata,
    float[] stored,
    float[][] queries,
    List<DatasetFilter> filters,
    ObjIntConsumer<Document> luceneFields) {

  Dataset {
    if (metric != Metric.COSINE && metric != Metric.L2) {
      throw new IllegalArgumentException("dataset metric must be cosine or l2, got " + metric);
    }
  }

  /** Query {@code i} as the stored vectors are scored against it (a unit copy for cosine). */
  float[] scoredQuery(int i) {
    float[] q = queries[i].clone();
    if (metric == Metric.COSINE) {
      FilterCorpus.normalise(q, 0, dim);
    }
    return q;
  }

  /** Every query as {@link #scoredQuery} gives it. */
  float[][] scoredQueries() {
    float[][] out = new float[queries.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = scoredQuery(i);
    }
    return out;
  }

  /** Lucene's similarity ranking like linr's metric (dot product of unit vectors for cosine). */
  VectorSimilarityFunction luceneSimilarity() {
    return metric == Metric.L2
        ? VectorSimilarityFunction.EUCLIDEAN
        : VectorSimilarityFunction.DOT_PRODUCT;
  }

  /** A plain-Java brute force over the stored vectors. */
  FilteredBruteForce bruteForce() {
    return new FilteredBruteForce(stored, dim, metric == Metric.L2);
  }
}
