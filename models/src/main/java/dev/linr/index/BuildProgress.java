package dev.linr.index;

/** Receives progress of a long index build. Called from the building thread only. */
public interface BuildProgress {
  /** A phase starts; {@code total} items are expected, or -1 when not yet known. */
  void start(String phase, long total);

  /** {@code done} items of the current phase are finished. */
  void advance(long done);

  /** The current phase is finished. */
  void finish();

  /** Progress that goes nowhere. */
  BuildProgress NONE =
      new BuildProgress() {
        @Override
        public void start(String phase, long total) {}

        @Override
        public void advance(long done) {}

        @Override
        public void finish() {}
      };
}
