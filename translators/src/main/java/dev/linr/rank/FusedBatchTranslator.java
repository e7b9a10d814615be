package dev.linr.rank;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dev.linr.query.SearchRequest;
import dev.linr.translate.IndexContext;
import dev.linr.translate.SearchBatch;
import dev.linr.translate.SearchBatchTranslator;
import dev.linr.translate.SearchOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Answers several fused requests in one forward pass of a fused retrieval and ranking model: each
 * request gets its best n candidates among its top k by ranker score, highest first, equal scores
 * in retrieval order (as the ranking translator orders them). Thread-safe: it holds no per-call
 * state.
 *
 * <p>Inputs are the index model's, as {@link SearchBatchTranslator} encodes them (so vectors and
 * filters are checked and named as in a search), with {@code k} per request ({@code [B]}) and
 * {@code n} per request ({@code [B]}) appended. Bad requests are {@link
 * dev.linr.query.RequestParseException}s naming the field.
 */
public final class FusedBatchTranslator
    implements Translator<List<FusedRequest>, List<List<RankedHit>>> {
  private static final String REQUESTS = "linr.fused.requests";

  private final IndexContext context;
  private final SearchBatchTranslator search;
  private final boolean attributes;

  /**
   * A translator for a fused model.
   *
   * @param options the planner options of the retrieval
   * @param attributes whether ranked hits carry their items' attributes (as the workflow's, whose
   *     retrieval includes them)
   */
  public FusedBatchTranslator(FusedContext context, SearchOptions options, boolean attributes) {
    this.context = context.index();
    this.search = new SearchBatchTranslator(context.index(), options);
    this.attributes = attributes;
  }

  /** None: inputs are already batched tensors, which DJL must not stack again. */
  @Override
  public Batchifier getBatchifier() {
    return null;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, List<FusedRequest> requests) {
    List<SearchRequest> searches = new ArrayList<>(requests.size());
    long[] ks = new long[requests.size()];
    long[] ns = new long[requests.size()];
    for (int i = 0; i < requests.size(); i++) {
      FusedRequest r = requests.get(i);
      searches.add(r.search());
      ks[i] = r.k();
      ns[i] = r.n();
    }
    NDList index = search.processInput(ctx, SearchBatch.of(searches));
    ctx.setAttachment(REQUESTS, requests);
    NDManager manager = ctx.getNDManager();
    NDList inputs = new NDList(index.size() + 1);
    for (int i = 0; i < index.size(); i++) {
      // The index's k is the batch's largest; the fused model takes each request's own.
      inputs.add(i == 1 ? manager.create(ks) : index.get(i));
    }
    inputs.add(manager.create(ns));
    return inputs;
  }

  @Override
  public List<List<RankedHit>> processOutput(TranslatorContext ctx, NDList list) {
    @SuppressWarnings("unchecked")
    List<FusedRequest> requests = (List<FusedRequest>) ctx.getAttachment(REQUESTS);
    if (list.size() != 6) {
      throw new IllegalStateException(
          "the fused model returned " + list.size() + " outputs, expected 6");
    }
    int rows = requests.size();
    NDArray first = list.get(0);
    int width = (int) (first.size() / rows);
    float[] scores = first.toFloatArray();
    float[] retrieval = list.get(1).toFloatArray();
    long[] slots = list.get(2).toLongArray();
    long[] ids = list.get(3).toLongArray();
    long[] matched = list.get(4).toLongArray();
    List<List<RankedHit>> out = new ArrayList<>(rows);
    for (int b = 0; b < rows; b++) {
      FusedRequest r = requests.get(b);
      long valid = Math.min(Math.min(r.n(), width), Math.min(r.k(), matched[b]));
      List<RankedHit> hits = new ArrayList<>((int) valid);
      for (int j = 0; j < valid; j++) {
        int at = b * width + j;
        if (!Float.isFinite(scores[at])) {
          throw new IllegalStateException(
              "the fused model's ranker scored item " + context.id(ids[at]) + " " + scores[at]);
        }
        Map<String, Object> values =
            attributes ? context.attributes().attributes(slots[at]) : Map.of();
        hits.add(new RankedHit(context.id(ids[at]), scores[at], retrieval[at], values));
      }
      out.add(hits);
    }
    return out;
  }
}
