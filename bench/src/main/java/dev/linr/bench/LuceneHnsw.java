package dev.linr.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.ObjIntConsumer;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexOrDocValuesQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The Lucene peer: the same unit vectors in an HNSW graph (default M=16, beamWidth=100, {@code
 * DOT_PRODUCT}, which on unit vectors ranks like cosine) with the same {@code bucket} attribute as
 * an {@link IntPoint} plus doc values, searched with a filtered {@link KnnFloatVectorQuery}. The
 * query cache is off: linr evaluates every filter afresh, and real filters vary per request.
 */
final class LuceneHnsw implements AutoCloseable {
  static final int M = Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN;
  static final int BEAM_WIDTH = Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH;
  private static final String VECTOR = "vector";
  private static final String BUCKET = "bucket";
  private static final String SLOT = "slot";

  private final Directory dir;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final int[] docToSlot;
  final double buildSeconds;

  private LuceneHnsw(Directory dir, double buildSeconds) throws IOException {
    this.dir = dir;
    this.buildSeconds = buildSeconds;
    this.reader = DirectoryReader.open(dir);
    this.searcher = new IndexSearcher(reader);
    searcher.setQueryCache(null);
    this.docToSlot = docToSlot(reader);
  }

  /** Indexes every item (one thread, one segment when it fits the RAM buffer) and opens it. */
  static LuceneHnsw build(FilterCorpus corpus, Path folder) throws IOException {
    return build(
        corpus.unit,
        corpus.dim,
        VectorSimilarityFunction.DOT_PRODUCT,
        (doc, r) -> {
          doc.add(new IntPoint(BUCKET, corpus.bucket[r]));
          doc.add(new NumericDocValuesField(BUCKET, corpus.bucket[r]));
        },
        folder);
  }

  /**
   * Indexes {@code vectors} (row-major, {@code dim} values per item; slot = row) with {@code
   * similarity}, each document also getting the fields {@code attributes} adds for its slot (one
   * thread, one segment when it fits the RAM buffer), and opens it.
   */
  static LuceneHnsw build(
      float[] vectors,
      int dim,
      VectorSimilarityFunction similarity,
      ObjIntConsumer<Document> attributes,
      Path folder)
      throws IOException {
    Directory dir = FSDirectory.open(folder);
    IndexWriterConfig config =
        new IndexWriterConfig()
            .setCodec(
                new Lucene912Codec() {
                  @Override
                  public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                    return new Lucene99HnswVectorsFormat(M, BEAM_WIDTH);
                  }
                })
            .setRAMBufferSizeMB(1900)
            .setUseCompoundFile(false);
    long t0 = System.nanoTime();
    try (IndexWriter writer = new IndexWriter(dir, config)) {
      int items = vectors.length / dim;
      for (int r = 0; r < items; r++) {
        float[] v = new float[dim];
        System.arraycopy(vectors, r * dim, v, 0, dim);
        Document doc = new Document();
        doc.add(new KnnFloatVectorField(VECTOR, v, similarity));
        attributes.accept(doc, r);
        doc.add(new NumericDocValuesField(SLOT, r));
        writer.addDocument(doc);
      }
      writer.commit();
    }
    return new LuceneHnsw(dir, (System.nanoTime() - t0) / 1e9);
  }

  int segments() {
    return reader.leaves().size();
  }

  /**
   * The filter {@code bucket < threshold}: points or doc values, whichever Lucene finds cheaper.
   */
  static Query filter(FilterCase c) {
    int hi = c.threshold() - 1;
    return new IndexOrDocValuesQuery(
        IntPoint.newRangeQuery(BUCKET, 0, hi),
        NumericDocValuesField.newSlowRangeQuery(BUCKET, 0, hi));
  }

  /** Lucene's top k for a query (unit for cosine) under a filter (null: none). */
  TopDocs search(float[] unitQuery, int k, Query filter) throws IOException {
    return searcher.search(new KnnFloatVectorQuery(VECTOR, unitQuery, k, filter), k);
  }

  /** The number of documents that pass {@code filter}. */
  int count(Query filter) throws IOException {
    return searcher.count(filter);
  }

  /** The slots of a result, best first. */
  int[] slots(TopDocs top) {
    int[] out = new int[top.scoreDocs.length];
    int i = 0;
    for (ScoreDoc d : top.scoreDocs) {
      out[i++] = docToSlot[d.doc];
    }
    return out;
  }

  private static int[] docToSlot(DirectoryReader reader) throws IOException {
    int[] out = new int[reader.maxDoc()];
    for (LeafReaderContext leaf : reader.leaves()) {
      NumericDocValues slots = leaf.reader().getNumericDocValues(SLOT);
      for (int d = slots.nextDoc(); d != NumericDocValues.NO_MORE_DOCS; d = slots.nextDoc()) {
        out[leaf.docBase + d] = (int) slots.longValue();
      }
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    reader.close();
    dir.close();
  }
}
