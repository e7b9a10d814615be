package dev.linr.runtime;

import ai.djl.translate.Translator;

/**
 * What each search of a {@link LinrIndex} runs in: a live index restricts it to the items published
 * when it starts ({@link PublishedSearch}); a plain index runs the translator as it is.
 * Thread-safe.
 */
interface SearchScope {
  /** Runs translators unchanged. */
  SearchScope NONE =
      new SearchScope() {
        @Override
        public <I, O> Search<I, O> begin(Translator<I, O> translator) {
          return new Search<>() {
            @Override
            public Translator<I, O> translator() {
              return translator;
            }

            @Override
            public void close() {}
          };
        }
      };

  /** Starts one search; the caller closes it when the predictor has returned. */
  <I, O> Search<I, O> begin(Translator<I, O> translator);

  /** One search: the translator to predict with, and what it holds until closed. */
  interface Search<I, O> extends AutoCloseable {
    Translator<I, O> translator();

    @Override
    void close();
  }
}
